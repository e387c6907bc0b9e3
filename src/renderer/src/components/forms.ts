import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/api';
import type { Translate } from '../i18n/i18n';

export type FieldErrors = Record<string, string>;

/** Turns a failed call into field errors (shown under the field) or a notification (when no field). */
export function handleFailure(error: unknown, t: Translate, knownFields: string[]): FieldErrors {
  if (error instanceof ApiError) {
    const field = error.error.field;
    const detail = error.error.message.replace(/^[\w.]+: /, '');
    const message = detail === 'required' ? t('err.required') : error.error.code === 'conflict' ? `${t('err.conflict')} — ${detail}` : detail;
    if (field && knownFields.includes(field)) return { [field]: message };
    notifications.show({ color: 'red', title: t('common.error'), message: error.error.code === 'forbidden' ? t('err.forbidden') : error.error.message });
    return {};
  }
  notifications.show({ color: 'red', title: t('common.error'), message: String(error) });
  return {};
}
