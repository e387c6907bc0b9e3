/**
 * npm run forecast -- --history FILE.csv --horizon 28 --out OUT.csv [--as-of YYYY-MM-DD]
 *                     [--providers cuda,cpu] [--inline]
 * Reads item_id,date,qty[,stock]; writes item_id,date,p10,p50,p90,method for the `horizon`
 * days after each item's last date; rows after --as-of (default: today, the shop's local date) are
 * ignored. Runs on a worker thread unless --inline.
 *
 * npm run forecast -- --db shop.db [--horizon 28] [--providers cuda,cpu]
 * Runs the app's nightly job on a shop database: forecasts every active product and stores the
 * results and the run record (trigger 'cli') exactly as the app does. Ctrl-C cancels the run (its
 * record says 'cancelled', the previous forecasts stay) and exits with 130 once it has stopped; a
 * second Ctrl-C quits at once, the record still written 'cancelled'.
 *
 * Exit codes: 0 ok, 1 unexpected failure (or a failed run), 2 bad arguments, unreadable input or an
 * --out that cannot be written, 3 a forecast run is already going on that database (the app's or
 * another command line's), 130 interrupted (Ctrl-C).
 */
import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Core } from '../src/main/core';
import { silentLogger } from '../src/main/logger';
import { dayNumber } from '../src/main/services/forecasting/dates';
import type { ForecastProgressEvent } from '../src/shared/api/contract';
import { AppError } from '../src/shared/api/result';
import { businessDate, ISO_DATE } from '../src/shared/domain/dates';
import {
  CsvError,
  formatForecastCsv,
  forecastSeries,
  forecastSeriesInWorker,
  parseHistoryCsv,
  type Provider,
} from '../src/main/services/forecasting';
import { fail, parseArgs, progressBar } from './lib/cli';

const bar = progressBar('progress');

const USAGE =
  'usage: npm run forecast -- --history FILE.csv --horizon 28 --out OUT.csv [--as-of YYYY-MM-DD] [--providers cuda,cpu] [--inline]\n' +
  '       npm run forecast -- --db shop.db [--horizon 28] [--providers cuda,cpu]';


async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), USAGE, new Set(['help', 'inline']), new Set(['history', 'horizon', 'out', 'as-of', 'providers', 'db']));
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const horizon = Number(args.horizon ?? 28);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 366) fail(`--horizon must be a whole number of days 1..366, got "${String(args.horizon)}"`);
  const providers = readProviders(args.providers);
  if (args.db !== undefined) {
    if (typeof args.db !== 'string') fail(USAGE);
    return runOnDb(args.db, horizon, providers);
  }
  const history = args.history;
  const out = args.out;
  if (typeof history !== 'string' || typeof out !== 'string') fail(USAGE);
  const asOf = readAsOf(args['as-of']);
  checkWritable(out);

  let text: string;
  try {
    text = readFileSync(history, 'utf8');
  } catch (e) {
    fail(`cannot read ${history}: ${(e as Error).message}`);
  }
  let series;
  try {
    series = parseHistoryCsv(text);
  } catch (e) {
    if (e instanceof CsvError) fail(`${history}: ${e.message}`);
    throw e;
  }
  const t0 = performance.now();
  const run = args.inline ? forecastSeries : forecastSeriesInWorker;
  const res = await run(series, { horizon, asOf, onProgress: ({ done, total, phase }) => bar(done, total, phase), ...(providers ? { providers } : {}) });
  writeFileSync(out, formatForecastCsv(res.forecasts));
  for (const w of res.warnings.slice(0, 20)) process.stderr.write(`warning: ${w}\n`);
  if (res.warnings.length > 20) process.stderr.write(`warning: ... ${res.warnings.length - 20} more\n`);
  const s = (performance.now() - t0) / 1000;
  const bt = res.backtest;
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
  process.stdout.write(
    `forecast ${res.forecasts.length} items x ${horizon} days in ${s.toFixed(1)} s on ${res.provider}; ` +
      `backtest WAPE ${f(bt.wape)} (last week repeated ${f(bt.naiveWape)}) MASE ${f(bt.mase)} P10-P90 coverage ${f(bt.coverage80)}; wrote ${out}\n`,
  );
}

const PROVIDERS: readonly Provider[] = ['cuda', 'dml', 'cpu', 'js'];

