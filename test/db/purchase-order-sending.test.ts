import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { PurchaseOrder, PurchaseOrderDocument, ReplenishmentView, ToOrder } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { Locale } from '../../src/shared/domain/settings';
import { must, openTestCore, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

/** What the owner reads, in French unless told (no-break spaces as plain ones, to compare). */
const say = (e: AppErrorShape, locale: Locale = 'fr') => errorShapeText(e, translator(locale), locale).replace(/[\u00a0\u202f]/g, ' ');

describe('a purchase order as the supplier gets it: sent when the owner sends it, to a supplier it may go to', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  let supplierId: number;
  const product = (p: Record<string, unknown>) => must<{ id: number }>(core.call('products.save', { priceMinor: 1500, costMinor: 1000, supplierId, ...p }));
  const pdfText = async (id: number, name: string) => {
    const doc = await must<PurchaseOrderDocument>(core.call('purchasing.pdf', { id }));
    const file = join(tmp.dir, name);
    writeFileSync(file, Buffer.from(doc.pdfBase64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\u00a0\u202f]/g, ' ');
  };

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-04-01T09:00:00');
    core = openTestCore(tmp.dir, () => now);
    await must(core.call('settings.save', { shopName: 'Boutique Awa', locale: 'fr' }));
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Grossiste Sahel', leadTimeDays: 3 }))).id;
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  describe('the delivery date follows the day the order is sent', () => {
    it('a draft sent a week after it was made asks for delivery lead time after the day it is sent, on the screen and on the PDF', async () => {
      const oil = await product({ sku: 'HUILE', name: 'Huile 1 l', leadTimeDays: 2 });
      const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: oil.id, quantity: 24 }] }));
      // the supplier's 3 days, longer than the product's 2
      expect(draft.expectedDate).toBe('2026-04-04');
      now = new Date('2026-04-08T10:00:00');
      // the draft, opened a week later, already shows when it would come if sent today; so does its PDF
      expect((await must<PurchaseOrder>(core.call('purchasing.get', { id: draft.id }))).expectedDate).toBe('2026-04-11');
      const draftPdf = await pdfText(draft.id, 'draft.pdf');
      expect(draftPdf).toMatch(/Date : 08\/04\/2026/);
      expect(draftPdf).toMatch(/Livraison souhaitée le : 11\/04\/2026/);
      // and the list of orders says the same date as the draft's detail, not the one it was made with
      const [listed] = await must<{ expectedDate: string }[]>(core.call('purchasing.list', {}));
      expect(listed.expectedDate).toBe('2026-04-11');

      await must(core.call('purchasing.update', { id: draft.id, lines: [{ productId: oil.id, quantity: 36 }] }));
      const sent = await must<PurchaseOrder>(core.call('purchasing.markSent', { id: draft.id }));
      expect(sent.expectedDate).toBe('2026-04-11');
      const [row] = await must<{ expectedDate: string }[]>(core.call('purchasing.list', {}));
      expect(row.expectedDate).toBe('2026-04-11');
      // once sent, the date stays: it is what the supplier was asked
      now = new Date('2026-04-20T10:00:00');
      const pdf = await pdfText(draft.id, 'sent.pdf');
      expect(pdf).toMatch(/Date : 08\/04\/2026/);
      expect(pdf).toMatch(/Livraison souhaitée le : 11\/04\/2026/);
      expect(pdf).not.toContain('04/04/2026');
    });

    it('a delivery date chosen by hand is kept when the draft is sent, unless it is past by then: then today + lead time', async () => {
      const rice = await product({ sku: 'RIZ', name: 'Riz 25 kg', leadTimeDays: 5 });
      // a product is on one open draft at a time
      const sugar = await product({ sku: 'SUC', name: 'Sucre 50 kg', leadTimeDays: 5 });
      const [a, b] = [
        (await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: rice.id, quantity: 4 }] })))[0],
        (await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: sugar.id, quantity: 2 }] })))[0],
      ];
      // the supplier promised the 3rd (sooner than the usual 5 days) for one, the 5th for the other
      await must(core.call('purchasing.update', { id: a.id, expectedDate: '2026-04-03', lines: [{ productId: rice.id, quantity: 4 }] }));
      await must(core.call('purchasing.update', { id: b.id, expectedDate: '2026-04-05', lines: [{ productId: sugar.id, quantity: 2 }] }));
      now = new Date('2026-04-04T08:00:00');
      // still to come: kept as chosen
      expect((await must<PurchaseOrder>(core.call('purchasing.markSent', { id: b.id }))).expectedDate).toBe('2026-04-05');
      // past by the time it is sent: today + the product's 5 days (longer than the supplier's 3)
      expect((await must<PurchaseOrder>(core.call('purchasing.markSent', { id: a.id }))).expectedDate).toBe('2026-04-09');
    });

    it('a delivery date already past is refused, naming the field, in French and English; the draft is unchanged', async () => {
      const oil = await product({ sku: 'HUILE', name: 'Huile 1 l' });
      const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: oil.id, quantity: 12 }] }));
      const past = await refused<AppErrorShape>('a past date', core.call('purchasing.update', { id: draft.id, expectedDate: '2026-03-01', lines: [{ productId: oil.id, quantity: 20 }] }));
      expect(past).toMatchObject({ code: 'validation', field: 'expectedDate', details: { reason: 'order_expected_past', date: '2026-03-01', today: '2026-04-01' } });
      expect(say(past)).toBe('La date de livraison souhaitée (01/03/2026) est déjà passée : choisissez aujourd’hui (01/04/2026) ou un jour à venir.');
      expect(say(past, 'en')).toBe('The wanted delivery date (01/03/2026) is already past: choose today (01/04/2026) or a day to come.');
      const after = await must<PurchaseOrder>(core.call('purchasing.get', { id: draft.id }));
      expect(after.lines[0].quantity).toBe(12);
      // today itself is fine
      await must(core.call('purchasing.update', { id: draft.id, expectedDate: '2026-04-01', lines: [{ productId: oil.id, quantity: 12 }] }));
    });
  });

  describe('sending a draft makes the checks editing it makes', () => {
    it('a draft holding a product since stopped, or now bought elsewhere, is not sent: the owner is told which product; nothing goes on order', async () => {
      const other = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Nouveau Grossiste' }))).id;
      const biscuits = await product({ sku: 'BISC', name: 'Biscuits' });
      const tea = await product({ sku: 'THE', name: 'Thé vert' });
      const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: biscuits.id, quantity: 48 }, { productId: tea.id, quantity: 24 }] }));
      await must(core.call('products.save', { id: tea.id, sku: 'THE', name: 'Thé vert', priceMinor: 1500, costMinor: 1000, supplierId: other }));
      const moved = await refused<AppErrorShape>('a product of another supplier', core.call('purchasing.markSent', { id: draft.id }));
      expect(moved).toMatchObject({ code: 'validation', field: 'id', details: { reason: 'order_product_other_supplier', name: 'Thé vert', supplier: 'Grossiste Sahel' } });
      expect(say(moved)).toBe('Thé vert n’est pas fourni par Grossiste Sahel : retirez-le de cette commande et commandez-le chez son propre fournisseur.');

      await must(core.call('purchasing.update', { id: draft.id, lines: [{ productId: biscuits.id, quantity: 48 }] }));
      await must(core.call('products.deactivate', { id: biscuits.id }));
      const stopped = await refused<AppErrorShape>('a deactivated product', core.call('purchasing.markSent', { id: draft.id }));
      expect(stopped).toMatchObject({ field: 'id', details: { reason: 'order_product_inactive', name: 'Biscuits' } });
      expect(say(stopped)).toBe('Biscuits est désactivé : retirez-le de la commande, ou réactivez d’abord le produit.');

      expect((await must<PurchaseOrder>(core.call('purchasing.get', { id: draft.id }))).status).toBe('draft');
      await core.services.stockWatcher.idle();
      const views = await must<ReplenishmentView[]>(core.call('replenishment.list', { productIds: [tea.id] }));
      expect(views.every((v) => v.onOrder === 0)).toBe(true);
    });

    it('no order goes to a deactivated supplier: a new one is refused naming the product and the supplier, a draft made before cannot be sent', async () => {
      const salt = await product({ sku: 'SEL', name: 'Sel' });
      const [draft] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: salt.id, quantity: 10 }] }));
      await must(core.call('suppliers.deactivate', { id: supplierId }));

      const create = await refused<AppErrorShape>('an order to a deactivated supplier', core.call('purchasing.createOrders', { lines: [{ productId: salt.id, quantity: 10 }] }));
      expect(create).toMatchObject({ code: 'validation', field: 'lines.0.productId', details: { reason: 'order_product_supplier_inactive', name: 'Sel', supplier: 'Grossiste Sahel' } });
      expect(say(create)).toBe('Sel se commande chez Grossiste Sahel, qui est désactivé : choisissez un autre fournisseur sur la fiche du produit, ou réactivez Grossiste Sahel.');
      expect(say(create, 'en')).toBe('Sel is bought from Grossiste Sahel, which is deactivated: choose another supplier on the product, or reactivate Grossiste Sahel.');

      const send = await refused<AppErrorShape>('sending to a deactivated supplier', core.call('purchasing.markSent', { id: draft.id }));
      expect(send).toMatchObject({ field: 'id', details: { reason: 'order_supplier_inactive', supplier: 'Grossiste Sahel', reference: draft.reference } });
      expect(say(send)).toBe(`Le fournisseur Grossiste Sahel est désactivé : la commande ${draft.reference} ne peut pas lui être envoyée. Annulez-la, ou réactivez d’abord Grossiste Sahel.`);
      expect((await must<PurchaseOrder[]>(core.call('purchasing.list', {}))).length).toBe(1);
      // it can still be cancelled
      await must(core.call('purchasing.cancel', { id: draft.id }));
    });
  });

  describe('what to order', () => {
    /** Products of the supplier selling 7 a day for four weeks, down to 4 in stock: each needs ordering. */
    const selling = async (items: { sku: string; costMinor: number; vatRateBp: number; supplier?: number }[]) => {
      const ids: number[] = [];
      for (const it of items) ids.push((await product({ sku: it.sku, name: it.sku, priceMinor: it.costMinor * 2, costMinor: it.costMinor, vatRateBp: it.vatRateBp, supplierId: it.supplier ?? supplierId })).id);
      const owner = { user: core.services.session.current()! };
      const day = 86_400_000;
      core.services.ledger.recordBulk(
        ids.flatMap((productId) => [
          { line: { productId, kind: 'receipt' as const, quantity: 200, reason: '' }, at: new Date(now.getTime() - 29 * day) },
          ...Array.from({ length: 28 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: 7, reason: '' }, at: new Date(now.getTime() - (28 - i) * day) })),
        ]),
        'history',
        owner,
        'allow',
      );
      core.services.replenishment.recompute();
      return ids;
    };

    it('with a budget, what the shop pays for the lines kept, VAT included, is at most the budget', async () => {
      await selling([
        { sku: 'SAVON', costMinor: 400, vatRateBp: 1800 },
        { sku: 'JAVEL', costMinor: 600, vatRateBp: 1800 },
        { sku: 'LAIT', costMinor: 900, vatRateBp: 1800 },
      ]);
      const all = await must<ToOrder>(core.call('purchasing.toOrder', {}));
      // a budget that the three lines' costs excluding VAT would just fill: what the shop pays is 18 % more
      const budget = all.groups[0].lines.reduce((s, l) => s + l.costOfLineMinor, 0);
      const t = await must<ToOrder>(core.call('purchasing.toOrder', { budgetMinor: budget }));
      const kept = t.groups.flatMap((g) => g.lines).filter((l) => l.withinBudget);
      const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: kept.map((l) => ({ productId: l.productId, quantity: l.suggested })) }));
      expect(po.totalMinor).toBeLessThanOrEqual(budget);
      expect(kept.length).toBe(2);
      // the order's "Total TTC" is what the budget counted, line by line with its VAT
      expect(t.selectedMinor).toBe(po.totalMinor);
      expect(t.groups[0].totalMinor).toBe(po.totalMinor);
      for (const l of kept) expect(l.totalOfLineMinor).toBe(l.costOfLineMinor + Math.round(l.costOfLineMinor * 0.18));
    });

    it('the products of a deactivated supplier are shown under it, marked so, and use none of the budget', async () => {
      const old = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Ancien Grossiste' }))).id;
      await selling([
        { sku: 'SAVON', costMinor: 400, vatRateBp: 0 },
        { sku: 'BOUGIE', costMinor: 100, vatRateBp: 0, supplier: old },
      ]);
      await must(core.call('suppliers.deactivate', { id: old }));
      const all = await must<ToOrder>(core.call('purchasing.toOrder', {}));
      const gone = all.groups.find((g) => g.supplierName === 'Ancien Grossiste')!;
      const live = all.groups.find((g) => g.supplierName === 'Grossiste Sahel')!;
      expect(gone).toMatchObject({ supplierActive: false, totalMinor: 0 });
      expect(live.supplierActive).toBe(true);
      expect(all.selectedMinor).toBe(live.totalMinor);
      // a budget just big enough for the soap keeps it, whatever the candles' score
      const t = await must<ToOrder>(core.call('purchasing.toOrder', { budgetMinor: live.lines[0].totalOfLineMinor }));
      expect(t.groups.find((g) => g.supplierName === 'Grossiste Sahel')!.lines[0].withinBudget).toBe(true);
      expect(t.selectedMinor).toBe(live.lines[0].totalOfLineMinor);
    });
  });

  describe('the order PDF in the shop’s language', () => {
    it('a French order writes its units in French (30 boîtes, 12 paquets, 0,125 kg); an English one in English', async () => {
      const doli = await product({ sku: 'DOLI', name: 'Doliprane 1000', unit: 'box', packSize: 10 });
      const cotton = await product({ sku: 'COTON', name: 'Coton 100 g', unit: 'pack' });
      const saffron = await product({ sku: 'SAF', name: 'Safran', unit: 'kg' });
      const one = await product({ sku: 'UNE', name: 'Une boîte seule', unit: 'box' });
      const [po] = await must<PurchaseOrder[]>(
        core.call('purchasing.createOrders', {
          lines: [
            { productId: doli.id, quantity: 30 },
            { productId: cotton.id, quantity: 12 },
            { productId: saffron.id, quantity: 0.125 },
            { productId: one.id, quantity: 1 },
          ],
        }),
      );
      const fr = await pdfText(po.id, 'fr.pdf');
      expect(fr).toMatch(/3 × 10 +30 boîtes /);
      expect(fr).toMatch(/Coton 100 g +12 paquets /);
      expect(fr).toMatch(/0,125 kg /);
      expect(fr).toMatch(/Une boîte seule +1 boîte /);
      expect(fr).not.toMatch(/\b(box|pack)\b/);

      const settings = await must<Record<string, unknown>>(core.call('settings.get', {}));
      await must(core.call('settings.save', { ...settings, locale: 'en' }));
      const en = await pdfText(po.id, 'en.pdf');
      expect(en).toMatch(/30 boxes /);
      expect(en).toMatch(/12 packs /);
      expect(en).toMatch(/0\.125 kg /);
    });
  });
});
