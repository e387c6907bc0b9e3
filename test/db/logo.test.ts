import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { PurchaseOrder, PurchaseOrderDocument } from '../../src/shared/api/contract';
import { isDrawableLogo } from '../../src/shared/domain/logo';
import { must, openTestCore, tempDir } from '../helpers/core';

const PNG_1PX = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
// a 1×1 WebP, as a browser hands it over when the file is named « logo.png »
const WEBP_AS_PNG = 'data:image/png;base64,UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA';
const JPEG_HEAD = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ';

describe('the shop logo: checked by its bytes, and never the reason a purchase order cannot print (real SQLite file, real PDF)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-04-01T09:00:00'));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('reads what the image is from its first bytes, not from the type its name gave it', () => {
    expect(isDrawableLogo(PNG_1PX)).toBe(true);
    expect(isDrawableLogo(JPEG_HEAD)).toBe(true);
    expect(isDrawableLogo(WEBP_AS_PNG)).toBe(false);
    expect(isDrawableLogo('data:image/png;base64,AAAA')).toBe(false);
    expect(isDrawableLogo(PNG_1PX.replace('image/png', 'image/jpeg'))).toBe(false);
    expect(isDrawableLogo('data:image/gif;base64,R0lGODlhAQABAAAAACw=')).toBe(false);
  });

  it('refuses a WebP named .png under the logo field and keeps the logo there was', async () => {
    await must(core.call('settings.save', { logo: PNG_1PX }));
    const refused = await core.call('settings.save', { logo: WEBP_AS_PNG });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'logo' } });
    expect(refused.ok ? '' : (refused.error as { message: string }).message).toMatch(/not really a PNG or JPEG/);
    expect((await must<{ logo: string }>(core.call('settings.get', {}))).logo).toBe(PNG_1PX);
  });

  it('a logo the PDF cannot draw (PNG bytes that end too soon) leaves the order printed without it', async () => {
    const broken = 'data:image/png;base64,iVBORw0KGgoAAAAAAAAAAAAA';
    expect(isDrawableLogo(broken)).toBe(true);
    await must(core.call('settings.save', { shopName: 'Boutique Awa', logo: broken }));
    const supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Grossiste Sahel' }))).id;
    const oil = await must<{ id: number }>(core.call('products.save', { sku: 'HUI', name: 'Huile 1 l', priceMinor: 1500, costMinor: 1000, supplierId }));
    const [order] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: oil.id, quantity: 12 }] }));
    const doc = await must<PurchaseOrderDocument>(core.call('purchasing.pdf', { id: order!.id }));
    const file = join(tmp.dir, 'po.pdf');
    writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Boutique Awa');
    expect(text).toContain('Huile 1 l');
    // and a real logo is drawn: the page holds an image
    await must(core.call('settings.save', { logo: PNG_1PX }));
    const withLogo = await must<PurchaseOrderDocument>(core.call('purchasing.pdf', { id: order!.id }));
    writeFileSync(file, Buffer.from(withLogo.pdfBase64, 'base64'));
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').length).toBeGreaterThan(2);
  });
});
