import { Button, Group, Kbd, Paper, SegmentedControl, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type RefObject } from 'react';
import type { SalesDay } from '../../../../shared/api/contracts/journal';
import { CURRENCIES, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { timeOf } from './words';

/**
 * Cash paid out of the drawer (a supplier paid on delivery, an expense, the owner's withdrawal) or put
 * into it (change brought in), with its reason: recorded as it happens, today only, so the closing count
 * expects what is really in the drawer. Past days list theirs.
 */
export function CashMovesPanel(props: { day: SalesDay; onSaved: () => void; amountInput: RefObject<HTMLInputElement | null> }) {
  const { t, locale } = useI18n();
  const { money, settings } = useShop();
  const { day } = props;
  const currency = settings.currency as CurrencyCode;
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const today = day.date === day.today;

  const save = async () => {
    const amountMinor = parseMoney(amountText, currency);
    const local: FieldErrors = {};
    if (amountMinor === null) local.amountMinor = amountText.trim() ? t('err.money') : t('err.required');
    else if (amountMinor <= 0) local.amountMinor = t('err.positive');
    if (!reason.trim()) local.reason = t('err.required');
    setErrors(local);
    if (Object.keys(local).length || amountMinor === null) return;
    setBusy(true);
    try {
      const saved = await call('journal.cashMove', { direction, amountMinor, reason });
      notifications.show({ color: 'green', message: t(saved.direction === 'out' ? 'cashMove.savedOut' : 'cashMove.savedIn', { amount: money(saved.amountMinor), reason: saved.reason }) });
      setAmountText('');
      setReason('');
      props.onSaved();
    } catch (error) {
      setErrors(handleFailure(error, t, ['amountMinor', 'reason', 'direction']));
    } finally {
      setBusy(false);
    }
  };

  if (!today && day.cashMoves.length === 0) return null;
  return (
    <Paper withBorder p="md" mb="md" data-testid="cash-moves">
      <Title order={4}>{t('cashMove.title')}</Title>
      {today && (
        <>
          <Text size="sm" c="dimmed" mt={4}>
            {t('cashMove.explain')}
          </Text>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <Group align="start" gap="xs" mt="sm" wrap="nowrap">
              <SegmentedControl
                value={direction}
                onChange={(v) => setDirection(v as 'out' | 'in')}
                data={[
                  { value: 'out', label: t('cashMove.out') },
                  { value: 'in', label: t('cashMove.in') },
                ]}
                mt={1}
              />
              <TextInput
                ref={props.amountInput}
                aria-label={t('cashMove.amount')}
                placeholder={t('cashMove.amount')}
                value={amountText}
                onChange={(e) => setAmountText(e.currentTarget.value)}
                inputMode="decimal"
                error={errors.amountMinor}
                rightSection={<Text size="xs" c="dimmed">{CURRENCIES[currency].symbol}</Text>}
                rightSectionWidth={48}
                style={{ flex: 1 }}
              />
            </Group>
            <Group align="start" gap="xs" mt="xs" wrap="nowrap">
              <TextInput
                aria-label={t('cashMove.reason')}
                placeholder={t('cashMove.reasonHint')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
                maxLength={200}
                style={{ flex: 1 }}
              />
              <Button type="submit" loading={busy} variant="light">
                {t('cashMove.save')}
              </Button>
            </Group>
          </form>
        </>
      )}
      {day.cashMoves.length > 0 && (
        <Table verticalSpacing={2} mt="sm" data-testid="cash-moves-list">
          <Table.Tbody>
            {day.cashMoves.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td w={50}>{timeOf(m.at, locale)}</Table.Td>
                <Table.Td>{m.userName}</Table.Td>
                <Table.Td>{m.reason}</Table.Td>
                <Table.Td ta="right" fw={700} c={m.direction === 'out' ? 'red' : 'teal'} style={{ whiteSpace: 'nowrap' }}>
                  {m.direction === 'out' ? '−' : '+'}
                  {money(m.amountMinor)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {today && (
        <Text size="xs" c="dimmed" mt={4}>
          <Kbd>Alt+S</Kbd> {t('cashMove.key')}
        </Text>
      )}
    </Paper>
  );
}
