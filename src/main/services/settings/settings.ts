import type { z } from 'zod';
import { AppError } from '../../../shared/api/result';
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
      if (patch.currency !== undefined && patch.currency !== this.get().currency) this.checkCurrencyChange(this.get().currency, patch.currency);
      if (patch.dayEndHour !== undefined && patch.dayEndHour !== this.get().dayEndHour) this.checkDayEndChange(this.get().dayEndHour, patch.dayEndHour);
      const put = sqlite.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      );
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) put.run(key, JSON.stringify(value));
      }
      // the logo is an image of up to 400 kB: the journal (and the central server) get its size, not the image
      const noted = patch.logo === undefined ? patch : { ...patch, logo: patch.logo === '' ? '' : `(image, ${patch.logo.length} characters)` };
      new Journal(sqlite).write(at, actor.user.id, 'update', 'settings', '', noted);
    });
    this.forget();
    return this.get();
  }

  /**
   * Between midnight and the later of the two hours, the old and the new end of the day disagree on
   * which day it is: a night's sales would be split, those before the change in one day and those after
   * in another, and its cash count would match neither. So a shop that has recorded anything changes it
   * once that hour has passed (a new shop, any time).
   */
  private checkDayEndChange(from: number, to: number): void {
    const latest = Math.max(from, to);
    if (this.deps.now().getHours() >= latest) return;
    if (this.deps.store.sqlite.prepare('SELECT 1 FROM movements LIMIT 1').get() === undefined) return;
    const hour = `${String(latest).padStart(2, '0')}:00`;
    throw new AppError('conflict', `dayEndHour: change the end of the day after ${hour}; changed now, tonight's sales would be split over two days`, 'dayEndHour', {
      reason: 'day_end_mid_night',
      hour,
    });
  }

  /**
   * Amounts are stored in the currency's minor units without it: 5 900 FCFA would read 59,00 € after a
   * switch to EUR, every price, receipt and past day with it. So the currency is chosen before the shop
   * has prices or sales, and stays.
   */
  private checkCurrencyChange(from: string, to: string): void {
    const { sqlite } = this.deps.store;
    const sales = sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;
    const priced = sqlite.prepare('SELECT count(*) FROM products WHERE price_minor <> 0 OR cost_minor <> 0').pluck().get() as number;
    if (sales === 0 && priced === 0) return;
    throw new AppError(
      'conflict',
      `currency: the shop already has ${priced} priced products and ${sales} sales in ${from}; they would read as ${to} amounts. The currency cannot change once prices or sales exist`,
      'currency',
      { reason: 'currency_in_use', from, to, products: priced, sales },
    );
  }
}
