import type { Channel } from '../../shared/api/contract';
import type { User } from '../../shared/domain/user';

type Row = Record<string, unknown>;
const blank = (row: Row, ...keys: string[]): Row => {
  const copy = { ...row };
  for (const key of keys) if (key in copy) copy[key] = null;
  return copy;
};
const rows = (data: unknown, ...keys: string[]) => (data as Row[]).map((r) => blank(r, ...keys));

/**
 * Outputs that carry costs or stock value, and how to blank them. A cashier sells at the shelf price
 * and never sees what the shop paid: these fields reach a cashier's screen as null, whatever it asks.
 * Counts blank their own expected quantities and values (services/counts) since they depend on the
 * count's state.
 */
const COSTS: Partial<Record<Channel, (data: unknown) => unknown>> = {
  'products.list': (d) => ({ ...(d as Row), items: rows((d as { items: unknown }).items, 'costMinor') }),
  'products.get': (d) => blank(d as Row, 'costMinor'),
  'pos.scan': (d) => ({ ...(d as Row), product: blank((d as { product: Row }).product, 'costMinor') }),
  'stock.onHand': (d) => rows(d, 'valueMinor'),
  'ledger.movements': (d) => rows(d, 'unitCostMinor'),
  'ledger.journal': (d) => ({ ...(d as Row), items: rows((d as { items: unknown }).items, 'unitCostMinor', 'valueMinor'), totals: rows((d as { totals: unknown }).totals, 'valueMinor') }),
  'replenishment.list': (d) => rows(d, 'costMinor'),
  'dashboard.summary': (d) => blank(d as Row, 'marginMinor', 'marginRate', 'losses', 'stockValueMinor'),
};

/**
 * Where things live on this PC and its network: the shop file, the backup folder (a USB key, a shared
 * drive) and the thermal printer's address (a device, a Windows share, tcp://host:port). They are the
 * owner's to set; to anyone else, and to whoever stands at the lock screen, they are targets. The till
 * does not need them: backups and receipts run in main, with main's own settings.
 */
const PLACES: Partial<Record<Channel, (data: unknown) => unknown>> = {
  'app.info': (d) => ({ ...(d as Row), dbPath: '' }),
  'settings.get': (d) => ({ ...(d as Row), backupFolder: '', escposTarget: '' }),
  'print.receipt': (d) => ((d as Row).via === 'escpos' ? { ...(d as Row), destination: '' } : d),
};

/** What `user` may see of a channel's result. */
export function redactFor(user: User, channel: Channel, data: unknown): unknown {
  const placed = user.role === 'owner' ? data : (PLACES[channel]?.(data) ?? data);
  if (user.role !== 'cashier') return placed;
  const hide = COSTS[channel];
  return hide ? hide(placed) : placed;
}
