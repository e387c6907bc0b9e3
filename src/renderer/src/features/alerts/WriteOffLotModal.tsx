import { Loader, Modal, Text } from '@mantine/core';
import type { Alert } from '../../../../shared/api/contract';
import { shortDate } from '../../../../shared/domain/dates';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { WriteOffForm } from '../stock/WriteOffForm';

/**
 * An expiring lot's alert acted on where it is read: the loss of that lot, filled in with what is left
 * of it (and « expired » when it is), for the owner to check and confirm with Enter.
 */
export function WriteOffLotModal({ alert, onClose }: { alert: Alert & { productId: number; lot: { lot: string; expiry: string } }; onClose: () => void }) {
  const { t } = useI18n();
  const { settings } = useShop();
  const lots = useQuery('stock.lots', { productId: alert.productId }, []);
  const held = lots.data?.find((l) => l.lot === alert.lot.lot && l.expiry === alert.lot.expiry);
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('alerts.writeOffTitle', { lot: alert.lot.lot, name: alert.productName ?? '', d: shortDate(alert.lot.expiry, settings.locale) })}
      data-testid="write-off-lot-modal"
    >
      {lots.data === null ? (
        <Loader size="sm" />
      ) : held ? (
        <WriteOffForm
          active
          preset={{ productId: alert.productId, lot: held.lot, expiry: held.expiry, quantity: held.quantity, reason: held.expired ? 'expired' : null }}
          onDone={onClose}
        />
      ) : (
        <Text data-testid="write-off-lot-gone">{t('alerts.lotGone', { lot: alert.lot.lot })}</Text>
      )}
    </Modal>
  );
}
