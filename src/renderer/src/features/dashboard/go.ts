/** A section of a page the next page shown should bring into view, once. */
let pendingSection: string | null = null;

/** The app's pages are chosen by the hash (App.tsx listens to hashchange); `section`, one to scroll to there. */
export const go = (page: 'alerts' | 'stock' | 'forecasts' | 'sell' | 'settings', section?: 'backups') => {
  pendingSection = section ?? null;
  window.location.hash = `/${page}`;
};

/** Whether the page was opened to show `section` (asked once: a later visit opens at the top). */
export function takeSection(section: 'backups'): boolean {
  if (pendingSection !== section) return false;
  pendingSection = null;
  return true;
}
