export const posChannels = [
  'pos.scan',
  'pos.checkout',
  'pos.receipt',
  'pos.returnable',
  'pos.return',
  'pos.park',
  'pos.parked',
  'pos.resume',
  'pos.discard',
  'pos.voidCart',
  'pos.voidLine',
] as const;
