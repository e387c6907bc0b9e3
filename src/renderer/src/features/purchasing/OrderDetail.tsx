import { Alert, Badge, Button, Group, Kbd, List, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { PurchaseOrder, PurchaseOrderLine } from '../../../../shared/api/contract';
import { unitLabel } from '../../../../shared/domain/replenishment';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { downloadPdf, printPdf } from '../../components/pdf';
import { stockFailure } from '../stock/errors';
import { shortDate } from './dates';

export const STATUS_COLORS = { draft: 'gray', sent: 'blue', partial: 'orange', received: 'green', cancelled: 'dark', closed: 'grape' } as const;
const num = (text: string) => Number(text.replace(',', '.').trim());

/** The lines not received in full, as "name: received X of Y" (with the unit where it is not a piece). */
function ShortLines({ lines }: { lines: PurchaseOrderLine[] }) {
  const { t, locale } = useI18n();
  // the unit in the shop's language (« 2,5 boîtes »), as on the order PDF
  const qty = (x: number, unit: string) => [x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 3 }), unitLabel(unit, x, locale)].filter(Boolean).join(' ');
  return (
    <List size="sm" data-testid="short-lines">
      {lines
        .filter((l) => l.received < l.quantity)
        .map((l) => (
          <List.Item key={l.lineNo}>{t('purchasing.shortLine', { name: l.name, received: qty(l.received, l.unit), ordered: qty(l.quantity, l.unit) })}</List.Item>
        ))}
    </List>
  );
}

