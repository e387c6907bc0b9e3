import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core';
import { silentLogger, type Logger } from '../../src/main/logger';
import type { ForecastProgressEvent, ForecastRunRecord } from '../../src/shared/api/contract';
import { MIGRATIONS, must, openTestCore, tempDir } from '../helpers/core';
import { ManualClock } from './manual-clock';

/**
 * How a run record ends when things go wrong around the run: the app closing mid-run, a second
 * process on the same shop file, a record that cannot be written, a worker that cannot be stopped.
 * Real SQLite files and the real worker thread unless a test's name says what stands in.
 */

const NOW = new Date(2026, 4, 10, 14, 0);

/** Three products, 120 days of sales up to yesterday. */
async function buildShop(core: Core): Promise<number[]> {
  const ids: number[] = [];
  for (const sku of ['RIZ', 'HUILE', 'SAVON']) ids.push((await must<{ id: number }>(core.call('products.save', { sku, name: sku, priceMinor: 1000 }))).id);
  const lines = [];
  const day = (k: number, h: number) => new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - k, h);
  for (const [i, productId] of ids.entries()) {
    lines.push({ line: { productId, kind: 'receipt' as const, quantity: 10_000, reason: '' }, at: day(121, 9) });
    for (let k = 120; k >= 1; k--) lines.push({ line: { productId, kind: 'sale' as const, quantity: 3 + ((k * (i + 3)) % 3), reason: '' }, at: day(k, 12) });
  }
  core.services.ledger.recordBulk(lines, 'seed', { user: core.services.session.current()! }, 'warn');
  return ids;
}

type Row = { id: number; status: string; finished_at: string | null; duration_ms: number | null; error: string | null; heartbeat_at: string | null };

/** The run records as another connection (another process) reads them from the file. */
function recordsOnDisk(file: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, status, finished_at, duration_ms, error, heartbeat_at FROM forecast_runs ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
}

function openCore(dir: string, extra: Partial<ConstructorParameters<typeof Core>[0]> = {}): Core {
  return new Core({ dbPath: join(dir, 'shop.db'), migrationsFolder: MIGRATIONS, logger: silentLogger, mode: 'web', version: 'test', now: () => NOW, ...extra });
}

function recordingLogger(): Logger & { errors: { msg: string; data?: Record<string, unknown> }[] } {
  const errors: { msg: string; data?: Record<string, unknown> }[] = [];
  return { errors, debug() {}, info() {}, warn() {}, error: (msg, data) => void errors.push({ msg, ...(data ? { data } : {}) }) };
}

describe('closing the app mid-run', () => {
  it('Core.close() records the run cancelled, with its end and duration, before the store closes', async () => {
    const tmp = tempDir();
    try {
      const file = join(tmp.dir, 'shop.db');
      const app = openTestCore(tmp.dir, () => NOW);
      await buildShop(app);
      const engineStarted = new Promise<void>((resolve) =>
        app.onEvent((name, p) => name === 'forecast.progress' && (p as ForecastProgressEvent).total > 0 && resolve()),
      );
      const { runId, finished } = app.services.forecasts.start('manual');
      await engineStarted;
      app.close();
      // written before close() returned: another process sees the end at once
      const [row] = recordsOnDisk(file);
      expect(row).toMatchObject({ id: runId, status: 'cancelled', error: null });
      expect(row!.finished_at).not.toBeNull();
      expect(row!.duration_ms).toBeGreaterThanOrEqual(0);
      expect((await finished).status).toBe('cancelled');

      // the worker saw the cancel: nothing was written, and the reopened app shows the cancelled run
      const reopened = openTestCore(tmp.dir, () => NOW);
      try {
        expect(reopened.services.forecasts.status()).toMatchObject({ running: null, lastRun: { id: runId, status: 'cancelled' }, lastSuccess: null });
        expect(reopened.store.sqlite.prepare('SELECT count(*) AS n FROM forecasts').get()).toEqual({ n: 0 });
      } finally {
        reopened.close();
      }
    } finally {
      tmp.cleanup();
    }
  }, 60_000);
});

