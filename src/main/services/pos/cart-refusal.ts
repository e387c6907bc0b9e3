import type { ErrorDetails } from '../../../shared/api/result';
import type { CartError } from '../../../shared/domain/cart';

/**
 * What the screen needs to say a cart's refusal (priceCart, settle) in the shop's language: its reason,
 * the line's product by name, an amount still due in the sale's currency. Without a currency an amount
 * due would read 300 for 3,00 €: then no details, and main's message is shown as it is.
 */
export function cartRefusalDetails(error: CartError, names: readonly string[], currency?: string): ErrorDetails | undefined {
  if (error.reason === 'still_to_pay') return currency && error.dueMinor !== undefined ? { reason: error.reason, dueMinor: error.dueMinor, currency } : undefined;
  const line = /^lines\.(\d+)\./.exec(error.field);
  return line ? { reason: error.reason, name: names[Number(line[1])] ?? '' } : { reason: error.reason };
}
