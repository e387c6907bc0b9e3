import { Alert, Button, Group, Kbd, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { DENOMINATIONS } from '../../../../shared/api/contracts/journal';
import { TENDERS, type Tender, type TenderInput } from '../../../../shared/domain/cart';
import type { CurrencyCode } from '../../../../shared/domain/money';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { paymentTenders, unreadableTenders } from './payment';
import { useScanner } from './useScanner';

/**
 * Payment: one amount box per tender. Cash defaults to the total; typing what the customer handed
 * over shows the change at once. Several tenders make a split payment. Enter confirms. A sale that
 * costs nothing (a free item, a 100 % discount) shows no box: Enter records it with no payment.
 */
export function PaymentModal(props: { totalMinor: number; busy: boolean; error: string | null; onPay: (tenders: TenderInput[]) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { settings, money } = useShop();
  const currency = settings.currency as CurrencyCode;
  const [amounts, setAmounts] = useState<Record<Tender, string>>({ cash: '', card: '', orange_money: '', wave: '', mtn_momo: '' });
  const free = props.totalMinor === 0;
  const effective: TenderInput[] = paymentTenders(amounts, props.totalMinor, currency);
  const typedAny = TENDERS.some((tender) => amounts[tender].trim() !== '');
  const unreadable = free ? [] : unreadableTenders(amounts, currency);
  const paid = effective.reduce((s, x) => s + x.amountMinor, 0);
  const due = props.totalMinor - paid;
  // change of a whole largest note or more: one of the notes was not needed, or a barcode went into the box
  const largestNote = DENOMINATIONS[currency]?.notes[0] ?? Infinity;
  const bigChange = -due >= largestNote;
  const [confirmed, setConfirmed] = useState<number | null>(null);
  // a scanner used while the payment is open: its code never becomes an amount, and its Enter pays nothing
  const [scanned, setScanned] = useState<string | null>(null);
  useScanner(setScanned);
  const pay = () => {
    if (unreadable.length || due > 0) return;
    if (bigChange && confirmed !== paid) {
      setConfirmed(paid);
      return;
    }
    props.onPay(effective);
  };

  return (
    <Modal opened onClose={props.onClose} title={t('sell.payTitle')} size="md" data-testid="payment">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          pay();
        }}
      >
        <Stack gap="xs">
          <Title order={2} ta="center" data-testid="pay-total">
            {money(props.totalMinor)}
          </Title>
          {free && (
            <Text ta="center" c="dimmed" data-testid="nothing-to-pay">
              {t('sell.nothingToPay')}
            </Text>
          )}
          {!free && TENDERS.map((tender, i) => (
            <TextInput
              key={tender}
              label={t(`tender.${tender}` as MessageKey)}
              name={`tender-${tender}`}
              placeholder={tender === 'cash' && !typedAny ? money(props.totalMinor) : ''}
              value={amounts[tender]}
              onChange={(e) => {
                setAmounts({ ...amounts, [tender]: e.currentTarget.value });
                setScanned(null);
              }}
              data-autofocus={i === 0 || undefined}
              inputMode="decimal"
              error={unreadable.includes(tender) ? t('sell.amountUnreadable') : undefined}
            />
          ))}
          <Group justify="space-between" mt="sm">
            <Text fw={600}>{due > 0 ? t('sell.stillDue') : t('sell.change')}</Text>
            <Text fw={700} size="xl" c={due > 0 ? 'red' : 'teal'} data-testid="change-due">
              {money(Math.abs(due))}
            </Text>
          </Group>
          {scanned && (
            <Alert color="orange" data-testid="payment-scan">
              {t('sell.scanWhilePaying', { code: scanned })}
            </Alert>
          )}
          {bigChange && confirmed === paid && (
            <Alert color="orange" data-testid="payment-big-change">
              {t('sell.bigChange', { paid: money(paid), change: money(-due) })}
            </Alert>
          )}
          {props.error && (
            <Alert color="red" data-testid="payment-error">
              {props.error}
            </Alert>
          )}
          <Button type="submit" size="lg" loading={props.busy} disabled={due > 0 || unreadable.length > 0} data-autofocus={free || undefined}>
            {t('sell.confirm')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
