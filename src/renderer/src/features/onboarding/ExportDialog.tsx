import { Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { businessDate } from '../../../../shared/domain/dates';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { downloadBase64 } from './files';

type What = 'products' | 'stock' | 'ledger';


/** Products, stock with its value, or the movements of a date range, as CSV or .xlsx, downloaded. */
export function ExportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { settings } = useShop();
  // the range starts on the shop's business day: at 01:30 in a night that ends at 04:00, still yesterday's
  const [today] = useState(() => businessDate(new Date(), settings.dayEndHour));
  const [what, setWhat] = useState<What>('products');
  const [format, setFormat] = useState<'csv' | 'xlsx'>('csv');
  const [from, setFrom] = useState(() => `${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const download = async () => {
    setBusy(true);
    setErrors({});
    try {
      const file = await call('onboarding.export', what === 'ledger' ? { what, format, from, to } : { what, format });
      downloadBase64(file.base64, file.fileName, file.mimeType);
      notifications.show({ color: 'green', message: t('onboarding.export.done', { name: file.fileName, n: file.rows }) });
      onClose();
    } catch (error) {
      setErrors(handleFailure(error, t, ['from', 'to'], locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={<Title order={3}>{t('onboarding.export.title')}</Title>} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <Stack data-testid="export-dialog">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="export-what">{t('onboarding.export.what')}</Text>
            <SegmentedControl
              aria-labelledby="export-what"
              value={what}
              onChange={(v) => setWhat(v as What)}
              data={(['products', 'stock', 'ledger'] as const).map((w) => ({ value: w, label: t(`onboarding.export.${w}`) }))}
            />
          </Stack>
          {what === 'ledger' && (
            <Group grow>
              <TextInput type="date" label={t('onboarding.export.from')} name="from" value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={errors.from} required />
              <TextInput type="date" label={t('onboarding.export.to')} name="to" value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.to} required />
            </Group>
          )}
          <Stack gap={4}>
            <Text size="sm" fw={500} id="export-format">{t('onboarding.export.format')}</Text>
            <SegmentedControl
              aria-labelledby="export-format"
              value={format}
              onChange={(v) => setFormat(v as 'csv' | 'xlsx')}
              data={[
                { value: 'csv', label: 'CSV' },
                { value: 'xlsx', label: 'Excel .xlsx' },
              ]}
            />
            <Text size="xs" c="dimmed">{t('onboarding.export.hint')}</Text>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('onboarding.import.close')}</Button>
            <Button type="submit" loading={busy} data-autofocus data-testid="export-download">
              {t('onboarding.export.download')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
