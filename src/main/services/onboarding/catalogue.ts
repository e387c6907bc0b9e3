import type Database from 'better-sqlite3';
import { TEXT_MAX } from '../../../shared/api/schemas';
import { toMilli, UNITS, type Unit } from '../../../shared/domain/quantity';
import { parseNetContent } from '../../../shared/domain/net-content';
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
  // what a shop counts one by one: a piece
  bouteille: 'piece', btl: 'piece', flacon: 'piece', tube: 'piece', canette: 'piece', sac: 'piece', unites: 'piece', bottle: 'piece', can: 'piece', bag: 'piece',
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

/** What a spreadsheet writes for a long number it shows in scientific notation (« 3,01762E+12 »): digits lost. */
const SCIENTIFIC = /^\d+([.,]\d+)?E[+-]?\d+$/i;

/**
 * Products: name required; SKU from the file, else the first barcode, else generated (ART-00001...).
 * A SKU or barcode already used (in the shop, or earlier in the file) is refused with the line it
 * clashes with; so is, when the SKU would be generated, a name already in the shop or earlier in the
 * file (accents and case ignored): the same list imported twice must not double the catalogue and its
 * stock. Several barcodes in a cell are separated by spaces, | / or ; (never a comma: that is a
 * spreadsheet's decimal mark, as in « 3,01762E+12 », refused). Suppliers named in the file are created
 * when missing. A stock column becomes an opening-stock receipt; a negative one (the app's own export
 * of a product sold before it was received) leaves the product without opening stock, with a warning.
 */
export class ProductsImporter {
  private readonly skus = new Map<string, number>(); // lower-case sku -> line (0 = in the shop)
  private readonly barcodes = new Map<string, number>();
  /** Folded name -> line (0 = in the shop, with its SKU): a product without a SKU is known by its name. */
  private readonly names = new Map<string, { line: number; sku: string }>();
  private readonly suppliers: SupplierIndex;
  private readonly insertProduct: Database.Statement;
  private readonly insertBarcode: Database.Statement;
  private readonly writer: LedgerWriter;
  private generated = 0;

  constructor(private readonly ctx: RowContext) {
    const db = ctx.db;
    for (const r of db.prepare('SELECT sku FROM products').all() as { sku: string }[]) this.skus.set(r.sku.toLowerCase(), 0);
    for (const r of db.prepare('SELECT barcode FROM product_barcodes').all() as { barcode: string }[]) this.barcodes.set(r.barcode, 0);
    for (const r of db.prepare('SELECT sku, name FROM products ORDER BY id').all() as { sku: string; name: string }[]) {
      const key = foldForSearch(r.name);
      if (!this.names.has(key)) this.names.set(key, { line: 0, sku: r.sku });
    }
    this.suppliers = new SupplierIndex(ctx);
    this.insertProduct = db.prepare(
      `INSERT INTO products (sku, name, search_text, category, unit, cost_minor, price_minor, vat_rate_bp, supplier_id,
         lead_time_days, min_order_milli, pack_size_milli, tracks_expiry, net_content_milli, net_content_unit, active, created_at, updated_at)
       VALUES (@sku, @name, @searchText, @category, @unit, @cost, @price, @vat, @supplierId, @leadTime, @minOrder, @packSize, @tracksExpiry, @contentMilli, @contentUnit, @active, @now, @now)`,
    );
    this.insertBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');
    this.writer = new LedgerWriter(new LedgerStatements(db), ctx.options.userId, ctx.options.reference, 'allow');
  }