/** Asks before closing a partly received order short, with an optional reason (Enter confirms). */
function CloseModal({ order, onClose, onDone }: { order: PurchaseOrder; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      await call('purchasing.close', { id: order.id, reason });
      notifications.show({ color: 'green', message: t('purchasing.closedOk', { ref: order.reference }) });
      onDone();
    } catch (error) {
      setErrors(handleFailure(error, t, ['reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('purchasing.closeTitle', { ref: order.reference })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack>
          <Text size="sm">{t('purchasing.closeExplain')}</Text>
          <ShortLines lines={order.lines} />
          <TextInput data-autofocus label={t('purchasing.closeReason')} maxLength={200} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('purchasing.keepOpen')}
            </Button>
            <Button type="submit" color="grape" loading={busy}>
              {t('purchasing.closeConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ReceiveModal({ order, onClose, onDone }: { order: PurchaseOrder; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const open = order.lines.filter((l) => l.received < l.quantity);
  const [rows, setRows] = useState(open.map((l) => ({ lineNo: l.lineNo, quantity: String(Math.round((l.quantity - l.received) * 1000) / 1000), lot: '', expiry: '' })));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (i: number, patch: Partial<(typeof rows)[number]>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const submit = async () => {
    const lines = rows
      .filter((r) => r.quantity.trim() !== '' && num(r.quantity) !== 0)
      .map((r) => ({ lineNo: r.lineNo, quantity: num(r.quantity), lot: r.lot || undefined, expiry: r.expiry || undefined }));
    try {
      await call('purchasing.receive', { id: order.id, lines });
      notifications.show({ color: 'green', message: t('purchasing.receivedOk') });
      onDone();
    } catch (error) {
      // field paths are relative to the lines sent; map them back to the rows shown
      const sent = rows.filter((r) => r.quantity.trim() !== '' && num(r.quantity) !== 0);
      // lot and expiry refusals carry a stock reason: written in the shop's language, as on the Stock page
      const raw = stockFailure(error, t, sent.flatMap((_, i) => ['quantity', 'lot', 'expiry', 'lineNo'].map((f) => `lines.${i}.${f}`)));
      const mapped: FieldErrors = {};
      for (const [k, v] of Object.entries(raw)) {
        const [, i, f] = k.split('.');
        mapped[`${sent[Number(i)].lineNo}.${f}`] = v;
      }
      setErrors(mapped);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('purchasing.receiveTitle', { ref: order.reference })} size="xl">
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('purchasing.product')}</Table.Th>
            <Table.Th ta="right">{t('purchasing.quantity')}</Table.Th>
            <Table.Th>{t('purchasing.receiveNow')}</Table.Th>
            <Table.Th>{t('purchasing.lot')}</Table.Th>
            <Table.Th>{t('purchasing.expiry')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {open.map((l, i) => (
            <Table.Tr key={l.lineNo}>
              <Table.Td>{l.name}</Table.Td>
              <Table.Td ta="right">
                {l.received} / {l.quantity}
              </Table.Td>
              <Table.Td>
                <TextInput aria-label={`${t('purchasing.receiveNow')} ${l.name}`} w={90} value={rows[i].quantity} onChange={(e) => set(i, { quantity: e.currentTarget.value })} error={errors[`${l.lineNo}.quantity`]} />
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
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button onClick={() => void submit()}>{t('purchasing.confirmReceipt')}</Button>
      </Group>
    </Modal>
  );
}

export function OrderDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  const q = useQuery('purchasing.get', { id }, [id]);
  const order = q.data;
  const [qty, setQty] = useState<Record<number, string>>({});
  const [receiving, setReceiving] = useState(false);
  const [closing, setClosing] = useState(false);
  useEffect(() => {
    if (order) setQty(Object.fromEntries(order.lines.map((l) => [l.productId, String(l.quantity)])));
  }, [order]);
  // Alt+C works from any field, like the other Alt shortcuts
  useHotkeys(
    [
      [
        'alt+C',
        () => {
          if (order?.status === 'partial' && !receiving) setClosing(true);
        },
      ],
    ],
    [],
  );
  if (!order) return null;
  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      q.reload();
    } catch (error) {
      handleFailure(error, t, []);
    }
  };
  const pdf = async (print: boolean) => {
    const doc = await call('purchasing.pdf', { id });
    if (print) printPdf(doc.pdfBase64);
    else downloadPdf(doc.pdfBase64, `${doc.reference}.pdf`);
  };
  const draft = order.status === 'draft';
  const saveLines = () =>
    run(() =>
      call('purchasing.update', {
        id,
        lines: order.lines.filter((l) => qty[l.productId] !== '' && num(qty[l.productId]) > 0).map((l) => ({ productId: l.productId, quantity: num(qty[l.productId]) })),
      }),
    );
  return (
    <Stack data-testid="order-detail">
      <Group justify="space-between">
        <Group>
          <Button variant="subtle" onClick={onBack}>
            ← {t('purchasing.back')}
          </Button>
          <Title order={3} data-testid="order-reference">
            {order.reference} · {order.supplierName}
          </Title>
          <Badge color={STATUS_COLORS[order.status]} data-testid="order-status">
            {t(`purchasing.status.${order.status}` as MessageKey)}
          </Badge>
        </Group>
        <Group>
          <Button variant="light" onClick={() => void pdf(false)}>
            {t('purchasing.pdf')}
          </Button>
          <Button variant="light" onClick={() => void pdf(true)}>
            {t('purchasing.print')}
          </Button>
          {draft && <Button onClick={() => void run(() => call('purchasing.markSent', { id }))}>{t('purchasing.markSent')}</Button>}
          {(order.status === 'sent' || order.status === 'partial') && <Button onClick={() => setReceiving(true)}>{t('purchasing.receive')}</Button>}
          {order.status === 'partial' && (
            <Button color="grape" variant="light" onClick={() => setClosing(true)}>
              {t('purchasing.closeShort')} <Kbd ml="xs">Alt+C</Kbd>
            </Button>
          )}
          {(draft || order.status === 'sent') && (
            <Button color="red" variant="subtle" onClick={() => void run(() => call('purchasing.cancel', { id }))}>
              {t('purchasing.cancelOrder')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('purchasing.expected')} : {shortDate(order.expectedDate, locale)}
      </Text>
      {order.status === 'closed' && (
        <Alert color="grape" title={t('purchasing.closedOn', { date: shortDate(order.closedAt ?? order.createdAt, locale) })} data-testid="order-closed">
          <ShortLines lines={order.lines} />
          {order.closeReason && (
            <Text size="sm" mt="xs">
              {t('purchasing.closedReason', { reason: order.closeReason })}
            </Text>
          )}
        </Alert>
      )}
      <Paper withBorder p="sm">
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.sku')}</Table.Th>
              <Table.Th>{t('purchasing.product')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.quantity')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.packs')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.received')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.unitCost')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.vat')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.subtotal')}</Table.Th>
              {draft && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((l) => (
              <Table.Tr key={l.lineNo} data-testid={`order-line-${l.sku}`}>
                <Table.Td>{l.sku}</Table.Td>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td ta="right">
                  {draft ? (
                    <TextInput aria-label={`${t('purchasing.quantity')} ${l.name}`} w={90} ml="auto" value={qty[l.productId] ?? ''} onChange={(e) => setQty({ ...qty, [l.productId]: e.currentTarget.value })} />
                  ) : (
                    l.quantity
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {l.packSize !== 1 ? `${l.packs} × ${l.packSize}` : l.packs}
                </Table.Td>
                <Table.Td ta="right" data-testid="received">
                  {l.received}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(l.unitCostMinor)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {l.vatRateBp / 100} %
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(l.amountMinor)}
                </Table.Td>
                {draft && (
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" color="red" disabled={order.lines.length === 1} onClick={() => setQty({ ...qty, [l.productId]: '' })}>
                      {t('purchasing.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" mt="sm">
          {draft ? <Button variant="default" onClick={() => void saveLines()}>{t('purchasing.saveLines')}</Button> : <span />}
          <Stack gap={0} align="flex-end">
            <Text size="sm">
              {t('purchasing.subtotal')} : {money(order.subtotalMinor)}
            </Text>
            <Text size="sm">
              {t('purchasing.vat')} : {money(order.vatMinor)}
            </Text>
            <Text fw={700} data-testid="order-total">
              {t('purchasing.total')} : {money(order.totalMinor)}
            </Text>
          </Stack>
        </Group>
      </Paper>
      {closing && (
        <CloseModal
          order={order}
          onClose={() => setClosing(false)}
          onDone={() => {
            setClosing(false);
            q.reload();
          }}
        />
      )}
      {receiving && (
        <ReceiveModal
          order={order}
          onClose={() => setReceiving(false)}
          onDone={() => {
            setReceiving(false);
            q.reload();
          }}
        />
      )}
    </Stack>
  );
}
