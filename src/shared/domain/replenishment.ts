/**
 * What to order, per product, from its daily forecast quantiles. Pure arithmetic shared by the
 * engine (main) and the screens that explain it.
 *
 * Each day's demand is summarised by its mean (≈ P50, lifted when the band is skewed) and its spread
 * (P90 − P10 = 2 × 1.2816 σ for a normal). Days are added as independent: the mean of a period is the
 * sum of means, its variance the sum of variances. Safety stock = z(service level) × σ of the period.
 */
import { shortDate } from './dates';
import { plural } from './plural';
import { wholeUp } from './quantity';

export interface DayForecast {
  p10: number;
  p50: number;
  p90: number;
  /**
   * The engine's mean for the day, when it gave one. A slow mover's day is mostly 0 with a 1 now and
   * then: its median is 0 and its mean is not, and no formula on the three quantiles gets it back.
   */
  mean?: number | null;
}

/**
 * The lead time that applies to a product: the longer of its own and its supplier's (a product
 * bought from an importer waits for the importer, whatever its own form says). Suggestions, alerts
 * and purchase orders all use it.
 */
export function effectiveLeadTimeDays(productDays: number, supplierDays: number | null | undefined): number {
  return Math.max(productDays, supplierDays ?? 0);
}

export interface ReplenishmentInput {
  /** Forecast from today onwards, one entry per day, at least lead time + review period long. */
  forecast: DayForecast[];
  onHand: number;
  onOrder: number;
  leadTimeDays: number;
  /** Days until the next chance to order (1 = ordering every day). */
  reviewDays: number;
  /** Target probability of not running out before the next delivery, e.g. 0.95. */
  serviceLevel: number;
  packSize: number;
  minOrderQty: number;
  /** For expiry-tracked products: days a delivered lot stays sellable. */
  shelfLifeDays?: number | null;
}

export interface Replenishment {
  /** Expected demand and its spread over the lead time, and over lead time + review period. */
  leadDemand: { mean: number; sigma: number };
  coverDemand: { mean: number; sigma: number };
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  /** Suggested quantity in units (0: nothing to order), and in packs. */
  quantity: number;
  packs: number;
  /** What the expiry cap removed (0 when it did not apply). */
  cappedByExpiry: number;
  /** True when the minimum order quantity, not the need rounded to packs, set the quantity. */
  raisedToMinimum: boolean;
  daysOfCover: number | null;
  /**
   * Day index (0 = today) when stock is expected to run out at P50; null when it lasts beyond the
   * forecast and beyond lead time + review period (the last week repeated past the forecast).
   */
  stockoutDay: number | null;
  belowReorderPoint: boolean;
  /** Typical weekly sales band (P10–P90 summed over the next 7 days), for the explanation. */
  weekLow: number;
  weekHigh: number;
}

const Z90 = 1.2815515655446004;

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('service level must be between 0 and 1');
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

function dayMoments(d: DayForecast): { mean: number; variance: number } {
  const sigma = Math.max(0, d.p90 - d.p10) / (2 * Z90);
  // without the engine's mean: a right-skewed band (P90 further from P50 than P10) means a mean above the median
  const mean = d.mean != null && Number.isFinite(d.mean) ? Math.max(0, d.mean) : Math.max(0, d.p50 + (d.p90 + d.p10 - 2 * d.p50) / 3);
  return { mean, variance: sigma * sigma };
}

/**
 * What is left of today's demand once `sold` has gone over the counter: the forecast is of the whole
 * day, and at 20:00 the day's sales have already left the shelf the stock is counted on. Each quantile
 * loses what was sold, down to 0; the mean is then read from the band that is left (the day's mean
 * less what sold would say nothing more can sell, when its P90 still can).
 */
export function leftOfToday(today: DayForecast, sold: number): DayForecast {
  if (!(sold > 0)) return today;
  const less = (x: number) => Math.max(0, x - sold);
  return { p10: less(today.p10), p50: less(today.p50), p90: less(today.p90), mean: null };
}

/** Day `i` of the forecast; beyond the horizon, the last known week repeated. */
function dayAt(forecast: DayForecast[], i: number): DayForecast | undefined {
  return forecast[i] ?? forecast[Math.max(0, forecast.length - 7 + ((i - forecast.length) % 7))];
}

/** The demand of `days` days from day `from`: days add as independent (means add, variances add). */
export function periodDemand(forecast: DayForecast[], from: number, days: number): { mean: number; sigma: number } {
  let mean = 0;
  let variance = 0;
  for (let i = from; i < from + days; i++) {
    const d = dayAt(forecast, i);
    if (!d) continue;
    const m = dayMoments(d);
    mean += m.mean;
    variance += m.variance;
  }
  return { mean, sigma: Math.sqrt(variance) };
}

