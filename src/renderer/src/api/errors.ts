import type { Locale } from '../../../shared/domain/settings';
import type { Translate } from '../i18n/i18n';
import { ApiError } from './api';
import { errorShapeText } from './error-text';

export { errorShapeText };

/** Any caught error as the shop reads it: a failed call through errorShapeText, anything else as it is. */
export function errorText(error: unknown, t: Translate, locale: Locale = 'fr'): string {
  return error instanceof ApiError ? errorShapeText(error.error, t, locale) : String(error);
}
