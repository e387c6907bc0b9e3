/** A forecast older than this is stale: the alert, the Forecasts page and the dashboard all say so. */
export const FORECAST_STALE_HOURS = 36;

/** Hours since a run started (ISO instant), or null when it is fresh enough. */
export function staleHours(startedAt: string, now: Date): number | null {
  const age = (now.getTime() - Date.parse(startedAt)) / 3_600_000;
  return age > FORECAST_STALE_HOURS ? Math.round(age) : null;
}
