import type Database from 'better-sqlite3';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import type { CsvRecord } from './csv';
import { ProductIndex, type RowContext } from './context';
import type { IssueParams } from './issues';

/**
 * Opening stock: one receipt per row (with its lot and expiry when given), so on-hand stays the sum of
 * the ledger. Only for products without any movement yet: counting a product twice would double it.
 * Several rows for one product are fine when their lots differ.
 */
export class StockImporter {
  private readonly products: ProductIndex;
  private readonly hasMovements: Database.Statement;
  private readonly lots = new Map<string, number>(); // productId|lot -> line
  /** Products this import gave stock to (their movements are ours, not earlier ones). */
  private readonly mine = new Set<number>();
  private readonly writer: LedgerWriter;

  constructor(private readonly ctx: RowContext) {
    this.products = new ProductIndex(ctx.db);
    this.hasMovements = ctx.db.prepare('SELECT 1 FROM movements WHERE product_id = ? LIMIT 1').pluck();
    this.writer = new LedgerWriter(new LedgerStatements(ctx.db), ctx.options.userId, ctx.options.reference, 'allow');
  }

  row(rec: CsvRecord): void {
    const ctx = this.ctx;
    ctx.startRow(rec);
    const code = ctx.required(rec, 'product', 'the product code');
    const milli = ctx.quantity(rec, 'qty', { required: true });
    const cost = ctx.money(rec, 'cost');
    const expiry = ctx.date(rec, 'expiry');
    const lot = ctx.cell(rec, 'lot');
    const product = code === '' ? undefined : this.products.find(code);
    if (code !== '' && !product) ctx.issue(rec.line, 'product', 'unknown_product', `no product with the code « ${code} »`, { specific: 'no_product', code });
    let key = '';
    if (product) {
      if (!this.mine.has(product.id) && this.hasMovements.get(product.id) !== undefined) {
        ctx.issue(rec.line, 'product', 'has_stock', `« ${code} » already has stock movements: correct its stock with a count instead`, {
          specific: 'has_stock',
          code,
        });
      }
      key = `${product.id}|${lot}`;
      const at = this.lots.get(key);
      if (at !== undefined) {
        const where: IssueParams = lot === '' ? { specific: 'stock_twice', code, at } : { specific: 'stock_lot_twice', code, lot, at };
        ctx.issue(rec.line, lot === '' ? 'product' : 'lot', 'duplicate_in_file', `« ${code} »${lot ? ` lot ${lot}` : ''} is already on line ${at} of this file`, where);
      }
    }
    if (product && milli !== null) ctx.wholePieces(rec, 'qty', product.unit, milli);
    if (!ctx.endRow() || !product || milli === null) return;
    this.lots.set(key, rec.line);
    this.mine.add(product.id);
    ctx.counters.written++;
    if (ctx.options.dryRun || milli === 0) return;
    this.writer.add(
      {
        productId: product.id,
        kind: 'receipt',
        quantity: milli / 1000,
        unitCostMinor: cost ?? product.costMinor,
        reason: 'stock initial / opening stock',
        lot: lot === '' ? undefined : lot,
        expiry: expiry ?? undefined,
      },
      new Date(ctx.options.nowIso),
    );
  }

  finish(): void {
    if (!this.ctx.options.dryRun) this.writer.finish();
  }
}
