import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useQuery } from '../api/hooks';
import { useI18n } from '../i18n/i18n';

interface Option {
  value: string;
  label: string;
}

/**
 * Searches products on the server as you type (name, SKU or barcode) and keeps the chosen product
 * among the options, so a new search or a stock refresh never drops the selection.
 */
export function ProductPicker(props: { label: string; value: number | null; onChange: (id: number | null) => void; error?: string }) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<Option | null>(null);
  const [search, setSearch] = useState('');
  const typed = selected && search === selected.label ? '' : search;
  const [debounced] = useDebouncedValue(typed, 100);
  const results = useQuery('products.list', { search: debounced, limit: 30, withTotal: false });
  const options: Option[] = (results.data?.items ?? []).map((p) => ({ value: String(p.id), label: `${p.name} (${p.sku})` }));
  if (selected && !options.some((o) => o.value === selected.value)) options.unshift(selected);

  return (
    <Select
      label={props.label}
      searchable
      // picking the chosen product again must keep it, not clear it
      allowDeselect={false}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={options}
      value={props.value === null ? null : String(props.value)}
      onChange={(value, option) => {
        setSelected(option ?? null);
        props.onChange(value === null ? null : Number(value));
      }}
      error={props.error}
      nothingFoundMessage={t('common.none')}
    />
  );
}
