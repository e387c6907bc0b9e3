import { ActionIcon, Alert, Badge, Button, Group, Kbd, Paper, Select, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { StockReceipt } from '../../../../shared/api/contract';
import { currencyDecimals, lineAmount, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import type { ProductView } from '../../../../shared/api/contract';
import { hasAtMostThreeDecimals, toMilli } from '../../../../shared/domain/quantity';
import { roleAtLeast } from '../../../../shared/domain/user';
import { ISO_DATE } from '../../../../shared/domain/dates';
import { call } from '../../api/api';
import { newSubmissionId } from '../../api/submission';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import type { FieldErrors } from '../../components/forms';
import { ProductPicker } from '../../components/ProductPicker';
import { useI18n } from '../../i18n/i18n';
import { useScanner } from '../sell/useScanner';
import { stockFailure } from './errors';
import { inputText, parseQuantity, readQuantity, restoreFocusedField } from './fields';
import { withoutLine } from './line-errors';
import { NewCostsChoice } from './NewCostsChoice';
import { keyboardSearch } from '../../components/listEnter';

interface Row {
  key: number;
  product: ProductView;
  quantity: string;
  cost: string;
  lot: string;
  expiry: string;
}
type Field = 'quantity' | 'cost' | 'lot' | 'expiry';

/** Enter alone, not Ctrl+Enter (which records the delivery) nor a key of an input method. */
const nextFieldKey = (e: KeyboardEvent<HTMLInputElement>) => e.key === 'Enter' && !e.nativeEvent.isComposing && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;

/** The core's field name for each input of a line. */
const CORE_FIELD: Record<Field, string> = { quantity: 'quantity', cost: 'unitCostMinor', lot: 'lot', expiry: 'expiry' };

/**
 * One field of a delivery line. Uncontrolled: typing does not re-render the form (a scanner's burst
 * stays fast on a slow PC); the value is saved on Enter or when the field is left.
 */
function LineField(props: {
  value: string;
  label: string;
  error?: string;
  type?: string;
  required?: boolean;
  inputRef: (el: HTMLInputElement | null) => void;
  onCommit: (value: string) => void;
  onEnter: () => void;
}) {
  const save = (el: HTMLInputElement) => {
    if (el.value !== props.value) props.onCommit(el.value);
  };
  return (
    <TextInput
      size="xs"
      type={props.type}
      ref={props.inputRef}
      aria-label={props.label}
      inputMode={props.type ? undefined : 'decimal'}
      defaultValue={props.value}
      data-committed={props.value}
      withAsterisk={props.required}
      error={props.error}
      onBlur={(e) => save(e.currentTarget)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        save(e.currentTarget);
        props.onEnter();
      }}
    />
  );
}

/**
 * A delivery received without a purchase order, keyboard first: scan each article (a new article gets
 * its line and the cursor goes to its quantity; scanning it again adds 1) or pick it by name; Enter
 * goes from field to field; the lot and expiry are required where the product tracks expiry;
 * Ctrl+Enter records the whole delivery at once.
 */
export function ReceiveForm({ active }: { active: boolean }) {
  const { user } = useShop();
  const { t } = useI18n();
  // the core refuses a cashier a delivery (costs are a manager's business): say so instead of a form
  if (user !== null && !roleAtLeast(user.role, 'manager')) {
    return (
      <Paper withBorder p="md" data-testid="receive-form">
        <Title order={4}>{t('receive.title')}</Title>
        <Text size="sm" c="dimmed" mt="xs">
          {t('receive.managerOnly')}
        </Text>
      </Paper>
    );
  }
  return <DeliveryForm active={active} />;
}

/**
 * The delivery being typed outlives the form, as the till's sale does: an idle lock or Alt+L unmounts
 * every page, and a 40-line delivery typed while the boxes were counted in the back was lost with it.
 * One PC, one delivery at a time; cleared once it is recorded.
 */
const deliveryInProgress: { supplierId: string | null; rows: Row[]; note: string; updateCosts: boolean; submissionId: string | null; nextKey: number } = {
  supplierId: null,
  rows: [],
  note: '',
  updateCosts: true,
  submissionId: null,
  nextKey: 1,
};

function DeliveryForm({ active }: { active: boolean }) {
  const { t } = useI18n();
  const { settings, money } = useShop();
  const currency = settings.currency as CurrencyCode;
  const decimals = currencyDecimals(currency);
  const suppliers = useQuery('suppliers.list', { limit: 1000 });
  const kept = deliveryInProgress;
  const [supplierId, setSupplierId] = useState<string | null>(kept.supplierId);
  const note = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>(kept.rows);
  const latest = useRef(rows);
  latest.current = rows;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pickerKey, setPickerKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<StockReceipt | null>(null);
  const [updateCosts, setUpdateCosts] = useState(kept.updateCosts);
  // one id per delivery shown: main books it once, however often it arrives; and a click that comes
  // while the first is on its way does nothing (busy is only seen at the next render)
  const submission = useRef(kept.submissionId ?? newSubmissionId());
  const sending = useRef(false);
  const nextKey = useRef(kept.nextKey);
  const form = useRef({ supplierId, updateCosts });
  form.current = { supplierId, updateCosts };
  // a layout clean-up runs before the fields are taken off the page: what is typed in the field still
  // being edited (its value is saved on Enter or when left) is read from it
  useLayoutEffect(
    () => () => {
      const typed = (r: Row, f: Field) => inputs.current.get(`${r.key}.${f}`)?.value ?? r[f];
      Object.assign(deliveryInProgress, {
        ...form.current,
        rows: latest.current.map((r) => ({ ...r, quantity: typed(r, 'quantity'), cost: typed(r, 'cost'), lot: typed(r, 'lot'), expiry: typed(r, 'expiry') })),
        note: note.current?.value ?? '',
        submissionId: submission.current,
        nextKey: nextKey.current,
      });
    },
    [],
  );
  const inputs = useRef(new Map<string, HTMLInputElement | null>());
  const picker = useRef<HTMLDivElement>(null);
  // a field to focus once it is on screen (a new line is rendered after the state change that adds it)
  const pending = useRef<string | null>(null);
  const focusNow = (name: string) => {
    const el = inputs.current.get(name);
    if (!el) return false;
    el.focus();
    el.select();
    return true;
  };
  const focus = (rowKey: number, field: Field) => {
    const name = `${rowKey}.${field}`;
    pending.current = focusNow(name) ? null : name;
  };
  useEffect(() => {
    if (pending.current && focusNow(pending.current)) pending.current = null;
  });
  const focusPicker = () => picker.current?.querySelector('input')?.focus();
  useEffect(() => {
    if (active) setTimeout(focusPicker, 0);
  }, [active]);

  /**
   * Adds a product (the cursor goes to its quantity), or adds to its line when it is already there;
   * picked by name, the cursor then goes to that line's quantity too (a scan leaves it where it is).
   */
  const add = (product: ProductView, quantity: number, focusNew: boolean, focusExisting = false) => {
    setDone(null);
    setRows((all) => {
      const existing = all.find((r) => r.product.id === product.id);
      if (existing) {
        const q = parseQuantity(existing.quantity, settings.locale);
        const next = Number.isFinite(q) ? Math.round((q + quantity) * 1000) / 1000 : quantity;
        if (focusExisting) pending.current = `${existing.key}.quantity`;
        return all.map((r) => (r === existing ? { ...r, quantity: inputText(next, settings.locale) } : r));
      }
      const key = nextKey.current++;
      if (focusNew) pending.current = `${key}.quantity`;
      return [...all, { key, product, quantity: inputText(quantity, settings.locale), cost: product.costMinor === null ? '' : inputText(product.costMinor / 10 ** decimals, settings.locale), lot: '', expiry: '' }];
    });
  };
  const pick = async (id: number | null) => {
    if (id === null) return;
    setPickerKey((k) => k + 1);
    try {
      add(await call('products.get', { id }), 1, true, true);
    } catch (error) {
      stockFailure(error, t, []);
    }
  };
  const onScan = async (code: string) => {
    restoreFocusedField();
    try {
      const match = await call('pos.scan', { code });
      add(match.product, match.quantity, true);
    } catch (error) {
      stockFailure(error, t, []);
    }
  };
  useScanner((code) => void onScan(code), active);

  const set = (key: number, patch: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const remove = (key: number) => {
    const at = rows.findIndex((r) => r.key === key);
    setRows((all) => all.filter((r) => r.key !== key));
    setErrors((e) => withoutLine(e, at));
  };
  const amount = (r: Row) => {
    const q = parseQuantity(r.quantity, settings.locale);
    const c = parseMoney(r.cost, currency);
    return Number.isFinite(q) && hasAtMostThreeDecimals(q) && c !== null ? lineAmount(toMilli(q), c) : 0;
  };
  const total = rows.reduce((s, r) => s + amount(r), 0);
  // a typed cost other than the card's: the supplier's new price, which may become the cost price
  const newCost = (r: Row) => {
    const c = parseMoney(r.cost, currency);
    return c !== null && c >= 0 && r.product.costMinor !== null && c !== r.product.costMinor;
  };
  const newCosts = rows.filter(newCost).length;

  /** The cursor goes to the first line field in error, in the order of the lines, its text selected. */
  const focusFirstError = (errs: FieldErrors, lines: Row[]) => {
    const fields = Object.keys(CORE_FIELD) as Field[];
    for (const [i, r] of lines.entries()) {
      const f = fields.find((name) => errs[`lines.${i}.${CORE_FIELD[name]}`]);
      if (f) return focus(r.key, f);
    }
  };
  const submit = async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      await send();
    } finally {
      sending.current = false;
    }
  };
  const send = async () => {
    // a field being typed in is saved when it is left: leave it, and let that render
    (document.activeElement as HTMLElement | null)?.blur();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const lines = latest.current;
    if (lines.length === 0) return;
    // the same checks as the core, to answer at once and in the shop's language
    const local: FieldErrors = {};
    lines.forEach((r, i) => {
      const q = readQuantity(r.quantity, settings.locale);
      if (!q.ok) local[`lines.${i}.quantity`] = t(q.error);
      else if (q.value <= 0) local[`lines.${i}.quantity`] = t('err.positive');
      const c = parseMoney(r.cost, currency);
      if (c === null) local[`lines.${i}.unitCostMinor`] = t('err.money');
      else if (c < 0) local[`lines.${i}.unitCostMinor`] = t('err.negative');
      if (r.product.tracksExpiry && !r.lot.trim()) local[`lines.${i}.lot`] = t('stock.err.lotRequired');
      if (r.product.tracksExpiry && !r.expiry) local[`lines.${i}.expiry`] = t('stock.err.expiryRequired');
      // a date picker gives a 5-digit year when the day is typed where the year goes
      else if (r.expiry && !ISO_DATE.test(r.expiry)) local[`lines.${i}.expiry`] = t('err.date');
    });
    if (Object.keys(local).length) {
      setErrors(local);
      focusFirstError(local, lines);
      return;
    }
    setBusy(true);
    try {
      const receipt = await call('stock.receive', {
        submissionId: submission.current,
        supplierId: supplierId === null ? null : Number(supplierId),
        deliveryNote: note.current?.value ?? '',
        lines: lines.map((r) => ({
          productId: r.product.id,
          quantity: parseQuantity(r.quantity, settings.locale),
          unitCostMinor: parseMoney(r.cost, currency) ?? undefined,
          lot: r.lot.trim() || undefined,
          expiry: r.expiry || undefined,
        })),
        updateCosts: updateCosts && lines.some(newCost),
      });
      submission.current = newSubmissionId();
      setErrors({});
      setRows([]);
      setUpdateCosts(true);
      if (note.current) note.current.value = '';
      setSupplierId(null);
      setDone(receipt);
      notifications.show({ color: 'green', message: doneText(receipt) });
      focusPicker();
    } catch (error) {
      const fields = ['supplierId', ...lines.flatMap((_, i) => [...Object.values(CORE_FIELD), 'productId'].map((f) => `lines.${i}.${f}`))];
      const refused = stockFailure(error, t, fields);
      setErrors(refused);
      focusFirstError(refused, lines);
    } finally {
      setBusy(false);
    }
  };
  useHotkeys([['mod+Enter', () => active && void submit()]], []);

  const doneText = (receipt: StockReceipt) =>
    [t('receive.done', { ref: receipt.reference, n: receipt.lines, v: money(receipt.totalMinor) }), receipt.costChanges.length ? t('receive.costsUpdated', { n: receipt.costChanges.length }) : '']
      .filter(Boolean)
      .join(' ');

  const field = (r: Row, i: number, name: Field, next: () => void, type?: string) => (
    <LineField
      key={`${name}:${r[name]}`}
      value={r[name]}
      type={type}
      label={`${t(`receive.${name === 'cost' ? 'unitCost' : name}`)} ${r.product.name}`}
      required={(name === 'lot' || name === 'expiry') && r.product.tracksExpiry}
      error={errors[`lines.${i}.${CORE_FIELD[name]}`]}
      inputRef={(el) => {
        inputs.current.set(`${r.key}.${name}`, el);
      }}
      onCommit={(value) => set(r.key, { [name]: value })}
      onEnter={next}
    />
  );

  return (
    <Paper withBorder p="md" data-testid="receive-form">
      <Title order={4}>{t('receive.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('receive.help')}
      </Text>
      <Group grow align="flex-start">
        {/* Enter goes on to the next field here too, as the legend says: supplier, delivery note, product */}
        <Select
          label={t('receive.supplier')}
          {...keyboardSearch}
          clearable
          data={(suppliers.data?.items ?? []).filter((s) => s.active).map((s) => ({ value: String(s.id), label: s.name }))}
          value={supplierId}
          onChange={setSupplierId}
          error={errors.supplierId}
          nothingFoundMessage={t('common.none')}
          // while its list is open, Enter picks the supplier found (keyboardSearch, before this): a second Enter goes on
          onKeyDown={(e) => {
            if (!nextFieldKey(e)) return;
            e.preventDefault();
            note.current?.focus();
          }}
        />
        <TextInput
          ref={note}
          label={t('receive.deliveryNote')}
          defaultValue={kept.note}
          maxLength={100}
          onKeyDown={(e) => {
            if (!nextFieldKey(e)) return;
            e.preventDefault();
            focusPicker();
          }}
        />
        <div ref={picker}>
          <ProductPicker key={pickerKey} label={t('receive.add')} value={null} onChange={(id) => void pick(id)} />
        </div>
      </Group>
      <Table mt="md" verticalSpacing={4} data-testid="receive-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('receive.product')}</Table.Th>
            <Table.Th w={110}>{t('receive.quantity')}</Table.Th>
            <Table.Th w={120}>{t('receive.unitCost')}</Table.Th>
            <Table.Th w={130}>{t('receive.lot')}</Table.Th>
            <Table.Th w={160}>{t('receive.expiry')}</Table.Th>
            <Table.Th ta="right">{t('receive.amount')}</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={r.key} data-testid={`receive-line-${r.product.sku}`}>
              <Table.Td>
                <Text size="sm">{r.product.name}</Text>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {r.product.sku}
                  </Text>
                  {r.product.tracksExpiry && (
                    <Badge size="xs" variant="light" color="orange">
                      {t('receive.tracked')}
                    </Badge>
                  )}
                </Group>
                {errors[`lines.${i}.productId`] && (
                  <Text size="xs" c="red">
                    {errors[`lines.${i}.productId`]}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{field(r, i, 'quantity', () => focus(r.key, 'cost'))}</Table.Td>
              <Table.Td>
                {field(r, i, 'cost', () => (r.product.tracksExpiry ? focus(r.key, 'lot') : focusPicker()))}
                {newCost(r) && (
                  <Text size="xs" c="orange.9" data-testid="card-cost">
                    {t('receive.cardCost', { v: money(r.product.costMinor ?? 0) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{field(r, i, 'lot', () => focus(r.key, 'expiry'))}</Table.Td>
              <Table.Td>{field(r, i, 'expiry', focusPicker, 'date')}</Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {money(amount(r))}
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="gray" aria-label={`${t('receive.remove')} ${r.product.name}`} onClick={() => remove(r.key)}>
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text c="dimmed" ta="center" my="md">
          {t('receive.empty')}
        </Text>
      )}
      <NewCostsChoice count={newCosts} checked={updateCosts} onChange={setUpdateCosts} />
      {done && (
        <Alert color="green" mt="sm" data-testid="receive-done" withCloseButton onClose={() => setDone(null)}>
          {doneText(done)}
        </Alert>
      )}
      <Group justify="space-between" mt="md">
        <Text size="xs" c="dimmed">
          {t('receive.keys')} <Kbd>{t('key.enter')}</Kbd> · <Kbd>Ctrl</Kbd> + <Kbd>{t('key.enter')}</Kbd> {t('receive.submit')}
        </Text>
        <Group>
          <Text fw={700} data-testid="receive-total">
            {t('receive.total', { v: money(total) })}
          </Text>
          <Button onClick={() => void submit()} loading={busy} disabled={rows.length === 0}>
            {t('receive.submit')} <Kbd ml="xs">Ctrl+{t('key.enter')}</Kbd>
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
