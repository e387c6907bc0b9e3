/** Money is always an integer number of the currency's minor units (XOF: francs, EUR: cents). */
export const CURRENCIES = {
  XOF: { decimals: 0, symbol: 'FCFA' },
  XAF: { decimals: 0, symbol: 'FCFA' },
  EUR: { decimals: 2, symbol: '€' },
  USD: { decimals: 2, symbol: '$' },
  GNF: { decimals: 0, symbol: 'FG' },
  MAD: { decimals: 2, symbol: 'DH' },
} as const;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function currencyDecimals(code: CurrencyCode): number {
  return CURRENCIES[code].decimals;
}

/** Parses what a person types ("1 250,50", "1250.5") into minor units; null when it is not an amount. */
export function parseMoney(text: string, code: CurrencyCode): number | null {
  const { symbol } = CURRENCIES[code];
  // the currency's sign or code typed with the amount ("5 000 F", "5000 FCFA", "12,50 €") is not part of it
  const signs = [symbol, code, ...(symbol === 'FCFA' ? ['CFA', 'F'] : [])].map((x) => x.replace(/[$€]/g, '\\$&'));
  const sign = new RegExp(`^(${signs.join('|')})|(${signs.join('|')})$`, 'gi');
  let cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(sign, '');
  // without decimals, "10.000" or "10,000" is ten thousand, as shops in West Africa write it
  if (currencyDecimals(code) === 0 && /^-?\d{1,3}([.,]\d{3})+$/.test(cleaned)) cleaned = cleaned.replace(/[.,]/g, '');
  cleaned = cleaned.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  const decimals = currencyDecimals(code);
  const [whole, frac = ''] = cleaned.replace('-', '').split('.');
  if (frac.length > decimals) return null;
  const minor = Number(whole) * 10 ** decimals + Number(frac.padEnd(decimals, '0') || '0');
  return cleaned.startsWith('-') ? -minor : minor;
}

/** Formats minor units for display, e.g. 125050 EUR -> "1 250,50 €" in French. */
export function formatMoney(minor: number, code: CurrencyCode, locale = 'fr'): string {
  const decimals = currencyDecimals(code);
  const value = minor / 10 ** decimals;
  const number = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
  // a no-break space, so a narrow column never puts the amount and its currency on two lines
  return locale === 'fr' ? `${number}\u00a0${CURRENCIES[code].symbol}` : `${CURRENCIES[code].symbol}\u00a0${number}`;
}

/** Minor units for a quantity (in milli-units) at a unit price, rounded half away from zero. */
export function lineAmount(qtyMilli: number, unitMinor: number): number {
  const raw = qtyMilli * unitMinor;
  if (Number.isSafeInteger(raw)) {
    const sign = raw < 0 ? -1 : 1;
    return sign * Math.floor((Math.abs(raw) + 500) / 1000);
  }
  // past 2^53 a float product is no longer exact: the same rounding in integers, and a clear refusal
  // when the amount itself cannot be held exactly
  const big = BigInt(Math.round(qtyMilli)) * BigInt(Math.round(unitMinor));
  const half = ((big < 0n ? -big : big) + 500n) / 1000n;
  const amount = Number(big < 0n ? -half : half);
  if (!Number.isSafeInteger(amount)) throw new AmountTooLarge(`${qtyMilli / 1000} × ${unitMinor}`);
  return amount;
}

/** Amounts in minor units added up; a total past what the books hold exactly throws AmountTooLarge. */
export function sumMinor(amounts: Iterable<number>): number {
  let total = 0;
  for (const a of amounts) {
    total += a;
    if (!Number.isSafeInteger(total)) throw new AmountTooLarge('the total of the lines');
  }
  return total;
}

/** An amount (a quantity times a price, or a total) past what the shop's books can hold exactly (~9 × 10^15 minor units). */
export class AmountTooLarge extends RangeError {
  constructor(what: string) {
    super(`amount: ${what} is too large to be counted exactly`);
    this.name = 'AmountTooLarge';
  }
}
