import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/domain/dates';
import type { ImportProgress } from '../../src/main/services/onboarding';
import { openShop, type Shop } from './helpers';

const TARGET_BYTES = 32 * 1024 * 1024;

/** A full collection, so heapUsed measures what is retained, not garbage waiting for the collector. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('a large file is streamed', () => {
  let shop: Shop;
  let path: string;
  let rows = 0;
  beforeAll(async () => {
    shop = openShop();
    path = join(shop.dir, 'large.csv');
    const out = createWriteStream(path);
    out.write('item_id,date,qty,note\n');
    let bytes = 0;
    // 2,000 items x up to 700 days, with a quoted note spanning two lines every 1,000 rows
    for (let i = 0; bytes < TARGET_BYTES; i++) {
      let chunk = '';
      for (let d = 0; d < 700; d++, rows++) {
        chunk += rows % 1000 === 0 ? `item-${i % 2000},${addDays('2024-01-01', d)},${d % 9},"ligne 1\nligne 2"\n` : `item-${i % 2000},${addDays('2024-01-01', d)},${d % 9},\n`;
      }
      bytes += chunk.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  });
  afterAll(() => shop.close());

  it('with bounded memory and progress that rises to the total', async () => {
    const size = statSync(path).size;
    expect(size).toBeGreaterThanOrEqual(TARGET_BYTES);
    const events: ImportProgress[] = [];
    gc();
    const base = process.memoryUsage();
    let peakHeap = base.heapUsed;
    let peakRss = base.rss;
    let calls = 0;
    const retainedSamples: number[] = [];
    const r = await shop.run({
      kind: 'sales',
      file: path,
      dryRun: true,
      createProducts: true,
      onProgress: (p) => {
        events.push(p);
        const m = process.memoryUsage();
        peakRss = Math.max(peakRss, m.rss);
        if (calls++ % 4 === 0) {
          gc();
          const retained = process.memoryUsage().heapUsed - base.heapUsed;
          retainedSamples.push(retained);
          peakHeap = Math.max(peakHeap, base.heapUsed + retained);
        }
      },
    });
    expect(r.fileError).toBeNull();
    expect(r.rows).toBe(rows);
    expect(r.invalid).toBe(0);
    expect(r.createdProducts).toBe(2000);
    // progress: strictly rising bytes, always against the file's size, ending at it
    expect(events.length).toBeGreaterThan(10);
    for (let i = 1; i < events.length; i++) expect(events[i]!.bytesDone).toBeGreaterThan(events[i - 1]!.bytesDone);
    expect(events.every((e) => e.bytesTotal === size)).toBe(true);
    expect(events.at(-1)!.bytesDone).toBe(size);
    // never the whole file in memory: what the import holds after a full collection is one chunk's
    // records, and it does not grow as the file is read (the first and second halves hold as much)
    const mib = (b: number) => (b / 1048576).toFixed(1);
    console.log(`file ${mib(size)} MiB; retained heap at most +${mib(peakHeap - base.heapUsed)} MiB; rss +${mib(peakRss - base.rss)} MiB`);
    expect(retainedSamples.length).toBeGreaterThan(4);
    expect(peakHeap - base.heapUsed).toBeLessThan(size / 2);
    const half = Math.floor(retainedSamples.length / 2);
    const firstHalf = Math.max(...retainedSamples.slice(0, half));
    const secondHalf = Math.max(...retainedSamples.slice(half));
    expect(secondHalf).toBeLessThan(firstHalf + size / 10);
  });
});
