import type { AlertSeverity, AlertType } from '../../../shared/api/contract';
import { FORECAST_STALE_HOURS } from '../../../shared/domain/forecast';
import type { Locale } from '../../../shared/domain/settings';
import { shortDate } from '../../../shared/domain/dates';
import { plural } from '../../../shared/domain/plural';
import { quantityText } from '../../../shared/domain/replenishment';
import { wholeUp } from '../../../shared/domain/quantity';

/** A condition that holds now; the service merges it with the stored alert of the same key. */
export interface Condition {
  key: string;
  type: AlertType;
  severity: AlertSeverity;
  productId: number | null;
  message: string;
  /** How bad it is, in the kind's own figure, larger is worse (see `worsened`); absent for kinds without one. */
  measure?: number;
}

export interface ProductFacts {
  id: number;
  name: string;
  unit: string;
  onHand: number;
  onOrder: number;
  reorderPoint: number;
  dailyMean: number;
  leadTimeDays: number;
  daysOfCover: number | null;
  /** The predicted stockout; with nothing on hand, the day the stock ran out (null: the ledger does not say). */
  stockoutDate: string | null;
  belowReorderPoint: boolean;
  /** Orders still to come (sent or partly received), earliest expected date first, with what each still brings. */
  orders: { reference: string; expectedDate: string; remaining: number }[];
  suggested: number;
  /** Last day with a sale, or the product's first movement when it never sold; null if neither. */
  lastSale: string | null;
  lastActivity: string | null;
  /** Lots still in the shop (what left came off the earliest expiry first: FEFO), with what remains of each. */
  lots: { lot: string; expiry: string; remaining: number }[];
  /**
   * Sales of a day next to that day's stored forecast band; `stockout`: the shelf was empty at the end
   * of that day (it ran out, or never had any), so few sales say nothing about demand.
   */
  anomalies: { date: string; sold: number; p10: number; p90: number; partial: boolean; stockout?: boolean }[];
}

export interface Thresholds {
  overstockDays: number;
  deadStockDays: number;
  expiryWarnDays: number;
  anomalyFactor: number;
}

/** An expiring lot's alert is keyed by its lot and expiry: `expiring_lot:<product>:<lot>:<YYYY-MM-DD>`. */
const lotKeySuffix = (l: { lot: string; expiry: string }) => `:${l.lot}:${l.expiry}`;

/** The lot an expiring lot's alert is about, read back from its key (the lot may hold ':', the date cannot). */
export function lotOfAlertKey(key: string): { lot: string; expiry: string } | null {
  const m = /^expiring_lot:\d+:(.*):(\d{4}-\d{2}-\d{2})$/s.exec(key);
  return m ? { lot: m[1]!, expiry: m[2]! } : null;
}

/** A foreseen stockout's measure: the earlier it comes, the larger (minus its day number). */
const earliness = (date: string) => -Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/**
 * Whether an acknowledged or snoozed alert got materially worse since (its measure then and now): it
 * comes back, unacknowledged, then. Quantities by half what was seen, and at least 2 (a negative
 * stock half as deep again, a lot with half as much again at stake, a product to order with half its
 * stock and orders gone); a foreseen stockout by coming 2 days earlier. So one more sale or a forecast
 * moving by a decimal brings nothing back. Kinds without a measure (already out of stock, late orders,
 * overstock, unsold, anomalies, forecasts) come back only when their severity rises.
 */
export function worsened(type: AlertType, seen: number | null, now: number | null): boolean {
  if (seen === null || now === null) return false;
  const step = type === 'stockout_before_delivery' ? 2 : Math.max(2, Math.abs(seen) / 2);
  return now - seen >= step;
}

const num = (x: number, locale: Locale) => (Math.round(x * 10) / 10).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The conditions of one product, in the shop's language. `today` is the shop's business day;
 * `calendarDay` the date on the calendar, which expiry dates are read against (at 01:00, in a night
 * that is still yesterday's business day, yesterday's expiry is past all the same).
 */
