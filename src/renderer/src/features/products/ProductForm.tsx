import { Button, Checkbox, Group, Modal, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProductView } from '../../../../shared/api/contract';
import type { Supplier } from '../../../../shared/domain/product';
import { currencyDecimals, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { UNITS, unitName } from '../../../../shared/domain/quantity';
import { call } from '../../api/api';
import { useShop } from '../../app/shop';
import { handleFailure, type FieldErrors } from '../../components/forms';
import { useI18n } from '../../i18n/i18n';
import { inputText } from '../stock/fields';
import { readProductNumbers } from './numbers';

const FIELDS = ['sku', 'name', 'category', 'unit', 'costMinor', 'priceMinor', 'vatRateBp', 'supplierId', 'leadTimeDays', 'minOrderQty', 'packSize', 'barcodes'];

/** Minor units back to what the owner typed: 1250 -> "12.50" in EUR, "1250" in XOF. */
function majorText(minor: number, decimals: number): string {
  return decimals === 0 ? String(minor) : (minor / 10 ** decimals).toFixed(decimals);
}

export function ProductForm(props: { product: ProductView | null; suppliers: Supplier[]; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { settings } = useShop();
  const currency = settings.currency as CurrencyCode;
  const decimals = currencyDecimals(currency);
  const p = props.product;
  const [v, setV] = useState({
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
    tracksExpiry: p?.tracksExpiry ?? false,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof v) => (value: string | boolean | null) => setV((old) => ({ ...old, [key]: value }));

  const submit = async () => {
    const local: FieldErrors = {};
    const costMinor = v.cost.trim() === '' ? 0 : parseMoney(v.cost, currency);
    const priceMinor = parseMoney(v.price, currency);
    if (costMinor === null) local.costMinor = t('err.money');
    if (priceMinor === null) local.priceMinor = v.price.trim() === '' ? t('err.required') : t('err.money');
    // text that is no number is said here, in the shop's language, before the core's schema sees it
    const numbers = readProductNumbers(v, locale);
    if (!numbers.ok) for (const [field, key] of Object.entries(numbers.errors)) local[field] = t(key);
    if (!numbers.ok || Object.keys(local).length) return setErrors(local);
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
        barcodes: v.barcodes.split(/[,;\s]+/).filter(Boolean),
        tracksExpiry: v.tracksExpiry,
        active: p?.active ?? true,
      });
      props.onSaved();
    } catch (error) {
      setErrors(handleFailure(error, t, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={p ? t('products.edit') : t('products.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={2}>
          <TextInput label={t('products.name')} value={v.name} onChange={(e) => set('name')(e.currentTarget.value)} error={errors.name} data-autofocus required name="name" />
          <TextInput label={t('products.sku')} value={v.sku} onChange={(e) => set('sku')(e.currentTarget.value)} error={errors.sku} required name="sku" />
          <TextInput label={t('products.price')} value={v.price} onChange={(e) => set('price')(e.currentTarget.value)} error={errors.priceMinor} required name="price" inputMode="decimal" />
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
            searchable
            name="supplier"
          />
          <TextInput label={t('products.leadTime')} value={v.leadTimeDays} onChange={(e) => set('leadTimeDays')(e.currentTarget.value)} error={errors.leadTimeDays} name="leadTimeDays" />
          <TextInput label={t('products.packSize')} value={v.packSize} onChange={(e) => set('packSize')(e.currentTarget.value)} error={errors.packSize} name="packSize" />
          <TextInput label={t('products.moq')} value={v.minOrderQty} onChange={(e) => set('minOrderQty')(e.currentTarget.value)} error={errors.minOrderQty} name="minOrderQty" />
          <TextInput label={t('products.barcodes')} value={v.barcodes} onChange={(e) => set('barcodes')(e.currentTarget.value)} error={errors.barcodes} name="barcodes" />
        </SimpleGrid>
        <Checkbox mt="md" label={t('products.tracksExpiry')} checked={v.tracksExpiry} onChange={(e) => set('tracksExpiry')(e.currentTarget.checked)} />
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
