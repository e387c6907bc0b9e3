import { Button, Group, Loader, Modal, Paper, Table, Text, TextInput } from '@mantine/core';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { LotTrace, LotTraceEntry, LotTraceMove } from '../../../../shared/api/contracts/counts';
import { shortDate, shortTime } from '../../../../shared/domain/dates';
import { movementKindWords, movementReasonWords, movementReferenceWords } from '../../../../shared/domain/movement-words';
import { sameLot } from '../../../../shared/domain/lots';
import { plural } from '../../../../shared/domain/plural';
import type { Locale } from '../../../../shared/domain/settings';
import { ApiError, call } from '../../api/api';
import { errorShapeText } from '../../api/error-text';
import { useQuery } from '../../api/hooks';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { formatQuantity } from './fields';
import { KIND_COLOR, unitWords } from './MovementsPanel';
import { WriteOffForm, type WriteOffPreset } from './WriteOffForm';


type Translate = ReturnType<typeof useI18n>['t'];

/** A quantity of the product: « 3 » for pieces (the sentence says what), « 2,5 kg » otherwise. */
function amount(n: number, unit: string, locale: Locale, signed = false): string {
  const text = `${signed && n > 0 ? '+' : ''}${formatQuantity(n, locale)}`;
  return unit === 'piece' ? text : `${text} ${unitWords(unit, n, locale)}`;
}

/**
 * « Insecticide X — lot L2407, périme le 31/03/2028 : 24 reçus, 14 vendus (9 tickets, du 03/03/2026 au
 * 17/03/2026), 1 perdu, 9 en rayon. » Only what happened to the lot is said, but what came in and
 * what is left always.
 */
export function lotSummary(e: LotTraceEntry, t: Translate, locale: Locale): { heading: string; rest: string } {
  const n = (x: number) => amount(x, e.unit, locale);
  const counted = (x: number, one: string, other: string, vars: Record<string, string> = {}) => t(plural(Math.abs(x), locale, one, other) as MessageKey, { n: n(x), ...vars });
  const day = (d: string) => shortDate(d, locale);
  const parts = [counted(e.received, 'lotTrace.received.one', 'lotTrace.received.other')];
  if (e.sold !== 0) {
    const tickets = t(plural(e.tickets, locale, 'lotTrace.tickets.one', 'lotTrace.tickets.other') as MessageKey, { n: e.tickets });
    const period = e.firstSale === null || e.lastSale === null ? '' : e.firstSale === e.lastSale ? t('moves.oneDay', { day: day(e.firstSale) }) : t('moves.days', { from: day(e.firstSale), to: day(e.lastSale) });
    parts.push(counted(e.sold, 'lotTrace.sold.one', 'lotTrace.sold.other', { tickets: period ? `${tickets}, ${period}` : tickets }));
  }
  if (e.customerReturns !== 0) parts.push(counted(e.customerReturns, 'lotTrace.returned.one', 'lotTrace.returned.other'));
  if (e.lost !== 0) parts.push(counted(e.lost, 'lotTrace.lost.one', 'lotTrace.lost.other'));
  if (e.supplierReturns !== 0) parts.push(counted(e.supplierReturns, 'lotTrace.supplierReturned.one', 'lotTrace.supplierReturned.other'));
  if (e.adjusted !== 0) parts.push(t('lotTrace.adjusted', { n: amount(e.adjusted, e.unit, locale, true) }));
  parts.push(t('lotTrace.onShelf', { n: n(e.onShelf) }));
  return { heading: lotHeading(e, t, locale), rest: `${locale === 'fr' ? ' : ' : ': '}${parts.join(', ')}.` };
}

/** « Insecticide X — lot L2407, périme le 31/03/2028 ». */
function lotHeading(e: LotTraceEntry, t: Translate, locale: Locale): string {
  return t(e.expired ? 'lotTrace.headingExpired' : 'lotTrace.heading', { name: e.name, lot: e.lot, d: shortDate(e.expiry, locale) });
}

/**
 * « Suivre un lot » (a recall): the lot typed or scanned, then Enter; for each product and expiry it was
 * received with, a sentence of where it went and the movements that took from it or added to it, and
 * what is left of it can be written off from here. A sale notes no lot: main puts each down to the lot
 * that expires first, as the Stock page's lots do.
 */
