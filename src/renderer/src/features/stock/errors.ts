import { notifications } from '@mantine/notifications';
import { STOCK_ERRORS } from '../../../../shared/api/contracts/counts';
import { ApiError } from '../../api/api';
import { handleFailure, type FieldErrors } from '../../components/forms';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/** The core's stock messages in the shop's language (they may end with a reference, kept as it is). */
export function stockMessage(detail: string, t: Translate): string | null {
  for (const [key, text] of Object.entries(STOCK_ERRORS)) {
    if (detail.startsWith(text)) return t(`stock.err.${key}` as MessageKey) + detail.slice(text.length);
  }
  return null;
}

/**
 * Like handleFailure, with the stock and count messages translated: under the field when the form
 * shows it, else as a notification.
 */
export function stockFailure(error: unknown, t: Translate, knownFields: string[]): FieldErrors {
  if (error instanceof ApiError) {
    const detail = error.error.message.replace(/^[\w.]+: /, '');
    const known = stockMessage(detail, t);
    if (known !== null) {
      const field = error.error.field;
      if (field && knownFields.includes(field)) return { [field]: known };
      notifications.show({ color: 'red', title: t('common.error'), message: known });
      return {};
    }
  }
  return handleFailure(error, t, knownFields);
}
