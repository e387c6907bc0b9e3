import { Alert, Badge, Button, Grid, Group, Kbd, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SalesDay } from '../../../../shared/api/contracts/journal';
import { ISO_DATE } from '../../../../shared/domain/dates';
import { call } from '../../api/api';
import { errorText } from '../../api/errors';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { handleFailure } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { downloadPdf } from '../../components/pdf';
import { CashCountPanel } from './CashCountPanel';
import { CashMovesPanel } from './CashMovesPanel';
import { longDate, timeOf } from './words';

/** Each column scrolls on its own under the date bar, so a small screen keeps both in view. */
const COLUMN = { maxHeight: 'calc(100vh - 160px)', overflowY: 'auto' } as const;

function Figure(props: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fw={800} size="xl" data-testid={props.testId}>
        {props.value}
      </Text>
      {props.detail && (
        <Text size="xs" c="dimmed">
          {props.detail}
        </Text>
      )}
    </Paper>
  );
}

/**
 * The sales journal of a business day, full screen over the Sell page: every sale and return, totals
 * by tender, reprints (↑ ↓ and Enter), the Z report PDF and the end-of-day cash count. A cashier sees
 * today; a manager or the owner may pick another day (main enforces both).
 */
export function JournalModal(props: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const [date, setDate] = useState<string | null>(null);
  const [dateText, setDateText] = useState('');
  const journal = useQuery('journal.day', date ? { date } : {}, [date]);
  const day: SalesDay | null = journal.data;
  const [selected, setSelected] = useState(0);
  const [width, setWidth] = useState<'80' | '58'>('80');
  const [dateError, setDateError] = useState<string | undefined>();
  const countInput = useRef<HTMLInputElement | null>(null);
  const moveInput = useRef<HTMLInputElement | null>(null);
  const dateInput = useRef<HTMLInputElement | null>(null);
  const rows = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (day) setDateText(day.date);
  }, [day?.date]);
  useEffect(() => {
    setSelected((s) => Math.min(s, Math.max(0, (day?.entries.length ?? 1) - 1)));
  }, [day?.entries.length]);
  // the list arrives after the modal has put the focus on its first button (the ✕): once it is there,
  // ↑ ↓ and Enter work on it at once, unless the focus has meanwhile gone into a field
  const listFocused = useRef(false);
  const hasEntries = (day?.entries.length ?? 0) > 0;
  useEffect(() => {
    if (!hasEntries || listFocused.current || !rows.current) return;
    listFocused.current = true;
    const at = document.activeElement;
    if (at instanceof HTMLInputElement || at instanceof HTMLTextAreaElement) return;
    rows.current.focus();
  }, [hasEntries]);
  useEffect(() => {
    if (journal.error) setDateError(handleFailure(journal.error, t, ['date']).date);
  }, [journal.error, t]);

  // a copy marked DUPLICATA: on the shop's printer when one is set, otherwise as a PDF
  const reprint = async (receiptNo: number) => {
    try {
      if (settings.receiptOutput !== 'pdf') {
        await call('print.receipt', { receiptNo, duplicate: true });
        notifications.show({ color: 'green', message: t('print.printed') });
        return;
      }
      const doc = await call('journal.reprint', { receiptNo, width: width === '80' ? 80 : 58 });
      downloadPdf(doc.pdfBase64, `ticket-${receiptNo}.pdf`);
    } catch (error) {
      handleFailure(error, t, []);
    }
  };
  const zReport = async (paper: 'a4' | '80') => {
    if (!day) return;
    try {
      const doc = await call('journal.zReport', { date: day.date, paper });
      downloadPdf(doc.pdfBase64, doc.fileName);
    } catch (error) {
      handleFailure(error, t, []);
    }
  };
  const pickDate = (value: string) => {
    setDateText(value);
    if (ISO_DATE.test(value)) {
      setDateError(undefined);
      setDate(value);
    }
  };

  // While the journal is open its keys win, wherever the focus is: the Sell page's F2..F12 (listened
  // for on the document) must not act behind it; F10 closes it again; Alt+Z, Alt+C, Alt+D act here,
  // matched on the letter typed (e.key), not the key's place: Z is where QWERTY has W on a French keyboard
  const actions = useRef<Record<string, () => void>>({});
  actions.current = {
    F10: props.onClose,
    'alt+z': () => void zReport('a4'),
    'alt+c': () => countInput.current?.select(),
    'alt+s': () => moveInput.current?.focus(),
    'alt+d': () => dateInput.current?.focus(),
  };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const key = /^F\d+$/.test(e.key) ? e.key : e.altKey && !e.ctrlKey && !e.metaKey ? `alt+${e.key.toLowerCase()}` : null;
      if (!key || (!key.startsWith('F') && !actions.current[key])) return;
      e.stopPropagation();
      e.preventDefault();
      actions.current[key]?.();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  const onRowsKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const n = day?.entries.length ?? 0;
    if (!n) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const to = Math.max(0, Math.min(n - 1, selected + (e.key === 'ArrowDown' ? 1 : -1)));
      setSelected(to);
      rows.current?.querySelector(`[data-row="${to}"]`)?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter' && day) {
      e.preventDefault();
      void reprint(day.entries[selected].receiptNo);
    }
  };

  const title = day ? t('journal.title', { date: longDate(day.date, locale) }) : t('common.loading');
  return (
    <Modal opened onClose={props.onClose} fullScreen title={<Title order={3}>{title}</Title>} data-testid="journal">
      <div>
        <Group align="end" mb="md" gap="md">
          <TextInput
            ref={dateInput}
            type="date"
            label={
              <>
                {t('journal.date')} {day?.canPickDate && <Kbd size="xs">Alt+D</Kbd>}
              </>
            }
            value={dateText}
            max={day?.today}
            disabled={!day?.canPickDate}
            onChange={(e) => pickDate(e.currentTarget.value)}
            error={dateError}
            w={200}
          />
          {day?.canPickDate && day.date !== day.today && (
            <Button variant="subtle" onClick={() => pickDate(day.today)}>
              {t('journal.today')}
            </Button>
          )}
          {day && !day.canPickDate && (
            <Text size="sm" c="dimmed" maw={420}>
              {t('journal.cashierToday')}
            </Text>
          )}
          <Group ml="auto" gap="xs">
            <Button variant="light" onClick={() => void zReport('a4')} disabled={!day}>
              {t('journal.zPdf')} <Kbd ml="xs">Alt+Z</Kbd>
            </Button>
            <Button variant="default" onClick={() => void zReport('80')} disabled={!day}>
              {t('journal.zRoll')}
            </Button>
          </Group>
        </Group>

        {journal.error && !day && (
          <Alert color="red" data-testid="journal-error">
            {errorText(journal.error, t, locale)}
          </Alert>
        )}

        {day && (
          <Grid gap="md">
            <Grid.Col span={{ base: 12, lg: 7 }} style={COLUMN}>
              <Stack gap="md">
                <SimpleGrid cols={4} spacing="sm">
                  <Figure label={t('journal.sales')} value={money(day.sales.totalMinor)} detail={t('journal.salesCount', { n: day.sales.count })} testId="journal-sales" />
                  <Figure
                    label={t('journal.returns')}
                    value={day.returns.totalMinor ? `−${money(day.returns.totalMinor)}` : money(0)}
                    detail={t('journal.returnsCount', { n: day.returns.count })}
                    testId="journal-returns"
                  />
                  <Figure label={t('journal.net')} value={money(day.netMinor)} testId="journal-net" />
                  <Figure label={t('journal.basket')} value={money(day.averageBasketMinor)} testId="journal-basket" />
                </SimpleGrid>

                <Paper withBorder p="sm">
                  <Title order={5} mb={4}>
                    {t('journal.byTender')}
                  </Title>
                  <Table data-testid="journal-tenders" verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('journal.tender')}</Table.Th>
                        <Table.Th ta="right">{t('journal.salesWith')}</Table.Th>
                        <Table.Th ta="right">{t('journal.taken')}</Table.Th>
                        <Table.Th ta="right">{t('journal.refunded')}</Table.Th>
                        <Table.Th ta="right">{t('journal.netTender')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {day.tenders.map((x) => (
                        <Table.Tr key={x.tender} data-testid={`tender-${x.tender}`}>
                          <Table.Td>{t(`tender.${x.tender}` as MessageKey)}</Table.Td>
                          <Table.Td ta="right">{x.salesCount}</Table.Td>
                          <Table.Td ta="right">{money(x.takenMinor)}</Table.Td>
                          <Table.Td ta="right">{x.refundedMinor ? `−${money(x.refundedMinor)}` : ''}</Table.Td>
                          <Table.Td ta="right" fw={700}>
                            {money(x.netMinor)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t(day.cash ? 'journal.cashTakenHint' : 'journal.cashBlind')}
                  </Text>
                </Paper>

                <Paper withBorder p="sm">
                  <Group justify="space-between" mb={4}>
                    <Title order={5}>{t('journal.entries')}</Title>
                    <Group gap="xs">
                      <Text size="sm" c="dimmed">
                        {t('journal.width')}
                      </Text>
                      <SegmentedControl size="xs" value={width} onChange={(v) => setWidth(v as '80' | '58')} data={[{ value: '80', label: '80 mm' }, { value: '58', label: '58 mm' }]} />
                    </Group>
                  </Group>
                  {day.entries.length === 0 ? (
                    <Text c="dimmed" ta="center" py="md">
                      {t('journal.empty')}
                    </Text>
                  ) : (
                    <div ref={rows} tabIndex={0} onKeyDown={onRowsKey} data-autofocus data-testid="journal-entries" style={{ maxHeight: 'calc(100vh - 560px)', minHeight: 200, overflowY: 'auto', outline: 'none' }}>
                      <Table verticalSpacing={4} highlightOnHover stickyHeader>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('journal.receiptNo')}</Table.Th>
                            <Table.Th>{t('journal.time')}</Table.Th>
                            <Table.Th>{t('journal.cashier')}</Table.Th>
                            <Table.Th>{t('journal.kind')}</Table.Th>
                            <Table.Th>{t('journal.payment')}</Table.Th>
                            <Table.Th ta="right">{t('journal.total')}</Table.Th>
                            <Table.Th />
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {day.entries.map((e, i) => (
                            <Table.Tr
                              key={e.receiptNo}
                              data-row={i}
                              data-testid={`entry-${e.receiptNo}`}
                              bg={i === selected ? 'var(--mantine-color-blue-light)' : undefined}
                              onClick={() => setSelected(i)}
                            >
                              <Table.Td fw={600}>{e.receiptNo}</Table.Td>
                              <Table.Td>{timeOf(e.at, locale)}</Table.Td>
                              <Table.Td>{e.cashier}</Table.Td>
                              <Table.Td>
                                {e.kind === 'sale' ? (
                                  t('journal.kindSale')
                                ) : (
                                  <Badge color="orange" variant="light">
                                    {t('journal.kindReturn', { n: e.originalReceiptNo ?? '?' })}
                                  </Badge>
                                )}
                              </Table.Td>
                              <Table.Td>
                                <Text size="sm">
                                  {e.tenders.map((x) => `${t(`tender.${x.tender}` as MessageKey)} ${money(x.amountMinor)}`).join(' + ')}
                                  {e.changeMinor > 0 && (
                                    <Text span size="xs" c="dimmed">
                                      {' '}
                                      ({t('journal.change', { amount: money(e.changeMinor) })})
                                    </Text>
                                  )}
                                </Text>
                              </Table.Td>
                              <Table.Td ta="right" fw={700} c={e.kind === 'return' ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
                                {e.kind === 'return' ? `−${money(e.totalMinor)}` : money(e.totalMinor)}
                              </Table.Td>
                              <Table.Td ta="right">
                                <Button size="compact-xs" variant="light" aria-label={t('journal.reprintOf', { n: e.receiptNo })} onClick={() => void reprint(e.receiptNo)}>
                                  {t('journal.reprint')}
                                </Button>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </div>
                  )}
                </Paper>
                <Text size="xs" c="dimmed">
                  <Kbd>↑</Kbd> <Kbd>↓</Kbd> {t('journal.keys')} · <Kbd>{t('key.enter')}</Kbd> {t('journal.keyReprint')} · <Kbd>Alt+C</Kbd> {t('count.title')} · <Kbd>Alt+S</Kbd> {t('cashMove.title')} · <Kbd>Alt+Z</Kbd>{' '}
                  {t('journal.zPdf')} · <Kbd>F10</Kbd> / <Kbd>{t('journal.keyEsc')}</Kbd> {t('journal.keyClose')}
                </Text>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }} style={COLUMN}>
              <CashMovesPanel key={`moves-${day.date}`} day={day} onSaved={journal.reload} amountInput={moveInput} />
              <CashCountPanel key={day.date} day={day} onSaved={journal.reload} firstInput={countInput} />
            </Grid.Col>
          </Grid>
        )}
      </div>
    </Modal>
  );
}
