import { Badge, Button, Checkbox, Chip, Group, Kbd, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { ALERT_GROUPS, type Alert, type AlertGroup } from '../../../shared/api/contract';
import { api, call } from '../api/api';
import { useQuery } from '../api/hooks';
import { clearTarget, useTarget } from '../app/nav';
import { useAllowed } from '../components/RoleGate';
import { AlertAction } from '../features/alerts/AlertAction';
import { WriteOffLotModal } from '../features/alerts/WriteOffLotModal';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const COLORS = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** Alerts shown at once, and added by « Voir plus »: a 4 000-product shop may have several hundred open, and a hundred rows draw in well under a second. */
const PAGE = 100;

export function AlertsPage() {
  const { t, locale } = useI18n();
  const target = useTarget('alerts');
  const [group, setGroup] = useState<AlertGroup | null>(target.group ?? null);
  const [includeResolved, setIncludeResolved] = useState(false);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 150);
  const searchRef = useRef<HTMLInputElement>(null);
  // how many are shown, for this filter: another group or search starts again from the first PAGE
  const filter = JSON.stringify([group, includeResolved, debounced]);
  const [more, setMore] = useState({ filter, limit: PAGE });
  const limit = more.filter === filter ? more.limit : PAGE;
  const [writingOff, setWritingOff] = useState<Alert | null>(null);
  // silencing an alert is a manager's call: a cashier sees who did it, not the buttons
  const allowed = useAllowed();
  const canAck = allowed('alerts.acknowledge');
  const canSnooze = allowed('alerts.snooze');
  const alerts = useQuery('alerts.page', { includeResolved, group, search: debounced, offset: 0, limit }, []);
  const { reload, reloadSoon } = alerts;
  useEffect(() => api.on('alerts.changed', () => reloadSoon()), [reloadSoon]);
  // messages are refreshed after each movement, once main has recomputed
  useEffect(() => api.on('replenishment.changed', () => reloadSoon()), [reloadSoon]);
  // « / » searches from anywhere on the page but a field being typed in (the groups are radio buttons: from there too)
  // (Shift+: types it on a French keyboard, hence both)
  const toSearch = (e: KeyboardEvent) => {
    const el = e.target;
    if ((el instanceof HTMLInputElement && el.type !== 'radio' && el.type !== 'checkbox') || el instanceof HTMLTextAreaElement) return;
    e.preventDefault();
    searchRef.current?.focus();
  };
  useHotkeys(
    [
      ['/', toSearch, { preventDefault: false }],
      ['shift+/', toSearch, { preventDefault: false }],
    ],
    [],
  );
  const n = (x: number) => x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');
  // stable, so that the rows already shown are not drawn again (a page of 200 takes a while)
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  // After « J'ai vu » or « Plus tard » the row's button is gone: the focus goes on to the next alert's
  // first button once the list is read again (keyboard review M3). `after` is the list as it was.
  const tableRef = useRef<HTMLTableElement>(null);
  const refocus = useRef<{ id: number; after: number[] } | null>(null);
  const shownIds = useRef<number[]>([]);
  const act = useCallback(async (a: Alert, what: 'ack' | 'snooze') => {
    refocus.current = { id: a.id, after: shownIds.current };
    try {
      if (what === 'ack') await call('alerts.acknowledge', { id: a.id });
      else await call('alerts.snooze', { id: a.id, hours: 24 });
    } catch (error) {
      refocus.current = null;
      throw error;
    }
    reloadRef.current();
  }, []);
  const choose = (value: string) => {
    setGroup(value === 'all' ? null : (value as AlertGroup));
    // the page now shows what the owner chose, not what it was opened on
    clearTarget('alerts');
  };
  const data = alerts.data;
  // what is snoozed is judged when the list came
  const now = useMemo(() => (data ? new Date().toISOString() : ''), [data]);
  const items = data?.items ?? [];
  const all = data ? ALERT_GROUPS.reduce((sum, g) => sum + data.groups[g], 0) : 0;
  const filtered = group !== null || debounced !== '';
  shownIds.current = items.map((a) => a.id);
  useEffect(() => {
    const was = refocus.current;
    if (!was || !data) return;
    refocus.current = null;
    const at = was.after.indexOf(was.id);
    // the next ones as they were listed, then the ones before, nearest first; else the search
    const order = [...was.after.slice(at + 1), ...was.after.slice(0, Math.max(at, 0)).reverse()];
    const target = order.map((id) => firstButton(tableRef.current, id)).find((b) => b !== null);
    (target ?? searchRef.current)?.focus();
  }, [data]);
  // ↑ ↓ go from one alert's buttons to the previous or next alert's (keyboard review L9); from the
  // search, ↓ goes to the first alert
  const moveBetweenAlerts = (e: ReactKeyboardEvent) => {
    if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-alert-id]');
    if (!row || !(e.target instanceof HTMLButtonElement)) return;
    e.preventDefault();
    const rows = [...(tableRef.current?.querySelectorAll<HTMLElement>('tr[data-alert-id]') ?? [])];
    const step = e.key === 'ArrowDown' ? 1 : -1;
    for (let i = rows.indexOf(row) + step; i >= 0 && i < rows.length; i += step) {
      const button = rows[i].querySelector<HTMLButtonElement>('button:not(:disabled)');
      if (button) return button.focus();
    }
    if (step < 0) searchRef.current?.focus();
  };
  const fromSearch = (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') setSearch('');
    if (e.key !== 'ArrowDown') return;
    const button = tableRef.current?.querySelector<HTMLButtonElement>('tr[data-alert-id] button:not(:disabled)');
    if (!button) return;
    e.preventDefault();
    button.focus();
  };
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>{t('alerts.title')}</Title>
        <Checkbox label={t('alerts.showResolved')} checked={includeResolved} onChange={(e) => setIncludeResolved(e.currentTarget.checked)} />
      </Group>
      {/* one radio per group (arrows move between them, as in any radio group), wrapping on a narrow screen */}
      <Chip.Group multiple={false} value={group ?? 'all'} onChange={choose}>
        <Group gap={6} mb="sm" role="radiogroup" aria-label={t('alerts.groups')} data-testid="alerts-groups">
          {(['all', ...ALERT_GROUPS] as const).map((g) => {
            const count = data ? (g === 'all' ? all : data.groups[g]) : null;
            return (
              <Chip key={g} value={g} name="alert-group" variant="outline" data-testid={`alerts-group-${g}`}>
                <Group gap={6} wrap="nowrap" component="span">
                  <span>{t(`alerts.group.${g}` as MessageKey)}</span>
                  {count !== null && (
                    <Badge component="span" size="sm" variant={count ? 'filled' : 'light'} color="gray" tt="none" miw={24}>
                      {n(count)}
                    </Badge>
                  )}
                </Group>
              </Chip>
            );
          })}
        </Group>
      </Chip.Group>
      <Group mb="sm" justify="space-between">
        <TextInput
          ref={searchRef}
          w={360}
          placeholder={t('alerts.search')}
          aria-label={t('alerts.searchLabel')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={fromSearch}
          data-testid="alerts-search"
          autoFocus
        />
        {data && data.total > 0 && (
          <Text size="sm" c="dimmed" data-testid="alerts-count">
            {items.length < data.total ? t('alerts.shown', { shown: n(items.length), total: n(data.total) }) : data.total === 1 ? t('alerts.count.one') : t('alerts.count.many', { n: n(data.total) })}
          </Text>
        )}
      </Group>
      {data && data.total === 0 && (
        <Text c="dimmed" data-testid={filtered ? 'alerts-none-match' : 'alerts-empty'}>
          {filtered ? t('alerts.noneMatch') : t('alerts.none')}
        </Text>
      )}
      {items.length > 0 && (
        <Text size="xs" c="dimmed" mb={6} data-testid="alerts-keys">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('alerts.keys.move')} · <Kbd size="xs">Tab</Kbd> {t('alerts.keys.buttons')} · <Kbd size="xs">{t('key.enter')}</Kbd> {t('alerts.keys.do')} ·{' '}
          <Kbd size="xs">/</Kbd> {t('alerts.keys.search')}
        </Text>
      )}
      {items.length > 0 && (
        <Table striped verticalSpacing="xs" data-testid="alerts-table" ref={tableRef} onKeyDown={moveBetweenAlerts}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={{ base: 140, lg: 170 }}>{t('alerts.type')}</Table.Th>
              <Table.Th>{t('alerts.message')}</Table.Th>
              <Table.Th w={{ base: 96, lg: 130 }}>{t('alerts.since')}</Table.Th>
              {/* the buttons side by side on a wide screen, one under the other on a narrow one */}
              <Table.Th w={{ base: 190, lg: 380 }} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <AlertRow key={a.id} alert={a} now={now} canAck={canAck} canSnooze={canSnooze} onAct={act} onWriteOff={setWritingOff} />
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && items.length < data.total && (
        <Group justify="center" mt="md">
          <Button variant="light" onClick={() => setMore({ filter, limit: limit + PAGE })} loading={alerts.loading} data-testid="alerts-more">
            {t('alerts.more', { n: n(Math.min(PAGE, data.total - items.length)) })}
          </Button>
        </Group>
      )}
      {writingOff?.lot && writingOff.productId !== null && (
        <WriteOffLotModal
          alert={{ ...writingOff, productId: writingOff.productId, lot: writingOff.lot }}
          onClose={() => {
            setWritingOff(null);
            reload();
          }}
        />
      )}
    </>
  );
}

