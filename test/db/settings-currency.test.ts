import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import type { AppErrorShape } from '../../src/shared/api/result';
import { must, openTestCore, refused, tempDir } from '../helpers/core';
import { translator } from '../helpers/messages';

/**
 * Amounts are stored in minor units without their currency: a switch from XOF to EUR would make a
 * 5 900 FCFA sale read 59,00 €, in the journal, the Z report and the dashboard alike.
 */
describe('the shop’s currency is chosen before it has prices or sales, and then stays (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(() => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-05-04T09:00:00'));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('a new shop changes it freely, products without prices included', async () => {
    await must(core.call('products.save', { sku: 'SAC', name: 'Sac', priceMinor: 0 }));
    expect(await must(core.call('settings.save', { currency: 'EUR' }))).toMatchObject({ currency: 'EUR' });
    expect(await must(core.call('settings.save', { currency: 'XOF', shopName: 'Chez Awa' }))).toMatchObject({ currency: 'XOF', shopName: 'Chez Awa' });
  });

  it('once a price or a sale exists, a new currency is refused in words and nothing changes; the same currency saves', async () => {
    const tea = await must<{ id: number }>(core.call('products.save', { sku: 'THE', name: 'Thé', priceMinor: 5900 }));
    await must(core.call('ledger.record', { lines: [{ productId: tea.id, kind: 'receipt', quantity: 3 }] }));
    await must(core.call('pos.checkout', { lines: [{ productId: tea.id, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 5900 }] }));
    const audit = () => core.store.sqlite.prepare("SELECT count(*) FROM audit WHERE entity = 'settings'").pluck().get();
    const before = audit();
    const e = await refused<AppErrorShape>('a currency switch', core.call('settings.save', { currency: 'EUR', shopName: 'Autre nom' }));
    expect(e).toMatchObject({ code: 'conflict', field: 'currency', details: { reason: 'currency_in_use', from: 'XOF', to: 'EUR', products: 1, sales: 1 } });
    expect(errorShapeText(e, translator('fr'), 'fr')).toMatch(/^La boutique a déjà 1 produit\(s\) avec un prix et 1 vente\(s\) en XOF/);
    expect(errorShapeText(e, translator('en'), 'en')).toMatch(/^The shop already has 1 priced product\(s\) and 1 sale\(s\) in XOF/);
    expect(core.services.settings.get()).toMatchObject({ currency: 'XOF', shopName: 'Ma boutique' });
    expect(audit()).toBe(before);
    expect(await must(core.call('settings.save', { currency: 'XOF', shopName: 'Autre nom' }))).toMatchObject({ currency: 'XOF', shopName: 'Autre nom' });
  });
});
