import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncApp } from '../../server/src/app';
import { createPool } from '../../server/src/db';
import { addShop } from '../../server/src/keys';
import { migrate } from '../../server/src/migrate';
import { must } from '../helpers/core';
import { startPostgres } from '../helpers/postgres';
import { closeNotifications, openApp, plain, type Session, SHOTS } from './browser';

describe('browser mode: Settings > Central server, with the real server on PostgreSQL', () => {
  let s: Session;
  let postgres: Awaited<ReturnType<typeof startPostgres>>;
  let pool: pg.Pool;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    postgres = await startPostgres();
    pool = createPool(postgres.url, 2);
    await migrate(pool);
    server = createServer(createSyncApp({ pool }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    s = await openApp();
    const riz = await must<{ id: number }>(s.core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650, costMinor: 500 }));
    await must(s.core.call('ledger.record', { lines: [{ productId: riz.id, kind: 'receipt', quantity: 40 }] }));
    await must(s.core.call('pos.checkout', { lines: [{ productId: riz.id, quantity: 3 }], tenders: [{ tender: 'cash', amountMinor: 2000 }] }));
    await s.page.reload();
  });
  afterAll(async () => {
    await s?.close();
    await new Promise((resolve) => server?.close(resolve));
    await pool?.end();
    await postgres?.stop();
  });

  it('the owner sets the server and the shop key, sends, and reads what is waiting and whether it got through', async () => {
    const { page } = s;
    const { id: shopId, token } = await addShop(pool, 'Dakar Plateau');
    await page.getByTestId('nav-settings').waitFor();
    await page.keyboard.press('Alt+9');
    const section = page.getByTestId('sync');
    await section.waitFor();
    // the status arrives just after the section: wait for it, as a person would read it
    await expect.poll(async () => plain((await section.textContent()) ?? '')).toContain('Aucun serveur : cette boutique ne partage ses données avec aucun serveur.');

    // plain http across the internet is refused under the field, in French
    const address = section.getByRole('textbox', { name: 'Adresse du serveur' });
    await address.fill('http://203.0.113.9:8787');
    await section.getByLabel('Clé de la boutique').fill(token);
    await section.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(async () => plain((await section.textContent()) ?? '')).toContain('Utilisez https:// : http:// n’est permis que vers ce PC ou le réseau de la boutique');

    await address.fill(base);
    await section.getByRole('button', { name: 'Enregistrer' }).click();
    const state = section.getByTestId('sync-status');
    await expect.poll(async () => plain((await state.textContent()) ?? '')).toContain('Rien n’a encore été envoyé.');
    expect(plain((await state.textContent()) ?? '')).toMatch(/En attente d’envoi : 1 ticket, 2 mouvements de stock, 1 produit, \d+ lignes du journal\./);

    await section.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await expect.poll(async () => plain((await state.textContent()) ?? '')).toContain('Tout est envoyé.');
    expect(plain((await state.textContent()) ?? '')).toMatch(/Dernier envoi réussi : \d{1,2} \S+ \d{4}/);
    const held = await pool.query('SELECT count(*) AS n FROM sales WHERE shop_id = $1', [shopId]);
    expect(Number(held.rows[0].n)).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'sync.png'), fullPage: true });

    // the server stops answering: the screen says so in plain words, and nothing is lost
    await new Promise((resolve) => server.close(resolve));
    const riz = 1;
    await must(s.core.call('pos.checkout', { lines: [{ productId: riz, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 650 }] }));
    await section.getByRole('button', { name: 'Envoyer maintenant' }).click();
    const failure = section.getByTestId('sync-failure');
    await expect.poll(async () => plain((await failure.textContent()) ?? '')).toContain('Le serveur ne répond pas : pas de connexion, ou l’adresse est fausse. Rien n’est perdu');
    expect(plain((await state.textContent()) ?? '')).toContain('En attente d’envoi : 1 ticket, 1 mouvement de stock');
    await page.screenshot({ path: join(SHOTS, 'sync-offline.png'), fullPage: true });
    // the section alone for the README, without the notifications over its edge
    await closeNotifications(page);
    await section.screenshot({ path: join(SHOTS, 'sync-section.png') });

    // the owner stops sending: the address and the key are gone, and the section says so
    await section.getByRole('button', { name: 'Ne plus envoyer' }).click();
    await expect.poll(async () => plain((await section.textContent()) ?? '')).toContain('Aucun serveur : cette boutique ne partage ses données avec aucun serveur.');
    // the form empties once the status has come back
    await expect.poll(() => address.inputValue()).toBe('');
    expect(await s.core.call('sync.status', {})).toMatchObject({ ok: true, data: { url: '', keySet: false } });
    expect(await section.getByRole('button', { name: 'Envoyer maintenant' }).count()).toBe(0);
  });
  it('a PC whose clock runs 3 hours ahead of the server is told so under the status; a row the server refuses is said in plain French first, its detail after', async () => {
    const { page } = s;
    // the server's clock 3 hours behind this PC's
    const late = createServer(createSyncApp({ pool, now: () => new Date(Date.now() - 3 * 3_600_000) }));
    await new Promise<void>((resolve) => late.listen(0, '127.0.0.1', resolve));
    try {
      const lateBase = `http://127.0.0.1:${(late.address() as AddressInfo).port}`;
      const { token } = await addShop(pool, 'Thiès');
      const section = page.getByTestId('sync');
      await section.getByRole('textbox', { name: 'Adresse du serveur' }).fill(lateBase);
      await section.getByLabel('Clé de la boutique').fill(token);
      await section.getByRole('button', { name: 'Enregistrer' }).click();
      const state = section.getByTestId('sync-status');
      // another server: everything waits to be sent to it
      await expect.poll(async () => plain((await state.textContent()) ?? '')).toMatch(/En attente d’envoi : 2 tickets/);
      expect(await section.getByTestId('sync-clock').count()).toBe(0);
      await section.getByRole('button', { name: 'Envoyer maintenant' }).click();
      await expect.poll(async () => plain((await state.textContent()) ?? '')).toContain('Tout est envoyé.');
      expect(await section.getByTestId('sync-failure').count()).toBe(0);
      const clock = section.getByTestId('sync-clock');
      await expect.poll(async () => plain((await clock.textContent()) ?? '')).toBe('L’horloge de ce PC a 3 h d’avance sur le serveur : réglez l’heure, sinon les ventes seront mal datées.');
      await closeNotifications(page);
      await section.screenshot({ path: join(SHOTS, 'sync-clock.png') });

      // a row an old import left that the server would refuse (a fraction of a franc): plain words, then the detail
      s.core.store.sqlite.prepare('UPDATE products SET cost_minor = 500.5 WHERE id = 1').run();
      const other = await addShop(pool, 'Rufisque');
      await section.getByLabel('Clé de la boutique').fill(other.token);
      await section.getByRole('button', { name: 'Enregistrer' }).click();
      await expect.poll(async () => plain((await state.textContent()) ?? '')).toMatch(/En attente d’envoi : 2 tickets/);
      await section.getByRole('button', { name: 'Envoyer maintenant' }).click();
      const failure = section.getByTestId('sync-failure');
      await expect
        .poll(async () => plain((await failure.textContent()) ?? ''))
        .toContain('Le serveur refuse une ligne des données de cette boutique : elle ne peut pas partir, ni ce qui vient après. Rien n’est perdu');
      expect(plain((await section.getByTestId('sync-failure-detail').textContent()) ?? '')).toMatch(/^Détail pour le propriétaire : products\.0\.costMinor \(products id 1\): Invalid input/);
      await closeNotifications(page);
      await section.screenshot({ path: join(SHOTS, 'sync-refused.png') });
    } finally {
      await new Promise((resolve) => late.close(resolve));
    }
  });
});
