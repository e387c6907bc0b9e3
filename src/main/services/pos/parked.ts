import type Database from 'better-sqlite3';
import type { ParkedSale, ParkInput, ResumedLine, ResumedSale } from '../../../shared/api/contracts/pos';
import { PARK_LABEL_MAX } from '../../../shared/domain/parked';
import { AppError } from '../../../shared/api/result';
import { CartError } from '../../../shared/domain/cart';
import { priceWithDiscounts, type DiscountSpec } from '../../../shared/domain/discount';
import { roleAtLeast } from '../../../shared/domain/user';
import { inTransaction } from '../../db/tx';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { cartRefusalDetails } from './cart-refusal';
import { labelLine, labelQuantity } from './labels';

/** Units counted piece by piece in a parked sale's item count; anything weighed or measured counts as one. */
const COUNTED_UNITS = new Set(['piece', 'box', 'pack']);

/** A parked cart as stored in parked_sales.cart (JSON). Prices are those of the moment it was parked. */
interface StoredCart {
  v: 1;
  lines: StoredLine[];
  saleDiscount: DiscountSpec | null;
  totalMinor: number;
  itemCount: number;
}

/** A stored line has the fields of a resumed one; its price is the one of the moment it was parked. */
type StoredLine = ResumedLine;

interface ProductFacts {
  id: number;
  name: string;
  sku: string;
  unit: string;
  price_minor: number;
  vat_rate_bp: number;
  active: number;
}

interface ParkedRow {
  id: number;
  user_id: number;
  user_name: string | null;
  at: string;
  label: string;
  cart: string;
}

/**
 * Sales put aside at the till (the customer went to fetch something) to serve the next customer, kept
 * in SQLite so they survive a restart. A shop has one till: whoever is at it may park, resume or
 * discard any parked sale; each of the three is audited with who did it. Resuming re-reads prices from
 * the catalogue (a manager's own price stays) and says which changed; a cashier can park no price
 * change or discount, as at checkout.
 */
export class ParkedService {
  private readonly db: Database.Database;
  private readonly journal: Journal;

  constructor(private readonly deps: ServiceDeps) {
    this.db = deps.store.sqlite;
    this.journal = new Journal(this.db);
  }

  park(input: ParkInput, actor: Actor): ParkedSale {
    return inTransaction(this.db, () => this.insert(input, actor));
  }

  list(): ParkedSale[] {
    const rows = this.db
      .prepare('SELECT p.id, p.user_id, u.name AS user_name, p.at, p.label, p.cart FROM parked_sales p LEFT JOIN users u ON u.id = p.user_id ORDER BY p.at, p.id')
      .all() as ParkedRow[];
    return rows.map((r) => this.summary(r, JSON.parse(r.cart) as StoredCart));
  }

