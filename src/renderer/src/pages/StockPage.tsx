import { Badge, Button, Grid, Group, Kbd, Paper, SegmentedControl, Select, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MovementKind } from '../../../shared/domain/movement';
import { currencyDecimals, parseMoney, type CurrencyCode } from '../../../shared/domain/money';
import { unitName } from '../../../shared/domain/quantity';
import { call } from '../api/api';
import { useQuery } from '../api/hooks';
import { clearTarget, useTarget } from '../app/nav';
import { useShop } from '../app/shop';
import { handleFailure, type FieldErrors } from '../components/forms';
import { useAllowed } from '../components/RoleGate';
import { ProductPicker } from '../components/ProductPicker';
import { focusFirstNew, ShowMore } from '../components/ShowMore';
import { CountsPanel } from '../features/counts/CountsPanel';
import { focusIsLost, focusOnArrival } from '../app/focus';
import { ScanBurst } from '../features/sell/scanBurst';
import { MovementsPanel } from '../features/stock/MovementsPanel';
import { ReceiveForm } from '../features/stock/ReceiveForm';
import { formatQuantity, readQuantity } from '../features/stock/fields';
import { NegativeStockNote } from '../features/stock/NegativeStockNote';
import { WriteOffForm } from '../features/stock/WriteOffForm';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { foldForSearch } from '../../../shared/domain/search';
import { quantity } from '../features/dashboard/format';

/**
 * The other movements, one line at a time. Losses and adjustments have their own form (their reason is
 * required) and count corrections come from a count, so they are not offered here.
 */
const OTHER_KINDS: MovementKind[] = ['receipt', 'sale', 'customer_return', 'supplier_return'];

