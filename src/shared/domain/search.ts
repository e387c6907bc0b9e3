/**
 * Lower-case and strip accents so "Café" is found by "cafe" (French shops type without accents). The
 * core stores and compares names this way; screens that filter what they already hold use the same.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/** Names in the order a French reader sorts them: « Épicerie » with the E's, « Lot 2 » before « Lot 10 ». */
export const frenchOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