  /** Takes a parked sale back into the till (and out of the list); `park` swaps the till's current cart in. */
  resume(id: number, actor: Actor, park?: ParkInput): ResumedSale {
    return inTransaction(this.db, () => {
      const swapped = park ? this.insert(park, actor) : null;
      const row = this.row(id);
      const cart = JSON.parse(row.cart) as StoredCart;
      const lines: ResumedLine[] = [];
      const priceChanges: ResumedSale['priceChanges'] = [];
      const dropped: ResumedSale['dropped'] = [];
      for (const stored of cart.lines) {
        const p = this.product(stored.productId);
        if (!p || !p.active) {
          dropped.push({ productId: stored.productId, name: p?.name ?? stored.name });
          continue;
        }
        if (stored.labelCode !== undefined && stored.amountMinor !== undefined) {
          // a price label keeps its amount; the weight it buys follows today's shelf price
          const label = { labelCode: stored.labelCode, amountMinor: stored.amountMinor };
          lines.push({ productId: p.id, name: p.name, sku: p.sku, unit: p.unit, quantity: labelQuantity(label.amountMinor, p.price_minor), unitPriceMinor: p.price_minor, vatRateBp: p.vat_rate_bp, priceEdited: false, discount: stored.discount, ...label });
          continue;
        }
        const unitPriceMinor = stored.priceEdited ? stored.unitPriceMinor : p.price_minor;
        if (!stored.priceEdited && p.price_minor !== stored.unitPriceMinor) {
          priceChanges.push({ productId: p.id, name: p.name, fromMinor: stored.unitPriceMinor, toMinor: p.price_minor });
        }
        lines.push({ productId: p.id, name: p.name, sku: p.sku, unit: p.unit, quantity: stored.quantity, unitPriceMinor, vatRateBp: p.vat_rate_bp, priceEdited: stored.priceEdited, discount: stored.discount });
      }
      this.db.prepare('DELETE FROM parked_sales WHERE id = ?').run(id);
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'resume_parked', 'parked_sale', id, { label: row.label, parkedBy: row.user_id, parkedAt: row.at, priceChanges, dropped });
      return { parked: this.summary(row, cart), lines, saleDiscount: cart.saleDiscount, priceChanges, dropped, swapped };
    });
  }

  /** Drops a parked sale (the customer left); the audit row keeps who, and the whole cart. */
  discard(id: number, actor: Actor): { id: number } {
    return inTransaction(this.db, () => {
      const row = this.row(id);
      this.db.prepare('DELETE FROM parked_sales WHERE id = ?').run(id);
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'discard_parked', 'parked_sale', id, {
        label: row.label,
        parkedBy: row.user_id,
        parkedAt: row.at,
        cart: JSON.parse(row.cart) as StoredCart,
      });
      return { id };
    });
  }

  /** Inside the caller's transaction: checks the cart against the catalogue and the role, then stores it. */
  private insert(input: ParkInput, actor: Actor): ParkedSale {
    if (input.lines.length === 0) throw new AppError('validation', 'lines: the cart is empty', 'lines', { reason: 'cart_empty' });
    const label = input.label.trim();
    if (label.length > PARK_LABEL_MAX) throw new AppError('validation', `label: at most ${PARK_LABEL_MAX} characters`, 'label', { reason: 'park_label_too_long', max: PARK_LABEL_MAX });
    const lines: StoredLine[] = input.lines.map((l, i) => {
      const p = this.product(l.productId);
      if (!p) throw new AppError('not_found', `lines.${i}.productId: no product with id ${l.productId}`, `lines.${i}.productId`);
      if (!p.active) throw new AppError('validation', `lines.${i}.productId: "${p.name}" is deactivated and cannot be sold`, `lines.${i}.productId`, { reason: 'sale_product_inactive', name: p.name });
      if (l.labelCode !== undefined) {
        // read again here, as at checkout: the stored amount is the label's, not the screen's
        const label = labelLine(this.db, { ...l, labelCode: l.labelCode }, i, p);
        const line: StoredLine = { productId: p.id, name: p.name, sku: p.sku, unit: p.unit, quantity: label.quantity, unitPriceMinor: p.price_minor, vatRateBp: p.vat_rate_bp, priceEdited: false, discount: l.discount ?? null };
        return { ...line, labelCode: l.labelCode, amountMinor: label.amountMinor };
      }
      const priceEdited = l.unitPriceMinor !== undefined && l.unitPriceMinor !== p.price_minor;
      return { productId: p.id, name: p.name, sku: p.sku, unit: p.unit, quantity: l.quantity, unitPriceMinor: priceEdited ? (l.unitPriceMinor as number) : p.price_minor, vatRateBp: p.vat_rate_bp, priceEdited, discount: l.discount ?? null };
    });
    const saleDiscount = input.saleDiscount ?? null;
    if (!roleAtLeast(actor.user.role, 'manager')) {
      const i = lines.findIndex((l) => l.priceEdited || l.discount);
      const field = i >= 0 ? `lines.${i}.${lines[i].priceEdited ? 'unitPriceMinor' : 'discount'}` : saleDiscount ? 'saleDiscount' : null;
      if (field) throw new AppError('forbidden', `${field}: a cashier cannot change prices or give discounts; ask a manager`, field, { reason: 'cashier_price_change' });
    }
    let totalMinor: number;
    try {
      totalMinor = priceWithDiscounts(lines, saleDiscount).totalMinor;
    } catch (error) {
      if (error instanceof CartError) {
        const field = error.field.replace(/discountMinor$/, 'discount').replace(/^saleDiscountMinor$/, 'saleDiscount');
        throw new AppError('validation', `${field}: ${error.message.replace(/^[\w.]+: /, '')}`, field, cartRefusalDetails(error, lines.map((l) => l.name)));
      }
      throw error;
    }
    const cart: StoredCart = {
      v: 1,
      lines,
      saleDiscount,
      totalMinor,
      itemCount: lines.reduce((n, l) => n + (COUNTED_UNITS.has(l.unit) ? l.quantity : 1), 0),
    };
    const at = this.deps.now().toISOString();
    const id = Number(this.db.prepare('INSERT INTO parked_sales (user_id, at, label, cart) VALUES (?, ?, ?, ?)').run(actor.user.id, at, label, JSON.stringify(cart)).lastInsertRowid);
    this.journal.write(at, actor.user.id, 'park', 'parked_sale', id, { label, totalMinor, lines: lines.length });
    return this.summary({ id, user_id: actor.user.id, user_name: actor.user.name, at, label, cart: '' }, cart);
  }

  private row(id: number): ParkedRow {
    const row = this.db.prepare('SELECT p.id, p.user_id, u.name AS user_name, p.at, p.label, p.cart FROM parked_sales p LEFT JOIN users u ON u.id = p.user_id WHERE p.id = ?').get(id) as
      | ParkedRow
      | undefined;
    if (!row) throw new AppError('not_found', `id: no parked sale with id ${id} (already resumed or discarded?)`, 'id', { reason: 'parked_gone' });
    return row;
  }

  private product(id: number): ProductFacts | undefined {
    return this.db.prepare('SELECT id, name, sku, unit, price_minor, vat_rate_bp, active FROM products WHERE id = ?').get(id) as ProductFacts | undefined;
  }

  private summary(row: ParkedRow, cart: StoredCart): ParkedSale {
    return {
      id: row.id,
      at: row.at,
      userId: row.user_id,
      userName: row.user_name ?? `#${row.user_id}`,
      label: row.label,
      itemCount: Math.round(cart.itemCount * 1000) / 1000,
      lineCount: cart.lines.length,
      totalMinor: cart.totalMinor,
    };
  }
}
