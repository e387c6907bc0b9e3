import { notifications } from '@mantine/notifications';
import { ApiError } from '../api/api';
import { errorShapeText, reasonText } from '../api/error-text';
import type { Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { PRINTER_TARGET_ERROR } from '../../../shared/domain/printer';
import { BACKUP_FOLDER_ERROR, type Locale } from '../../../shared/domain/settings';
import { SYNC_ADDRESS_INSECURE, SYNC_ADDRESS_INVALID, SYNC_KEY_INVALID } from '../../../shared/sync/address';

export type FieldErrors = Record<string, string>;

/** The core's field messages (schemas.ts) in the shop's language; any other message is shown as it is. */
const FIELD_MESSAGES: Record<string, MessageKey> = {
  required: 'err.required',
  'not an e-mail address': 'err.email',
  'must not be negative': 'err.negative',
  'must be more than 0': 'err.positive',
  'must not be 0': 'err.zero',
  'at most 3 decimals': 'err.decimals',
  'must be a whole number of minor units': 'err.money',
  '4 to 8 digits': 'err.pin',
  'expected a date YYYY-MM-DD': 'err.date',
  [PRINTER_TARGET_ERROR]: 'err.printerTarget',
  [BACKUP_FOLDER_ERROR]: 'err.backupFolder',
  [SYNC_ADDRESS_INVALID]: 'err.syncUrl',
  [SYNC_ADDRESS_INSECURE]: 'err.syncUrlInsecure',
  [SYNC_KEY_INVALID]: 'err.syncKey',
};

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
