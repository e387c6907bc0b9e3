import { describe, expect, it } from 'vitest';
import type { ComboboxParsedItem } from '@mantine/core';
import { foldedFilter } from '../../src/renderer/src/components/foldedFilter';

const options: ComboboxParsedItem[] = [
  { value: '1', label: 'Épicerie' },
  { value: '2', label: 'Boissons' },
  { group: 'Frais', items: [{ value: '3', label: 'Crèmerie' }, { value: '4', label: 'Boucherie' }] },
];
const labels = (search: string) =>
  foldedFilter({ options, search, limit: Infinity }).flatMap((o) => ('group' in o ? o.items.map((i) => `${o.group}/${i.label}`) : [o.label]));

describe('a searchable list filters on what is typed, case and accents aside', () => {
  it('« epi » finds « Épicerie », « CREM » finds « Crèmerie » in its group', () => {
    expect(labels('epi')).toEqual(['Épicerie']);
    expect(labels('CREM')).toEqual(['Frais/Crèmerie']);
  });
  it('a group with nothing found is left out; spaces around are ignored; nothing typed keeps all', () => {
    expect(labels('  bois ')).toEqual(['Boissons']);
    expect(labels('erie')).toEqual(['Épicerie', 'Frais/Crèmerie', 'Frais/Boucherie']);
    expect(labels('')).toHaveLength(4);
    expect(labels('riz')).toEqual([]);
  });
});
