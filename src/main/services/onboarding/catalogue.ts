import type Database from 'better-sqlite3';
import { UNITS, type Unit } from '../../../shared/domain/quantity';
import { LedgerStatements, LedgerWriter } from '../ledger/writer';
import { foldForSearch } from '../text';
import type { CsvRecord } from './csv';
import type { RowContext } from './context';
import { parseVatBp } from './values';

const UNIT_WORDS: Record<string, Unit> = {
  piece: 'piece', pieces: 'piece', pce: 'piece', pc: 'piece', pcs: 'piece', u: 'piece', un: 'piece', unite: 'piece', unit: 'piece', ea: 'piece', each: 'piece',
  kg: 'kg', kilo: 'kg', kilos: 'kg', kilogramme: 'kg', g: 'g', gr: 'g', gramme: 'g', grammes: 'g',
  l: 'l', litre: 'l', litres: 'l', lt: 'l', ml: 'ml', m: 'm', metre: 'm', metres: 'm',
  box: 'box', boite: 'box', bte: 'box', carton: 'box', pack: 'pack', paquet: 'pack', sachet: 'pack', lot: 'pack',
};

export function parseUnit(raw: string): Unit | null {
  const f = foldForSearch(raw).replace(/[^a-z]/g, '');
  if (f === '') return 'piece';
  if ((UNITS as readonly string[]).includes(f)) return f as Unit;
  return UNIT_WORDS[f] ?? null;
}

/** Suppliers by folded name; creates the missing ones (products files name them). */
class SupplierIndex {
  private readonly byName = new Map<string, number>();
  private readonly insert: Database.Statement;
  private fake = -1;

  constructor(private readonly ctx: RowContext) {
    for (const r of ctx.db.prepare('SELECT id, name FROM suppliers').all() as { id: number; name: string }[]) {
      this.byName.set(foldForSearch(r.name), r.id);
    }
    this.insert = ctx.db.prepare('INSERT INTO suppliers (name, created_at, updated_at) VALUES (?, ?, ?)');
  }

  has(name: string): boolean {
    return this.byName.has(foldForSearch(name));
  }

  idFor(name: string): number {
    const key = foldForSearch(name);
    let id = this.byName.get(key);
    if (id === undefined) {
      this.ctx.counters.createdSuppliers++;
      id = this.ctx.options.dryRun ? this.fake-- : Number(this.insert.run(name, this.ctx.options.nowIso, this.ctx.options.nowIso).lastInsertRowid);
      this.byName.set(key, id);
    }
    return id;
  }

  /** Remembers a name written by the suppliers importer. */
  add(name: string, id: number): void {
    this.byName.set(foldForSearch(name), id);
  }
}

/**
 * Products: name required; SKU from the file, else the first barcode, else generated (ART-00001...).
 * A SKU or barcode already used (in the shop, or earlier in the file) is refused with the line it
 * clashes with. Suppliers named in the file are created when missing. A stock column becomes an
 * opening-stock receipt.
 */
export class ProductsImporter {
  private readonly skus = new Map<string, number>(); // lower-case sku -> line (0 = in the shop)
  private readonly barcodes = new Map<string, number>();
  private readonly suppliers: SupplierIndex;
  private readonly insertProduct: Database.Statement;
  private readonly insertBarcode: Database.Statement;
  private readonly writer: LedgerWriter;
  private generated = 0;

  constructor(private readonly ctx: RowContext) {
    const db = ctx.db;
    for (const r of db.prepare('SELECT sku FROM products').all() as { sku: string }[]) this.skus.set(r.sku.toLowerCase(), 0);
    for (const r of db.prepare('SELECT barcode FROM product_barcodes').all() as { barcode: string }[]) this.barcodes.set(r.barcode, 0);
    this.suppliers = new SupplierIndex(ctx);
    this.insertProduct = db.prepare(
      `INSERT INTO products (sku, name, search_text, category, unit, cost_minor, price_minor, vat_rate_bp, supplier_id,
         lead_time_days, min_order_milli, pack_size_milli, created_at, updated_at)
       VALUES (@sku, @name, @searchText, @category, @unit, @cost, @price, @vat, @supplierId, @leadTime, @minOrder, @packSize, @now, @now)`,
    );
    this.insertBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');
    this.writer = new LedgerWriter(new LedgerStatements(db), ctx.options.userId, ctx.options.reference, 'allow');
  }

