import { STOCK_ERRORS, type StockErrorKey } from '../../../shared/api/contracts/counts';
import { AppError, type ErrorCode } from '../../../shared/api/result';

/**
 * A stock or count refusal. The message stays English for the log ("field: text", then any reference);
 * the interface writes its own text from `details`: reason `stock.<key>` and the params (a count's
 * reference, the code scanned).
 */
export function stockError(code: ErrorCode, key: StockErrorKey, field: string, params: Record<string, string | number> = {}): AppError {
  const reference = typeof params.reference === 'string' ? ` (${params.reference})` : '';
  return new AppError(code, `${field}: ${STOCK_ERRORS[key]}${reference}`, field, { ...params, reason: `stock.${key}` });
}
