import { Button, Group, Kbd, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { discountMinor, MAX_PERCENT_BP, parsePercent, type DiscountSpec } from '../../../../shared/domain/discount';
import { CURRENCIES, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';

export type DiscountTarget = { kind: 'line'; index: number; name: string; baseMinor: number } | { kind: 'sale'; baseMinor: number };

type Mode = DiscountSpec['kind'];

function initialText(spec: DiscountSpec | null, currency: CurrencyCode): string {
  if (!spec) return '';
  if (spec.kind === 'percent') return String(spec.bp / 100).replace('.', ',');
  return String(spec.minor / 10 ** CURRENCIES[currency].decimals).replace('.', ',');
}

/**
 * A manager's discount on one line or on the whole sale, as an amount or a percent. Typing "%" switches
 * to a percent; the preview shows the amount in minor units as main will take it (rounded to the
 * currency's unit, a half in the customer's favour) and refuses a discount above what it applies to.
 */
export function DiscountModal(props: { target: DiscountTarget; current: DiscountSpec | null; onApply: (spec: DiscountSpec | null) => void; onClose: () => void }) {
  const { t } = useI18n();
  const { settings, money } = useShop();
  const currency = settings.currency as CurrencyCode;
  const [mode, setMode] = useState<Mode>(props.current?.kind ?? 'amount');
  const [text, setText] = useState(initialText(props.current, currency));
  const base = props.target.baseMinor;

  const read = (): { spec: DiscountSpec | null; error: string | null } => {
    const raw = text.trim();
    if (!raw || /^0+([.,]0*)?$/.test(raw)) return { spec: null, error: null };
    if (mode === 'percent') {
      const bp = parsePercent(raw);
      if (bp === null) return { spec: null, error: t('discount.invalidPercent') };
      if (bp > MAX_PERCENT_BP) return { spec: null, error: t('discount.percentTooBig') };
      return { spec: { kind: 'percent', bp }, error: null };
    }
    const minor = parseMoney(raw, currency);
    if (minor === null || minor < 0) return { spec: null, error: t('discount.invalidAmount') };
    if (minor > base) return { spec: null, error: t(props.target.kind === 'line' ? 'discount.tooBigLine' : 'discount.tooBigSale', { discount: money(minor), base: money(base) }) };
    return { spec: { kind: 'amount', minor }, error: null };
  };
  const { spec, error } = read();
  const off = discountMinor(spec, base);

  const onText = (value: string) => {
    if (value.includes('%')) setMode('percent');
    setText(value.includes('%') ? value.replace(/%/g, '').trimEnd() : value);
  };

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={props.target.kind === 'line' ? t('discount.lineTitle', { name: props.target.name }) : t('discount.saleTitle')}
      size="md"
      data-testid="discount-modal"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!error) props.onApply(spec);
        }}
      >
        <Stack gap="sm">
          <Group justify="space-between">
            <Text c="dimmed">{t('discount.base')}</Text>
            <Text fw={600}>{money(base)}</Text>
          </Group>
          <SegmentedControl
            fullWidth
            value={mode}
            onChange={(v) => setMode(v as Mode)}
            data={[
              { value: 'amount', label: `${t('discount.amount')} (${CURRENCIES[currency].symbol})` },
              { value: 'percent', label: `${t('discount.percent')} (%)` },
            ]}
          />
          <TextInput
            label={t('discount.value')}
            description={t('discount.hint')}
            value={text}
            onChange={(e) => onText(e.currentTarget.value)}
            rightSection={<Text size="sm">{mode === 'percent' ? '%' : CURRENCIES[currency].symbol}</Text>}
            rightSectionWidth={56}
            inputMode="decimal"
            data-autofocus
            error={error}
          />
          {mode === 'percent' && (
            <Text size="xs" c="dimmed">
              {t('discount.rounding', { step: money(1) })}
            </Text>
          )}
          <Group justify="space-between" data-testid="discount-preview">
            <Text>
              {t('sell.discount')} <b>−{money(off)}</b>
            </Text>
            <Text>
              {t('discount.after')} <b>{money(base - off)}</b>
            </Text>
          </Group>
          <Group grow>
            {props.current && (
              <Button variant="light" color="red" onClick={() => props.onApply(null)}>
                {t('discount.remove')}
              </Button>
            )}
            <Button type="submit" disabled={!!error}>
              {t('discount.apply')} <Kbd ml="xs">{t('key.enter')}</Kbd>
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