/** Rounds a quantity to 3 decimals (the ledger's precision) to keep fractional units exact. */
const exact = (x: number) => Math.round(x * 1000) / 1000;

export function replenish(input: ReplenishmentInput): Replenishment {
  const { forecast, onHand, onOrder, leadTimeDays, reviewDays, serviceLevel, packSize, minOrderQty } = input;
  if (!(packSize > 0)) throw new RangeError('packSize must be more than 0');
  const z = normalQuantile(serviceLevel);
  const lead = periodDemand(forecast, 0, leadTimeDays);
  const cover = periodDemand(forecast, 0, leadTimeDays + reviewDays);
  const safetyStock = z * cover.sigma;
  const reorderPoint = lead.mean + z * lead.sigma;
  const orderUpTo = cover.mean + safetyStock;
  const position = onHand + onOrder;

  let raw = Math.max(0, orderUpTo - position);
  let cappedByExpiry = 0;
  if (input.shelfLifeDays && raw > 0) {
    // what can sell between the delivery and the lot's expiry, after the stock already there
    const sellable = periodDemand(forecast, leadTimeDays, input.shelfLifeDays).mean;
    const leftAtArrival = Math.max(0, position - lead.mean);
    const cap = Math.max(0, sellable - leftAtArrival);
    if (raw > cap) {
      cappedByExpiry = raw - cap;
      raw = cap;
    }
  }
  let quantity = 0;
  let packs = 0;
  let raisedToMinimum = false;
  if (raw > 1e-9) {
    // capped by expiry: round down, so the packs ordered can sell before they expire (one pack at least)
    packs = cappedByExpiry > 0 ? Math.max(1, Math.floor(exact(raw / packSize) + 1e-9)) : Math.ceil(exact(raw / packSize) - 1e-9);
    quantity = exact(packs * packSize);
    if (quantity < minOrderQty) {
      packs = Math.ceil(exact(minOrderQty / packSize) - 1e-9);
      quantity = exact(packs * packSize);
      raisedToMinimum = true;
    }
  }

  const daily = forecast.length ? periodDemand(forecast, 0, Math.min(28, forecast.length)).mean / Math.min(28, forecast.length) : 0;
  let stockoutDay: number | null = null;
  let left = onHand;
  // at least as far as the next delivery and the order after it can reach (a 45-day lead time looks
  // 45 + review days ahead), beyond the forecast's horizon by repeating its last week as periodDemand does
  const searchDays = forecast.length ? Math.max(forecast.length, leadTimeDays + reviewDays) : 0;
  for (let i = 0; i < searchDays; i++) {
    left -= dayMoments(dayAt(forecast, i)!).mean;
    if (left < 0) {
      stockoutDay = i;
      break;
    }
  }
  const week = forecast.slice(0, 7);
  return {
    leadDemand: lead,
    coverDemand: cover,
    safetyStock,
    reorderPoint,
    orderUpTo,
    quantity,
    packs,
    cappedByExpiry,
    raisedToMinimum,
    // a stock below 0 covers no day (not « -0,9 j »)
    daysOfCover: daily > 0 ? Math.max(0, onHand) / daily : null,
    stockoutDay: onHand <= 0 ? 0 : stockoutDay,
    belowReorderPoint: position <= reorderPoint,
    weekLow: week.reduce((s, d) => s + d.p10, 0),
    weekHigh: week.reduce((s, d) => s + d.p90, 0),
  };
}

/** A number as the shop reads it: one decimal at most, the locale's separators. */
const numberText = (x: number, locale: 'fr' | 'en', decimals = 1) => (Math.round(x * 10 ** decimals) / 10 ** decimals).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * A unit's name after a quantity, in the shop's language: symbols as they are (kg, l…), boxes and
 * packs as words, singular or plural by the count; nothing for pieces, the product's name says what one is.
 */
export function unitLabel(unit: string, count: number, locale: 'fr' | 'en'): string {
  switch (unit) {
    case '':
    case 'piece':
      return '';
    case 'box':
      return locale === 'fr' ? plural(count, 'fr', 'boîte', 'boîtes') : plural(count, 'en', 'box', 'boxes');
    case 'pack':
      return locale === 'fr' ? plural(count, 'fr', 'paquet', 'paquets') : plural(count, 'en', 'pack', 'packs');
    default:
      return unit;
  }
}

/**
 * A quantity with its unit (« 5 kg », « 3 boîtes », « 12 » for pieces), the two kept on one line;
 * to a tenth, or to `decimals` places (3: the gram a scale weighed).
 */
export function quantityText(x: number, unit: string, locale: 'fr' | 'en', decimals = 1): string {
  const label = unitLabel(unit, Math.round(x * 10) / 10, locale);
  return label ? `${numberText(x, locale, decimals)}\u00a0${label}` : numberText(x, locale, decimals);
}

