import { Alert, Badge, Button, Checkbox, Group, Kbd, List, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StockCount, StockCountLine } from '../../../../shared/api/contract';
import { shortTime } from '../../../../shared/domain/dates';
import { roleAtLeast } from '../../../../shared/domain/user';
import { api, ApiError, call } from '../../api/api';
import { stockReasonText } from '../../api/error-text';
import { errorText } from '../../api/errors';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { unitName } from '../../../../shared/domain/quantity';
import type { MessageKey } from '../../i18n/messages';
import { downloadPdf, printPdf } from '../../components/pdf';
import { useScanner } from '../sell/useScanner';
import { stockFailure } from '../stock/errors';
import { formatQuantity, inputText, readQuantity, restoreFocusedField } from '../stock/fields';
import { COUNT_STATUS_COLORS } from './CountsPanel';
import { foldForSearch } from '../../../../shared/domain/search';

/** A moment as a datetime-local input writes it: local time, to the minute. */
const localInput = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/**
 * One count, on screen: type each counted quantity (Enter goes to the next line) or scan the articles
 * one by one (each scan adds 1 and brings its line into view). A manager sees the expected quantity,
 * the difference and its value at cost, and applies the count; a cashier counts blind.
 */
export function CountScreen({ id, active, onBack }: { id: number; active: boolean; onBack: () => void }) {
  const { t, locale } = useI18n();
  const { money, settings, user } = useShop();
  const manager = user !== null && roleAtLeast(user.role, 'manager');
  const [count, setCount] = useState<StockCount | null>(null);
  const [filter, setFilter] = useState('');
  const [flash, setFlash] = useState<number | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState<'apply' | 'cancel' | null>(null);
  // a counted line typed again after its product sold: a typing mistake fixed, or a new counting?
  const [asking, setAsking] = useState<{ line: StockCountLine; value: number } | null>(null);
  const [applied, setApplied] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // typing in a paper sheet: when it was counted (a datetime-local value), so the sales since are not losses
  const [paper, setPaper] = useState(false);
  const [paperAt, setPaperAt] = useState('');
  const [paperError, setPaperError] = useState<string | null>(null);
  const paperInput = useRef<HTMLInputElement>(null);
  const inputs = useRef(new Map<number, HTMLInputElement | null>());
  const qty = (n: number) => formatQuantity(n, settings.locale);
  const signed = (n: number) => (n > 0 ? `+${qty(n)}` : qty(n));
  const signedMoney = (n: number) => (n > 0 ? `+${money(n)}` : money(n));
  const time = (iso: string | null) => (iso ? shortTime(iso, settings.locale) : '');
  const date = (iso: string) => new Date(iso).toLocaleString(settings.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  const load = useCallback(() => {
    call('counts.get', { id })
      .then(setCount)
      .catch((error: unknown) => stockFailure(error, t, []));
  }, [id, t]);
  useEffect(() => load(), [load]);
  // sales during the count change what is expected: follow them
  useEffect(() => api.on('stock.changed', () => load()), [load]);

  const open = count?.status === 'open';
  const box = useRef<HTMLInputElement>(null);
  /**
   * A scan adds 1 and brings its line into view; the cursor stays where it is, so the next scan, a
   * moment later, cannot land half in one field and half in another.
   */
  const onScan = async (code: string) => {
    restoreFocusedField();
    try {
      const result = await call('counts.scan', { id, code });
      setScanError(null);
      setCount(result.count);
      setFlash(result.productId);
      setFilter('');
      setTimeout(() => inputs.current.get(result.productId)?.scrollIntoView({ block: 'center' }), 0);
    } catch (error) {
      const known = error instanceof ApiError ? stockReasonText(error.error, t) : null;
      setScanError(`${code} — ${known ?? errorText(error, t, locale)}`);
    }
  };
  const goTo = (productId: number | undefined) => {
    const input = productId === undefined ? undefined : inputs.current.get(productId);
    input?.focus();
    input?.select();
  };
  /** Enter in the box: digits are a barcode (scanned or typed), anything else goes to the first line it matches. */
  const onBoxEnter = (text: string) => {
    const code = text.trim();
    if (!code) return;
    const first = lines[0];
    if (!/^\d{4,}$/.test(code) && first) return goTo(first.productId);
    setFilter('');
    void onScan(code);
  };
  useScanner((code) => void onScan(code), active && open);

  const clearError = (productId: number) =>
    setRowErrors((e) => {
      const next = { ...e };
      delete next[productId];
      return next;
    });
  const commit = async (line: StockCountLine, text: string) => {
    // an empty box un-counts the line
    const read = text.trim() === '' ? null : readQuantity(text, locale);
    if (read && (!read.ok || read.value < 0)) {
      setRowErrors((e) => ({ ...e, [line.productId]: read.ok ? t('err.negative') : t(read.error) }));
      return;
    }
    const value = read ? read.value : null;
    // what was already saved, typed again over a refused text: only the error goes
    if (value === line.counted) return clearError(line.productId);
    const countedAt = paper && value !== null && paperAt ? new Date(paperAt) : null;
    if (paper && value !== null && (countedAt === null || Number.isNaN(countedAt.getTime()))) {
      setRowErrors((e) => ({ ...e, [line.productId]: t('counts.paperNeeded') }));
      setPaperError(t('counts.paperNeeded'));
      paperInput.current?.focus();
      return;
    }
    if (!paper && value !== null && line.counted !== null && line.movedSinceCounted) return setAsking({ line, value });
    await save(line, value, { ...(countedAt ? { countedAt: countedAt.toISOString() } : {}) });
  };
  const save = async (line: StockCountLine, value: number | null, options: { countedAt?: string; correction?: boolean }) => {
    try {
      setCount(await call('counts.set', { id, productId: line.productId, counted: value, ...options }));
      clearError(line.productId);
      setPaperError(null);
    } catch (error) {
      const fields = stockFailure(error, t, ['counted', 'countedAt']);
      if (fields.countedAt) setPaperError(fields.countedAt);
      const text = fields.counted ?? fields.countedAt;
      if (text) setRowErrors((e) => ({ ...e, [line.productId]: text }));
    }
  };

  const sheet = async (print: boolean) => {
    try {
      const doc = await call('counts.sheet', { id });
      if (print) printPdf(doc.pdfBase64);
      else downloadPdf(doc.pdfBase64, `${doc.reference}.pdf`);
      // back to the search box, ready for the scanner
      box.current?.focus();
    } catch (error) {
      stockFailure(error, t, []);
    }
  };
  const close = async (what: 'apply' | 'cancel') => {
    setBusy(true);
    try {
      if (what === 'apply') {
        const result = await call('counts.apply', { id });
        setCount(result.count);
        setApplied(result.movementIds.length);
      } else {
        setCount(await call('counts.cancel', { id }));
      }
    } catch (error) {
      stockFailure(error, t, []);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  if (!count) return <Text c="dimmed">{t('common.loading')}</Text>;
  const f = foldForSearch(filter.trim());
  const lines = f ? count.lines.filter((l) => foldForSearch(`${l.name} ${l.sku} ${l.barcode ?? ''}`).includes(f)) : count.lines;
  const notCounted = count.lines.length - count.countedLines;
  const values = count.withValues;
  const categoryName = count.category === null ? t('counts.allShop') : count.category || t('counts.noCategory');

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={3} data-testid="count-title">
              {t('counts.heading', { ref: count.reference, category: categoryName })}
            </Title>
            <Badge color={COUNT_STATUS_COLORS[count.status]} variant="light" data-testid="count-status">
              {t(`counts.status.${count.status}` as MessageKey)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t('counts.startedBy', { d: date(count.startedAt), name: count.startedBy })}
            {count.closedAt && ` · ${t(count.status === 'applied' ? 'counts.appliedOn' : 'counts.cancelledOn', { d: date(count.closedAt), name: count.closedBy ?? '' })}`}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={onBack}>
            {t('counts.back')}
          </Button>
          <Button variant="light" onClick={() => void sheet(false)}>
            {t('counts.sheet')}
          </Button>
          <Button variant="light" onClick={() => void sheet(true)}>
            {t('counts.print')}
          </Button>
          {open && manager && (
            <>
              <Button variant="subtle" color="gray" onClick={() => setConfirming('cancel')}>
                {t('counts.cancel')}
              </Button>
              <Button onClick={() => setConfirming('apply')}>{t('counts.apply')}</Button>
            </>
          )}
        </Group>
      </Group>

      {open && (
        <Alert color="blue" variant="light" data-testid="count-help">
          <List size="sm" spacing={2}>
            <List.Item>{t('counts.howScan')}</List.Item>
            <List.Item>{t('counts.howSales')}</List.Item>
            <List.Item>{t('counts.untouched')}</List.Item>
            {!values && <List.Item>{t('counts.blind')}</List.Item>}
          </List>
        </Alert>
      )}
      {applied !== null && (
        <Alert color="green" data-testid="count-applied" withCloseButton onClose={() => setApplied(null)}>
          {t('counts.applied', { ref: count.reference, n: applied })}
        </Alert>
      )}
      {scanError && (
        <Alert color="red" data-testid="count-scan-error" withCloseButton onClose={() => setScanError(null)}>
          {scanError}
        </Alert>
      )}

      <Paper withBorder p="sm">
        <Group justify="space-between" mb="xs">
          <TextInput
            ref={box}
            placeholder={t('counts.filter')}
            aria-label={t('counts.filter')}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                onBoxEnter(e.currentTarget.value);
              }
            }}
            // the box handles a scanner's Enter itself, like the till's scan box
            data-scan-box
            autoFocus
            w={320}
          />
          {open && (
            <Group gap="xs" align="flex-start" data-testid="count-paper">
              <Checkbox
                mt={6}
                label={t('counts.paper')}
                checked={paper}
                onChange={(e) => {
                  setPaper(e.currentTarget.checked);
                  setPaperError(null);
                  if (e.currentTarget.checked) setTimeout(() => paperInput.current?.focus(), 0);
                }}
              />
              {paper && (
                <TextInput
                  ref={paperInput}
                  type="datetime-local"
                  size="xs"
                  aria-label={t('counts.paperAt')}
                  label={t('counts.paperAt')}
                  description={t('counts.paperHelp')}
                  value={paperAt}
                  min={localInput(new Date(count.startedAt))}
                  max={localInput(new Date())}
                  onChange={(e) => {
                    setPaperAt(e.currentTarget.value);
                    setPaperError(null);
                  }}
                  error={paperError}
                  maw={360}
                />
              )}
            </Group>
          )}
          <Group gap="lg">
            <Text size="sm" data-testid="count-progress">
              {t('counts.countedOf', { n: count.countedLines, total: count.lines.length })}
              {notCounted > 0 && ` · ${t('counts.leftUntouched', { n: notCounted })}`}
            </Text>
            {count.totals && (
              <Text size="sm" fw={600} data-testid="count-totals">
                {t('counts.totals', { n: count.totals.varianceLines, gain: signedMoney(count.totals.gainMinor), loss: money(count.totals.lossMinor), net: signedMoney(count.totals.netMinor) })}
              </Text>
            )}
          </Group>
        </Group>
        <Table verticalSpacing={4} striped highlightOnHover data-testid="count-lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>{t('counts.number')}</Table.Th>
              <Table.Th>{t('products.sku')}</Table.Th>
              <Table.Th>{t('products.name')}</Table.Th>
              <Table.Th>{t('counts.unit')}</Table.Th>
              <Table.Th w={130}>{t('counts.counted')}</Table.Th>
              {values && (
                <>
                  <Table.Th ta="right">{t('counts.expected')}</Table.Th>
                  <Table.Th ta="right">{t('counts.variance')}</Table.Th>
                  <Table.Th ta="right">{t('counts.value')}</Table.Th>
                  {open && <Table.Th ta="right">{t('counts.moved')}</Table.Th>}
                </>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => (
              <Table.Tr key={l.productId} data-testid={`count-line-${l.sku}`} bg={flash === l.productId ? 'yellow.1' : undefined}>
                <Table.Td c="dimmed">{l.lineNo}</Table.Td>
                <Table.Td>
                  <Text size="sm">{l.sku}</Text>
                  {l.barcode && (
                    <Text size="xs" c="dimmed">
                      {l.barcode}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {l.name}
                  {count.category === null && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {l.category}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{unitName(l.unit, locale)}</Table.Td>
                <Table.Td>
                  {open ? (
                    <TextInput
                      size="xs"
                      key={`${l.productId}:${l.counted}`}
                      ref={(el) => {
                        inputs.current.set(l.productId, el);
                      }}
                      aria-label={`${t('counts.counted')} ${l.name}`}
                      data-committed={inputText(l.counted, settings.locale)}
                      placeholder={t('counts.notCounted')}
                      inputMode="decimal"
                      defaultValue={inputText(l.counted, settings.locale)}
                      onBlur={(e) => void commit(l, e.currentTarget.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') {
                          e.preventDefault();
                          // searching line by line: back to the search; walking the sheet: the next line
                          if (f) {
                            setFilter('');
                            box.current?.focus();
                            return;
                          }
                          const after = lines[i + 1];
                          if (after) goTo(after.productId);
                          else e.currentTarget.blur();
                        }
                        if (e.key === 'Escape') {
                          e.currentTarget.value = inputText(l.counted, settings.locale);
                          box.current?.focus();
                        }
                      }}
                      error={rowErrors[l.productId]}
                    />
                  ) : (
                    <Text size="sm" data-testid="counted">
                      {l.counted === null ? '—' : qty(l.counted)}
                    </Text>
                  )}
                </Table.Td>
                {values && (
                  <>
                    <Table.Td ta="right" data-testid="expected">
                      {l.expected === null ? '—' : qty(l.expected)}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="variance" c={l.variance ? (l.variance < 0 ? 'red' : 'teal') : undefined} fw={l.variance ? 600 : undefined}>
                      {l.variance === null ? '' : signed(l.variance)}
                    </Table.Td>
                    <Table.Td ta="right" data-testid="variance-value" c={l.varianceValueMinor ? (l.varianceValueMinor < 0 ? 'red' : 'teal') : undefined}>
                      {l.varianceValueMinor === null ? '' : signedMoney(l.varianceValueMinor)}
                    </Table.Td>
                    {open && (
                      <Table.Td ta="right" c="dimmed">
                        {l.movedDuringCount ? signed(l.movedDuringCount) : ''}
                      </Table.Td>
                    )}
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {open && (
          <Text size="xs" c="dimmed" mt="xs">
            <Kbd>{t('key.enter')}</Kbd> {t('counts.keyNext')} · {t('counts.keyScan')} · <Kbd>Esc</Kbd> {t('counts.keyUndo')} · {t('counts.keyBox')}
          </Text>
        )}
      </Paper>

      {asking && (
        <Modal
          opened
          onClose={() => {
            // neither: the line keeps its saved figure
            const input = inputs.current.get(asking.line.productId);
            if (input) input.value = inputText(asking.line.counted, settings.locale);
            setAsking(null);
          }}
          title={t('counts.fixTitle', { name: asking.line.name })}
          size="lg"
        >
          <Stack>
            <Text size="sm" data-testid="count-fix">
              {t('counts.fixBody', { time: time(asking.line.countedAt), from: qty(asking.line.counted ?? 0), to: qty(asking.value) })}
            </Text>
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  setAsking(null);
                  void save(asking.line, asking.value, { correction: false });
                }}
              >
                {t('counts.fixRecount')}
              </Button>
              <Button
                data-autofocus
                onClick={() => {
                  setAsking(null);
                  void save(asking.line, asking.value, { correction: true });
                }}
              >
                {t('counts.fixTypo', { time: time(asking.line.countedAt) })} <Kbd ml="xs">{t('key.enter')}</Kbd>
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {confirming && count.totals && (
        <Modal opened onClose={() => setConfirming(null)} title={t(confirming === 'apply' ? 'counts.confirmTitle' : 'counts.cancelTitle', { ref: count.reference })}>
          <Stack>
            <Text size="sm" data-testid="count-confirm">
              {confirming === 'apply'
                ? t('counts.confirmBody', { n: count.totals.varianceLines, net: signedMoney(count.totals.netMinor), left: notCounted })
                : t('counts.cancelBody')}
            </Text>
            {/* Enter applies a count; dropping one's counts takes a click, and Enter there keeps it */}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)} data-autofocus={confirming === 'cancel' || undefined}>
                {confirming === 'apply' ? t('common.cancel') : t('counts.keep')}
              </Button>
              <Button color={confirming === 'apply' ? undefined : 'red'} loading={busy} onClick={() => void close(confirming)} data-autofocus={confirming === 'apply' || undefined}>
                {confirming === 'apply' ? t('counts.confirm') : t('counts.cancel')}
                {confirming === 'apply' && <Kbd ml="xs">{t('key.enter')}</Kbd>}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
