import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOwnerKey, addShop } from '../../server/src/keys';
import type { Core } from '../../src/main/core';
import { must, openTestCore, tempDir } from '../helpers/core';
import { startApp, startCluster } from '../server/harness';
import { chromiumPath, SHOTS } from './browser';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

/** A shop's own core on its own file, its clock set by hand, pushing to the server as the app does. */
function shopAt(dir: string) {
  let clock = new Date('2026-11-19T09:00:00.000Z');
  const core = openTestCore(dir, () => clock);
  return {
    core,
    set(iso: string) {
      clock = new Date(iso);
    },
  };
}

async function sell(core: Core, productId: number, quantity: number, cashMinor: number) {
  await must(core.call('pos.checkout', { lines: [{ productId, quantity }], tenders: [{ tender: 'cash', amountMinor: cashMinor }] }));
}

describe("the owner's page in Chromium: two shops pushed by their own apps, read on a PC and on a phone", () => {
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let app: Awaited<ReturnType<typeof startApp>>;
  let pool: pg.Pool;
  let base: string;
  let browser: Browser;
  const tmp = tempDir('shelfcast-owner-');
  const cores: Core[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    cluster = await startCluster();
    ({ pool } = await cluster.database());
    // the server's date says which lots expire within 30 days
    app = await startApp(pool, { now: () => new Date('2026-11-21T12:00:00.000Z') });
    base = app.base;
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
    for (const core of cores) core.close();
    await app?.close();
    await cluster?.stop();
    tmp.cleanup();
  });

  it('the owner pastes the key once and sees both shops: takings by day, the cash short, what ran out, what was cleared at the till', async () => {
    const ownerKey = await addOwnerKey(pool);
    const plateau = await addShop(pool, 'Dakar Plateau');
    const thies = await addShop(pool, 'Thiès');

    // Dakar Plateau: three days of sales, a drawer 500 short on the 20th, a line cleared before payment, the oil sold out
    mkdirSync(join(tmp.dir, 'plateau'));
    const a = shopAt(join(tmp.dir, 'plateau'));
    cores.push(a.core);
    const riz = await must<{ id: number }>(a.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé 5 kg', priceMinor: 4_500, costMinor: 3_800 }));
    const huile = await must<{ id: number }>(a.core.call('products.save', { sku: 'HUILE', name: 'Huile 1 l', priceMinor: 1_500, costMinor: 1_200 }));
    const lait = await must<{ id: number }>(a.core.call('products.save', { sku: 'LAIT', name: 'Lait caillé 500 g', priceMinor: 600, costMinor: 400, tracksExpiry: true }));
    await must(
      a.core.call('ledger.record', {
        lines: [
          { productId: riz.id, kind: 'receipt', quantity: 40 },
          { productId: huile.id, kind: 'receipt', quantity: 3 },
          // one lot left to expire on the shelf, one due in a few days
          { productId: lait.id, kind: 'receipt', quantity: 6, lot: 'LC-1119', expiry: '2026-11-20' },
          { productId: lait.id, kind: 'receipt', quantity: 12, lot: 'LC-1124', expiry: '2026-11-26' },
        ],
      }),
    );
    await sell(a.core, riz.id, 2, 9_000);
    await sell(a.core, huile.id, 1, 1_500);
    a.set('2026-11-20T10:00:00.000Z');
    await sell(a.core, riz.id, 4, 18_000);
    await sell(a.core, huile.id, 2, 3_000);
    await must(a.core.call('pos.voidLine', { productId: riz.id, unitPriceMinor: 4_500, fromQuantity: 1 }));
    await must(a.core.call('journal.countCash', { countedCashMinor: 20_500 }));
    a.set('2026-11-21T10:00:00.000Z');
    await sell(a.core, riz.id, 1, 4_500);
    await must(a.core.call('sync.configure', { url: base, key: plateau.token }));
    expect(await must(a.core.call('sync.push', {}))).toMatchObject({ sent: { sales: 5 } });

    // Thiès: one day, the drawer counted right
    mkdirSync(join(tmp.dir, 'thies'));
    const b = shopAt(join(tmp.dir, 'thies'));
    cores.push(b.core);
    b.set('2026-11-21T08:00:00.000Z');
    const sucre = await must<{ id: number }>(b.core.call('products.save', { sku: 'SUCRE', name: 'Sucre 1 kg', priceMinor: 800, costMinor: 650 }));
    await must(b.core.call('ledger.record', { lines: [{ productId: sucre.id, kind: 'receipt', quantity: 50 }] }));
    await sell(b.core, sucre.id, 5, 4_000);
    await must(b.core.call('journal.countCash', { countedCashMinor: 4_000 }));
    await must(b.core.call('sync.configure', { url: base, key: thies.token }));
    expect(await must(b.core.call('sync.push', {}))).toMatchObject({ sent: { sales: 1 } });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(base);
    // the key box has the cursor: paste, Enter
    await expect.poll(() => page.getByLabel('Clé propriétaire').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('own_wrong');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(plain((await page.getByRole('alert').textContent()) ?? '')).toContain('Cette clé n’est pas enregistrée sur ce serveur.');
    await page.getByLabel('Clé propriétaire').fill(ownerKey);
    await page.keyboard.press('Enter');
    const overview = page.getByTestId('overview');
    await overview.waitFor();

    const rows = (await overview.locator('tbody tr').allInnerTexts()).map(plain);
    expect(rows).toEqual(['Dakar Plateau sam. 21 nov. 4 500 FCFA 36 000 FCFA 132 600 FCFA à l’instant', 'Thiès sam. 21 nov. 4 000 FCFA 4 000 FCFA 29 250 FCFA à l’instant']);
    const totals = plain(await page.getByTestId('totals-XOF').innerText());
    expect(totals).toContain('sam. 21 nov. 8 500 FCFA 2 2 / 2');
    const detail = plain(await page.getByRole('region', { name: 'Dakar Plateau' }).innerText());
    expect(detail).toContain('1 en rupture');
    expect(detail).toContain('1 annulation avant paiement sur 7 jours (4 500 FCFA)');
    expect(detail).toContain('ven. 20 nov. 21 000 FCFA 2 10 500 FCFA manque 500 FCFA');
    // the oil it sold out of, then its best sellers over the days shown
    expect(plain(await page.getByTestId(`missing-${plateau.id}`).innerText())).toContain('Huile 1 l 3 4 500 FCFA ven. 20 nov.');
    // the yogurt: a lot expired on the shelf and one due next week, valued at cost
    expect(detail).toContain('2 lots à surveiller (périmés ou d’ici 30 jours)');
    const expiring = plain(await page.getByTestId(`expiring-${plateau.id}`).innerText());
    expect(expiring).toContain('Lait caillé 500 g LC-1119 périmé (ven. 20 nov.) 6 2 400 FCFA');
    expect(expiring).toContain('Lait caillé 500 g LC-1124 jeu. 26 nov. 12 4 800 FCFA');
    expect(plain(await page.getByRole('region', { name: 'Dakar Plateau' }).innerText())).toContain('2 lots, 7 200 FCFA au coût');
    expect(plain(await page.getByTestId(`top-${plateau.id}`).innerText())).toContain('Riz parfumé 5 kg 7 31 500 FCFA Huile 1 l 3 4 500 FCFA');
    expect(plain(await page.getByRole('region', { name: 'Thiès' }).innerText())).toContain('sam. 21 nov. 4 000 FCFA 1 4 000 FCFA juste');
    await page.screenshot({ path: join(SHOTS, 'owner-page.png'), fullPage: true });

    // on a phone: nothing wider than the screen but the tables, which scroll inside their card
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await overview.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'owner-page-phone.png'), fullPage: true });

    // signing out forgets the key in this browser
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel('Clé propriétaire').waitFor();
    await page.goto(base);
    await page.getByLabel('Clé propriétaire').waitFor();
    // nothing refused by the CSP, no script error; the one failed load is the wrong key's 401 page
    expect(problems).toEqual(['Failed to load resource: the server responded with a status of 401 (Unauthorized)']);
    await page.close();
  });
});
