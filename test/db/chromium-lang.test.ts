import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chromiumLang } from '../../src/main/chromium-lang';
import { must, openTestCore, tempDir } from '../helpers/core';

/**
 * The language Chromium starts with follows the shop's setting, so its date fields read day first in
 * a French shop whatever the computer's language (real SQLite file; the Electron switch itself is
 * not run here).
 */
describe("Chromium's language comes from the shop's setting", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('is French before the first start, and follows the setting once saved', async () => {
    const db = join(tmp.dir, 'shop.db');
    expect(chromiumLang(db)).toBe('fr-FR');
    const core = openTestCore(tmp.dir);
    try {
      expect(chromiumLang(db)).toBe('fr-FR');
      await must(core.call('settings.save', { locale: 'en' }));
      // read while the app still holds the database open (WAL), as at a restart after a crash
      expect(chromiumLang(db)).toBe('en-GB');
      await must(core.call('settings.save', { locale: 'fr' }));
      expect(chromiumLang(db)).toBe('fr-FR');
    } finally {
      core.close();
    }
  });

  it('falls back to French on a file that is not a database, without throwing', () => {
    const db = join(tmp.dir, 'shop.db');
    writeFileSync(db, 'not a database');
    expect(chromiumLang(db)).toBe('fr-FR');
  });
});
