import { Alert, Button, Group, Kbd, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';

/**
 * Above the cart when somebody else started it: keep it (paid now, the sale is in the current user's
 * name) or empty it (Shift+F8, audited like any cleared cart). Both are buttons, next in the Tab order
 * after the scan box.
 */
export function CartStarterLine(props: { name: string; onKeep: () => void; onEmpty: () => void }) {
  const { t } = useI18n();
  return (
    <Alert color="orange" p="xs" mb="xs" data-testid="cart-started-by">
      <Group justify="space-between" gap="xs">
        <div>
          <Text size="sm" fw={700}>
            {t('sell.cartStartedBy', { name: props.name })}
          </Text>
          <Text size="xs">{t('sell.cartStartedByHint')}</Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" onClick={props.onKeep} data-testid="cart-keep">
            {t('sell.cartKeep')}
          </Button>
          <Button size="xs" variant="default" onClick={props.onEmpty} data-testid="cart-empty">
            {t('sell.clear')} <Kbd ml="xs">{t('key.shift')}+F8</Kbd>
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
