export const posChannels = [
  'pos.scan',
  'pos.checkout',
  'pos.receipt',
  'pos.returnable',
  'pos.return',
] as const;
