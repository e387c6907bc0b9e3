import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { SalesDay, ZReportDocument } from '../../src/shared/api/contracts/journal';
import { zReportDoc } from '../../src/main/services/journal/zreport';
import { vatByRate } from '../../src/main/services/journal/vat-by-rate';
import { must, openTestCore, tempDir } from '../helpers/core';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const SHOTS = join(__dirname, '..', '..', 'test-results');
/** "1 234,56 €" (French EUR, as pdftotext reads it) in cents. */
const cents = (text: string) => Math.round(Number(text.replace(/[\s€]/g, '').replace(',', '.')) * 100);
const AMOUNT = '(-?[\\d ]+,\\d\\d €)';

/**
 * The Z report as a shop owner and an accountant read it, on a Lyon pharmacy's day (the day the document
 * review worked by hand): VAT 20 %, 5,5 % and 0 %, a line and a sale discount, a weighed herb, a return,
 * cash paid in and out, the drawer counted note by note.
 */
describe('Z report PDF: VAT per rate, labels, one A4 page for an ordinary day', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  const files: string[] = [];
  const write = (base64: string, name: string) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, Buffer.from(base64, 'base64'));
    files.push(file);
    return file;
  };
  const text = (file: string) => plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const zReport = async (paper: 'a4' | '80' | '58' = 'a4', name = `z-${paper}.pdf`) => write((await must<ZReportDocument>(core.call('journal.zReport', { paper }))).pdfBase64, name);

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-06-05T08:00:00');
    core = openTestCore(tmp.dir, () => now);
    await must(
      core.call('settings.save', { shopName: 'Pharmacie de la Croix-Rousse', address: '12 place de la Croix-Rousse, 69004 Lyon', phone: '04 78 28 00 00', taxId: '812 345 678 00019', currency: 'EUR', locale: 'fr' }),
    );
    const product = async (x: Record<string, unknown>) => (await must<{ id: number }>(core.call('products.save', x))).id;
    const lait = await product({ sku: 'GUIGOZ', name: 'Lait infantile Guigoz 800 g', priceMinor: 2390, vatRateBp: 550 });
    const serv = await product({ sku: 'NANA14', name: 'Serviettes Nana ×14', priceMinor: 345, vatRateBp: 550 });
    const avene = await product({ sku: 'AVHYD40', name: 'Crème Avène 40 ml', priceMinor: 1850, vatRateBp: 2000 });
    const spf = await product({ sku: 'SPF50', name: 'Écran solaire SPF 50+', priceMinor: 1990, vatRateBp: 2000 });
    const tisane = await product({ sku: 'CAMOM', name: 'Camomille, vrac', unit: 'kg', priceMinor: 4800, vatRateBp: 550 });
    const gel = await product({ sku: 'GELHA', name: 'Gel hydroalcoolique', priceMinor: 299, vatRateBp: 2000 });
    const consigne = await product({ sku: 'CONSIGNE', name: 'Consigne flacon', priceMinor: 50, vatRateBp: 0 });
    await must(core.call('ledger.record', { lines: [lait, serv, avene, spf, tisane, gel, consigne].map((productId) => ({ productId, kind: 'receipt', quantity: 50 })) }));

    now = new Date('2026-06-05T10:12:00');
    const p1 = await must<{ receiptNo: number }>(
      core.call('pos.checkout', {
        lines: [{ productId: lait, quantity: 2 }, { productId: avene, quantity: 1, discountMinor: 185 }, { productId: serv, quantity: 3 }, { productId: tisane, quantity: 0.135 }],
        saleDiscountMinor: 200,
        tenders: [{ tender: 'card', amountMinor: 4000 }, { tender: 'cash', amountMinor: 5000 }],
      }),
    );
    now = new Date('2026-06-05T11:40:00');
    await must(core.call('pos.checkout', { lines: [{ productId: spf, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 2000 }] }));
    now = new Date('2026-06-05T14:05:00');
    await must(core.call('pos.checkout', { lines: [{ productId: gel, quantity: 3 }, { productId: serv, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 1242 }] }));
    now = new Date('2026-06-05T15:00:00');
    await must(core.call('pos.checkout', { lines: [{ productId: consigne, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 50 }] }));
    now = new Date('2026-06-05T16:30:00');
    await must(core.call('pos.return', { receiptNo: p1.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 2331 }] }));

    now = new Date('2026-06-05T19:30:00');
    await must(core.call('journal.cashMove', { direction: 'in', amountMinor: 5000, reason: 'Appoint monnaie' }));
    await must(core.call('journal.cashMove', { direction: 'in', amountMinor: 100_000, reason: 'Apport de la banque, agence de la Croix-Rousse' }));
    await must(core.call('journal.cashMove', { direction: 'out', amountMinor: 1250, reason: 'Timbres' }));
    // a full count, every EUR note and coin: the longest list a count prints; 0,50 € short
    const counted = [[50_000, 1], [20_000, 2], [10_000, 1], [5_000, 2], [2_000, 3], [1_000, 3], [500, 4], [200, 4], [100, 3], [50, 2], [20, 4], [10, 3], [5, 3], [2, 4], [1, 4]];
    const denominations = counted.map(([valueMinor, count]) => ({ valueMinor, count }));
    await must(core.call('journal.countCash', { openingFloatMinor: 15_000, denominations, note: 'Un billet de 20 € mis de côté, à vérifier' }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('prints per rate the base excl. VAT, the VAT and the total incl. VAT, each adding up, the rates adding up to the net takings', async () => {
    const z = text(await zReport());
    const row = (label: string) => {
      // pdftotext may read the no-break space of "0 %" as no space at all
      const m = new RegExp(`^\\s*${label.replace(' ', '\\s?')}\\s+${AMOUNT}\\s+${AMOUNT}\\s+${AMOUNT}\\s*$`, 'm').exec(z);
      expect(m, `${label} row in\n${z}`).not.toBeNull();
      return { base: cents(m![1]), vat: cents(m![2]), total: cents(m![3]) };
    };
    expect(z).toMatch(/TVA par taux\s+Taux\s+Base HT\s+TVA\s+Total TTC/);
    const rates = { '20 %': row('20 %'), '5,5 %': row('5,5 %'), '0 %': row('0 %') };
    const total = row('Total');
    // as worked by hand in the review: 20 % on 45,11 € incl. VAT is 7,53 € of VAT on a base of 37,58 €
    expect(rates).toEqual({
      '20 %': { base: 3758, vat: 753, total: 4511 },
      '5,5 %': { base: 4093, vat: 225, total: 4318 },
      '0 %': { base: 50, vat: 0, total: 50 },
    });
    for (const r of Object.values(rates)) expect(r.base + r.vat).toBe(r.total);
    const sum = (f: (r: { base: number; vat: number; total: number }) => number) => Object.values(rates).reduce((s, r) => s + f(r), 0);
    expect(total).toEqual({ base: sum((r) => r.base), vat: sum((r) => r.vat), total: sum((r) => r.total) });
    expect(total.base + total.vat).toBe(total.total);
    const net = cents(new RegExp(`Chiffre d’affaires net\\s+${AMOUNT}`).exec(z)![1]);
    expect(total.total).toBe(net);
    // the VAT is still the VAT the receipts printed, summed
    const day = await must<SalesDay>(core.call('journal.day', {}));
    expect(total.total).toBe(day.netMinor);
    expect(day.vat.map((v) => [v.rateBp, v.vatMinor])).toEqual([
      [0, 0],
      [550, 225],
      [2000, 753],
    ]);
    // the old wording, which read as "20 % of 45,11 €", and a rate with a decimal point are gone
    expect(z).not.toMatch(/ sur \d|5\.5/);
  });

  it('vatByRate: base = takings − VAT per rate, to the minor unit, a day of returns only included', () => {
    const { rates, total } = vatByRate([
      { rateBp: 0, netMinor: 2862, vatMinor: 0 },
      { rateBp: 1800, netMinor: 11_077, vatMinor: 1689 },
      { rateBp: 550, netMinor: -2390, vatMinor: -125 },
    ]);
    expect(rates).toEqual([
      { rateBp: 1800, baseMinor: 9388, vatMinor: 1689, totalMinor: 11_077 },
      { rateBp: 550, baseMinor: -2265, vatMinor: -125, totalMinor: -2390 },
      { rateBp: 0, baseMinor: 2862, vatMinor: 0, totalMinor: 2862 },
    ]);
    expect(total).toEqual({ baseMinor: 9985, vatMinor: 1564, totalMinor: 11_549 });
  });

  it('labels the tax id, gives the day’s receipt numbers, writes 5,5 % the French way and 5.5% the English way', async () => {
    const fr = text(await zReport());
    expect(fr).toContain('N° d’identification fiscale : 812 345 678 00019');
    expect(fr).toMatch(/Tickets de la journée\s+n° 1 à 5/);
    expect(fr).toContain('Pharmacie de la Croix-Rousse — Rapport Z du 05/06/2026 — page 1/1');

    await must(core.call('settings.save', { locale: 'en' }));
    const en = text(await zReport('a4', 'z-en.pdf'));
    expect(en).toContain('Tax ID: 812 345 678 00019');
    expect(en).toMatch(/Receipts of the day\s+no\. 1 to 5/);
    expect(en).toMatch(/VAT by rate\s+Rate\s+Excl\. VAT\s+VAT\s+Incl\. VAT/);
    expect(en).toMatch(/^\s*5\.5%\s+€ 40\.93\s+€ 2\.25\s+€ 43\.18\s*$/m);
    expect(en).toContain('Pharmacie de la Croix-Rousse — Z report of 05/06/2026 — page 1/1');

    // a tax id typed with its own label is printed as typed, not labelled twice
    await must(core.call('settings.save', { locale: 'fr', taxId: 'NINEA 005123456 2G3' }));
    const own = text(await zReport('a4', 'z-ninea.pdf'));
    expect(own).toMatch(/^\s*NINEA 005123456 2G3\s*$/m);
    expect(own).not.toContain('identification fiscale');
  });

  it('fits an ordinary day on one A4 page, signatures included; the rolls print the same figures', async () => {
    const a4 = await zReport();
    mkdirSync(SHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', a4, join(SHOTS, 'zreport-a4-fr')]);
    expect(pages(a4)).toBe(1);
    const z = text(a4);
    for (const expected of ['Signature du caissier', 'Signature du gérant', '500,00 € × 1', '0,01 € × 4', 'Note : Un billet de 20 €', '+1 000,00 €', '-12,50 €', 'Manque 0,50 €']) expect(z).toContain(expected);

    for (const paper of ['80', '58'] as const) {
      const roll = await zReport(paper);
      expect(pages(roll)).toBe(1);
      const r = text(roll);
      // on a roll each rate is a block: base, VAT, total, then all rates
      expect(r.replace(/\s+/g, ' ')).toContain('TVA 5,5 % Base HT 40,93 € TVA 2,25 € Total TTC 43,18 €');
      expect(r.replace(/\s+/g, ' ')).toContain('Total, tous taux Base HT 79,01 € TVA 9,78 € Total TTC 88,79 €');
      // an amount never leaves its currency on the next line, however narrow the column
      expect(r).toMatch(/Apport de la.*\+1 000,00 €/);
      expect(r).toMatch(/Espèces attendues\s+1 223,87 €/);
      expect(r).not.toMatch(/^\s*€\s*$/m);
      if (paper === '58') execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', roll, join(SHOTS, 'zreport-58-fr')]);
    }
  });

  it('a day too long for one page: every page names the shop and the day with page n/N, and the signatures stay whole on the last page', async () => {
    // pages as pdftotext -bbox reads them: each word with its top and bottom, in points
    const words = (file: string) =>
      execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' })
        .split('<page ')
        .slice(1)
        .map((page) => ({
          height: Number(/height="([\d.]+)"/.exec(page)![1]),
          words: [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ top: Number(m[1]), bottom: Number(m[2]), text: m[3] })),
        }));
    const mm = (x: number) => (x * 72) / 25.4;
    let spilled = 0;
    // paid-outs one by one: the signatures meet the foot of the page at every height on the way
    for (let i = 1; i <= 24; i++) {
      await must(core.call('journal.cashMove', { direction: 'out', amountMinor: 100 + i, reason: `Course ${i}` }));
      const file = await zReport('a4', `z-long-${i}.pdf`);
      const doc = words(file);
      const last = doc[doc.length - 1];
      const signatures = last.words.filter((w) => w.text === 'Signature');
      // both labels on the last page, side by side, and the line drawn 28 pt under them fits above the footer
      expect(signatures).toHaveLength(2);
      expect(signatures[0].top).toBe(signatures[1].top);
      expect(signatures[0].bottom + 28).toBeLessThan(last.height - mm(18));
      for (const page of doc.slice(0, -1)) expect(page.words.some((w) => w.text === 'Signature')).toBe(false);
      doc.forEach((page, n) => {
        const line = plain(page.words.map((w) => w.text).join(' '));
        expect(line).toContain(`Pharmacie de la Croix-Rousse — Rapport Z du 05/06/2026 — page ${n + 1}/${doc.length}`);
      });
      if (doc.length > 1) spilled += 1;
      if (spilled === 1 && doc.length > 1) execFileSync('pdftoppm', ['-png', '-r', '60', file, join(SHOTS, 'zreport-a4-two-pages')]);
    }
    // the loop did reach a second page, several times
    expect(spilled).toBeGreaterThan(3);
  });

  it('the A4 layout keeps each signature with its line and each heading with its first row', () => {
    const day = {
      date: '2026-06-05',
      today: '2026-06-05',
      canPickDate: true,
      currency: 'EUR',
      entries: [],
      sales: { count: 0, totalMinor: 0 },
      returns: { count: 0, totalMinor: 0 },
      netMinor: 0,
      averageBasketMinor: 0,
      tenders: [],
      vat: [],
      cash: null,
      suggestedFloatMinor: 0,
      counts: [],
      cashMoves: [],
    } as unknown as SalesDay;
    const shop = core.services.settings.get();
    const doc = zReportDoc(day, shop, { paper: 'a4', printedAt: now, printedBy: 'Owner' });
    const content = doc.content as { unbreakable?: boolean; stack?: { text?: string }[] }[];
    const signatures = content[content.length - 1];
    expect(signatures.unbreakable).toBe(true);
    expect(JSON.stringify(signatures)).toContain('Signature du caissier');
    const headings = content.filter((c) => c.stack?.[0]?.text === 'Espèces en caisse');
    expect(headings).toHaveLength(1);
    expect(headings[0].unbreakable).toBe(true);
    expect(typeof doc.footer).toBe('function');
  });
});
