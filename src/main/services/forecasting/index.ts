export { forecastSeries, ForecastCancelled, type EngineOptions } from './engine';
export { parseHistoryCsv, formatForecastCsv, CsvError } from './csv';
export type * from './types';
