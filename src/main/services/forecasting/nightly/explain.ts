import type { Locale } from '../../../../shared/domain/settings';
import type { Method } from '../types';

const METHOD: Record<Locale, Record<Method, string>> = {
  // plain words first, the method's name in brackets for whoever wants to look it up
  fr: {
    snaive: "ventes de la semaine d'avant, reprises jour par jour",
    ses_week: 'niveau récent des ventes et rythme de la semaine (lissage exponentiel)',
    damped_week: 'niveau et tendance récents, la tendance freinée, et rythme de la semaine (lissage à tendance amortie)',
    ses_year: "niveau récent des ventes, rythme de la semaine et saisons de l'année (lissage exponentiel)",
    damped_year: "niveau et tendance récents, rythme de la semaine et saisons de l'année (lissage à tendance amortie)",
    tsb: 'pour ventes irrégulières, la fréquence des jours de vente et la quantité habituelle (méthode TSB)',
    combo: 'moyenne de plusieurs méthodes de lissage',
    flat: 'moyenne des ventes récentes',
  },
  en: {
    snaive: "the week before's sales, repeated day by day",
    ses_week: 'recent sales level and the weekly rhythm (exponential smoothing)',
    damped_week: 'recent level and trend, the trend slowed down, and the weekly rhythm (damped-trend smoothing)',
    ses_year: "recent sales level, the weekly rhythm and the year's seasons (exponential smoothing)",
    damped_year: "recent level and trend, the weekly rhythm and the year's seasons (damped-trend smoothing)",
    tsb: 'for irregular sales, how often the product sells and how many at a time (TSB method)',
    combo: 'average of several smoothing methods',
    flat: 'average of recent sales',
  },
};

const isMethod = (m: string): m is Method => Object.prototype.hasOwnProperty.call(METHOD.fr, m);

export function methodLabel(method: string, locale: Locale): string {
  return isMethod(method) ? METHOD[locale][method] : method;
}

/** A day of the month goes into a busy stretch from this multiplier up; the stretch is told from +4%. */
const BUSY_DAY = 1.03;
const BUSY_STRETCH = 1.04;

const ordinal = (d: number): string => {
  const tail = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  return `${d}${tail}`;
};

/**
 * The busiest stretch of the month (paydays, pension days) in a sentence, or null when the shop
 * has none worth telling: consecutive days (the 31st runs into the 1st) each at least +3%,
 * together at least +4%.
 */
export function monthPattern(monthDays: number[] | null, locale: Locale): string | null {
  if (!monthDays || monthDays.length !== 31) return null;
  const busy = monthDays.map((v) => v >= BUSY_DAY);
  if (busy.every(Boolean)) return null;
  let best: { from: number; len: number; lift: number } | null = null;
  // start each stretch just after a quiet day, so a stretch across the month's end is whole
  for (let start = 0; start < 31; start++) {
    if (!busy[start] || busy[(start + 30) % 31]) continue;
    let len = 0;
    let sum = 0;
    while (busy[(start + len) % 31]) sum += monthDays[(start + len++) % 31]!;
    const lift = sum / len - 1;
    if (lift >= BUSY_STRETCH - 1 && (!best || lift * len > best.lift * best.len)) best = { from: start + 1, len, lift };
  }
  if (!best) return null;
  const to = ((best.from - 1 + best.len - 1) % 31) + 1;
  const pct = Math.round(best.lift * 100);
  if (locale === 'fr') {
    const days = best.len === 1 ? `le ${best.from}` : `du ${best.from} au ${to}`;
    return `La boutique vend plus ${days} de chaque mois (+${pct} %) : la prévision en tient compte.`;
  }
  const days = best.len === 1 ? `on the ${ordinal(best.from)}` : `from the ${ordinal(best.from)} to the ${ordinal(to)}`;
  return `The shop sells more ${days} of each month (+${pct}%); the forecast allows for it.`;
}

/**
 * Sentences for the shop: which method, how far off it was on the product's own last weeks
 * (WAPE: total absolute error over total sales, in percent) next to what repeating the week
 * before's sales would have missed by, and the shop's busy days of the month when the run found some.
 */
export function explainForecast(
  method: string,
  backtest: { wape: number | null; naiveWape: number | null },
  horizonDays: number,
  locale: Locale,
  monthDays: number[] | null = null,
): string {
  const weeks = Math.max(1, Math.round(horizonDays / 7));
  const label = methodLabel(method, locale);
  const month = monthPattern(monthDays, locale);
  const tail = month ? ` ${month}` : '';
  const pct = (x: number): number => Math.round(x * 100);
  const { wape, naiveWape } = backtest;
  if (locale === 'fr') {
    const head = `Méthode : ${label}.`;
    if (wape === null) return `${head} L'historique est trop court pour mesurer l'erreur passée.${tail}`;
    const naive = naiveWape === null ? '' : ` (${pct(naiveWape)} % en reprenant simplement les ventes de la semaine d'avant)`;
    return `${head} Sur les ${weeks} dernières semaines, l'erreur moyenne était de ${pct(wape)} %${naive}.${tail}`;
  }
  const head = `Method: ${label}.`;
  if (wape === null) return `${head} The history is too short to measure past error.${tail}`;
  const naive = naiveWape === null ? '' : ` (${pct(naiveWape)}% by simply repeating the week before's sales)`;
  return `${head} Over the last ${weeks} weeks, the average error was ${pct(wape)}%${naive}.${tail}`;
}
