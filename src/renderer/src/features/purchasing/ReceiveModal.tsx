import { Alert, Button, Group, Kbd, Modal, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import type { PurchaseOrder } from '../../../../shared/api/contract';
import { currencyDecimals, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { fromMilli, toMilli } from '../../../../shared/domain/quantity';
import { call } from '../../api/api';
import { newSubmissionId } from '../../api/submission';
import { useShop } from '../../app/shop';
import type { FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { formatQuantity, inputText, readQuantity } from '../stock/fields';
import { stockFailure } from '../stock/errors';
import { NewCostsChoice } from '../stock/NewCostsChoice';
import { useBusy } from './busy';


/**
 * Receiving what came of a sent order: what arrived of each line (blank or 0: nothing of it this
 * time), at what unit price (the order's, unless the invoice says otherwise), with its lot and expiry.
 * Quantities read as they are typed ("1 000", "2,5"); Enter records, once.
 */
export function ReceiveModal({ order, onClose, onDone }: { order: PurchaseOrder; onClose: () => void; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { settings, money } = useShop();
  const currency = settings.currency as CurrencyCode;
  const open = order.lines.filter((l) => l.received < l.quantity);
  const [rows, setRows] = useState(() =>
    open.map((l) => ({
      lineNo: l.lineNo,
      quantity: inputText(fromMilli(toMilli(l.quantity) - toMilli(l.received)), locale),
      cost: inputText(l.unitCostMinor / 10 ** currencyDecimals(currency), locale),
      lot: '',
      expiry: '',
    })),
  );
  const [updateCosts, setUpdateCosts] = useState(true);
  // a price other than the order's: what the invoice says, sent with the line (and maybe to the card)
  const newCost = (i: number) => {
    const c = parseMoney(rows[i].cost, currency);
    return c !== null && c >= 0 && c !== open[i].unitCostMinor ? c : null;
  };
  const newCosts = rows.filter((r, i) => r.quantity.trim() !== '' && newCost(i) !== null).length;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [nothing, setNothing] = useState(false);
  const [submissionId] = useState(newSubmissionId);
  const { busy, run } = useBusy<'receive'>();
  // once recorded, the dialog is closing: a click that comes before it is gone does nothing
  const recorded = useRef(false);
  // what is typed again is no longer wrong: its message goes (and the button stays where it is)
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => {
    setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
    const fields = Object.keys(patch).map((f) => (f === 'cost' ? 'unitCostMinor' : f));
    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([k]) => !fields.some((f) => k === `${rows[i].lineNo}.${f}`))));
    setNothing(false);
  };

  const submit = async () => {
    if (recorded.current) return;
    // read as typed, and said in the shop's language before anything is sent
    const local: FieldErrors = {};
    const sent: { lineNo: number; quantity: number; unitCostMinor?: number; lot?: string; expiry?: string }[] = [];
    rows.forEach((r, i) => {
      if (r.quantity.trim() === '') return;
      const q = readQuantity(r.quantity, locale);
      const c = parseMoney(r.cost, currency);
      if (c === null) local[`${r.lineNo}.unitCostMinor`] = t(r.cost.trim() ? 'err.money' : 'err.required');
      else if (c < 0) local[`${r.lineNo}.unitCostMinor`] = t('err.negative');
      if (!q.ok) local[`${r.lineNo}.quantity`] = t(q.error);
      else if (q.value < 0) local[`${r.lineNo}.quantity`] = t('err.negative');
      else if (q.value > 0) sent.push({ lineNo: r.lineNo, quantity: q.value, unitCostMinor: newCost(i) ?? undefined, lot: r.lot || undefined, expiry: r.expiry || undefined });
    });
    setErrors(local);
    setNothing(Object.keys(local).length === 0 && sent.length === 0);
    if (Object.keys(local).length > 0 || sent.length === 0) return;
    try {
      const costsTaken = updateCosts && sent.some((l) => l.unitCostMinor !== undefined);
      await call('purchasing.receive', { id: order.id, submissionId, lines: sent, updateCosts: costsTaken });
      recorded.current = true;
      const taken = sent.filter((l) => l.unitCostMinor !== undefined).length;
      notifications.show({ color: 'green', message: [t('purchasing.receivedOk'), costsTaken ? t('receive.costsUpdated', { n: taken }) : ''].filter(Boolean).join(' ') });
      onDone();
    } catch (error) {
      // field paths are relative to the lines sent; map them back to the rows shown. Lot and expiry
      // refusals carry a stock reason: written in the shop's language, as on the Stock page
      const raw = stockFailure(error, t, sent.flatMap((_, i) => ['quantity', 'unitCostMinor', 'lot', 'expiry', 'lineNo'].map((f) => `lines.${i}.${f}`)));
      const mapped: FieldErrors = {};
      for (const [k, v] of Object.entries(raw)) {
        const [, i, f] = k.split('.');
        mapped[`${sent[Number(i)].lineNo}.${f === 'lineNo' ? 'quantity' : f}`] = v;
      }
      setErrors(mapped);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('purchasing.receiveTitle', { ref: order.reference })} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run('receive', submit);
        }}
      >
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('purchasing.product')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.quantity')}</Table.Th>
              <Table.Th>{t('purchasing.receiveNow')}</Table.Th>
              <Table.Th>{t('purchasing.unitCost')}</Table.Th>
              <Table.Th>{t('purchasing.lot')}</Table.Th>
              <Table.Th>{t('purchasing.expiry')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {open.map((l, i) => (
              <Table.Tr key={l.lineNo}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatQuantity(l.received, locale)} / {formatQuantity(l.quantity, locale)}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('purchasing.receiveNow')} ${l.name}`}
                    w={100}
                    inputMode="decimal"
                    data-autofocus={i === 0 || undefined}
                    value={rows[i].quantity}
                    onChange={(e) => set(i, { quantity: e.currentTarget.value })}
                    error={errors[`${l.lineNo}.quantity`]}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('purchasing.unitCost')} ${l.name}`}
                    w={110}
                    inputMode="decimal"
                    value={rows[i].cost}
                    onChange={(e) => set(i, { cost: e.currentTarget.value })}
                    error={errors[`${l.lineNo}.unitCostMinor`]}
                  />
                  {newCost(i) !== null && (
                    <Text size="xs" c="orange.9" data-testid="order-cost">
                      {t('purchasing.orderedAt', { v: money(l.unitCostMinor) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={`${t('purchasing.lot')} ${l.name}`} w={110} value={rows[i].lot} onChange={(e) => set(i, { lot: e.currentTarget.value })} error={errors[`${l.lineNo}.lot`]} />
                </Table.Td>
                <Table.Td>
                  <TextInput aria-label={`${t('purchasing.expiry')} ${l.name}`} type="date" w={150} value={rows[i].expiry} onChange={(e) => set(i, { expiry: e.currentTarget.value })} error={errors[`${l.lineNo}.expiry`]} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <NewCostsChoice count={newCosts} checked={updateCosts} onChange={setUpdateCosts} />
        {nothing && (
          <Alert color="orange" mt="sm" data-testid="receive-nothing">
            {t('purchasing.receiveNothing')}
          </Alert>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy === 'receive'}>
            {t('purchasing.confirmReceipt')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