function MovementForm() {
  const { t } = useI18n();
  const { settings } = useShop();
  const currency = settings.currency as CurrencyCode;
  const [productId, setProductId] = useState<number | null>(null);
  const [kind, setKind] = useState<MovementKind>('receipt');
  const [quantity, setQuantity] = useState('');
  const [unitCost, setUnitCost] = useState('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = async () => {
    const read = readQuantity(quantity, settings.locale);
    const qty = read.ok ? read.value : NaN;
    const local: FieldErrors = {};
    if (!productId) local['lines.0.productId'] = t('err.required');
    if (!read.ok) local['lines.0.quantity'] = t(read.error);
    const cost = unitCost.trim() ? parseMoney(unitCost, currency) : undefined;
    if (cost === null) local['lines.0.unitCostMinor'] = `${t('stock.unitCost')} ?`;
    if (Object.keys(local).length) return setErrors(local);
    try {
      const outcome = await call('ledger.record', {
        lines: [{ productId: productId as number, kind, quantity: qty, unitCostMinor: cost ?? undefined, reason }],
        reference,
      });
      setErrors({});
      setQuantity('');
      setUnitCost('');
      setReason('');
      notifications.show({ color: 'green', message: t('stock.recorded') });
      for (const w of outcome.warnings) notifications.show({ color: 'orange', message: t('stock.negativeWarning', { n: formatQuantity(w.onHand, settings.locale) }) });
    } catch (error) {
      setErrors(handleFailure(error, t, ['lines.0.productId', 'lines.0.quantity', 'lines.0.unitCostMinor', 'lines.0.reason']));
    }
  };

  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('stock.record')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('stock.otherHint')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ProductPicker label={t('stock.product')} value={productId} onChange={setProductId} error={errors['lines.0.productId']} />
        <Select
          mt="xs"
          label={t('stock.kind')}
          name="kind"
          data={OTHER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}` as MessageKey) }))}
          value={kind}
          onChange={(k) => setKind((k ?? 'receipt') as MovementKind)}
          allowDeselect={false}
        />
        <Group grow mt="xs">
          <TextInput label={t('stock.quantity')} name="quantity" value={quantity} onChange={(e) => setQuantity(e.currentTarget.value)} error={errors['lines.0.quantity']} inputMode="decimal" />
          {kind === 'receipt' && (
            <TextInput
              label={t('stock.unitCost')}
              name="unitCost"
              value={unitCost}
              onChange={(e) => setUnitCost(e.currentTarget.value)}
              error={errors['lines.0.unitCostMinor']}
              placeholder={currencyDecimals(currency) ? '0.00' : '0'}
            />
          )}
        </Group>
        <TextInput mt="xs" label={t('stock.reason')} name="reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors['lines.0.reason']} />
        <TextInput mt="xs" label={t('stock.reference')} name="reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} />
        <Button type="submit" mt="md" fullWidth>
          {t('stock.submit')}
        </Button>
      </form>
    </Paper>
  );
}

const TABS = [
  ['levels', 'F2'],
  ['receive', 'F3'],
  ['writeOff', 'F4'],
  ['count', 'F6'],
  ['movements', 'F7'],
] as const;
type Tab = (typeof TABS)[number][0];

/** A field a scanner's keys would be typed into (not a button, a box to tick or a choice). */
const typedInto = (el: EventTarget | null) =>
  el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['radio', 'checkbox', 'button', 'submit'].includes(el.type));

/**
 * The search of the stock list (keyboard review L8): by name or SKU as typed, by barcode too (main
 * knows the barcodes). A scan on the tab fills it, replacing what was there, unless it was scanned into
 * another field (the movement form's product). `matches` is null while nothing is searched.
 */
function useStockSearch(active: boolean) {
  const [search, setSearch] = useState('');
  const boxRef = useRef<HTMLInputElement>(null);
  const query = search.trim();
  const [debounced] = useDebouncedValue(query, 150);
  const found = useQuery('products.list', { search: debounced, limit: 1000, includeInactive: true, withTotal: false }, [], debounced !== '');
  const byServer = useMemo(() => (found.data ? new Set(found.data.items.map((p) => p.id)) : null), [found.data]);
  // main's answer to the text now in the box: until it comes, « nothing matches » is not said
  const answered = query === '' || (debounced === query && byServer !== null && !found.loading);
  useEffect(() => {
    if (!active) return;
    const burst = new ScanBurst();
    const onKey = (e: KeyboardEvent) => {
      const code = burst.key(e.key, e.timeStamp > 0 ? e.timeStamp : performance.now(), e.ctrlKey || e.altKey || e.metaKey);
      if (code === null || (e.target !== boxRef.current && typedInto(e.target))) return;
      e.preventDefault();
      setSearch(code);
      boxRef.current?.focus();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active]);
  const matches = useMemo(() => {
    if (query === '') return null;
    const q = foldForSearch(query);
    return (l: { productId: number; name: string; sku: string }) => foldForSearch(l.name).includes(q) || foldForSearch(l.sku).includes(q) || (debounced === query && byServer?.has(l.productId) === true);
  }, [query, debounced, byServer]);
  return { search, setSearch, boxRef, matches, answered };
}

/** Rows drawn at first and at each « more »: 4 000 rows drawn at once stalled the page for seconds. */
const PAGE = 200;

/**
 * The stock of every product, or (`onlyOut`, the dashboard's « En rupture ») only those at 0 or below:
 * the ones that sell first, with what they sell a day, as the dashboard counts them. The search above
 * the list has the cursor when the tab opens.
 */
function StockLevels({ onlyOut, setOnlyOut, active }: { onlyOut: boolean; setOnlyOut: (on: boolean) => void; active: boolean }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const stock = useQuery('stock.onHand', {});
  const find = useStockSearch(active);
  useEffect(() => {
    if (active) focusOnArrival(find.boxRef.current);
  }, [active]);
  const allowed = useAllowed();
  // a cashier gets no values from main (costs are the owner's business): the column is not shown
  // no total before the lines have come: « 0 FCFA » would flash first
  const showValue = stock.data !== null && stock.data.every((l) => l.valueMinor !== null);
  const total = (stock.data ?? []).reduce((sum, l) => sum + (l.valueMinor ?? 0), 0);
  const out = useMemo(() => (stock.data ?? []).filter((l) => l.onHand <= 0), [stock.data]);
  // what the empty ones sell a day (the suggestions' mean): those that sell are the real stockouts
  const outIds = useMemo(() => out.slice(0, 1000).map((l) => l.productId), [out]);
  const sales = useQuery('replenishment.list', { productIds: outIds }, [], onlyOut && outIds.length > 0);
  const perDay = useMemo(() => new Map((sales.data ?? []).map((r) => [r.productId, r.dailyMean])), [sales.data]);
  // filtered, the rows wait for what they sell a day, so that they do not move once it comes
  const waiting = onlyOut && outIds.length > 0 && sales.data === null;
  const listed = useMemo(
    () =>
      waiting ? [] : onlyOut ? [...out].sort((a, b) => (perDay.get(b.productId) ?? 0) - (perDay.get(a.productId) ?? 0) || a.onHand - b.onHand) : (stock.data ?? []),
    [waiting, onlyOut, out, perDay, stock.data],
  );
  const { matches } = find;
  const rows = useMemo(() => (matches ? listed.filter(matches) : listed), [listed, matches]);
  // the search and the filter apply to every row, then the first PAGE are drawn; a new search or filter starts again at PAGE
  const drawnFor = `${onlyOut}|${find.search.trim()}`;
  const [drawn, setDrawn] = useState({ for: drawnFor, n: PAGE });
  const limit = drawn.for === drawnFor ? drawn.n : PAGE;
  const visible = useMemo(() => rows.slice(0, limit), [rows, limit]);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const firstNew = useRef<number | null>(null);
  useEffect(() => {
    if (firstNew.current === null) return;
    focusFirstNew(bodyRef.current?.children[firstNew.current] as HTMLElement | undefined);
    firstNew.current = null;
  }, [limit]);
  const count = (x: number) => quantity(x, locale);
  const perDayText = (x: number | undefined) => (x ? (Math.round(x * 10) / 10).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB') : '—');
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Group justify="space-between" mb="xs" align="center">
          <SegmentedControl
            value={onlyOut ? 'out' : 'all'}
            onChange={(v) => setOnlyOut(v === 'out')}
            aria-label={t('stock.filter.label')}
            data-testid="stock-filter"
            data={[
              { value: 'all', label: t('stock.filter.all') },
              { value: 'out', label: t('stock.filter.out', { n: stock.data ? out.length : '…' }) },
            ]}
          />
          {showValue && !onlyOut && (
            <Text fw={600} data-testid="stock-total">
              {t('stock.totalValue', { v: money(total) })}
            </Text>
          )}
        </Group>
        <TextInput
          ref={find.boxRef}
          mb="xs"
          maw={420}
          placeholder={t('stock.search.placeholder')}
          aria-label={t('stock.search.label')}
          value={find.search}
          onChange={(e) => find.setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && find.search) {
              e.preventDefault();
              find.setSearch('');
            }
          }}
          data-testid="stock-search"
        />
        {!onlyOut && <NegativeStockNote lines={stock.data ?? []} />}
        {onlyOut && stock.data && (
          <Text size="sm" c="dimmed" mb="xs" data-testid="stock-filter-hint">
            {out.length ? t('stock.filter.hint') : t('stock.filter.none')}
          </Text>
        )}
        <Table striped data-testid="stock-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.sku')}</Table.Th>
              <Table.Th>{t('products.name')}</Table.Th>
              <Table.Th ta="right">{t('products.onHand')}</Table.Th>
              <Table.Th>{t('counts.unit')}</Table.Th>
              {onlyOut && <Table.Th ta="right">{t('stock.dailySales')}</Table.Th>}
              {showValue && <Table.Th ta="right">{t('stock.value')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={bodyRef}>
            {visible.map((l) => (
              <Table.Tr key={l.productId} data-testid={`stock-row-${l.sku}`} data-level={l.onHand < 0 ? 'negative' : l.onHand === 0 ? 'out' : undefined}>
                <Table.Td>{l.sku}</Table.Td>
                <Table.Td>
                  {l.name}{' '}
                  {l.onHand <= 0 && (
                    <Badge size="sm" color="red" variant={l.onHand < 0 ? 'filled' : 'light'} tt="none" data-testid="stock-level">
                      {t(l.onHand < 0 ? 'stock.level.negative' : 'stock.level.out')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right" data-testid="on-hand" c={l.onHand <= 0 ? 'red' : undefined} fw={l.onHand <= 0 ? 700 : undefined}>
                  {formatQuantity(l.onHand, settings.locale)}
                </Table.Td>
                <Table.Td c="dimmed">{unitName(l.unit, settings.locale)}</Table.Td>
                {onlyOut && (
                  <Table.Td ta="right" data-testid="daily-sales">
                    {perDayText(perDay.get(l.productId))}
                  </Table.Td>
                )}
                {showValue && (
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {money(l.valueMinor ?? 0)}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.length > limit && (
          <ShowMore
            testId="stock-more"
            summary={t('stock.more.shown', { shown: count(limit), total: count(rows.length) })}
            more={t('stock.more.button', { n: count(Math.min(PAGE, rows.length - limit)) })}
            onMore={() => {
              firstNew.current = limit;
              setDrawn({ for: drawnFor, n: limit + PAGE });
            }}
          />
        )}
        {matches && find.answered && stock.data && !waiting && rows.length === 0 && (
          <Text c="dimmed" size="sm" mt="xs" data-testid="stock-search-none">
            {t('stock.search.none', { q: find.search.trim() })}
          </Text>
        )}
      </Grid.Col>
      {/* manual receipts, sales and returns are a manager's corrections; a cashier has the till and F4 */}
      {allowed('ledger.record') && (
        <Grid.Col span={{ base: 12, md: 4 }}>
          <MovementForm />
        </Grid.Col>
      )}
    </Grid>
  );
}

/** Stock levels, deliveries without an order, losses and adjustments, counts, the movements: one tab each, F2 F3 F4 F6 F7. */
export function StockPage() {
  const { t } = useI18n();
  // opened on the products out of stock (the dashboard's « En rupture »): the levels, filtered
  const target = useTarget('stock');
  const [tab, setTab] = useState<Tab>('levels');
  const [onlyOut, setOnlyOut] = useState(target.show === 'out');
  const showOut = (on: boolean) => {
    setOnlyOut(on);
    // the list shows what the owner chose: a reload opens the page plain
    clearTarget('stock');
  };
  // F-keys work from inside a field too (the scanner and the keyboard stay in charge)
  useHotkeys(TABS.map(([name, key]) => [key, () => setTab(name)]), []);
  // each tab puts the cursor on its first field itself; one that does not (the counts' list) gets its
  // first control (not a list that would open over the page), rather than the focus left on nothing
  // when the tab just left is hidden
  const panels = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!focusIsLost()) return;
      const panel = panels.current?.querySelector<HTMLElement>(`[role=tabpanel][id$="-panel-${tab}"]`);
      panel?.querySelector<HTMLElement>('input:not([disabled]):not([type=hidden]):not([aria-haspopup]), button:not([disabled]), textarea:not([disabled])')?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [tab]);
  return (
    <>
      <Title order={2} mb="md">
        {t('stock.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => setTab((v ?? 'levels') as Tab)} ref={panels}>
        <Tabs.List mb="md">
          {TABS.map(([name, key]) => (
            <Tabs.Tab key={name} value={name} rightSection={<Kbd size="xs">{key}</Kbd>} data-testid={`stock-tab-${name}`}>
              {t(`stock.tab.${name}` as MessageKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="levels">
          <StockLevels onlyOut={onlyOut} setOnlyOut={showOut} active={tab === 'levels'} />
        </Tabs.Panel>
        <Tabs.Panel value="receive">
          <ReceiveForm active={tab === 'receive'} />
        </Tabs.Panel>
        <Tabs.Panel value="writeOff">
          <WriteOffForm active={tab === 'writeOff'} />
        </Tabs.Panel>
        <Tabs.Panel value="count">
          <CountsPanel active={tab === 'count'} />
        </Tabs.Panel>
        <Tabs.Panel value="movements">
          <MovementsPanel active={tab === 'movements'} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
