import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { CompletedSale, ReceiptDocument, ReturnableSale } from '../../src/shared/domain/sale';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { UserRecord } from '../../src/shared/domain/user';
import { translator } from '../helpers/messages';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { Result } from '../../src/shared/api/result';
import { refundFor } from '../../src/shared/domain/returns';


describe('returns by receipt number', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let sale: CompletedSale;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const onHand = (id: number) => core.services.ledger.onHand([id])[0].onHand;

  let now = new Date('2026-05-04T10:30:00');
  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-05-04T10:30:00');
    core = openTestCore(tmp.dir, () => now);
    await must(core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, vatRateBp: 1800 }));
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz 1 kg', priceMinor: 650, unit: 'kg' }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 10 }, { productId: 2, kind: 'receipt', quantity: 10 }] }));
    sale = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2 }, { productId: 2, quantity: 2.5 }], tenders: [{ tender: 'cash', amountMinor: 10000 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('refunds part of a line pro rata, puts the stock back and numbers the return in the receipt sequence', async () => {
    const refund = await must<CompletedSale>(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 2, quantity: 1 }] }));
    expect(refund).toMatchObject({ kind: 'return', receiptNo: 2, originalReceiptNo: 1 });
    expect(refund.cart.totalMinor).toBe(650);
    expect(refund.tenders).toEqual([{ tender: 'cash', amountMinor: 650 }]);
    expect(onHand(2)).toBe(10 - 2.5 + 1);
    const day = core.store.sqlite.prepare('SELECT sold_milli, revenue_minor FROM daily_sales WHERE product_id = 2').get();
    expect(day).toEqual({ sold_milli: 1500, revenue_minor: 1625 - 650 });
    const left = await must<ReturnableSale>(core.call('pos.returnable', { receiptNo: 1 }));
    expect(left.lines.map((l) => [l.lineNo, l.sold, l.returned, l.returnable])).toEqual([
      [1, 2, 0, 2],
      [2, 2.5, 1, 1.5],
    ]);
    const doc = await must<ReceiptDocument>(core.call('pos.receipt', { receiptNo: 2 }));
    expect(doc.text).toContain('Retour N° 2 (du ticket 1)');
    expect(doc.text).toContain('REMBOURSÉ');
  });

  it('goods come back at the cost they left at: a sale refunded after a cost rise leaves no margin, and no stock value made up', async () => {
    const tea = await must<{ id: number }>(core.call('products.save', { sku: 'THE', name: 'Thé', priceMinor: 3000, costMinor: 1000 }));
    await must(core.call('ledger.record', { lines: [{ productId: tea.id, kind: 'receipt', quantity: 5 }] }));
    const sold = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: tea.id, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 3000 }] }));
    // the supplier's price rises: the owner updates the cost
    await must(core.call('products.save', { id: tea.id, sku: 'THE', name: 'Thé', priceMinor: 3000, costMinor: 2500 }));
    await must(core.call('pos.return', { receiptNo: sold.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    const costs = core.store.sqlite.prepare("SELECT kind, unit_cost_minor AS cost, unit_price_minor AS price FROM movements WHERE product_id = ? AND kind IN ('sale', 'customer_return') ORDER BY id").all(tea.id);
    expect(costs).toEqual([
      { kind: 'sale', cost: 1000, price: 3000 },
      { kind: 'customer_return', cost: 1000, price: 3000 },
    ]);
    expect(core.store.sqlite.prepare('SELECT sold_milli, revenue_minor, cost_minor FROM daily_sales WHERE product_id = ?').get(tea.id)).toEqual({ sold_milli: 0, revenue_minor: 0, cost_minor: 0 });
  });

  it("a return after the shelf price rose is in the ledger at the price it was sold at, the one refunded, not today's", async () => {
    await must(core.call('products.save', { id: 1, sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 3500, vatRateBp: 1800 }));
    const refund = await must<CompletedSale>(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    expect(refund.cart.totalMinor).toBe(2950);
    const moves = core.store.sqlite.prepare("SELECT kind, unit_price_minor AS price FROM movements WHERE product_id = 1 AND kind IN ('sale', 'customer_return') ORDER BY id").all();
    expect(moves).toEqual([
      { kind: 'sale', price: 2950 },
      { kind: 'customer_return', price: 2950 },
    ]);
  });

  it('refuses a return of more than was sold, naming the line, and writes nothing', async () => {
    await must(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }] }));
    const before = [count('sales'), count('movements'), count('sale_tenders'), count('audit')];
    const tooMany = await core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 2 }] });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'validation', field: 'lines.0.quantity', message: expect.stringContaining('only 1 of "Lait en poudre 400 g" can come back') } });
    expect(await core.call('pos.return', { receiptNo: 99, lines: [{ lineNo: 1, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'receiptNo' } });
    expect(await core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 7, quantity: 1 }] })).toMatchObject({ ok: false, error: { field: 'lines.0.lineNo' } });
    expect(await core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 2, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1 }] })).toMatchObject({ ok: false, error: { field: 'tenders' } });
    expect(await core.call('pos.return', { receiptNo: 2, lines: [{ lineNo: 1, quantity: 1 }] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect([count('sales'), count('movements'), count('sale_tenders'), count('audit')]).toEqual(before);
  });

  it('the refusals reach a French screen in French, from the code and details (main keeps English for the log)', async () => {
    await must(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 2, quantity: 1 }] }));
    const tooMany = (await core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 2, quantity: 2 }] })) as Result<unknown>;
    if (tooMany.ok) throw new Error('expected a refusal');
    expect(errorShapeText(tooMany.error, translator('fr'), 'fr')).toBe('« Riz 1 kg » : on ne peut en rendre que 1,5 (vendus : 2,5, déjà rendus : 1).');
    expect(errorShapeText(tooMany.error, translator('en'), 'en')).toBe('"Riz 1 kg": only 1.5 can come back (sold: 2.5, already returned: 1).');

    core.services.session.actAs({ id: 9, name: 'Fatou', role: 'cashier' });
    const refused = (await core.call('products.save', { sku: 'SUCRE', name: 'Sucre', priceMinor: 900 })) as Result<unknown>;
    if (refused.ok) throw new Error('expected a refusal');
    expect(refused.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('needs manager'), details: { reason: 'role', needs: 'manager', role: 'cashier' } });
    expect(errorShapeText(refused.error, translator('fr'), 'fr')).toBe('Réservé au gérant et au propriétaire.');
    expect(errorShapeText(refused.error, translator('en'), 'en')).toBe('Only a manager or the owner may do this.');
  });

  it('a whole line back refunds exactly what was paid, by the tender chosen', async () => {
    const refund = await must<CompletedSale>(
      core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 2 }], tenders: [{ tender: 'orange_money', amountMinor: 5900 }] }),
    );
    expect(refund.cart.totalMinor).toBe(5900);
    expect(refund.cart.vat.find((v) => v.rateBp === 1800)?.vatMinor).toBe(900);
    expect(onHand(1)).toBe(10);
  });
  it('three returns of one unit of a line of 3 paid 200 FCFA refund 200 in all: never more than is left, the last one exactly the rest', async () => {
    await must(core.call('products.save', { sku: 'SAVON', name: 'Savon', priceMinor: 100 }));
    await must(core.call('ledger.record', { lines: [{ productId: 3, kind: 'receipt', quantity: 10 }] }));
    const paid = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 3, quantity: 3, discountMinor: 100 }], tenders: [{ tender: 'cash', amountMinor: 200 }] }));
    expect(paid.cart.totalMinor).toBe(200);
    const refunds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = await must<ReturnableSale>(core.call('pos.returnable', { receiptNo: paid.receiptNo }));
      // what the return dialog shows is what main refunds
      const shown = refundFor(before.lines[0], 1);
      const r = await must<CompletedSale>(core.call('pos.return', { receiptNo: paid.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
      expect(r.cart.totalMinor).toBe(shown);
      expect(r.cart.totalMinor).toBeLessThanOrEqual(200 - refunds.reduce((a, b) => a + b, 0));
      refunds.push(r.cart.totalMinor);
    }
    expect(refunds.reduce((a, b) => a + b, 0)).toBe(200);
    expect(refunds).toEqual([67, 66, 67]);
    expect(core.store.sqlite.prepare('SELECT sold_milli, revenue_minor FROM daily_sales WHERE product_id = 3').get()).toEqual({ sold_milli: 0, revenue_minor: 0 });
  });

  it('with no tender named, the money goes back the way the sale was paid: mobile money first as paid, cash net of the change', async () => {
    // 8 175: 5 565 by Wave, 3 000 in cash for 2 610 (390 given back)
    const mixed = await must<CompletedSale>(
      core.call('pos.checkout', {
        lines: [{ productId: 1, quantity: 2 }, { productId: 2, quantity: 3.5 }],
        tenders: [{ tender: 'wave', amountMinor: 5565 }, { tender: 'cash', amountMinor: 3000 }],
      }),
    );
    expect([mixed.cart.totalMinor, mixed.changeMinor]).toEqual([8175, 390]);
    const first = await must<CompletedSale>(core.call('pos.return', { receiptNo: mixed.receiptNo, lines: [{ lineNo: 1, quantity: 2 }] }));
    expect(first.tenders).toEqual([{ tender: 'wave', amountMinor: 5565 }, { tender: 'cash', amountMinor: 335 }]);
    const rest = await must<CompletedSale>(core.call('pos.return', { receiptNo: mixed.receiptNo, lines: [{ lineNo: 2, quantity: 3.5 }] }));
    expect(rest.tenders).toEqual([{ tender: 'cash', amountMinor: 2275 }]);
  });

  it('a cashier refunds only the day\'s receipts, the way they were paid; cash back for a card sale or for yesterday\'s receipt is a manager\'s', async () => {
    const card = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2 }], tenders: [{ tender: 'card', amountMinor: 5900 }] }));
    await ownerPin(core);
    const cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    core.services.session.actAs({ id: cashier.id, name: cashier.name, role: 'cashier' });
    const before = [count('sales'), count('movements'), count('sale_tenders')];
    const inCash = await refused<AppErrorShape>('a card sale refunded in cash by a cashier', core.call('pos.return', { receiptNo: card.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 2950 }] }));
    expect(inCash).toMatchObject({ code: 'forbidden', field: 'tenders.0.tender', details: { reason: 'cashier_refund_other_tender', tender: 'cash' } });
    expect(errorShapeText(inCash, translator('fr'), 'fr')).toBe('Un caissier rembourse comme le ticket a été payé, sans dépasser ce qui a été payé ainsi : choisissez ce moyen de paiement, ou demandez au gérant.');
    // the first sale was paid in cash alone: none of it goes back by Wave
    const tooMuch = await refused<AppErrorShape>('more cash back than the sale took', core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 2 }, { lineNo: 2, quantity: 2.5 }], tenders: [{ tender: 'cash', amountMinor: 5000 }, { tender: 'wave', amountMinor: 2525 }] }));
    expect(tooMuch).toMatchObject({ code: 'forbidden', details: { reason: 'cashier_refund_other_tender', tender: 'wave' } });
    expect([count('sales'), count('movements'), count('sale_tenders')]).toEqual(before);
    // by card, as it was paid: the cashier's to do
    expect((await must<CompletedSale>(core.call('pos.return', { receiptNo: card.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 2950 }] }))).cart.totalMinor).toBe(2950);

    // the next day, yesterday's receipt is a manager's, whatever the tender
    now = new Date('2026-05-05T09:00:00');
    const yesterday = await refused<AppErrorShape>("yesterday's receipt by a cashier", core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }] }));
    expect(yesterday).toMatchObject({ code: 'forbidden', field: 'receiptNo', details: { reason: 'cashier_refund_past_day', date: '2026-05-04' } });
    expect(errorShapeText(yesterday, translator('fr'), 'fr')).toBe('Ce ticket est du 04/05/2026 : seul un gérant rembourse le ticket d’un autre jour.');
    // the owner may
    core.services.session.actAs(core.services.session.owner());
    expect((await must<CompletedSale>(core.call('pos.return', { receiptNo: card.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 2950 }] }))).tenders).toEqual([{ tender: 'cash', amountMinor: 2950 }]);
  });

  it('refuses a refund tender of 0 or less, naming it, even when the tenders add up, and writes nothing', async () => {
    const before = [count('sales'), count('movements'), count('sale_tenders'), count('audit')];
    const negative = await core.call('pos.return', {
      receiptNo: 1,
      lines: [{ lineNo: 1, quantity: 1 }],
      tenders: [{ tender: 'cash', amountMinor: 7950 }, { tender: 'wave', amountMinor: -5000 }],
    });
    expect(negative).toMatchObject({ ok: false, error: { code: 'validation', field: 'tenders.1.amountMinor', message: expect.stringContaining('more than 0') } });
    const zero = await core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 2950 }, { tender: 'card', amountMinor: 0 }] });
    expect(zero).toMatchObject({ ok: false, error: { code: 'validation', field: 'tenders.1.amountMinor', message: expect.stringContaining('more than 0') } });
    expect([count('sales'), count('movements'), count('sale_tenders'), count('audit')]).toEqual(before);
    // the service refuses it too when called without the API's schema
    const owner = { user: core.services.session.current()! };
    expect(() => core.services.pos.refund({ receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 7950 }, { tender: 'wave', amountMinor: -5000 }] }, owner)).toThrow(
      /tenders\.1\.amountMinor: must be more than 0/,
    );
    expect([count('sales'), count('movements'), count('sale_tenders'), count('audit')]).toEqual(before);
  });
});
