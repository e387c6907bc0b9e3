/** A forecast older than this is stale: the alert, the Forecasts page and the dashboard all say so. */
export const FORECAST_STALE_HOURS = 36;

/** Hours since a run started (ISO instant), or null when it is fresh enough. */
export function staleHours(startedAt: string, now: Date): number | null {
  const age = (now.getTime() - Date.parse(startedAt)) / 3_600_000;
  return age > FORECAST_STALE_HOURS ? Math.round(age) : null;
}

/** P90 − P10 of a normal is 2 × 1.2816 σ: how a product's σ is read from its band when bands are added up. */
export const BAND_SIGMAS = 2.5631;