export function productConditions(p: ProductFacts, today: string, t: Thresholds, locale: Locale, calendarDay = today): Condition[] {
  const fr = locale === 'fr';
  const n = (x: number) => num(x, locale);
  // a quantity with the product's unit (« 5 kg », « 3 boîtes », « 12 » for pieces)
  const q = (x: number) => quantityText(x, p.unit, locale);
  // a computed level (the reorder point) in whole pieces for a product sold by the piece
  const level = (x: number) => q(wholeUp(p.unit, x));
  const d = (date: string) => shortDate(date, locale);
  const dayCount = (x: number) => `${x} ${fr ? plural(x, locale, 'jour', 'jours') : plural(x, locale, 'day', 'days')}`;
  const out: Condition[] = [];
  // A stockout that has happened is another fact than the one foreseen, with its own key: the owner who
  // acknowledged « will run out on the 24th » has not seen « is out of stock » (both are critical, so
  // the severity rising would not bring it back).
  const OUT_NOW = ':out';
  const add = (type: AlertType, severity: AlertSeverity, message: string, suffix = '', measure?: number) =>
    out.push({ key: `${type}:${p.id}${suffix}`, type, severity, productId: p.id, message, ...(measure === undefined ? {} : { measure }) });

  if (p.onHand < 0) {
    add(
      'negative_stock',
      'critical',
      fr ? `${p.name} : stock négatif (${q(p.onHand)}). Comptez le rayon et corrigez le stock.` : `${p.name}: negative stock (${q(p.onHand)}). Count the shelf and correct the stock.`,
      '',
      -p.onHand,
    );
  }
  const reorder = p.belowReorderPoint && p.dailyMean > 0;
  // An empty shelf, or one foreseen empty before a delivery, is one problem, told once: its critical
  // alert carries the order advice, and no « à commander » warning stands beside it. With an order
  // already coming, what to order is on top of it.
  let toldCritical = false;
  const addCritical = (type: AlertType, message: string, coming: boolean, suffix = OUT_NOW, measure?: number) => {
    toldCritical = true;
    const advice =
      reorder && p.suggested > 0
        ? fr
          ? ` À commander${coming ? ' en plus' : ''} : ${q(p.suggested)}.`
          : ` To order${coming ? ' on top' : ''}: ${q(p.suggested)}.`
        : '';
    add(type, 'critical', `${message}${advice}`, suffix, measure);
  };
  // orders whose expected date has passed, the longest overdue first, and those still on time
  const late = p.orders.filter((o) => o.expectedDate < today);
  const coming = p.orders.filter((o) => o.expectedDate >= today);
  const outSince = p.onHand <= 0 && p.stockoutDate ? d(p.stockoutDate) : null;
  if (late.length && (p.onHand <= 0 || (p.dailyMean > 0 && p.onHand <= p.reorderPoint))) {
    // the order the shelf waits for is late: it no longer stands for a delivery, the supplier must be chased
    const o = late[0]!;
    const behind = dayCount(days(o.expectedDate, today));
    const others = late.length - 1;
    const more = others
      ? fr
        ? `, et ${others} ${plural(others, locale, 'autre commande', 'autres commandes')} en retard`
        : `, and ${others} more ${plural(others, locale, 'order', 'orders')} overdue`
      : '';
    const shelf =
      p.onHand <= 0
        ? fr
          ? `en rupture${outSince ? ` depuis le ${outSince}` : ''}`
          : `out of stock${outSince ? ` since ${outSince}` : ''}`
        : fr
          ? `plus que ${q(p.onHand)} en stock, sous le seuil de commande (${level(p.reorderPoint)})`
          : `only ${q(p.onHand)} in stock, below the reorder point (${level(p.reorderPoint)})`;
    const text = fr
      ? `${p.name} : ${shelf} ; la commande ${o.reference} (${q(o.remaining)}) était attendue le ${d(o.expectedDate)} (${behind} de retard${more}). Relancez le fournisseur.`
      : `${p.name}: ${shelf}; order ${o.reference} (${q(o.remaining)}) was due on ${d(o.expectedDate)} (${behind} late${more}). Chase the supplier.`;
    if (p.onHand <= 0) addCritical('order_overdue', text, true, '');
    else add('order_overdue', 'warning', text);
  } else if (coming.length && p.dailyMean > 0) {
    // an order on the way: the shelf empties before it comes (or already has)
    const o = coming[0]!;
    if (p.onHand <= 0) {
      addCritical(
        'stockout_before_delivery',
        fr
          ? `${p.name} : en rupture${outSince ? ` depuis le ${outSince}` : ''} ; la commande ${o.reference} (${q(o.remaining)}) n’est attendue que le ${d(o.expectedDate)}.`
          : `${p.name}: out of stock${outSince ? ` since ${outSince}` : ''}; order ${o.reference} (${q(o.remaining)}) is not due until ${d(o.expectedDate)}.`,
        true,
      );
    } else if (p.stockoutDate && p.stockoutDate < o.expectedDate) {
      const gap = dayCount(days(p.stockoutDate, o.expectedDate));
      addCritical(
        'stockout_before_delivery',
        fr
          ? `${p.name} : rupture prévue le ${d(p.stockoutDate)}, avant la livraison : la commande ${o.reference} (${q(o.remaining)}) est attendue le ${d(o.expectedDate)}, ${gap} après.`
          : `${p.name}: expected to run out on ${d(p.stockoutDate)}, before the delivery: order ${o.reference} (${q(o.remaining)}) is due on ${d(o.expectedDate)}, ${gap} later.`,
        true,
        '',
        earliness(p.stockoutDate),
      );
    }
  } else if (p.onOrder <= 0 && !p.orders.length && p.dailyMean > 0) {
    const lead = fr ? `${dayCount(p.leadTimeDays)} de délai` : `${p.leadTimeDays} ${plural(p.leadTimeDays, locale, "day's", "days'")} lead time`;
    if (p.onHand <= 0) {
      // already out: say so, and since when when the ledger says, not a predicted date
      addCritical(
        'stockout_before_delivery',
        fr
          ? `${p.name} : en rupture${outSince ? ` depuis le ${outSince}` : ''} et rien en commande (${lead}).`
          : `${p.name}: out of stock${outSince ? ` since ${outSince}` : ''} and nothing on order (${lead}).`,
        false,
      );
    } else if (p.stockoutDate && days(today, p.stockoutDate) < p.leadTimeDays) {
      addCritical(
        'stockout_before_delivery',
        fr
          ? `${p.name} : rupture prévue le ${d(p.stockoutDate)}, avant la prochaine livraison possible (${lead}).`
          : `${p.name}: expected to run out on ${d(p.stockoutDate)}, before the next possible delivery (${lead}).`,
        false,
        '',
        earliness(p.stockoutDate),
      );
    }
  }
  if (reorder && !toldCritical) {
    add(
      'reorder_point',
      'warning',
      fr
        ? `${p.name} : ${q(p.onHand)} en stock et ${q(p.onOrder)} en commande, au seuil de commande (${level(p.reorderPoint)}) ou en dessous. À commander : ${q(p.suggested)}.`
        : `${p.name}: ${q(p.onHand)} in stock and ${q(p.onOrder)} on order, at or below the reorder point (${level(p.reorderPoint)}). To order: ${q(p.suggested)}.`,
      '',
      -(p.onHand + p.onOrder),
    );
  }
  if (p.daysOfCover !== null && p.onHand > 0 && p.daysOfCover > t.overstockDays) {
    add('overstock', 'info', fr ? `${p.name} : surstock, ${n(p.daysOfCover)} jours de ventes en rayon (plus de ${t.overstockDays}).` : `${p.name}: overstock, ${n(p.daysOfCover)} days of sales on the shelf (more than ${t.overstockDays}).`);
  }
  const since = p.lastSale ?? p.lastActivity;
  if (p.onHand > 0 && since && days(since, today) >= t.deadStockDays) {
    add(
      'dead_stock',
      'warning',
      p.lastSale
        ? fr
          ? `${p.name} : ${q(p.onHand)} en stock, aucune vente depuis le ${d(p.lastSale)} (${dayCount(days(p.lastSale, today))}).`
          : `${p.name}: ${q(p.onHand)} in stock, no sale since ${d(p.lastSale)} (${dayCount(days(p.lastSale, today))}).`
        : fr
          ? `${p.name} : ${q(p.onHand)} en stock, jamais vendu depuis ${dayCount(days(since, today))}.`
          : `${p.name}: ${q(p.onHand)} in stock, never sold in ${dayCount(days(since, today))}.`,
    );
  }
  for (const lot of p.lots) {
    const left = days(calendarDay, lot.expiry);
    if (lot.remaining <= 0 || left > t.expiryWarnDays) continue;
    const expired = left < 0;
    add(
      'expiring_lot',
      expired ? 'critical' : 'warning',
      expired
        ? fr
          ? `${p.name} : le lot ${lot.lot} (${q(lot.remaining)}) est périmé depuis le ${d(lot.expiry)}. Retirez-le de la vente.`
          : `${p.name}: lot ${lot.lot} (${q(lot.remaining)}) expired on ${d(lot.expiry)}. Take it off sale.`
        : left === 0
          ? fr
            ? `${p.name} : le lot ${lot.lot} (${q(lot.remaining)}) périme aujourd’hui (${d(lot.expiry)}).`
            : `${p.name}: lot ${lot.lot} (${q(lot.remaining)}) expires today (${d(lot.expiry)}).`
          : fr
            ? `${p.name} : le lot ${lot.lot} (${q(lot.remaining)}) périme le ${d(lot.expiry)}, dans ${dayCount(left)}.`
            : `${p.name}: lot ${lot.lot} (${q(lot.remaining)}) expires on ${d(lot.expiry)}, in ${dayCount(left)}.`,
      lotKeySuffix(lot),
      lot.remaining,
    );
  }
  for (const a of p.anomalies) {
    const high = a.sold > t.anomalyFactor * a.p90 + 1;
    // a day the shelf was empty sold what there was: its demand is unknown (the forecast leaves such days out too)
    const low = !a.partial && !a.stockout && a.p10 >= 2 && a.sold < a.p10 / t.anomalyFactor;
    if (!high && !low) continue;
    const sold = `${q(a.sold)} ${fr ? plural(a.sold, locale, 'vendu', 'vendus') : 'sold'}`;
    add(
      'sales_anomaly',
      'warning',
      high
        ? fr
          ? `${p.name} : ${sold} le ${d(a.date)}, loin de la prévision (${n(a.p10)} à ${q(a.p90)}). Erreur de saisie, vol ou vraie hausse ?`
          : `${p.name}: ${sold} on ${d(a.date)}, far from the forecast (${n(a.p10)} to ${q(a.p90)}). A typing error, theft or a real change?`
        : fr
          ? `${p.name} : ${sold} le ${d(a.date)}, bien moins que prévu (${n(a.p10)} à ${q(a.p90)}). Rayon vide ou mal garni, ventes non saisies ?`
          : `${p.name}: ${sold} on ${d(a.date)}, far below the forecast (${n(a.p10)} to ${q(a.p90)}). Shelf empty or badly stocked, or sales not rung up?`,
      `:${a.date}`,
    );
  }
  return out;
}

