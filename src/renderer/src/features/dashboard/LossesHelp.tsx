import { ActionIcon, Popover, Stack, Text } from '@mantine/core';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';

/**
 * What the dashboard's losses count, in words, behind a small "?" beside them: write-offs and what
 * counts found missing (with their amounts), what is left out and why, and what "after losses" means.
 */
export function LossesHelp({ losses }: { losses: NonNullable<DashboardSummary['losses']> }) {
  const { t } = useI18n();
  const { money } = useShop();
  return (
    // focus goes into the words (read out, Escape closes them) and back to the "?" after
    <Popover width={340} position="left-start" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <ActionIcon
          variant="light"
          color="gray"
          radius="xl"
          size={16}
          aria-label={t('dashboard.losses.help.open')}
          data-testid="kpi-losses-help"
          style={{ display: 'inline-flex', verticalAlign: 'text-bottom', fontSize: 11, fontWeight: 700 }}
        >
          ?
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown data-testid="kpi-losses-help-text">
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('dashboard.losses.help.title')}
          </Text>
          <Text size="sm">{t('dashboard.losses.help.writeOffs', { amount: money(losses.writeOffsMinor) })}</Text>
          <Text size="sm">{t('dashboard.losses.help.counts', { amount: money(losses.countShortfallMinor) })}</Text>
          <Text size="xs" c="dimmed">
            {t('dashboard.losses.help.surplus')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('dashboard.losses.help.adjustments')}
          </Text>
          <Text size="xs">{t('dashboard.losses.help.after')}</Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