  row(rec: CsvRecord): void {
    const ctx = this.ctx;
    ctx.startRow();
    const line = rec.line;
    const name = ctx.required(rec, 'name', 'the product name');
    const barcodes = ctx
      .cell(rec, 'barcode')
      .split(/[\s,|/]+/)
      .filter((b) => b !== '');
    let sku = ctx.cell(rec, 'sku');
    if (sku === '' && ctx.has('sku')) ctx.issue(line, 'sku', 'required', 'the SKU is empty', { specific: 'empty' });
    if (sku === '' && !ctx.has('sku')) sku = barcodes[0] ?? this.generateSku();
    if (sku !== '') this.checkUnique(this.skus, sku.toLowerCase(), line, 'sku', sku);
    const seen = new Set<string>();
    for (const b of barcodes) {
      if (seen.has(b)) continue;
      seen.add(b);
      this.checkUnique(this.barcodes, b, line, 'barcode', b);
    }
    const price = ctx.money(rec, 'price') ?? 0;
    const cost = ctx.money(rec, 'cost') ?? 0;
    let vat = 0;
    const vatRaw = ctx.cell(rec, 'vat');
    if (vatRaw !== '') {
      const bp = parseVatBp(vatRaw);
      if (bp === null) ctx.issue(line, 'vat', 'bad_value', `« ${vatRaw} » is not a VAT rate (e.g. 18 or 18 %)`, { specific: 'not_vat', value: vatRaw });
      else vat = bp;
    }
    const unitRaw = ctx.cell(rec, 'unit');
    const unit = parseUnit(unitRaw);
    if (unit === null) ctx.issue(line, 'unit', 'bad_value', `« ${unitRaw} » is not a unit (pièce, kg, g, l, ml, m, boîte, paquet)`, { specific: 'not_unit', value: unitRaw });
    const packSize = ctx.quantity(rec, 'packSize');
    if (packSize === 0) ctx.issue(line, 'packSize', 'bad_value', 'the pack size must be more than 0', { specific: 'pack_size_zero' });
    const minOrder = ctx.quantity(rec, 'minOrder');
    let leadTime = 7;
    const leadRaw = ctx.cell(rec, 'leadTime');
    if (leadRaw !== '') {
      const n = Number(leadRaw.replace(/\s*(j|jours?|d|days?)$/i, ''));
      if (!Number.isInteger(n) || n < 0 || n > 365) ctx.issue(line, 'leadTime', 'bad_value', `« ${leadRaw} » is not a number of days (0 to 365)`, { specific: 'not_days', value: leadRaw });
      else leadTime = n;
    }
    const stock = ctx.quantity(rec, 'stock');
    const supplierName = ctx.cell(rec, 'supplier');
    if (!ctx.endRow()) return;
    // only a good row claims its SKU and barcodes
    this.skus.set(sku.toLowerCase(), line);
    for (const b of seen) this.barcodes.set(b, line);
    ctx.counters.written++;
    const supplierId = supplierName === '' ? null : this.suppliers.idFor(supplierName);
    if (ctx.options.dryRun) return;
    const id = Number(
      this.insertProduct.run({
        sku,
        name,
        searchText: foldForSearch(`${name} ${sku}`),
        category: ctx.cell(rec, 'category'),
        unit,
        cost,
        price,
        vat,
        supplierId,
        leadTime,
        minOrder: minOrder ?? 0,
        packSize: packSize ?? 1000,
        now: ctx.options.nowIso,
      }).lastInsertRowid,
    );
    for (const b of seen) this.insertBarcode.run(b, id);
    if (stock !== null && stock > 0) {
      this.writer.add({ productId: id, kind: 'receipt', quantity: stock / 1000, unitCostMinor: cost, reason: 'stock initial / opening stock' }, new Date(ctx.options.nowIso));
    }
  }

  finish(): void {
    if (!this.ctx.options.dryRun) this.writer.finish();
  }

  private checkUnique(seen: Map<string, number>, key: string, line: number, field: 'sku' | 'barcode', value: string): void {
    const at = seen.get(key);
    if (at === undefined) return;
    const what = `the ${field === 'sku' ? 'SKU' : 'barcode'} « ${value} »`;
    if (at === 0) this.ctx.issue(line, field, 'duplicate_in_db', `${what} is already used by a product of the shop`, { specific: `${field}_taken`, value });
    else this.ctx.issue(line, field, 'duplicate_in_file', `${what} is already on line ${at} of this file`, { specific: `${field}_twice`, value, at });
  }

  private generateSku(): string {
    let sku: string;
    do sku = `ART-${String(++this.generated).padStart(5, '0')}`;
    while (this.skus.has(sku.toLowerCase()));
    return sku;
  }
}

/** Suppliers: name required and unique (any case, accents ignored). */
export class SuppliersImporter {
  private readonly names = new Map<string, number>();
  private readonly insert: Database.Statement;

  constructor(private readonly ctx: RowContext) {
    for (const r of ctx.db.prepare('SELECT name FROM suppliers').all() as { name: string }[]) this.names.set(foldForSearch(r.name), 0);
    this.insert = ctx.db.prepare(
      `INSERT INTO suppliers (name, contact, phone, email, address, lead_time_days, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  row(rec: CsvRecord): void {
    const ctx = this.ctx;
    ctx.startRow();
    const name = ctx.required(rec, 'name', 'the supplier name');
    const key = foldForSearch(name);
    const at = this.names.get(key);
    if (name !== '' && at !== undefined) {
      if (at === 0) ctx.issue(rec.line, 'name', 'duplicate_in_db', `a supplier named « ${name} » already exists`, { specific: 'supplier_exists', name });
      else ctx.issue(rec.line, 'name', 'duplicate_in_file', `the supplier « ${name} » is already on line ${at} of this file`, { specific: 'supplier_twice', name, at });
    }
    const email = ctx.cell(rec, 'email');
    if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) ctx.issue(rec.line, 'email', 'bad_value', `« ${email} » is not an e-mail address`, { specific: 'not_email', value: email });
    let leadTime = 7;
    const leadRaw = ctx.cell(rec, 'leadTime');
    if (leadRaw !== '') {
      const n = Number(leadRaw.replace(/\s*(j|jours?|d|days?)$/i, ''));
      if (!Number.isInteger(n) || n < 0 || n > 365) ctx.issue(rec.line, 'leadTime', 'bad_value', `« ${leadRaw} » is not a number of days (0 to 365)`, { specific: 'not_days', value: leadRaw });
      else leadTime = n;
    }
    if (!ctx.endRow()) return;
    this.names.set(key, rec.line);
    ctx.counters.written++;
    if (ctx.options.dryRun) return;
    const now = ctx.options.nowIso;
    this.insert.run(name, ctx.cell(rec, 'contact'), ctx.cell(rec, 'phone'), email, ctx.cell(rec, 'address'), leadTime, now, now);
  }

  finish(): void {}
}
