import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, ToOrder } from '../../src/shared/api/contract';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

const fcfa = (n: number) => `${n.toLocaleString('fr-FR').replace(/[\u00a0\u202f]/g, ' ')} FCFA`;

describe('browser mode: the order budget is what the shop pays, and a deactivated supplier gets no order', () => {
  let s: Session;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    const sahel = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Grossiste Sahel', leadTimeDays: 3 }));
    const old = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Ancien Grossiste', leadTimeDays: 3 }));
    const ids: number[] = [];
    for (const [sku, cost, supplierId] of [
      ['SAVON', 400, sahel.id],
      ['JAVEL', 600, sahel.id],
      ['LAIT', 900, sahel.id],
      ['BOUGIE', 100, old.id],
    ] as const) {
      ids.push((await must<{ id: number }>(s.core.call('products.save', { sku, name: sku, priceMinor: cost * 2, costMinor: cost, vatRateBp: 1800, supplierId, leadTimeDays: 3 }))).id);
    }
    const day = 86_400_000;
    const now = Date.now();
    s.core.services.ledger.recordBulk(
      ids.flatMap((productId) => [
        { line: { productId, kind: 'receipt' as const, quantity: 200, reason: '' }, at: new Date(now - 29 * day) },
        ...Array.from({ length: 28 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: 7, reason: '' }, at: new Date(now - (28 - i) * day) })),
      ]),
      'history',
      { user: s.core.services.session.current() },
      'warn',
    );
    await must(s.core.call('suppliers.deactivate', { id: old.id }));
    s.core.services.replenishment.recompute();
    await s.page.reload();
    await s.page.getByTestId('nav-purchasing').click();
  });
  afterAll(async () => s?.close());

  it('a budget typed as what the shop will pay, VAT included, gives orders that cost at most that; the deactivated supplier’s line cannot be ticked', async () => {
    const { page } = s;
    await page.getByTestId('to-order-SAVON').waitFor();
    // the deactivated supplier's products are shown under it, said so, and cannot be ticked
    const gone = page.getByTestId('to-order-group-Ancien Grossiste');
    await expect(gone.getByTestId('supplier-inactive').textContent()).resolves.toContain('Ce fournisseur est désactivé');
    await expect(gone.getByRole('checkbox', { name: 'BOUGIE' }).isDisabled()).resolves.toBe(true);
    await expect(gone.getByRole('checkbox', { name: 'BOUGIE' }).isChecked()).resolves.toBe(false);

    const all = await must<ToOrder>(s.core.call('purchasing.toOrder', {}));
    const sahel = all.groups.find((g) => g.supplierName === 'Grossiste Sahel')!;
    // what the three lines cost excluding VAT: 18 % short of what the shop would pay for them
    const budget = sahel.lines.reduce((sum, l) => sum + l.costOfLineMinor, 0);
    await page.getByRole('textbox', { name: 'Budget TTC (facultatif)' }).fill(String(budget));
    await expect.poll(async () => page.getByText('Hors budget').count()).toBeGreaterThan(0);
    const shown = plain((await page.getByTestId('to-order-selected').textContent()) ?? '');
    await page.screenshot({ path: join(SHOTS, 'to-order-budget.png'), fullPage: true });

    await page.getByTestId('create-orders').click();
    await page.getByTestId('order-detail').waitFor();
    const [po] = await must<PurchaseOrder[]>(s.core.call('purchasing.list', {}));
    expect(po.totalMinor).toBeLessThanOrEqual(budget);
    // the selection shown is the order's "Total TTC"
    expect(shown).toBe(`Sélection : ${fcfa(po.totalMinor)}`);
    await expect.poll(async () => plain((await page.getByTestId('order-total').textContent()) ?? '')).toBe(`Total TTC : ${fcfa(po.totalMinor)}`);
  });
});
