import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ToOrderLine } from '../../../../shared/api/contract';
import { parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { api, call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { handleFailure } from '../../components/forms';
import { focusFirstNew, ShowMore } from '../../components/ShowMore';
import { useI18n } from '../../i18n/i18n';
import { focusOnArrival } from '../../app/focus';
import { useBusy } from './busy';
import { ToOrderRow } from './ToOrderRow';
import { quantity } from '../dashboard/format';

/**
 * Lines drawn at first, whole suppliers while they fit (1 063 lines drawn at once stalled the page for
 * seconds). A supplier's « more » draws MORE_STEP more lines, or all the rest when that is at most MORE_ALL.
 * What is drawn changes nothing else: the ticks, the selection's cost and the orders cover every line.
 */
const FIRST_LINES = 150;
const MORE_STEP = 100;
const MORE_ALL = 150;
const groupKey = (g: { supplierId: number | null }) => String(g.supplierId ?? 'none');

/**
 * What to order, by supplier. `focusProduct` (opened from an alert): that product's line is brought into
 * view, marked and its box focused; when it is not on the list, the panel says why (already on a draft,
 * to open; or nothing more to order). Otherwise the first line's box has the focus as the list comes,
 * or, with nothing to order, what `onNothing` gives (the tabs). `onOpenOrder` opens an order (the draft).
 */
export function ToOrderPanel({
  onCreated,
  focusProduct = null,
  onOpenOrder,
  onNothing,
}: {
  onCreated: (orderIds: number[]) => void;
  focusProduct?: number | null;
  onOpenOrder?: (id: number) => void;
  onNothing?: () => HTMLElement | null;
}) {
  const { t, locale } = useI18n();
  const { settings, money } = useShop();
  const [budgetText, setBudgetText] = useState('');
  const budgetMinor = budgetText.trim() ? parseMoney(budgetText, settings.currency as CurrencyCode) : null;
  const badBudget = budgetText.trim() !== '' && (budgetMinor === null || budgetMinor <= 0);
  const toOrder = useQuery('purchasing.toOrder', { budgetMinor: badBudget ? null : budgetMinor }, [budgetMinor, badBudget]);
  const { reloadSoon } = toOrder;
  // suggestions are recomputed in main after each movement, then announced
  useEffect(() => api.on('replenishment.changed', () => reloadSoon()), [reloadSoon]);
  const lines = useMemo(() => toOrder.data?.groups.flatMap((g) => g.lines) ?? [], [toOrder.data]);
  // a line without a supplier, or whose supplier is deactivated, cannot be ordered
  const orderable = useMemo(() => new Set(toOrder.data?.groups.filter((g) => g.supplierId !== null && g.supplierActive).flatMap((g) => g.lines.map((l) => l.productId)) ?? []), [toOrder.data]);
  // the lines within the budget come ticked, in the list's first drawing (not set after it, which drew the
  // whole list twice); what the owner ticks holds until the list changes
  const proposed = useMemo(() => new Set(lines.filter((l) => l.withinBudget && orderable.has(l.productId)).map((l) => l.productId)), [lines, orderable]);
  const [chosen, setChosen] = useState<{ of: Set<number>; ticked: Set<number> } | null>(null);
  const ticked = chosen?.of === proposed ? chosen.ticked : proposed;
  // what the shop pays, VAT included, as the budget counts it
  const selectedCost = lines.filter((l) => ticked.has(l.productId)).reduce((s, l) => s + l.totalOfLineMinor, 0);
  const focus = useFocusedProduct(focusProduct, lines, toOrder.data !== null);
  const listRef = useRef<HTMLDivElement>(null);
  const drawn = useDrawnLines(toOrder.data?.groups ?? null, focusProduct, listRef);
  const arrived = useRef(focusProduct !== null);
  useEffect(() => {
    if (arrived.current || !toOrder.data) return;
    arrived.current = true;
    focusOnArrival(listRef.current?.querySelector<HTMLInputElement>('input[type=checkbox]:not(:disabled)') ?? onNothing?.());
  }, [toOrder.data]);
  // the same function from one tick to the next, so a tick draws its own line again, not all of them
  const toggle = useCallback(
    (productId: number, on: boolean) =>
      setChosen((c) => {
        const next = new Set(c?.of === proposed ? c.ticked : proposed);
        if (on) next.add(productId);
        else next.delete(productId);
        return { of: proposed, ticked: next };
      }),
    [proposed],
  );
  // a double click creates the drafts once (main refuses a product already on a draft, too)
  const { busy, run } = useBusy<'create'>();
  const create = async () => {
    try {
      const orders = await call('purchasing.createOrders', { lines: lines.filter((l) => ticked.has(l.productId)).map((l) => ({ productId: l.productId, quantity: l.suggested })) });
      notifications.show({ color: 'green', message: t('purchasing.created', { n: orders.length }) });
      toOrder.reload();
      onCreated(orders.map((o) => o.id));
    } catch (error) {
      handleFailure(error, t, []);
    }
  };
  const count = (x: number) => quantity(x, locale);
  const moreLabel = (total: number, shown: number) => {
    const rest = total - shown;
    if (rest > MORE_ALL) return t('purchasing.more.step', { n: count(MORE_STEP) });
    if (shown === 0) return rest === 1 ? t('purchasing.more.allOne') : t('purchasing.more.all', { n: count(rest) });
    return rest === 1 ? t('purchasing.more.restOne') : t('purchasing.more.rest', { n: count(rest) });
  };
  return (
    <Stack ref={listRef}>
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <TextInput
            label={t('purchasing.budget')}
            name="budget"
            w={200}
            value={budgetText}
            onChange={(e) => setBudgetText(e.currentTarget.value)}
            error={badBudget ? t('err.money') : undefined}
            rightSection={<Text size="xs">{settings.currency}</Text>}
          />
          <Text size="xs" c="dimmed" maw={380} mb={4}>
            {t('purchasing.budgetHelp')}
          </Text>
        </Group>
        <Group>
          <Text fw={600} data-testid="to-order-selected">
            {t('purchasing.selected', { v: money(selectedCost) })}
          </Text>
          <Button onClick={() => void run('create', create)} disabled={ticked.size === 0} loading={busy === 'create'} data-testid="create-orders">
            {t('purchasing.create', { n: ticked.size })}
          </Button>
        </Group>
      </Group>
      {focus.missing && (
        <Alert color="blue" withCloseButton closeButtonLabel={t('purchasing.target.clear')} onClose={focus.dismiss} data-testid="to-order-target">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              {focus.missing.draft
                ? t('purchasing.target.onDraft', { name: focus.missing.name, ref: focus.missing.draft.reference })
                : t('purchasing.target.notListed', { name: focus.missing.name })}
            </Text>
            {focus.missing.draft && onOpenOrder && (
              <Button size="compact-sm" onClick={() => onOpenOrder(focus.missing!.draft!.id)} data-testid="to-order-target-open" autoFocus>
                {t('purchasing.target.openDraft', { ref: focus.missing.draft.reference })}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      {toOrder.data && lines.length === 0 && <Text c="dimmed">{t('purchasing.nothing')}</Text>}
      {toOrder.data?.groups.map((g) => (
        <Paper withBorder p="sm" key={g.supplierId ?? 'none'} data-testid={`to-order-group-${g.supplierName ?? 'none'}`}>
          <Group justify="space-between" mb="xs">
            <Title order={4}>{g.supplierName ?? t('purchasing.noSupplier')}</Title>
            <Text fw={600}>{money(g.totalMinor)}</Text>
          </Group>
          {g.supplierId !== null && !g.supplierActive && (
            <Text size="sm" c="orange" mb="xs" data-testid="supplier-inactive">
              {t('purchasing.supplierInactive')}
            </Text>
          )}
          {drawn.limit(g) > 0 && (
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={32} />
                  <Table.Th>{t('purchasing.product')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.onHand')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.onOrder')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.reorderPoint')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.cover')}</Table.Th>
                  <Table.Th>{t('purchasing.stockout')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.suggested')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.cost')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              {/* one body per product: its figures, then why, across the whole width (a narrow column made it a tall ribbon at 1024 px) */}
              {g.lines.slice(0, drawn.limit(g)).map((l) => (
                <ToOrderRow
                  key={l.productId}
                  line={l}
                  ticked={ticked.has(l.productId)}
                  orderable={orderable.has(l.productId)}
                  focusRef={l.productId === focus.productId ? focus.lineRef : undefined}
                  onToggle={toggle}
                />
              ))}
            </Table>
          )}
          {drawn.limit(g) < g.lines.length && (
            <ShowMore
              testId={`to-order-more-${g.supplierName ?? 'none'}`}
              summary={t('purchasing.more.shown', { shown: count(drawn.limit(g)), total: count(g.lines.length), ticked: count(g.lines.filter((l) => ticked.has(l.productId)).length) })}
              more={moreLabel(g.lines.length, drawn.limit(g))}
              onMore={() => drawn.more(g)}
            />
          )}
        </Paper>
      ))}
    </Stack>
  );
}

/**
 * The product the panel was opened on: its line is scrolled into view and its box focused once the list
 * is there; when it has no line, its name and the draft already holding it (if any) say why.
 */
function useFocusedProduct(productId: number | null, lines: ToOrderLine[], loaded: boolean) {
  const [dismissed, setDismissed] = useState(false);
  const lineRef = useRef<HTMLTableSectionElement>(null);
  const shown = useRef(false);
  const listed = productId !== null && lines.some((l) => l.productId === productId);
  const absent = loaded && productId !== null && !listed && !dismissed;
  const [missing, setMissing] = useState<{ name: string; draft: { id: number; reference: string } | null } | null>(null);
  useEffect(() => {
    if (!loaded || !listed || shown.current || !lineRef.current) return;
    shown.current = true;
    lineRef.current.scrollIntoView({ block: 'center' });
    lineRef.current.querySelector<HTMLInputElement>('input[type=checkbox]:not(:disabled)')?.focus({ preventScroll: true });
  }, [loaded, listed]);
  useEffect(() => {
    if (!absent || productId === null) return setMissing(null);
    let live = true;
    void (async () => {
      const product = await call('products.get', { id: productId });
      // a product on a draft is left off the list: the draft holds what to order
      let draft: { id: number; reference: string } | null = null;
      for (const d of await call('purchasing.list', { status: 'draft', limit: 100 })) {
        const order = await call('purchasing.get', { id: d.id });
        if (order.lines.some((l) => l.productId === productId)) {
          draft = { id: order.id, reference: order.reference };
          break;
        }
      }
      if (live) setMissing({ name: product.name, draft });
    })().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [absent, productId]);
  return { productId: dismissed ? null : productId, lineRef, missing: absent ? missing : null, dismiss: () => setDismissed(true) };
}

/**
 * How many lines of each supplier are drawn: at first FIRST_LINES in all, in the list's order; then what
 * the owner asked for. The product the panel was opened on is always drawn. After « more », the focus
 * goes to the first line just drawn.
 */
function useDrawnLines(groups: { supplierId: number | null; lines: ToOrderLine[] }[] | null, focusProduct: number | null, listRef: RefObject<HTMLDivElement | null>) {
  const [asked, setAsked] = useState<Map<string, number>>(new Map());
  const limits = useMemo(() => {
    const out = new Map<string, number>();
    let budget = FIRST_LINES;
    for (const g of groups ?? []) {
      const first = Math.min(g.lines.length, budget);
      budget -= first;
      const focused = g.lines.findIndex((l) => l.productId === focusProduct) + 1;
      out.set(groupKey(g), Math.max(first, asked.get(groupKey(g)) ?? 0, focused));
    }
    return out;
  }, [groups, focusProduct, asked]);
  const firstNew = useRef<string | null>(null);
  useEffect(() => {
    if (firstNew.current === null) return;
    focusFirstNew(listRef.current?.querySelector<HTMLElement>(`[data-testid="to-order-${CSS.escape(firstNew.current)}"]`));
    firstNew.current = null;
  }, [limits, listRef]);
  const limit = (g: { supplierId: number | null }) => limits.get(groupKey(g)) ?? 0;
  const more = (g: { supplierId: number | null; lines: ToOrderLine[] }) => {
    const shown = limit(g);
    const rest = g.lines.length - shown;
    firstNew.current = g.lines[shown]?.sku ?? null;
    setAsked(new Map(asked).set(groupKey(g), rest > MORE_ALL ? shown + MORE_STEP : g.lines.length));
  };
  return { limit, more };
}
