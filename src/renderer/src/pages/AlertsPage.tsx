import { Badge, Button, Checkbox, Chip, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
  const { reload } = alerts;
  useEffect(() => api.on('alerts.changed', () => reload()), [reload]);
  // messages are refreshed after each movement, once main has recomputed
  useEffect(() => api.on('replenishment.changed', () => reload()), [reload]);
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
  const act = useCallback(async (a: Alert, what: 'ack' | 'snooze') => {
    if (what === 'ack') await call('alerts.acknowledge', { id: a.id });
    else await call('alerts.snooze', { id: a.id, hours: 24 });
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
          onKeyDown={(e) => e.key === 'Escape' && setSearch('')}
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
        <Table striped verticalSpacing="xs" data-testid="alerts-table">
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
      <Table.Tr data-testid={`alert-${a.type}`} data-product={a.productName ?? ''} style={{ opacity: a.resolvedAt || a.acknowledgedAt || snoozed ? 0.6 : 1 }}>
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