export function LotTraceModal(props: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const [lot, setLot] = useState('');
  const [trace, setTrace] = useState<LotTrace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [writingOff, setWritingOff] = useState<LotTraceEntry | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  const search = (text: string) => {
    const wanted = text.trim();
    if (!wanted) {
      setError(t('lotTrace.lotRequired'));
      field.current?.focus();
      return;
    }
    const n = ++asked.current;
    setLoading(true);
    call('stock.lotTrace', { lot: wanted })
      .then((r) => {
        if (n !== asked.current) return;
        setTrace(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (n !== asked.current) return;
        setTrace(null);
        setError(e instanceof ApiError ? errorShapeText(e.error, t, locale) : String(e));
      })
      .finally(() => n === asked.current && setLoading(false));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    search(lot);
  };

  return (
    <Modal opened onClose={props.onClose} size="90rem" title={t('lotTrace.title')} data-testid="lot-trace-modal">
      {writingOff ? (
        <LotWriteOff
          entry={writingOff}
          onDone={() => {
            setWritingOff(null);
            if (trace) search(trace.lot);
          }}
        />
      ) : (
        <>
          <form onSubmit={submit}>
            <Group align="end" gap="sm">
              <TextInput
                ref={field}
                data-autofocus
                label={t('lotTrace.lot')}
                description={t('lotTrace.lotHint')}
                value={lot}
                onChange={(e) => setLot(e.currentTarget.value)}
                maxLength={64}
                w={320}
                autoComplete="off"
                spellCheck={false}
                data-testid="lot-trace-input"
              />
              <Button type="submit" loading={loading} data-testid="lot-trace-search">
                {t('lotTrace.search')}
              </Button>
            </Group>
          </form>
          {error && (
            <Text c="red" mt="sm" role="alert" data-testid="lot-trace-error">
              {error}
            </Text>
          )}
          {trace && (
            <div data-testid="lot-trace-result">
              {trace.entries.map((e) => (
                <LotEntry key={`${e.productId}|${e.expiry}`} entry={e} locale={locale} t={t} onWriteOff={() => setWritingOff(e)} />
              ))}
              <Text size="sm" c="dimmed" mt="sm" data-testid="lot-trace-why">
                {t('lotTrace.why')}
              </Text>
            </div>
          )}
        </>
      )}
    </Modal>
  );
}

function LotEntry(props: { entry: LotTraceEntry; locale: Locale; t: Translate; onWriteOff: () => void }) {
  const { entry: e, locale, t } = props;
  const summary = lotSummary(e, t, locale);
  return (
    <Paper withBorder p="sm" mt="md" data-testid="lot-trace-entry">
      <Group justify="space-between" align="start" wrap="nowrap">
        <Text data-testid="lot-trace-summary">
          <Text span fw={700}>
            {summary.heading}
          </Text>
          {summary.rest}
        </Text>
        {e.onShelf > 0 && (
          <Button variant="light" color="red" onClick={props.onWriteOff} style={{ flexShrink: 0 }} data-testid="lot-trace-write-off">
            {t('lotTrace.writeOff', { n: amount(e.onShelf, e.unit, locale) })}
          </Button>
        )}
      </Group>
      <Table striped mt="xs" verticalSpacing={4} data-testid="lot-trace-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('moves.col.when')}</Table.Th>
            <Table.Th>{t('moves.col.kind')}</Table.Th>
            <Table.Th>{t('moves.col.reference')}</Table.Th>
            <Table.Th ta="right">{t('lotTrace.col.quantity')}</Table.Th>
            <Table.Th>{t('moves.col.user')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.moves.map((m) => (
            <MoveRow key={m.id} m={m} unit={e.unit} locale={locale} t={t} />
          ))}
        </Table.Tbody>
      </Table>
      {e.truncated && (
        <Text size="sm" c="dimmed" mt={4} data-testid="lot-trace-truncated">
          {t('lotTrace.truncated', { n: e.moves.length })}
        </Text>
      )}
    </Paper>
  );
}

function MoveRow(props: { m: LotTraceMove; unit: string; locale: Locale; t: Translate }) {
  const { m, unit, locale, t } = props;
  const reason = movementReasonWords(m.kind, m.reason, locale);
  const quantity = `${m.quantity > 0 ? '+' : ''}${formatQuantity(m.quantity, locale)} ${unitWords(unit, m.quantity, locale)}`;
  return (
    <Table.Tr data-testid="lot-trace-row">
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {shortDate(m.occurredAt, locale)}{' '}
        <Text span c="dimmed" size="sm">
          {shortTime(m.occurredAt, locale)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text span size="sm" fw={600} c={`${KIND_COLOR[m.kind]}.8`} style={{ whiteSpace: 'nowrap' }}>
          {movementKindWords(m.kind, locale)}
        </Text>
        {reason && (
          <Text span size="sm" c="dimmed">
            {' '}
            · {reason}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{movementReferenceWords(m.reference, locale)}</Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {quantity}
        {m.quantity !== m.movementQuantity && (
          <Text span c="dimmed" size="sm">
            {' '}
            ({t('lotTrace.ofMove', { n: formatQuantity(Math.abs(m.movementQuantity), locale) })})
          </Text>
        )}
      </Table.Td>
      <Table.Td>{m.userName || '—'}</Table.Td>
    </Table.Tr>
  );
}

/**
 * What is left of the lot, written off here with the Stock page's loss form (the one an expiring lot's
 * alert opens), filled in with the lot as the stock holds it and its quantity.
 */
function LotWriteOff(props: { entry: LotTraceEntry; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { entry: e } = props;
  const lots = useQuery('stock.lots', { productId: e.productId }, []);
  const held = lots.data?.find((l) => sameLot(l.lot) === sameLot(e.lot) && l.expiry === e.expiry);
  const preset = useMemo<WriteOffPreset | null>(
    () => (held ? { productId: e.productId, lot: held.lot, expiry: held.expiry, quantity: held.quantity, reason: held.expired ? 'expired' : null } : null),
    [e.productId, held],
  );
  return (
    <div data-testid="lot-trace-write-off-form">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>{t('alerts.writeOffTitle', { lot: e.lot, name: e.name, d: shortDate(e.expiry, locale) })}</Text>
        <Button variant="default" onClick={props.onDone}>
          {t('lotTrace.back')}
        </Button>
      </Group>
      {lots.data === null ? <Loader size="sm" /> : preset ? <WriteOffForm active preset={preset} onDone={props.onDone} /> : <Text>{t('lotTrace.lotGone', { lot: e.lot })}</Text>}
    </div>
  );
}