/** A percentage: « 95 % » in French (a space, kept on the line), "95%" in English. */
export function percentText(fraction: number, locale: 'fr' | 'en'): string {
  return locale === 'fr' ? `${numberText(fraction * 100, 'fr')}\u00a0%` : `${numberText(fraction * 100, 'en')}%`;
}

/** The suggestion in plain words and numbers, in the shop's language; every quantity with its unit. */
export function explainReplenishment(r: Replenishment, input: ReplenishmentInput, locale: 'fr' | 'en', unit = ''): string {
  const n = (x: number) => numberText(x, locale);
  const q = (x: number) => quantityText(x, unit, locale);
  const fr = locale === 'fr';
  // « colis » is the same word in the singular and the plural
  const packText = input.packSize !== 1 ? (fr ? ` = ${r.packs} colis de ${q(input.packSize)}` : ` = ${r.packs} ${plural(r.packs, 'en', 'pack', 'packs')} of ${q(input.packSize)}`) : '';
  // said only when the minimum set the quantity, inside the sentence it explains
  const minimum = r.raisedToMinimum && input.minOrderQty > 0 ? (fr ? ` (minimum de commande : ${q(input.minOrderQty)})` : ` (minimum order: ${q(input.minOrderQty)})`) : '';
  // a range reads « 1,8 à 5,8 kg »: the unit once, after the upper bound
  const week = `${n(r.weekLow)} ${fr ? 'à' : 'to'} ${q(r.weekHigh)}`;
  const parts = fr
    ? [
        `Vous vendez ${week} par semaine`,
        `la livraison prend ${input.leadTimeDays} ${plural(input.leadTimeDays, 'fr', 'jour', 'jours')}`,
        `vous en avez ${q(input.onHand)} et ${q(input.onOrder)} en commande`,
        r.quantity > 0 ? `commandez ${q(r.quantity)}${packText}${minimum}` : 'rien à commander pour l’instant',
      ]
    : [
        `You sell ${week} a week`,
        `delivery takes ${input.leadTimeDays} ${plural(input.leadTimeDays, 'en', 'day', 'days')}`,
        `you have ${q(input.onHand)} and ${q(input.onOrder)} on order`,
        r.quantity > 0 ? `order ${q(r.quantity)}${packText}${minimum}` : 'nothing to order for now',
      ];
  let text = `${parts.join(fr ? ' ; ' : '; ')}.`;
  if (r.cappedByExpiry > 0)
    text += fr
      ? ` Quantité limitée à ce qui devrait se vendre avant la péremption (${q(r.cappedByExpiry)} de moins).`
      : ` Capped at what should sell before the lot expires (${q(r.cappedByExpiry)} less).`;
  return text;
}

/**
 * A forecast stand-in for a product the engine has not forecast yet: its recent average daily sales,
 * with a Poisson-like spread (σ = √mean per day). The band is built so that its mean is exactly `dailyMean`.
 */
export function averageForecast(dailyMean: number, days: number): DayForecast[] {
  const m = Math.max(0, dailyMean);
  const s = Math.sqrt(m);
  const p10 = Math.max(0, m - Z90 * s);
  const p90 = m + Z90 * s;
  const p50 = Math.max(0, 3 * m - p90 - p10);
  return Array.from({ length: Math.max(1, days) }, () => ({ p10, p50, p90, mean: m }));
}

export type AbcClass = 'A' | 'B' | 'C';

/**
 * ABC by revenue share: products sorted by revenue, A until 80 % of the total is reached (the product
 * that crosses 80 % included), B until 95 %, C the rest and anything that sold nothing.
 */
