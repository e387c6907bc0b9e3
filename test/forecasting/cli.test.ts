import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHistoryCsv } from '../../src/main/services/forecasting';
import { businessDate } from '../../src/shared/domain/dates';
import { openTestCore } from '../helpers/core';
import { weeklySeries } from './helpers';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'shelfcast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env?: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/forecast.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
    ...(env ? { env } : {}),
  });
}

describe('npm run forecast (CLI)', () => {
  it('reads a history CSV and writes p10/p50/p90 for the days after each item', () => {
    const items = [weeklySeries('milk', 90, 12, 1), weeklySeries('jam, strawberry', 60, 0.5, 2, '2024-01-20')];
    const lines = ['item_id,date,qty,stock'];
    for (const s of items) s.dates.forEach((d, i) => lines.push(`"${s.id}",${d},${s.qty[i]},${i === 5 ? '' : 20}`));
    // unsorted input is fine
    const body = lines.slice(1).reverse();
    const history = path.join(dir, 'history.csv');
    const out = path.join(dir, 'out.csv');
    writeFileSync(history, [lines[0], ...body].join('\n'));
    const r = cli(['--history', history, '--horizon', '14', '--out', out, '--as-of', '2025-01-01']);
    // off a terminal: a line per 10 %, saying what the run is doing
    expect(r.stderr).toMatch(/^progress \d+\/\d+ \(\d+%\) backtest$/m);
    expect(r.stderr).toMatch(/^progress \d+\/\d+ \(100%\) forecast$/m);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/forecast 2 items x 14 days in [\d.]+ s on (cpu|cuda); backtest WAPE [\d.]+ \(last week repeated [\d.]+\) MASE /);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('item_id,date,p10,p50,p90,method');
    expect(rows).toHaveLength(1 + 2 * 14);
    // items in order of first appearance (the file was reversed), first day after each item's last
    expect(rows[1]).toMatch(/^"jam, strawberry",2024-03-20,/);
    expect(rows.some((l) => l.startsWith('milk,2024-03-31,'))).toBe(true);
    for (const l of rows.slice(1)) {
      const [p10, p50, p90] = l.split(',').slice(-4, -1).map(Number);
      expect(p10).toBeGreaterThanOrEqual(0);
      expect(p10!).toBeLessThanOrEqual(p50!);
      expect(p50!).toBeLessThanOrEqual(p90!);
    }
  });

  it('rejects a bad CSV row naming the line and column, exit code 2', () => {
    const history = path.join(dir, 'bad.csv');
    writeFileSync(history, 'item_id,date,qty\nmilk,2024-01-01,3\nmilk,2024-01-02,three\n');
    const r = cli(['--history', history, '--horizon', '7', '--out', path.join(dir, 'x.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/line 3, column "qty": "three" is not a number/);
  });

  it('explains its usage on missing arguments', () => {
    const r = cli(['--horizon', '7']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run forecast/);
  });

  it('refuses a misspelt option or an unknown provider before forecasting (exit 2), instead of using the default', () => {
    const history = path.join(dir, 'plain.csv');
    writeFileSync(history, 'item_id,date,qty\nmilk,2024-01-01,3\nmilk,2024-01-02,4\n');
    const out = path.join(dir, 'never.csv');
    const misspelt = cli(['--history', history, '--horizn', '7', '--out', out]);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toMatch(/^unknown option --horizn$/m);
    expect(misspelt.stderr).toMatch(/usage: npm run forecast/);
    const provider = cli(['--history', history, '--out', out, '--providers', 'cpu,gpu']);
    expect(provider.status).toBe(2);
    expect(provider.stderr).toMatch(/--providers takes a list of cuda, dml, cpu, js, got "cpu,gpu"/);
    for (const r of [misspelt, provider]) expect(r.stderr).not.toMatch(/progress/);
    expect(existsSync(out)).toBe(false);
  });

  it('reads an item id holding a line break, quotes and a comma, and writes it back so that it reads the same (RFC 4180 round trip)', () => {
    const odd = 'jam "extra"\nstrawberry, 1 kg';
    const s = weeklySeries(odd, 60, 3, 4);
    const quoted = `"${odd.replace(/"/g, '""')}"`;
    const history = path.join(dir, 'multiline.csv');
    // CRLF line ends, as a spreadsheet writes them; the break inside the quotes is part of the id
    writeFileSync(history, ['item_id,date,qty', ...s.dates.map((d, i) => `${quoted},${d},${s.qty[i]}`)].join('\r\n'));
    const out = path.join(dir, 'multiline-out.csv');
    const r = cli(['--history', history, '--horizon', '7', '--out', out, '--as-of', '2024-12-31']);
    expect(r.stderr).not.toMatch(/line \d+/);
    expect(r.status).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written.startsWith(`item_id,date,p10,p50,p90,method\n${quoted},`)).toBe(true);
    // the forecast file read back with the same reader: one item, the same id, 7 days of P50s
    const back = parseHistoryCsv(written.replace('item_id,date,p10,p50,p90,method', 'item_id,date,p10,qty,p90,method'));
    expect(back.map((x) => [x.id, x.dates.length])).toEqual([[odd, 7]]);
  });

  it('--as-of defaults to today as the shop counts days (local, not UTC), and an unreadable one is refused with exit 2', () => {
    // a shop whose local date differs from the UTC date right now: 14 h ahead or 12 h behind
    const ahead = new Date().getUTCHours() >= 10;
    const offsetH = ahead ? 14 : -12;
    const localDay = (days: number) => new Date(Date.now() + offsetH * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const env = { ...process.env, TZ: ahead ? 'Etc/GMT-14' : 'Etc/GMT+12' };
    const history = path.join(dir, 'asof.csv');
    // today's row is kept, tomorrow's is in the future: the forecast starts tomorrow
    writeFileSync(history, `item_id,date,qty\nmilk,${localDay(0)},4\nmilk,${localDay(1)},9\n`);
    const out = path.join(dir, 'asof-out.csv');
    const r = cli(['--history', history, '--horizon', '2', '--out', out], env);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('warning: milk: 1 row(s) dated in the future ignored');
    expect(readFileSync(out, 'utf8').split('\n')[1]).toMatch(new RegExp(`^milk,${localDay(1)},`));

    for (const bad of ['yesterday', '2026-13-01']) {
      const b = cli(['--history', history, '--horizon', '2', '--out', out, '--as-of', bad]);
      expect(b.status).toBe(2);
      expect(b.stderr).toContain(`--as-of must be a date YYYY-MM-DD (e.g. 2026-05-10), got "${bad}"`);
    }
  });

  it('checks that --out can be written before forecasting (exit 2, nothing forecast)', () => {
    const history = path.join(dir, 'out-check.csv');
    writeFileSync(history, 'item_id,date,qty\nmilk,2024-01-01,3\n');
    const missing = cli(['--history', history, '--horizon', '7', '--out', path.join(dir, 'no-such-folder', 'out.csv')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--out .*out\.csv cannot be written: the folder .*no-such-folder does not exist/);
    expect(missing.stderr).not.toMatch(/progress/);
    const folder = path.join(dir, 'a-folder');
    mkdirSync(folder);
    const isFolder = cli(['--history', history, '--horizon', '7', '--out', folder]);
    expect(isFolder.status).toBe(2);
    expect(isFolder.stderr).toMatch(/cannot be written: it is a folder/);
    expect(existsSync(path.join(folder, 'out.csv'))).toBe(false);
  });
});

describe('npm run forecast -- --db, interrupted with Ctrl-C', () => {
  it('cancels the run, waits for it to stop, records it cancelled and exits 130', async () => {
    const shop = mkdtempSync(path.join(tmpdir(), 'shelfcast-sigint-'));
    try {
      const file = path.join(shop, 'shop.db');
      openTestCore(shop).close();
      // 600 products x 400 days, straight into daily_sales: a run of many batches
      const db = new Database(file);
      const addP = db.prepare('INSERT INTO products (sku, name, search_text) VALUES (?, ?, ?)');
      const addD = db.prepare('INSERT INTO daily_sales (product_id, date, sold_milli, end_stock_milli) VALUES (?, ?, ?, NULL)');
      const now = new Date();
      db.transaction(() => {
        for (let p = 1; p <= 600; p++) {
          const id = Number(addP.run(`S${p}`, `N${p}`, `n${p}`).lastInsertRowid);
          for (let k = 400; k >= 1; k--) addD.run(id, businessDate(new Date(now.getFullYear(), now.getMonth(), now.getDate() - k)), 1000 * ((p * 7 + k * 3) % 5));
        }
      })();
      db.close();

      // one process, as in a terminal where Ctrl-C reaches the script itself (tsx's launcher would relay it)
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/forecast.ts'), '--db', file, '--providers', 'cpu'], { cwd: root });
      let stderr = '';
      let sent = false;
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        if (!sent && /progress \d+\/\d+/.test(stderr)) {
          sent = true;
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(sent).toBe(true);
      expect(stderr).toMatch(/cancelling forecast run 1 \(Ctrl-C again to quit at once\)/);
      expect(stderr).toMatch(/forecast run 1 cancelled/);
      expect(code).toBe(130);
      const after = new Database(file, { readonly: true });
      try {
        const run = after.prepare('SELECT status, trigger, finished_at, duration_ms, error FROM forecast_runs').all() as { status: string; finished_at: string | null; duration_ms: number | null }[];
        expect(run).toMatchObject([{ status: 'cancelled', trigger: 'cli', error: null }]);
        expect(run[0]!.finished_at).not.toBeNull();
        expect(run[0]!.duration_ms).toBeGreaterThan(0);
        expect(after.prepare('SELECT count(*) AS n FROM forecasts').get()).toEqual({ n: 0 });
      } finally {
        after.close();
      }
    } finally {
      rmSync(shop, { recursive: true, force: true });
    }
  }, 120_000);
});
