import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core';
import { receiptHtml } from '../../src/main/printing/receipt-html';
import { loadSale } from '../../src/main/services/pos/journal';
import { receiptEscPos } from '../../src/main/services/pos/receipt';
import { ean13CheckDigit } from '../../src/shared/domain/barcode';
import type { CompletedSale } from '../../src/shared/domain/sale';
import { must, openTestCore, tempDir } from '../helpers/core';

/**
 * What a receipt says, read from each form it takes (real SQLite file): the text the screen shows,
 * the ESC/POS bytes of a thermal printer, the PDF (through pdftotext) and the HTML a system printer gets.
 */
const NB = '\u00a0';
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function escpos(core: Core, receiptNo: number, width: 80 | 58): string {
  const buf = receiptEscPos(loadSale(core.store.sqlite, receiptNo), core.services.settings.get(), width);
  return buf.subarray(2, buf.length - 4).toString('latin1').replace(/\n+$/, '');
}

async function screenText(core: Core, receiptNo: number, width: 80 | 58 = 80): Promise<string> {
  return (await core.services.pos.receipt(receiptNo, width)).text;
}

/** The PDF's text as pdftotext lays it out, one printed line per line. */
async function pdfText(core: Core, dir: string, receiptNo: number, width: 80 | 58): Promise<string> {
  const file = join(dir, `receipt-${receiptNo}-${width}.pdf`);
  writeFileSync(file, Buffer.from((await core.services.pos.receipt(receiptNo, width)).pdfBase64, 'base64'));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const html = (core: Core, receiptNo: number, width: 80 | 58) => receiptHtml(loadSale(core.store.sqlite, receiptNo), core.services.settings.get(), width).html;

/** A scale label's EAN-13: 25, the item code, the price in cents. */
function label(itemCode: string, amountMinor: number): string {
  const first12 = `25${itemCode}${String(amountMinor).padStart(5, '0')}`;
  return first12 + ean13CheckDigit(first12);
}

describe('receipts: what each line, header and block says', () => {
  let tmp: ReturnType<typeof tempDir>;
  let core: Core;
  beforeEach(async () => {
    tmp = tempDir();
    core = openTestCore(tmp.dir, () => new Date('2026-04-10T09:05:00'));
    await must(core.call('settings.save', { shopName: 'Corner Deli', currency: 'EUR', locale: 'fr', taxId: ' 812 345 678 00019 ' }));
    await must(core.call('products.save', { sku: '00042', name: 'Jambon, tranché', unit: 'kg', priceMinor: 2199, vatRateBp: 550 }));
    await must(core.call('products.save', { sku: 'BAG', name: 'Sac kraft', priceMinor: 10, vatRateBp: 2000 }));
    await must(core.call('products.save', { sku: 'THE', name: 'Thé vert « Ataya » Chine 25 g', priceMinor: 250, vatRateBp: 550 }));
    await must(core.call('products.save', { sku: 'LAIT', name: 'Lait infantile Guigoz Optipro 1er âge 0-6 mois, boîte de 800 g — « nouvelle formule »', priceMinor: 2390, vatRateBp: 550 }));
    await must(core.call('ledger.record', { lines: [1, 2, 3, 4].map((productId) => ({ productId, kind: 'receipt', quantity: 100 })) }));
  });
  afterEach(() => {
    core.close();
    tmp.cleanup();
  });

  it('a scale label line says its amount is the label’s (0,333 kg x 21,99 €/kg would be 7,32 €, the label says 7,33 €); a return of it gives the weight only', async () => {
    const scan = await must<{ quantity: number; labelCode: string }>(core.call('pos.scan', { code: label('00042', 733) }));
    expect(scan.quantity).toBe(0.333);
    const sale = await must<CompletedSale>(
      core.call('pos.checkout', {
        lines: [
          { productId: 1, quantity: scan.quantity, labelCode: scan.labelCode },
          { productId: 1, quantity: 0.125 },
          { productId: 2, quantity: 1 },
        ],
        tenders: [{ tender: 'cash', amountMinor: 1500 }],
      }),
    );
    const text = await screenText(core, sale.receiptNo);
    expect(text).toMatch(/^ {2}Étiquette balance +7,33 €$/m);
    // a line that multiplies out keeps its quantity x price: 0,125 x 21,99 = 2,75
    expect(text).toMatch(/^ {2}0,125 kg x 21,99 €\/kg +2,75 €$/m);
    expect(text).toMatch(/^ {2}1 x 0,10 € +0,10 €$/m);
    expect(text).not.toContain('0,333');
    for (const width of [80, 58] as const) {
      const thermal = escpos(core, sale.receiptNo, width);
      expect(thermal, `${width} mm`).toMatch(/^ {2}Etiquette balance +7,33 EUR$/m);
      expect(thermal).not.toContain('0,333');
      const pdf = plain(await pdfText(core, tmp.dir, sale.receiptNo, width));
      expect(pdf, `${width} mm`).toMatch(/Étiquette balance +7,33 €/);
      expect(pdf).not.toContain('0,333');
      expect(plain(html(core, sale.receiptNo, width))).toContain('<span>  Étiquette balance</span><span>7,33 €</span>');
    }
    // the first copy printed from the checkout's own sale reads the same as a reprint
    expect(receiptEscPos(sale, core.services.settings.get(), 80).toString('latin1')).toContain('Etiquette balance');

    await must(core.call('settings.save', { locale: 'en' }));
    expect(await screenText(core, sale.receiptNo)).toMatch(/^ {2}Scale label +€ 7\.33$/m);

    await must(core.call('settings.save', { locale: 'fr' }));
    const back = await must<CompletedSale>(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 0.333 }] }));
    expect(back.cart.totalMinor).toBe(733);
    const refund = await screenText(core, back.receiptNo);
    expect(refund).toMatch(/^ {2}0,333 kg +7,33 €$/m);
    expect(refund).not.toMatch(/0,333 kg x/);
  });

  it('a free sale (no tender) has no empty payment block: one rule before the thank-you line, not two', async () => {
    const free = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 3 }], saleDiscountMinor: 30, tenders: [] }));
    const paid = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 3 }], tenders: [{ tender: 'cash', amountMinor: 50 }] }));
    const rules = /^-{20,}$/;
    for (const width of [80, 58] as const) {
      const lines = escpos(core, free.receiptNo, width).split('\n');
      expect(lines.some((l, i) => rules.test(l) && rules.test(lines[i + 1] ?? '')), `${width} mm`).toBe(false);
      expect(lines.at(-3)).toMatch(/^ {2}dont TVA 20 % +0,00 EUR$/);
      expect(lines.at(-2)).toMatch(rules);
      expect(lines.at(-1)!.trim()).toBe('Merci de votre visite !');
      expect(html(core, free.receiptNo, width)).not.toMatch(/<hr>\s*<hr>/);
      // a paid sale keeps its payment between two rules
      const paidLines = escpos(core, paid.receiptNo, width).split('\n');
      const cash = paidLines.findIndex((l) => l.startsWith('Especes'));
      expect(rules.test(paidLines[cash - 1]) && /^Rendu/.test(paidLines[cash + 1]) && rules.test(paidLines[cash + 2])).toBe(true);
    }
    const text = (await screenText(core, free.receiptNo)).split('\n');
    expect(text.some((l, i) => rules.test(l) && rules.test(text[i + 1] ?? ''))).toBe(false);
  });

  it('the tax id has its label, as the settings name it: « N° d’identification fiscale : » in French, "Tax ID:" in English; the number is never split', async () => {
    const sale = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 10 }] }));
    // 42 columns: the label, then the number whole on the next line
    expect(await screenText(core, sale.receiptNo)).toMatch(/^ +N° d’identification fiscale : +\n +812 345 678 00019 +$/m);
    expect(html(core, sale.receiptNo, 58)).toContain(`<p class="c">N° d’identification fiscale${NB}: 812${NB}345${NB}678${NB}00019</p>`);
    const wide = escpos(core, sale.receiptNo, 80).split('\n').map((l) => l.trim());
    const narrow = escpos(core, sale.receiptNo, 58).split('\n').map((l) => l.trim());
    for (const lines of [wide, narrow]) {
      const at = lines.indexOf("No d'identification fiscale :");
      expect(at).toBeGreaterThan(0);
      expect(lines[at + 1]).toBe('812 345 678 00019');
    }
    for (const width of [80, 58] as const) expect(plain(await pdfText(core, tmp.dir, sale.receiptNo, width)), `${width} mm`).toContain('N° d’identification fiscale : 812 345 678 00019');

    await must(core.call('settings.save', { locale: 'en' }));
    expect(await screenText(core, sale.receiptNo)).toContain('Tax ID: 812 345 678 00019');
    expect(escpos(core, sale.receiptNo, 80)).toContain('Tax ID: 812 345 678 00019');
    expect(plain(await pdfText(core, tmp.dir, sale.receiptNo, 80))).toContain('Tax ID: 812 345 678 00019');

    // a tax id typed with its own label is printed as typed, not labelled twice
    await must(core.call('settings.save', { locale: 'fr', taxId: 'NINEA 005123456 2G3' }));
    const own = await screenText(core, sale.receiptNo);
    expect(own).toMatch(/^ +NINEA 005123456 2G3 +$/m);
    expect(own).not.toContain('identification fiscale');
    expect(escpos(core, sale.receiptNo, 58)).toMatch(/^ +NINEA 005123456 2G3 +$/m);

    // no tax id set: no label alone
    await must(core.call('settings.save', { taxId: '' }));
    expect(await screenText(core, sale.receiptNo)).not.toMatch(/identification|NINEA/);
  });

  it('English receipts use English typography: "Receipt No. 1", "Return No. 2 (of receipt 1)", no space before a colon and no N°', async () => {
    await must(core.call('settings.save', { locale: 'en' }));
    const sale = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 2, quantity: 2 }], tenders: [{ tender: 'cash', amountMinor: 20 }] }));
    const back = await must<CompletedSale>(core.call('pos.return', { receiptNo: sale.receiptNo, lines: [{ lineNo: 1, quantity: 1 }] }));
    for (const [no, title] of [
      [sale.receiptNo, `Receipt No. ${sale.receiptNo}`],
      [back.receiptNo, `Return No. ${back.receiptNo} (of receipt ${sale.receiptNo})`],
    ] as const) {
      const forms = [await screenText(core, no), escpos(core, no, 80), escpos(core, no, 58).replace(/\n\s*/g, ' '), plain(await pdfText(core, tmp.dir, no, 80)), plain(html(core, no, 80))];
      for (const form of forms) {
        expect(form).toContain(title);
        expect(form).not.toMatch(/ :|N°|No /);
      }
    }
    // French keeps its own: "Ticket N° 1", "N° d’identification fiscale :"
    await must(core.call('settings.save', { locale: 'fr' }));
    expect(await screenText(core, sale.receiptNo)).toContain(`Ticket N° ${sale.receiptNo}`);
    expect(await screenText(core, back.receiptNo)).toContain(`Retour N° ${back.receiptNo} (du ticket ${sale.receiptNo})`);
  });

  it('ESC/POS folds « x » to "x", the quotes against the words, so a lone quote never wraps onto a line of its own', async () => {
    const sale = await must<CompletedSale>(core.call('pos.checkout', { lines: [{ productId: 3, quantity: 1 }, { productId: 4, quantity: 1 }], tenders: [{ tender: 'card', amountMinor: 2640 }] }));
    for (const width of [80, 58] as const) {
      const thermal = escpos(core, sale.receiptNo, width);
      expect(thermal, `${width} mm`).toContain('The vert "Ataya" Chine 25 g');
      expect(thermal).toContain('"nouvelle formule"');
      for (const spaced of ['" Ataya', 'Ataya "', '" nouvelle', 'formule "']) expect(thermal).not.toContain(spaced);
      expect(thermal.split('\n').filter((l) => /^\s*"\s*$/.test(l))).toEqual([]);
      expect(thermal.split('\n').every((l) => l.length <= (width === 80 ? 42 : 32))).toBe(true);
    }
    // at 42 columns the name's last line is the whole quote, where the lone quote used to be
    expect(escpos(core, sale.receiptNo, 80).split('\n')).toContain('mois, boite de 800 g - "nouvelle formule"');
    // the screen, the PDF and the HTML keep the guillemets, held to the words by no-break spaces
    expect(await screenText(core, sale.receiptNo)).toContain('Thé vert « Ataya » Chine 25 g');
    expect(html(core, sale.receiptNo, 58)).toContain(`«${NB}nouvelle formule${NB}»`);
    expect(plain(await pdfText(core, tmp.dir, sale.receiptNo, 58))).toContain('« nouvelle formule »');
  });
});

