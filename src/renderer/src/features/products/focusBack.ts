import { useEffect, useRef, type RefObject } from 'react';
import { focusIsLost } from '../../app/focus';

/**
 * Where the keyboard goes once a list's card has closed (its Modal unmounted gives no focus back
 * itself): to the row's « Modifier » if it is still listed, else to the search box; and back to the
 * search box when the list reloads without the row the focus was on. Returns what to call as the card
 * closes, with the row it was about (none for a new one).
 */
export function useFocusBack(cardOpen: boolean, editButton: (id: number) => string, search: RefObject<HTMLInputElement | null>, listed: unknown): (id: number | undefined) => void {
  const returnTo = useRef<number | null>(null);
  useEffect(() => {
    if (cardOpen || !focusIsLost()) return;
    const to = returnTo.current;
    returnTo.current = null;
    const edit = to === null ? null : document.querySelector<HTMLButtonElement>(editButton(to));
    (edit ?? search.current)?.focus();
    // editButton is a selector pattern, the same for the page's life
  }, [cardOpen, listed]);
  return (id) => {
    returnTo.current = id ?? null;
  };
}