/** The first button of an alert's row, if it is listed and has one. */
function firstButton(table: HTMLTableElement | null, id: number): HTMLButtonElement | null {
  return table?.querySelector<HTMLButtonElement>(`tr[data-alert-id="${id}"] button:not(:disabled)`) ?? null;
}

/** Two versions of an alert that show the same row: a reload after each sale draws again only what changed. */
const sameRow = (a: Alert, b: Alert) =>
  a.id === b.id &&
  a.message === b.message &&
  a.severity === b.severity &&
  a.type === b.type &&
  a.productId === b.productId &&
  a.productName === b.productName &&
  a.firstSeen === b.firstSeen &&
  a.resolvedAt === b.resolvedAt &&
  a.acknowledgedAt === b.acknowledgedAt &&
  a.acknowledgedBy?.name === b.acknowledgedBy?.name &&
  a.snoozedUntil === b.snoozedUntil &&
  a.snoozedAt === b.snoozedAt &&
  a.snoozedBy?.name === b.snoozedBy?.name &&
  a.lot?.lot === b.lot?.lot &&
  a.lot?.expiry === b.lot?.expiry &&
  a.order?.id === b.order?.id &&
  a.order?.status === b.order?.status;

interface RowProps {
  alert: Alert;
  now: string;
  /** The user may mark it seen / snooze it (a manager or the owner). */
  canAck: boolean;
  canSnooze: boolean;
  onAct: (a: Alert, what: 'ack' | 'snooze') => Promise<void>;
  onWriteOff: (a: Alert) => void;
}