/** --providers cuda,cpu: tried in that order; 'js' last means the TypeScript reference when no ONNX provider loads. */
function readProviders(value: string | true | undefined): Provider[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(',').map((p) => p.trim()) : [];
  const bad = list.filter((p) => !PROVIDERS.includes(p as Provider));
  if (list.length === 0 || bad.length > 0) fail(`--providers takes a list of ${PROVIDERS.join(', ')}, got "${String(value)}"`);
  return list as Provider[];
}

/**
 * --as-of, default today as the shop counts days (local, not UTC: at 00:30 in Paris the UTC date is
 * still yesterday). Anything but a real YYYY-MM-DD is refused: a NaN would silently turn off the
 * filter on future dates.
 */
function readAsOf(value: string | true | undefined): string {
  if (value === undefined) return businessDate(new Date());
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(dayNumber(value))) {
    fail(`--as-of must be a date YYYY-MM-DD (e.g. 2026-05-10), got "${String(value)}"`);
  }
  return value;
}

/** Fails (exit 2) before any forecasting when `out` cannot be written. */
function checkWritable(out: string): void {
  let problem: string | null = null;
  try {
    if (existsSync(out)) {
      if (statSync(out).isDirectory()) problem = 'it is a folder';
      else accessSync(out, constants.W_OK);
    } else {
      const dir = dirname(resolve(out));
      if (!existsSync(dir)) problem = `the folder ${dir} does not exist`;
      else if (!statSync(dir).isDirectory()) problem = `${dir} is not a folder`;
      else accessSync(dir, constants.W_OK);
    }
  } catch (e) {
    problem = (e as Error).message;
  }
  if (problem) fail(`--out ${out} cannot be written: ${problem}`);
}

/** The nightly job on a shop database, as the app runs it. */
async function runOnDb(db: string, horizon: number, providers: Provider[] | undefined): Promise<void> {
  if (!existsSync(db)) fail(`no shop database at ${db}`);
  const core = new Core({
    dbPath: db,
    migrationsFolder: join(__dirname, '..', 'src', 'main', 'db', 'migrations'),
    logger: silentLogger,
    mode: 'web',
    version: 'cli',
    forecast: { horizon, ...(providers ? { providers } : {}) },
  });
  try {
    const off = core.onEvent((name, payload) => {
      const p = payload as ForecastProgressEvent;
      if (name !== 'forecast.progress' || p.total <= 0) return;
      // the run's last event (done = total) says how it ended: the bar is finished only for a good run
      if (p.status === 'running') bar(p.done, p.total, p.phase ?? undefined);
      else if (p.status === 'ok') bar(p.total, p.total, 'done');
      else if (process.stderr.isTTY) process.stderr.write('\n');
    });
    let started;
    try {
      started = core.services.forecasts.start('cli');
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict')) throw e;
      off();
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 3;
      return;
    }
    // Ctrl-C: cancel and wait for the run to stop (its record says 'cancelled'); twice: quit now,
    // closing the store first, which writes the record 'cancelled' too
    let interrupted = false;
    const onSigint = (): void => {
      if (interrupted) {
        core.close();
        process.exit(130);
      }
      interrupted = true;
      process.stderr.write(`\ncancelling forecast run ${started.runId} (Ctrl-C again to quit at once)\n`);
      core.services.forecasts.cancel();
    };
    process.on('SIGINT', onSigint);
    const run = await started.finished;
    process.off('SIGINT', onSigint);
    off();
    if (interrupted) {
      process.stderr.write(`forecast run ${run.id} ${run.status}\n`);
      process.exitCode = 130;
      return;
    }
    const f = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
    if (run.status !== 'ok') {
      process.stderr.write(`forecast run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      `forecast run ${run.id}: ${run.products} products x ${horizon} days in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s on ${run.provider}; ` +
        `backtest WAPE ${f(run.backtestWape)} (last week repeated ${f(run.backtestNaiveWape)}) MASE ${f(run.backtestMase)} ` +
        `P10-P90 coverage ${f(run.backtestCoverage)}; stored in ${db}\n`,
    );
  } finally {
    core.close();
  }
}

main().catch((e: unknown) => fail(`forecast failed: ${e instanceof Error ? e.message : String(e)}`, 1));
