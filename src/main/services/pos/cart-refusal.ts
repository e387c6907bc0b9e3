import type { ErrorDetails } from '../../../shared/api/result';
import type { CartError } from '../../../shared/domain/cart';

/**
 * What the screen needs to say a cart's refusal (priceCart, settle) in the shop's language: its reason,
 * the line's product by name, an amount still due in the sale's currency. The English message stays
 * as it is, for the log; a refusal this does not know gets no details (the message is shown as it is).
 */
export function cartRefusalDetails(error: CartError, names: readonly string[], currency?: string): ErrorDetails | undefined {
  const text = error.message.replace(/^[\w.]+: /, '');
  const line = /^lines\.(\d+)\.(\w+)$/.exec(error.field);
  if (line) {
    const name = names[Number(line[1])] ?? '';
    if (line[2] === 'quantity') return { reason: 'line_quantity_positive', name };
    if (line[2] === 'amountMinor') return { reason: 'label_amount_invalid', name };
    if (line[2] === 'discountMinor') return { reason: 'line_discount_too_big', name };
    return undefined;
  }
  if (error.field === 'saleDiscountMinor') return { reason: 'sale_discount_too_big' };
  if (/^tenders\.\d+\.amountMinor$/.test(error.field)) return { reason: 'payment_positive' };
  if (error.field !== 'tenders') return undefined;
  if (text.startsWith('nothing to pay')) return { reason: 'nothing_to_pay' };
  if (text.startsWith('choose how')) return { reason: 'payment_missing' };
  if (text.startsWith('card and mobile money')) return { reason: 'non_cash_over' };
  const due = /^(\d+) still to pay$/.exec(text);
  // an amount in minor units means nothing without its currency: without one, the message as it is
  if (due && currency) return { reason: 'still_to_pay', dueMinor: Number(due[1]), currency };
  return undefined;
}
