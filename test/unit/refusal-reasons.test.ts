import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { cartRefusalDetails } from '../../src/main/services/pos/cart-refusal';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { MESSAGES, type MessageKey } from '../../src/renderer/src/i18n/messages';
import type { PurchaseOrder } from '../../src/shared/api/contract';
import type { AppErrorShape } from '../../src/shared/api/result';
import { CartError, priceCart, settle } from '../../src/shared/domain/cart';
import type { CompletedSale } from '../../src/shared/domain/sale';
import type { Locale } from '../../src/shared/domain/settings';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

/** What the cashier reads, in French unless told (no-break spaces as plain ones, to compare). */
const say = (e: AppErrorShape, locale: Locale = 'fr') => errorShapeText(e, translator(locale), locale).replace(/[\u00a0\u202f]/g, ' ');

/**
 * Main's refusals carry `details.reason` and the values that make them readable (the product's name,
 * the order's reference, an amount in the shop's currency): the screen writes them in the shop's
 * language instead of showing main's English, which is for the log.
 */
describe('refusals reach a French-speaking cashier in French, naming what they are about', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let supplierId: number;
  let para: number;
  let soap: number;
  let milk: number;

  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T10:30:00'));
    supplierId = (await must<{ id: number }>(core.call('suppliers.save', { name: 'Laborex' }))).id;
    para = (await must<{ id: number }>(core.call('products.save', { sku: 'PARA', name: 'Paracétamol 500 mg', priceMinor: 600, costMinor: 400, supplierId }))).id;
    soap = (await must<{ id: number }>(core.call('products.save', { sku: 'SAV', name: 'Savon de Marseille', priceMinor: 300, costMinor: 150 }))).id;
    milk = (await must<{ id: number }>(core.call('products.save', { sku: 'LAIT', name: 'Lait en poudre 400 g', priceMinor: 2950, costMinor: 2000 }))).id;
    await must(core.call('ledger.record', { lines: [milk, soap, para].map((productId) => ({ productId, kind: 'receipt', quantity: 10 })) }));
  });
  afterEach(async () => {
    await core.services.stockWatcher.idle().catch(() => undefined);
    core.close();
    tmp.cleanup();
  });

  it('a purchase order names the product that cannot go on it, and why', async () => {
    const noSupplier = await refused<AppErrorShape>('a product without a supplier', core.call('purchasing.createOrders', { lines: [{ productId: soap, quantity: 5 }] }));
    expect(noSupplier).toMatchObject({ code: 'validation', field: 'lines.0.productId', details: { reason: 'order_product_no_supplier', name: 'Savon de Marseille' } });
    expect(say(noSupplier)).toBe('Savon de Marseille n’a pas de fournisseur : choisissez-en un sur la fiche du produit, puis recommencez.');
    expect(say(noSupplier, 'en')).toBe('Savon de Marseille has no supplier: choose one on the product, then try again.');

    const twice = await refused<AppErrorShape>('the same product twice', core.call('purchasing.createOrders', { lines: [{ productId: para, quantity: 5 }, { productId: para, quantity: 2 }] }));
    expect(twice).toMatchObject({ field: 'lines.1.productId', details: { reason: 'order_product_twice', name: 'Paracétamol 500 mg' } });
    expect(say(twice)).toContain('Paracétamol 500 mg figure deux fois dans la commande');

    await must(core.call('products.deactivate', { id: para }));
    const stopped = await refused<AppErrorShape>('a deactivated product', core.call('purchasing.createOrders', { lines: [{ productId: para, quantity: 5 }] }));
    expect(stopped.details).toMatchObject({ reason: 'order_product_inactive', name: 'Paracétamol 500 mg' });
    expect(say(stopped)).toBe('Paracétamol 500 mg est désactivé : retirez-le de la commande, ou réactivez d’abord le produit.');
  });

  it('receiving more than is left on an order names the product, what is left and the order; a finished order says what to do', async () => {
    const [po] = await must<PurchaseOrder[]>(core.call('purchasing.createOrders', { lines: [{ productId: para, quantity: 5 }] }));
    const early = await refused<AppErrorShape>('receiving a draft', core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 1 }] }));
    expect(early.details).toEqual({ reason: 'order_receive_draft', reference: 'PO-00001' });
    expect(say(early)).toBe('La commande PO-00001 n’a pas encore été envoyée : marquez-la comme envoyée, puis réceptionnez-la.');

    await must(core.call('purchasing.markSent', { id: po.id }));
    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 2 }] }));
    const tooMuch = await refused<AppErrorShape>('more than is left', core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 4 }] }));
    expect(tooMuch).toMatchObject({ field: 'lines.0.quantity', details: { reason: 'order_receive_too_much', name: 'Paracétamol 500 mg', left: 3, reference: 'PO-00001' } });
    expect(tooMuch.message).toBe('lines.0.quantity: only 3 of Paracétamol 500 mg left to receive on this order');
    expect(say(tooMuch)).toMatch(/^Il ne reste que 3 de Paracétamol 500 mg à recevoir sur la commande PO-00001 : corrigez la quantité/);
    expect(say(tooMuch, 'en')).toMatch(/^Only 3 of Paracétamol 500 mg is left to receive on order PO-00001: correct the quantity/);

    const cancel = await refused<AppErrorShape>('cancelling a partly received order', core.call('purchasing.cancel', { id: po.id }));
    expect(cancel.details).toEqual({ reason: 'order_cancel_partial', reference: 'PO-00001' });
    expect(say(cancel)).toContain('soldez-la (« Solder sans le reste »)');

    await must(core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 3 }] }));
    const done = await refused<AppErrorShape>('closing a received order', core.call('purchasing.close', { id: po.id }));
    expect(done.details).toEqual({ reason: 'order_close_received', reference: 'PO-00001' });
    expect(say(done)).toBe('La commande PO-00001 a été reçue en entier : il ne reste rien à solder.');
  });

  it('the till names the product it refuses, a cashier is told to ask a manager, an amount due is in the shop’s currency', async () => {
    await must(core.call('products.deactivate', { id: soap }));
    const stopped = await refused<AppErrorShape>('selling a deactivated product', core.call('pos.checkout', { lines: [{ productId: soap, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 300 }] }));
    expect(stopped).toMatchObject({ field: 'lines.0.productId', details: { reason: 'sale_product_inactive', name: 'Savon de Marseille' } });
    expect(say(stopped)).toBe('Savon de Marseille est désactivé : il ne peut pas être vendu. Réactivez-le dans Produits pour le vendre à nouveau.');

    const short = await refused<AppErrorShape>('paying too little', core.call('pos.checkout', { lines: [{ productId: milk, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 5000 }] }));
    expect(short).toMatchObject({ field: 'tenders', details: { reason: 'still_to_pay', dueMinor: 900, currency: 'XOF' } });
    expect(say(short)).toBe('Il reste 900 FCFA à payer.');
    expect(say(short, 'en')).toBe('FCFA 900 is still to pay.');

    await ownerPin(core);
    const fatou = await must<{ id: number }>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821', active: true }));
    await must(core.call('session.login', { userId: fatou.id, pin: '4821' }));
    const discount = await refused<AppErrorShape>('a cashier giving a discount', core.call('pos.checkout', { lines: [{ productId: milk, quantity: 1, discountMinor: 450 }], tenders: [{ tender: 'cash', amountMinor: 2500 }] }));
    expect(discount).toMatchObject({ code: 'forbidden', details: { reason: 'cashier_price_change' } });
    // its own words, not the generic "your role does not allow this"
    expect(say(discount)).toBe('Un caissier ne peut pas changer un prix ni accorder de remise : demandez au gérant.');
  });

  it('a return names the product and the receipt; a refund that does not add up says both amounts', async () => {
    const sale = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: milk, quantity: 2 }, { productId: soap, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 10000 }] }));
    const twice = await refused<AppErrorShape>('the same line twice', core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 2, quantity: 1 }, { lineNo: 2, quantity: 1 }] }));
    expect(twice.details).toEqual({ reason: 'return_line_twice', name: 'Savon de Marseille' });
    expect(say(twice)).toBe('Savon de Marseille est choisi deux fois : indiquez la quantité rapportée sur une seule ligne.');

    const mismatch = await refused<AppErrorShape>(
      'tenders that do not add up',
      core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 1000 }] }),
    );
    expect(mismatch.details).toEqual({ reason: 'refund_mismatch', refundMinor: 2950, paidMinor: 1000, currency: 'XOF' });
    expect(say(mismatch)).toBe('Le remboursement est de 2 950 FCFA, mais les montants choisis font 1 000 FCFA : corrigez-les.');

    const refund = await must<CompletedSale>(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 2, quantity: 1 }] }));
    const ofRefund = await refused<AppErrorShape>('returning a refund', core.call('pos.returnable', { receiptNo: refund.receiptNo }));
    expect(ofRefund).toMatchObject({ code: 'not_found', details: { reason: 'receipt_is_return', receiptNo: refund.receiptNo } });
    expect(say(ofRefund)).toBe(`Le ticket n° ${refund.receiptNo} est un remboursement : tapez le numéro du ticket de la vente d’origine.`);
    const none = await refused<AppErrorShape>('an unknown receipt', core.call('pos.returnable', { receiptNo: 99 }));
    expect(say(none)).toBe('Aucun ticket n° 99.');
  });

  it('users and suppliers: a name already taken is named', async () => {
    const supplier = await refused<AppErrorShape>('a second Laborex', core.call('suppliers.save', { name: 'laborex' }));
    expect(supplier).toMatchObject({ code: 'conflict', field: 'name', details: { reason: 'supplier_name_taken', name: 'laborex' } });
    expect(say(supplier)).toBe('Il y a déjà un fournisseur nommé « laborex » : choisissez un autre nom, ou modifiez celui qui existe.');
    const owner = core.services.session.owner();
    const user = await refused<AppErrorShape>('a second owner of the same name', core.call('users.save', { name: owner.name, role: 'cashier', active: true }));
    expect(user.details).toEqual({ reason: 'user_name_taken', name: owner.name });
    expect(say(user)).toContain(`Il y a déjà un utilisateur nommé « ${owner.name} »`);
  });

  it('an id no longer there (a stale screen) reads as such, in both languages, never as main’s English', async () => {
    const gone = await refused<AppErrorShape>('an order that does not exist', core.call('purchasing.get', { id: 999 }));
    expect(gone).toMatchObject({ code: 'not_found', field: 'id' });
    expect(gone.details).toBeUndefined();
    expect(say(gone)).toBe('Cet élément n’existe plus : il a peut-être été supprimé dans une autre fenêtre. Actualisez la page.');
    expect(say(gone, 'en')).toBe('This item no longer exists: it may have been deleted in another window. Refresh the page.');
    // a not_found with its own reason keeps its own words
    expect(say({ code: 'not_found', message: 'id: no stock count with id 4', details: { reason: 'count_not_found' } })).toBe('Cet inventaire n’existe pas.');
  });
});

