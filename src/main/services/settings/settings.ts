import type { z } from 'zod';
import type { settingsInput } from '../../../shared/api/schemas';
import { DEFAULT_SETTINGS, type ShopSettings } from '../../../shared/domain/settings';
import { inTransaction } from '../../db/tx';
import { assertPrinterAddress } from '../../printing/raw';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';

/** Shop settings live in a key/value table; missing keys fall back to the defaults. */
export class SettingsService {
  private cache: ShopSettings | null = null;

  constructor(private readonly deps: ServiceDeps) {}

  get(): ShopSettings {
    if (this.cache) return this.cache;
    const rows = this.deps.store.sqlite.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    this.cache = { ...DEFAULT_SETTINGS, ...stored } as ShopSettings;
    return this.cache;
  }

  /** Drops the cached settings: the next read sees what another writer (the demo shop) stored. */
  forget(): void {
    this.cache = null;
  }

  save(patch: z.output<typeof settingsInput>, actor: Actor): ShopSettings {
    // a new thermal printer address on a device must be one (a character device under /dev, a COM port...),
    // never a file; the address kept as it was is not re-checked (an unplugged printer), printing checks it
    if (patch.escposTarget && patch.escposTarget !== this.get().escposTarget) assertPrinterAddress(patch.escposTarget);
    const { sqlite } = this.deps.store;
    const at = this.deps.now().toISOString();
    inTransaction(sqlite, () => {
      const put = sqlite.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      );
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) put.run(key, JSON.stringify(value));
      }
      new Journal(sqlite).write(at, actor.user.id, 'update', 'settings', '', patch);
    });
    this.forget();
    return this.get();
  }
}
