import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { PurchaseOrder } from '../../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';

/** Asks before cancelling an order, which cannot be undone; the focus is on keeping it. */
export function CancelModal({ order, busy, onKeep, onConfirm }: { order: PurchaseOrder; busy: boolean; onKeep: () => void; onConfirm: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={onKeep} title={t('purchasing.cancelTitle', { ref: order.reference })} data-testid="cancel-modal">
      <Stack>
        <Text size="sm">{t('purchasing.cancelExplain')}</Text>
        {order.status === 'sent' && (
          <Text size="sm" fw={600}>
            {t('purchasing.cancelSent', { supplier: order.supplierName })}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onKeep} data-autofocus>
            {t('purchasing.keepOrder')}
          </Button>
          <Button color="red" loading={busy} onClick={onConfirm}>
            {t('purchasing.cancelOrder')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks before leaving a draft whose edits are not saved: save them (the default), drop them, or stay. */
export function LeaveModal({ order, busy, onStay, onSave, onDiscard }: { order: PurchaseOrder; busy: boolean; onStay: () => void; onSave: () => void; onDiscard: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={onStay} title={t('purchasing.leaveTitle')} data-testid="leave-modal">
      <Stack>
        <Text size="sm">{t('purchasing.leaveText', { ref: order.reference })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onStay}>
            {t('purchasing.stay')}
          </Button>
          <Button variant="light" color="red" onClick={onDiscard}>
            {t('purchasing.leaveDiscard')}
          </Button>
          <Button loading={busy} onClick={onSave} data-autofocus>
            {t('purchasing.leaveSave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