export function abcClasses(revenue: ReadonlyMap<number, number>): Map<number, AbcClass> {
  const out = new Map<number, AbcClass>();
  const sorted = [...revenue.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const total = sorted.reduce((s, [, r]) => s + Math.max(0, r), 0);
  let before = 0;
  for (const [id, r] of sorted) {
    if (total <= 0 || r <= 0) out.set(id, 'C');
    else out.set(id, before < 0.8 * total ? 'A' : before < 0.95 * total ? 'B' : 'C');
    before += Math.max(0, r);
  }
  return out;
}

export interface ExplainContext {
  /** 'average': no forecast yet, the recent average daily sales stand in for it. */
  source?: 'forecast' | 'average';
  dailyMean?: number;
  /** With 'average': over how many days. */
  averagedDays?: number;
  /**
   * ISO date of the predicted stockout, when within the horizon. With nothing on hand, the day the
   * stock ran out by the ledger (null when the ledger does not say).
   */
  stockoutDate?: string | null;
  serviceLevel?: number;
  /** The shop's overstock threshold in days of sales: an order that would take the stock past it says so. */
  overstockDays?: number;
}

/**
 * explainReplenishment plus where the numbers come from, then either the cover and the predicted
 * stockout, or, with nothing on hand, that the product is out of stock and since when.
 */
export function explainFully(r: Replenishment, input: ReplenishmentInput, locale: 'fr' | 'en', unit = '', ctx: ExplainContext = {}): string {
  const n = (x: number) => numberText(x, locale);
  const q = (x: number) => quantityText(x, unit, locale);
  // the week's band is the P10-P90 of the week's total (days add as independent), narrower than the
  // sum of the daily P10s and P90s that explainReplenishment quotes
  const week = periodDemand(input.forecast, 0, 7);
  const band = { ...r, weekLow: Math.max(0, week.mean - Z90 * week.sigma), weekHigh: week.mean + Z90 * week.sigma };
  const parts = [explainReplenishment(band, input, locale, unit)];
  const fr = locale === 'fr';
  if (ctx.source === 'average') {
    const days = (d: number | undefined) => (d ? (fr ? `des ${d} derniers jours ` : `over the last ${d} days `) : fr ? 'récentes ' : '');
    parts.unshift(
      fr
        ? `Pas encore de prévision pour ce produit : calcul sur la moyenne des ventes ${days(ctx.averagedDays)}(${q(ctx.dailyMean ?? 0)} par jour).`
        : `No forecast for this product yet: based on average sales ${days(ctx.averagedDays)}(${q(ctx.dailyMean ?? 0)} a day).`,
    );
  }
  if (input.onHand <= 0) {
    const since = ctx.stockoutDate ? shortDate(ctx.stockoutDate, locale) : null;
    parts.push(fr ? (since ? `En rupture depuis le ${since}.` : 'En rupture de stock.') : since ? `Out of stock since ${since}.` : 'Out of stock.');
  } else {
    if (r.daysOfCover !== null) {
      const cover = Math.round(r.daysOfCover * 10) / 10;
      parts.push(fr ? `Stock pour environ ${n(cover)} ${plural(cover, 'fr', 'jour', 'jours')}.` : `Stock for about ${n(cover)} ${plural(cover, 'en', 'day', 'days')}.`);
    }
    if (ctx.stockoutDate) parts.push(fr ? `Rupture prévue le ${shortDate(ctx.stockoutDate, locale)}.` : `Expected to run out on ${shortDate(ctx.stockoutDate, locale)}.`);
  }
  const daily = ctx.dailyMean ?? 0;
  if (ctx.overstockDays !== undefined && r.quantity > 0 && daily > 0 && (input.packSize !== 1 || r.raisedToMinimum)) {
    // a pack or a minimum bigger than what sells: the order itself would read as overstock on arrival
    const after = Math.round((Math.max(0, input.onHand) + input.onOrder + r.quantity) / daily);
    if (after > ctx.overstockDays) {
      const cause = r.raisedToMinimum
        ? fr
          ? `le minimum de commande (${q(input.minOrderQty)})`
          : `the minimum order (${q(input.minOrderQty)})`
        : fr
          ? `le colis de ${q(input.packSize)}`
          : `the pack of ${q(input.packSize)}`;
      parts.push(
        fr
          ? `À réception, le stock couvrirait environ ${after} jours de ventes, au-delà du seuil de surstock (${ctx.overstockDays} jours) : ${cause} est grand pour ce qui se vend. Voyez si le fournisseur livre moins, ou attendez la rupture prévue.`
          : `On arrival the stock would cover about ${after} days of sales, past the overstock threshold (${ctx.overstockDays} days): ${cause} is large for what sells. Ask whether the supplier sells less, or wait for the expected stockout.`,
      );
    }
  }
  if (r.quantity > 0 && !r.belowReorderPoint && input.onHand > 0) {
    // ordering up to the target at each review: this one can wait, or ride along with an order to its supplier
    parts.push(
      fr
        ? `Au-dessus du seuil de commande : peut attendre, ou partir avec une commande à ce fournisseur.`
        : `Above the reorder point: it can wait, or go with an order to this supplier.`,
    );
  }
  if (ctx.serviceLevel !== undefined) {
    parts.push(
      fr
        ? `Seuil de commande ${q(wholeUp(unit, r.reorderPoint))}, stock de sécurité ${q(r.safetyStock)} (objectif ${percentText(ctx.serviceLevel, 'fr')} sans rupture).`
        : `Reorder point ${q(wholeUp(unit, r.reorderPoint))}, safety stock ${q(r.safetyStock)} (target ${percentText(ctx.serviceLevel, 'en')} without stockout).`,
    );
  }
  return parts.join(' ');
}
