import { ActionIcon, Alert, Badge, Button, Group, Kbd, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import type { ParkedSale, ScanMatch } from '../../../shared/api/contract';
import { shortDate } from '../../../shared/domain/dates';
import type { TenderInput } from '../../../shared/domain/cart';
import type { DiscountSpec } from '../../../shared/domain/discount';
import { currencyDecimals, parseMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { CompletedSale } from '../../../shared/domain/sale';
import { isWholeQuantity, MILLI } from '../../../shared/domain/quantity';
import { ApiError, call } from '../api/api';
import { errorText } from '../api/errors';
import { RoleGate, useAllowed, type Need } from '../components/RoleGate';
import { useQuery } from '../api/hooks';
import { useShop } from '../app/shop';
import { JournalLauncher } from '../features/journal/JournalLauncher';
import { downloadPdf } from '../components/pdf';
import { addToCart, fromResumed, grossOf, lineDiscountOf, priceTill, scannedIndex, toParkInput, toVoidInput, toVoidLineInput, type CartLine } from '../features/sell/cart';
import { cartStarter, startedByOther, type CartStarter } from '../features/sell/cartStarter';
import { CartStarterLine } from '../features/sell/CartStarterLine';
import { ClearCartModal } from '../features/sell/ClearCartModal';
import { DiscountModal, type DiscountTarget } from '../features/sell/DiscountModal';
import { ParkedModal } from '../features/sell/ParkedModal';
import { ParkModal } from '../features/sell/ParkModal';
import { RECEIPT_KEYS, receiptJobOf, type ReceiptJob } from '../features/sell/receiptKeys';
import { PaymentModal } from '../features/sell/PaymentModal';
import { ReturnModal } from '../features/sell/ReturnModal';
import { ScanBox, type ScanBoxHandle } from '../features/sell/ScanBox';
import { SellLayout } from '../features/sell/SellLayout';
import { ShortcutLegend, type Shortcut } from '../features/sell/ShortcutLegend';
import { useScanner } from '../features/sell/useScanner';
import { formatQuantity, inputText, parseQuantity } from '../features/stock/fields';
import { quantity as quantityField } from '../../../shared/api/fields';
import { useI18n } from '../i18n/i18n';

/**
 * The sale being rung up outlives the page: going to Stock and back, or locking the till (Alt+L
 * unmounts every page), used to drop a half-scanned cart without a trace. One till, one sale. Who
 * started it is kept with it: whoever logs in next sees it is somebody else's cart (paid now, the sale
 * is recorded in their own name).
 */
const saleInProgress: { cart: CartLine[]; saleDiscount: DiscountSpec | null; startedBy: CartStarter | null } = { cart: [], saleDiscount: null, startedBy: null };

export function SellPage() {
  const { t, locale } = useI18n();
  const { money, user, settings } = useShop();
  const allowed = useAllowed();
  const [editingPrice, setEditingPrice] = useState<number | null>(null);
  const [cart, setCart] = useState<CartLine[]>(() => saleInProgress.cart);
  const [message, setMessage] = useState<string | null>(null);
  const [paying, setPaying] = useState(false);
  const [busy, setBusy] = useState(false);
  const [payError, setPayError] = useState<string | null>(null);
  const [done, setDone] = useState<CompletedSale | null>(null);
  const [returning, setReturning] = useState(false);
  const [selected, setSelected] = useState(0);
  const [saleDiscount, setSaleDiscount] = useState<DiscountSpec | null>(() => saleInProgress.saleDiscount);
  const [startedBy, setStartedBy] = useState<CartStarter | null>(() => saleInProgress.startedBy);
  useEffect(() => {
    const next = cartStarter(cart.length, startedBy, user);
    if (next !== startedBy) setStartedBy(next);
  }, [cart.length, startedBy, user]);
  useEffect(() => {
    saleInProgress.cart = cart;
    saleInProgress.saleDiscount = saleDiscount;
    saleInProgress.startedBy = startedBy;
  }, [cart, saleDiscount, startedBy]);
  const otherStarter = startedByOther(cart.length, startedBy, user);
  const [discounting, setDiscounting] = useState<DiscountTarget | null>(null);
  const [parking, setParking] = useState(false);
  const [parkedOpen, setParkedOpen] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [parkError, setParkError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ color: string; lines: string[] } | null>(null);
  const parked = useQuery('pos.parked', {});
  const scanBox = useRef<ScanBoxHandle>(null);
  const qtyRefs = useRef<(HTMLInputElement | null)[]>([]);

  // priced as main will price it; a discount larger than its amount names the line (or the sale) at fault
  const till = priceTill(cart, cart.length ? saleDiscount : null);
  const priced = till.priced;
  const sel = Math.min(selected, cart.length - 1);
  const faultyLine = cart[Number(/^lines\.(\d+)\.discountMinor$/.exec(till.error?.field ?? '')?.[1] ?? -1)];
  const cartProblem = priced || !cart.length ? null : till.error?.field === 'saleDiscountMinor' ? t('sell.saleDiscountTooBig') : faultyLine ? t('sell.lineDiscountTooBig', { name: faultyLine.name }) : t('sell.cartInvalid');
  const [journalOpen, setJournalOpen] = useState(false);
  const idle = !paying && !done && !returning && !discounting && !parking && !parkedOpen && !clearing && !journalOpen;

  // a lot past its date still on the shelf: the cashier checks the date of the one in hand
  const expiredWords = (match: ScanMatch) => {
    const expiredTotal = match.expired.reduce((s, l) => s + l.quantity, 0);
    const first = match.expired[0];
    const vars = { name: match.product.name, lot: first.lot, date: shortDate(first.expiry, locale), n: formatQuantity(expiredTotal, locale) };
    return [t(match.product.onHand <= expiredTotal ? 'sell.allExpired' : 'sell.expiredLot', vars)];
  };
  const scan = async (code: string) => {
    // a quantity being typed when the scanner fires is taken first, so the scanned item adds to it
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && !scanBox.current?.holds(active)) active.blur();
    scanBox.current?.clear();
    try {
      const match = await call('pos.scan', { code });
      setNotice((n) => (n?.color === 'orange' ? n : null));
      if (match.expired.length) setNotice({ color: 'orange', lines: expiredWords(match) });
      setCart((c) => {
        const next = addToCart(c, match);
        setSelected(scannedIndex(c, next));
        return next;
      });
      setMessage(null);
    } catch (error) {
      if (error instanceof ApiError && error.error.code === 'not_found') setMessage(t('sell.unknownCode', { code }));
      else if (error instanceof ApiError && /check digit/.test(error.error.message)) setMessage(t('sell.badCheckDigit'));
      else setMessage(error instanceof ApiError ? error.error.message.replace(/^code: /, '') : String(error));
    }
    scanBox.current?.focus();
  };
  // the next customer's first scan closes the receipt screen and starts their sale
  useScanner(
    (code) => {
      if (done) newSale();
      void scan(code);
    },
    idle || done !== null,
  );

  // Enter sets the quantity, then the field's blur sets it again before React re-renders: this ref
  // already holds the new quantity then, so a lowered quantity is audited once
  const cartNow = useRef(cart);
  cartNow.current = cart;
  const setQuantity = (index: number, field: HTMLInputElement) => {
    const line = cartNow.current[index];
    // a price label's weight is the label's: it cannot be typed
    if (!line || line.labelCode) return;
    const q = parseQuantity(field.value, settings.locale);
    // main's own rule for a quantity (3 decimals at most, not absurdly large), and never below 0 in a sale
    if (!(q >= 0) || !quantityField.safeParse(q).success) {
      // what the till cannot read is put back as it was and said, never left on screen while the old quantity is charged
      if (field.value.trim()) setMessage(t('sell.quantityUnreadable', { text: field.value.trim() }));
      field.value = inputText(line.quantity, settings.locale);
      return;
    }
    if (!isWholeQuantity(line.unit, Math.round(q * MILLI))) {
      // main refuses part of a piece at checkout: said now, where it was typed
      setMessage(t('err.reason.whole_pieces', { name: line.name }));
      field.value = inputText(line.quantity, settings.locale);
      return;
    }
    if (q === line.quantity) return;
    // on the cart as it is when React applies it: a scan queued meanwhile is kept
    const apply = (c: typeof cart) => c.map((l, i) => (i === index && l.productId === line.productId ? { ...l, quantity: q } : l));
    cartNow.current = apply(cartNow.current);
    setCart(apply);
    // a quantity lowered before payment is audited like a removed line; if main cannot record it, the
    // line gets its quantity back
    const lowered = toVoidLineInput(line, q);
    if (!lowered) return;
    call('pos.voidLine', lowered).catch((error: unknown) => {
      setCart((c) => c.map((l) => (l.productId === line.productId && l.quantity === q ? { ...l, quantity: line.quantity } : l)));
      setMessage(errorText(error, t, locale));
    });
  };
  // a cashier is told at once; main refuses the edit at checkout whatever the screen did
  const editPrice = (index: number, text: string) => {
    setEditingPrice(null);
    if (cart[index]?.labelCode) return;
    if (user?.role === 'cashier') {
      setMessage(t('sell.priceRefused'));
      return;
    }
    const minor = parseMoney(text, settings.currency as CurrencyCode);
    if (minor === null || minor < 0) return setMessage(t('sell.priceInvalid'));
    setCart((c) => c.map((l, i) => (i === index ? { ...l, unitPriceMinor: minor, priceEdited: true } : l)));
  };
  // a removed line is audited in main (product, quantity, amount, who, when) before the till forgets it
  const remove = async (index: number) => {
    const line = cart[index];
    if (!line) return;
    const voided = toVoidLineInput(line);
    try {
      if (voided) await call('pos.voidLine', voided);
    } catch (error) {
      setMessage(errorText(error, t, locale));
      return;
    }
    setCart((c) => (c.includes(line) ? c.filter((l) => l !== line) : c.filter((_, i) => i !== index)));
    setSelected((s) => (s > index ? s - 1 : s));
    if (cart.length <= 1) setSaleDiscount(null);
  };
  const resetTill = () => {
    setCart([]);
    setSaleDiscount(null);
    setSelected(0);
  };
  const backToScan = () => setTimeout(() => scanBox.current?.focus(), 0);
  // a cleared cart is audited in main (lines, amounts, who, when) before the till forgets it
  const voidCart = async () => {
    try {
      if (cart.length) await call('pos.voidCart', toVoidInput(cart, saleDiscount));
      resetTill();
    } catch (error) {
      setMessage(errorText(error, t, locale));
    }
    setClearing(false);
    backToScan();
  };
  // a dialog gone (paid, cancelled with Escape, the journal closed): the cursor is back in the scan box,
  // so the cashier can type the next article's name at once (a scan works wherever the focus is)
  const wasIdle = useRef(idle);
  useEffect(() => {
    if (idle && !wasIdle.current) setTimeout(() => scanBox.current?.focus(), 0);
    wasIdle.current = idle;
  }, [idle]);
  const failure = (error: unknown) =>
    error instanceof ApiError ? (error.error.code === 'forbidden' ? t('sell.overrideRefused') : error.error.code === 'not_found' && error.error.field === 'id' ? t('parked.notFound') : errorText(error, t, locale)) : String(error);
  // discounts: managers and owners only; a cashier is told at once, and main refuses them anyway
  const openDiscount = (kind: 'line' | 'sale', index = sel) => {
    if (!cart.length || index < 0) return;
    if (user?.role === 'cashier') return setMessage(t('sell.discountRefused'));
    if (kind === 'line') setDiscounting({ kind: 'line', index, name: cart[index].name, baseMinor: grossOf(cart[index]) });
    else setDiscounting({ kind: 'sale', baseMinor: cart.reduce((sum, l) => sum + grossOf(l) - lineDiscountOf(l), 0) });
  };
  const applyDiscount = (spec: DiscountSpec | null) => {
    const target = discounting;
    setDiscounting(null);
    if (target?.kind === 'line') setCart((c) => c.map((l, i) => (i === target.index ? { ...l, discount: spec } : l)));
    else setSaleDiscount(spec);
    backToScan();
  };
  const park = async (label: string) => {
    setBusy(true);
    try {
      const p = await call('pos.park', toParkInput(cart, saleDiscount, label));
      resetTill();
      setParking(false);
      setParkError(null);
      setNotice({ color: 'teal', lines: [t('park.done', { label: p.label || t('park.noLabel') })] });
      parked.reload();
      backToScan();
    } catch (error) {
      setParkError(failure(error));
    } finally {
      setBusy(false);
    }
  };
  // resuming with a cart in the till parks that cart in the same transaction (a swap)
  const resume = async (sale: ParkedSale) => {
    setBusy(true);
    try {
      const r = await call('pos.resume', { id: sale.id, park: cart.length ? toParkInput(cart, saleDiscount) : undefined });
      setCart(fromResumed(r.lines));
      setSaleDiscount(r.saleDiscount);
      setSelected(Math.max(0, r.lines.length - 1));
      setParkedOpen(false);
      setParkError(null);
      const warnings = [
        ...r.priceChanges.map((c) => t('parked.priceChanged', { name: c.name, from: money(c.fromMinor), to: money(c.toMinor) })),
        ...r.dropped.map((d) => t('parked.dropped', { name: d.name })),
      ];
      setNotice({ color: warnings.length ? 'orange' : 'teal', lines: [t('parked.resumed', { label: sale.label || t('park.noLabel') }), ...warnings] });
      parked.reload();
      backToScan();
    } catch (error) {
      setParkError(failure(error));
    } finally {
      setBusy(false);
    }
  };
  const pay = async (tenders: TenderInput[]) => {
    setBusy(true);
    try {
      const sale = await call('pos.checkout', {
        lines: cart.map((l, i) => ({
          productId: l.productId,
          quantity: l.quantity,
          unitPriceMinor: l.priceEdited ? l.unitPriceMinor : undefined,
          discountMinor: priced?.lines[i].discountMinor || undefined,
          // main reads the label again and charges its amount
          labelCode: l.labelCode,
        })),
        saleDiscountMinor: priced?.saleDiscountMinor || undefined,
        tenders,
      });
      setDone(sale);
      setPaying(false);
      setPayError(null);
      setNotice(null);
      resetTill();
    } catch (error) {
      setPayError(failure(error));
    } finally {
      setBusy(false);
    }
  };
  const receiptPdf = async (sale: CompletedSale) => {
    try {
      const receipt = await call('pos.receipt', { receiptNo: sale.receiptNo, width: settings.receiptWidth });
      downloadPdf(receipt.pdfBase64, `ticket-${sale.receiptNo}.pdf`);
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t, locale) });
    }
  };
  // to the shop's printer; when the till already printed it by itself, this one is a copy (DUPLICATA)
  const printOnPrinter = async (sale: CompletedSale) => {
    try {
      await call('print.receipt', { receiptNo: sale.receiptNo, duplicate: settings.autoPrint });
      notifications.show({ color: 'green', message: t('print.printed') });
    } catch (error) {
      notifications.show({ color: 'red', message: errorText(error, t, locale) });
    }
  };
  // Enter still means "next customer", not "print again": the focus goes back to it at once, not
  // when the job is done (a slow network printer and a quick Enter printed the receipt twice), and
  // the button waits for its job
  const nextSale = useRef<HTMLButtonElement>(null);
  const [printing, setPrinting] = useState<ReceiptJob | null>(null);
  const printThen = (what: ReceiptJob, job: () => Promise<void>) => {
    nextSale.current?.focus();
    setPrinting(what);
    void job().finally(() => setPrinting(null));
  };
  const newSale = () => {
    setDone(null);
    scanBox.current?.clear();
    setTimeout(() => scanBox.current?.focus(), 0);
  };
  const receiptJob = (sale: CompletedSale, what: ReceiptJob) => printThen(what, () => (what === 'printer' ? printOnPrinter(sale) : receiptPdf(sale)));
  // Enter closes the receipt screen even before its button has the focus: the dialog takes the focus
  // only once it has opened, and a closing return dialog may hand it back to the scan box behind.
  // Ctrl+P and Ctrl+S print the ticket and give its PDF, wherever the focus is, as their buttons do
  // (not again while that job is under way).
  useEffect(() => {
    if (!done) return;
    const onKey = (e: KeyboardEvent) => {
      const job = receiptJobOf(e, settings.receiptOutput);
      if (job) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat && printing !== job) receiptJob(done, job);
        return;
      }
      if (e.key !== 'Enter' || (e.target instanceof Element && e.target.closest('button, a'))) return;
      e.preventDefault();
      e.stopPropagation();
      newSale();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [done, printing, settings.receiptOutput]);

  // every action has a key, listed in the legend below; none fires under an open dialog
  const when = (action: () => unknown) => () => void (idle && action());
  const moveLine = (step: number) => (e: KeyboardEvent) => {
    if (!idle || !cart.length) return;
    e.preventDefault();
    setSelected((s) => Math.min(cart.length - 1, Math.max(0, Math.min(s, cart.length - 1) + step)));
  };
  useHotkeys(
    [
      ['F2', () => scanBox.current?.focus()],
      ['F3', when(() => priced && cart.length > 0 && setParking(true))],
      ['F4', when(() => qtyRefs.current[sel]?.select())],
      ['F5', when(() => cart.length > 0 && !cart[sel]?.labelCode && (user?.role === 'cashier' ? setMessage(t('sell.priceRefused')) : setEditingPrice(sel)))],
      ['F6', when(() => setParkedOpen(true))],
      ['F7', when(() => openDiscount('line'))],
      ['shift+F7', when(() => openDiscount('sale'))],
      ['F8', when(() => cart.length > 0 && void remove(sel))],
      ['shift+F8', when(() => cart.length > 0 && setClearing(true))],
      // a return may start from the 'sale done' screen too
      [
        'F9',
        () => {
          if (paying || returning || discounting || parking || parkedOpen || clearing) return;
          setDone(null);
          setReturning(true);
        },
      ],
      ['F12', when(() => priced && cart.length > 0 && setPaying(true))],
      ['ArrowUp', moveLine(-1), { preventDefault: false }],
      ['ArrowDown', moveLine(1), { preventDefault: false }],
    ],
    [],
  );
  const shift = t('key.shift');
  // only the keys the user may use: a cashier pressing F5 or F7 would only be refused
  const legend: (Shortcut & { need?: Need })[] = [
    { keys: ['F2'], label: t('sell.keyScan') },
    { keys: ['↑ ↓'], label: t('sell.keyLines') },
    { keys: ['F3'], label: t('sell.keyPark') },
    { keys: ['F4'], label: t('sell.keyQty') },
    { keys: ['F5'], label: t('sell.keyPrice'), need: 'manager' },
    { keys: ['F6'], label: t('sell.keyParked') },
    { keys: ['F7'], label: t('sell.keyLineDiscount'), need: 'manager' },
    { keys: [shift, 'F7'], label: t('sell.keySaleDiscount'), need: 'manager' },
    { keys: ['F8'], label: t('sell.keyRemove') },
    { keys: [shift, 'F8'], label: t('sell.keyClear') },
    { keys: ['F9'], label: t('sell.keyReturn') },
    { keys: ['F10'], label: t('journal.open') },
    { keys: ['F12'], label: t('sell.pay') },
  ];
  const shortcuts = legend.filter((s) => !s.need || allowed(s.need));
  const grossTotal = cart.reduce((sum, l) => sum + grossOf(l), 0);
  const lineDiscounts = cart.reduce((sum, l) => sum + lineDiscountOf(l), 0);
  const percentText = (bp: number) => `${(bp / 100).toLocaleString(settings.locale === 'fr' ? 'fr-FR' : 'en-GB')} %`;

  const invalidQty = cart.some((l) => !(l.quantity > 0)) || !priced;
  return (
    <>
      <SellLayout
        head={
          <>
            <Group justify="space-between" mb="sm">
              <Title order={2}>{t('sell.title')}</Title>
              <Group gap="xs">
                <Button variant="light" disabled={!cart.length || !priced} onClick={() => setParking(true)}>
                  {t('sell.park')} <Kbd ml="xs">F3</Kbd>
                </Button>
                <Button variant="light" onClick={() => setParkedOpen(true)} data-testid="parked-button">
                  {t('sell.parkedList')}
                  {(parked.data?.length ?? 0) > 0 && (
                    <Badge ml={6} size="sm" circle data-testid="parked-count">
                      {parked.data?.length}
                    </Badge>
                  )}
                  <Kbd ml="xs">F6</Kbd>
                </Button>
              </Group>
            </Group>
            <ScanBox ref={scanBox} onScan={(code) => void scan(code)} onPickOne={(n) => setMessage(t('sell.pickOne', { n }))} onEscape={() => setMessage(null)} />
            {message && (
              <Alert color="red" mt="xs" data-testid="scan-error" withCloseButton onClose={() => setMessage(null)}>
                {message}
              </Alert>
            )}
            {notice && (
              <Alert color={notice.color} mt="xs" data-testid="sell-notice" withCloseButton onClose={() => setNotice(null)}>
                {notice.lines.map((line) => (
                  <Text key={line} size="sm">
                    {line}
                  </Text>
                ))}
              </Alert>
            )}
          </>
        }
        total={
          <Paper withBorder p="md">
            <Stack gap={6}>
              {priced && (lineDiscounts > 0 || priced.saleDiscountMinor > 0) && (
                <>
                  <Group justify="space-between">
                    <Text size="sm">{t('sell.gross')}</Text>
                    <Text size="sm">{money(grossTotal)}</Text>
                  </Group>
                  {lineDiscounts > 0 && (
                    <Group justify="space-between" data-testid="line-discounts">
                      <Text size="sm">{t('sell.lineDiscounts')}</Text>
                      <Text size="sm" c="teal">
                        −{money(lineDiscounts)}
                      </Text>
                    </Group>
                  )}
                  {priced.saleDiscountMinor > 0 && (
                    <Group justify="space-between" data-testid="sale-discount">
                      <Text size="sm">
                        {t('sell.saleDiscount')} {saleDiscount?.kind === 'percent' ? percentText(saleDiscount.bp) : ''}
                      </Text>
                      <Text size="sm" c="teal">
                        −{money(priced.saleDiscountMinor)}
                      </Text>
                    </Group>
                  )}
                </>
              )}
              {cartProblem && (
                <Alert color="red" p="xs" data-testid="cart-problem">
                  {cartProblem}
                </Alert>
              )}
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
        }
        cart={
          <>
            {otherStarter && (
              <CartStarterLine
                name={otherStarter.name}
                onKeep={() => {
                  if (user) setStartedBy({ id: user.id, name: user.name });
                  backToScan();
                }}
                onEmpty={() => setClearing(true)}
              />
            )}
            <Table data-testid="cart" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.name')}</Table.Th>
                  <Table.Th w={120}>{t('stock.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('sell.unitPrice')}</Table.Th>
                  <Table.Th ta="right">{t('sell.lineTotal')}</Table.Th>
                  <Table.Th w={64} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cart.map((l, i) => (
                  <Table.Tr
                    key={`${l.productId}-${i}`}
                    data-testid={`cart-line-${l.sku}`}
                    aria-selected={i === sel}
                    bg={i === sel ? 'var(--mantine-primary-color-light)' : undefined}
                    onClick={() => setSelected(i)}
                  >
                    <Table.Td>
                      {l.name}
                      {l.labelCode && l.amountMinor !== undefined && (
                        <Text size="xs" c="dimmed" data-testid={`price-label-${l.sku}`}>
                          {t('sell.priceLabel', { amount: money(l.amountMinor) })}
                        </Text>
                      )}
                      {l.discount && (
                        <Text size="xs" c={lineDiscountOf(l) > grossOf(l) ? 'red' : 'teal'} data-testid={`line-discount-${l.sku}`}>
                          {t('sell.discount')} {l.discount.kind === 'percent' ? `${percentText(l.discount.bp)} ` : ''}−{money(lineDiscountOf(l))}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        ref={(el) => {
                          qtyRefs.current[i] = el;
                        }}
                        aria-label={`${t('stock.quantity')} ${l.name}`}
                        defaultValue={inputText(l.quantity, settings.locale)}
                        key={l.quantity}
                        onBlur={(e) => setQuantity(i, e.currentTarget)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') {
                            setQuantity(i, e.currentTarget);
                            scanBox.current?.focus();
                          }
                          // the figure typed is dropped: the line keeps its quantity (the blur finds nothing to change)
                          if (e.key === 'Escape') {
                            const line = cartNow.current[i];
                            if (line) e.currentTarget.value = inputText(line.quantity, settings.locale);
                            scanBox.current?.focus();
                          }
                        }}
                        error={!(l.quantity > 0)}
                        readOnly={Boolean(l.labelCode)}
                      />
                    </Table.Td>
                    <Table.Td ta="right">
                      {editingPrice === i ? (
                        <TextInput
                          size="xs"
                          autoFocus
                          aria-label={`${t('sell.unitPrice')} ${l.name}`}
                          defaultValue={inputText(l.unitPriceMinor / 10 ** currencyDecimals(settings.currency as CurrencyCode), settings.locale)}
                          onKeyDown={(e) => {
                            if (e.key === 'Escape') setEditingPrice(null);
                            if (e.key === 'Enter') editPrice(i, e.currentTarget.value);
                            if (e.key === 'Escape' || e.key === 'Enter') backToScan();
                          }}
                          onBlur={() => setEditingPrice(null)}
                        />
                      ) : l.labelCode ? (
                        <Text size="sm">{money(l.unitPriceMinor)}</Text>
                      ) : (
                        <RoleGate need="manager">
                          <Button variant="subtle" size="compact-sm" color="dark" onClick={() => setEditingPrice(i)} aria-label={`${t('sell.editPrice')} ${l.name}`}>
                            {money(l.unitPriceMinor)}
                          </Button>
                        </RoleGate>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{money(grossOf(l) - lineDiscountOf(l))}</Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <RoleGate need="manager">
                          <ActionIcon variant="subtle" color={l.discount ? 'teal' : 'gray'} aria-label={`${t('sell.lineDiscountButton')} ${l.name}`} onClick={() => openDiscount('line', i)}>
                            %
                          </ActionIcon>
                        </RoleGate>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('sell.remove')} onClick={() => void remove(i)}>
                          ×
                        </ActionIcon>
                      </Group>
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
            {cart.length > 0 && (
              <Group gap="xs" mt="sm">
                {/* discounts and price changes: main refuses them to a cashier at checkout */}
                <RoleGate need="manager">
                  <Button variant="default" size="xs" onClick={() => openDiscount('line')}>
                    {t('sell.lineDiscountButton')} <Kbd ml="xs">F7</Kbd>
                  </Button>
                </RoleGate>
                <RoleGate need="manager">
                  <Button variant="default" size="xs" onClick={() => openDiscount('sale')}>
                    {t('sell.saleDiscount')} <Kbd ml="xs">{shift}+F7</Kbd>
                  </Button>
                </RoleGate>
                <Button variant="default" size="xs" onClick={() => setClearing(true)}>
                  {t('sell.clear')} <Kbd ml="xs">{shift}+F8</Kbd>
                </Button>
              </Group>
            )}
          </>
        }
        legend={
          <>
            <ShortcutLegend title={t('sell.shortcuts')} shortcuts={shortcuts} cols={{ base: 2, sm: 3, lg: 1 }} />
            <JournalLauncher onOpenChange={setJournalOpen} />
          </>
        }
      />
      {paying && priced && (
        <PaymentModal totalMinor={priced.totalMinor} busy={busy} error={payError} onPay={(tenders) => void pay(tenders)} onClose={() => setPaying(false)} />
      )}
      {discounting && (
        <DiscountModal
          target={discounting}
          current={discounting.kind === 'line' ? (cart[discounting.index]?.discount ?? null) : saleDiscount}
          onApply={applyDiscount}
          onClose={() => {
            setDiscounting(null);
            backToScan();
          }}
        />
      )}
      {parking && priced && (
        <ParkModal
          totalMinor={priced.totalMinor}
          busy={busy}
          error={parkError}
          onPark={(label) => void park(label)}
          onClose={() => {
            setParking(false);
            setParkError(null);
          }}
        />
      )}
      {parkedOpen && (
        <ParkedModal
          tillBusy={cart.length > 0}
          busy={busy}
          error={parkError}
          onResume={(sale) => void resume(sale)}
          onDiscarded={(sale) => {
            setNotice({ color: 'teal', lines: [t('parked.discarded', { label: sale.label || t('park.noLabel') })] });
            parked.reload();
          }}
          onClose={() => {
            setParkedOpen(false);
            setParkError(null);
            backToScan();
          }}
        />
      )}
      {clearing && (
        <ClearCartModal
          lineCount={cart.length}
          onConfirm={() => void voidCart()}
          onClose={() => setClearing(false)}
        />
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
        <Modal opened onClose={newSale} title={done.kind === 'return' ? t('return.done', { n: done.receiptNo }) : t('sell.doneTitle', { n: done.receiptNo })} size={520} data-testid="sale-done">
          <Stack>
            <Group justify="space-between">
              <Text>{done.kind === 'return' ? t('return.refund') : t('sell.change')}</Text>
              <Text fw={800} size="xl" data-testid="done-change">
                {money(done.kind === 'return' ? done.cart.totalMinor : done.changeMinor)}
              </Text>
            </Group>
            {done.warnings.length > 0 && <Badge color="orange">{t('stock.negativeWarning', { n: formatQuantity(done.warnings[0].onHand, locale) })}</Badge>}
            <Group grow>
              {settings.receiptOutput !== 'pdf' && (
                <Button variant="light" loading={printing === 'printer'} onClick={() => receiptJob(done, 'printer')} data-testid="print-receipt">
                  {t('print.print')} <Kbd ml="xs">{RECEIPT_KEYS.printer}</Kbd>
                </Button>
              )}
              <Button variant="light" loading={printing === 'pdf'} onClick={() => receiptJob(done, 'pdf')}>
                {t('sell.receipt')} <Kbd ml="xs">{RECEIPT_KEYS.pdf}</Kbd>
              </Button>
            </Group>
            {/* a row of its own (and a wider dialog): side by side, the buttons cut their names and keys short */}
            <Button onClick={newSale} data-autofocus ref={nextSale}>
              {t('sell.next')} <Kbd ml="xs">{t('key.enter')}</Kbd>
            </Button>
          </Stack>
        </Modal>
      )}
    </>
  );
}
