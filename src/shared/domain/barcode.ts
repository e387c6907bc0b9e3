/**
 * Barcodes as a till reads them. EAN-13 labels printed by shop scales carry a weight or a price:
 * prefix (2 digits, 20–29 by default) + item code (5) + value (5) + check digit.
 */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

export interface ScaleLabelRule {
  /** Two-digit prefixes that mark scale labels, e.g. ['20', ..., '29']. */
  prefixes: string[];
  /** What the 5-digit value holds for each prefix: grams, or price in minor units. */
  valueKind: Record<string, 'weight' | 'price'>;
}

export const DEFAULT_SCALE_RULE: ScaleLabelRule = {
  prefixes: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'],
  valueKind: { '20': 'weight', '21': 'weight', '22': 'weight', '23': 'weight', '24': 'weight', '25': 'price', '26': 'price', '27': 'price', '28': 'price', '29': 'price' },
};

export type ScanResult =
  | { kind: 'plain'; code: string }
  | { kind: 'weight'; code: string; itemCode: string; quantity: number }
  | { kind: 'price'; code: string; itemCode: string; priceMinor: number }
  | { kind: 'invalid'; code: string; reason: string };

/** Reads what the scanner typed: a plain code, or a scale label with its weight (kg) or price. */
export function readScan(raw: string, rule: ScaleLabelRule = DEFAULT_SCALE_RULE): ScanResult {
  const code = raw.trim();
  if (/^\d{13}$/.test(code) && rule.prefixes.includes(code.slice(0, 2))) {
    if (!isValidEan13(code)) return { kind: 'invalid', code, reason: 'the check digit is wrong: scan again' };
    const itemCode = code.slice(2, 7);
    const value = Number(code.slice(7, 12));
    return rule.valueKind[code.slice(0, 2)] === 'price'
      ? { kind: 'price', code, itemCode, priceMinor: value }
      : { kind: 'weight', code, itemCode, quantity: value / 1000 };
  }
  if (/^\d{13}$/.test(code) && !isValidEan13(code)) return { kind: 'invalid', code, reason: 'the check digit is wrong: scan again' };
  return { kind: 'plain', code };
}