describe('two processes on one shop file (the app and npm run forecast -- --db)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let app: Core;
  beforeEach(async () => {
    tmp = tempDir();
    app = openTestCore(tmp.dir, () => NOW);
    await buildShop(app);
  });
  afterEach(() => {
    app.close();
    tmp.cleanup();
  });

  it('the second process leaves a live run alone and is refused a run of its own, naming it', async () => {
    const a = app.services.forecasts.start('nightly');
    const cli = openTestCore(tmp.dir, () => NOW); // what scripts/forecast.ts --db builds
    try {
      expect(cli.store.sqlite.prepare('SELECT status FROM forecast_runs WHERE id = ?').get(a.runId)).toEqual({ status: 'running' });
      expect(() => cli.services.forecasts.start('cli')).toThrow(new RegExp(`already running on this shop database \\(run ${a.runId}, started by the app`));
      const refused = await cli.call('forecast.run', {});
      expect(!refused.ok && refused.error).toMatchObject({ code: 'conflict', message: expect.stringContaining(`run ${a.runId}`) });

      expect(await a.finished).toMatchObject({ id: a.runId, status: 'ok' });
      // once it is over, the other process may run
      const b = await cli.services.forecasts.start('cli').finished;
      expect(b).toMatchObject({ status: 'ok', trigger: 'cli' });
      expect(recordsOnDisk(join(tmp.dir, 'shop.db')).map((r) => r.status)).toEqual(['ok', 'ok']);
    } finally {
      cli.close();
    }
  }, 60_000);

  it('the running job stamps its heartbeat every few seconds (here 20 ms) while it runs, and stops after', async () => {
    app.close();
    app = openCore(tmp.dir, { now: () => new Date(), forecast: { heartbeatMs: 20 } });
    const file = join(tmp.dir, 'shop.db');
    const seen = new Set<string>();
    const { runId, finished } = app.services.forecasts.start('manual');
    const sample = setInterval(() => {
      const hb = recordsOnDisk(file).find((r) => r.id === runId)?.heartbeat_at;
      if (hb) seen.add(hb);
    }, 10);
    const run = await finished;
    clearInterval(sample);
    expect(run.status).toBe('ok');
    expect(seen.size).toBeGreaterThan(1);
    const last = recordsOnDisk(file)[0]!.heartbeat_at!;
    await new Promise((r) => setTimeout(r, 100));
    expect(recordsOnDisk(file)[0]!.heartbeat_at).toBe(last);
  }, 60_000);

  it('a running record whose heartbeat is stale (or missing, or ahead of the clock) is failed as interrupted; a fresh one is not', () => {
    const sql = app.store.sqlite;
    const add = (heartbeat: string | null) =>
      Number(sql.prepare("INSERT INTO forecast_runs (started_at, status, trigger, heartbeat_at) VALUES (?, 'running', 'cli', ?)").run(NOW.toISOString(), heartbeat).lastInsertRowid);
    const minutes = (m: number) => new Date(NOW.getTime() + m * 60_000).toISOString();
    const stale = add(minutes(-3));
    const none = add(null);
    const ahead = add(minutes(+30));
    const fresh = add(minutes(-1));
    const other = openTestCore(tmp.dir, () => NOW);
    try {
      const status = (id: number) => (other.store.sqlite.prepare('SELECT status, error FROM forecast_runs WHERE id = ?').get(id) as { status: string; error: string | null });
      for (const id of [stale, none, ahead]) expect(status(id)).toEqual({ status: 'failed', error: 'interrupted (the app closed during the run)' });
      expect(status(fresh)).toEqual({ status: 'running', error: null });
      expect(() => other.services.forecasts.start('manual')).toThrow(new RegExp(`run ${fresh}, started from the command line`));
    } finally {
      other.close();
    }
  });

  it('npm run forecast -- --db exits 3 with the other run named when one is live, and leaves it running', () => {
    app.close();
    const file = join(tmp.dir, 'shop.db');
    const db = new Database(file);
    // the record of a run going on in the app, its heartbeat just stamped
    const now = new Date().toISOString();
    const live = Number(db.prepare("INSERT INTO forecast_runs (started_at, status, trigger, heartbeat_at) VALUES (?, 'running', 'nightly', ?)").run(now, now).lastInsertRowid);
    db.close();
    const root = join(__dirname, '..', '..');
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/forecast.ts'), '--db', file, '--providers', 'cpu'], { encoding: 'utf8', cwd: root });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`A forecast is already running on this shop database \\(run ${live}, started by the app`));
    expect(recordsOnDisk(file)).toMatchObject([{ id: live, status: 'running' }]);
    app = openTestCore(tmp.dir, () => NOW);
  }, 60_000);
});