/** One alert: its type, what it says, since when, and what to do about it. */
const AlertRow = memo(
  function AlertRow({ alert: a, now, canAck, canSnooze, onAct, onWriteOff }: RowProps) {
    const { t, locale } = useI18n();
    const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
    const when = (iso: string) => new Date(iso).toLocaleString(tag, { dateStyle: 'short', timeStyle: 'short' });
    // « 21/11 à 14:02 »: the year only when it is not this one
    const dayAt = (iso: string) => {
      const d = new Date(iso);
      const year = d.getFullYear() === new Date(now || Date.now()).getFullYear() ? undefined : 'numeric';
      return t('alerts.dayAt', { day: d.toLocaleDateString(tag, { day: '2-digit', month: '2-digit', year }), time: d.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit' }) });
    };
    const snoozed = a.snoozedUntil && a.snoozedUntil > now;
    return (
      <Table.Tr data-testid={`alert-${a.type}`} data-alert-id={a.id} data-product={a.productName ?? ''} style={{ opacity: a.resolvedAt || a.acknowledgedAt || snoozed ? 0.6 : 1 }}>
        <Table.Td>
          <Badge color={COLORS[a.severity]} variant={a.severity === 'critical' ? 'filled' : 'light'} title={t(`alerts.severity.${a.severity}` as MessageKey)} style={{ minWidth: 'max-content' }}>
            {t(`alerts.type.${a.type}` as MessageKey)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{a.message}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="xs">{when(a.firstSeen)}</Text>
        </Table.Td>
        <Table.Td>
          {a.resolvedAt ? (
            <Text size="xs" c="dimmed">
              {t('alerts.resolved', { d: when(a.resolvedAt) })}
            </Text>
          ) : (
            <Group gap={6} justify="flex-end">
              <AlertAction alert={a} />
              {a.lot && a.productId !== null && (
                <Button size="compact-xs" color="red" variant="light" onClick={() => onWriteOff(a)} data-testid="alert-write-off">
                  {t('alerts.writeOff')}
                </Button>
              )}
              {a.acknowledgedAt ? (
                <Text size="xs" c="dimmed" data-testid="alert-seen">
                  {a.acknowledgedBy ? t('alerts.seenBy', { name: a.acknowledgedBy.name, when: dayAt(a.acknowledgedAt) }) : t('alerts.seenAt', { when: dayAt(a.acknowledgedAt) })}
                </Text>
              ) : (
                canAck && (
                  <Button size="compact-xs" variant="light" onClick={() => void onAct(a, 'ack')} data-testid="alert-ack">
                    {t('alerts.acknowledge')}
                  </Button>
                )
              )}
              {snoozed ? (
                <Text size="xs" c="dimmed" data-testid="alert-snoozed">
                  {a.snoozedBy && a.snoozedAt
                    ? t('alerts.snoozedBy', { name: a.snoozedBy.name, when: dayAt(a.snoozedAt), until: dayAt(a.snoozedUntil!) })
                    : t('alerts.snoozedUntil', { d: when(a.snoozedUntil!) })}
                </Text>
              ) : (
                canSnooze && (
                  <Button size="compact-xs" variant="subtle" onClick={() => void onAct(a, 'snooze')} data-testid="alert-snooze">
                    {t('alerts.snooze')}
                  </Button>
                )
              )}
            </Group>
          )}
        </Table.Td>
      </Table.Tr>
    );
  },
  // a snoozed alert whose time has come shows its buttons again: `now` counts only for a snoozed one
  (p, n) =>
    sameRow(p.alert, n.alert) &&
    p.canAck === n.canAck &&
    p.canSnooze === n.canSnooze &&
    p.onAct === n.onAct &&
    p.onWriteOff === n.onWriteOff &&
    (p.now === n.now || !p.alert.snoozedUntil),
);
