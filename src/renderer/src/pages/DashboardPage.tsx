import { Alert, Button, Grid, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { DASHBOARD_PERIODS, type DashboardPeriod } from '../../../shared/api/contract';
import { api } from '../api/api';
import { useQuery } from '../api/hooks';
import { focusOnArrival } from '../app/focus';
import { BackupWarning } from '../features/backup/BackupWarning';
import { useAllowed } from '../components/RoleGate';
import { go } from '../features/dashboard/go';
import { Kpis } from '../features/dashboard/Kpis';
import { LastForecast } from '../features/dashboard/LastForecast';
import { SalesPanel } from '../features/dashboard/SalesPanel';
import { StockHealth } from '../features/dashboard/StockHealth';
import { TopProducts } from '../features/dashboard/TopProducts';
import { longDate } from '../features/journal/words';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const PERIOD_KEY = 'shelfcast.dashboard.period';
const isPeriod = (v: string | null): v is DashboardPeriod => (DASHBOARD_PERIODS as readonly (string | null)[]).includes(v);

/** The morning view: the period's sales, stock health, best sellers and the last forecast. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<DashboardPeriod>(() => {
    const saved = localStorage.getItem(PERIOD_KEY);
    return isPeriod(saved) ? saved : '7d';
  });
  const summary = useQuery('dashboard.summary', { period }, [period]);
  const seesBackups = useAllowed()('backup.status');
  const { data, error, reloadSoon } = summary;
  // sales reload it through stock.changed (useQuery); alerts and forecasts change on their own. A sale
  // sends all three a few ms apart: reloadSoon makes them one summary, not three (each one 0.2-0.6 s of
  // the core's thread at 4 000 products, the till's thread too)
  useEffect(() => api.on('alerts.changed', () => reloadSoon()), [reloadSoon]);
  useEffect(() => api.on('replenishment.changed', () => reloadSoon()), [reloadSoon]);
  useEffect(() => api.on('forecast.progress', (p) => p.status !== 'running' && reloadSoon()), [reloadSoon]);
  // on arrival the period has the focus: ← → change it at once
  const periodRef = useRef<HTMLDivElement>(null);
  useEffect(() => void focusOnArrival(periodRef.current?.querySelector<HTMLInputElement>('input:checked')), []);
  const choose = (value: string) => {
    if (!isPeriod(value)) return;
    localStorage.setItem(PERIOD_KEY, value);
    setPeriod(value);
  };

  return (
    <Stack gap="sm" data-testid="dashboard">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <div>
          <Title order={2}>{t('dashboard.title')}</Title>
          {data && (
            <Text c="dimmed" size="sm" data-testid="dashboard-date">
              {longDate(data.today, locale)}
            </Text>
          )}
        </div>
        <SegmentedControl
          ref={periodRef}
          value={period}
          onChange={choose}
          aria-label={t('dashboard.period')}
          data-testid="dashboard-period"
          data={DASHBOARD_PERIODS.map((p) => ({ value: p, label: t(`dashboard.period.${p}` as MessageKey) }))}
        />
      </Group>
      {error && (
        <Alert color="red" data-testid="dashboard-error">
          {t('dashboard.error', { message: error.message })}
        </Alert>
      )}
      {seesBackups && <BackupWarning />}
      {!data && !error && <Loader size="sm" />}
      {data && !data.hasSales && (
        <Alert color="teal" title={t('dashboard.empty.title')} data-testid="dashboard-empty">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">{t('dashboard.empty.body')}</Text>
            <Button size="xs" variant="white" onClick={() => go('sell')}>
              {t('dashboard.empty.sell')}
            </Button>
          </Group>
        </Alert>
      )}
      {data && (
        <>
          <Kpis data={data} />
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
              <SalesPanel data={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
              <StockHealth data={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
              <TopProducts data={data} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
              <LastForecast run={data.lastRun} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}
