import { Button, CloseButton, Group, Paper, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, JournalMovementView, MovementJournal } from '../../../../shared/api/contract';
import { shortDate, shortTime } from '../../../../shared/domain/dates';
import { MOVEMENT_KINDS, type MovementKind } from '../../../../shared/domain/movement';
import { movementKindWords, movementLotWords, movementReasonWords, movementReferenceWords } from '../../../../shared/domain/movement-words';
import { plural } from '../../../../shared/domain/plural';
import { unitName } from '../../../../shared/domain/quantity';
import type { Locale } from '../../../../shared/domain/settings';
import { roleAtLeast } from '../../../../shared/domain/user';
import { api, ApiError, call } from '../../api/api';
import { errorShapeText } from '../../api/error-text';
import { useShop } from '../../app/shop';
import { ProductPicker } from '../../components/ProductPicker';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatQuantity } from './fields';
import { LotTraceModal } from './LotTraceModal';

/** What the « Afficher » list offers, and the kinds each asks for. Losses, adjustments and count corrections first: the ones to watch. */
const FILTERS = {
  watch: ['loss', 'adjustment', 'count'],
  all: [...MOVEMENT_KINDS],
  loss: ['loss'],
  adjustment: ['adjustment'],
  count: ['count'],
  sale: ['sale'],
  receipt: ['receipt'],
  returns: ['customer_return', 'supplier_return'],
} as const satisfies Record<string, readonly MovementKind[]>;
type Filter = keyof typeof FILTERS;

const PERIODS = { today: 1, week: 7, month: 30, range: null } as const;
type Period = keyof typeof PERIODS;

const PAGE = 50;
/** The open end of the days main reads when no last day is given. */
const NO_END = '9999-12-31';

export const KIND_COLOR: Record<MovementKind, string> = {
  loss: 'red',
  adjustment: 'orange',
  count: 'grape',
  sale: 'blue',
  receipt: 'teal',
  customer_return: 'gray',
  supplier_return: 'gray',
};

/** Units a shop counts (pieces, boxes, packs) take a plural; kg, l, m do not. */
export function unitWords(unit: string, qty: number, locale: Locale): string {
  const name = unitName(unit, locale);
  if (!['piece', 'box', 'pack'].includes(unit) || plural(Math.abs(qty), locale, 'one', 'other') === 'one') return name;
  return locale === 'en' && unit === 'box' ? 'boxes' : `${name}s`;
}

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : text);

/**
 * The Stock page's movements tab (F7): what left or came into the stock, newest first, with who and
 * why. By default the losses, adjustments and count corrections of the last 30 days, the movements an
 * owner must watch (a loss recorded at the till, a count's gain), with their total at cost. A cashier
 * sees the movements she recorded herself, without costs (main decides both).
 */
