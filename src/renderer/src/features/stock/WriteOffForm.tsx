import { Button, Group, Paper, Radio, SegmentedControl, Select, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { LOSS_REASONS, type LossReason } from '../../../../shared/api/contract';
import type { StockLot } from '../../../../shared/api/contracts/counts';
import { shortDate } from '../../../../shared/domain/dates';
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

/** A loss already decided elsewhere (an expired lot's alert): the form opens filled in. */
export interface WriteOffPreset {
  productId: number;
  lot: string;
  expiry: string;
  quantity: number;
  /** Set for a lot past its date; the owner chooses it for a lot still good (damaged, recalled...). */
  reason: LossReason | null;
}

/** How a lot is told apart in the lot list: its number and its expiry. */
const lotValue = (l: { lot: string; expiry: string }) => `${l.expiry}|${l.lot}`;

/**
 * A loss (with its reason from a short list, and a note for "other") or an adjustment (+ found,
 * − missing, with its reason in words). The core refuses either without its reason; a cashier may
 * record a loss, only a manager an adjustment. A loss of a product with dated lots may name the lot
 * thrown away (the expired one); without it, the lots that expire first are taken.
 */
export function WriteOffForm({ active, preset, onDone }: { active: boolean; preset?: WriteOffPreset; onDone?: () => void }) {
  const { t } = useI18n();
  const { user, settings } = useShop();
  const manager = user !== null && roleAtLeast(user.role, 'manager');
  const [kind, setKind] = useState<Kind>('loss');
  const [productId, setProductId] = useState<number | null>(preset?.productId ?? null);
  const [pickerKey, setPickerKey] = useState(0);
  const [quantity, setQuantity] = useState(preset ? formatQuantity(preset.quantity, settings.locale) : '');
  const [reason, setReason] = useState<LossReason | null>(preset?.reason ?? null);
  const [lotChosen, setLotChosen] = useState<string>(preset ? lotValue(preset) : '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const stock = useQuery('stock.onHand', { productIds: productId ? [productId] : [] }, [productId]);
  const onHand = productId ? stock.data?.find((l) => l.productId === productId) : undefined;
  const lotsQuery = useQuery('stock.lots', { productId: productId ?? 0 }, [], productId !== null);
  const lots = productId && kind === 'loss' ? (lotsQuery.data ?? []) : [];
  const lot = lots.find((l) => lotValue(l) === lotChosen);
  // a quantity says its unit: « 500 » of a product kept in kg is not a 500 g bag
  const unit = onHand ? unitName(onHand.unit, settings.locale) : '';
  const withUnit = (n: number) => `${formatQuantity(n, settings.locale)} ${onHand?.unit === 'piece' ? '' : unit}`.trim();
  const lotLabel = (l: StockLot) =>
    t(l.expired ? 'writeOff.lotExpired' : 'writeOff.lotValid', { lot: l.lot, d: shortDate(l.expiry, settings.locale), n: withUnit(l.quantity) });
  const chooseLot = (value: string) => {
    setLotChosen(value);
    const picked = lots.find((l) => lotValue(l) === value);
    if (!picked) return;
    // the whole lot is what is usually thrown away, and a lot past its date is thrown away for that
    if (!quantity.trim()) setQuantity(formatQuantity(picked.quantity, settings.locale));
    if (picked.expired && reason === null) setReason('expired');
  };
  // F4 puts the cursor in the product field, as F3 does in the delivery's
  const picker = useRef<HTMLDivElement>(null);
  const lotField = useRef<HTMLInputElement>(null);
  const quantityField = useRef<HTMLInputElement>(null);
  const reasons = useRef<HTMLDivElement>(null);
  const noteField = useRef<HTMLInputElement>(null);
  const focusPicker = () => picker.current?.querySelector('input')?.focus();
  const focusQuantity = () => {
    quantityField.current?.focus();
    quantityField.current?.select();
  };
  // the chosen reason, or the first one: the arrows then move between them
  const focusReason = () => (reasons.current?.querySelector<HTMLInputElement>('input:checked') ?? reasons.current?.querySelector<HTMLInputElement>('input'))?.focus();
  /** The cursor goes to the first field in error, in the order of the form. */
  const focusFirstError = (errs: FieldErrors) => {
    if (errs.productId) focusPicker();
    else if (errs.lot) lotField.current?.focus();
    else if (errs.quantity) focusQuantity();
    else if (errs.reason) focusReason();
    else if (errs.note) noteField.current?.focus();
  };
  // Enter goes from field to field, then records: the reason, and the note where it is required,
  // are asked for before the form is sent
  const noteRequired = kind === 'adjustment' || reason === 'other';
  const plainEnter = (e: KeyboardEvent) => e.key === 'Enter' && !e.nativeEvent.isComposing && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey;
  const onQuantityKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!plainEnter(e) || !readQuantity(quantity, settings.locale).ok) return;
    if (kind === 'loss' && !reason) {
      e.preventDefault();
      focusReason();
    } else if (noteRequired && !note.trim()) {
      e.preventDefault();
      noteField.current?.focus();
    }
  };
  useEffect(() => {
    if (!active) return;
    // a loss decided elsewhere opens on its quantity: the owner checks it and presses Enter
    setTimeout(() => (preset ? focusQuantity() : focusPicker()), 0);
  }, [active, preset]);

  const submit = async () => {
    const read = readQuantity(quantity, settings.locale);
    const q = read.ok ? read.value : NaN;
    const local: FieldErrors = {};
    if (!productId) local.productId = t('err.required');
    if (!read.ok) local.quantity = t(read.error);
    else if (kind === 'loss' && q <= 0) local.quantity = t('stock.err.lossPositive');
    else if (q === 0) local.quantity = t('err.zero');
    if (kind === 'loss' && !reason) local.reason = t('stock.err.lossReason');
    if (noteRequired && !note.trim()) local.note = t('stock.err.noteRequired');
    if (Object.keys(local).length) {
      setErrors(local);
      focusFirstError(local);
      return;
    }
    setBusy(true);
    try {
      const named = kind === 'loss' && lot ? { lot: lot.lot, expiry: lot.expiry } : {};
      const outcome = await call('stock.writeOff', { kind, productId: productId as number, quantity: q, reason: kind === 'loss' ? (reason ?? undefined) : undefined, note, ...named });
      setErrors({});
      setQuantity('');
      setNote('');
      setReason(null);
      setLotChosen('');
      notifications.show({ color: 'green', message: t('writeOff.done', { n: withUnit(outcome.onHand[productId as number] ?? 0) }) });
      for (const w of outcome.warnings) notifications.show({ color: 'orange', message: t('stock.negativeWarningOf', { name: onHand?.name ?? '', n: withUnit(w.onHand) }) });
      onDone?.();
      // the next loss: the product's name is selected, so typing the next one replaces it
      focusPicker();
    } catch (error) {
      // the lot and its expiry are one choice in the form
      const shown = stockFailure(error, t, ['productId', 'quantity', 'reason', 'note', 'kind', 'lot', 'expiry']);
      if (shown.expiry) shown.lot = shown.expiry;
      setErrors(shown);
      focusFirstError(shown);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder={!preset} p={preset ? 0 : 'md'} maw={640} data-testid="write-off-form">
      {!preset && (
        <>
          <Title order={4}>{t('writeOff.title')}</Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t('writeOff.help')}
          </Text>
        </>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {!preset && (
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
        )}
        {!manager && !preset && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('writeOff.adjustManager')}
          </Text>
        )}
        {errors.kind && (
          <Text size="xs" c="red" mt={4}>
            {errors.kind}
          </Text>
        )}
        {/* a loss decided elsewhere names its product in its title */}
        {!preset && (
          // Enter on the chosen product goes on to the quantity. Not the pick itself: the cursor stays
          // on the product's name, so that a scan or typing replaces a wrong one
          <div
            ref={picker}
            onKeyDown={(e) => {
              if (!plainEnter(e) || e.defaultPrevented || !productId) return;
              e.preventDefault();
              focusQuantity();
            }}
          >
            <ProductPicker
              key={pickerKey}
              label={t('stock.product')}
              value={productId}
              onChange={(id) => {
                setProductId(id);
                setLotChosen('');
                if (id === null) setPickerKey((k) => k + 1);
              }}
              error={errors.productId}
            />
          </div>
        )}
        {onHand && (
          <Text size="xs" c="dimmed" mt={4} data-testid="write-off-on-hand">
            {t('writeOff.onHand', { n: withUnit(onHand.onHand) })}
          </Text>
        )}
        {lots.length > 0 && (
          <Select
            mt="xs"
            label={t('writeOff.lot')}
            description={t('writeOff.lotHelp')}
            data={[{ value: '', label: t('writeOff.lotAny') }, ...lots.map((l) => ({ value: lotValue(l), label: lotLabel(l) }))]}
            value={lotChosen}
            onChange={(v) => chooseLot(v ?? '')}
            allowDeselect={false}
            ref={lotField}
            error={errors.lot}
            data-testid="write-off-lot"
          />
        )}
        <TextInput
          mt="xs"
          ref={quantityField}
          label={kind === 'loss' ? t('writeOff.quantityLost') : t('writeOff.quantityChange')}
          inputMode="decimal"
          value={quantity}
          onChange={(e) => setQuantity(e.currentTarget.value)}
          onKeyDown={onQuantityKey}
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
          <Radio.Group mt="xs" ref={reasons} label={t('writeOff.reason')} value={reason} onChange={(v) => setReason(v as LossReason)} error={errors.reason} withAsterisk>
            <Group mt={6}>
              {LOSS_REASONS.map((r) => (
                <Radio key={r} value={r} label={t(`writeOff.reason.${r}` as MessageKey)} />
              ))}
            </Group>
          </Radio.Group>
        )}
        <TextInput
          mt="xs"
          ref={noteField}
          label={kind === 'loss' ? t('writeOff.note') : t('writeOff.noteAdjust')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          withAsterisk={noteRequired}
          maxLength={200}
        />
        <Button type="submit" mt="md" fullWidth loading={busy} color={kind === 'loss' ? 'red' : undefined}>
          {kind === 'loss' ? t('writeOff.submitLoss') : t('writeOff.submitAdjust')}
        </Button>
      </form>
    </Paper>
  );
}
