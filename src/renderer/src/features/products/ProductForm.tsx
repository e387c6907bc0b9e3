import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProductView } from '../../../../shared/api/contract';
import type { Supplier } from '../../../../shared/domain/product';
import { currencyDecimals, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { UNITS, unitName } from '../../../../shared/domain/quantity';
import { netContentText, parseNetContent, sellsByItem } from '../../../../shared/domain/net-content';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { keyboardSearch } from '../../components/listEnter';
import { useI18n } from '../../i18n/i18n';
import { useScanner } from '../sell/useScanner';
import { inputText } from '../stock/fields';
import { GuardedFormModal, useDiscardGuard } from './DiscardGuard';
import { useFocusFirstError } from './focusFirstError';
import { useDraftValues, type FormDraft } from './formDraft';
import { readProductNumbers } from './numbers';
import { barcodeList, withScannedCode } from './scannedCode';

const FIELDS = ['sku', 'name', 'category', 'unit', 'costMinor', 'priceMinor', 'vatRateBp', 'supplierId', 'leadTimeDays', 'minOrderQty', 'packSize', 'barcodes', 'netContent'];

/** Minor units back to what the owner typed: 1250 -> "12.50" in EUR, "1250" in XOF. */
function majorText(minor: number, decimals: number): string {
  return decimals === 0 ? String(minor) : (minor / 10 ** decimals).toFixed(decimals);
}

/** The form's fields as text, as typed. */
export interface ProductFields {
  sku: string;
  name: string;
  category: string;
  unit: string;
  cost: string;
  price: string;
  vat: string;
  supplierId: string | null;
  leadTimeDays: string;
  minOrderQty: string;
  packSize: string;
  barcodes: string;
  /** « 400 g », « 1,5 l »: what one item holds, as typed. */
  netContent: string;
  tracksExpiry: boolean;
}

export type ProductDraft = FormDraft<ProductView, ProductFields>;

/**
 * A product's card. A scanner's burst, wherever the cursor is in it, adds its code to Codes-barres
 * and submits nothing. Closed with something changed, it asks first; its page left under it, what
 * was typed is kept (formDraft) and the page reopens it.
 */
export function ProductForm(props: { product: ProductView | null; draft?: ProductDraft | null; suppliers: Supplier[]; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { settings } = useShop();
  const currency = settings.currency as CurrencyCode;
  const decimals = currencyDecimals(currency);
  const p = props.product;
  const fresh = (): ProductFields => ({
    sku: p?.sku ?? '',
    name: p?.name ?? '',
    category: p?.category ?? '',
    unit: p?.unit ?? 'piece',
    cost: p && p.costMinor !== null ? majorText(p.costMinor, decimals) : '',
    price: p ? majorText(p.priceMinor, decimals) : '',
    vat: p ? inputText(p.vatRateBp / 100, locale) : '0',
    supplierId: p?.supplierId ? String(p.supplierId) : null,
    leadTimeDays: String(p?.leadTimeDays ?? 7),
    minOrderQty: inputText(p?.minOrderQty ?? 0, locale),
    packSize: inputText(p?.packSize ?? 1, locale),
    barcodes: p?.barcodes.join(', ') ?? '',
    netContent: p?.netContent ? netContentText(p.netContent, locale) : '',
    tracksExpiry: p?.tracksExpiry ?? false,
  });
  const { values: v, setValues: setV, dirty, end, restored } = useDraftValues('product', p, fresh, props.draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [scanned, setScanned] = useState<{ code: string; added: boolean } | null>(null);
  const set = (key: keyof ProductFields) => (value: string | boolean | null) => setV((old) => ({ ...old, [key]: value }));
  const { formRef, failed } = useFocusFirstError();
  const close = () => {
    end();
    props.onClose();
  };
  const guard = useDiscardGuard(dirty, close, () => formRef.current?.querySelector<HTMLElement>('[data-autofocus]') ?? null);
  // the scanner's Enter is taken here, before the form sees it: a scan never saves the card
  useScanner((code) => {
    const added = withScannedCode(v.barcodes, code).added;
    setV((old) => ({ ...old, barcodes: withScannedCode(old.barcodes, code).text }));
    setScanned({ code, added });
  }, !guard.asking);

  const submit = async () => {
    const local: FieldErrors = {};
    if (!v.name.trim()) local.name = t('err.required');
    if (!v.sku.trim()) local.sku = t('err.required');
    const costMinor = v.cost.trim() === '' ? 0 : parseMoney(v.cost, currency);
    const priceMinor = parseMoney(v.price, currency);
    if (costMinor === null) local.costMinor = t('err.money');
    if (priceMinor === null) local.priceMinor = v.price.trim() === '' ? t('err.required') : t('err.money');
    // text that is no number is said here, in the shop's language, before the core's schema sees it
    const numbers = readProductNumbers(v, locale);
    if (!numbers.ok) for (const [field, key] of Object.entries(numbers.errors)) local[field] = t(key);
    // sold by weight or volume, the price is per kg or litre already: no content is kept
    const content = sellsByItem(v.unit) ? parseNetContent(v.netContent) : 'none';
    if (content === null) local.netContent = t('products.netContentBad');
    if (!numbers.ok || Object.keys(local).length) {
      setErrors(local);
      return failed();
    }
    setSaving(true);
    try {
      await call('products.save', {
        id: p?.id,
        sku: v.sku,
        name: v.name,
        category: v.category,
        unit: v.unit as (typeof UNITS)[number],
        costMinor: costMinor ?? 0,
        priceMinor: priceMinor ?? 0,
        ...numbers.value,
        supplierId: v.supplierId ? Number(v.supplierId) : null,
        barcodes: barcodeList(v.barcodes),
        tracksExpiry: v.tracksExpiry,
        netContent: content === 'none' || content === null ? null : content,
        active: p?.active ?? true,
      });
      end();
      props.onSaved();
    } catch (error) {
      setErrors(handleFailure(error, t, FIELDS));
      failed();
    } finally {
      setSaving(false);
    }
  };

  return (
    <GuardedFormModal title={p ? t('products.edit') : t('products.new')} guard={guard} restored={restored} formRef={formRef} onSubmit={() => void submit()}>
          <SimpleGrid cols={2}>
            <TextInput label={t('products.name')} value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} data-autofocus withAsterisk name="name" />
            <TextInput label={t('products.sku')} value={v.sku} onChange={(e) => set('sku')(e.currentTarget.value)} error={errors.sku} withAsterisk name="sku" />
            <TextInput label={t('products.price')} value={v.price} onChange={(e) => set('price')(e.currentTarget.value)} error={errors.priceMinor} withAsterisk name="price" inputMode="decimal" />
            <TextInput label={t('products.cost')} value={v.cost} onChange={(e) => set('cost')(e.currentTarget.value)} error={errors.costMinor} name="cost" inputMode="decimal" />
            <TextInput label={t('products.category')} value={v.category} onChange={(e) => set('category')(e.currentTarget.value)} error={errors.category} name="category" />
            <Select label={t('products.unit')} data={UNITS.map((u) => ({ value: u, label: unitName(u, locale) }))} value={v.unit} onChange={(x) => set('unit')(x ?? 'piece')} error={errors.unit} allowDeselect={false} name="unit" />
            <TextInput label={t('products.vat')} value={v.vat} onChange={(e) => set('vat')(e.currentTarget.value)} error={errors.vatRateBp} name="vat" />
            <Select
              label={t('products.supplier')}
              data={props.suppliers.map((s) => ({ value: String(s.id), label: s.name }))}
              value={v.supplierId}
              onChange={set('supplierId')}
              error={errors.supplierId}
              clearable
              {...keyboardSearch}
              name="supplier"
            />
            <TextInput label={t('products.leadTime')} value={v.leadTimeDays} onChange={(e) => set('leadTimeDays')(e.currentTarget.value)} error={errors.leadTimeDays} name="leadTimeDays" />
            <TextInput label={t('products.packSize')} value={v.packSize} onChange={(e) => set('packSize')(e.currentTarget.value)} error={errors.packSize} name="packSize" />
            <TextInput label={t('products.moq')} value={v.minOrderQty} onChange={(e) => set('minOrderQty')(e.currentTarget.value)} error={errors.minOrderQty} name="minOrderQty" />
            <Stack gap={4}>
              <TextInput label={t('products.barcodes')} value={v.barcodes} onChange={(e) => set('barcodes')(e.currentTarget.value)} error={errors.barcodes} name="barcodes" />
              <Text size="xs" c={scanned?.added === false ? 'orange.8' : 'teal.8'} aria-live="polite" data-testid="scanned-code">
                {scanned && t(scanned.added ? 'products.scanAdded' : 'products.scanKnown', { code: scanned.code })}
              </Text>
            </Stack>
            {sellsByItem(v.unit) && (
              <TextInput
                label={t('products.netContent')}
                description={t('products.netContentHelp')}
                placeholder="400 g"
                value={v.netContent}
                onChange={(e) => set('netContent')(e.currentTarget.value)}
                error={errors.netContent}
                name="netContent"
              />
            )}
          </SimpleGrid>
          <Checkbox mt="md" label={t('products.tracksExpiry')} checked={v.tracksExpiry} onChange={(e) => set('tracksExpiry')(e.currentTarget.checked)} />
          <Group justify="flex-end" mt="lg">
            <Button variant="default" onClick={guard.request}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          </Group>
    </GuardedFormModal>
  );
}
