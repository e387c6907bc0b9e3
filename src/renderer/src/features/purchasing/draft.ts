import type { PurchaseOrder, PurchaseOrderLine } from '../../../../shared/api/contract';
import { MAX_MINOR } from '../../../../shared/api/fields';
import { currencyDecimals, lineAmount, parseMoney, type CurrencyCode } from '../../../../shared/domain/money';
import { isWholeQuantity, MAX_QUANTITY, toMilli } from '../../../../shared/domain/quantity';
import type { Locale } from '../../../../shared/domain/settings';
import type { MessageKey } from '../../i18n/messages';
import { inputText, readQuantity } from '../stock/fields';

/** What the owner changed on a draft line and has not saved yet; a field left alone shows the saved value. */
export interface LineEdit {
  quantity?: string;
  cost?: string;
  removed?: boolean;
}
/** The unsaved edits of a draft, by product id. */
export type DraftEdits = Record<number, LineEdit>;

/** Why a field cannot be read: a message and its values. */
export interface Problem {
  key: MessageKey;
  vars?: Record<string, string>;
}

export interface DraftLine {
  line: PurchaseOrderLine;
  quantityText: string;
  costText: string;
  removed: boolean;
  quantity: number | null;
  costMinor: number | null;
  quantityProblem: Problem | null;
  costProblem: Problem | null;
  /** The line's amount excluding VAT at the typed quantity and cost; null while either is unreadable. */
  amountMinor: number | null;
  packs: number | null;
}

export interface DraftReading {
  lines: DraftLine[];
  /** Something differs from what is saved (a field that cannot be read counts as a change). */
  changed: boolean;
  /** Every kept line can be read: `input` is what to save. */
  valid: boolean;
  input: { productId: number; quantity: number; unitCostMinor: number }[];
  subtotalMinor: number;
  vatMinor: number;
  totalMinor: number;
}

// as main rounds it: per line
const vatOf = (amount: number, bp: number) => Math.round((amount * bp) / 10_000);

function readLineQuantity(text: string, line: PurchaseOrderLine, locale: Locale): { value: number | null; problem: Problem | null } {
  const q = readQuantity(text, locale);
  if (!q.ok) return { value: null, problem: { key: q.error } };
  if (q.value <= 0) return { value: null, problem: { key: 'purchasing.qtyPositive' } };
  if (q.value > MAX_QUANTITY) return { value: null, problem: { key: 'err.quantityTooLarge' } };
  if (!isWholeQuantity(line.unit, toMilli(q.value))) return { value: null, problem: { key: 'err.reason.whole_pieces', vars: { name: line.name } } };
  return { value: q.value, problem: null };
}

function readCost(text: string, currency: CurrencyCode, locale: Locale): { value: number | null; problem: Problem | null } {
  const minor = text.trim() === '' ? null : parseMoney(text, currency);
  const example = currencyDecimals(currency) === 0 ? '3 950' : locale === 'fr' ? '12,50' : '12.50';
  if (minor === null) return { value: null, problem: { key: 'purchasing.costUnreadable', vars: { example } } };
  if (minor < 0) return { value: null, problem: { key: 'err.negative' } };
  if (minor > MAX_MINOR) return { value: null, problem: { key: 'err.amountTooLarge' } };
  return { value: minor, problem: null };
}

/** A saved cost as it is typed ("3700", "12,5"). */
export const costText = (minor: number, currency: CurrencyCode, locale: Locale) => inputText(minor / 10 ** currencyDecimals(currency), locale);

/**
 * A draft as it stands on screen: the saved lines with the owner's edits, each field read as the shop
 * types it ("1 000", "2,5", "3 950 FCFA"), and the totals at the typed quantities and costs.
 */
export function readDraft(order: PurchaseOrder, edits: DraftEdits, currency: CurrencyCode, locale: Locale): DraftReading {
  const lines = order.lines.map((line): DraftLine => {
    const edit = edits[line.productId] ?? {};
    const quantityText = edit.quantity ?? inputText(line.quantity, locale);
    const text = edit.cost ?? costText(line.unitCostMinor, currency, locale);
    const q = readLineQuantity(quantityText, line, locale);
    const c = readCost(text, currency, locale);
    let amountMinor: number | null = null;
    try {
      if (q.value !== null && c.value !== null) amountMinor = lineAmount(toMilli(q.value), c.value);
    } catch {
      c.problem = { key: 'err.amountTooLarge' };
    }
    // as main counts them, in thousandths
    const packs = q.value !== null ? Math.round((toMilli(q.value) / toMilli(line.packSize)) * 1000) / 1000 : null;
    return { line, quantityText, costText: text, removed: edit.removed === true, quantity: q.value, costMinor: c.value, quantityProblem: q.problem, costProblem: c.problem, amountMinor, packs };
  });
  const kept = lines.filter((l) => !l.removed);
  const valid = kept.every((l) => l.quantityProblem === null && l.costProblem === null);
  const changed = lines.some((l) => l.removed || l.quantity !== l.line.quantity || l.costMinor !== l.line.unitCostMinor);
  const subtotalMinor = kept.reduce((s, l) => s + (l.amountMinor ?? 0), 0);
  const vatMinor = kept.reduce((s, l) => s + (l.amountMinor === null ? 0 : vatOf(l.amountMinor, l.line.vatRateBp)), 0);
  const input = valid ? kept.map((l) => ({ productId: l.line.productId, quantity: l.quantity as number, unitCostMinor: l.costMinor as number })) : [];
  return { lines, changed, valid, input, subtotalMinor, vatMinor, totalMinor: subtotalMinor + vatMinor };
}
