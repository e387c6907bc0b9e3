import { Alert, Button, Group, Kbd, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { TENDERS, type Tender, type TenderInput } from '../../../../shared/domain/cart';
import { parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/**
 * Payment: one amount box per tender. Cash defaults to the total; typing what the customer handed
 * over shows the change at once. Several tenders make a split payment. Enter confirms.
 */
export function PaymentModal(props: { totalMinor: number; busy: boolean; error: string | null; onPay: (tenders: TenderInput[]) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { settings, money } = useShop();
  const currency = settings.currency as CurrencyCode;
  const [amounts, setAmounts] = useState<Record<Tender, string>>({ cash: '', card: '', orange_money: '', wave: '', mtn_momo: '' });
  const tenders: TenderInput[] = TENDERS.flatMap((tender) => {
    const minor = amounts[tender].trim() ? parseMoney(amounts[tender], currency) : null;
    return minor && minor > 0 ? [{ tender, amountMinor: minor }] : [];
  });
  const effective = tenders.length ? tenders : [{ tender: 'cash' as const, amountMinor: props.totalMinor }];
  const paid = effective.reduce((s, x) => s + x.amountMinor, 0);
  const due = props.totalMinor - paid;

  return (
    <Modal opened onClose={props.onClose} title={t('sell.payTitle')} size="md" data-testid="payment">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          props.onPay(effective);
        }}
      >
        <Stack gap="xs">
          <Title order={2} ta="center" data-testid="pay-total">
            {money(props.totalMinor)}
          </Title>
          {TENDERS.map((tender, i) => (
            <TextInput
              key={tender}
              label={t(`tender.${tender}` as MessageKey)}
              name={`tender-${tender}`}
              placeholder={tender === 'cash' && !tenders.length ? money(props.totalMinor) : ''}
              value={amounts[tender]}
              onChange={(e) => setAmounts({ ...amounts, [tender]: e.currentTarget.value })}
              data-autofocus={i === 0 || undefined}
              inputMode="decimal"
            />
          ))}
          <Group justify="space-between" mt="sm">
            <Text fw={600}>{due > 0 ? t('sell.stillDue') : t('sell.change')}</Text>
            <Text fw={700} size="xl" c={due > 0 ? 'red' : 'teal'} data-testid="change-due">
              {money(Math.abs(due))}
            </Text>
          </Group>
          {props.error && (
            <Alert color="red" data-testid="payment-error">
              {props.error}
            </Alert>
          )}
          <Button type="submit" size="lg" loading={props.busy} disabled={due > 0}>
            {t('sell.confirm')} <Kbd ml="xs">{t('key.enter')}</Kbd>
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
