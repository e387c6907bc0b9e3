import { notifications } from '@mantine/notifications';
import { ApiError } from '../../api/api';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { stockReasonText } from '../../api/error-text';
import type { Translate } from '../../i18n/i18n';

/**
 * Like handleFailure, with the stock and count refusals written from main's reason codes: under the
 * field when the form shows it, else as a notification.
 */
export function stockFailure(error: unknown, t: Translate, knownFields: string[]): FieldErrors {
  if (error instanceof ApiError) {
    const known = stockReasonText(error.error, t);
    if (known !== null) {
      const field = error.error.field;
      if (field && knownFields.includes(field)) return { [field]: known };
      notifications.show({ color: 'red', title: t('common.error'), message: known });
      return {};
    }
  }
  return handleFailure(error, t, knownFields);
}
