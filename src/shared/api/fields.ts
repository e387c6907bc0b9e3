import { z } from 'zod';
import { MAX_QUANTITY, hasAtMostThreeDecimals } from '../domain/quantity';

/** The fields every contract builds on, so a limit is set once for every channel. */
export const id = z.number().int().positive();

/** Any amount typed or sent: up to a million million minor units (10 000 000 000 € or 1 000 000 000 000 FCFA). */
export const MAX_MINOR = 1_000_000_000_000;
/** The refusals of amounts and quantities too large, exported so the screens can say them in the shop's language. */
export const AMOUNT_TOO_LARGE = `must be at most ${MAX_MINOR}`;
export const QUANTITY_TOO_LARGE = `must be at most ${MAX_QUANTITY.toLocaleString('en')}`;
export const minor = z
  .number()
  .int({ error: 'must be a whole number of minor units' })
  .max(MAX_MINOR, { error: AMOUNT_TOO_LARGE })
  .min(-MAX_MINOR, { error: `must be at least -${MAX_MINOR}` });
export const nonNegMinor = minor.min(0, { error: 'must not be negative' });

/**
 * A quantity in the product's unit with at most 3 decimals (stored exactly as thousandths), and at
 * most MAX_QUANTITY either way: 1e300 kg was accepted once and could never be corrected.
 */
export const quantity = z
  .number()
  .finite()
  .refine(hasAtMostThreeDecimals, { error: 'at most 3 decimals' })
  .refine((q) => Math.abs(q) <= MAX_QUANTITY, { error: QUANTITY_TOO_LARGE });