  row(rec: CsvRecord): void {
    const ctx = this.ctx;
    ctx.startRow(rec);
    const line = rec.line;
    const name = ctx.required(rec, 'name', 'the product name');
    const { codes: barcodes, refused } = this.barcodesOf(rec);
    let sku = ctx.cell(rec, 'sku');
    if (sku === '' && ctx.has('sku')) ctx.issue(line, 'sku', 'required', 'the SKU is empty', { specific: 'empty' });
    // without a SKU column: the first barcode, else a generated SKU (none from a barcode refused)
    const generated = sku === '' && !ctx.has('sku') && barcodes.length === 0 && !refused;
    if (sku === '' && !ctx.has('sku') && !refused) sku = barcodes[0] ?? this.generateSku();
    if (sku !== '') this.checkUnique(this.skus, sku.toLowerCase(), line, 'sku', sku);
    const nameKey = foldForSearch(name);
    if (generated && name !== '') this.checkName(nameKey, name, line);
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
    const stock = ctx.quantity(rec, 'stock', { allowNegative: true });
    // whole pieces, as the product form and the till have them
    if (unit !== null) {
      // a negative stock is left unset (below): its fraction does not matter
      for (const [field, milli] of [['stock', stock], ['packSize', packSize], ['minOrder', minOrder]] as const) if (milli !== null && milli > 0) ctx.wholePieces(rec, field, unit, milli);
    }
    const active = ctx.yesNo(rec, 'active', true);
    const tracksExpiry = ctx.yesNo(rec, 'tracksExpiry', false);
    // what a packet holds (« 400 g »), for the label's price per kg or litre
    const contentRaw = ctx.cell(rec, 'netContent');
    const content = parseNetContent(contentRaw);
    if (content === null) ctx.issue(line, 'netContent', 'bad_value', `« ${contentRaw} » is not a content: a quantity and a unit (400 g, 1.5 l, 25 cl)`, { specific: 'not_content', value: contentRaw });
    const supplierName = ctx.cell(rec, 'supplier');
    if (!ctx.endRow()) return;
    // only a good row claims its SKU, barcodes and name
    this.skus.set(sku.toLowerCase(), line);
    for (const b of seen) this.barcodes.set(b, line);
    if (!this.names.has(nameKey)) this.names.set(nameKey, { line, sku });
    if (stock !== null && stock < 0) {
      // opening stock is a receipt, and a receipt is more than 0: the product comes in, its stock is for a count to set
      const raw = ctx.cell(rec, 'stock');
      ctx.warn(line, 'stock', 'negative', `the stock ${raw} is negative: the product is imported without opening stock (set its stock with a stock count)`, {
        specific: 'negative_opening_stock',
        value: raw,
      });
    }
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
        tracksExpiry: tracksExpiry ? 1 : 0,
        contentMilli: content && content !== 'none' ? toMilli(content.quantity) : null,
        contentUnit: content && content !== 'none' ? content.unit : null,
        active: active === false ? 0 : 1,
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

  /** A product without a SKU of its own is known by its name: one already in the shop or the file is refused. */
  private checkName(key: string, name: string, line: number): void {
    const at = this.names.get(key);
    if (at === undefined) return;
    if (at.line === 0) {
      this.ctx.issue(line, 'name', 'duplicate_in_db', `a product named « ${name} » is already in the shop (SKU ${at.sku}): without a SKU column, the same name is the same product`, {
        specific: 'name_taken',
        value: name,
        sku: at.sku,
      });
    } else {
      this.ctx.issue(line, 'name', 'duplicate_in_file', `the product « ${name} » is already on line ${at.line} of this file: without a SKU column, the same name is the same product`, {
        specific: 'name_twice',
        value: name,
        at: at.line,
      });
    }
  }

  /**
   * The barcodes of a cell: separated by spaces, |, / or ;. A number a spreadsheet wrote in scientific
   * notation, or a code with a comma (a decimal mark, or a list the comma no longer separates), is refused.
   */
  private barcodesOf(rec: CsvRecord): { codes: string[]; refused: boolean } {
    let refused = false;
    const codes = this.ctx
      .cell(rec, 'barcode')
      .split(/[\s|/;]+/)
      .filter((b) => b !== '');
    for (const code of codes) {
      if (SCIENTIFIC.test(code) || code.includes(',')) refused = true;
      if (SCIENTIFIC.test(code)) {
        this.ctx.issue(rec.line, 'barcode', 'bad_value', `« ${code} » is a number in scientific notation, not a barcode: format the column as Text (or as a number without decimals) in the spreadsheet, check the barcodes show in full, and save again`, {
          specific: 'barcode_scientific',
          value: code,
        });
      } else if (code.includes(',')) {
        this.ctx.issue(rec.line, 'barcode', 'bad_value', `« ${code} » is not a barcode (a barcode has no comma): separate several barcodes with a space or |`, {
          specific: 'barcode_comma',
          value: code,
        });
      } else if (code.length > TEXT_MAX.barcode) {
        refused = true;
        this.ctx.issue(rec.line, 'barcode', 'bad_value', `a barcode is ${code.length} characters long; at most ${TEXT_MAX.barcode}`, { specific: 'too_long', length: code.length, max: TEXT_MAX.barcode });
      }
    }
    return { codes: refused ? [] : codes, refused };
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
    ctx.startRow(rec);
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
