import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createFileLogger, silentLogger } from '../../src/main/logger';
import { resolvePaths } from '../../src/main/paths';
import { openTestCore, tempDir } from '../helpers/core';

describe('structured, rotating log', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('writes JSON lines with the error stack and rotates by size, keeping N files', () => {
    const file = join(tmp.dir, 'logs', 'shelfcast.log');
    const log = createFileLogger(file, { maxBytes: 2000, keep: 2 });
    log.error('boom', { error: new Error('disk full') });
    const first = JSON.parse(readFileSync(file, 'utf8').trim().split('\n')[0]) as { level: string; msg: string; error: { stack: string } };
    expect(first).toMatchObject({ level: 'error', msg: 'boom' });
    expect(first.error.stack).toContain('disk full');
    for (let i = 0; i < 200; i++) log.info('line', { i });
    expect(existsSync(`${file}.1`)).toBe(true);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
  });

  it('an unexpected handler error is logged with its stack and reaches the UI in plain words', async () => {
    const file = join(tmp.dir, 'x.log');
    const logger = createFileLogger(file);
    const table = { 'app.info': () => { throw new TypeError('cannot read x of undefined'); } } as never;
    const result = await dispatch(table, 'app.info', {}, { user: { id: 1, name: 'o', role: 'owner' } }, logger);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/Something went wrong/) } });
    expect(JSON.stringify(result)).not.toContain('TypeError');
    expect(readFileSync(file, 'utf8')).toContain('cannot read x of undefined');
  });
});

describe('paths', () => {
  it('put the database in the user data folder, or where SHELFCAST_DB says', () => {
    const p = resolvePaths({ appRoot: '/app', userData: '/home/awa/.config/Shelfcast', env: {} });
    expect(p.dbFile).toBe('/home/awa/.config/Shelfcast/shelfcast.db');
    expect(p.logFile).toBe('/home/awa/.config/Shelfcast/logs/shelfcast.log');
    expect(p.migrationsFolder).toBe('/app/src/main/db/migrations');
    const custom = resolvePaths({ appRoot: '/app', userData: '/u', env: { SHELFCAST_DB: '/data/shop.db' } });
    expect(custom.dbFile).toBe('/data/shop.db');
    const packaged = resolvePaths({ appRoot: '/opt/app.asar', resourcesRoot: '/opt/resources', userData: '/u', env: {} });
    expect(packaged.migrationsFolder).toBe('/opt/resources/migrations');
    expect(packaged.modelsFolder).toBe('/opt/resources/models');
  });
});

describe('errors nobody caught', () => {
  it('are logged with their stack and reach the UI as an app.error event without details', () => {
    const tmp = tempDir();
    const lines: string[] = [];
    const logger = { ...silentLogger, error: (m: string, d?: Record<string, unknown>) => void lines.push(`${m} ${String((d?.error as Error).stack)}`) };
    const core = openTestCore(tmp.dir, undefined, logger);
    const events: unknown[] = [];
    core.onEvent((name, payload) => events.push([name, payload]));
    core.reportUnexpected('uncaught exception', new RangeError('offset out of range'));
    expect(lines[0]).toMatch(/uncaught exception RangeError: offset out of range\n\s+at /);
    expect(events).toEqual([['app.error', { message: 'unexpected' }]]);
    core.close();
    tmp.cleanup();
  });
});
