import { TENDERS, type Tender, type TenderInput } from '../../../../shared/domain/cart';
import { parseMoney, type CurrencyCode } from '../../../../shared/domain/money';

/**
 * The tenders the payment dialog sends for what was typed in its boxes: the amounts typed (more than 0),
 * or the whole total in cash when nothing was typed. A sale that costs nothing takes no tender at all
 * (main refuses any tender then), whatever was typed.
 */
export function paymentTenders(amounts: Record<Tender, string>, totalMinor: number, currency: CurrencyCode): TenderInput[] {
  if (totalMinor === 0) return [];
  const typed = TENDERS.flatMap((tender) => {
    const minor = amounts[tender].trim() ? parseMoney(amounts[tender], currency) : null;
    return minor && minor > 0 ? [{ tender, amountMinor: minor }] : [];
  });
  return typed.length ? typed : [{ tender: 'cash', amountMinor: totalMinor }];
}

/** The tenders whose box holds text that is not an amount ("abc", "10.00" in francs): the payment waits until it is. */
export function unreadableTenders(amounts: Record<Tender, string>, currency: CurrencyCode): Tender[] {
  return TENDERS.filter((tender) => {
    const text = amounts[tender].trim();
    if (!text) return false;
    const minor = parseMoney(text, currency);
    return minor === null || minor < 0;
  });
}