describe('a run record that cannot be written', () => {
  it('stand-in engine that fails while another connection holds the write lock: finished resolves, the final event is sent, the record is ended at the next start', async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, 'shop.db');
    const logger = recordingLogger();
    let other: Database.Database | null = null;
    // stand-in engine: the failure must coincide with a locked file, which a real engine cannot arrange
    let calls = 0;
    const engine = () => {
      if (calls++ === 0) {
        other = new Database(file);
        other.exec('BEGIN IMMEDIATE');
      }
      return Promise.reject(new Error('model file missing'));
    };
    const core = openCore(tmp.dir, { logger, forecast: { engine } });
    try {
      core.store.sqlite.pragma('busy_timeout = 0'); // fail at once instead of after 5 s
      const events: ForecastProgressEvent[] = [];
      core.onEvent((name, p) => name === 'forecast.progress' && events.push(p as ForecastProgressEvent));
      const { runId, finished } = core.services.forecasts.start('nightly');
      const run: ForecastRunRecord = await finished;
      expect(run).toMatchObject({ id: runId, status: 'failed', error: 'model file missing' });
      expect(events.at(-1)).toMatchObject({ runId, status: 'failed' });
      expect(logger.errors.map((e) => e.msg)).toContain('forecast run record not ended');
      expect(recordsOnDisk(file)[0]).toMatchObject({ id: runId, status: 'running' });

      other!.exec('ROLLBACK');
      other!.close();
      // the next run writes the old record's end first, so its own heartbeat does not block it
      const next = await core.services.forecasts.start('manual').finished;
      expect(next).toMatchObject({ status: 'failed', error: 'model file missing' });
      expect(recordsOnDisk(file)[0]).toMatchObject({ id: runId, status: 'failed', error: 'model file missing' });
      expect(recordsOnDisk(file)[0]!.finished_at).not.toBeNull();
    } finally {
      core.close();
      tmp.cleanup();
    }
  }, 30_000);
});

describe('a worker stuck in one long synchronous call (stand-in worker: the real run with a stall put in)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let file: string;
  let before: unknown[];
  let firstRun: number;

  beforeEach(async () => {
    tmp = tempDir();
    file = join(tmp.dir, 'shop.db');
    core = openCore(tmp.dir, { forecast: { cancelGraceMs: 300 } });
    await buildShop(core);
    const first = await core.services.forecasts.start('manual').finished;
    expect(first.status).toBe('ok');
    firstRun = first.id;
    before = core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all();
    expect(before).toHaveLength(3 * 28);
  }, 60_000);
  afterEach(() => {
    delete process.env.SHELFCAST_FORECAST_WORKER;
    delete process.env.SHELFCAST_STALL;
    core.close();
    tmp.cleanup();
  });

  /** Starts a run on the stalling worker and cancels it once it stalls; the run's record and how long it took to settle. */
  async function cancelStalled(mode: 'engine' | 'in-commit' | 'after-commit') {
    process.env.SHELFCAST_FORECAST_WORKER = join(__dirname, 'fixtures', 'stalling-worker.ts');
    process.env.SHELFCAST_STALL = mode;
    let cancelledAt = 0;
    const off = core.onEvent((name, p) => {
      if (name === 'forecast.progress' && (p as ForecastProgressEvent).done === 999 && !cancelledAt) {
        cancelledAt = Date.now();
        expect(core.services.forecasts.cancel()).toBe(true);
      }
    });
    const run = await core.services.forecasts.start('manual').finished;
    off();
    delete process.env.SHELFCAST_FORECAST_WORKER;
    return { run, settledMs: Date.now() - cancelledAt };
  }

  it('stuck in the engine: terminated after the grace period, recorded cancelled, and a new run may start', async () => {
    const { run, settledMs } = await cancelStalled('engine');
    expect(run).toMatchObject({ status: 'cancelled', error: null });
    expect(run.finishedAt).not.toBeNull();
    expect(settledMs).toBeLessThan(5_000);
    expect(core.services.forecasts.isRunning()).toBe(false);
    expect(core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all()).toEqual(before);
    const next = await must<{ runId: number }>(core.call('forecast.run', {}));
    await core.services.forecasts.idle();
    expect(core.services.forecasts.status().lastRun).toMatchObject({ id: next.runId, status: 'ok' });
  }, 60_000);

  it('stuck inside the commit transaction: terminated, nothing of it in the tables, the lock released, recorded cancelled', async () => {
    const { run } = await cancelStalled('in-commit');
    expect(run.status).toBe('cancelled');
    expect(core.store.sqlite.prepare('SELECT * FROM forecasts ORDER BY product_id, date').all()).toEqual(before);
    expect(core.store.sqlite.prepare('SELECT DISTINCT run_id AS r FROM forecast_products').all()).toEqual([{ r: firstRun }]);
    // the terminated thread's connection is closed and its transaction rolled back: a till can write
    const till = new Database(file);
    till.pragma('busy_timeout = 0');
    try {
      expect(() => till.transaction(() => till.prepare("UPDATE settings SET value = value WHERE key = 'none'").run()).immediate()).not.toThrow();
    } finally {
      till.close();
    }
    expect(core.services.forecasts.status().lastSuccess?.id).toBe(firstRun);
  }, 60_000);

  it('stuck after its commit went through: the record says ok, as the tables do', async () => {
    const { run } = await cancelStalled('after-commit');
    expect(run.status).toBe('ok');
    expect(core.store.sqlite.prepare('SELECT DISTINCT run_id AS r FROM forecasts').all()).toEqual([{ r: run.id }]);
    expect(core.services.forecasts.status().lastSuccess?.id).toBe(run.id);
  }, 60_000);
});

