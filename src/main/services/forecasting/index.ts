export { forecastSeries, ForecastCancelled, type EngineOptions } from './engine';
export { forecastSeriesInWorker } from './worker-client';
export { parseHistoryCsv, formatForecastCsv, CsvError } from './csv';
export * from './db-seam';
export type * from './types';
