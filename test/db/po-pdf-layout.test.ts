import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PurchaseOrder, PurchaseOrderDocument } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core';
import { must, openTestCore, tempDir } from '../helpers/core';

const NOW = new Date('2026-03-16T09:30:00Z');
// PO_PDF_OUT=/some/dir keeps the PDFs, to render them (pdftoppm) and look at them
const KEEP = process.env.PO_PDF_OUT;

/** A purchase order's PDF as pdftotext lays it out, page by page, no-break spaces read as spaces. */
async function orderPages(core: Core, dir: string, id: number, name: string): Promise<string[]> {
  const doc = await must<PurchaseOrderDocument>(core.call('purchasing.pdf', { id }));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
  if (KEEP) {
    mkdirSync(KEEP, { recursive: true });
    copyFileSync(file, join(KEEP, `${name}.pdf`));
  }
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' '),
  );
}

/** The figure as the French PO writes it: 1 234,50 €. */
const eur = (minor: number) => `${(minor / 100).toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} €`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the purchase order PDF (real SQLite, pdftotext)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let supplierId: number;

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => NOW);
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'OCP Répartition', address: '2 rue Benoît Frachon\n69800 Saint-Priest' }))).id;
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  const product = async (p: { sku: string; name: string; costMinor: number; vatRateBp: number; packSize?: number; unit?: string }) =>
    (await must<{ id: number }>(core.call('products.save', { priceMinor: p.costMinor * 2, supplierId, ...p }))).id;

  it('80 lines at two rates: no line cut by a page, the header on every page, VAT by rate adding up to the total, the tax id named as Settings names it', async () => {
    await must(core.call('settings.save', { shopName: 'Pharmacie de la Croix-Rousse', address: '12 place de la Croix-Rousse, 69004 Lyon', taxId: '812 345 678 00019', locale: 'fr', currency: 'EUR' }));
    const lines: { productId: number; quantity: number }[] = [];
    for (let i = 1; i <= 80; i++) {
      const n = String(i).padStart(2, '0');
      // names long enough to take two or three lines of the item column; « fin-NN » ends each one
      const words = 'Lait infantile 1er âge boîte de 800 g nouvelle formule sans huile de palme, enrichi en fer et en vitamine D'
        .split(' ')
        .slice(0, 3 + (i % 7) * 3);
      const packSize = [1, 6, 12, 24][i % 4];
      const id = await product({ sku: `P${n}`, name: `${words.join(' ')} fin-${n}`, costMinor: 95 + i * 37, vatRateBp: i % 3 === 0 ? 2000 : 550, packSize });
      lines.push({ productId: id, quantity: packSize * (1 + (i % 3)) + (i % 5 === 0 ? 2 : 0) });
    }
    const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines }));
    // a long note beside the totals leaves them no more room than their amounts need
    const note = 'Livraison par l’entrée de service, rue d’Austerlitz, du lundi au vendredi entre 8 h et 11 h. '.repeat(4);
    const order = await must<PurchaseOrder>(core.call('purchasing.update', { id: draft.id, note, lines }));
    expect(order.lines).toHaveLength(80);
    const pages = await orderPages(core, tmp.dir, order.id, 'po-80-two-rates');
    expect(pages.length).toBeGreaterThanOrEqual(3);

    // L5: the label Settings gives the field
    expect(pages[0]).toContain('N° d’identification fiscale : 812 345 678 00019');
    expect(pages.join('')).not.toContain('contribuable');

    for (const [p, text] of pages.entries()) {
      expect(text).toContain(`${order.reference} — ${p + 1}/${pages.length}`);
      // L3: a line's code and the end of its name are on the same page
      const skus = [...text.matchAll(/^\s*(P\d\d)\s/gm)].map((m) => m[1]);
      const ends = [...text.matchAll(/fin-(\d\d)/g)].map((m) => `P${m[1]}`);
      expect(ends, `page ${p + 1}`).toEqual(skus);
      // L3 and L13: every page of lines under the header row, which says the unit price is excl. VAT
      // (the last page may hold only the note and the totals, kept together)
      if (p < pages.length - 1) expect(skus.length).toBeGreaterThan(0);
      if (skus.length) expect(text, `page ${p + 1}`).toMatch(/Code +Article +Colis +Unités +Prix unit\. HT +TVA +Montant HT/);
    }
    const all = pages.join('\n');
    expect([...all.matchAll(/fin-(\d\d)/g)]).toHaveLength(80);

    // L7: a line per rate, worked out here from each line's amount, then the order's total
    const rates = [550, 2000].map((bp) => {
      const at = order.lines.filter((l) => l.vatRateBp === bp);
      const base = at.reduce((s, l) => s + l.amountMinor, 0);
      const vat = at.reduce((s, l) => s + Math.round((l.amountMinor * bp) / 10_000), 0);
      return { bp, base, vat, total: base + vat };
    });
    expect(rates[0].base + rates[1].base).toBe(order.subtotalMinor);
    expect(rates[0].vat + rates[1].vat).toBe(order.vatMinor);
    expect(rates[0].total + rates[1].total).toBe(order.totalMinor);
    const last = pages[pages.length - 1];
    expect(last).toContain('Note : Livraison par l’entrée de service');
    expect(last).toMatch(/Taux +Base HT +TVA +Total TTC/);
    expect(last).toMatch(new RegExp(`5,5 % +${escape(eur(rates[0].base))} +${escape(eur(rates[0].vat))} +${escape(eur(rates[0].total))}`));
    expect(last).toMatch(new RegExp(`20 % +${escape(eur(rates[1].base))} +${escape(eur(rates[1].vat))} +${escape(eur(rates[1].total))}`));
    expect(last).toMatch(new RegExp(`Total +${escape(eur(order.subtotalMinor))} +${escape(eur(order.vatMinor))} +${escape(eur(order.totalMinor))}`));

    // L4: whole packs, packs and the units left over, nothing for a product without a pack
    expect(all).toMatch(/P01 +Lait infantile 1er âge boîte de +2 ?× ?6 +12 +1,32 €/); // 12 in sixes
    expect(all).toMatch(/P05 +Lait infantile 1er âge boîte de +3 colis de 6 \+ 2 +20 +2,80 €/); // 20 in sixes
    expect(all).toMatch(/P04 +Lait infantile 1er âge boîte de +2 +2,43 €/); // a pack of 1: the units alone
    expect(all).not.toMatch(/colis de 1\b|× 1\b|\d,\d+ ×/);
  });

  it('a measured quantity in sacks, less than a pack, big FCFA amounts: each amount on one line with its currency', async () => {
    await must(core.call('settings.save', { shopName: 'Quincaillerie Touba', locale: 'fr', currency: 'XOF' }));
    const cement = await product({ sku: 'CIM50', name: 'Ciment CEM II 42,5 sac 50 kg', costMinor: 3850, vatRateBp: 1800, packSize: 40 });
    const fridge = await product({ sku: 'FRIGO', name: 'Congélateur coffre 300 l', costMinor: 2_450_000, vatRateBp: 1800 });
    const onion = await product({ sku: 'OIGN', name: 'Oignons', unit: 'kg', costMinor: 300, vatRateBp: 1800, packSize: 25 });
    const nails = await product({ sku: 'CLOU', name: 'Pointes 70 mm', costMinor: 25, vatRateBp: 1800, packSize: 25 });
    const [order] = await must<PurchaseOrder[]>(
      core.call('purchasing.createOrders', { lines: [{ productId: cement, quantity: 4000 }, { productId: fridge, quantity: 10 }, { productId: onion, quantity: 37.125 }, { productId: nails, quantity: 12 }] }),
    );
    const [text] = await orderPages(core, tmp.dir, order.id, 'po-big-amounts');
    // L2: the amount and its currency on one line of the page
    expect(text).toMatch(/CIM50 +Ciment CEM II 42,5 sac 50 kg +100 ?× ?40 +4 000 +3 850 FCFA +18 % +15 400 000 FCFA/);
    expect(text).toMatch(/FRIGO +Congélateur coffre 300 l +10 +2 450 000 FCFA +18 % +24 500 000 FCFA/);
    // L4: 37,125 kg in 25 kg sacks; 12 nails in boxes of 25, less than one: the units alone
    expect(text).toMatch(/OIGN +Oignons +1 colis de 25 +37,125 kg +300 FCFA +18 % +11 138 FCFA\n +\+ ?12,125\n/);
    expect(text).toMatch(/CLOU +Pointes 70 mm +12 +25 FCFA/);
    // one rate: the usual three totals, the rate named
    // 15 400 000 + 24 500 000 + 11 138 (37,125 × 300 = 11 137,5) + 300; 18 % of each line, rounded
    expect(text).toMatch(/Total HT +39 911 438 FCFA/);
    expect(text).toMatch(/TVA 18 % +7 184 059 FCFA/);
    expect(text).toMatch(/Total TTC +47 095 497 FCFA/);
    expect(text).not.toMatch(/Base HT/);
  });

  it('an amount too wide for its column is written smaller, still on one line', async () => {
    await must(core.call('settings.save', { shopName: 'Quincaillerie Touba', locale: 'fr', currency: 'XOF' }));
    const turbine = await product({ sku: 'TURB', name: 'Groupe électrogène 500 kVA', costMinor: 999_999_999, vatRateBp: 1800 });
    const [order] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: turbine, quantity: 10 }] }));
    const [text] = await orderPages(core, tmp.dir, order.id, 'po-too-wide');
    expect(text).toMatch(/TURB +Groupe électrogène 500 kVA +10 +999 999 999 FCFA +18 % +9 999 999 990 FCFA\n/);
    expect(text).toMatch(/Total TTC +11 799 999 988 FCFA/);
  });

  it('in English: "No.", "Date:", "Tax ID:", "18%", packs and the rest in words', async () => {
    await must(core.call('settings.save', { shopName: 'Mama Ngozi Provisions', taxId: 'RC 2024-B-1234', locale: 'en', currency: 'XOF' }));
    const oil = await product({ sku: 'OIL', name: 'Groundnut oil 1 l', costMinor: 1200, vatRateBp: 1800, packSize: 12 });
    const rice = await product({ sku: 'RICE', name: 'Rice 25 kg', costMinor: 14_000, vatRateBp: 0, packSize: 1 });
    const soap = await product({ sku: 'SOAP', name: 'Soap bar', costMinor: 150, vatRateBp: 1800, packSize: 24 });
    const lines = [
      { productId: oil, quantity: 27 },
      { productId: rice, quantity: 3 },
      { productId: soap, quantity: 48 },
    ];
    const [order] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines }));
    await must(core.call('purchasing.update', { id: order.id, note: 'Deliver before noon', lines }));
    const [text] = await orderPages(core, tmp.dir, order.id, 'po-english');
    expect(text).toContain('No. PO-00001');
    expect(text).toMatch(/Date: 16\/03\/2026/);
    expect(text).toMatch(/Delivery wanted on: \d\d\/\d\d\/2026/);
    expect(text).toContain('Tax ID: RC 2024-B-1234');
    expect(text).toContain('Note: Deliver before noon');
    expect(text).not.toMatch(/N°| :/);
    expect(text).toMatch(/Code +Item +Packs +Units +Unit price excl\. +VAT +Amount excl\. VAT/);
    expect(text).toMatch(/OIL +Groundnut oil 1 l +2 packs of 12 +27 +FCFA 1,200 +18% +FCFA 32,400\n +\+ ?3\n/);
    expect(text).toMatch(/RICE +Rice 25 kg +3 +FCFA 14,000 +0% +FCFA 42,000/);
    expect(text).toMatch(/SOAP +Soap bar +2 ?× ?24 +48 +FCFA 150 +18% +FCFA 7,200/);
    // two rates, 0% among them: the bases add up to the total excl. VAT
    expect(text).toMatch(/VAT rate +Base excl\. VAT +VAT +Total incl\. VAT/);
    expect(text).toMatch(/0% +FCFA 42,000 +FCFA 0 +FCFA 42,000/);
    // 32 400 + 7 200 at 18%: 5 832 + 1 296
    expect(text).toMatch(/18% +FCFA 39,600 +FCFA 7,128 +FCFA 46,728/);
    expect(text).toMatch(/Total +FCFA 81,600 +FCFA 7,128 +FCFA 88,728/);
  });
});
