import { Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { PurchaseOrder, PurchaseOrderLine } from '../../../../shared/api/contract';
import { unitLabel } from '../../../../shared/domain/replenishment';
import { call } from '../../api/api';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { useBusy } from './busy';

/** The lines not received in full, as "name: received X of Y" (with the unit where it is not a piece). */
export function ShortLines({ lines }: { lines: PurchaseOrderLine[] }) {
  const { t, locale } = useI18n();
  // the unit in the shop's language (« 2,5 boîtes »), as on the order PDF
  const qty = (x: number, unit: string) => [x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 }), unitLabel(unit, x, locale)].filter(Boolean).join(' ');
  return (
    <List size="sm" data-testid="short-lines">
      {lines
        .filter((l) => l.received < l.quantity)
        .map((l) => (
          <List.Item key={l.lineNo}>{t('purchasing.shortLine', { name: l.name, received: qty(l.received, l.unit), ordered: qty(l.quantity, l.unit) })}</List.Item>
        ))}
    </List>
  );
}

/** Asks before closing a partly received order short, with an optional reason (Enter confirms, once). */
export function CloseModal({ order, onClose, onDone }: { order: PurchaseOrder; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const { busy, run } = useBusy<'close'>();
  const submit = async () => {
    try {
      await call('purchasing.close', { id: order.id, reason });
      notifications.show({ color: 'green', message: t('purchasing.closedOk', { ref: order.reference }) });
      onDone();
    } catch (error) {
      setErrors(handleFailure(error, t, ['reason']));
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('purchasing.closeTitle', { ref: order.reference })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('close', submit);
        }}
      >
        <Stack>
          <Text size="sm">{t('purchasing.closeExplain')}</Text>
          <ShortLines lines={order.lines} />
          <TextInput data-autofocus label={t('purchasing.closeReason')} maxLength={200} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('purchasing.keepOpen')}
            </Button>
            <Button type="submit" color="grape" loading={busy === 'close'}>
              {t('purchasing.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
