import type { ForecastRunRecord } from '../../../../shared/api/contract';
import type { Translate } from '../../i18n/i18n';

/**
 * A finished run's backtest in one sentence: the average error, next to what repeating the week
 * before's sales would have missed by (runs that kept it), and how often the range held. Null
 * when the run has no backtest.
 */
export function accuracyText(t: Translate, run: ForecastRunRecord): string | null {
  if (run.status !== 'ok' || run.backtestWape === null || run.backtestCoverage === null) return null;
  const pct = (x: number): number => Math.round(x * 100);
  const vars = { wape: pct(run.backtestWape), coverage: pct(run.backtestCoverage) };
  return run.backtestNaiveWape === null
    ? t('forecast.accuracy', vars)
    : t('forecast.accuracyNaive', { ...vars, naive: pct(run.backtestNaiveWape) });
}
