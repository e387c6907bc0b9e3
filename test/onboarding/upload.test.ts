import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview, ImportResult, OnboardingProgressEvent, UploadState } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { openTestCore, tempDir } from '../helpers/core';
import { checksum, TODAY } from './helpers';

let dir: string;
let cleanup: () => void;
let core: Core;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('shelfcast-upload-'));
  core = openTestCore(dir, () => TODAY);
});
afterEach(() => {
  core.close();
  cleanup();
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const r = await core.call(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

/** Uploads bytes in chunks of `chunk` bytes, as the interface does. */
async function upload(name: string, bytes: Buffer, chunk = 4 * 1024 * 1024): Promise<UploadState> {
  let state: UploadState | undefined;
  let offset = 0;
  do {
    const part = bytes.subarray(offset, offset + chunk);
    state = await ok<UploadState>('onboarding.upload', { uploadId: state?.uploadId, name, data: part.toString('base64'), offset, last: offset + part.length >= bytes.length });
    offset += part.length;
  } while (offset < bytes.length);
  return state;
}

const BAD_PRODUCTS = [
  'Référence;Libellé;Montant;Quantité dispo;Zone',
  'R-001;Riz parfumé 5 kg;4500;12;Épicerie',
  'R-002;Huile 1 L;1200;abc;Épicerie',
  'R-003;Sucre 1 kg;-700;5;Épicerie',
  'R-001;Riz doublon;4600;3;Épicerie',
  'R-004;Lait en poudre 400 g;2500;8;Crèmerie',
].join('\r\n');

describe('onboarding.upload', () => {
  it('reassembles a file sent in chunks in the data folder, and previews it with the guessed columns', async () => {
    const bytes = Buffer.from(`\ufeff${BAD_PRODUCTS}\r\n`, 'utf8');
    const state = await upload('mes produits.csv', bytes, 37);
    expect(state).toMatchObject({ name: 'mes produits.csv', size: bytes.length, complete: true });
    expect(existsSync(join(dir, 'imports', `${state.uploadId}.upload`))).toBe(true);

    const p = await ok<ImportPreview>('onboarding.preview', { uploadId: state.uploadId, kind: 'products' });
    expect(p.format).toBe('csv');
    expect(p.delimiter).toBe(';');
    expect(p.header).toEqual(['Référence', 'Libellé', 'Montant', 'Quantité dispo', 'Zone']);
    expect(p.rows[0]).toEqual({ line: 2, cells: ['R-001', 'Riz parfumé 5 kg', '4500', '12', 'Épicerie'] });
    expect(p.rows).toHaveLength(5);
    // French names guessed; unknown ones left for the person to map
    expect(p.mapping).toEqual({ sku: 0, name: 1 });
    expect(p.required).toEqual(['name']);
  });

  it('dry run with a hand-made mapping lists every bad row with line and column; the import writes the valid ones', async () => {
    const { uploadId } = await upload('p.csv', Buffer.from(BAD_PRODUCTS));
    const before = checksum(core);
    const events: OnboardingProgressEvent[] = [];
    core.onEvent((e, p) => e === 'onboarding.progress' && events.push(p as OnboardingProgressEvent));
    const mapping = { sku: 0, name: 1, price: 2, stock: 3, category: 4, barcode: null };
    const dry = await ok<ImportResult>('onboarding.import', { uploadId, kind: 'products', mapping, dryRun: true });
    expect(checksum(core)).toBe(before);
    expect(dry).toMatchObject({ rows: 5, valid: 2, invalid: 3, written: 0, committed: false, file: 'p.csv' });
    expect(dry.issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [3, 'Quantité dispo', 'not_a_number'],
      [4, 'Montant', 'negative'],
      [5, 'Référence', 'duplicate_in_file'],
    ]);
    expect(events.at(-1)).toMatchObject({ uploadId, dryRun: true, finished: true });

    const all = await ok<ImportResult>('onboarding.import', { uploadId, kind: 'products', mapping, dryRun: false, allOrNothing: true });
    expect(all).toMatchObject({ committed: false, written: 0, invalid: 3 });
    expect(checksum(core)).toBe(before);

    const real = await ok<ImportResult>('onboarding.import', { uploadId, kind: 'products', mapping, dryRun: false });
    expect(real).toMatchObject({ committed: true, written: 2 });
    const rows = core.store.sqlite.prepare('SELECT p.sku, p.price_minor, p.category, s.on_hand_milli FROM products p LEFT JOIN stock s ON s.product_id = p.id ORDER BY sku').all();
    expect(rows).toEqual([
      { sku: 'R-001', price_minor: 4500, category: 'Épicerie', on_hand_milli: 12000 },
      { sku: 'R-004', price_minor: 2500, category: 'Crèmerie', on_hand_milli: 8000 },
    ]);
  });

  it('a mapping without the required column, or one column for two fields, is refused and changes nothing', async () => {
    const { uploadId } = await upload('p.csv', Buffer.from(BAD_PRODUCTS));
    const before = checksum(core);
    const r = await ok<ImportResult>('onboarding.import', { uploadId, kind: 'products', mapping: { sku: 0, name: null }, dryRun: false });
    expect(r.fileError).toMatchObject({ code: 'missing_column' });
    expect(r.fileError!.message).toMatch(/name/);
    const twice = await ok<ImportResult>('onboarding.import', { uploadId, kind: 'products', mapping: { sku: 0, name: 0 }, dryRun: false });
    expect(twice.fileError!.message).toMatch(/« Référence » is chosen for two fields/);
    const wrongField = await core.call('onboarding.import', { uploadId, kind: 'suppliers', mapping: { price: 2, name: 1 }, dryRun: true });
    expect(wrongField).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(checksum(core)).toBe(before);
  });

  it('refuses bad chunks, unknown ids and out-of-order offsets with clear messages', async () => {
    const notB64 = await core.call('onboarding.upload', { name: 'a.csv', data: 'not base64!', offset: 0, last: true });
    expect(notB64).toMatchObject({ ok: false, error: { code: 'validation', field: 'data' } });
    const empty = await core.call('onboarding.upload', { name: 'a.csv', data: '', offset: 0, last: true });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringMatching(/empty/) } });
    const first = await ok<UploadState>('onboarding.upload', { name: 'a.csv', data: Buffer.from('a,b\n').toString('base64'), offset: 0, last: false });
    const skipped = await core.call('onboarding.upload', { uploadId: first.uploadId, name: 'a.csv', data: Buffer.from('1,2\n').toString('base64'), offset: 99, last: true });
    expect(skipped).toMatchObject({ ok: false, error: { field: 'offset', message: expect.stringMatching(/expected 4/) } });
    const notDone = await core.call('onboarding.preview', { uploadId: first.uploadId, kind: 'products' });
    expect(notDone).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not been fully received/) } });
    const unknown = await core.call('onboarding.preview', { uploadId: 'f'.repeat(32), kind: 'products' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const traversal = await core.call('onboarding.preview', { uploadId: '../../shop.db', kind: 'products' });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'validation', field: 'uploadId' } });
    const big = await core.call('onboarding.upload', { name: 'a.csv', data: 'A'.repeat(6 * 1024 * 1024), offset: 0, last: true });
    expect(big).toMatchObject({ ok: false, error: { code: 'validation', field: 'data' } });
    await ok('onboarding.discard', { uploadId: first.uploadId });
    expect(readdirSync(join(dir, 'imports'))).toEqual([]);
  });

  it('a file that is no table says why at preview', async () => {
    const { uploadId } = await upload('photo.csv', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(100, 7)]));
    const r = await core.call('onboarding.preview', { uploadId, kind: 'products' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/PNG image/) } });
  });

  it('import, export and the demo shop need a manager', async () => {
    const { uploadId } = await upload('p.csv', Buffer.from(BAD_PRODUCTS));
    const cashierId = Number(core.store.sqlite.prepare("INSERT INTO users (name, role) VALUES ('Awa', 'cashier')").run().lastInsertRowid);
    core.services.session.actAs({ id: cashierId, name: 'Awa', role: 'cashier' });
    const before = checksum(core);
    for (const [channel, input] of [
      ['onboarding.upload', { name: 'a.csv', data: '', offset: 0, last: true }],
      ['onboarding.import', { uploadId, kind: 'products', dryRun: false }],
      ['onboarding.export', { what: 'stock', format: 'csv' }],
      ['onboarding.demo', {}],
    ] as const) {
      await expect(core.call(channel, input)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(checksum(core)).toBe(before);
  });

  it('past sales go to the history without touching on-hand unless asked', async () => {
    const products = await upload('p.csv', Buffer.from('sku,name,stock\nA,Riz,10\n'));
    await ok('onboarding.import', { uploadId: products.uploadId, kind: 'products', dryRun: false });
    const sales = await upload('v.csv', Buffer.from('item_id,date,qty\nA,2026-03-01,2\nA,2026-03-02,3\n'));
    const r = await ok<ImportResult>('onboarding.import', { uploadId: sales.uploadId, kind: 'sales', dryRun: false });
    expect(r).toMatchObject({ committed: true, written: 2 });
    const onHand = () => core.store.sqlite.prepare("SELECT on_hand_milli FROM stock s JOIN products p ON p.id = s.product_id WHERE p.sku = 'A'").pluck().get();
    expect(onHand()).toBe(10000);
    expect(core.store.sqlite.prepare('SELECT sum(sold_milli) FROM daily_sales').pluck().get()).toBe(5000);
  });
});