describe('the app\'s scheduler (Core with scheduler: true, a hand-moved clock, the real job on an empty shop)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    // last night's run went fine
    const seed = openTestCore(tmp.dir);
    seed.store.sqlite.prepare("INSERT INTO forecast_runs (started_at, finished_at, status, trigger) VALUES (?, ?, 'ok', 'nightly')").run(new Date(2026, 4, 9, 2).toISOString(), new Date(2026, 4, 9, 2, 1).toISOString());
    seed.close();
  });
  afterEach(() => tmp.cleanup());

  it('a nightly start refused by a locked file is logged, never thrown out of the timer, and tried again 5 minutes later', async () => {
    const clock = new ManualClock(new Date(2026, 4, 10, 1, 0));
    const logger = recordingLogger();
    const core = openCore(tmp.dir, { now: clock.now, logger, scheduler: true, schedulerClock: clock });
    try {
      expect(core.services.forecasts.status().lastRun?.id).toBe(1);
      core.store.sqlite.pragma('busy_timeout = 0'); // SQLITE_BUSY at once instead of after 5 s
      const other = new Database(join(tmp.dir, 'shop.db'));
      other.exec('BEGIN IMMEDIATE'); // an import, or another process committing
      expect(() => clock.fireNext()).not.toThrow();
      expect(clock.t).toEqual(new Date(2026, 4, 10, 2, 0));
      other.exec('ROLLBACK');
      other.close();
      expect(logger.errors).toMatchObject([{ msg: 'nightly forecast not started', data: { error: expect.objectContaining({ code: 'SQLITE_BUSY' }) } }]);
      expect(core.services.forecasts.isRunning()).toBe(false);
      expect(clock.timers).toHaveLength(1);

      expect(clock.fireNext()).toEqual(new Date(2026, 4, 10, 2, 5));
      expect(core.services.forecasts.isRunning()).toBe(true);
      await core.services.forecasts.idle();
      expect(core.services.forecasts.status().lastRun).toMatchObject({ id: 2, status: 'ok', trigger: 'nightly' });
    } finally {
      core.close();
    }
  }, 60_000);

  it('saving a new forecast hour re-checks at once: an hour already passed today starts the catch-up now', async () => {
    const clock = new ManualClock(new Date(2026, 4, 10, 0, 40));
    const core = openCore(tmp.dir, { now: clock.now, scheduler: true, schedulerClock: clock });
    try {
      expect(core.services.forecasts.isRunning()).toBe(false);
      // another setting: nothing to do
      await must(core.call('settings.save', { locale: 'en' }));
      expect(core.services.forecasts.isRunning()).toBe(false);
      await must(core.call('settings.save', { forecastHour: 0 }));
      expect(core.services.forecasts.status().running).toMatchObject({ trigger: 'catchup' });
      await core.services.forecasts.idle();
      expect(core.services.forecasts.status().lastRun).toMatchObject({ id: 2, status: 'ok', trigger: 'catchup' });
      // and the next check is armed (at most an hour ahead)
      expect(clock.timers.map((t) => new Date(t.at))).toEqual([new Date(2026, 4, 10, 1, 40)]);
    } finally {
      core.close();
    }
  }, 60_000);
});
