import { Alert, Button, Group, Kbd, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { TENDERS, type Tender } from '../../../../shared/domain/cart';
import { hasAtMostThreeDecimals, typedQuantity, unitName } from '../../../../shared/domain/quantity';
import { refundFor } from '../../../../shared/domain/returns';
import type { CompletedSale, ReturnableSale } from '../../../../shared/domain/sale';
import { ApiError, call } from '../../api/api';
import { errorText } from '../../api/errors';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/**
 * A return: find the receipt (Enter), say how many of each line come back (the cursor is in the first
 * line that may come back), refund by a tender; Enter in a quantity validates.
 */
export function ReturnModal(props: { onClose: () => void; onDone: (refund: CompletedSale) => void }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  const [receiptNo, setReceiptNo] = useState('');
  const [sale, setSale] = useState<ReturnableSale | null>(null);
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [tender, setTender] = useState<Tender>('cash');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const quantityInputs = useRef(new Map<number, HTMLInputElement | null>());
  const receiptInput = useRef<HTMLInputElement>(null);
  const number = (x: number) => x.toLocaleString(locale, { maximumFractionDigits: 3 });

  const find = async () => {
    try {
      const found = await call('pos.returnable', { receiptNo: Number(receiptNo) });
      setSale(found);
      setQuantities({});
      // the money goes back the way it came: the sale's main means of payment (a cashier may refund no other)
      const main = [...found.tenders].sort((a, b) => b.amountMinor - a.amountMinor)[0];
      setTender(main && (TENDERS as readonly string[]).includes(main.tender) ? (main.tender as Tender) : 'cash');
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? t('return.notFound', { n: receiptNo }) : String(e));
      // the number is selected: the right one typed next replaces it
      receiptInput.current?.focus();
      receiptInput.current?.select();
    }
  };
  const lines = sale
    ? sale.lines.flatMap((l) => {
        const quantity = typedQuantity(quantities[l.lineNo] ?? '', locale) ?? 0;
        return quantity > 0 ? [{ lineNo: l.lineNo, quantity }] : [];
      })
    : [];
  // what main will refund: each line's paid amount pro rata, never more than is left of it
  const estimate = sale
    ? lines.reduce((s, l) => {
        const sold = sale.lines.find((x) => x.lineNo === l.lineNo);
        return s + (sold && hasAtMostThreeDecimals(l.quantity) ? refundFor(sold, l.quantity) : 0);
      }, 0)
    : 0;
  useEffect(() => {
    const first = sale?.lines.find((l) => !l.unitChanged && l.returnable > 0);
    const input = first ? quantityInputs.current.get(first.lineNo) : undefined;
    input?.focus();
  }, [sale]);
  const canConfirm = sale !== null && lines.length > 0 && !busy;
  const confirm = async () => {
    // Enter held down, or pressed again while main records it, must not refund twice
    if (!sale || !canConfirm) return;
    setBusy(true);
    try {
      // a refund of 0 (a free item back) goes out with no tender
      props.onDone(await call('pos.return', { receiptNo: sale.receiptNo, lines, tenders: estimate > 0 ? [{ tender, amountMinor: estimate }] : [] }));
    } catch (e) {
      setError(errorText(e, t, locale));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={t('return.title')} size="lg">
      <Stack>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void find();
          }}
        >
          <Group align="end">
            <TextInput ref={receiptInput} label={t('return.receiptNo')} value={receiptNo} onChange={(e) => setReceiptNo(e.currentTarget.value)} data-autofocus inputMode="numeric" />
            <Button type="submit" variant="light">
              {t('return.find')} <Kbd ml="xs">{t('key.enter')}</Kbd>
            </Button>
          </Group>
        </form>
        {sale && (
          <>
            <Table data-testid="returnable">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('products.name')}</Table.Th>
                  <Table.Th ta="right">{t('return.sold')}</Table.Th>
                  <Table.Th ta="right">{t('return.already')}</Table.Th>
                  <Table.Th w={120}>{t('return.back')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sale.lines.map((l) => (
                  <Table.Tr key={l.lineNo}>
                    <Table.Td>
                      {l.name}
                      {l.unitChanged && (
                        // said before the cashier types, not only refused on confirm
                        <Text size="xs" c="orange.9" data-testid={`unit-changed-${l.lineNo}`}>
                          {t('return.unitChanged', { from: unitName(l.unitChanged.from, locale), to: unitName(l.unitChanged.to, locale) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{number(l.sold)}</Table.Td>
                    <Table.Td ta="right">{number(l.returned)}</Table.Td>
                    <Table.Td>
                      {l.unitChanged ? (
                        <Text size="sm" c="dimmed" ta="center">
                          —
                        </Text>
                      ) : (
                        <TextInput
                          size="xs"
                          ref={(el) => {
                            quantityInputs.current.set(l.lineNo, el);
                          }}
                          aria-label={`${t('return.back')} ${l.name}`}
                          value={quantities[l.lineNo] ?? ''}
                          placeholder={`≤ ${number(l.returnable)}`}
                          onChange={(e) => setQuantities({ ...quantities, [l.lineNo]: e.currentTarget.value })}
                          onKeyDown={(e) => {
                            if (e.key !== 'Enter') return;
                            e.preventDefault();
                            void confirm();
                          }}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="space-between">
              <Select
                label={t('return.refundBy')}
                data={TENDERS.map((x) => ({ value: x, label: t(`tender.${x}` as MessageKey) }))}
                value={tender}
                onChange={(v) => v && setTender(v as Tender)}
                allowDeselect={false}
              />
              <Text fw={700} size="lg" data-testid="refund-total">
                {t('return.refund')} {money(estimate)}
              </Text>
            </Group>
          </>
        )}
        {error && (
          <Alert color="red" data-testid="return-error">
            {error}
          </Alert>
        )}
        <Button disabled={!sale || lines.length === 0} loading={busy} onClick={() => void confirm()}>
          {t('return.confirm')} <Kbd ml="xs">{t('key.enter')}</Kbd>
        </Button>
      </Stack>
    </Modal>
  );
}
