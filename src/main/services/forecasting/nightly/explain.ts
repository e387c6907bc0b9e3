import type { Locale } from '../../../../shared/domain/settings';
import type { Method } from '../types';

const METHOD: Record<Locale, Record<Method, string>> = {
  fr: {
    snaive: 'répétition de la même semaine passée',
    ses_week: 'lissage exponentiel avec saisonnalité hebdomadaire',
    damped_week: 'lissage exponentiel avec tendance amortie et saisonnalité hebdomadaire',
    ses_year: 'lissage exponentiel avec saisonnalité annuelle',
    damped_year: 'lissage exponentiel avec tendance amortie et saisonnalité annuelle',
    tsb: 'méthode pour ventes irrégulières (TSB)',
    combo: 'moyenne de plusieurs méthodes',
    flat: 'moyenne des ventes récentes',
  },
  en: {
    snaive: 'same as the same week last time',
    ses_week: 'exponential smoothing with a weekly pattern',
    damped_week: 'exponential smoothing with a damped trend and a weekly pattern',
    ses_year: 'exponential smoothing with a yearly pattern',
    damped_year: 'exponential smoothing with a damped trend and a yearly pattern',
    tsb: 'method for irregular sales (TSB)',
    combo: 'average of several methods',
    flat: 'average of recent sales',
  },
};

const isMethod = (m: string): m is Method => Object.prototype.hasOwnProperty.call(METHOD.fr, m);

export function methodLabel(method: string, locale: Locale): string {
  return isMethod(method) ? METHOD[locale][method] : method;
}

/**
 * One or two sentences for the shop: which method, and how far off it was on the product's own
 * last weeks (WAPE: total absolute error over total sales, in percent).
 */
export function explainForecast(method: string, wape: number | null, horizonDays: number, locale: Locale): string {
  const weeks = Math.max(1, Math.round(horizonDays / 7));
  const label = methodLabel(method, locale);
  if (locale === 'fr') {
    const head = `Méthode : ${label}.`;
    if (wape === null) return `${head} L'historique est trop court pour mesurer l'erreur passée.`;
    return `${head} Sur les ${weeks} dernières semaines, l'erreur moyenne était de ${Math.round(wape * 100)} %.`;
  }
  const head = `Method: ${label}.`;
  if (wape === null) return `${head} The history is too short to measure past error.`;
  return `${head} Over the last ${weeks} weeks, the average error was ${Math.round(wape * 100)}%.`;
}
