/**
 * The operation names alone, with no schema library, for the preload (which must stay tiny).
 * contract.ts checks at compile time that this list and the contract's keys are the same set.
 */
export const CHANNELS = [
  'app.info',
  'session.current',
  'settings.get',
  'settings.save',
  'products.list',
  'products.get',
  'products.save',
  'products.deactivate',
  'products.categories',
  'suppliers.list',
  'suppliers.save',
  'suppliers.deactivate',
  'ledger.record',
  'ledger.movements',
  'stock.onHand',
  'pos.scan',
  'pos.checkout',
  'pos.receipt',
  'forecast.run',
  'forecast.cancel',
  'forecast.status',
  'forecast.product',
] as const;
export type ChannelName = (typeof CHANNELS)[number];
