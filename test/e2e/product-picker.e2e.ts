import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import { must } from '../helpers/core';
import { openApp, scan, type Session, SHOTS } from './browser';

const huileCode = '600123450202' + ean13CheckDigit('600123450202');

describe('browser mode: the product picker by keyboard', () => {
  let s: Session;
  const options = () => s.page.getByRole('listbox').getByRole('option');
  const optionTexts = async () => (await options().allTextContents()).map((t) => t.trim());
  /** The option the field points at (aria-activedescendant), which alone is marked selected in its list. */
  let box: Locator;
  const highlighted = async () => {
    const list = await box.getAttribute('aria-controls');
    const active = await box.getAttribute('aria-activedescendant');
    if (!list || !active) return 'nothing highlighted';
    const marked = (await s.page.locator(`[id="${list}"] [role="option"][aria-selected="true"]`).evaluateAll((els) => els.map((e) => e.id))).join();
    if (marked !== active) return `aria-selected on ${marked}, active ${active}`;
    return ((await s.page.locator(`[id="${active}"]`).textContent()) ?? '').trim();
  };
  // a person types slowly (a scanner types a burst, then Enter)
  const typeSlowly = (text: string) => s.page.keyboard.type(text, { delay: 90 });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await openApp();
    const products = [
      ['AWA-0197', 'Zinc 20 mg boîte de 10', [], 10],
      ['AWA-0004', 'Riz long grain 1 kg', [], 10],
      ['AWA-0005', 'Riz long grain 5 kg', [], 10],
      ['AWA-0344', 'Riz long grain 1 kg Baobab', [], 10],
      ['AWA-0010', 'Riz brisé parfumé 5 kg', [], 7],
      ['HUILE', 'Huile d’arachide 1 L', [huileCode], 12],
    ] as const;
    for (const [sku, name, barcodes, quantity] of products) {
      const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, priceMinor: 500, barcodes: [...barcodes] }));
      await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity }] }));
    }
    await s.page.reload();
    await s.page.getByTestId('nav-products').waitFor();
  });
  afterAll(async () => s?.close());

  it('on the Forecasts page: Enter picks the first match, the list holds only matches, ↓/↑ move, Esc puts the choice back', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+6');
    box = page.getByRole('combobox', { name: 'Produit' });
    await box.focus();
    // the chosen product's forecast, under its name
    const shown = (name: string) => page.getByRole('heading', { level: 4, name, exact: true });

    // Enter with no ↓: the first (here the only) match, highlighted as you type
    await typeSlowly('zinc');
    await expect.poll(highlighted).toBe('Zinc 20 mg boîte de 10 (AWA-0197)');
    await page.keyboard.press('Enter');
    await shown('Zinc 20 mg boîte de 10').waitFor();
    expect(await box.inputValue()).toBe('Zinc 20 mg boîte de 10 (AWA-0197)');
    expect(await page.getByRole('listbox').count()).toBe(0);

    // still in the field: typing replaces the chosen name; the chosen product is not pinned among the matches
    await typeSlowly('riz long');
    expect(await box.inputValue()).toBe('riz long');
    await expect.poll(optionTexts).toHaveLength(3);
    const names = await optionTexts();
    for (const n of names) expect(n).toMatch(/^Riz long grain/);
    expect(names.join()).not.toContain('Zinc');
    await expect.poll(highlighted).toBe(names[0]);
    await page.screenshot({ path: join(SHOTS, 'picker-typed.png') });

    await page.keyboard.press('ArrowDown');
    await expect.poll(highlighted).toBe(names[1]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(highlighted).toBe(names[0]);
    await page.keyboard.press('ArrowUp');
    await expect.poll(highlighted).toBe(names[2]);
    await page.keyboard.press('ArrowUp');
    await expect.poll(highlighted).toBe(names[1]);
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(names[1]);
    const second = names[1].replace(/ \([^)]*\)$/, '');
    await shown(second).waitFor();
    expect(await shown('Zinc 20 mg boîte de 10').count()).toBe(0);

    // Esc after typing: the field shows the chosen product again, which stays chosen
    await typeSlowly('riz long grain 5');
    await expect.poll(highlighted).toBe('Riz long grain 5 kg (AWA-0005)');
    await page.keyboard.press('Escape');
    await expect.poll(() => box.inputValue()).toBe(names[1]);
    expect(await page.getByRole('listbox').count()).toBe(0);
    expect(await shown(second).count()).toBe(1);

    // text that matches nothing: Enter picks nothing
    await box.selectText();
    await typeSlowly('zzz');
    await expect.poll(() => page.getByRole('listbox').textContent()).toBe('Aucun résultat');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => box.inputValue()).toBe(names[1]);
  });

  it('on the write-off form: a scan (a burst of digits then Enter) picks its product even before the search has answered', async () => {
    const { page } = s;
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('F4');
    const form = page.getByTestId('write-off-form');
    box = form.getByRole('combobox', { name: 'Produit' });
    await box.focus();
    await scan(page, huileCode);
    await expect.poll(async () => (await form.getByTestId('write-off-on-hand').textContent()) ?? '').toBe('En stock : 12');
    expect(await box.inputValue()).toBe('Huile d’arachide 1 L (HUILE)');

    // then by name, typed: the first match, with Enter only
    await typeSlowly('riz bris');
    await expect.poll(highlighted).toBe('Riz brisé parfumé 5 kg (AWA-0010)');
    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue()).toBe('Riz brisé parfumé 5 kg (AWA-0010)');
    await expect.poll(async () => (await form.getByTestId('write-off-on-hand').textContent()) ?? '').toBe('En stock : 7');
  });
});
