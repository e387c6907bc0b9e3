import { Button, Group, Kbd, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { PARK_LABEL_MAX } from '../../../../shared/domain/parked';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';

/** Parks the till's cart under an optional label (the customer's name); Enter confirms. */
export function ParkModal(props: { totalMinor: number; busy: boolean; error: string | null; onPark: (label: string) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { money } = useShop();
  const [label, setLabel] = useState('');
  const tooLong = label.trim().length > PARK_LABEL_MAX;
  return (
    <Modal opened onClose={props.onClose} title={t('park.title')} data-testid="park-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!tooLong) props.onPark(label.trim());
        }}
      >
        <Stack gap="sm">
          <Group justify="space-between">
            <Text c="dimmed">{t('sell.total')}</Text>
            <Text fw={700}>{money(props.totalMinor)}</Text>
          </Group>
          <TextInput
            label={t('park.label')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            data-autofocus
            error={tooLong ? t('park.labelTooLong', { n: PARK_LABEL_MAX }) : props.error}
          />
          <Button type="submit" loading={props.busy} disabled={tooLong}>
            {t('park.confirm')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
