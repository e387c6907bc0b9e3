import { Badge, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { hrefOf, openTarget, type Target } from '../../app/nav';
import { useShop } from '../../app/shop';
import { useAllowed } from '../../components/RoleGate';
import { useI18n } from '../../i18n/i18n';
import { counted } from './format';

const SEVERITY_COLORS = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** A line that opens where it is dealt with: a link with its address, so Tab reaches it and Enter opens it. */
function Row({ label, description, to, testId, children }: { label: string; description?: ReactNode; to: Target; testId: string; children?: ReactNode }) {
  return (
    <NavLink
      label={label}
      description={description}
      href={hrefOf(to)}
      onClick={(e) => {
        e.preventDefault();
        openTarget(to);
      }}
      data-testid={testId}
      px={8}
      py={6}
      style={{ borderRadius: 6 }}
      rightSection={
        <Group gap={6} wrap="nowrap">
          {children}
          <Text c="dimmed" aria-hidden>
            ›
          </Text>
        </Group>
      }
    />
  );
}

const Count = ({ n, color, testId, children }: { n: number; color: string; testId?: string; children?: ReactNode }) => (
  <Badge color={n > 0 ? color : 'gray'} variant={n > 0 ? 'filled' : 'light'} miw={36} tt="none" data-testid={testId} style={{ flexShrink: 0 }}>
    {children ?? n}
  </Badge>
);

/**
 * What needs looking at on the shelves, each line opening the page where it is dealt with: the products
 * out of stock (Stock, filtered to them), what to order (Achats › À commander; a cashier, who does not
 * order, the alerts of that kind), the alerts of each kind.
 */
export function StockHealth({ data }: { data: DashboardSummary }) {
  const { t, locale } = useI18n();
  const { settings } = useShop();
  const orders = useAllowed()('purchasing.toOrder');
  const { stock, alerts } = data;
  return (
    <Paper withBorder p="sm" radius="md" h="100%" data-testid="dashboard-health">
      <Title order={4} mb={4}>
        {t('dashboard.health.title')}
      </Title>
      <Stack gap={0}>
        <Row label={t('dashboard.health.outOfStock')} to={{ page: 'stock', show: 'out' }} testId="health-out-of-stock">
          <Count n={stock.outOfStock} color="red" />
        </Row>
        <Row label={t('dashboard.health.belowReorder')} to={orders ? { page: 'purchasing' } : { page: 'alerts', group: 'order' }} testId="health-below-reorder">
          <Count n={stock.belowReorderPoint} color="orange" />
        </Row>
        <Row label={t('dashboard.health.overstock')} to={{ page: 'alerts', group: 'slow' }} testId="health-overstock">
          <Count n={stock.overstock} color="blue" />
        </Row>
        <Row label={t('dashboard.health.expiring', { days: settings.expiryWarnDays })} to={{ page: 'alerts', group: 'expiry' }} testId="health-expiring">
          <Count n={stock.expiringLots} color="orange" />
        </Row>
        <Row
          label={t('dashboard.health.alerts')}
          to={{ page: 'alerts' }}
          testId="health-alerts"
          description={
            <Group gap={6} mt={4}>
              {(['critical', 'warning', 'info'] as const).map((severity) => (
                <Count key={severity} n={alerts[severity]} color={SEVERITY_COLORS[severity]} testId={`alerts-${severity}`}>
                  {counted(t, locale, `dashboard.severity.${severity}`, alerts[severity])}
                </Count>
              ))}
            </Group>
          }
        />
      </Stack>
    </Paper>
  );
}
