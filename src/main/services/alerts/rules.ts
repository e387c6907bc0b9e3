import type { AlertSeverity, AlertType } from '../../../shared/api/contract';
import type { Locale } from '../../../shared/domain/settings';
import { shortDate } from '../../../shared/domain/dates';
import { plural } from '../../../shared/domain/plural';

/** A condition that holds now; the service merges it with the stored alert of the same key. */
export interface Condition {
  key: string;
  type: AlertType;
  severity: AlertSeverity;
  productId: number | null;
  message: string;
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
  stockoutDate: string | null;
  belowReorderPoint: boolean;
  suggested: number;
  /** Last day with a sale, or the product's first movement when it never sold; null if neither. */
  lastSale: string | null;
  lastActivity: string | null;
  /** Lots still on the shelf (newest receipts hold the stock: FIFO), with what remains of each. */
  lots: { lot: string; expiry: string; remaining: number }[];
  /** Sales of a day next to that day's stored forecast band. */
  anomalies: { date: string; sold: number; p10: number; p90: number; partial: boolean }[];
}

export interface Thresholds {
  overstockDays: number;
  deadStockDays: number;
  expiryWarnDays: number;
  anomalyFactor: number;
}

const num = (x: number, locale: Locale) => (Math.round(x * 10) / 10).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
const days = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** The conditions of one product, in the shop's language. */
export function productConditions(p: ProductFacts, today: string, t: Thresholds, locale: Locale): Condition[] {
  const fr = locale === 'fr';
  const n = (x: number) => num(x, locale);
  const d = (date: string) => shortDate(date, locale);
  const dayCount = (x: number) => `${x} ${fr ? plural(x, locale, 'jour', 'jours') : plural(x, locale, 'day', 'days')}`;
  const out: Condition[] = [];
  const add = (type: AlertType, severity: AlertSeverity, message: string, suffix = '') =>
    out.push({ key: `${type}:${p.id}${suffix}`, type, severity, productId: p.id, message });

  if (p.onHand < 0) {
    add('negative_stock', 'critical', fr ? `${p.name} : stock négatif (${n(p.onHand)}). Comptez le rayon et corrigez le stock.` : `${p.name}: negative stock (${n(p.onHand)}). Count the shelf and correct the stock.`);
  }
  if (p.belowReorderPoint && p.dailyMean > 0) {
    add(
      'reorder_point',
      'warning',
      fr
        ? `${p.name} : ${n(p.onHand)} en stock et ${n(p.onOrder)} en commande, au seuil de commande (${n(p.reorderPoint)}) ou en dessous. À commander : ${n(p.suggested)}.`
        : `${p.name}: ${n(p.onHand)} in stock and ${n(p.onOrder)} on order, at or below the reorder point (${n(p.reorderPoint)}). To order: ${n(p.suggested)}.`,
    );
  }
  if (p.stockoutDate && p.onOrder <= 0 && p.dailyMean > 0 && days(today, p.stockoutDate) < p.leadTimeDays) {
    add(
      'stockout_before_delivery',
      'critical',
      fr
        ? `${p.name} : rupture prévue le ${d(p.stockoutDate)}, avant la prochaine livraison possible (${dayCount(p.leadTimeDays)} de délai).`
        : `${p.name}: expected to run out on ${d(p.stockoutDate)}, before the next possible delivery (${p.leadTimeDays} ${plural(p.leadTimeDays, locale, "day's", "days'")} lead time).`,
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
          ? `${p.name} : ${n(p.onHand)} en stock, aucune vente depuis le ${d(p.lastSale)} (${dayCount(days(p.lastSale, today))}).`
          : `${p.name}: ${n(p.onHand)} in stock, no sale since ${d(p.lastSale)} (${dayCount(days(p.lastSale, today))}).`
        : fr
          ? `${p.name} : ${n(p.onHand)} en stock, jamais vendu depuis ${dayCount(days(since, today))}.`
          : `${p.name}: ${n(p.onHand)} in stock, never sold in ${dayCount(days(since, today))}.`,
    );
  }
  for (const lot of p.lots) {
    const left = days(today, lot.expiry);
    if (lot.remaining <= 0 || left > t.expiryWarnDays) continue;
    const expired = left < 0;
    add(
      'expiring_lot',
      expired ? 'critical' : 'warning',
      expired
        ? fr
          ? `${p.name} : le lot ${lot.lot} (${n(lot.remaining)}) est périmé depuis le ${d(lot.expiry)}. Retirez-le de la vente.`
          : `${p.name}: lot ${lot.lot} (${n(lot.remaining)}) expired on ${d(lot.expiry)}. Take it off sale.`
        : left === 0
          ? fr
            ? `${p.name} : le lot ${lot.lot} (${n(lot.remaining)}) périme aujourd’hui (${d(lot.expiry)}).`
            : `${p.name}: lot ${lot.lot} (${n(lot.remaining)}) expires today (${d(lot.expiry)}).`
          : fr
            ? `${p.name} : le lot ${lot.lot} (${n(lot.remaining)}) périme le ${d(lot.expiry)}, dans ${dayCount(left)}.`
            : `${p.name}: lot ${lot.lot} (${n(lot.remaining)}) expires on ${d(lot.expiry)}, in ${dayCount(left)}.`,
      `:${lot.lot}:${lot.expiry}`,
    );
  }
  for (const a of p.anomalies) {
    const high = a.sold > t.anomalyFactor * a.p90 + 1;
    const low = !a.partial && a.p10 >= 2 && a.sold < a.p10 / t.anomalyFactor;
    if (!high && !low) continue;
    add(
      'sales_anomaly',
      'warning',
      fr
        ? `${p.name} : ${n(a.sold)} ${plural(a.sold, locale, 'vendu', 'vendus')} le ${d(a.date)}, loin de la prévision (${n(a.p10)} à ${n(a.p90)}). Erreur de saisie, vol ou vraie hausse ?`
        : `${p.name}: ${n(a.sold)} sold on ${d(a.date)}, far from the forecast (${n(a.p10)} to ${n(a.p90)}). A typing error, theft or a real change?`,
      `:${a.date}`,
    );
  }
  return out;
}

/** The shop-wide forecast condition: the last run failed, or the last success is older than 36 hours. */
export function forecastCondition(
  last: { status: string; startedAt: string; error: string | null } | null,
  lastSuccessAt: string | null,
  hasSales: boolean,
  now: Date,
  locale: Locale,
): Condition | null {
  const fr = locale === 'fr';
  const base = { key: 'forecast_stale', type: 'forecast_stale' as const, productId: null };
  if (last && last.status === 'failed') {
    return {
      ...base,
      severity: 'critical',
      message: fr ? `La prévision de la nuit a échoué (${last.error ?? 'erreur inconnue'}). Relancez-la depuis la page Prévisions.` : `Last night's forecast failed (${last.error ?? 'unknown error'}). Run it again from the Forecasts page.`,
    };
  }
  if (!hasSales) return null;
  const age = lastSuccessAt ? (now.getTime() - Date.parse(lastSuccessAt)) / 3_600_000 : Infinity;
  if (age <= 36) return null;
  return {
    ...base,
    severity: 'warning',
    message: lastSuccessAt
      ? fr
        ? `La dernière prévision date de plus de 36 heures (${Math.round(age)} h). Les suggestions de commande vieillissent.`
        : `The last forecast is more than 36 hours old (${Math.round(age)} h). Order suggestions are getting stale.`
      : fr
        ? `Aucune prévision n’a encore été calculée : les suggestions reposent sur la moyenne des ventes récentes.`
        : `No forecast has been computed yet: suggestions rest on recent average sales.`,
  };
}
