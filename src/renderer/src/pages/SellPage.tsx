import { ActionIcon, Alert, Badge, Button, Grid, Group, Kbd, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { priceCart, type TenderInput } from '../../../shared/domain/cart';
import { currencyDecimals, parseMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { CompletedSale } from '../../../shared/domain/sale';
import { ApiError, call } from '../api/api';
import { useQuery } from '../api/hooks';
import { useShop } from '../app/shop';
import { addToCart, type CartLine } from '../features/sell/cart';
import { PaymentModal } from '../features/sell/PaymentModal';
import { ReturnModal } from '../features/sell/ReturnModal';
import { useScanner } from '../features/sell/useScanner';
import { useI18n } from '../i18n/i18n';

function downloadPdf(base64: string, name: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function SellPage() {
  const { t } = useI18n();
  const { money, user, settings } = useShop();
  const [editingPrice, setEditingPrice] = useState<number | null>(null);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [payError, setPayError] = useState<string | null>(null);
  const [done, setDone] = useState<CompletedSale | null>(null);
  const [returning, setReturning] = useState(false);
  const scanBox = useRef<HTMLInputElement>(null);
  const qtyRefs = useRef<(HTMLInputElement | null)[]>([]);
  const [debounced] = useDebouncedValue(text, 80);
  const search = useQuery('products.list', { search: debounced, limit: 8, withTotal: false }, [debounced]);

  const priced = (() => {
    try {
      return priceCart(cart.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceMinor: l.unitPriceMinor, vatRateBp: l.vatRateBp })));
    } catch {
      return null;
    }
  })();

  const scan = async (code: string) => {
    setText('');
    try {
      const match = await call('pos.scan', { code });
      setCart((c) => addToCart(c, match));
      setMessage(null);
    } catch (error) {
      if (error instanceof ApiError && error.error.code === 'not_found') setMessage(t('sell.unknownCode', { code }));
      else if (error instanceof ApiError && /check digit/.test(error.error.message)) setMessage(t('sell.badCheckDigit'));
      else setMessage(error instanceof ApiError ? error.error.message.replace(/^code: /, '') : String(error));
    }
    scanBox.current?.focus();
  };
  useScanner((code) => void scan(code), !paying && !done && !returning);

  const setQuantity = (index: number, value: string) => {
    const q = Number(value.replace(',', '.'));
    setCart((c) => c.map((l, i) => (i === index ? { ...l, quantity: Number.isFinite(q) ? q : l.quantity } : l)));
  };
  // a cashier is told at once; main refuses the edit at checkout whatever the screen did
  const editPrice = (index: number, text: string) => {
    setEditingPrice(null);
    if (user?.role === 'cashier') {
      setMessage(t('sell.priceRefused'));
      return;
    }
    const minor = parseMoney(text, settings.currency as CurrencyCode);
    if (minor === null || minor < 0) return setMessage(t('sell.priceInvalid'));
    setCart((c) => c.map((l, i) => (i === index ? { ...l, unitPriceMinor: minor, priceEdited: true } : l)));
  };
  const remove = (index: number) => setCart((c) => c.filter((_, i) => i !== index));
  const pay = async (tenders: TenderInput[]) => {
    setBusy(true);
    try {
      const sale = await call('pos.checkout', {
        lines: cart.map((l) => ({ productId: l.productId, quantity: l.quantity, unitPriceMinor: l.priceEdited ? l.unitPriceMinor : undefined })),
        tenders,
      });
      setDone(sale);
      setPaying(false);
      setPayError(null);
      setCart([]);
    } catch (error) {
      setPayError(error instanceof ApiError ? error.error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const printReceipt = async (sale: CompletedSale) => {
    const receipt = await call('pos.receipt', { receiptNo: sale.receiptNo, width: 80 });
    downloadPdf(receipt.pdfBase64, `ticket-${sale.receiptNo}.pdf`);
  };
  const newSale = () => {
    setDone(null);
    setTimeout(() => scanBox.current?.focus(), 0);
  };

  useHotkeys(
    [
      ['F2', () => scanBox.current?.focus()],
      ['F4', () => qtyRefs.current[cart.length - 1]?.select()],
      ['F8', () => cart.length && remove(cart.length - 1)],
      ['F9', () => setReturning(true)],
      ['F12', () => priced && cart.length > 0 && setPaying(true)],
    ],
    [],
  );

  const invalidQty = cart.some((l) => !(l.quantity > 0));
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Title order={2} mb="sm">
          {t('sell.title')}
        </Title>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const first = search.data?.items[0];
            if (text.trim()) void scan(first && debounced === text && search.data?.items.length === 1 ? first.sku : text.trim());
          }}
        >
          <TextInput
            ref={scanBox}
            size="lg"
            placeholder={t('sell.scanPlaceholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autoFocus
            data-scan-box
            aria-label={t('sell.scanPlaceholder')}
            rightSection={<Kbd>F2</Kbd>}
          />
        </form>
        {text.trim() && (search.data?.items.length ?? 0) > 0 && (
          <Paper withBorder mt={4} p={4} data-testid="search-results">
            {search.data?.items.map((p) => (
              <Group key={p.id} justify="space-between" px="xs" py={4} style={{ cursor: 'pointer' }} onClick={() => void scan(p.sku)}>
                <Text size="sm">
                  {p.name} <Text span c="dimmed" size="xs">{p.sku}</Text>
                </Text>
                <Text size="sm">{money(p.priceMinor)}</Text>
              </Group>
            ))}
          </Paper>
        )}
        {message && (
          <Alert color="red" mt="xs" data-testid="scan-error" withCloseButton onClose={() => setMessage(null)}>
            {message}
          </Alert>
        )}
        <Table mt="md" data-testid="cart" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('products.name')}</Table.Th>
              <Table.Th w={120}>{t('stock.quantity')}</Table.Th>
              <Table.Th ta="right">{t('sell.unitPrice')}</Table.Th>
              <Table.Th ta="right">{t('sell.lineTotal')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cart.map((l, i) => (
              <Table.Tr key={`${l.productId}-${i}`} data-testid={`cart-line-${l.sku}`}>
                <Table.Td>{l.name}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    ref={(el) => {
                      qtyRefs.current[i] = el;
                    }}
                    aria-label={`${t('stock.quantity')} ${l.name}`}
                    defaultValue={String(l.quantity)}
                    key={l.quantity}
                    onBlur={(e) => setQuantity(i, e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        setQuantity(i, e.currentTarget.value);
                        scanBox.current?.focus();
                      }
                    }}
                    error={!(l.quantity > 0)}
                  />
                </Table.Td>
                <Table.Td ta="right">
                  {editingPrice === i ? (
                    <TextInput
                      size="xs"
                      autoFocus
                      aria-label={`${t('sell.unitPrice')} ${l.name}`}
                      defaultValue={String(l.unitPriceMinor / 10 ** currencyDecimals(settings.currency as CurrencyCode))}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') setEditingPrice(null);
                        if (e.key === 'Enter') editPrice(i, e.currentTarget.value);
                      }}
                      onBlur={() => setEditingPrice(null)}
                    />
                  ) : (
                    <Button variant="subtle" size="compact-sm" color="dark" onClick={() => setEditingPrice(i)} aria-label={`${t('sell.editPrice')} ${l.name}`}>
                      {money(l.unitPriceMinor)}
                    </Button>
                  )}
                </Table.Td>
                <Table.Td ta="right">{priced ? money(priced.lines[i].netMinor) : '—'}</Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('sell.remove')} onClick={() => remove(i)}>
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {cart.length === 0 && (
          <Text c="dimmed" ta="center" mt="xl">
            {t('sell.empty')}
          </Text>
        )}
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md">
          <Stack gap={6}>
            {priced?.vat
              .filter((v) => v.rateBp > 0)
              .map((v) => (
                <Group key={v.rateBp} justify="space-between">
                  <Text size="sm" c="dimmed">
                    {t('sell.vatIncluded', { rate: v.rateBp / 100 })}
                  </Text>
                  <Text size="sm">{money(v.vatMinor)}</Text>
                </Group>
              ))}
            <Group justify="space-between" mt="xs">
              <Text fw={700} size="lg">
                {t('sell.total')}
              </Text>
              <Text fw={800} size="xl" data-testid="cart-total">
                {money(priced?.totalMinor ?? 0)}
              </Text>
            </Group>
            <Button size="xl" mt="sm" disabled={!cart.length || invalidQty} onClick={() => setPaying(true)}>
              {t('sell.pay')} <Kbd ml="xs">F12</Kbd>
            </Button>
          </Stack>
        </Paper>
        <Paper withBorder p="sm" mt="md">
          <Text size="xs" c="dimmed">
            <Kbd>F2</Kbd> {t('sell.keyScan')} · <Kbd>F4</Kbd> {t('sell.keyQty')} · <Kbd>F8</Kbd> {t('sell.keyRemove')} · <Kbd>F9</Kbd> {t('sell.keyReturn')} · <Kbd>F12</Kbd> {t('sell.pay')}
          </Text>
        </Paper>
      </Grid.Col>
      {paying && priced && (
        <PaymentModal totalMinor={priced.totalMinor} busy={busy} error={payError} onPay={(tenders) => void pay(tenders)} onClose={() => setPaying(false)} />
      )}
      {returning && (
        <ReturnModal
          onClose={() => setReturning(false)}
          onDone={(refund) => {
            setReturning(false);
            setDone(refund);
          }}
        />
      )}
      {done && (
        <Modal opened onClose={newSale} title={done.kind === 'return' ? t('return.done', { n: done.receiptNo }) : t('sell.doneTitle', { n: done.receiptNo })} data-testid="sale-done">
          <Stack>
            <Group justify="space-between">
              <Text>{done.kind === 'return' ? t('return.refund') : t('sell.change')}</Text>
              <Text fw={800} size="xl" data-testid="done-change">
                {money(done.kind === 'return' ? done.cart.totalMinor : done.changeMinor)}
              </Text>
            </Group>
            {done.warnings.length > 0 && <Badge color="orange">{t('stock.negativeWarning', { n: done.warnings[0].onHand })}</Badge>}
            <Group grow>
              <Button variant="light" onClick={() => void printReceipt(done)}>
                {t('sell.receipt')}
              </Button>
              <Button onClick={newSale} data-autofocus>
                {t('sell.next')} <Kbd ml="xs">{t('key.enter')}</Kbd>
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Grid>
  );
}
