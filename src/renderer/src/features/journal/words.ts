import { shortTime } from '../../../../shared/domain/dates';
import type { Translate } from '../../i18n/i18n';

/** counted − expected in plain words: short, over, or right. */
export function differenceWords(t: Translate, money: (minor: number) => string, differenceMinor: number): string {
  if (differenceMinor === 0) return t('count.even');
  return t(differenceMinor < 0 ? 'count.short' : 'count.over', { amount: money(Math.abs(differenceMinor)) });
}

export const differenceColor = (differenceMinor: number): string => (differenceMinor === 0 ? 'teal' : differenceMinor < 0 ? 'red' : 'orange');

const tag = (locale: string) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export const timeOf = shortTime;

export const longDate = (date: string, locale: string): string =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString(tag(locale), { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
