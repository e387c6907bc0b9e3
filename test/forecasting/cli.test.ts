import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { weeklySeries } from './helpers';

const root = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'shelfcast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/forecast.ts'), ...args], {
    encoding: 'utf8',
    cwd: root,
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
    expect(r.stderr).toMatch(/progress \d+\/\d+/);
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
});