describe('receipts: an amount is never split from its currency', () => {
  it('at 58 mm, 154 312 500 FCFA and 12 500 000 FCFA/kg stay whole in the PDF, the ESC/POS text and the HTML (no-break spaces the PDF font has)', async () => {
    const tmp = tempDir();
    const core = openTestCore(tmp.dir, () => new Date('2026-03-14T10:05:00'));
    try {
      await must(core.call('settings.save', { shopName: 'Or de Dakar', currency: 'XOF', locale: 'fr' }));
      await must(core.call('products.save', { sku: 'OR', name: 'Or 18 carats', unit: 'kg', priceMinor: 12_500_000, vatRateBp: 1800 }));
      await must(core.call('products.save', { sku: 'GEN', name: 'Groupe électrogène 5 kVA', priceMinor: 2_450_000, vatRateBp: 1800 }));
      await must(core.call('ledger.record', { lines: [1, 2].map((productId) => ({ productId, kind: 'receipt', quantity: 100 })) }));
      const sale = await must<CompletedSale>(
        core.call('pos.checkout', { lines: [{ productId: 1, quantity: 12.345 }, { productId: 2, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 156_762_500 }] }),
      );
      expect(sale.cart.totalMinor).toBe(156_762_500);
      const amounts = ['154 312 500 FCFA', '12 500 000 FCFA/kg', '2 450 000 FCFA', '156 762 500 FCFA'];
      const pdf = plain(await pdfText(core, tmp.dir, sale.receiptNo, 58));
      const thermal = escpos(core, sale.receiptNo, 58);
      for (const form of [pdf, thermal]) {
        for (const a of amounts) expect(form).toContain(a);
        // no digits at the end of a line with the currency starting the next
        expect(form).not.toMatch(/\d\s*\n\s*FCFA/);
      }
      expect(thermal.split('\n').every((l) => l.length <= 32)).toBe(true);
      const page = html(core, sale.receiptNo, 58);
      expect(page).toContain(`154${NB}312${NB}500${NB}FCFA`);
      expect(page).toContain(`12,345${NB}kg x 12${NB}500${NB}000${NB}FCFA/kg`);
      // Intl's narrow no-break space is not in the PDF's Roboto: none reaches a receipt
      expect(page).not.toContain('\u202f');
    } finally {
      core.close();
      tmp.cleanup();
    }
  });
});
