/** A file's or a disk's size as people read it: 820 ko, 12,5 Mo, 3,2 Go (KB, MB, GB in English). */
export function formatSize(bytes: number, locale: string): string {
  const fmt = (n: number) => n.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  const unit = (fr: string, en: string) => (locale === 'fr' ? fr : en);
  if (bytes < 1024) return `${bytes} ${unit('o', 'B')}`;
  if (bytes < 1024 ** 2) return `${fmt(bytes / 1024)} ${unit('ko', 'KB')}`;
  if (bytes < 1024 ** 3) return `${fmt(bytes / 1024 ** 2)} ${unit('Mo', 'MB')}`;
  return `${fmt(bytes / 1024 ** 3)} ${unit('Go', 'GB')}`;
}
