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

/** What `user` may see of a channel's result. */
export function redactFor(user: User, channel: Channel, data: unknown): unknown {
  // where the shop file lives is for the owner's backups; to anyone else it is a target
  if (channel === 'app.info' && user.role !== 'owner') return { ...(data as Row), dbPath: '' };
  if (user.role !== 'cashier') return data;
  const hide = COSTS[channel];
  return hide ? hide(data) : data;
}
