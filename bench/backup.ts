/**
 * bench:backup — a backup of the demo shop (400 products, two years of history) made while the till
 * is open: how long the backup takes, and the longest the main thread (the till: scans, keys, IPC)
 * was held at once meanwhile (the longest gap between ticks of a 2 ms timer). Prints each run and
 * the medians.
 * Usage: npm run bench:backup [-- --runs 5]
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../src/main/logger';
import { Core } from '../src/main/core';
import { createDemoShop } from '../src/main/services/onboarding/demo';
import { MIGRATIONS, tempDir } from '../test/helpers/core';
import { median, round } from './lib/stats';
import { stallWatch } from './lib/stall';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 5);

async function main(): Promise<void> {
  const tmp = tempDir('shelfcast-bench-backup-');
  const core = new Core({ dbPath: join(tmp.dir, 'shop.db'), migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'bench' });
  try {
    const actor = { user: core.services.session.owner() };
    const demo = createDemoShop({ store: core.store, now: () => new Date() }, actor, {});
    core.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const mb = statSync(join(tmp.dir, 'shop.db')).size / 1e6;
    console.log(`demo shop: ${demo.products} products, ${demo.movements} movements, ${mb.toFixed(1)} MB`);
    const seconds: number[] = [];
    const stalls: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const watch = stallWatch();
      const t0 = performance.now();
      const made = await core.services.backup.create('manual', actor);
      const s = (performance.now() - t0) / 1000;
      const stallMs = watch.stop();
      seconds.push(s);
      stalls.push(stallMs);
      console.log(`run ${run}: ${made.file} ${(made.bytes / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s, longest main-thread stall ${stallMs.toFixed(0)} ms`);
    }
    console.log(`median of ${RUNS}: backup ${median(seconds).toFixed(2)} s, longest main-thread stall ${median(stalls).toFixed(0)} ms`);
    console.log(JSON.stringify({ backup: { runs: RUNS, mb: round(mb, 1), seconds: round(median(seconds), 3), stallMs: round(median(stalls), 1) } }));
  } finally {
    core.close();
    tmp.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
