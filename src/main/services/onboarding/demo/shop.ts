import type { DemoShopSummary } from '../../../../shared/api/contracts/onboarding';
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/api/result';
import { addDays } from '../../../../shared/domain/dates';
import { shopDay } from '../../shop-day';
import { lineAmount } from '../../../../shared/domain/money';
import type { Unit } from '../../../../shared/domain/quantity';
import { inTransaction } from '../../../db/tx';
import { Journal } from '../../audit/journal';
import type { Actor, ServiceDeps } from '../../context';
import { foldForSearch } from '../../text';
import { DEMO_BRANDS, DEMO_CATEGORIES, DEMO_SUPPLIERS, type DemoCategory } from './catalogue';
import { between, ean13, pick, poisson, seeded } from './random';

export interface DemoOptions {
  seed?: number;
  products?: number;
  /** Days of history, ending yesterday. */
  days?: number;
}

/** What the demo shop holds once created; the same shape the API returns. */
export type DemoSummary = DemoShopSummary;

interface Plan {
  id: number;
  category: DemoCategory;
  unit: Unit;
  /** Milli-units per sold unit step (250 for goods sold by the quarter kilo). */
  step: number;
  base: number;
  growth: number;
  priceMinor: number;
  costMinor: number;
  packMilli: number;
  moqMilli: number;
  leadTime: number;
  launchDay: number;
  priceChange: { day: number; factor: number } | null;
  promos: number[];
  story: Story | null;
  tracksExpiry: boolean;
  phase: number;
}

const round25 = (x: number) => Math.max(25, Math.round(x / 25) * 25);

/**
 * The few products that tell a story today, one alert each or two, so a first look at the alerts shows
 * every kind without burying it: the rest of the shop is kept in order, as a shop owner would.
 * low: no longer reordered for 45 days (below its reorder point, out before a delivery could come);
 * overstock: a supplier's offer taken two weeks ago; dead: nobody buys it any more; shortDated: a
 * short-dated lot bought at a discount; expired: a fresh lot left on the shelf past its date.
 */
type Story = 'low' | 'overstock' | 'dead' | 'shortDated' | 'expired';
const STORIES: readonly Story[] = ['low', 'low', 'overstock', 'overstock', 'dead', 'shortDated', 'expired'];
/** The engine's z at its default 95 % service level, to keep the other products above their reorder point. */
const Z95 = 1.645;

/** Multi-row INSERT helper: buffers rows, runs one statement per `batch` rows. */
class Bulk {
  private params: unknown[] = [];
  private readonly full: Database.Statement;
  count = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly cols: number,
    private readonly batch = 128,
  ) {
    this.full = db.prepare(this.sql(batch));
  }

  private sql(rows: number): string {
    return `${this.head} VALUES ${Array(rows).fill(`(${Array(this.cols).fill('?').join(',')})`).join(',')}`;
  }

  add(...row: unknown[]): void {
    for (const v of row) this.params.push(v);
    this.count++;
    if (this.params.length === this.batch * this.cols) {
      this.full.run(this.params);
      this.params = [];
    }
  }

  flush(): void {
    if (this.params.length > 0) this.db.prepare(this.sql(this.params.length / this.cols)).run(this.params);
    this.params = [];
  }
}

/**
 * The demo writes the shop's name, address, currency and language and adds its suppliers: it goes into
 * a shop with no products, no suppliers and no sales (till receipts or imported history), or is refused
 * naming what the shop already has.
 */
function refuseUnlessEmpty(db: Database.Database): void {
  const count = (sql: string) => db.prepare(sql).pluck().get() as number;
  const products = count('SELECT count(*) FROM products');
  if (products > 0) throw new AppError('conflict', 'The demo shop goes into an empty database: this one already has products', undefined, { reason: 'demo_not_empty' });
  const sales = count('SELECT count(*) FROM sales') + count('SELECT count(*) FROM daily_sales');
  if (sales > 0) {
    throw new AppError('conflict', `The demo shop goes into an empty database: this one already has sales (${sales}), and the demo would replace its name, currency and details`, undefined, {
      reason: 'demo_has_sales',
      count: sales,
    });
  }
  const suppliers = count('SELECT count(*) FROM suppliers');
  if (suppliers > 0) {
    throw new AppError('conflict', `The demo shop goes into an empty database: this one already has suppliers (${suppliers}), and the demo would replace its name, currency and details`, undefined, {
      reason: 'demo_has_suppliers',
      count: suppliers,
    });
  }
}

