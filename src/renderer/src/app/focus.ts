/**
 * Puts the focus on a page's (or a tab's) first useful control as it opens (keyboard review M3), unless
 * the owner is already somewhere on it: only while the focus is nowhere useful, on no element (the
 * control just used went with the last page), on the sidebar, header or tab that opened this one, or on
 * an element no longer shown (in the tab just left). A page opened on a target focuses that target
 * itself, and leaves this out.
 */
export function focusOnArrival(el: HTMLElement | null | undefined): boolean {
  if (!el || !focusIsLost()) return false;
  el.focus();
  return true;
}

/** Nothing useful has the focus: see focusOnArrival. */
export function focusIsLost(): boolean {
  const at = document.activeElement;
  return !at || at === document.body || at.closest('nav, header, [role=tablist]') !== null || !at.checkVisibility();
}