export function MovementsPanel(props: { active: boolean }) {
  const { t, locale } = useI18n();
  const { money, user } = useShop();
  // a recall's trace names every ticket and what is left: a manager's or the owner's (main says so too)
  const manager = user !== null && roleAtLeast(user.role, 'manager');
  const [tracing, setTracing] = useState(false);
  const traceButton = useRef<HTMLButtonElement>(null);
  const closeTrace = () => {
    setTracing(false);
    // the modal is gone, not just hidden: the cursor goes back to the button that opened it
    setTimeout(() => traceButton.current?.focus(), 0);
  };
  const [filter, setFilter] = useState<Filter>('watch');
  const [period, setPeriod] = useState<Period>('month');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [productId, setProductId] = useState<number | null>(null);
  const [data, setData] = useState<MovementJournal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  /** Bumped by every new question: an answer to an older one is dropped. */
  const asked = useRef(0);

  const reversed = period === 'range' && from !== '' && to !== '' && from > to;
  const days = PERIODS[period];
  const input: InputOf<'ledger.journal'> = {
    kinds: [...FILTERS[filter]],
    ...(productId !== null ? { productId } : {}),
    ...(days !== null ? { lastDays: days } : { ...(from ? { from } : {}), ...(to ? { to } : {}) }),
    limit: PAGE,
  };
  const key = JSON.stringify(input);

  const fail = useCallback((e: unknown) => setError(e instanceof ApiError ? errorShapeText(e.error, t, locale) : String(e)), [t, locale]);

  const load = useCallback(() => {
    if (reversed) return;
    const n = ++asked.current;
    setLoading(true);
    call('ledger.journal', JSON.parse(key) as InputOf<'ledger.journal'>)
      .then((j) => {
        if (n !== asked.current) return;
        setData(j);
        setError(null);
      })
      .catch((e: unknown) => n === asked.current && fail(e))
      .finally(() => n === asked.current && setLoading(false));
  }, [key, reversed, fail]);

  const more = () => {
    if (!data || data.next === null) return;
    const n = asked.current;
    setLoading(true);
    call('ledger.journal', { ...(JSON.parse(key) as InputOf<'ledger.journal'>), before: data.next })
      .then((j) => {
        if (n === asked.current) setData((d) => (d ? { ...j, items: [...d.items, ...j.items] } : j));
      })
      .catch((e: unknown) => n === asked.current && fail(e))
      .finally(() => n === asked.current && setLoading(false));
  };

  useEffect(() => {
    if (props.active) load();
  }, [props.active, load]);
  // a loss recorded in F4, a sale at the till: the list follows while it is shown
  const activeRef = useRef(props.active);
  activeRef.current = props.active;
  useEffect(() => api.on('stock.changed', () => activeRef.current && load()), [load]);
  // F7 puts the cursor on « Afficher », the first filter
  useEffect(() => {
    if (props.active) first.current?.focus();
  }, [props.active]);

  const showCosts = data !== null && !data.ownOnly;
  const day = (d: string) => shortDate(d, locale);
  const periodText = (j: MovementJournal) => {
    const open = { from: j.from === '', to: j.to === NO_END };
    if (open.from && open.to) return t('moves.always');
    if (open.from) return t('moves.until', { to: day(j.to) });
    if (open.to) return t('moves.since', { from: day(j.from) });
    return j.from === j.to ? t('moves.oneDay', { day: day(j.from) }) : t('moves.days', { from: day(j.from), to: day(j.to) });
  };
  const countText = (n: number) => t(plural(n, locale, 'moves.movementCount.one', 'moves.movementCount.other') as MessageKey, { n });
  const totals = data?.totals ?? [];
  const totalValue = totals.reduce((sum, x) => sum + (x.valueMinor ?? 0), 0);
  const totalCount = totals.reduce((sum, x) => sum + x.count, 0);

  return (
    <div data-testid="movements-panel">
      <Group align="end" gap="sm" wrap="nowrap" mb="xs">
        <Select
          ref={first}
          label={t('moves.show')}
          data={(Object.keys(FILTERS) as Filter[]).map((f) => ({ value: f, label: t(`moves.filter.${f}` as MessageKey) }))}
          value={filter}
          onChange={(v) => setFilter((v ?? 'watch') as Filter)}
          allowDeselect={false}
          w={290}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="moves-period-label">
            {t('moves.period')}
          </Text>
          <SegmentedControl
            aria-labelledby="moves-period-label"
            value={period}
            onChange={(v) => setPeriod(v as Period)}
            data={(Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: t(`moves.period.${p}` as MessageKey) }))}
          />
        </div>
        {period === 'range' && (
          <>
            <TextInput type="date" label={t('moves.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={reversed ? t('moves.reversed') : undefined} w={150} />
            <TextInput type="date" label={t('moves.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} w={150} />
          </>
        )}
        <Group gap={4} align="end" wrap="nowrap" style={{ flex: 1, minWidth: 220 }}>
          <div style={{ flex: 1 }}>
            <ProductPicker label={t('moves.product')} value={productId} onChange={setProductId} />
          </div>
          {productId !== null && <CloseButton mb={6} aria-label={t('moves.allProducts')} title={t('moves.allProducts')} onClick={() => setProductId(null)} />}
        </Group>
      </Group>

      {/* the filters take the whole first row: the lot's trace is beside the help line, not squeezing them */}
      <Group justify="space-between" align="center" wrap="nowrap" gap="sm">
        <Text size="sm" c="dimmed">
          {filter === 'watch' && t('moves.watchHelp')}
        </Text>
        {manager && (
          <Button ref={traceButton} variant="light" size="xs" onClick={() => setTracing(true)} title={t('lotTrace.openHint')} style={{ flexShrink: 0 }} data-testid="lot-trace-open">
            {t('lotTrace.open')}
          </Button>
        )}
      </Group>
      {tracing && <LotTraceModal onClose={closeTrace} />}
      {data?.ownOnly && (
        <Text size="sm" c="dimmed" data-testid="moves-own-only">
          {t('moves.ownOnly')}
        </Text>
      )}
      {error && (
        <Text c="red" mt="xs" role="alert">
          {error}
        </Text>
      )}

      {data && totals.length > 0 && (
        <Paper withBorder p="xs" mt="xs" data-testid="moves-totals">
          <Text fw={600} size="sm" c="dimmed">
            {t('moves.totals')} ({periodText(data)})
          </Text>
          <Group gap="xl" wrap="wrap" style={{ rowGap: 4 }}>
            {totals.map((x) => (
              <Text key={x.kind} data-testid={`moves-total-${x.kind}`} c={x.count ? undefined : 'dimmed'}>
                <Text span fw={600} c={x.count ? KIND_COLOR[x.kind] : undefined}>
                  {t(`moves.total.${x.kind}` as MessageKey)}
                </Text>
                {locale === 'fr' ? ' : ' : ': '}
                {countText(x.count)}
                {showCosts && x.valueMinor !== null && x.count > 0 && ` · ${signed(x.valueMinor, money(x.valueMinor))}`}
              </Text>
            ))}
            {showCosts && totals.length > 1 && (
              <Text fw={600} data-testid="moves-total-all">
                {t('moves.totalAll', { count: countText(totalCount), value: signed(totalValue, money(totalValue)) })}
              </Text>
            )}
          </Group>
        </Paper>
      )}

      <Table striped highlightOnHover mt="xs" data-testid="moves-table" verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('moves.col.when')}</Table.Th>
            <Table.Th>{t('moves.col.product')}</Table.Th>
            <Table.Th>{t('moves.col.kind')}</Table.Th>
            <Table.Th ta="right">{t('moves.col.quantity')}</Table.Th>
            {showCosts && (
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                {t('moves.col.value')}
              </Table.Th>
            )}
            <Table.Th>{t('moves.col.reason')}</Table.Th>
            <Table.Th>{t('moves.col.reference')}</Table.Th>
            <Table.Th>{t('moves.col.user')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((m) => (
            <MovementRow key={m.id} m={m} locale={locale} showCosts={showCosts} money={money} />
          ))}
        </Table.Tbody>
      </Table>
      {data && data.items.length === 0 && (
        <Text c="dimmed" ta="center" my="md" data-testid="moves-empty">
          {t('moves.empty')}
        </Text>
      )}
      {data && data.items.length > 0 && (
        <Group justify="space-between" mt="xs">
          <Text size="sm" c="dimmed">
            {t('moves.shown', { n: data.items.length })}
          </Text>
          {data.next !== null && (
            <Button variant="light" onClick={more} loading={loading}>
              {t('moves.more')}
            </Button>
          )}
        </Group>
      )}
    </div>
  );
}

function MovementRow(props: { m: JournalMovementView; locale: Locale; showCosts: boolean; money: (minor: number) => string }) {
  const { m, locale } = props;
  const time = shortTime(m.occurredAt, locale);
  const watched = m.kind === 'loss' || m.kind === 'adjustment' || m.kind === 'count';
  return (
    <Table.Tr data-testid="move-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {shortDate(m.occurredAt, locale)}{' '}
        <Text span c="dimmed" size="sm">
          {time}
        </Text>
      </Table.Td>
      <Table.Td>
        {m.name}{' '}
        <Text span c="dimmed" size="xs">
          {m.sku}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text span size="sm" fw={600} c={`${KIND_COLOR[m.kind]}.8`} style={{ whiteSpace: 'nowrap' }}>
          {movementKindWords(m.kind, locale)}
        </Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={watched ? 600 : undefined} c={watched && m.quantity < 0 ? 'red.8' : undefined} data-testid="move-quantity">
        {signed(m.quantity, formatQuantity(m.quantity, locale))} {unitWords(m.unit, m.quantity, locale)}
      </Table.Td>
      {props.showCosts && (
        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="move-value">
          {m.valueMinor === null ? '' : signed(m.valueMinor, props.money(m.valueMinor))}
        </Table.Td>
      )}
      <Table.Td data-testid="move-reason">
        {movementReasonWords(m.kind, m.reason, locale)}
        {(m.lot || m.expiry) && (
          <Text size="xs" c="dimmed" data-testid="move-lot">
            {movementLotWords(m.lot, m.expiry, locale)}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-testid="move-reference" style={{ whiteSpace: 'nowrap' }}>
        {movementReferenceWords(m.reference, locale)}
      </Table.Td>
      <Table.Td data-testid="move-user">{m.userName || '—'}</Table.Td>
    </Table.Tr>
  );
}
