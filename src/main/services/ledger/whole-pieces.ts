import { AppError } from '../../../shared/api/result';
import { fromMilli, isWholeQuantity } from '../../../shared/domain/quantity';

/** Refuses a part of a piece (« 1,5 savon »: a typing mistake), naming the product and the field. */
export function assertWholePieces(product: { name: string; unit: string }, milli: number, field: string): void {
  if (isWholeQuantity(product.unit, milli)) return;
  throw new AppError('validation', `${field}: ${product.name} is counted in whole pieces, not ${fromMilli(Math.abs(milli))}`, field, { reason: 'whole_pieces', name: product.name });
}
