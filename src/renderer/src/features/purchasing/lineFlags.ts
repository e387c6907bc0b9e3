import type { ToOrderLine } from '../../../../shared/api/contract';
import { vatIncluded } from '../../../../shared/domain/cart';

/** Sold for less than it costs: its price without the VAT it contains is below its cost price. */
export const soldBelowCost = (l: Pick<ToOrderLine, 'priceMinor' | 'costMinor' | 'vatRateBp'>) =>
  l.priceMinor > 0 && l.costMinor > 0 && l.priceMinor - vatIncluded(l.priceMinor, l.vatRateBp) < l.costMinor;

/** Days of sales the stock would cover once this order is in, when that passes the overstock threshold. */
export function overstockOnArrival(l: Pick<ToOrderLine, 'onHand' | 'onOrder' | 'suggested' | 'dailyMean'>, overstockDays: number): number | null {
  if (!(l.suggested > 0 && l.dailyMean > 0)) return null;
  const days = Math.round((Math.max(0, l.onHand) + l.onOrder + l.suggested) / l.dailyMean);
  return days > overstockDays ? days : null;
}
