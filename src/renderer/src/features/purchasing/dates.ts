/** A day (YYYY-MM-DD) or a moment (ISO timestamp) as the shop reads dates: 21/11/2026, in either language. */
export function shortDate(value: string, locale: string): string {
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  // a bare day is a calendar date, not a moment: read at noon UTC so no time zone moves it
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`).toLocaleDateString(tag, { timeZone: 'UTC' });
  return new Date(value).toLocaleDateString(tag);
}