describe('a cart’s refusals (priceCart, settle) each get their reason', () => {
  const line = { productId: 1, unitPriceMinor: 500, vatRateBp: 0 };
  const refusal = (run: () => unknown): CartError => {
    try {
      run();
    } catch (error) {
      if (error instanceof CartError) return error;
      throw error;
    }
    throw new Error('expected a CartError');
  };
  const names = ['Riz 1 kg', 'Savon'];

  it('names the line’s product, and says an amount due only with its currency', () => {
    const cases: [() => unknown, Record<string, string | number>][] = [
      [() => priceCart([line, { ...line, quantity: 0 }].map((l) => ({ quantity: 1, ...l }))), { reason: 'line_quantity_positive', name: 'Savon' }],
      [() => priceCart([{ ...line, quantity: 1, amountMinor: -1 }]), { reason: 'label_amount_invalid', name: 'Riz 1 kg' }],
      [() => priceCart([{ ...line, quantity: 1, discountMinor: 501 }]), { reason: 'line_discount_too_big', name: 'Riz 1 kg' }],
      [() => priceCart([{ ...line, quantity: 1 }], 501), { reason: 'sale_discount_too_big' }],
      [() => settle(0, [{ tender: 'cash', amountMinor: 10 }]), { reason: 'nothing_to_pay' }],
      [() => settle(500, []), { reason: 'payment_missing' }],
      [() => settle(500, [{ tender: 'cash', amountMinor: 0 }]), { reason: 'payment_positive' }],
      [() => settle(500, [{ tender: 'card', amountMinor: 600 }]), { reason: 'non_cash_over' }],
      [() => settle(500, [{ tender: 'cash', amountMinor: 200 }]), { reason: 'still_to_pay', dueMinor: 300, currency: 'EUR' }],
    ];
    for (const [run, details] of cases) {
      const error = refusal(run);
      expect(cartRefusalDetails(error, names, 'EUR'), error.message).toEqual(details);
      expect(MESSAGES.fr[`err.reason.${details.reason}` as MessageKey], String(details.reason)).toBeTruthy();
    }
    // minor units without a currency would read 300 for 3,00 €: the English message is kept instead
    expect(cartRefusalDetails(refusal(() => settle(500, [{ tender: 'cash', amountMinor: 200 }])), names)).toBeUndefined();
    expect(say({ code: 'validation', message: 'tenders: 300 still to pay', field: 'tenders', details: { reason: 'still_to_pay', dueMinor: 300, currency: 'EUR' } })).toBe('Il reste 3,00 € à payer.');
  });
});

