import type { ComboboxParsedItem, OptionsFilter } from '@mantine/core';
import { foldForSearch } from '../../../shared/domain/search';

/** Options whose label holds what is typed, case and accents aside: « epi » finds « Épicerie ». */
export const foldedFilter: OptionsFilter = ({ options, search }) => {
  const typed = foldForSearch(search.trim());
  const found = (label: string) => foldForSearch(label).includes(typed);
  const kept: ComboboxParsedItem[] = [];
  for (const o of options) {
    if (!('group' in o)) {
      if (found(o.label)) kept.push(o);
      continue;
    }
    const items = o.items.filter((i) => found(i.label));
    if (items.length > 0) kept.push({ ...o, items });
  }
  return kept;
};
