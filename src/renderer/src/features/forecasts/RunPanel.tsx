import { Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ForecastProgressEvent, ForecastRunRecord } from '../../../../shared/api/contract';
import { api, ApiError, call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { RoleGate } from '../../components/RoleGate';
import { accuracyText } from './accuracy';

const STATUS_COLOR: Record<ForecastRunRecord['status'], string> = { running: 'blue', ok: 'teal', failed: 'red', cancelled: 'gray' };

function LastRun({ run }: { run: ForecastRunRecord }) {
  const { t, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(run.startedAt));
  const duration = t('forecast.seconds', { n: ((run.durationMs ?? 0) / 1000).toLocaleString(locale, { maximumFractionDigits: 1 }) });
  const accuracy = accuracyText(t, run);
  return (
    <Stack gap={4} data-testid="forecast-last-run">
      <Group gap="xs">
        <Text fw={600}>{t('forecast.lastRun')}</Text>
        <Badge color={STATUS_COLOR[run.status]} variant="light" data-testid="forecast-run-status">
          {t(`forecast.status.${run.status}` as MessageKey)}
        </Badge>
      </Group>
      <Text size="sm">{t('forecast.runWhen', { when, trigger: t(`forecast.trigger.${run.trigger}` as MessageKey) })}</Text>
      {run.status !== 'running' && (
        <Text size="sm" c="dimmed">
          {t('forecast.runDetails', { duration, provider: (run.provider ?? '—').toUpperCase(), n: run.products })}
        </Text>
      )}
      {accuracy && (
        <Text size="sm" c="dimmed">
          {accuracy}
        </Text>
      )}
      {run.error && (
        <Text size="sm" c="red">
          {t('forecast.runError', { error: run.error })}
        </Text>
      )}
    </Stack>
  );
}

/** "Forecast now", its progress (pushed by the forecast.progress event) and the last run's record. */
export function RunPanel({ onFinished }: { onFinished: () => void }) {
  const { t } = useI18n();
  const status = useQuery('forecast.status', {});
  const [progress, setProgress] = useState<ForecastProgressEvent | null>(null);
  const running = status.data?.running;
  const { reload } = status;

  // a run already going when the page opens (nightly, catch-up, another window)
  useEffect(() => {
    if (running) setProgress((p) => p ?? { runId: running.runId, done: running.done, total: running.total, status: 'running' });
  }, [running]);

  useEffect(
    () =>
      api.on('forecast.progress', (p) => {
        setProgress(p);
        // the panel itself shows the outcome (bar label and last-run badge): no toast over the chart
        if (p.status !== 'running') {
          reload();
          onFinished();
        }
      }),
    [reload, onFinished],
  );

  const start = async () => {
    try {
      const { runId } = await call('forecast.run', {});
      // a very short run may already have reported its end: keep that
      setProgress((p) => (p && p.runId === runId ? p : { runId, done: 0, total: 0, status: 'running' }));
      reload();
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const stop = () => void call('forecast.cancel', {}).catch(() => undefined);

  const isRunning = progress?.status === 'running';
  const pct = !progress ? 0 : progress.status === 'ok' ? 100 : progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  const lastRun = status.data?.lastRun;

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start">
        <div style={{ flex: 1 }}>
          {lastRun ? <LastRun run={lastRun} /> : status.data && <Text c="dimmed">{t('forecast.never')}</Text>}
        </div>
        <Group>
          {isRunning && (
            <Button variant="default" onClick={stop}>
              {t('forecast.stop')}
            </Button>
          )}
          <RoleGate need="forecast.run">
            <Button onClick={() => void start()} loading={isRunning} data-testid="forecast-run">
              {t('forecast.run')}
            </Button>
          </RoleGate>
        </Group>
      </Group>
      {progress && (
        <Stack gap={4} mt="md">
          <Progress value={pct} animated={isRunning} striped={isRunning} size="lg" data-testid="forecast-progress" aria-label={t('forecast.run')} />
          <Text size="xs" c="dimmed">
            {isRunning ? (progress.total > 0 ? t('forecast.progress', { pct }) : t('forecast.starting')) : t(`forecast.finished.${progress.status}` as MessageKey)}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
