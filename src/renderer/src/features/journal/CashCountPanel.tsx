import { Alert, Button, Group, Kbd, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { DENOMINATIONS, type SalesDay } from '../../../../shared/api/contracts/journal';
import { CURRENCIES, currencyDecimals, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { differenceColor, differenceWords, timeOf } from './words';

/** A money amount as a person types it back (5000 for 5 000 FCFA, 50 for 50,00 €). */
const asTyped = (minor: number, currency: CurrencyCode) => String(minor / 10 ** currencyDecimals(currency)).replace('.', ',');

/**
 * The end-of-day cash count: the opening float, then the drawer counted by notes and coins (or as one
 * amount), the expected cash and the difference in plain words as the count is typed. Main recomputes
 * the expected cash and records the count; a recount is a new record and the latest stands. A cashier
 * counts blind (main sends her no expected cash): she sees what she counted, the manager the difference.
 */
export function CashCountPanel(props: { day: SalesDay; onSaved: () => void; firstInput: RefObject<HTMLInputElement | null> }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const { day } = props;
  const { cash } = day;
  const currency = settings.currency as CurrencyCode;
  const pieces = DENOMINATIONS[currency];
  const values = pieces ? [...pieces.notes, ...pieces.coins] : [];
  const [mode, setMode] = useState<'pieces' | 'total'>(pieces ? 'pieces' : 'total');
  const [floatText, setFloatText] = useState(asTyped(day.suggestedFloatMinor, currency));
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [totalText, setTotalText] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const saveButton = useRef<HTMLButtonElement>(null);

  const floatMinor = floatText.trim() ? parseMoney(floatText, currency) : 0;
  const pieceCount = (value: number) => {
    const text = counts[value]?.trim() ?? '';
    return text ? Number(text) : 0;
  };
  const badPieces = values.filter((v) => !Number.isInteger(pieceCount(v)));
  const counted = mode === 'pieces' ? (badPieces.length ? null : values.reduce((s, v) => s + v * pieceCount(v), 0)) : totalText.trim() ? parseMoney(totalText, currency) : null;
  const expected = floatMinor === null || cash === null ? null : floatMinor + cash.netMinor;
  const difference = counted !== null && expected !== null ? counted - expected : null;
  const latest = day.counts[0];

  const next = (index: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const target = inputs.current[index + 1];
    if (target) target.select();
    else saveButton.current?.focus();
  };

  const save = async () => {
    const local: FieldErrors = {};
    if (floatMinor === null) local.openingFloatMinor = t('err.money');
    if (mode === 'total' && counted === null) local.countedCashMinor = totalText.trim() ? t('err.money') : t('err.required');
    for (const v of badPieces) local[`denominations.${values.indexOf(v)}.count`] = t('count.invalidCount');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const saved = await call('journal.countCash', {
        date: day.date,
        openingFloatMinor: floatMinor ?? 0,
        ...(mode === 'pieces' ? { denominations: values.map((v) => ({ valueMinor: v, count: pieceCount(v) })) } : { countedCashMinor: counted ?? 0 }),
        note,
      });
      notifications.show(
        saved.differenceMinor === null
          ? { color: 'blue', message: t('count.savedBlind', { amount: money(saved.countedCashMinor) }) }
          : { color: differenceColor(saved.differenceMinor), message: t('count.saved', { result: differenceWords(t, money, saved.differenceMinor) }) },
      );
      setNote('');
      props.onSaved();
    } catch (error) {
      setErrors(handleFailure(error, t, ['openingFloatMinor', 'countedCashMinor', 'note', 'date', ...values.flatMap((_, i) => [`denominations.${i}.count`, `denominations.${i}.valueMinor`])]));
    } finally {
      setBusy(false);
    }
  };

  const pieceRows = (list: number[], kind: 'note' | 'coin') =>
    list.map((v) => {
      const i = values.indexOf(v);
      return (
        <Table.Tr key={v}>
          <Table.Td ta="right" fw={600} w={90} style={{ whiteSpace: 'nowrap' }}>
            {money(v)}
          </Table.Td>
          <Table.Td w={72}>
            <TextInput
              size="xs"
              ref={(el) => {
                inputs.current[i] = el;
                if (i === 0) props.firstInput.current = el;
              }}
              aria-label={t('count.countOf', { kind: t(kind === 'note' ? 'count.note' : 'count.coin'), value: money(v) })}
              inputMode="numeric"
              placeholder="0"
              value={counts[v] ?? ''}
              onChange={(e) => setCounts({ ...counts, [v]: e.currentTarget.value })}
              onKeyDown={next(i)}
              error={errors[`denominations.${i}.count`]}
            />
          </Table.Td>
          <Table.Td ta="right" c="dimmed" fz="xs" style={{ whiteSpace: 'nowrap' }}>
            {Number.isInteger(pieceCount(v)) && pieceCount(v) ? money(v * pieceCount(v)) : ''}
          </Table.Td>
        </Table.Tr>
      );
    });

  return (
    <Paper withBorder p="md" data-testid="cash-count">
      <Title order={4}>{t('count.title')}</Title>
      <Text size="sm" c="dimmed" mt={4}>
        {t(cash ? 'count.explain' : 'count.explainBlind')}
      </Text>

      {latest ? (
        <Alert
          mt="sm"
          color={latest.differenceMinor === null ? 'gray' : differenceColor(latest.differenceMinor)}
          data-testid="count-latest"
          title={t('count.latest', { time: timeOf(latest.at, locale), who: latest.userName })}
        >
          {latest.expectedCashMinor !== null && (
            <Group justify="space-between" gap={4}>
              <Text size="sm">{t('count.expected')}</Text>
              <Text size="sm">{money(latest.expectedCashMinor)}</Text>
            </Group>
          )}
          <Group justify="space-between" gap={4}>
            <Text size="sm">{t('count.counted')}</Text>
            <Text size="sm">{money(latest.countedCashMinor)}</Text>
          </Group>
          {latest.differenceMinor !== null && (
            <Text fw={700} data-testid="count-latest-result">
              {differenceWords(t, money, latest.differenceMinor)}
            </Text>
          )}
          {latest.note && <Text size="sm">« {latest.note} »</Text>}
          {latest.stale && (
            <Text size="sm" fw={600} c="red" mt={4}>
              {latest.expectedNowMinor === null ? t('count.staleBlind') : t('count.stale', { amount: money(latest.expectedNowMinor) })}
            </Text>
          )}
        </Alert>
      ) : (
        <Text size="sm" mt="sm" fs="italic">
          {t('count.none')}
        </Text>
      )}

      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs" mt="md">
          <TextInput
            label={t('count.float')}
            description={t('count.floatHelp')}
            value={floatText}
            onChange={(e) => setFloatText(e.currentTarget.value)}
            inputMode="decimal"
            error={errors.openingFloatMinor}
            rightSection={<Text size="xs" c="dimmed">{CURRENCIES[currency].symbol}</Text>}
            rightSectionWidth={48}
          />
          {pieces && (
            <SegmentedControl
              value={mode}
              onChange={(v) => setMode(v as 'pieces' | 'total')}
              data={[
                { value: 'pieces', label: t('count.byPieces') },
                { value: 'total', label: t('count.byTotal') },
              ]}
            />
          )}
          {mode === 'pieces' && pieces ? (
            <SimpleGrid cols={2} spacing="xs">
              {(
                [
                  ['note', pieces.notes],
                  ['coin', pieces.coins],
                ] as const
              ).map(([kind, list]) => (
                <div key={kind}>
                  <Text size="sm" fw={600}>
                    {t(kind === 'note' ? 'count.notes' : 'count.coins')}
                  </Text>
                  <Table verticalSpacing={2} horizontalSpacing={4} data-testid={`pieces-${kind}`}>
                    <Table.Tbody>{pieceRows(list, kind)}</Table.Tbody>
                  </Table>
                </div>
              ))}
            </SimpleGrid>
          ) : (
            <TextInput
              ref={mode === 'total' ? props.firstInput : undefined}
              label={t('count.counted')}
              value={totalText}
              onChange={(e) => setTotalText(e.currentTarget.value)}
              inputMode="decimal"
              error={errors.countedCashMinor}
            />
          )}

          <Paper bg="var(--mantine-color-gray-light)" p="xs" data-testid="count-summary">
            {cash && (
              <>
                <Group justify="space-between">
                  <Text>{t('count.expected')}</Text>
                  <Text fw={700} data-testid="count-expected">
                    {expected === null ? '—' : money(expected)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed" ta="right">
                  = {money(floatMinor ?? 0)} + {money(cash.receivedMinor)} − {money(cash.changeMinor)} − {money(cash.refundedMinor)}
                  {cash.paidOutMinor > 0 && ` − ${money(cash.paidOutMinor)}`}
                  {cash.paidInMinor > 0 && ` + ${money(cash.paidInMinor)}`}
                </Text>
              </>
            )}
            <Group justify="space-between">
              <Text>{t('count.counted')}</Text>
              <Text fw={700} data-testid="count-counted">
                {counted === null ? '—' : money(counted)}
              </Text>
            </Group>
            {cash && (
              <Group justify="space-between">
                <Text>{t('count.difference')}</Text>
                <Text fw={800} size="lg" c={difference === null ? undefined : differenceColor(difference)} data-testid="count-difference">
                  {difference === null ? '—' : differenceWords(t, money, difference)}
                </Text>
              </Group>
            )}
          </Paper>
          <TextInput label={t('count.comment')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} maxLength={500} />
          {errors.countedCashMinor && mode === 'pieces' && (
            <Text size="sm" c="red">
              {errors.countedCashMinor}
            </Text>
          )}
          <Button type="submit" ref={saveButton} loading={busy} disabled={counted === null && mode === 'pieces'}>
            {t('count.save')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
          {latest && (
            <Text size="xs" c="dimmed">
              {t('count.recount')}
            </Text>
          )}
        </Stack>
      </form>

      {day.counts.length > 1 && (
        <>
          <Text size="sm" fw={600} mt="md">
            {t('count.history')}
          </Text>
          <Table verticalSpacing={2} data-testid="count-history">
            <Table.Tbody>
              {day.counts.slice(1).map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{timeOf(c.at, locale)}</Table.Td>
                  <Table.Td>{c.userName}</Table.Td>
                  <Table.Td ta="right">{money(c.countedCashMinor)}</Table.Td>
                  {c.differenceMinor !== null && (
                    <Table.Td ta="right" c={differenceColor(c.differenceMinor)}>
                      {differenceWords(t, money, c.differenceMinor)}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
