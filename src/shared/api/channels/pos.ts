export const posChannels = [
  'pos.scan',
  'pos.checkout',
  'pos.receipt',
] as const;
