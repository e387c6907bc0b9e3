import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { AUTO_KEPT, type BackupInfo } from '../../src/shared/api/contract';
import type { Product } from '../../src/shared/domain/product';
import { sellRice, stockRice } from './backup-shop';
import { must, openTestCore, tempDir } from '../helpers/core';

describe('rotation of the automatic backups (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let clock: Date;
  let rice: Product;
  const backups = () => join(tmp.dir, 'backups');
  const autos = async () => (await must<BackupInfo[]>(core.call('backup.list', {}))).filter((b) => b.kind === 'auto').map((b) => b.file);
  const sales = () => core.store.sqlite.prepare('SELECT count(*) FROM sales').pluck().get() as number;
  const sell = () => sellRice(core, rice);
  /** One automatic backup a day from May 1, after a sale each day. */
  const dailyAutos = async (days: number, from = 1) => {
    for (let d = from; d < from + days; d++) {
      clock = new Date(`2026-05-${String(d).padStart(2, '0')}T09:00:00`);
      await sell();
      expect(await core.services.backup.autoIfDue()).not.toBeNull();
    }
  };

  beforeEach(async () => {
    tmp = tempDir();
    clock = new Date('2026-05-01T08:00:00');
    core = openTestCore(tmp.dir, () => clock);
    rice = await stockRice(core);
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('after the clock jumped back, the automatic backup just made is kept (the oldest other one goes), and the hourly check makes no second one', async () => {
    await dailyAutos(AUTO_KEPT);
    const beforeJump = await autos();
    for (const day of ['2025-01-01', '2025-01-02']) {
      clock = new Date(`${day}T09:00:00`);
      const made = await core.services.backup.autoIfDue();
      expect(made).not.toBeNull();
      expect(existsSync(join(backups(), made!.file))).toBe(true);
      expect(await autos()).toContain(made!.file);
      expect(await autos()).toHaveLength(AUTO_KEPT);
      clock = new Date(`${day}T10:00:00`);
      expect(await core.services.backup.autoIfDue()).toBeNull();
    }
    // the newest is always kept; while the clock stays wrong, beside it the newest from before the jump
    const made = await autos();
    expect(made).toEqual([...beforeJump.slice(0, AUTO_KEPT - 1), made.at(-1)]);
    expect(made.at(-1)).toMatch(/^shelfcast-auto-2025-01-02T/);
  });

  it('the backup the owner chose to restore is not rotated out before the restart that restores it; the rotation resumes after', async () => {
    await dailyAutos(AUTO_KEPT);
    const chosen = (await autos()).at(-1)!;
    clock = new Date('2026-05-14T20:00:00');
    await must(core.call('backup.restore', { file: chosen }));
    // the restart waits: days of automatic backups meanwhile
    await dailyAutos(3, 15);
    expect(existsSync(join(backups(), chosen))).toBe(true);
    expect(await autos()).toHaveLength(AUTO_KEPT + 1);
    core.close();

    clock = new Date('2026-05-18T08:00:00');
    core = openTestCore(tmp.dir, () => clock);
    expect(sales()).toBe(1); // the shop as it was on May 1
    clock = new Date('2026-05-18T09:00:00');
    expect(await core.services.backup.autoIfDue()).not.toBeNull();
    expect(await autos()).toHaveLength(AUTO_KEPT);
    expect(await autos()).not.toContain(chosen);
  });
});
