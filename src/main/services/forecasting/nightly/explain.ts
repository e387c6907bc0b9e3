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

export interface ForecastFacts {
  method: string;
  /** Daily WAPE of the chosen method and of last week's sales repeated, on the latest backtest window. */
  wape: number | null;
  naiveWape: number | null;
  /** That window: days with known demand of `windowDays`, the expected (mean) and sold totals over them. */
  backtest: { days: number; windowDays: number; expected: number; sold: number } | null;
  /** Why there is no backtest: too little history, the shelf empty over the whole window, or neither known. */
  noBacktest?: 'short' | 'stockout' | 'unknown' | null;
  /** The forecast's days from today on. */
  horizonDays: number;
  /** The days the run forecast (its horizon); more than horizonDays when the run is from days ago. */
  runDays?: number;
  /** Expected units over horizonDays (the sum of the daily means). */
  expectedNext: number;
  /** Most days' likeliest sale is 0: the daily error then says little, the totals say it all. */
  intermittent: boolean;
  /** Stock-out days among the days shown next to the forecast. */
  stockoutDays: number;
  unit: string;
  monthDays: number[] | null;
}

/** 412, 37, 5.3, 0.4 in the shop's language, with the unit unless it counts pieces. */
function quantity(x: number, unit: string, locale: Locale): string {
  const n = (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
  return unit && unit !== 'piece' ? `${n} ${unit}` : n;
}

/**
 * Sentences for the shop: which method; how much is expected over the horizon (for a product that
 * sells on few days, why its median line sits at 0); how the latest backtest window went, as the
 * expected and sold totals and the error day by day (WAPE: total absolute error over total sales)
 * next to what repeating the week before's sales would have missed by; why stock-out days do not
 * count; and the shop's busy days of the month when the run found some.
 */
export function explainForecast(f: ForecastFacts, locale: Locale): string {
  const label = methodLabel(f.method, locale);
  const month = monthPattern(f.monthDays, locale);
  const pct = (x: number): number => Math.round(x * 100);
  const q = (x: number): string => quantity(x, f.unit, locale);
  const b = f.backtest;
  const runDays = f.runDays ?? f.horizonDays;
  const weeks = Math.max(1, Math.round((b?.windowDays ?? runDays) / 7));
  // the days still to come: all of the run's, or what is left of an older one
  const left = f.horizonDays < runDays;
  const span =
    locale === 'fr'
      ? left
        ? f.horizonDays === 1
          ? 'le seul jour qui reste de la dernière prévision'
          : `les ${f.horizonDays} jours qui restent de la dernière prévision`
        : `les ${f.horizonDays} prochains jours`
      : left
        ? f.horizonDays === 1
          ? 'the one day left in the last forecast'
          : `the ${f.horizonDays} days left in the last forecast`
        : `the next ${f.horizonDays} days`;
  const dailyError = !f.intermittent && f.wape !== null;
  // repeating last week is the method itself when it was chosen: one figure, not two
  const naive = dailyError && f.naiveWape !== null && f.method !== 'snaive' ? f.naiveWape : null;
  const out: string[] = [];
  if (locale === 'fr') {
    out.push(`Méthode : ${label}.`);
    out.push(
      f.horizonDays === 0
        ? 'La dernière prévision ne couvre plus les jours à venir : relancez-la depuis la page Prévisions.'
        : f.intermittent
          ? `Ce produit ne se vend pas tous les jours : un jour donné, le plus probable est 0 (la médiane), mais il en faut environ ${q(f.expectedNext)} sur ${span} (la moyenne, en pointillés).`
          : `Attendu sur ${span} : environ ${q(f.expectedNext)}.`,
    );
    if (!b)
      out.push(
        f.noBacktest === 'stockout'
          ? `En rupture sur les ${weeks} dernières semaines : l'erreur passée n'a pas pu être mesurée.`
          : f.noBacktest === 'unknown'
            ? `Aucun jour des ${weeks} dernières semaines n'a de ventes connues : l'erreur passée n'a pas pu être mesurée.`
            : "L'historique est trop court pour mesurer l'erreur passée.",
      );
    else {
      const days = b.days < b.windowDays ? ` (${b.days} jours en stock sur ${b.windowDays})` : '';
      const error = dailyError
        ? ` ; l'erreur jour par jour était de ${pct(f.wape!)} %${naive === null ? '' : ` (${pct(naive)} % en reprenant simplement les ventes de la semaine d'avant)`}`
        : '';
      out.push(`Sur les ${weeks} dernières semaines${days}, il en était attendu ${q(b.expected)} et il s'en est vendu ${q(b.sold)}${error}.`);
    }
    if (f.stockoutDays > 0) out.push('Les jours en rupture (en gris) ne comptent pas : la demande y est inconnue.');
  } else {
    out.push(`Method: ${label}.`);
    out.push(
      f.horizonDays === 0
        ? 'The last forecast no longer covers the days ahead: run it again from the Forecasts page.'
        : f.intermittent
          ? `This product does not sell every day: on a given day the likeliest sale is 0 (the median), but about ${q(f.expectedNext)} should sell over ${span} (the mean, dotted).`
          : `Expected over ${span}: about ${q(f.expectedNext)}.`,
    );
    if (!b)
      out.push(
        f.noBacktest === 'stockout'
          ? `Out of stock over the last ${weeks} weeks: past error could not be measured.`
          : f.noBacktest === 'unknown'
            ? `No day in the last ${weeks} weeks has known sales: past error could not be measured.`
            : 'The history is too short to measure past error.',
      );
    else {
      const days = b.days < b.windowDays ? ` (${b.days} days in stock out of ${b.windowDays})` : '';
      const error = dailyError
        ? `; the error day by day was ${pct(f.wape!)}%${naive === null ? '' : ` (${pct(naive)}% by simply repeating the week before's sales)`}`
        : '';
      out.push(`Over the last ${weeks} weeks${days}, ${q(b.expected)} were expected and ${q(b.sold)} sold${error}.`);
    }
    if (f.stockoutDays > 0) out.push('Out-of-stock days (in grey) do not count: demand on them is unknown.');
  }
  if (month) out.push(month);
  return out.join(' ');
}
