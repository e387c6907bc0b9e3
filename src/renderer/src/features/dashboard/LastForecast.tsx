import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import type { ForecastRunRecord } from '../../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { staleHours } from '../../../../shared/domain/forecast';
import { accuracyText } from '../forecasts/accuracy';
import { counted, tag } from './format';
import { go } from './go';

/** When the last forecast ran, on what, for how many products, and how accurate it was, in plain words. */
export function LastForecast({ run }: { run: ForecastRunRecord | null }) {
  const { t, locale } = useI18n();
  const accuracy = run && accuracyText(t, run);
  const stale = run?.status === 'ok' ? staleHours(run.startedAt, new Date()) : null;
  return (
    <Paper withBorder p="sm" radius="md" h="100%" data-testid="dashboard-forecast">
      <Stack gap={6} align="flex-start">
        <Title order={4}>{t('dashboard.forecast.title')}</Title>
        {run === null ? (
          <Text size="sm" c="dimmed">
            {t('dashboard.forecast.never')}
          </Text>
        ) : (
          <>
            <Text size="sm">
              {t('dashboard.forecast.when', { when: new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(run.startedAt)) })}
            </Text>
            {run.status === 'ok' ? (
              <>
                <Text size="sm" c="dimmed">
                  {counted(t, locale, 'dashboard.forecast.details', run.products, { provider: (run.provider ?? '—').toUpperCase() })}
                </Text>
                {accuracy && (
                  <Text size="sm" data-testid="dashboard-forecast-accuracy">
                    {accuracy}
                  </Text>
                )}
                {stale && (
                  <Text size="sm" c="orange.8" fw={600} data-testid="dashboard-forecast-stale">
                    {t('dashboard.forecast.stale', { hours: stale })}
                  </Text>
                )}
              </>
            ) : (
              <Text size="sm" c="red">
                {t('dashboard.forecast.failed', { error: run.error ?? '—' })}
              </Text>
            )}
          </>
        )}
        <Button variant="light" size="xs" onClick={() => go('forecasts')} data-testid="dashboard-open-forecasts">
          {t('dashboard.forecast.open')}
        </Button>
      </Stack>
    </Paper>
  );
}
