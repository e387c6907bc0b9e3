import { Grid, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { counted, percent, signedPercent, tag } from './format';

function Kpi({ label, value, testId, children }: { label: string; value: string; testId: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" h="100%" data-testid={testId}>
      <Text size="sm" c="dimmed" lineClamp={1}>
        {label}
      </Text>
      <Text fz={22} fw={700} style={{ whiteSpace: 'nowrap' }} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {children}
    </Paper>
  );
}

const Sub = ({ children, c = 'dimmed', testId }: { children: ReactNode; c?: string; testId?: string }) => (
  <Text size="xs" c={c} lineClamp={2} data-testid={testId}>
    {children}
  </Text>
);

/**
 * Sales, receipts, basket (everyone); margin and stock value (managers and owners: null for a cashier).
 * 30 columns: five cards in a row on a wide screen; at 1024 px three, then two.
 */
export function Kpis({ data }: { data: DashboardSummary }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  const sameTime = data.previous.until !== undefined;
  const vs = t(
    data.period === 'today' ? (sameTime ? 'dashboard.vs.today' : 'dashboard.vs.yesterdayWhole') : data.period === 'yesterday' || !sameTime ? `dashboard.vs.${data.period}` : `dashboard.vs.${data.period}.sameTime`,
  );
  const { sales, previous, change } = data;
  const showCosts = data.marginMinor !== null && data.stockValueMinor !== null;
  const first = { base: 15, md: 10, lg: showCosts ? 6 : 10 };
  const second = { base: 15, md: 15, lg: 6 };
  return (
    <Grid columns={30} gap="sm" data-testid="dashboard-kpis">
      <Grid.Col span={first}>
        <Kpi label={t('dashboard.sales')} value={money(sales.amountMinor)} testId="kpi-sales">
          {change === null ? (
            <Sub testId="kpi-sales-change">{t('dashboard.changeNone', { vs })}</Sub>
          ) : (
            <Sub c={change > 0 ? 'teal.8' : change < 0 ? 'red.7' : 'dimmed'} testId="kpi-sales-change">
              <b>{signedPercent(change, locale)}</b> {vs}
            </Sub>
          )}
          {sales.returns.count > 0 && (
            <Sub testId="kpi-sales-returns">{counted(t, locale, 'dashboard.returnsNetted', sales.returns.count, { amount: money(-sales.returns.amountMinor) })}</Sub>
          )}
          {sales.withoutReceiptMinor > 0 && <Sub testId="kpi-sales-imported">{t('dashboard.withoutReceipt', { amount: money(sales.withoutReceiptMinor) })}</Sub>}
        </Kpi>
      </Grid.Col>
      <Grid.Col span={first}>
        <Kpi label={t('dashboard.receipts')} value={sales.receipts.toLocaleString(tag(locale))} testId="kpi-receipts">
          <Sub>{t('dashboard.receiptsBefore', { n: previous.receipts.toLocaleString(tag(locale)), vs })}</Sub>
        </Kpi>
      </Grid.Col>
      <Grid.Col span={first}>
        <Kpi label={t('dashboard.basket')} value={sales.averageBasketMinor === null ? '—' : money(sales.averageBasketMinor)} testId="kpi-basket">
          <Sub>{previous.averageBasketMinor === null ? t('dashboard.basketNone', { vs }) : t('dashboard.basketBefore', { amount: money(previous.averageBasketMinor), vs })}</Sub>
        </Kpi>
      </Grid.Col>
      {showCosts && (
        <Grid.Col span={second}>
          <Kpi label={t('dashboard.margin')} value={money(data.marginMinor!)} testId="kpi-margin">
            {data.marginRate !== null && <Sub>{t('dashboard.marginRate', { rate: percent(data.marginRate, locale) })}</Sub>}
          </Kpi>
        </Grid.Col>
      )}
      {showCosts && (
        <Grid.Col span={second}>
          <Kpi label={t('dashboard.stockValue')} value={money(data.stockValueMinor!)} testId="kpi-stock-value">
            <Sub>{counted(t, locale, 'dashboard.activeProducts', data.stock.products)}</Sub>
          </Kpi>
        </Grid.Col>
      )}
    </Grid>
  );
}
