import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOwnerKey, addShop } from '../../server/src/keys';
import { shopsPage } from '../../server/src/owner/page';
import type { SyncSale, SyncShopSummary } from '../../src/shared/sync/protocol';
import { postPush, samplePush, startApp, startCluster } from './harness';

let cluster: Awaited<ReturnType<typeof startCluster>>;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
/** The page's text as a person reads it: tags gone, entities decoded, spaces collapsed. */
const text = (html: string) =>
  plain(
    html
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&'),
  )
    .replace(/\s+/g, ' ')
    .trim();

function sale(id: number, businessDate: string, totalMinor: number): SyncSale {
  return { ...samplePush().sales[0], id, receiptNo: id, businessDate, at: `${businessDate}T12:00:00.000Z`, totalMinor, subtotalMinor: totalMinor };
}

async function signIn(base: string, key: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ key }) });
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

describe("the owner's page (GET /): every shop's sales, cash and stock in a browser, no script", () => {
  it('asks for the owner key; a wrong or missing key is said on the form and sets no cookie', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const shop = await addShop(pool, 'Thiès');

    const first = await fetch(`${app.base}/`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const form = await first.text();
    expect(text(form)).toContain('Collez votre clé propriétaire pour voir les ventes, la caisse et le stock de chaque boutique.');
    expect(form).toContain('<form method="post" action="/login?lang=fr">');

    for (const [key, status, said] of [
      ['own_' + 'B'.repeat(43), 401, 'Cette clé n’est pas enregistrée sur ce serveur.'],
      // a shop's token opens a shop's pushes, never the owner's page
      [shop.token, 401, 'Cette clé n’est pas enregistrée sur ce serveur.'],
      ['   ', 400, 'Collez la clé : elle commence par own_.'],
    ] as const) {
      const res = await signIn(app.base, key);
      expect(res.status).toBe(status);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(text(await res.text())).toContain(said);
    }
    // kilobytes of form are no key either
    const huge = await signIn(app.base, 'own_' + 'x'.repeat(10_000));
    expect(huge.status).toBe(413);
    await app.close();
  });

  it('the right key sets an HttpOnly cookie and shows each shop: its days with a bar, its cash count, what ran out, what was voided', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool, { now: () => new Date('2026-05-10T12:00:00.000Z') });
    const key = await addOwnerKey(pool);
    const plateau = await addShop(pool, 'Dakar Plateau');
    const mbour = await addShop(pool, 'Mbour <b>"&</b>');
    await addShop(pool, 'Ziguinchor');

    const [rice, milk] = samplePush().products;
    const pushed = await postPush(
      app.base,
      plateau.token,
      samplePush({
        shop: { name: 'Ma boutique', epoch: 'epoch-one', currency: 'XOF', appVersion: '0.1.0' },
        products: [rice, { ...milk, name: 'Lait <i>entier</i>', active: true }],
        stock: [
          { productId: rice.id, onHandMilli: 10_000, updatedAt: rice.updatedAt },
          { productId: milk.id, onHandMilli: 0, updatedAt: milk.updatedAt },
        ],
        sales: [
          sale(1, '2026-05-09', 12_500),
          sale(2, '2026-05-09', 2_500),
          // each sample sale is 1.250 kg of rice for 813; the last also sold the milk now out of stock
          { ...sale(3, '2026-05-10', 4_000), lines: [...samplePush().sales[0].lines, { ...samplePush().sales[0].lines[0], lineNo: 2, productId: milk.id, name: 'Lait', qtyMilli: 2_000, netMinor: 1_800 }] },
        ],
        events: [
          { id: 1, at: '2026-05-09T19:00:00Z', entity: 'cash_count', action: 'count', entityId: '1', data: { date: '2026-05-09', differenceMinor: -2500 } },
          { id: 2, at: '2026-05-10T09:00:00Z', entity: 'till_cart', action: 'void_cart', entityId: 'till', data: { totalMinor: 3000 } },
        ],
      }),
    );
    expect(pushed).toMatchObject({ status: 200 });
    // a second XOF shop, silent for two days: its push time is the server's clock then
    const earlier = await startApp(pool, { now: () => new Date('2026-05-08T09:00:00.000Z') });
    expect(await postPush(earlier.base, mbour.token, samplePush({ shop: { name: 'Mbour', epoch: 'epoch-one', currency: 'XOF', appVersion: '0.1.0' }, sales: [sale(1, '2026-05-07', 8_000)] }))).toMatchObject({ status: 200 });
    await earlier.close();

    const signedIn = await signIn(app.base, key, { Origin: app.base });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/?lang=fr');
    const setCookie = signedIn.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^shelfcast_owner=own_[\w-]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);

    const res = await fetch(`${app.base}/`, { headers: { Cookie: cookieOf(signedIn) } });
    expect(res.status).toBe(200);
    const page = await res.text();
    const seen = text(page);
    // the overview: a row per shop, by name
    expect(seen).toContain('Vos boutiques Boutique Dernier jour Ventes 7 derniers jours de vente Stock au coût Dernier envoi');
    expect(seen).toContain('Dakar Plateau dim. 10 mai 4 000 FCFA 19 000 FCFA 5 000 FCFA à l’instant');
    expect(seen).toContain('Mbour <b>"&</b> jeu. 7 mai 8 000 FCFA 8 000 FCFA 32 775 FCFA il y a 2 jours');
    expect(seen).toContain('Ziguinchor — — — — —');
    // the two XOF shops' days summed
    expect(seen).toContain('Toutes les boutiques en FCFA (XOF), par jour Jour Ventes Tickets Boutiques dim. 10 mai 4 000 FCFA 1 1 / 2 sam. 9 mai 15 000 FCFA 2 1 / 2 jeu. 7 mai 8 000 FCFA 1 1 / 2');
    // Dakar Plateau in detail: the name its PC gives itself, the cash short, what ran out, what was voided
    expect(seen).toContain('« Ma boutique » sur le PC de la boutique');
    expect(seen).toContain('Stock au coût : 5 000 FCFA 2 produits 1 en rupture 1 annulation avant paiement sur 7 jours (3 000 FCFA)');
    expect(seen).toContain('dim. 10 mai 4 000 FCFA 1 4 000 FCFA non comptée sam. 9 mai 15 000 FCFA 2 7 500 FCFA manque 2 500 FCFA');
    // what it was selling and now lacks, then its best sellers; product names are text, never markup
    expect(seen).toContain(
      'En rupture, alors qu’ils se vendaient Ventes des 28 jours jusqu’au dernier jour de vente : ce que la boutique perd tant qu’ils manquent. Produit Vendu Ventes Dernière vente Lait <i>entier</i> 2 pcs 1 800 FCFA dim. 10 mai',
    );
    expect(seen).toContain('Meilleures ventes des 7 derniers jours de vente Produit Vendu Ventes Riz parfumé 3,75 kg 2 439 FCFA Lait <i>entier</i> 2 pcs 1 800 FCFA');
    expect(page).toContain('Lait &lt;i&gt;entier&lt;/i&gt;');
    // the busiest day's bar is full width, the other in proportion
    expect(page).toContain('<rect x="0" y="0" height="12" width="100"></rect>');
    expect(page).toContain('<rect x="0" y="0" height="12" width="26.7"></rect>');
    // Mbour: silent for over a day, said in plain words; its name is text, never markup
    expect(seen).toContain('Rien reçu depuis 2 jours : le PC de la boutique est éteint ou sans connexion.');
    expect(page).not.toContain('<b>"&</b>');
    expect(page).toContain('Mbour &lt;b&gt;&quot;&amp;&lt;/b&gt;');
    // Ziguinchor has sent nothing yet
    expect(seen).toContain('Ziguinchor N’a encore rien envoyé : collez sa clé dans Paramètres > Serveur central, sur le PC de la boutique.');
    await app.close();
  });

  it('runs no script and loads nothing: the CSP allows only its own inline style, by hash', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const res = await fetch(`${app.base}/`);
    const page = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    expect(page).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    expect(res.headers.get('cache-control')).toBe('no-store');
    await app.close();
  });

  it('speaks English when the browser asks for it first, or on ?lang=en', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const key = await addOwnerKey(pool);
    await addShop(pool, 'Thiès');
    const byHeader = text(await (await fetch(`${app.base}/`, { headers: { 'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.5' } })).text());
    expect(byHeader).toContain('Paste your owner key to see each shop’s sales, cash and stock.');
    const french = text(await (await fetch(`${app.base}/`, { headers: { 'Accept-Language': 'fr-SN,en;q=0.8' } })).text());
    expect(french).toContain('Collez votre clé propriétaire');
    const signedIn = await signIn(`${app.base}`, key);
    const page = text(await (await fetch(`${app.base}/?lang=en`, { headers: { Cookie: cookieOf(signedIn) } })).text());
    expect(page).toContain('Your shops Shop Last day Sales Last 7 trading days Stock at cost Last push');
    expect(page).toContain('Has sent nothing yet: paste its key in Settings > Central server');
    await app.close();
  });

  it('a form posted from another site is refused; signing out forgets the key; a key no longer known is forgotten', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    const key = await addOwnerKey(pool);
    const forged = await signIn(app.base, key, { Origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('set-cookie')).toBeNull();
    expect(text(await forged.text())).toContain('Ce formulaire ne vient pas de cette page');
    // what Chromium sends under Referrer-Policy: no-referrer: refused too, so the page must not set that policy
    expect((await signIn(app.base, key, { Origin: 'null' })).status).toBe(403);
    // behind a proxy that rewrites Host (nginx's default), the browser's host arrives as X-Forwarded-Host,
    // without its port when nginx passes $host, or with the default one; a host name is not case-sensitive
    for (const [origin, forwarded] of [
      ['https://sync.example.com', 'sync.example.com'],
      ['https://sync.example.com:8443', 'sync.example.com'],
      ['https://sync.example.com', 'Sync.Example.com:443'],
    ]) {
      expect((await signIn(app.base, key, { Origin: origin, 'X-Forwarded-Host': forwarded })).status).toBe(303);
    }
    expect((await signIn(app.base, key, { Origin: 'https://sync.example.com.evil.example', 'X-Forwarded-Host': 'sync.example.com' })).status).toBe(403);

    const signedIn = await signIn(app.base, key);
    const out = await fetch(`${app.base}/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookieOf(signedIn), Origin: app.base } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^shelfcast_owner=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);

    // behind the HTTPS proxy the cookie is Secure
    const proxied = await signIn(app.base, key, { 'X-Forwarded-Proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure$/);

    await pool.query('DELETE FROM owner_keys');
    const stale = await fetch(`${app.base}/`, { headers: { Cookie: cookieOf(signedIn) } });
    expect(text(await stale.text())).toContain('Collez votre clé propriétaire');
    expect(stale.headers.get('set-cookie')).toMatch(/^shelfcast_owner=; Max-Age=0/);
    await app.close();
  });

  it('HEAD answers as GET without a body; the forms\' addresses reloaded go back to the page', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool);
    for (const path of ['/', '/v1/health']) {
      const head = await fetch(`${app.base}${path}`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    }
    for (const path of ['/login?lang=en', '/logout']) {
      const reloaded = await fetch(`${app.base}${path}`, { redirect: 'manual', headers: { 'Accept-Language': 'en' } });
      expect(reloaded.status).toBe(303);
      expect(reloaded.headers.get('location')).toBe('/?lang=en');
    }
    const wrong = await fetch(`${app.base}/v1/shops`, { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD');
    await app.close();
  });

  it('the average basket divides the sales by the receipts, as the shop\'s Z report does (a refund is not a smaller basket); XOF and XAF shops are told apart', async () => {
    const { pool } = await cluster.database();
    const app = await startApp(pool, { now: () => new Date('2026-05-10T12:00:00.000Z') });
    const key = await addOwnerKey(pool);
    const douala = await addShop(pool, 'Douala');
    const dakar = await addShop(pool, 'Dakar');
    const yaounde = await addShop(pool, 'Yaoundé');
    const thies = await addShop(pool, 'Thiès');
    const refund = { ...sale(3, '2026-05-10', 500), kind: 'return' as const, originalSaleId: 1 };
    const xaf = (name: string) => ({ name, epoch: 'epoch-one', currency: 'XAF', appVersion: '0.1.0' });
    expect(await postPush(app.base, douala.token, samplePush({ shop: xaf('Douala'), sales: [sale(1, '2026-05-10', 1000), sale(2, '2026-05-10', 2000), refund] }))).toMatchObject({ status: 200 });
    expect(await postPush(app.base, yaounde.token, samplePush({ shop: xaf('Yaoundé'), sales: [sale(1, '2026-05-10', 4000)] }))).toMatchObject({ status: 200 });
    expect(await postPush(app.base, dakar.token, samplePush({ sales: [sale(1, '2026-05-10', 700)] }))).toMatchObject({ status: 200 });
    expect(await postPush(app.base, thies.token, samplePush({ sales: [sale(1, '2026-05-10', 900)] }))).toMatchObject({ status: 200 });
    const signedIn = await signIn(app.base, key);
    const page = await (await fetch(`${app.base}/`, { headers: { Cookie: cookieOf(signedIn) } })).text();
    const seen = text(page);
    // takings 2 500 (3 000 sold, 500 refunded) over 2 receipts: the basket is 1 500, not 1 250
    expect(seen).toContain('dim. 10 mai 2 500 FCFA 2 1 500 FCFA non comptée');
    expect(seen).toContain('Toutes les boutiques en FCFA (XAF), par jour Jour Ventes Tickets Boutiques dim. 10 mai 6 500 FCFA 3 2 / 2');
    expect(seen).toContain('Toutes les boutiques en FCFA (XOF), par jour Jour Ventes Tickets Boutiques dim. 10 mai 1 600 FCFA 2 2 / 2');
    await app.close();
  });
  it('says how many more products are out of stock than it lists, in either language; a shop with no sales lists none', () => {
    const item = (i: number) => ({ productId: i, name: `Article ${i}`, unit: i === 1 ? 'box' : 'kg', quantityMilli: 1_500 * i, takingsMinor: 1000 * (20 - i), lastSold: '2026-05-09' });
    const shop: SyncShopSummary = {
      id: 7,
      name: 'Kaolack',
      reportedName: null,
      currency: 'XOF',
      lastPushAt: '2026-05-10T11:00:00.000Z',
      days: [{ date: '2026-05-09', takingsMinor: 50_000, salesMinor: 50_000, receipts: 12, cashDifferenceMinor: 0 }],
      stockValueMinor: 0,
      products: 40,
      outOfStock: 11,
      voided: { count: 0, amountMinor: 0 },
      topSellers: [item(1)],
      outOfStockSelling: { count: 11, products: Array.from({ length: 8 }, (_, i) => item(i + 1)) },
      expiring: { withinDays: 30, count: 0, valueMinor: 0, lots: [] },
    };
    const now = new Date('2026-05-10T12:00:00.000Z');
    const fr = text(shopsPage('fr', [shop], now));
    expect(fr).toContain('Article 1 1,5 boîte 19 000 FCFA sam. 9 mai');
    expect(fr).toContain('Article 8 12 kg 12 000 FCFA sam. 9 mai … et 3 autres');
    const en = text(shopsPage('en', [shop], now));
    expect(en).toContain('Out of stock, and they were selling Sales over the 28 days up to the last trading day');
    expect(en).toContain('Article 2 3 kg FCFA 18,000 Sat 9 May');
    expect(en).toContain('… and 3 more Best sellers of the last 7 trading days Product Sold Sales Article 1 1.5 boxes FCFA 19,000');
    const quiet = text(shopsPage('fr', [{ ...shop, days: [], topSellers: [], outOfStockSelling: { count: 0, products: [] } }], now));
    expect(quiet).not.toContain('En rupture, alors');
    expect(quiet).not.toContain('Meilleures ventes');
  });

  it('lists the lots expired or expiring soon with their value at cost, the expired ones said so, in either language', () => {
    const shop: SyncShopSummary = {
      id: 9,
      name: 'Pharmacie du Port',
      reportedName: null,
      currency: 'EUR',
      lastPushAt: '2026-05-10T11:00:00.000Z',
      days: [],
      stockValueMinor: 125_000,
      products: 300,
      outOfStock: 0,
      voided: { count: 0, amountMinor: 0 },
      topSellers: [],
      outOfStockSelling: { count: 0, products: [] },
      expiring: {
        withinDays: 30,
        count: 10,
        valueMinor: 48_350,
        lots: [
          { productId: 4, name: 'Sirop toux 125 ml', unit: 'pcs', lot: 'S2291', expiry: '2026-05-08', quantityMilli: 3_000, valueMinor: 1_650 },
          { productId: 7, name: 'Lait infantile', unit: 'pcs', lot: '—', expiry: '2026-05-22', quantityMilli: 12_000, valueMinor: 14_400 },
        ],
      },
    };
    const now = new Date('2026-05-10T12:00:00.000Z');
    const fr = text(shopsPage('fr', [shop], now));
    expect(fr).toContain('10 lots à surveiller (périmés ou d’ici 30 jours)');
    expect(fr).toContain('Lots périmés ou qui périment d’ici 30 jours 10 lots, 483,50 € au coût');
    expect(fr).toContain('Sirop toux 125 ml S2291 périmé (ven. 8 mai) 3 pcs 16,50 €');
    expect(fr).toContain('Lait infantile — ven. 22 mai 12 pcs 144,00 € … et 8 autres');
    const en = text(shopsPage('en', [shop], now));
    expect(en).toMatch(/Lots expired or expiring within 30 days 10 lots, €\s?483\.50 at cost/);
    expect(en).toMatch(/Sirop toux 125 ml S2291 expired \(Fri 8 May\) 3 pcs €\s?16\.50/);
    const page = shopsPage('fr', [shop], now);
    expect(page).toContain('data-testid="expiring-9"');
    const none = text(shopsPage('fr', [{ ...shop, expiring: { withinDays: 30, count: 0, valueMinor: 0, lots: [] } }], now));
    expect(none).toContain('aucun lot ne périme d’ici 30 jours');
    expect(none).not.toContain('Lots périmés');
  });
});
