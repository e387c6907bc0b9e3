import Database from 'better-sqlite3';
import { DEFAULT_SETTINGS, type Locale } from '../shared/domain/settings';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * The language tag Chromium is started with (Electron's `--lang`), from the shop's own setting.
 * Chromium draws date fields (an expiry date on a delivery, a journal day) in its own locale, which
 * is the computer's by default: a French shop on an English Windows would type an expiry as
 * mm/dd/yyyy and could swap day and month. English is en-GB, day first, as in West Africa.
 * Read before the window exists, so a change of language in Settings reaches date fields at the
 * next start. Any problem reading (first start, no table yet, a damaged file) gives the default.
 */
export function chromiumLang(dbFile: string): string {
  let locale: Locale = DEFAULT_SETTINGS.locale;
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'locale'").pluck().get() as string | undefined;
      const stored = row === undefined ? undefined : (JSON.parse(row) as unknown);
      if (stored === 'fr' || stored === 'en') locale = stored;
    } finally {
      db.close();
    }
  } catch {
    // keep the default: the core reports a database it cannot open, with the details
  }
  return TAGS[locale];
}
