import { describe, expect, it } from 'vitest';
import { errorShapeText } from '../../src/renderer/src/api/error-text';
import { MESSAGES, type MessageKey } from '../../src/renderer/src/i18n/messages';
import type { AppErrorShape } from '../../src/shared/api/result';
import type { Locale } from '../../src/shared/domain/settings';

const translate = (locale: Locale) => (key: MessageKey, vars?: Record<string, string | number>) => {
  let text: string = MESSAGES[locale][key] ?? key;
  for (const [k, v] of Object.entries(vars ?? {})) text = text.replaceAll(`{${k}}`, String(v));
  return text;
};
const say = (e: AppErrorShape, locale: Locale = 'fr') => errorShapeText(e, translate(locale), locale);

describe('main’s refusals in the shop’s language', () => {
  it('writes a refusal with a known reason from its details, in French and in English', () => {
    const demo: AppErrorShape = { code: 'conflict', message: 'The demo shop goes into an empty database: this one already has products', details: { reason: 'demo_not_empty' } };
    expect(say(demo)).toBe('La boutique de démonstration s’ouvre dans une boutique vide : celle-ci a déjà des produits.');
    expect(say(demo, 'en')).toBe('The demo shop opens in an empty shop: this one already has products.');
  });

  it('fills the placeholders: a file issue by its label, a business day and a receipt number as the shop writes them', () => {
    expect(say({ code: 'validation', message: 'this is not a CSV file: it contains binary data', field: 'file', details: { reason: 'file_issue', issue: 'not_text', line: 0 } })).toBe(
      'Pas un fichier CSV ou .xlsx lisible : vérifiez le fichier, puis choisissez-le à nouveau.',
    );
    expect(say({ code: 'validation', message: 'this is not a CSV file: it looks like a PDF', field: 'file', details: { reason: 'file_issue', issue: 'not_text', line: 0 } }, 'en')).toBe(
      'this is not a CSV file: it looks like a PDF',
    );
    expect(say({ code: 'validation', message: 'date: 2026-05-20 has not come yet', field: 'date', details: { reason: 'day_to_come', day: '2026-05-20' } })).toBe('Le 20/05/2026 n’est pas encore arrivé.');
    expect(say({ code: 'validation', message: 'date: 2026-05-20 has not come yet', field: 'date', details: { reason: 'day_to_come', day: '2026-05-20' } }, 'en')).toBe('20/05/2026 has not come yet.');
    const reprint: AppErrorShape = {
      code: 'forbidden',
      message: "receiptNo: receipt 1204 is from 2026-05-13; a cashier reprints today's receipts only",
      field: 'receiptNo',
      details: { reason: 'reprint_today_only', receiptNo: 1204, day: '2026-05-13' },
    };
    expect(say(reprint).replace(/\u202f|\u00a0/g, ' ')).toBe('Le ticket n° 1 204 est du 13/05/2026 : un caissier ne réimprime que les tickets du jour.');
    expect(say(reprint, 'en')).toBe('Receipt 1,204 is from 13/05/2026: a cashier reprints today’s receipts only.');
  });

  it('a barcode or SKU already taken names the product that has it, the code written as it was scanned (no thousands separator)', () => {
    const taken: AppErrorShape = {
      code: 'conflict',
      message: 'barcodes: "3017620422003" is already used by another product',
      field: 'barcodes',
      details: { reason: 'barcode_taken', barcode: '3017620422003', name: 'Savon de Marseille' },
    };
    expect(say(taken)).toBe('Le code-barres 3017620422003 est déjà celui de « Savon de Marseille » : retirez-le d’ici, ou de ce produit d’abord.');
    expect(say(taken, 'en')).toBe('The barcode 3017620422003 already belongs to “Savon de Marseille”: remove it here, or from that product first.');
    const sku: AppErrorShape = { code: 'conflict', message: 'sku: "SAV-1" is already used by another product', field: 'sku', details: { reason: 'sku_taken', sku: 'SAV-1', name: 'Savon' } };
    expect(say(sku)).toBe('La référence SAV-1 est déjà celle de « Savon » : choisissez-en une autre, ou modifiez ce produit.');
  });

  it('a field refused by its schema (an amount or quantity too large: a barcode scanned into the box) is said in the shop’s language', () => {
    const amount: AppErrorShape = { code: 'validation', message: 'tenders.0.amountMinor: must be at most 1000000000000', field: 'tenders.0.amountMinor' };
    expect(say(amount)).toBe('Montant trop grand : vérifiez-le (un code-barres scanné dans la case ?)');
    expect(say(amount, 'en')).toBe('Amount too large: check it (a barcode scanned into the box?)');
    const quantity: AppErrorShape = { code: 'validation', message: 'lines.0.quantity: must be at most 10,000,000', field: 'lines.0.quantity' };
    expect(say(quantity)).toMatch(/^Quantité trop grande \(au plus 10 000 000\)/);
  });

  it('a refusal with its own reason beats the generic "your role does not allow this"; an internal error is never shown in English', () => {
    expect(say({ code: 'forbidden', message: "date: a cashier sees today's journal only (2026-05-14); ask a manager for another day", field: 'date', details: { reason: 'journal_today_only', today: '2026-05-14' } })).toBe(
      'Un caissier ne voit que le journal du jour : demandez au gérant pour un autre jour.',
    );
    expect(say({ code: 'forbidden', message: 'nope' })).toBe('Votre rôle ne permet pas cette action.');
    expect(say({ code: 'internal', message: 'Something went wrong. It has been written to the log; please try again.' })).toBe('Un problème inattendu est survenu. Il a été noté dans le journal ; réessayez.');
  });

  it('shows a message without a reason it knows as it is, without its field prefix', () => {
    expect(say({ code: 'validation', message: 'code: something new', field: 'code', details: { reason: 'not_in_the_catalogue' } })).toBe('something new');
    expect(say({ code: 'validation', message: 'code: something new', field: 'code' })).toBe('something new');
  });

  it('has every reason in both languages with the same placeholders (checked for all keys elsewhere), none left as a key', () => {
    const reasons = Object.keys(MESSAGES.fr).filter((k) => k.startsWith('err.reason.'));
    expect(reasons.length).toBeGreaterThan(10);
    for (const key of reasons) expect(MESSAGES.en[key as MessageKey], key).toBeTruthy();
  });
});
