import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { openTill, scan, type Session, SHOTS } from './browser';

const ean = (body: string) => body + ean13CheckDigit(body);

/** A cheap till screen is 1024 px wide: the cart's product names must stay readable there. */
describe('browser mode: the Sell screen at 1366 and at 1024 px wide', () => {
  let s: Session;
  const codes = { huile: ean('600123450301'), tele: ean('600123450302'), lait: ean('600123450303') };
  const box = async (testId: string) => {
    const b = await s.page.getByTestId(testId).boundingBox();
    if (!b) throw new Error(`${testId} is not on screen`);
    return b;
  };
  const nameColumn = async () => {
    const b = await s.page.getByTestId('cart').locator('thead th').first().boundingBox();
    if (!b) throw new Error('the cart has no name column');
    return b.width;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openTill([
      ['HUILE', 'Huile d’arachide raffinée Lesieur Dinor bidon plastique 20 litres qualité supérieure export', 31500, codes.huile],
      ['TELE', 'Téléviseur 43 pouces', 125000, codes.tele],
      ['LAIT', 'Lait en poudre 400 g', 2950, codes.lait],
    ]);
    for (const code of [codes.huile, codes.tele, codes.tele, codes.lait]) {
      await scan(s.page, code);
    }
    await s.page.getByTestId('cart-line-LAIT').waitFor();
  });
  afterAll(async () => s?.close());

  it('at 1366 px: the key legend stands beside the cart, under the total', async () => {
    await s.page.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(async () => (await box('shortcut-legend')).x).toBeGreaterThan((await box('cart')).x + (await box('cart')).width);
    const total = await box('cart-total');
    expect((await box('shortcut-legend')).y).toBeGreaterThan(total.y + total.height);
    expect(await nameColumn()).toBeGreaterThan(250);
    // the cart starts right under the scan box, whatever the height of the total beside it
    const scanBox = await s.page.getByRole('textbox', { name: /Scanner un article/ }).boundingBox();
    expect((await box('cart')).y - ((scanBox?.y ?? 0) + (scanBox?.height ?? 0))).toBeLessThan(40);
    await s.page.screenshot({ path: join(SHOTS, 'sell-layout-1366.png') });
  });

  it('at 1024 px: the cart takes the whole width, so names stay readable; the total and Encaisser stay in sight; the legend goes below', async () => {
    await s.page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(nameColumn).toBeGreaterThan(250);
    const cart = await box('cart');
    expect((await box('shortcut-legend')).y).toBeGreaterThanOrEqual(cart.y + cart.height);
    // "Lait en poudre 400 g" on one line: its row is no taller than the quantity box in it
    const milk = await s.page.getByTestId('cart-line-LAIT').boundingBox();
    expect(milk?.height).toBeLessThan(50);
    const pay = await s.page.getByRole('button', { name: /Encaisser/ }).boundingBox();
    expect((pay?.y ?? Infinity) + (pay?.height ?? 0)).toBeLessThanOrEqual(768);
    expect((await box('cart-total')).y).toBeLessThan(768);
    await s.page.screenshot({ path: join(SHOTS, 'sell-layout-1024.png') });
    await s.page.screenshot({ path: join(SHOTS, 'sell-layout-1024-full.png'), fullPage: true });
  });
});
