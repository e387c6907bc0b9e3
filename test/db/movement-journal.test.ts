import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { productPageSql } from '../../src/main/services/ledger/movement-journal';
import type { JournalMovementView, MovementJournal, StockCount } from '../../src/shared/api/contract';
import type { CompletedSale } from '../../src/shared/domain/sale';
import { movementKindWords, movementReasonWords, movementReferenceWords } from '../../src/shared/domain/movement-words';
import type { Product } from '../../src/shared/domain/product';
import type { User } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, refused, tempDir } from '../helpers/core';

/**
 * The stock's movements screen (ledger.journal) on a real SQLite file: a cashier's losses, a manager's
 * adjustment and count, sales and a return over three days, read back by kind, day, product and page,
 * with who and why; a cashier sees only their own, without costs. And the ledger export says the
 * reasons in the same words.
 */
describe('the movements journal: losses, adjustments and count corrections an owner watches', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  let now: Date;
  let rice: Product;
  let oil: Product;
  let soap: Product;
  let owner: User;
  let fatou: User;
  let moussa: User;

  const journal = (input: Record<string, unknown> = {}) => must<MovementJournal>(core.call('ledger.journal', input));
  const as = (user: User) => core.services.session.actAs(user);
  const at = (iso: string) => {
    now = new Date(iso);
  };
  /** What a line says, in short: kind, product, quantity and who. */
  const brief = (m: JournalMovementView) => `${m.kind} ${m.sku} ${m.quantity} ${m.userName}`;

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-05-01T08:00:00');
    core = openTestCore(tmp.dir, () => now);
    owner = core.services.session.owner();
    await ownerPin(core);
    const cashier = await must<{ id: number }>(core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
    const manager = await must<{ id: number }>(core.call('users.save', { name: 'Moussa', role: 'manager', pin: '7315' }));
    fatou = { id: cashier.id, name: 'Fatou', role: 'cashier' };
    moussa = { id: manager.id, name: 'Moussa', role: 'manager' };
    rice = await must<Product>(core.call('products.save', { sku: 'RIZ', name: 'Riz brisé (vrac)', category: 'Épicerie', unit: 'kg', priceMinor: 650, costMinor: 500 }));
    oil = await must<Product>(core.call('products.save', { sku: 'HUILE', name: 'Huile d’arachide', category: 'Épicerie', unit: 'l', priceMinor: 1300, costMinor: 990 }));
    soap = await must<Product>(core.call('products.save', { sku: 'SAVON', name: 'Savon de Marseille', category: 'Hygiène', priceMinor: 400, costMinor: 200 }));
    await must(core.call('stock.receive', { lines: [rice, oil, soap].map((p) => ({ productId: p.id, quantity: 100 })) }));

    // 2 May: the cashier writes off a torn bag of rice and stolen soap, and sells a soap
    at('2026-05-02T10:00:00');
    as(fatou);
    await must(core.call('stock.writeOff', { kind: 'loss', productId: rice.id, quantity: 2.5, reason: 'damaged', note: 'sac percé' }));
    at('2026-05-02T11:00:00');
    await must(core.call('stock.writeOff', { kind: 'loss', productId: soap.id, quantity: 3, reason: 'theft' }));
    at('2026-05-02T12:00:00');
    const sale = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: soap.id, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 800 }] }));

    // 3 May: the manager finds a bottle of oil, counts the grocery shelf (a kilo of rice short), and
    // takes back a soap bought the day before
    at('2026-05-03T09:00:00');
    as(moussa);
    await must(core.call('stock.writeOff', { kind: 'adjustment', productId: oil.id, quantity: 1, note: 'trouvé en réserve' }));
    at('2026-05-03T09:30:00');
    const count = await must<StockCount>(core.call('counts.start', { category: 'Épicerie' }));
    await must(core.call('counts.set', { id: count.id, productId: rice.id, counted: 96.5 }));
    at('2026-05-03T10:00:00');
    await must(core.call('counts.apply', { id: count.id }));
    at('2026-05-03T11:00:00');
    await must(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    as(owner);
    at('2026-05-03T18:00:00');
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('lists losses, adjustments and count corrections by default, newest first, with product, unit, value at cost, reason, reference and who', async () => {
    const j = await journal();
    expect(j.ownOnly).toBe(false);
    expect(j.items.map(brief)).toEqual(['count RIZ -1 Moussa', 'adjustment HUILE 1 Moussa', 'loss SAVON -3 Fatou', 'loss RIZ -2.5 Fatou']);
    expect(j.items[0]).toMatchObject({ unit: 'kg', name: 'Riz brisé (vrac)', reason: 'stock count INV-00001', reference: 'INV-00001', unitCostMinor: 500, valueMinor: -500, businessDate: '2026-05-03' });
    expect(j.items[3]).toMatchObject({ unit: 'kg', reason: 'damaged: sac percé', reference: '', unitCostMinor: 500, valueMinor: -1250, userId: fatou.id, businessDate: '2026-05-02' });
    expect(new Date(j.items[3]!.occurredAt).getTime()).toBe(new Date('2026-05-02T10:00:00').getTime());
    expect(j.items[2]).toMatchObject({ unit: 'piece', valueMinor: -600 });
    expect(j.next).toBeNull();
    // over every page of the filter: how many and their value at cost, kind by kind
    expect(j.totals).toEqual([
      { kind: 'loss', count: 2, valueMinor: -1850 },
      { kind: 'adjustment', count: 1, valueMinor: 990 },
      { kind: 'count', count: 1, valueMinor: -500 },
    ]);
  });

  it('filters by kind, by day and by product', async () => {
    expect((await journal({ kinds: ['sale'] })).items.map(brief)).toEqual(['sale SAVON -2 Fatou']);
    const sales = await journal({ kinds: ['sale'] });
    expect(sales.totals).toEqual([]);
    expect((await journal({ kinds: ['customer_return', 'supplier_return'] })).items.map(brief)).toEqual(['customer_return SAVON 1 Moussa']);
    expect((await journal({ kinds: ['receipt'] })).items.map(brief)).toEqual(['SAVON', 'HUILE', 'RIZ'].map((sku) => `receipt ${sku} 100 ${owner.name}`));
    const all = await journal({ kinds: ['sale', 'receipt', 'customer_return', 'supplier_return', 'adjustment', 'loss', 'count'] });
    expect(all.items).toHaveLength(9);
    expect(all.totals.map((t) => [t.kind, t.count])).toEqual([
      ['loss', 2],
      ['adjustment', 1],
      ['count', 1],
    ]);

    // today (the shop's 3 May), the last 2 days, a range of days
    const today = await journal({ lastDays: 1 });
    expect([today.from, today.to]).toEqual(['2026-05-03', '2026-05-03']);
    expect(today.items.map(brief)).toEqual(['count RIZ -1 Moussa', 'adjustment HUILE 1 Moussa']);
    expect(today.totals).toEqual([
      { kind: 'loss', count: 0, valueMinor: 0 },
      { kind: 'adjustment', count: 1, valueMinor: 990 },
      { kind: 'count', count: 1, valueMinor: -500 },
    ]);
    expect((await journal({ lastDays: 2 })).items).toHaveLength(4);
    const second = await journal({ from: '2026-05-02', to: '2026-05-02' });
    expect(second.items.map(brief)).toEqual(['loss SAVON -3 Fatou', 'loss RIZ -2.5 Fatou']);
    expect(second.totals[0]).toEqual({ kind: 'loss', count: 2, valueMinor: -1850 });
    expect((await journal({ from: '2026-05-04' })).items).toEqual([]);

    // one product: its own movements only, the totals too
    const riz = await journal({ productId: rice.id });
    expect(riz.items.map(brief)).toEqual(['count RIZ -1 Moussa', 'loss RIZ -2.5 Fatou']);
    expect(riz.totals).toEqual([
      { kind: 'loss', count: 1, valueMinor: -1250 },
      { kind: 'adjustment', count: 0, valueMinor: 0 },
      { kind: 'count', count: 1, valueMinor: -500 },
    ]);
    expect((await journal({ productId: soap.id, kinds: ['sale', 'customer_return'], lastDays: 1 })).items.map(brief)).toEqual(['customer_return SAVON 1 Moussa']);

    // a range the wrong way round is refused on its first day
    const reversed = await refused<{ code: string; field: string }>('a reversed range', core.call('ledger.journal', { from: '2026-05-03', to: '2026-05-01' }));
    expect(reversed).toMatchObject({ code: 'validation', field: 'from' });
    expect(await refused('no date', core.call('ledger.journal', { from: '2026-02-31' }))).toMatchObject({ code: 'validation', field: 'from' });
  });

  it('pages through hundreds of movements across days and kinds: each once, newest first, the next page below the last line shown', async () => {
    // 3 days x 40 movements of three kinds, interleaved
    as(moussa);
    for (let d = 4; d <= 6; d++) {
      for (let i = 0; i < 40; i++) {
        at(`2026-05-0${d}T${String(8 + Math.floor(i / 6)).padStart(2, '0')}:${String((i % 6) * 10).padStart(2, '0')}:00`);
        const product = [rice, oil, soap][Math.floor(i / 3) % 3]!;
        if (i % 3 === 0) await must(core.call('stock.writeOff', { kind: 'loss', productId: product.id, quantity: 1, reason: 'expired' }));
        else if (i % 3 === 1) await must(core.call('stock.writeOff', { kind: 'adjustment', productId: product.id, quantity: -1, note: `écart ${d}-${i}` }));
        else await must(core.call('ledger.record', { lines: [{ productId: product.id, kind: 'sale', quantity: 1 }] }));
      }
    }
    as(owner);
    const ids = (sql: string, ...args: unknown[]) => core.store.sqlite.prepare(sql).pluck().all(...args) as number[];
    const losses = (productId?: number) => core.store.sqlite.prepare("SELECT count(*) FROM movements WHERE kind = 'loss' AND (? IS NULL OR product_id = ?)").pluck().get(productId ?? null, productId ?? null) as number;
    expect(losses()).toBe(2 + 3 * 14);
    const pages = async (input: Record<string, unknown>, limit: number) => {
      const seen: number[] = [];
      let before: number | null = null;
      let count = 0;
      do {
        const page: MovementJournal = await journal({ ...input, limit, ...(before ? { before } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((m) => m.id));
        // the totals are the whole filter's on every page
        if (page.totals.length) expect(page.totals.find((t) => t.kind === 'loss')?.count).toBe(losses(input.productId as number | undefined));
        before = page.next;
        count++;
      } while (before && count < 50);
      return { seen, count };
    };
    const every = await pages({ kinds: ['loss', 'adjustment', 'sale', 'count'] }, 17);
    const expected = ids(`SELECT id FROM movements WHERE kind IN ('loss', 'adjustment', 'sale', 'count') ORDER BY id DESC`);
    expect(every.seen).toEqual(expected);
    expect(every.count).toBe(Math.ceil(expected.length / 17));
    // a range of days in the middle, sales alone
    expect((await pages({ kinds: ['sale'], from: '2026-05-05', to: '2026-05-05' }, 4)).seen).toEqual(ids("SELECT id FROM movements WHERE kind = 'sale' AND business_date = '2026-05-05' ORDER BY id DESC"));
    // one product, paged the same way
    expect((await pages({ productId: rice.id }, 5)).seen).toEqual(ids("SELECT id FROM movements WHERE product_id = ? AND kind IN ('loss', 'adjustment', 'count') ORDER BY id DESC", rice.id));
  });

  it('reads losses, adjustments and counts from the kind-and-day index, sales backwards along the rowid, one product from its own index: never a sort of the ledger', () => {
    const params = { kind: 'loss', productId: rice.id, from: '2026-05-01', to: '2026-05-31', userId: null, limit: 10, before: 100 };
    const plan = (sql: string) => {
      const stmt = core.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const named = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
      return (stmt.all(named) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    const service = core.services.movementJournal as unknown as Record<'others' | 'sales' | 'totalsOf', { source: string }>;
    expect(plan(service.others.source)).toMatch(/^SEARCH m USING INDEX movements_kind_day \(kind=\? AND business_date>\? AND business_date<\?\)/);
    expect(plan(service.totalsOf.source)).toMatch(/^SEARCH m USING INDEX movements_kind_day \(kind=\? AND business_date>\? AND business_date<\?\)/);
    const sales = plan(service.sales.source);
    expect(sales).toMatch(/^SEARCH m USING INTEGER PRIMARY KEY \(rowid<\?\)/);
    expect(sales).not.toContain('TEMP B-TREE');
    // the product's query is built per call (its kinds)
    const product = plan(productPageSql(['loss', 'sale']).replace('IN (?, ?)', "IN ('loss', 'sale')"));
    expect(product).toMatch(/^SEARCH m USING INDEX movements_product \(product_id=\? AND id<\?\)/);
    expect(product).not.toContain('TEMP B-TREE');
    // the index holds no sale: the till's and the imports' inserts do not pay for it
    expect(core.store.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'movements_kind_day'").pluck().get()).toMatch(/WHERE .*kind.* <> 'sale'/);
  });

  it('a cashier sees only the movements she recorded, without any cost; a manager sees everybody’s with their value', async () => {
    as(fatou);
    const mine = await journal({ kinds: ['loss', 'adjustment', 'count', 'sale', 'customer_return', 'receipt'] });
    expect(mine.ownOnly).toBe(true);
    expect(mine.items.map(brief)).toEqual(['sale SAVON -2 Fatou', 'loss SAVON -3 Fatou', 'loss RIZ -2.5 Fatou']);
    for (const m of mine.items) expect([m.unitCostMinor, m.valueMinor]).toEqual([null, null]);
    expect(mine.totals).toEqual([
      { kind: 'loss', count: 2, valueMinor: null },
      { kind: 'adjustment', count: 0, valueMinor: null },
      { kind: 'count', count: 0, valueMinor: null },
    ]);
    // asking for one product does not widen it
    expect((await journal({ productId: oil.id })).items).toEqual([]);

    as(moussa);
    const all = await journal();
    expect(all.ownOnly).toBe(false);
    expect(all.items.map((m) => m.userName)).toEqual(['Moussa', 'Moussa', 'Fatou', 'Fatou']);
    expect(all.items.map((m) => m.valueMinor)).toEqual([-500, 990, -600, -1250]);
  });

  it('says each stored reason in the shop’s language, French and English', async () => {
    const j = await journal({ kinds: ['loss', 'adjustment', 'count', 'customer_return', 'sale', 'receipt'] });
    const say = (locale: 'fr' | 'en') => j.items.map((m) => [movementKindWords(m.kind, locale), movementReasonWords(m.kind, m.reason, locale), movementReferenceWords(m.reference, locale)]);
    expect(say('fr')).toEqual([
      ['Retour client', 'Ticket n° 1', 'Retour n° 2 du ticket n° 1'],
      ['Correction d’inventaire', 'Inventaire INV-00001', 'INV-00001'],
      ['Ajustement', 'trouvé en réserve', ''],
      ['Vente', '', 'Ticket n° 1'],
      ['Perte', 'Vol', ''],
      ['Perte', 'Abîmé / cassé : sac percé', ''],
      ['Réception', '', 'REC-00001'],
      ['Réception', '', 'REC-00001'],
      ['Réception', '', 'REC-00001'],
    ]);
    expect(say('en')).toEqual([
      ['Customer return', 'Receipt no. 1', 'Return no. 2 of receipt no. 1'],
      ['Count correction', 'Stock count INV-00001', 'INV-00001'],
      ['Adjustment', 'trouvé en réserve', ''],
      ['Sale', '', 'Receipt no. 1'],
      ['Loss', 'Theft', ''],
      ['Loss', 'Damaged / broken: sac percé', ''],
      ['Receipt', '', 'REC-00001'],
      ['Receipt', '', 'REC-00001'],
      ['Receipt', '', 'REC-00001'],
    ]);
    // what a person typed stays as typed; a key only means something on its own kind
    expect(movementReasonWords('loss', 'other: rongé par les rats', 'fr')).toBe('Autre : rongé par les rats');
    expect(movementReasonWords('loss', 'expired', 'en')).toBe('Expired');
    expect(movementReasonWords('loss', 'Périmé depuis mardi', 'fr')).toBe('Périmé depuis mardi');
    expect(movementReasonWords('adjustment', 'theft', 'fr')).toBe('theft');
    expect(movementReasonWords('receipt', 'stock initial / opening stock', 'fr')).toBe('Stock initial');
    expect(movementReasonWords('adjustment', 'ventes passées importées / imported past sales', 'en')).toBe('Imported past sales');
    expect(movementReferenceWords('import:stock:2026-05-01T08:00:00.000Z', 'fr')).toBe('Import du stock');
  });

  it('the ledger export writes the reason and the reference in the shop’s words, French and English', async () => {
    const exported = async (locale: 'fr' | 'en') => {
      const file = await must<{ base64: string }>(core.call('onboarding.export', { what: 'ledger', format: 'csv', from: '2026-05-02', to: '2026-05-03', locale }));
      const [header, ...lines] = Buffer.from(file.base64, 'base64').toString('utf8').slice(1).trimEnd().split('\r\n');
      const d = locale === 'fr' ? ';' : ',';
      const columns = header!.split(d);
      const col = (name: string) => columns.indexOf(name);
      return { lines: lines.map((l) => l.split(d)), col };
    };
    const fr = await exported('fr');
    const [kind, reason, reference, user] = ['Mouvement', 'Motif', 'Pièce', 'Utilisateur'].map(fr.col);
    expect(fr.lines.map((l) => [l[kind!], l[reason!], l[reference!], l[user!]])).toEqual([
      ['Perte', 'Abîmé / cassé : sac percé', '', 'Fatou'],
      ['Perte', 'Vol', '', 'Fatou'],
      ['Vente', '', 'Ticket n° 1', 'Fatou'],
      ['Ajustement', 'trouvé en réserve', '', 'Moussa'],
      ['Correction d’inventaire', 'Inventaire INV-00001', 'INV-00001', 'Moussa'],
      ['Retour client', 'Ticket n° 1', 'Retour n° 2 du ticket n° 1', 'Moussa'],
    ]);
    for (const l of fr.lines) expect(l.join(';')).not.toMatch(/damaged|theft|stock count|receipt \d/);
    const en = await exported('en');
    const [enReason] = ['Reason'].map(en.col);
    expect(en.lines.map((l) => l[enReason!])).toEqual(['Damaged / broken: sac percé', 'Theft', '', 'trouvé en réserve', 'Stock count INV-00001', 'Receipt no. 1']);
  });
});
