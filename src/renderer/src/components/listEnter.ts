import type { FocusEvent, KeyboardEvent } from 'react';
import { foldedFilter } from './foldedFilter';

/** The option a Mantine list opened under this field has highlighted, which Enter picks; null when the list is closed. */
function highlightedOption(field: HTMLInputElement): HTMLElement | null {
  const list = field.hasAttribute('data-expanded') ? field.getAttribute('aria-controls') : null;
  return list ? (document.getElementById(list)?.querySelector<HTMLElement>('[data-combobox-selected]') ?? null) : null;
}

/** What Enter should pick in the open list under this field: the highlighted option, else the current value, else the first shown. */
function optionForEnter(field: HTMLInputElement): HTMLElement | null {
  const highlighted = highlightedOption(field);
  if (highlighted) return highlighted;
  const id = field.hasAttribute('data-expanded') ? field.getAttribute('aria-controls') : null;
  const list = id ? document.getElementById(id) : null;
  return (
    list?.querySelector<HTMLElement>('[data-combobox-active]:not([data-combobox-disabled])') ??
    list?.querySelector<HTMLElement>('[data-combobox-option]:not([data-combobox-disabled])') ??
    null
  );
}

/**
 * For a searchable Select's onKeyDownCapture: Enter picks the option the list shows highlighted.
 * Mantine's own Enter goes by an index that a timer, started when the list opens, can set back to
 * « none » after the first letter has highlighted a match; and a list opened by that letter may not
 * be drawn yet when Mantine highlights its first option. Either way (the list put away with Escape
 * and a letter typed, or a busy PC) the name showed as found and Enter did nothing. Stopping the
 * event here keeps Mantine from picking a second time.
 */
export function enterPicksHighlighted(e: KeyboardEvent<HTMLInputElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
  const option = optionForEnter(e.currentTarget);
  if (!option) return;
  e.preventDefault();
  e.stopPropagation();
  option.click();
}

/**
 * A searchable Select by the keyboard (spread on the Select): the name shown is selected on focus so that
 * typing replaces it, typing (accents aside) highlights the first match, and Enter picks it.
 */
export const keyboardSearch = {
  searchable: true,
  filter: foldedFilter,
  selectFirstOptionOnChange: true,
  onFocus: (e: FocusEvent<HTMLInputElement>) => e.currentTarget.select(),
  onKeyDownCapture: enterPicksHighlighted,
} as const;
