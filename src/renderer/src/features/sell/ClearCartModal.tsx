import { Button, Group, Kbd, Modal, Stack, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';

/** Asks before emptying the till's cart (nothing was recorded yet, so nothing else to undo). Enter confirms, Escape keeps it. */
export function ClearCartModal(props: { lineCount: number; onConfirm: () => void; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened onClose={props.onClose} title={t('sell.clearTitle')} data-testid="clear-modal">
      <Stack>
        <Text>{t('sell.clearText', { n: props.lineCount })}</Text>
        <Group grow>
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')} <Kbd ml="xs">{t('key.escape')}</Kbd>
          </Button>
          <Button color="red" onClick={props.onConfirm} data-autofocus>
            {t('sell.clearConfirm')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
