import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseOrder, ReplenishmentView } from '../../src/shared/api/contract';
import { must } from '../helpers/core';
import { openApp, plain, type Session, SHOTS } from './browser';

describe('browser mode: a partly received purchase order closed short, in French and English', () => {
  let s: Session;
  let productId: number;
  let orderId: number;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    const supplier = await must<{ id: number }>(s.core.call('suppliers.save', { name: 'Laborex', leadTimeDays: 3 }));
    productId = (
      await must<{ id: number }>(s.core.call('products.save', { sku: 'PARA', name: 'Paracétamol 500 mg', priceMinor: 600, costMinor: 400, supplierId: supplier.id, leadTimeDays: 3 }))
    ).id;
    // 56 received, 2 sold a day for 28 days: nothing left
    const day = 86_400_000;
    const now = Date.now();
    const owner = s.core.services.session.current();
    if (!owner) throw new Error('the test shop opens with its owner signed in');
    s.core.services.ledger.recordBulk(
      [
        { line: { productId, kind: 'receipt', quantity: 56, reason: '' }, at: new Date(now - 29 * day) },
        ...Array.from({ length: 28 }, (_, i) => ({ line: { productId, kind: 'sale' as const, quantity: 2, reason: '' }, at: new Date(now - (28 - i) * day) })),
      ],
      'history',
      { user: owner },
      'warn',
    );
    // 30 ordered, 2 delivered: the supplier will not send the other 28
    const [po] = await must<PurchaseOrder[]>(s.core.call('purchasing.createOrders', { lines: [{ productId, quantity: 30 }] }));
    orderId = po.id;
    await must(s.core.call('purchasing.markSent', { id: po.id }));
    await must(s.core.call('purchasing.receive', { id: po.id, lines: [{ lineNo: 1, quantity: 2 }] }));
    await must(s.core.call('ledger.record', { lines: [{ productId, kind: 'sale', quantity: 2 }] }));
    await s.page.reload();
    await s.page.getByTestId('nav-purchasing').waitFor();
  });
  afterAll(async () => s?.close());

  const view = async () => {
    await s.core.services.stockWatcher.idle();
    return (await must<ReplenishmentView[]>(s.core.call('replenishment.list', { productIds: [productId] })))[0];
  };

  it('asks before closing (Alt+C or the button), keeps the reason, shows "received X of Y"; the rest is no longer on order', async () => {
    const { page } = s;
    expect(await view()).toMatchObject({ onHand: 0, onOrder: 28, suggested: 0 });

    await page.getByTestId('nav-purchasing').click();
    await page.getByRole('tab', { name: 'Bons de commande' }).click();
    await page.getByTestId('order-PO-00001').getByRole('button', { name: 'Ouvrir' }).click();
    await expect.poll(async () => (await page.getByTestId('order-status').textContent()) ?? '').toBe('Reçu en partie');

    // the button asks first; keeping the order open changes nothing
    await page.getByRole('button', { name: /Solder sans le reste/ }).click();
    const modal = page.getByRole('dialog', { name: 'Solder PO-00001 sans le reste ?' });
    await modal.waitFor();
    await expect(modal.getByTestId('short-lines').textContent()).resolves.toBe('Paracétamol 500 mg : reçu 2 sur 30');
    await modal.getByRole('button', { name: 'Garder la commande ouverte' }).click();
    await modal.waitFor({ state: 'detached' });
    expect((await must<PurchaseOrder>(s.core.call('purchasing.get', { id: orderId }))).status).toBe('partial');

    // from the keyboard: Alt+C, type the reason, Enter
    await page.keyboard.press('Alt+c');
    await modal.waitFor();
    const reason = modal.getByRole('textbox', { name: 'Motif (facultatif)' });
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await reason.fill('Rupture chez le fournisseur');
    await page.screenshot({ path: join(SHOTS, 'order-close.png') });
    await page.keyboard.press('Enter');
    await modal.waitFor({ state: 'detached' });

    await expect.poll(async () => (await page.getByTestId('order-status').textContent()) ?? '').toBe('Soldé incomplet');
    const banner = page.getByTestId('order-closed');
    await expect.poll(async () => plain((await banner.textContent()) ?? '')).toContain('Paracétamol 500 mg : reçu 2 sur 30');
    await expect(banner.textContent()).resolves.toContain('Motif : Rupture chez le fournisseur');
    await expect(page.getByRole('button', { name: 'Réceptionner' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: /Solder sans le reste/ }).count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'order-closed.png') });

    const after = await view();
    expect(after.onOrder).toBe(0);
    expect(after.suggested).toBeGreaterThan(0);

    // the list says closed short, with what was received of what was ordered
    await page.getByRole('button', { name: /Retour à la liste/ }).click();
    const row = page.getByTestId('order-PO-00001');
    await expect.poll(async () => plain((await row.textContent()) ?? '')).toContain('Soldé incomplet');
    await expect.poll(async () => plain((await row.getByTestId('received-of').textContent()) ?? '')).toBe('reçu 800 FCFA sur 12 000 FCFA');
    await page.screenshot({ path: join(SHOTS, 'orders-closed.png') });

    // and the product is to order again
    await page.getByRole('tab', { name: 'À commander' }).click();
    await page.getByTestId('to-order-PARA').waitFor();

    // in English
    await must(s.core.call('settings.save', { locale: 'en' }));
    await page.reload();
    await page.getByTestId('nav-purchasing').click();
    await page.getByRole('tab', { name: 'Purchase orders' }).click();
    const enRow = page.getByTestId('order-PO-00001');
    await expect.poll(async () => plain((await enRow.textContent()) ?? '')).toContain('Closed short');
    expect(plain((await enRow.getByTestId('received-of').textContent()) ?? '')).toBe('received FCFA 800 of FCFA 12,000');
    await enRow.getByRole('button', { name: 'Open' }).click();
    await expect.poll(async () => plain((await page.getByTestId('order-closed').textContent()) ?? '')).toContain('Paracétamol 500 mg: received 2 of 30');
    await expect(page.getByTestId('order-closed').textContent()).resolves.toContain('Reason: Rupture chez le fournisseur');
  });
});
