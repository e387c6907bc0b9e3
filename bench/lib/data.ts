import { readFileSync } from 'node:fs';
import { parseHistoryCsv } from '../../src/main/services/forecasting/csv';
import type { Series } from '../../src/main/services/forecasting/types';

export const HOLDOUT = 28;
export const MIN_TRAIN_DAYS = 14;

export interface Split {
  train: Series[];
  /** Hold-out actuals of the items that are scored (>= MIN_TRAIN_DAYS training days). */
  holdout: Map<string, number[]>;
}

/**
 * Splits each item's last HOLDOUT rows off (dev files are daily, zero-filled and sorted).
 * Only the training part is handed to the forecaster.
 */
export function loadSplit(file: string): Split {
  const all = parseHistoryCsv(readFileSync(file, 'utf8'));
  const train: Series[] = [];
  const holdout = new Map<string, number[]>();
  for (const s of all) {
    const cut = s.dates.length - HOLDOUT;
    if (cut < 1) continue;
    train.push({ id: s.id, dates: s.dates.slice(0, cut), qty: s.qty.slice(0, cut) });
    if (cut >= MIN_TRAIN_DAYS) holdout.set(s.id, s.qty.slice(cut));
  }
  return { train, holdout };
}