/** How the Forecasts page names what started a run. */
const TRIGGERS: Record<Locale, Record<string, string>> = {
  fr: { nightly: 'nocturne', catchup: 'rattrapage au démarrage', manual: 'lancée à la main', cli: 'ligne de commande' },
  en: { nightly: 'nightly', catchup: 'catch-up at start', manual: 'started by hand', cli: 'command line' },
};

/**
 * The shop-wide forecast condition: the last run failed (named by what started it: the nightly run,
 * the catch-up at start, by hand…), or the last success is older than 36 hours.
 */
export function forecastCondition(
  last: { status: string; startedAt: string; error: string | null; trigger?: string | null } | null,
  lastSuccessAt: string | null,
  hasSales: boolean,
  now: Date,
  locale: Locale,
): Condition | null {
  const fr = locale === 'fr';
  const base = { key: 'forecast_stale', type: 'forecast_stale' as const, productId: null };
  if (last && last.status === 'failed') {
    const how = last.trigger ? TRIGGERS[locale][last.trigger] : undefined;
    const which = how ? ` (${how})` : '';
    return {
      ...base,
      severity: 'critical',
      message: fr
        ? `La dernière prévision${which} a échoué : ${last.error ?? 'erreur inconnue'}. Relancez-la depuis la page Prévisions.`
        : `The last forecast${which} failed: ${last.error ?? 'unknown error'}. Run it again from the Forecasts page.`,
    };
  }
  if (!hasSales) return null;
  const age = lastSuccessAt ? (now.getTime() - Date.parse(lastSuccessAt)) / 3_600_000 : Infinity;
  if (age <= FORECAST_STALE_HOURS) return null;
  return {
    ...base,
    severity: 'warning',
    message: lastSuccessAt
      ? fr
        ? `La dernière prévision date de plus de ${FORECAST_STALE_HOURS} heures (${Math.round(age)} h). Les suggestions de commande vieillissent.`
        : `The last forecast is more than ${FORECAST_STALE_HOURS} hours old (${Math.round(age)} h). Order suggestions are getting stale.`
      : fr
        ? `Aucune prévision n’a encore été calculée : les suggestions reposent sur la moyenne des ventes récentes.`
        : `No forecast has been computed yet: suggestions rest on recent average sales.`,
  };
}
