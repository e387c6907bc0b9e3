import { Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '../api/hooks';
import { ProductPicker } from '../components/ProductPicker';
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
      band: t('forecast.chart.band'),
      p10: t('forecast.chart.p10'),
      p90: t('forecast.chart.p90'),
    }),
    [t],
  );
  const formatDate = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    return (iso: string) => f.format(new Date(`${iso}T00:00:00Z`));
  }, [locale]);
  if (!data) return null;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {data.name}
      </Title>
      {data.method ? (
        <Text data-testid="forecast-explanation" mb="xs">
          {data.explanation}
        </Text>
      ) : (
        <Text c="dimmed" mb="xs" data-testid="forecast-explanation">
          {t('forecast.noForecast')}
        </Text>
      )}
      <ForecastChart view={data} labels={labels} formatDate={formatDate} />
      <Text size="xs" c="dimmed">
        {t('forecast.chart.caption', { days: data.forecast.length || 28 })}
      </Text>
    </Paper>
  );
}

export function ForecastsPage() {
  const { t } = useI18n();
  const [productId, setProductId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const onFinished = useCallback(() => setVersion((v) => v + 1), []);
  return (
    <Stack>
      <Title order={2}>{t('forecast.title')}</Title>
      <RunPanel onFinished={onFinished} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <ProductPicker label={t('forecast.product')} value={productId} onChange={setProductId} />
        </Grid.Col>
      </Grid>
      {productId === null ? <Text c="dimmed">{t('forecast.pick')}</Text> : <ProductForecast productId={productId} version={version} />}
    </Stack>
  );
}
