import { Paper, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { currencyDecimals, type CurrencyCode } from '../../../../shared/domain/money';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { compactMoney, dayLabel } from './format';
import { SalesChart } from './SalesChart';

/** The last 30 days of sales and, after a forecast, the next 14 expected, with what the band means. */
export function SalesPanel({ data }: { data: DashboardSummary }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const labels = useMemo(
    () => ({
      actual: t('dashboard.chart.actual'),
      expected: t('dashboard.chart.expected'),
      band: t('dashboard.chart.band'),
      today: t('dashboard.chart.today'),
      refunds: t('dashboard.chart.refunds'),
    }),
    [t],
  );
  const format = useMemo(
    () => ({ day: dayLabel(locale), money, compact: compactMoney(locale, settings.currency as CurrencyCode), unitMinor: 10 ** currencyDecimals(settings.currency as CurrencyCode) }),
    [locale, settings.currency, money],
  );
  return (
    <Paper withBorder p="sm" radius="md" h="100%">
      <Title order={4}>{t('dashboard.chart.title')}</Title>
      <SalesChart data={data} labels={labels} format={format} height={230} />
      <Text size="xs" c="dimmed" data-testid="dashboard-chart-caption">
        {data.expected.length === 0
          ? t('dashboard.chart.noForecast')
          : t(data.expectedRangeMeasured ? 'dashboard.chart.caption' : 'dashboard.chart.captionNoRange', { days: data.expected.length })}
      </Text>
    </Paper>
  );
}
