import { Grid, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { Translate } from '../../i18n/translate';
import { counted, percent, signedPercent, tag } from './format';
import { LossesHelp } from './LossesHelp';

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

const Sub = ({ children, c = 'dimmed', testId, lines = 2 }: { children: ReactNode; c?: string; testId?: string; lines?: number }) => (
  <Text size="xs" c={c} lineClamp={lines} data-testid={testId}>
    {children}
  </Text>
);

/**
 * Why there is no percentage against the period before: one of the two sold nothing, or refunded more
 * than it sold (a percentage of a negative amount reads upside down: −103 % for a day of refunds).
 */
function noChange(t: Translate, data: DashboardSummary, vs: string, money: (minor: number) => string): string {
  const { sales, previous } = data;
  const before = money(previous.amountMinor);
  if (sales.amountMinor < 0) return t(sales.receipts === 0 ? 'dashboard.change.refundsOnly' : 'dashboard.change.moreRefunded', { before, vs });
  if (previous.amountMinor < 0) return t('dashboard.change.previousRefunds', { before, vs });
  if (sales.amountMinor === 0 && previous.amountMinor > 0) return t('dashboard.change.noSales', { before, vs });
  return t('dashboard.changeNone', { vs });
}

/** Why the margin is below 0: more refunded than sold, or goods sold below their cost (or both). */
function negativeMargin(data: DashboardSummary): 'refunds' | 'mixed' | 'belowCost' {
  if (data.sales.amountMinor <= 0) return 'refunds';
  return data.sales.returns.count > 0 ? 'mixed' : 'belowCost';
}

/**
 * Sales, receipts, basket (everyone); margin with the period's losses, and stock value (managers and
 * owners: null for a cashier). 30 columns: five cards in a row on a wide screen; at 1024 px three, then two.
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
            // an amount (no-break spaces) and the comparison: up to three lines in a narrow card
            <Sub testId="kpi-sales-change" lines={3}>
              {noChange(t, data, vs, money)}
            </Sub>
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
            {data.marginMinor! < 0 && (
              <Sub c="red.7" testId="kpi-margin-negative">
                {t(`dashboard.margin.negative.${negativeMargin(data)}`)}
              </Sub>
            )}
            {data.losses && <Losses losses={data.losses} />}
          </Kpi>
        </Grid.Col>
      )}
      {showCosts && (
        <Grid.Col span={second}>
          <Kpi label={t('dashboard.stockValue')} value={money(data.stockValueMinor!)} testId="kpi-stock-value">
            <Sub>{counted(t, locale, 'dashboard.activeProducts', data.stock.products)}</Sub>
            {data.negativeStockLines > 0 && (
              <Sub c="orange.8" testId="kpi-stock-negative">
                {counted(t, locale, 'dashboard.stockValue.negative', data.negativeStockLines)}
              </Sub>
            )}
          </Kpi>
        </Grid.Col>
      )}
    </Grid>
  );
}

/** The period's losses at cost under the margin, and the margin once they are taken off; what they count behind "?". */
function Losses({ losses }: { losses: NonNullable<DashboardSummary['losses']> }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  if (losses.totalMinor === 0) {
    return (
      <Sub testId="kpi-losses">
        {t('dashboard.losses.none')} <LossesHelp losses={losses} />
      </Sub>
    );
  }
  return (
    <>
      <Sub c="orange.8" testId="kpi-losses">
        {t('dashboard.losses', { amount: money(losses.totalMinor) })} <LossesHelp losses={losses} />
      </Sub>
      <Text size="xs" fw={600} c={losses.marginAfterMinor < 0 ? 'red.7' : undefined} lineClamp={2} data-testid="kpi-margin-after">
        {losses.marginAfterRate === null
          ? t('dashboard.losses.afterNoRate', { amount: money(losses.marginAfterMinor) })
          : t('dashboard.losses.after', { amount: money(losses.marginAfterMinor), rate: percent(losses.marginAfterRate, locale) })}
      </Text>
    </>
  );
}