/**
 * Every `reason: '…'` main sends (in an AppError's details, or a refusal built by hand) must have its
 * text in both languages, or be one of the reasons another mechanism writes: a typo here would leave a
 * cashier with main's English.
 */
describe('every reason main sends has its text in French and English', () => {
  const MAIN = join(__dirname, '..', '..', 'src', 'main');
  /** Reasons written by something other than err.reason.* (error-text.ts reasonText, stockReasonText). */
  const OTHER_MECHANISMS = new Set(['role', 'return_exceeds']);

  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

  /** The expression after each `reason:`, up to the `,` `}` `)` or `;` that ends it. */
  const reasonExpressions = (source: string): string[] => {
    const found: string[] = [];
    for (const m of source.matchAll(/\breason:\s*/g)) {
      let depth = 0;
      let i = (m.index ?? 0) + m[0].length;
      const start = i;
      for (; i < source.length; i++) {
        const c = source[i];
        if (c === "'" || c === '"' || c === '`') {
          const close = source.indexOf(c, i + 1);
          i = close < 0 ? source.length : close;
        } else if ('([{'.includes(c)) depth++;
        else if (')]}'.includes(c)) {
          if (depth === 0) break;
          depth--;
        } else if ((c === ',' || c === ';') && depth === 0) break;
      }
      found.push(source.slice(start, i));
    }
    return found;
  };

  /** The reason names an expression can give: its string literals, less those it only compares with. */
  const reasonNames = (expression: string): string[] =>
    [
      ...expression
        .replace(/(?:===|!==)\s*'[^']*'/g, '')
        .replace(/'[^']*'\s*(?:===|!==)/g, '')
        // a call's argument is no reason sent (a schema's column: text('reason'))
        .replace(/[\w.]+\(\s*'[^']*'/g, '')
        .matchAll(/'([^'\\]*)'/g),
    ]
      .map((m) => m[1])
      // a movement's reason is free text ('', 'stock initial / opening stock'); a refusal's is a name
      .filter((name) => /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)?$/.test(name));

  /** Reasons given to a helper that builds the refusal: stockError(code, 'key', …), a service's refuse('reason', …). */
  const helperReasons = (source: string): string[] => [
    ...[...source.matchAll(/\bstockError\(\s*'\w+',\s*'(\w+)'/g)].map((m) => `stock.${m[1]}`),
    ...[...source.matchAll(/\brefuse\(\s*'([a-z][a-z0-9_]*)'/g)].map((m) => m[1]),
  ];

  const sent = files(MAIN).flatMap((file) => {
    const source = readFileSync(file, 'utf8');
    return [...reasonExpressions(source).flatMap(reasonNames), ...helperReasons(source)].map((reason) => ({ file: relative(MAIN, file), reason }));
  });

  it('finds the reasons in the source, conditional ones included, and not the ones it only compares', () => {
    const snippet =
      "throw new AppError('validation', 'x', 'id', {\n reason: order.status === 'draft' ? 'order_receive_draft' : 'order_receive_cancelled',\n reference });\nwriter.add({ kind: 'receipt', reason: '' });\nreason: text('reason').notNull(),";
    expect(reasonExpressions(snippet).flatMap(reasonNames)).toEqual(['order_receive_draft', 'order_receive_cancelled']);
    const reasons = new Set(sent.map((s) => s.reason));
    expect(reasons.size).toBeGreaterThan(40);
    for (const r of ['order_close_received', 'order_receive_too_much', 'order_line_received', 'cashier_price_change', 'printer_missing', 'printer_not_device', 'locked', 'role', 'stock.overlap', 'unit_in_stock']) {
      expect(reasons, r).toContain(r);
    }
  });

  it('has an err.reason.* text in both languages for each (or the key another mechanism writes)', () => {
    const missing = sent.filter(({ reason }) => {
      if (OTHER_MECHANISMS.has(reason)) return false;
      const key = reason.startsWith('stock.') ? `stock.err.${reason.slice('stock.'.length)}` : `err.reason.${reason}`;
      return !MESSAGES.fr[key as MessageKey] || !MESSAGES.en[key as MessageKey];
    });
    expect(missing).toEqual([]);
  });
});
