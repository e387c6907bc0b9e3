import { Button, Group, Paper, Radio, SegmentedControl, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { LOSS_REASONS, type LossReason } from '../../../../shared/api/contract';
import { unitName } from '../../../../shared/domain/quantity';
import { roleAtLeast } from '../../../../shared/domain/user';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import type { FieldErrors } from '../../components/forms';
import { ProductPicker } from '../../components/ProductPicker';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { stockFailure } from './errors';
import { formatQuantity, readQuantity } from './fields';

type Kind = 'loss' | 'adjustment';

/**
 * A loss (with its reason from a short list, and a note for "other") or an adjustment (+ found,
 * − missing, with its reason in words). The core refuses either without its reason; a cashier may
 * record a loss, only a manager an adjustment.
 */
export function WriteOffForm({ active }: { active: boolean }) {
  const { t } = useI18n();
  const { user, settings } = useShop();
  const manager = user !== null && roleAtLeast(user.role, 'manager');
  const [kind, setKind] = useState<Kind>('loss');
  const [productId, setProductId] = useState<number | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState<LossReason | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const stock = useQuery('stock.onHand', { productIds: productId ? [productId] : [] }, [productId]);
  const onHand = productId ? stock.data?.find((l) => l.productId === productId) : undefined;
  // a quantity says its unit: « 500 » of a product kept in kg is not a 500 g bag
  const unit = onHand ? unitName(onHand.unit, settings.locale) : '';
  const withUnit = (n: number) => `${formatQuantity(n, settings.locale)} ${onHand?.unit === 'piece' ? '' : unit}`.trim();
  // F4 puts the cursor in the product field, as F3 does in the delivery's
  const picker = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (active) setTimeout(() => picker.current?.querySelector('input')?.focus(), 0);
  }, [active]);

  const submit = async () => {
    const read = readQuantity(quantity, settings.locale);
    const q = read.ok ? read.value : NaN;
    const local: FieldErrors = {};
    if (!productId) local.productId = t('err.required');
    if (!read.ok) local.quantity = t(read.error);
    else if (kind === 'loss' && q <= 0) local.quantity = t('stock.err.lossPositive');
    else if (q === 0) local.quantity = t('err.zero');
    if (kind === 'loss' && !reason) local.reason = t('stock.err.lossReason');
    if ((kind === 'adjustment' || reason === 'other') && !note.trim()) local.note = t('stock.err.noteRequired');
    if (Object.keys(local).length) return setErrors(local);
    setBusy(true);
    try {
      const outcome = await call('stock.writeOff', { kind, productId: productId as number, quantity: q, reason: kind === 'loss' ? (reason ?? undefined) : undefined, note });
      setErrors({});
      setQuantity('');
      setNote('');
      setReason(null);
      notifications.show({ color: 'green', message: t('writeOff.done', { n: withUnit(outcome.onHand[productId as number] ?? 0) }) });
      for (const w of outcome.warnings) notifications.show({ color: 'orange', message: t('stock.negativeWarningOf', { name: onHand?.name ?? '', n: withUnit(w.onHand) }) });
    } catch (error) {
      setErrors(stockFailure(error, t, ['productId', 'quantity', 'reason', 'note', 'kind']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" maw={640} data-testid="write-off-form">
      <Title order={4}>{t('writeOff.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('writeOff.help')}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SegmentedControl
          fullWidth
          value={kind}
          onChange={(v) => {
            setKind(v as Kind);
            setErrors({});
          }}
          data={[
            { value: 'loss', label: t('writeOff.loss') },
            { value: 'adjustment', label: t('writeOff.adjustment'), disabled: !manager },
          ]}
        />
        {!manager && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('writeOff.adjustManager')}
          </Text>
        )}
        {errors.kind && (
          <Text size="xs" c="red" mt={4}>
            {errors.kind}
          </Text>
        )}
        <div ref={picker}>
          <ProductPicker
            key={pickerKey}
            label={t('stock.product')}
            value={productId}
            onChange={(id) => {
              setProductId(id);
              if (id === null) setPickerKey((k) => k + 1);
            }}
            error={errors.productId}
          />
        </div>
        {onHand && (
          <Text size="xs" c="dimmed" mt={4} data-testid="write-off-on-hand">
            {t('writeOff.onHand', { n: withUnit(onHand.onHand) })}
          </Text>
        )}
        <TextInput
          mt="xs"
          label={kind === 'loss' ? t('writeOff.quantityLost') : t('writeOff.quantityChange')}
          inputMode="decimal"
          value={quantity}
          onChange={(e) => setQuantity(e.currentTarget.value)}
          error={errors.quantity}
          rightSection={
            unit && (
              <Text size="sm" c="dimmed" data-testid="write-off-unit">
                {unit}
              </Text>
            )
          }
          rightSectionWidth={64}
        />
        {kind === 'loss' && (
          <Radio.Group mt="xs" label={t('writeOff.reason')} value={reason} onChange={(v) => setReason(v as LossReason)} error={errors.reason} withAsterisk>
            <Group mt={6}>
              {LOSS_REASONS.map((r) => (
                <Radio key={r} value={r} label={t(`writeOff.reason.${r}` as MessageKey)} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <TextInput
          mt="xs"
          label={kind === 'loss' ? t('writeOff.note') : t('writeOff.noteAdjust')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          withAsterisk={kind === 'adjustment' || reason === 'other'}
          maxLength={200}
        />
        <Button type="submit" mt="md" fullWidth loading={busy} color={kind === 'loss' ? 'red' : undefined}>
          {kind === 'loss' ? t('writeOff.submitLoss') : t('writeOff.submitAdjust')}
        </Button>
      </form>
    </Paper>
  );
}
