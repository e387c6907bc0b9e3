import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/api';
import { errorShapeText, FIELD_MESSAGES, reasonText } from '../api/error-text';
import type { Translate } from '../i18n/i18n';
import type { Locale } from '../../../shared/domain/settings';

export type FieldErrors = Record<string, string>;

/** Turns a failed call into field errors (shown under the field) or a notification (when no field). */
export function handleFailure(error: unknown, t: Translate, knownFields: string[], locale: Locale = 'fr'): FieldErrors {
  if (error instanceof ApiError) {
    const field = error.error.field;
    const detail = error.error.message.replace(/^[\w.]+: /, '');
    const known = FIELD_MESSAGES[detail];
    const message = known ? t(known) : (reasonText(error.error, t, locale) ?? (error.error.code === 'conflict' ? `${t('err.conflict')} — ${detail}` : detail));
    if (field && knownFields.includes(field)) return { [field]: message };
    notifications.show({ color: 'red', title: t('common.error'), message: errorShapeText(error.error, t, locale) });
    return {};
  }
  notifications.show({ color: 'red', title: t('common.error'), message: String(error) });
  return {};
}
