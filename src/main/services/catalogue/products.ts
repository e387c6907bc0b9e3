import { eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError } from '../../../shared/api/result';
import type { productInput, productListInput } from '../../../shared/api/schemas';
import type { Product, ProductWithStock } from '../../../shared/domain/product';
import type { Unit } from '../../../shared/domain/quantity';
import { storedNetContent } from '../../../shared/domain/net-content';
import { fromMilli, toMilli } from '../../../shared/domain/quantity';
import { productBarcodes, products, suppliers } from '../../db/schema';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { countReference } from '../counts/service';
import { poReference } from '../purchasing/service';
import { assertWholePieces } from '../ledger/whole-pieces';
import { escapeLike, foldForSearch } from '../text';
import { inList } from '../../db/sql';

type ProductRow = typeof products.$inferSelect;

function toProduct(row: ProductRow, barcodes: string[]): Product {
  return {
    id: row.id,
    sku: row.sku,
    barcodes,
    name: row.name,
    category: row.category,
    unit: row.unit as Unit,
    costMinor: row.costMinor,
    priceMinor: row.priceMinor,
    vatRateBp: row.vatRateBp,
    supplierId: row.supplierId,
    leadTimeDays: row.leadTimeDays,
    minOrderQty: fromMilli(row.minOrderMilli),
    packSize: fromMilli(row.packSizeMilli),
    tracksExpiry: row.tracksExpiry,
    netContent: storedNetContent(row.netContentMilli, row.netContentUnit),
    active: row.active,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export class ProductService {
  private readonly journal: Journal;

  constructor(private readonly deps: ServiceDeps) {
    this.journal = new Journal(deps.store.sqlite);
  }

  private barcodesOf(ids: number[]): Map<number, string[]> {
    const map = new Map<number, string[]>();
    if (ids.length === 0) return map;
    const rows = this.deps.store.orm
      .select()
      .from(productBarcodes)
      .where(inArray(productBarcodes.productId, ids))
      .all();
    for (const r of rows) map.set(r.productId, [...(map.get(r.productId) ?? []), r.barcode]);
    return map;
  }

  /**
   * Lists products, ranked for the search box: exact barcode or SKU first, then names starting with
   * the text, then names containing it. Ranking and the limit apply before any join, and the total is
   * counted only when the page is full: the till searches on every keystroke.
   */
  list(query: z.output<typeof productListInput>): { items: ProductWithStock[]; total: number } {
    const folded = foldForSearch(query.search);
    const raw = query.search.trim();
    const sqlite = this.deps.store.sqlite;
    const active = query.includeInactive ? '' : 'AND p.active = 1';
    let hits: { id: number }[];
    let where: string;
    const params = { like: `%${escapeLike(folded)}%`, prefix: `${escapeLike(folded)}%`, raw, limit: query.limit, offset: query.offset };
    if (!folded) {
      where = `1=1 ${active}`;
      hits = sqlite.prepare(`SELECT p.id FROM products p WHERE ${where} ORDER BY p.name COLLATE NOCASE LIMIT @limit OFFSET @offset`).all(params) as { id: number }[];
    } else {
      // the exact code, found through its index, then the text matches
      const exact = sqlite
        .prepare(`SELECT p.id FROM products p WHERE p.id IN (SELECT product_id FROM product_barcodes WHERE barcode = @raw UNION SELECT id FROM products WHERE sku = @raw COLLATE NOCASE) ${active}`)
        .all(params) as { id: number }[];
      where = `p.search_text LIKE @like ESCAPE '\\' ${active}`;
      const text = sqlite
        .prepare(
          `SELECT p.id FROM products p WHERE ${where}
           ORDER BY (p.search_text LIKE @prefix ESCAPE '\\') DESC, p.name COLLATE NOCASE LIMIT @limit + @offset`,
        )
        .all(params) as { id: number }[];
      const seen = new Set<number>();
      hits = [...exact, ...text].filter((h) => !seen.has(h.id) && seen.add(h.id)).slice(query.offset, query.offset + query.limit);
      where = `(${where} OR p.id IN (${exact.map((e) => e.id).join(',') || 'NULL'}))`;
    }
    const total =
      hits.length < query.limit || !query.withTotal
        ? query.offset + hits.length
        : (sqlite.prepare(`SELECT count(*) AS n FROM products p WHERE ${where}`).get(params) as { n: number }).n;
    if (hits.length === 0) return { items: [], total };
    const ids = hits.map((h) => h.id);
    const rows = sqlite
      .prepare(
        `SELECT p.*, COALESCE(s.on_hand_milli, 0) AS on_hand_milli, sup.name AS supplier_name
         FROM products p LEFT JOIN stock s ON s.product_id = p.id LEFT JOIN suppliers sup ON sup.id = p.supplier_id
         WHERE p.id IN ${inList(ids)}`,
      )
      .all(...ids) as Record<string, unknown>[];
    const byId = new Map(rows.map((r) => [r.id as number, r]));
    const barcodes = this.barcodesOf(ids);
    const items = ids.map((id) => {
      const r = byId.get(id) as Record<string, unknown>;
      return {
        ...toProduct(rowFromSql(r), barcodes.get(id) ?? []),
        onHand: fromMilli(r.on_hand_milli as number),
        supplierName: (r.supplier_name as string | null) ?? null,
      };
    });
    return { items, total };
  }

  get(id: number): ProductWithStock {
    const row = this.deps.store.sqlite
      .prepare(
        `SELECT p.*, COALESCE(s.on_hand_milli, 0) AS on_hand_milli, sup.name AS supplier_name
         FROM products p LEFT JOIN stock s ON s.product_id = p.id LEFT JOIN suppliers sup ON sup.id = p.supplier_id
         WHERE p.id = ?`,
      )
      .get(id) as Record<string, unknown> | undefined;
    if (!row) throw new AppError('not_found', `No product with id ${id}`, 'id');
    return {
      ...toProduct(rowFromSql(row), this.barcodesOf([id]).get(id) ?? []),
      onHand: fromMilli(row.on_hand_milli as number),
      supplierName: (row.supplier_name as string | null) ?? null,
    };
  }

  save(input: z.output<typeof productInput>, actor: Actor): Product {
    const { orm, sqlite } = this.deps.store;
    const at = this.deps.now().toISOString();
    return inTransaction(sqlite, () => {
      const barcodes = [...new Set(input.barcodes)];
      this.checkUnique(input.id, input.sku, barcodes);
      const unitFrom = input.id === undefined ? null : this.checkUnitChange(input.id, input.unit);
      // a pack of 2,5 soaps would make every suggested order a part of a piece, which ordering refuses
      assertWholePieces(input, toMilli(input.packSize), 'packSize');
      assertWholePieces(input, toMilli(input.minOrderQty), 'minOrderQty');
      if (input.supplierId !== null && !orm.select().from(suppliers).where(eq(suppliers.id, input.supplierId)).get()) {
        throw new AppError('validation', `supplierId: no supplier with id ${input.supplierId}`, 'supplierId');
      }
      const values = {
        sku: input.sku,
        name: input.name,
        searchText: foldForSearch(`${input.name} ${input.sku}`),
        category: input.category,
        unit: input.unit,
        costMinor: input.costMinor,
        priceMinor: input.priceMinor,
        vatRateBp: input.vatRateBp,
        supplierId: input.supplierId,
        leadTimeDays: input.leadTimeDays,
        minOrderMilli: toMilli(input.minOrderQty),
        packSizeMilli: toMilli(input.packSize),
        tracksExpiry: input.tracksExpiry,
        netContentMilli: input.netContent ? toMilli(input.netContent.quantity) : null,
        netContentUnit: input.netContent?.unit ?? null,
        active: input.active,
        updatedAt: at,
      };
      let row: ProductRow | undefined;
      if (input.id === undefined) {
        row = orm.insert(products).values({ ...values, createdAt: at }).returning().get();
      } else {
        row = orm.update(products).set(values).where(eq(products.id, input.id)).returning().get();
        if (!row) throw new AppError('not_found', `No product with id ${input.id}`, 'id');
        orm.delete(productBarcodes).where(eq(productBarcodes.productId, row.id)).run();
      }
      for (const barcode of barcodes) orm.insert(productBarcodes).values({ barcode, productId: row.id }).run();
      const product = toProduct(row, barcodes);
      this.journal.write(at, actor.user.id, input.id === undefined ? 'create' : 'update', 'product', row.id, product);
      // what a return of an earlier sale reads, to refuse putting back a box as a piece
      if (unitFrom !== null) this.journal.write(at, actor.user.id, 'unit_change', 'product', row.id, { from: unitFrom, to: product.unit });
      return product;
    });
  }

  /** Products are never deleted (the ledger refers to them); deactivating hides them from sale and lists. */
  deactivate(id: number, actor: Actor): Product {
    const at = this.deps.now().toISOString();
    return inTransaction(this.deps.store.sqlite, () => {
      const row = this.deps.store.orm
        .update(products)
        .set({ active: false, updatedAt: at })
        .where(eq(products.id, id))
        .returning()
        .get();
      if (!row) throw new AppError('not_found', `No product with id ${id}`, 'id');
      const product = toProduct(row, this.barcodesOf([id]).get(id) ?? []);
      this.journal.write(at, actor.user.id, 'deactivate', 'product', id, { active: false });
      return product;
    });
  }

  categories(): string[] {
    return this.deps.store.orm
      .selectDistinct({ category: products.category })
      .from(products)
      .where(sql`${products.category} <> ''`)
      .orderBy(products.category)
      .all()
      .map((r) => r.category);
  }

  /**
   * Quantities are stored without their unit (ledger and on-hand, purchase order lines, parked carts)
   * and read in the product's unit: changing it while any are held would change what they mean (5 kg
   * on order would read, and be received as, 5 g). Refused, saying what holds it and what to do, while
   * the product has stock (or is below 0), is on a draft, sent or partly received order, or in a parked
   * sale. Past movements and finished orders keep their numbers: what they meant is history (a return
   * of a sale made in the old unit is refused: see ReturnService). The unit it changes from, or null.
   */
  private checkUnitChange(id: number, unit: string): string | null {
    const sqlite = this.deps.store.sqlite;
    const current = sqlite.prepare('SELECT name, unit FROM products WHERE id = ?').get(id) as { name: string; unit: string } | undefined;
    if (!current || current.unit === unit) return null;
    const { name, unit: from } = current;
    const refuse = (reason: string, why: string, todo: string, params: Record<string, string | number>) =>
      new AppError('conflict', `unit: cannot change ${name} from ${from} to ${unit} while ${why}: they would read in ${unit}. ${todo}, or create a new product for the new unit`, 'unit', {
        reason,
        name,
        from,
        to: unit,
        ...params,
      });
    const stock = sqlite.prepare('SELECT on_hand_milli AS milli FROM stock WHERE product_id = ?').get(id) as { milli: number } | undefined;
    if (stock && stock.milli !== 0) {
      const quantity = fromMilli(stock.milli);
      throw refuse('unit_in_stock', `it has ${quantity} ${from} in stock`, 'Bring its stock to 0 first (sell, write off or count it)', { quantity });
    }
    const order = sqlite
      .prepare(
        `SELECT o.number, o.status, l.qty_milli - l.received_milli AS milli FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.order_id
          WHERE l.product_id = ? AND o.status IN ('draft', 'sent', 'partial') ORDER BY o.number LIMIT 1`,
      )
      .get(id) as { number: number; status: string; milli: number } | undefined;
    if (order) {
      const reference = poReference(order.number);
      const quantity = fromMilli(order.milli);
      throw refuse('unit_on_order', `it has ${quantity} ${from} on purchase order ${reference} (${order.status})`, 'Receive, close or cancel that order first', { reference, quantity });
    }
    const parked = sqlite
      .prepare("SELECT p.label FROM parked_sales p, json_each(p.cart, '$.lines') j WHERE json_extract(j.value, '$.productId') = ? ORDER BY p.at, p.id LIMIT 1")
      .get(id) as { label: string } | undefined;
    if (parked) {
      throw refuse('unit_parked', `it is in a parked sale${parked.label ? ` (${parked.label})` : ''}`, 'Resume or discard that sale first', { label: parked.label });
    }
    const count = sqlite
      .prepare("SELECT c.number FROM stock_count_lines l JOIN stock_counts c ON c.id = l.count_id WHERE l.product_id = ? AND c.status = 'open' ORDER BY c.number LIMIT 1")
      .get(id) as { number: number } | undefined;
    if (count) {
      const reference = countReference(count.number);
      throw refuse('unit_counting', `it is on stock count ${reference}, still open`, 'Apply or cancel that count first', { reference });
    }
    return from;
  }

  private checkUnique(id: number | undefined, sku: string, barcodes: string[]): void {
    const sqlite = this.deps.store.sqlite;
    // the other product is named, so the owner knows which one to open (an archived one too)
    const skuOwner = sqlite.prepare('SELECT id, name FROM products WHERE sku = ? COLLATE NOCASE').get(sku) as { id: number; name: string } | undefined;
    if (skuOwner && skuOwner.id !== id) {
      throw new AppError('conflict', `sku: "${sku}" is already used by another product`, 'sku', { reason: 'sku_taken', sku, name: skuOwner.name });
    }
    const barcodeStmt = sqlite.prepare('SELECT b.product_id AS id, p.name FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.barcode = ?');
    for (const barcode of barcodes) {
      const owner = barcodeStmt.get(barcode) as { id: number; name: string } | undefined;
      if (owner && owner.id !== id) {
        throw new AppError('conflict', `barcodes: "${barcode}" is already used by another product`, 'barcodes', { reason: 'barcode_taken', barcode, name: owner.name });
      }
    }
  }
}

/** Maps a raw snake_case row to drizzle's camelCase row shape. */
function rowFromSql(r: Record<string, unknown>): ProductRow {
  return {
    id: r.id as number,
    sku: r.sku as string,
    name: r.name as string,
    searchText: r.search_text as string,
    category: r.category as string,
    unit: r.unit as string,
    costMinor: r.cost_minor as number,
    priceMinor: r.price_minor as number,
    vatRateBp: r.vat_rate_bp as number,
    supplierId: (r.supplier_id as number | null) ?? null,
    leadTimeDays: r.lead_time_days as number,
    minOrderMilli: r.min_order_milli as number,
    packSizeMilli: r.pack_size_milli as number,
    tracksExpiry: r.tracks_expiry === 1,
    netContentMilli: (r.net_content_milli as number | null) ?? null,
    netContentUnit: (r.net_content_unit as string | null) ?? null,
    active: r.active === 1,
    syncSeq: (r.sync_seq as number | undefined) ?? 0,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}
