import { Badge, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import type { ForecastProgressEvent, ForecastRunRecord } from '../../../../shared/api/contract';
import { api, ApiError, call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { staleHours } from '../../../../shared/domain/forecast';
import { RoleGate } from '../../components/RoleGate';
import { counted, tag } from '../dashboard/format';
import { accuracyText } from './accuracy';

const STATUS_COLOR: Record<ForecastRunRecord['status'], string> = { running: 'blue', ok: 'teal', failed: 'red', cancelled: 'gray' };

function LastRun({ run, lastSuccess }: { run: ForecastRunRecord; lastSuccess: ForecastRunRecord | null }) {
  const { t, locale } = useI18n();
  const at = (iso: string) => new Intl.DateTimeFormat(tag(locale), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const when = at(run.startedAt);
  const duration = t('forecast.seconds', { n: ((run.durationMs ?? 0) / 1000).toLocaleString(tag(locale), { maximumFractionDigits: 1 }) });
  const accuracy = accuracyText(t, run);
  const stale = lastSuccess && staleHours(lastSuccess.startedAt, new Date());
  return (
    <Stack gap={4} data-testid="forecast-last-run">
      <Group gap="xs">
        <Text fw={600}>{t('forecast.lastRun')}</Text>
        <Badge color={STATUS_COLOR[run.status]} variant="light" data-testid="forecast-run-status">
          {t(`forecast.status.${run.status}` as MessageKey)}
        </Badge>
      </Group>
      <Text size="sm">{t('forecast.runWhen', { when, trigger: t(`forecast.trigger.${run.trigger}` as MessageKey) })}</Text>
      {run.status === 'ok' && (
        <Text size="sm" c="dimmed">
          {counted(t, locale, 'forecast.runDetails', run.products, { duration, provider: (run.provider ?? '—').toUpperCase() })}
        </Text>
      )}
      {(run.status === 'failed' || run.status === 'cancelled') && (
        <Text size="sm" data-testid="forecast-in-use">
          {lastSuccess ? t('forecast.inUse', { when: at(lastSuccess.startedAt) }) : t('forecast.noneInUse')}
        </Text>
      )}
      {stale && (
        <Text size="sm" c="orange.8" fw={600} data-testid="forecast-stale">
          {t('forecast.stale', { hours: stale })}
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
  const stopRef = useRef<HTMLButtonElement>(null);

  // a run already going when the page opens (nightly, catch-up, another window)
  useEffect(() => {
    if (running) setProgress((p) => p ?? { runId: running.runId, done: running.done, total: running.total, phase: running.phase, status: 'running' });
  }, [running]);

  useEffect(
    () =>
      api.on('forecast.progress', (p) => {
        // a stopped or failed run keeps the bar where it stopped, not at the end
        setProgress((prev) => (p.status !== 'running' && p.status !== 'ok' && prev?.runId === p.runId ? { ...p, done: prev.done, total: prev.total } : p));
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
      setProgress((p) => (p && p.runId === runId ? p : { runId, done: 0, total: 0, phase: null, status: 'running' }));
      reload();
    } catch (e) {
      notifications.show({ color: 'red', message: e instanceof ApiError ? e.message : String(e) });
    }
  };
  const stop = () => void call('forecast.cancel', {}).catch(() => undefined);

  const isRunning = progress?.status === 'running';
  const pct = !progress ? 0 : progress.status === 'ok' ? 100 : progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  const lastRun = status.data?.lastRun;
  // keyboard users keep their place: the run button turns into a spinner, Stop takes the focus; at the
  // end Stop goes away and « Lancer la prévision » has it back (unless the owner has gone elsewhere)
  const runRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(false);
  useEffect(() => {
    const a = document.activeElement;
    const lost = !a || a === document.body;
    if (isRunning && (lost || a.getAttribute('data-testid') === 'forecast-run')) stopRef.current?.focus();
    if (!isRunning && wasRunning.current && (lost || a === stopRef.current)) runRef.current?.focus();
    wasRunning.current = isRunning;
  }, [isRunning]);

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start">
        <div style={{ flex: 1 }}>
          {lastRun ? <LastRun run={lastRun} lastSuccess={status.data?.lastSuccess ?? null} /> : status.data && <Text c="dimmed">{t('forecast.never')}</Text>}
        </div>
        <Group>
          {isRunning && (
            <Button variant="default" onClick={stop} ref={stopRef} data-testid="forecast-stop">
              {t('forecast.stop')}
            </Button>
          )}
          <RoleGate need="forecast.run">
            <Button onClick={() => void start()} loading={isRunning} ref={runRef} data-testid="forecast-run">
              {t('forecast.run')}
            </Button>
          </RoleGate>
        </Group>
      </Group>
      {progress && (
        <Stack gap={4} mt="md">
          <Progress
            value={pct}
            color={STATUS_COLOR[progress.status]}
            animated={isRunning}
            striped={isRunning}
            size="lg"
            data-testid="forecast-progress"
            aria-label={t('forecast.progressLabel')}
          />
          <Text size="xs" c="dimmed" data-testid="forecast-progress-text">
            {isRunning
              ? progress.phase && progress.total > 0
                ? t(`forecast.phase.${progress.phase}` as MessageKey, { pct })
                : t('forecast.starting')
              : t(`forecast.finished.${progress.status}` as MessageKey)}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
