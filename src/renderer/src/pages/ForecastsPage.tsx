import { Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '../api/hooks';
import { ProductPicker } from '../components/ProductPicker';
import { dayLabel, tag } from '../features/dashboard/format';
import { focusOnArrival } from '../app/focus';
import { ForecastChart } from '../features/forecasts/ForecastChart';
import { RunPanel } from '../features/forecasts/RunPanel';
import { useI18n } from '../i18n/i18n';

function ProductForecast({ productId, version }: { productId: number; version: number }) {
  const { t, locale } = useI18n();
  const { data } = useQuery('forecast.product', { id: productId }, [version]);
  const labels = useMemo(
    () => ({
      actual: t('forecast.chart.actual'),
      p50: t('forecast.chart.p50'),
      mean: t('forecast.chart.mean'),
      band: t('forecast.chart.band'),
      p10: t('forecast.chart.p10'),
      p90: t('forecast.chart.p90'),
      stockout: t('forecast.chart.stockout'),
      line: (label: string, value: string) => t('forecast.chart.line', { label, value }),
    }),
    [t],
  );
  const format = useMemo(() => {
    const n = new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1 });
    return { date: dayLabel(locale), number: (x: number) => n.format(x) };
  }, [locale]);
  if (!data) return null;
  const hasForecast = data.forecast.length > 0;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {data.name}
      </Title>
      {data.everSold && data.method ? (
        <Text data-testid="forecast-explanation" mb="xs">
          {data.explanation}
        </Text>
      ) : (
        <Text c="dimmed" mb="xs" data-testid="forecast-explanation">
          {t(data.everSold ? 'forecast.noForecast' : 'forecast.neverSold')}
        </Text>
      )}
      {(data.history.length > 0 || hasForecast) && (
        <>
          <ForecastChart view={data} labels={labels} format={format} />
          <Text size="xs" c="dimmed">
            {hasForecast
              ? t('forecast.chart.caption', { shown: data.history.length, days: data.forecast.length })
              : t('forecast.chart.captionHistory', { shown: data.history.length })}
          </Text>
        </>
      )}
    </Paper>
  );
}

export function ForecastsPage() {
  const { t } = useI18n();
  const [productId, setProductId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const onFinished = useCallback(() => setVersion((v) => v + 1), []);
  // on arrival the cursor is in the product picker: type a name, or scan
  const pickerRef = useRef<HTMLDivElement>(null);
  useEffect(() => void focusOnArrival(pickerRef.current?.querySelector('input')), []);
  return (
    <Stack>
      <Title order={2}>{t('forecast.title')}</Title>
      <RunPanel onFinished={onFinished} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }} ref={pickerRef}>
          <ProductPicker label={t('forecast.product')} value={productId} onChange={setProductId} />
        </Grid.Col>
      </Grid>
      {productId === null ? <Text c="dimmed">{t('forecast.pick')}</Text> : <ProductForecast productId={productId} version={version} />}
    </Stack>
  );
}
