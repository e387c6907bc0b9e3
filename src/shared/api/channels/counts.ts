export const countsChannels = [
  'stock.receive',
  'stock.writeOff',
  'stock.lots',
  'stock.lotTrace',
  'counts.list',
  'counts.get',
  'counts.start',
  'counts.set',
  'counts.scan',
  'counts.apply',
  'counts.cancel',
  'counts.sheet',
] as const;