/**
 * « Alimentation Awa — Dakar »: a grocery with a parapharmacy corner, ~400 products, 8 suppliers, two
 * years of daily sales ending yesterday, simulated day by day with the shop's own stock: weekly and
 * yearly seasonality, busier days at the month's end (salaries), trends, slow and intermittent movers, price rises, promotions, late deliveries
 * (stock-out days: end-of-day stock 0, no sale), lots with expiry dates, and today a shop in order
 * but for a few story products (a short list of alerts, each kind once or twice). Seeded: the same
 * shop every time.
 * The history is written in bulk (daily_sales rows, one sale movement per product-day, the receipts)
 * in one transaction; on-hand is the sum of the ledger.
 */
export function createDemoShop(deps: ServiceDeps, actor: Actor, options: DemoOptions = {}): DemoSummary {
  const random = seeded(options.seed ?? 20240611);
  const target = options.products ?? 400;
  const days = options.days ?? 730;
  const now = deps.now();
  const lastDate = addDays(shopDay(deps.store.sqlite, now), -1);
  const firstDate = addDays(lastDate, -(days - 1));
  const db = deps.store.sqlite;
  const nowIso = now.toISOString();

  return inTransaction(db, () => {
    refuseUnlessEmpty(db);

    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    // a shop selling three-week dairy is warned a week before a lot expires, not every day of its life
    const shopSettings = { shopName: 'Alimentation Awa — Dakar', address: 'Rue 10 x Blaise Diagne, Médina, Dakar', phone: '+221 77 123 45 67', currency: 'XOF', locale: 'fr', expiryWarnDays: 7 };
    for (const [k, v] of Object.entries(shopSettings)) {
      put.run(k, JSON.stringify(v));
    }

    const supplierIds = new Map<string, { id: number; lead: number }>();
    const insSupplier = db.prepare(
      'INSERT INTO suppliers (name, contact, phone, email, address, lead_time_days, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const s of DEMO_SUPPLIERS) {
      const id = Number(insSupplier.run(s.name, s.contact, s.phone, s.email, s.address, s.leadTimeDays, nowIso, nowIso).lastInsertRowid);
      supplierIds.set(s.key, { id, lead: s.leadTimeDays });
    }

    // the catalogue: every base item and size, then brand variants until the target
    type Item = { category: DemoCategory; name: string; price: number; unit: Unit };
    const base: Item[] = [];
    for (const c of DEMO_CATEGORIES) {
      for (const [name, sizes, price, unit] of c.items) {
        sizes.forEach((size, i) => base.push({ category: c, name: `${name} ${size}`, price: price * (1 + i * 1.8), unit: unit ?? 'piece' }));
      }
    }
    const items: Item[] = [...base];
    for (let b = 0; items.length < target; b++) {
      const brand = DEMO_BRANDS[b % DEMO_BRANDS.length]!;
      const src = base[(b * 7) % base.length]!;
      items.push({ ...src, name: `${src.name} ${brand}`, price: src.price * between(random, 0.85, 1.25) });
    }
    items.length = Math.min(items.length, target);

    const insProduct = db.prepare(
      `INSERT INTO products (sku, name, search_text, category, unit, cost_minor, price_minor, vat_rate_bp, supplier_id, lead_time_days,
         min_order_milli, pack_size_milli, tracks_expiry, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insBarcode = db.prepare('INSERT INTO product_barcodes (barcode, product_id) VALUES (?, ?)');
    const plans: Plan[] = items.map((item, i) => {
      const sup = supplierIds.get(item.category.supplier)!;
      // demand: a few fast movers, many medium, a tail of slow and intermittent ones
      const r = random();
      const baseRate = r < 0.08 ? between(random, 15, 45) : r < 0.55 ? between(random, 1.5, 10) : r < 0.85 ? between(random, 0.3, 1.5) : between(random, 0.03, 0.3);
      const price = round25(item.price);
      // cheap goods are costed to the 5 francs, and always below the price
      const step = price < 500 ? 5 : 25;
      const cost = Math.max(step, Math.min(Math.round((price * between(random, 0.68, 0.86)) / step) * step, price - step));
      const perishable = item.category.shelfLifeDays !== null && item.category.shelfLifeDays < 60;
      // packs the shop sells through in about two weeks at most, as a small shop buys
      const packs = item.unit === 'kg' ? [1, 5, 10, 25] : perishable ? [1, 6] : [1, 6, 12, 12, 24, 24, 48];
      const fits = packs.filter((n) => n === 1 || n <= baseRate * 14);
      const pack = pick(random, fits.slice(-2)) * 1000;
      const priceChange = random() < 0.12 ? { day: Math.floor(between(random, days * 0.4, days * 0.9)), factor: between(random, 1.06, 1.18) } : null;
      const promos: number[] = [];
      if (random() < 0.15) for (let k = 0; k < 1 + Math.floor(random() * 3); k++) promos.push(Math.floor(between(random, 30, days - 10)));
      const sku = `AWA-${String(i + 1).padStart(4, '0')}`;
      const finalPrice = priceChange ? round25(price * priceChange.factor) : price;
      const finalCost = priceChange ? Math.min(Math.round(cost * priceChange.factor), finalPrice - step) : cost;
      const moq = random() < 0.3 && pack * 2 <= baseRate * 28 * 1000 ? pack * 2 : pack;
      const tracksExpiry = item.category.shelfLifeDays !== null;
      const id = Number(
        insProduct.run(sku, item.name, foldForSearch(`${item.name} ${sku}`), item.category.name, item.unit, finalCost, finalPrice, item.category.vatBp,
          sup.id, sup.lead, moq, pack, tracksExpiry ? 1 : 0, nowIso, nowIso).lastInsertRowid,
      );
      if (random() < 0.9) insBarcode.run(ean13(10_000 + i), id);
      return {
        id, category: item.category, unit: item.unit, step: item.unit === 'kg' ? 250 : 1000,
        base: item.unit === 'kg' ? baseRate * 4 : baseRate, growth: between(random, -0.25, 0.35), priceMinor: price, costMinor: cost,
        packMilli: pack, moqMilli: moq, leadTime: sup.lead, launchDay: random() < 0.05 ? Math.floor(between(random, days * 0.3, days * 0.8)) : 0,
        priceChange, promos, story: null, tracksExpiry, phase: between(random, -15, 15),
      };
    });
    castStories(plans);

    const daily = new Bulk(db, 'INSERT INTO daily_sales (product_id, date, sold_milli, revenue_minor, cost_minor, end_stock_milli)', 6);
    const moves = new Bulk(
      db,
      'INSERT INTO movements (product_id, kind, qty_milli, unit_cost_minor, unit_price_minor, reason, reference, lot, expiry, user_id, occurred_at, business_date)',
      12,
      64,
    );
    const dates = Array.from({ length: days }, (_, d) => addDays(firstDate, d));
    const dow = dates.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay());
    const doy = dates.map((d) => Math.floor((Date.parse(`${d}T00:00:00Z`) - Date.parse(`${d.slice(0, 4)}-01-01T00:00:00Z`)) / 86_400_000));
    // salaries are paid at the month's end: the shop is busier from the 28th to the 2nd
    const payday = dates.map((d) => (Number(d.slice(8)) >= 28 || Number(d.slice(8)) <= 2 ? 1.2 : 1));
    const at = (d: number, hour: number) => `${dates[d]}T${String(hour).padStart(2, '0')}:00:00.000Z`;
    let stockoutDays = 0;
    let expiryLots = 0;
    const insStock = db.prepare('INSERT INTO stock (product_id, on_hand_milli, updated_at) VALUES (?, ?, ?)');

    for (const p of plans) {
      const c = p.category;
      const mean = (d: number, pay = true) => {
        const yearly = 1 + c.yearlyAmp * Math.cos((2 * Math.PI * (doy[d]! - c.peakDay - p.phase)) / 365.25);
        const festive = c.name === 'Boissons' && (doy[d]! >= 357 || doy[d]! <= 1) ? 1.6 : 1;
        const trend = Math.exp((p.growth * d) / 365);
        const raised = p.priceChange && d >= p.priceChange.day ? 0.93 : 1;
        const promo = p.promos.some((s) => d >= s && d < s + 7) ? 1.7 : 1;
        return p.base * c.weekly[dow[d]!]! * (pay ? payday[d]! : 1) * yearly * festive * trend * raised * promo;
      };
      const avgDemandMilli = p.base * p.step;
      // the shop orders from what it expects to sell now (trend and season included), a safety stock on
      // top: once a week, fresh goods every day and only a few days' worth, so they sell before their date
      const fresh = p.tracksExpiry && c.shelfLifeDays! < 60;
      const review = fresh ? 1 : 7;
      // (the month's-end rush is not planned for: it comes and goes within an order cycle)
      const reorderAt = (d: number) => {
        const units = mean(d, false) * (p.leadTime + review);
        return p.step * (units + 2 * Math.sqrt(units));
      };
      const orderUpTo = (d: number) => reorderAt(d) + mean(d, false) * p.step * (fresh ? 3 : 14);
      const pending: { day: number; milli: number }[] = [];
      const recent: number[] = [];
      let onHand = 0;
      let lotNo = 0;
      const receive = (d: number, milli: number, hour: number, reason: string, shelfLife = c.shelfLifeDays) => {
        const cost = p.priceChange && d >= p.priceChange.day ? Math.round(p.costMinor * p.priceChange.factor) : p.costMinor;
        let lot: string | null = null;
        let expiry: string | null = null;
        if (p.tracksExpiry) {
          lot = `L${dates[d]!.slice(2, 4)}${dates[d]!.slice(5, 7)}-${p.id}-${++lotNo}`;
          expiry = addDays(dates[d]!, shelfLife!);
          expiryLots++;
        }
        moves.add(p.id, 'receipt', milli, cost, 0, reason, `BL-${p.id}-${d}`, lot, expiry, actor.user.id, at(d, hour), dates[d]);
        onHand += milli;
      };
      const orderQty = (want: number) => Math.max(p.moqMilli, Math.ceil(Math.max(want, 1) / p.packMilli) * p.packMilli);

      for (let d = 0; d < days; d++) {
        if (d < p.launchDay) continue;
        if (d === p.launchDay) receive(d, orderQty(orderUpTo(d)), 8, 'stock initial');
        for (let i = pending.length - 1; i >= 0; i--) {
          if (pending[i]!.day === d) {
            receive(d, pending[i]!.milli, 9, 'livraison fournisseur');
            pending.splice(i, 1);
          }
        }
        if (p.story === 'overstock' && d === days - 15) receive(d, orderQty(avgDemandMilli * 150), 10, 'offre promotionnelle du fournisseur');
        if (p.story === 'shortDated' && d === days - 15) {
          pending.length = 0;
          receive(d, orderQty(mean(d) * p.step * 45), 10, 'lot à date courte, prix remisé', 20);
        }
        if (p.story === 'expired' && d === days - 25) {
          pending.length = 0;
          receive(d, orderQty(mean(d) * p.step * 40), 9, 'livraison fournisseur');
        }

        const gone = p.story === 'dead' && d > days - 75;
        const demand = gone ? 0 : poisson(random, mean(d)) * p.step;
        const sold = Math.min(demand, onHand);
        const price = Math.round((p.priceChange && d >= p.priceChange.day ? p.priceMinor * p.priceChange.factor : p.priceMinor) * (p.promos.some((s) => d >= s && d < s + 7) ? 0.85 : 1));
        const cost = p.priceChange && d >= p.priceChange.day ? Math.round(p.costMinor * p.priceChange.factor) : p.costMinor;
        if (sold > 0) {
          moves.add(p.id, 'sale', -sold, cost, price, '', `CAISSE-${dates[d]}`, null, null, actor.user.id, at(d, 18), dates[d]);
          onHand -= sold;
        }
        if (onHand === 0 && sold === 0) stockoutDays++;
        daily.add(p.id, dates[d], sold, lineAmount(sold, price), lineAmount(sold, cost), onHand);
        recent.push(sold);
        if (recent.length > 28) recent.shift();

        // an order on the supplier's day; a story product stops being reordered near the end
        const onOrder = pending.reduce((s, o) => s + o.milli, 0);
        const stopped =
          (p.story === 'low' && d > days - 45) || (p.story === 'dead' && d > days - 75) || (p.story === 'shortDated' && d >= days - 15) || (p.story === 'expired' && d >= days - 25);
        if (!stopped && d % review === p.id % review && onHand + onOrder <= reorderAt(d)) {
          const late = random() < 0.1 ? Math.floor(between(random, 4, 14)) : 0;
          pending.push({ day: d + p.leadTime + late, milli: orderQty(orderUpTo(d) - onHand - onOrder) });
        }
      }
      // yesterday's deliveries: the shop in order today, above the reorder point the app will compute
      // from the last 28 days (orders still on the way are not in the app, so they cannot count)
      if (p.story === null || p.story === 'overstock') {
        const m = recent.reduce((a, b) => a + b, 0) / 28 / 1000;
        const lead = m * p.leadTime;
        const wantMilli = Math.ceil((lead + Z95 * Math.sqrt(lead) + m * 7) * 1.15 * 1000);
        if (m > 0 && onHand < wantMilli) receive(days - 1, orderQty(wantMilli - onHand), 17, 'livraison fournisseur');
      }
      insStock.run(p.id, onHand, nowIso);
    }
    daily.flush();
    moves.flush();
    const summary: DemoSummary = {
      products: plans.length,
      suppliers: DEMO_SUPPLIERS.length,
      categories: DEMO_CATEGORIES.length,
      days,
      firstDate,
      lastDate,
      dailyRows: daily.count,
      movements: moves.count,
      stockoutDays,
      expiryLots,
    };
    new Journal(db).write(nowIso, actor.user.id, 'demo', 'shop', '', summary);
    return summary;
  });
}

/** Casts the story products: ordinary movers with a history from the first day, picked in a fixed order. */
function castStories(plans: Plan[]): void {
  const taken = new Set<number>();
  const cast = (story: Story, fits: (p: Plan) => boolean) => {
    const p = plans.find((x) => !taken.has(x.id) && x.launchDay === 0 && x.promos.length === 0 && x.priceChange === null && fits(x));
    if (!p) return;
    taken.add(p.id);
    p.story = story;
  };
  const fresh = (p: Plan) => p.tracksExpiry && p.category.shelfLifeDays !== null && p.category.shelfLifeDays < 60;
  for (const story of STORIES) {
    if (story === 'low') cast(story, (p) => !p.tracksExpiry && p.base >= 2 && p.base <= 10 && p.leadTime >= 5);
    else if (story === 'overstock') cast(story, (p) => !p.tracksExpiry && p.base >= 1 && p.base <= 5);
    else if (story === 'dead') cast(story, (p) => !p.tracksExpiry && p.base >= 0.3 && p.base <= 1.5);
    else if (story === 'shortDated') cast(story, (p) => p.tracksExpiry && !fresh(p) && p.base >= 0.5);
    else cast(story, (p) => fresh(p) && p.base >= 1 && p.base <= 6);
  }
}
