import type Database from 'better-sqlite3';
import type { CostChange } from '../../../shared/api/contracts/counts';
import type { Journal } from '../audit/journal';

/**
 * A delivery bought at a new price becomes the product's cost price, so margins and the stock's value
 * follow what the shop now pays. Only lines that name their unit cost are taken (a line left at the
 * order's price must not undo a cost price the owner has since corrected); a product listed twice
 * takes its last line's. Each change is audited with the old and new cost and the delivery's reference.
 * Runs inside the caller's transaction.
 */
export function takeReceivedCosts(
  sqlite: Database.Database,
  journal: Journal,
  lines: { productId: number; unitCostMinor: number | undefined }[],
  who: { userId: number; at: string; reference: string },
): CostChange[] {
  const latest = new Map<number, number>();
  for (const l of lines) if (l.unitCostMinor !== undefined) latest.set(l.productId, l.unitCostMinor);
  const current = sqlite.prepare('SELECT cost_minor FROM products WHERE id = ?').pluck();
  const update = sqlite.prepare('UPDATE products SET cost_minor = ?, updated_at = ? WHERE id = ?');
  const changes: CostChange[] = [];
  for (const [productId, toMinor] of latest) {
    const fromMinor = current.get(productId) as number;
    if (fromMinor === toMinor) continue;
    update.run(toMinor, who.at, productId);
    journal.write(who.at, who.userId, 'cost_change', 'product', productId, { fromMinor, toMinor, reference: who.reference });
    changes.push({ productId, fromMinor, toMinor });
  }
  return changes;
}
