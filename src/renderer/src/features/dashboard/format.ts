import { currencyDecimals, type CurrencyCode } from '../../../../shared/domain/money';
import { plural } from '../../../../shared/domain/plural';
import type { Locale } from '../../../../shared/domain/settings';
import type { Translate } from '../../i18n/translate';
import type { MessageKey } from '../../i18n/messages';

export const tag = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** +12 %, −3 % (French puts a narrow space before the sign %). */
export const signedPercent = (ratio: number, locale: Locale) =>
  new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(ratio);

export const percent = (ratio: number, locale: Locale) => new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);

export const quantity = (n: number, locale: Locale) => n.toLocaleString(tag(locale), { maximumFractionDigits: 3 });

/** "150 k" for the chart's value axis: minor units to the currency's units, compact. */
export function compactMoney(locale: Locale, currency: CurrencyCode): (minor: number) => string {
  const f = new Intl.NumberFormat(tag(locale), { notation: 'compact', maximumFractionDigits: 1 });
  const scale = 10 ** currencyDecimals(currency);
  return (minor) => f.format(minor / scale);
}

/** "14 mai" / "14 May" for a business day. */
export function dayLabel(locale: Locale): (iso: string) => string {
  const f = new Intl.DateTimeFormat(tag(locale), { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (iso) => f.format(new Date(`${iso}T12:00:00Z`));
}

/** A key with `.one` and `.other` forms, chosen by the language's plural rule. */
export const counted = (t: Translate, locale: Locale, key: string, n: number, vars: Record<string, string | number> = {}) =>
  t(`${key}.${plural(n, locale, 'one', 'other')}` as MessageKey, { n: n.toLocaleString(tag(locale)), ...vars });
