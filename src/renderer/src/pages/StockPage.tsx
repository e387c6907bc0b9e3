import { Badge, Button, Grid, Group, Kbd, Paper, SegmentedControl, Select, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
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
import { CountsPanel } from '../features/counts/CountsPanel';
import { MovementsPanel } from '../features/stock/MovementsPanel';
import { ReceiveForm } from '../features/stock/ReceiveForm';
import { formatQuantity, readQuantity } from '../features/stock/fields';
import { NegativeStockNote } from '../features/stock/NegativeStockNote';
import { WriteOffForm } from '../features/stock/WriteOffForm';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

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

/**
 * The stock of every product, or (`onlyOut`, the dashboard's « En rupture ») only those at 0 or below:
 * the ones that sell first, with what they sell a day, as the dashboard counts them.
 */
function StockLevels({ onlyOut, setOnlyOut }: { onlyOut: boolean; setOnlyOut: (on: boolean) => void }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const stock = useQuery('stock.onHand', {});
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
  const rows = useMemo(
    () =>
      waiting ? [] : onlyOut ? [...out].sort((a, b) => (perDay.get(b.productId) ?? 0) - (perDay.get(a.productId) ?? 0) || a.onHand - b.onHand) : (stock.data ?? []),
    [waiting, onlyOut, out, perDay, stock.data],
  );
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
          <Table.Tbody>
            {rows.map((l) => (
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
  return (
    <>
      <Title order={2} mb="md">
        {t('stock.title')}
      </Title>
      <Tabs value={tab} onChange={(v) => setTab((v ?? 'levels') as Tab)}>
        <Tabs.List mb="md">
          {TABS.map(([name, key]) => (
            <Tabs.Tab key={name} value={name} rightSection={<Kbd size="xs">{key}</Kbd>} data-testid={`stock-tab-${name}`}>
              {t(`stock.tab.${name}` as MessageKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="levels">
          <StockLevels onlyOut={onlyOut} setOnlyOut={showOut} />
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
