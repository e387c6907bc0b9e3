import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import type { CashCountView, CashMoveView, SalesDay, ZReportDocument } from '../../src/shared/api/contracts/journal';
import type { CompletedSale, ReceiptDocument } from '../../src/shared/domain/sale';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';
import type { AppErrorShape } from '../../src/shared/api/result';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { translator } from '../helpers/messages';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('sales journal and end-of-day cash count on a real SQLite file', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  let cashier: UserRecord;
  let manager: UserRecord;
  const count = (table: string) => (core.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const owner = () => core.services.session.actAs({ id: 1, name: 'Owner', role: 'owner' });
  const as = (u: UserRecord) => core.services.session.actAs({ id: u.id, name: u.name, role: u.role });
  const pdfText = (base64: string, name: string) => {
    const file = join(tmp.dir, name);
    writeFileSync(file, Buffer.from(base64, 'base64'));
    return plain(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
  };

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-05-04T10:30:00');
    core = openTestCore(tmp.dir, () => now);
    await must(core.call('settings.save', { shopName: 'Alimentation Awa', address: 'Dakar, Médina' }));
    await must(core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, vatRateBp: 1800 }));
    await must(core.call('products.save', { sku: 'RIZ', name: 'Riz 1 kg', priceMinor: 650, unit: 'kg' }));
    await must(core.call('ledger.record', { lines: [{ productId: 1, kind: 'receipt', quantity: 50 }, { productId: 2, kind: 'receipt', quantity: 50 }] }));
    await ownerPin(core);
    cashier = await must<UserRecord>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    await ownerPin(core);
    manager = await must<UserRecord>(core.call('users.save', { name: 'Moussa', role: 'manager', pin: '7315' }));
    // 1: cash with change; 2: split Wave + cash with change; 3: card (by the cashier); then two returns
    await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 10_000 }] }));
    await must<CompletedSale>(
      core.call('pos.checkout', {
        lines: [{ productId: 2, quantity: 2 }, { productId: 1, quantity: 1 }],
        tenders: [{ tender: 'wave', amountMinor: 3000 }, { tender: 'cash', amountMinor: 2000 }],
      }),
    );
    as(cashier);
    await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 1, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 2950 }] }));
    owner();
    await must(core.call('pos.return', { receiptNo: 1, lines: [{ lineNo: 1, quantity: 1 }] }));
    await must(core.call('pos.return', { receiptNo: 3, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 2950 }] }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('lists every sale and return of the day and totals them by tender, change and returns netted', async () => {
    const day = await must<SalesDay>(core.call('journal.day', {}));
    expect(day.date).toBe('2026-05-04');
    expect(day.entries.map((e) => [e.receiptNo, e.kind, e.originalReceiptNo, e.cashier, e.totalMinor, e.changeMinor])).toEqual([
      [1, 'sale', null, 'Propriétaire', 5900, 4100],
      [2, 'sale', null, 'Propriétaire', 4250, 750],
      [3, 'sale', null, 'Fatou', 2950, 0],
      [4, 'return', 1, 'Propriétaire', 2950, 0],
      [5, 'return', 3, 'Propriétaire', 2950, 0],
    ]);
    expect(day.entries[1].tenders).toEqual([
      { tender: 'wave', amountMinor: 3000 },
      { tender: 'cash', amountMinor: 2000 },
    ]);
    expect(day.sales).toEqual({ count: 3, totalMinor: 13_100 });
    expect(day.returns).toEqual({ count: 2, totalMinor: 5900 });
    expect(day.netMinor).toBe(7200);
    expect(day.averageBasketMinor).toBe(4367);
    expect(day.tenders).toEqual([
      { tender: 'cash', salesCount: 2, takenMinor: 12_000 - 4850, refundedMinor: 2950, netMinor: 4200 },
      { tender: 'card', salesCount: 1, takenMinor: 2950, refundedMinor: 2950, netMinor: 0 },
      { tender: 'wave', salesCount: 1, takenMinor: 3000, refundedMinor: 0, netMinor: 3000 },
    ]);
    expect(day.tenders.reduce((s, t) => s + t.netMinor, 0)).toBe(day.netMinor);
    // expected cash = cash received − change given − cash refunded (+ the float, given with the count)
    expect(day.cash).toEqual({ receivedMinor: 12_000, changeMinor: 4850, refundedMinor: 2950, paidOutMinor: 0, paidInMinor: 0, netMinor: 4200 });
    expect(day.suggestedFloatMinor).toBe(0);
    expect(day.vat).toEqual([
      { rateBp: 0, netMinor: 1300, vatMinor: 0 },
      { rateBp: 1800, netMinor: 5900, vatMinor: 900 },
    ]);
    expect(day.counts).toEqual([]);
  });

  it('the VAT of the day is the VAT the receipts printed, summed: ten 100 FCFA sweets at 18% are 150, not 153 from the day total; a two-sweet receipt adds its printed 31', async () => {
    const sweet = await must<{ id: number }>(core.call('products.save', { sku: 'BONBON', name: 'Bonbon', priceMinor: 100, vatRateBp: 1800 }));
    await must(core.call('ledger.record', { lines: [{ productId: sweet.id, kind: 'receipt', quantity: 100 }] }));
    const before = (await must<{ vat: { rateBp: number; vatMinor: number }[] }>(core.call('journal.day', {}))).vat.find((v) => v.rateBp === 1800)?.vatMinor ?? 0;
    let printed = 0;
    for (let i = 0; i < 10; i++) {
      const sale = await must<{ cart: { vat: { vatMinor: number }[] } }>(core.call('pos.checkout', { lines: [{ productId: sweet.id, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 100 }] }));
      printed += sale.cart.vat.reduce((s, v) => s + v.vatMinor, 0);
    }
    expect(printed).toBe(150);
    const day = await must<{ vat: { rateBp: number; vatMinor: number }[] }>(core.call('journal.day', {}));
    expect((day.vat.find((v) => v.rateBp === 1800)?.vatMinor ?? 0) - before).toBe(150);
    // a receipt of two sweets prints its VAT on the rate's total, 31 (line by line it would be 15 + 15)
    const pair = await must<{ cart: { vat: { vatMinor: number }[] } }>(
      core.call('pos.checkout', { lines: [{ productId: sweet.id, quantity: 1 }, { productId: sweet.id, quantity: 1, discountMinor: 0 }], tenders: [{ tender: 'cash', amountMinor: 200 }] }),
    );
    expect(pair.cart.vat.map((v) => v.vatMinor)).toEqual([31]);
    const after = await must<{ vat: { rateBp: number; vatMinor: number }[] }>(core.call('journal.day', {}));
    expect((after.vat.find((v) => v.rateBp === 1800)?.vatMinor ?? 0) - before).toBe(181);
  });

  it('saves a count append-only with its expected cash and difference; a recount by denominations is a new row and stands', async () => {
    const first = await must<CashCountView>(core.call('journal.countCash', { openingFloatMinor: 5000, countedCashMinor: 8700, note: 'billet déchiré' }));
    expect(first).toMatchObject({ date: '2026-05-04', userName: 'Propriétaire', openingFloatMinor: 5000, expectedCashMinor: 9200, countedCashMinor: 8700, differenceMinor: -500, denominations: null, note: 'billet déchiré', stale: false });

    now = new Date('2026-05-04T19:05:00');
    as(cashier);
    const denominations = [
      { valueMinor: 5000, count: 1 },
      { valueMinor: 2000, count: 2 },
      { valueMinor: 100, count: 2 },
      { valueMinor: 25, count: 0 },
    ];
    const recount = await must<CashCountView>(core.call('journal.countCash', { openingFloatMinor: 5000, denominations }));
    // the cashier counts blind: she is told what she counted, the owner reads the difference below
    expect(recount).toMatchObject({ userName: 'Fatou', expectedCashMinor: null, countedCashMinor: 9200, differenceMinor: null, expectedNowMinor: null });
    expect(recount.denominations).toEqual([
      { valueMinor: 5000, count: 1 },
      { valueMinor: 2000, count: 2 },
      { valueMinor: 100, count: 2 },
    ]);

    owner();
    const day = await must<SalesDay>(core.call('journal.day', {}));
    expect(day.counts.map((c) => [c.id, c.countedCashMinor, c.differenceMinor])).toEqual([
      [recount.id, 9200, 0],
      [first.id, 8700, -500],
    ]);
    expect(day.suggestedFloatMinor).toBe(5000);
    expect(core.store.sqlite.prepare('SELECT counted_cash_minor, at FROM cash_counts WHERE id = ?').get(first.id)).toEqual({ counted_cash_minor: 8700, at: new Date('2026-05-04T10:30:00').toISOString() });
    const audits = core.store.sqlite.prepare("SELECT user_id, detail FROM audit WHERE entity = 'cash_count' ORDER BY id").all() as { user_id: number; detail: string }[];
    expect(audits.map((a) => [a.user_id, JSON.parse(a.detail).differenceMinor])).toEqual([
      [1, -500],
      [cashier.id, 0],
    ]);

    // the Z report prints the count that stands, and every earlier one with who, when and its difference
    const z = pdfText((await must<ZReportDocument>(core.call('journal.zReport', {}))).pdfBase64, 'z-recount.pdf');
    expect(z).toContain('2 comptages ce jour : le dernier fait foi. Les précédents :');
    expect(z).toMatch(/10:30 Propriétaire : 8 700 FCFA comptés\s+Manque 500 FCFA/);
    expect(z).toMatch(/Espèces comptées\s+9 200 FCFA/);

    // a cash sale after the count: the count no longer matches the drawer, and says so
    await must(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1000 }] }));
    const after = await must<SalesDay>(core.call('journal.day', {}));
    expect(after.counts[0]).toMatchObject({ stale: true, expectedCashMinor: 9200, expectedNowMinor: 9850 });
  });

  it('a cashier counts the drawer blind: no expected cash, no cash total, no difference, on screen or on her Z report; the owner reads them all', async () => {
    as(cashier);
    const day = await must<SalesDay>(core.call('journal.day', {}));
    expect(day.cash).toBeNull();
    expect(day.tenders.map((t) => t.tender)).toEqual(['card', 'wave']);
    expect(day.suggestedFloatMinor).toBe(0);
    // the rest of the day is hers to read: receipts, totals, VAT
    expect([day.entries.length, day.sales.count, day.netMinor]).toEqual([5, 3, 7200]);
    const mine = await must<CashCountView>(core.call('journal.countCash', { openingFloatMinor: 5000, countedCashMinor: 8700 }));
    expect(mine).toMatchObject({ countedCashMinor: 8700, expectedCashMinor: null, differenceMinor: null, expectedNowMinor: null, stale: false });
    // the count itself is kept whole: expected and difference are the owner's
    expect(core.store.sqlite.prepare('SELECT expected_cash_minor AS e, counted_cash_minor AS c FROM cash_counts').get()).toEqual({ e: 9200, c: 8700 });
    // a sale after her count: she is told to count again, without the amount now expected
    await must(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1000 }] }));
    const later = await must<SalesDay>(core.call('journal.day', {}));
    expect(later.counts[0]).toMatchObject({ stale: true, expectedNowMinor: null, differenceMinor: null });
    const hers = pdfText((await must<ZReportDocument>(core.call('journal.zReport', {}))).pdfBase64, 'z-cashier.pdf');
    expect(hers).toMatch(/Espèces comptées\s+8 700 FCFA/);
    expect(hers.replace(/\s+/g, ' ')).toContain('Comptage à l’aveugle : les espèces attendues et l’écart figurent sur le rapport du gérant.');
    expect(hers.replace(/\s+/g, ' ')).toContain('ont suivi ce comptage. Recomptez.');
    for (const hidden of ['Espèces attendues', 'Manque', 'Écart', 'Espèces reçues', '9 200', '9 850']) expect(hers).not.toContain(hidden);
    // nor the cash tender's line, which says the same
    expect(hers).not.toMatch(/^Espèces\s{2,}\d/m);
    expect(pdfText((await must<ZReportDocument>((owner(), core.call('journal.zReport', {})))).pdfBase64, 'z-o.pdf')).toMatch(/^Espèces\s{2,}\d/m);
    as(cashier);

    owner();
    const full = await must<SalesDay>(core.call('journal.day', {}));
    expect(full.cash?.netMinor).toBe(4850);
    expect(full.tenders.map((t) => t.tender)).toEqual(['cash', 'card', 'wave']);
    expect(full.counts[0]).toMatchObject({ expectedCashMinor: 9200, differenceMinor: -500, expectedNowMinor: 9850 });
    const owners = pdfText((await must<ZReportDocument>(core.call('journal.zReport', {}))).pdfBase64, 'z-owner.pdf');
    expect(owners).toMatch(/Espèces attendues\s+9 200 FCFA/);
    expect(owners).toMatch(/Écart\s+Manque 500 FCFA/);
    expect(owners).not.toContain('Comptage à l’aveugle');
  });

  it('a cashier sees and counts today only; a manager may open another day; a day to come is refused', async () => {
    as(cashier);
    const before = [count('cash_counts'), count('audit')];
    expect(await core.call('journal.day', { date: '2026-05-03' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'date' } });
    expect(await core.call('journal.countCash', { date: '2026-05-03', countedCashMinor: 100 })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'date' } });
    expect(await core.call('journal.zReport', { date: '2026-05-03' })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'date' } });
    expect((await must<SalesDay>(core.call('journal.day', { date: '2026-05-04' }))).canPickDate).toBe(false);

    // the next morning the cashier's journal is the new day's, empty
    now = new Date('2026-05-05T08:00:00');
    const morning = await must<SalesDay>(core.call('journal.day', {}));
    expect([morning.date, morning.entries.length, morning.netMinor]).toEqual(['2026-05-05', 0, 0]);
    expect(await core.call('journal.reprint', { receiptNo: 2 })).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'receiptNo' } });
    expect([count('cash_counts'), count('audit')]).toEqual(before);

    as(manager);
    const yesterday = await must<SalesDay>(core.call('journal.day', { date: '2026-05-04' }));
    expect([yesterday.canPickDate, yesterday.sales.count, yesterday.netMinor]).toEqual([true, 3, 7200]);
    expect(await core.call('journal.day', { date: '2026-05-06' })).toMatchObject({ ok: false, error: { code: 'validation', field: 'date' } });
    // the manager closes yesterday's drawer late: the count belongs to yesterday
    const late = await must<CashCountView>(core.call('journal.countCash', { date: '2026-05-04', countedCashMinor: 4300 }));
    expect(late).toMatchObject({ date: '2026-05-04', expectedCashMinor: 4200, differenceMinor: 100 });
  });

  it('refuses bad counts with the field at fault and writes nothing', async () => {
    const before = [count('cash_counts'), count('audit'), count('outbox')];
    const bad: [unknown, string, RegExp][] = [
      [{ countedCashMinor: -1 }, 'countedCashMinor', /must not be negative/],
      [{ countedCashMinor: 12.5 }, 'countedCashMinor', /whole number of minor units/],
      [{ countedCashMinor: '8700' }, 'countedCashMinor', /number/],
      [{ openingFloatMinor: -5000, countedCashMinor: 1 }, 'openingFloatMinor', /must not be negative/],
      [{ date: '04/05/2026', countedCashMinor: 1 }, 'date', /YYYY-MM-DD/],
      [{ date: '2026-02-30', countedCashMinor: 1 }, 'date', /YYYY-MM-DD/],
      [{ date: '2026-05-05', countedCashMinor: 1 }, 'date', /has not come yet/],
      [{}, 'countedCashMinor', /type the cash counted/],
      [{ denominations: [{ valueMinor: 300, count: 1 }] }, 'denominations.0.valueMinor', /not a XOF note or coin/],
      [{ denominations: [{ valueMinor: 500, count: -2 }] }, 'denominations.0.count', /must not be negative/],
      [{ denominations: [{ valueMinor: 500, count: 1.5 }] }, 'denominations.0.count', /whole number/],
      [{ denominations: [{ valueMinor: 500, count: 1 }, { valueMinor: 500, count: 2 }] }, 'denominations.1.valueMinor', /listed twice/],
      [{ denominations: [{ valueMinor: 1000, count: 3 }], countedCashMinor: 2500 }, 'countedCashMinor', /add up to 3000, not 2500/],
      [{ countedCashMinor: 1, note: 'x'.repeat(501) }, 'note', /500/],
    ];
    for (const [input, field, message] of bad) {
      const result = await core.call('journal.countCash', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'validation', field } });
      expect(result.ok ? '' : (result.error as { message: string }).message, JSON.stringify(input)).toMatch(message);
    }
    expect(await core.call('journal.day', { date: '2026-5-4' })).toMatchObject({ ok: false, error: { field: 'date', message: 'date: expected a date YYYY-MM-DD' } });
    expect([count('cash_counts'), count('audit'), count('outbox')]).toEqual(before);
  });

  it('reprints a receipt from the journal at 58 mm, audited', async () => {
    const doc = await must<ReceiptDocument>(core.call('journal.reprint', { receiptNo: 2, width: 58 }));
    const text = pdfText(doc.pdfBase64, 'ticket-2.pdf');
    for (const expected of ['Alimentation Awa', 'Ticket N° 2', 'Riz 1 kg', 'Wave', '3 000 FCFA', 'Rendu', '750 FCFA']) expect(text).toContain(expected);
    const audit = core.store.sqlite.prepare("SELECT action, detail FROM audit WHERE action = 'reprint'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ receiptNo: 2, width: 58 });
    expect(await core.call('journal.reprint', { receiptNo: 99 })).toMatchObject({ ok: false, error: { code: 'not_found', field: 'receiptNo' } });
  });

  it('prints the Z report as a PDF: totals, tenders, returns, expected, counted, the shortfall in words, who counted, signatures', async () => {
    const blank = await must<ZReportDocument>(core.call('journal.zReport', {}));
    expect(pdfText(blank.pdfBase64, 'z-blank.pdf')).toContain('Caisse non comptée');

    await must(core.call('journal.countCash', { openingFloatMinor: 5000, denominations: [{ valueMinor: 5000, count: 1 }, { valueMinor: 2000, count: 1 }, { valueMinor: 1000, count: 1 }, { valueMinor: 500, count: 1 }, { valueMinor: 200, count: 1 }] }));
    const z = await must<ZReportDocument>(core.call('journal.zReport', { date: '2026-05-04' }));
    expect(z.fileName).toBe('rapport-z-2026-05-04.pdf');
    const text = pdfText(z.pdfBase64, z.fileName);
    for (const expected of [
      'Alimentation Awa',
      'RAPPORT Z — CLÔTURE DE CAISSE',
      'Journée du lundi 4 mai 2026',
      'Ventes (3 tickets)',
      '13 100 FCFA',
      'Retours (2)',
      '-5 900 FCFA',
      'Chiffre d’affaires net',
      '7 200 FCFA',
      'Panier moyen',
      '4 367 FCFA',
      'Wave',
      'dont retours',
      'Fond de caisse',
      '+ Espèces reçues',
      '12 000 FCFA',
      '− Monnaie rendue',
      '4 850 FCFA',
      '− Remboursements en espèces',
      'Espèces attendues',
      '9 200 FCFA',
      'Espèces comptées',
      '8 700 FCFA',
      'Manque 500 FCFA',
      '5 000 FCFA × 1',
      'Compté par Propriétaire',
      'Signature du caissier',
      'Signature du gérant',
    ]) {
      expect(text).toContain(expected);
    }
    // VAT per rate: base excl. VAT, VAT, total incl. VAT; the 0 % rice too, so the rates add up to the net takings
    expect(text).toMatch(/^\s*18\s?%\s+5 000 FCFA\s+900 FCFA\s+5 900 FCFA\s*$/m);
    expect(text).toMatch(/^\s*0\s?%\s+1 300 FCFA\s+0 FCFA\s+1 300 FCFA\s*$/m);
    expect(text).toMatch(/^\s*Total\s+6 300 FCFA\s+900 FCFA\s+7 200 FCFA\s*$/m);
    const roll = await must<ZReportDocument>(core.call('journal.zReport', { paper: '80' }));
    const rollText = pdfText(roll.pdfBase64, 'z-80.pdf');
    expect(rollText).toContain('Manque 500 FCFA');
    expect(rollText).toContain('Espèces attendues');
  });

  it('cash paid out and in: the count expects it, the journal and the Z report list it with who and why, append-only and audited', async () => {
    // the cashier pays the bread delivery from the drawer; the owner brings change
    now = new Date('2026-05-04T11:15:00');
    as(cashier);
    const bread = await must<CashMoveView>(core.call('journal.cashMove', { direction: 'out', amountMinor: 3000, reason: '  Livraison pain  ' }));
    expect(bread).toMatchObject({ userName: 'Fatou', direction: 'out', amountMinor: 3000, reason: 'Livraison pain', at: now.toISOString() });
    owner();
    await must(core.call('journal.cashMove', { direction: 'in', amountMinor: 10_000, reason: 'Monnaie de la banque' }));

    const day = await must<SalesDay>(core.call('journal.day', {}));
    expect(day.cash).toMatchObject({ paidOutMinor: 3000, paidInMinor: 10_000, netMinor: 4200 - 3000 + 10_000 });
    expect(day.cashMoves.map((m) => [m.userName, m.direction, m.amountMinor, m.reason])).toEqual([
      ['Fatou', 'out', 3000, 'Livraison pain'],
      ['Propriétaire', 'in', 10_000, 'Monnaie de la banque'],
    ]);
    const counted = await must<CashCountView>(core.call('journal.countCash', { openingFloatMinor: 5000, countedCashMinor: 16_200 }));
    expect(counted).toMatchObject({ expectedCashMinor: 5000 + 4200 - 3000 + 10_000, differenceMinor: 0 });
    // a paid-out after the count makes it stale, as a sale does
    await must(core.call('journal.cashMove', { direction: 'out', amountMinor: 500, reason: 'Sachets' }));
    expect((await must<SalesDay>(core.call('journal.day', {}))).counts[0]).toMatchObject({ stale: true, expectedNowMinor: 15_700 });

    // audited, and in the outbox for the central server, with the shop's currency
    const audits = core.store.sqlite.prepare("SELECT user_id, action, detail FROM audit WHERE entity = 'cash_move' ORDER BY id").all() as { user_id: number; action: string; detail: string }[];
    expect(audits.map((a) => [a.user_id, a.action, JSON.parse(a.detail)])).toEqual([
      [cashier.id, 'paid_out', { date: '2026-05-04', amountMinor: 3000, currency: 'XOF', reason: 'Livraison pain' }],
      [1, 'paid_in', { date: '2026-05-04', amountMinor: 10_000, currency: 'XOF', reason: 'Monnaie de la banque' }],
      [1, 'paid_out', { date: '2026-05-04', amountMinor: 500, currency: 'XOF', reason: 'Sachets' }],
    ]);
    expect(count('outbox')).toBeGreaterThanOrEqual(3);
    // append-only: a mistake is the opposite movement, never an edit
    expect(() => core.store.sqlite.prepare('UPDATE cash_moves SET amount_minor = 1').run()).toThrow(/append-only/);
    expect(() => core.store.sqlite.prepare('DELETE FROM cash_moves').run()).toThrow(/append-only/);

    const z = await must<ZReportDocument>(core.call('journal.zReport', {}));
    const text = pdfText(z.pdfBase64, 'z-moves.pdf');
    for (const expected of ['− Sorties de caisse', '3 500 FCFA', '+ Entrées de caisse', '10 000 FCFA', 'Sorties et entrées de caisse', 'Fatou : Livraison pain', '-3 000 FCFA', '+10 000 FCFA', 'Sachets']) {
      expect(text).toContain(expected);
    }

    // a night sale's paid-out belongs to the business day it happens in
    await must(core.call('settings.save', { dayEndHour: 4 }));
    now = new Date('2026-05-05T01:30:00');
    await must(core.call('journal.cashMove', { direction: 'out', amountMinor: 200, reason: 'Taxi' }));
    expect((await must<SalesDay>(core.call('journal.day', { date: '2026-05-04' }))).cash?.paidOutMinor).toBe(3700);
  });

  it('a cashier cannot pay out more than the drawer should hold (a typed extra zero); a manager can, audited as ever', async () => {
    const drawer = await must<SalesDay>(core.call('journal.day', {}));
    expect(drawer.suggestedFloatMinor + drawer.cash!.netMinor).toBe(4200);
    as(cashier);
    const before = [count('cash_moves'), count('audit')];
    const typo = await refused<AppErrorShape>('42 000 out of a drawer of 4 200', core.call('journal.cashMove', { direction: 'out', amountMinor: 42_000, reason: 'fournisseur' }));
    // the drawer's expected amount is not told to a cashier, who counts it blind
    expect(typo).toMatchObject({ code: 'forbidden', field: 'amountMinor', details: { reason: 'cashier_paid_out_exceeds_drawer', amountMinor: 42_000 } });
    expect(typo.details).not.toHaveProperty('drawerMinor');
    expect(errorShapeText(typo, translator('fr'), 'fr').replace(/[\u00a0\u202f]/g, ' ')).toBe('42 000 FCFA, c’est plus que la caisse ne devrait contenir : un caissier ne peut pas le sortir. Vérifiez le montant, ou demandez au gérant.');
    expect([count('cash_moves'), count('audit')]).toEqual(before);
    await must(core.call('journal.cashMove', { direction: 'out', amountMinor: 4200, reason: 'fournisseur' }));
    as(manager);
    await must(core.call('journal.cashMove', { direction: 'out', amountMinor: 10_000, reason: 'retrait du patron' }));
    expect(count('cash_moves')).toBe(2);
  });

  it('refuses bad cash movements with the field at fault and writes nothing', async () => {
    const before = [count('cash_moves'), count('audit'), count('outbox')];
    const bad: [unknown, string, RegExp][] = [
      [{ direction: 'out', amountMinor: 0, reason: 'x' }, 'amountMinor', /more than 0/],
      [{ direction: 'out', amountMinor: -500, reason: 'x' }, 'amountMinor', /more than 0/],
      [{ direction: 'out', amountMinor: 12.5, reason: 'x' }, 'amountMinor', /whole number of minor units/],
      [{ direction: 'out', amountMinor: 1e13, reason: 'x' }, 'amountMinor', /at most/],
      [{ direction: 'out', amountMinor: 500, reason: '   ' }, 'reason', /required/],
      [{ direction: 'out', amountMinor: 500 }, 'reason', /expected string/],
      [{ direction: 'out', amountMinor: 500, reason: 'x'.repeat(201) }, 'reason', /200/],
      [{ direction: 'sideways', amountMinor: 500, reason: 'x' }, 'direction', /out|in/],
    ];
    for (const [input, field, message] of bad) {
      const result = await core.call('journal.cashMove', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'validation', field } });
      expect(result.ok ? '' : (result.error as { message: string }).message, JSON.stringify(input)).toMatch(message);
    }
    expect([count('cash_moves'), count('audit'), count('outbox')]).toEqual(before);
  });
});
