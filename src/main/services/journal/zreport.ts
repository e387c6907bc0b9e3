import type { SalesDay } from '../../../shared/api/contracts/journal';
import { shortTime } from '../../../shared/domain/dates';
import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { ShopSettings } from '../../../shared/domain/settings';
import { mm, renderPdf, type DocDefinition } from '../../documents/pdf';

export type ZPaper = 'a4' | '80' | '58';

const TENDER = {
  fr: { cash: 'Espèces', card: 'Carte bancaire', orange_money: 'Orange Money', wave: 'Wave', mtn_momo: 'MTN MoMo' },
  en: { cash: 'Cash', card: 'Card', orange_money: 'Orange Money', wave: 'Wave', mtn_momo: 'MTN MoMo' },
};

const WORDS = {
  fr: {
    title: 'RAPPORT Z — CLÔTURE DE CAISSE',
    day: 'Journée du',
    printed: 'Imprimé le {at} par {who}',
    sales: 'Ventes ({n} ticket{s})',
    returns: 'Retours ({n})',
    net: 'Chiffre d’affaires net',
    basket: 'Panier moyen',
    byTender: 'Par moyen de paiement (retours déduits)',
    ofReturns: 'dont retours',
    vat: 'TVA {rate} % sur {base}',
    cash: 'Espèces en caisse',
    float: 'Fond de caisse',
    received: '+ Espèces reçues',
    change: '− Monnaie rendue',
    refunded: '− Remboursements en espèces',
    paidOut: '− Sorties de caisse',
    paidIn: '+ Entrées de caisse',
    moves: 'Sorties et entrées de caisse',
    moveLine: '{time} {who} : {reason}',
    expected: 'Espèces attendues',
    counted: 'Espèces comptées',
    difference: 'Écart',
    short: 'Manque {amount}',
    over: 'Excédent {amount}',
    even: 'Caisse juste',
    notCounted: 'Caisse non comptée : à remplir à la main.',
    detail: 'Détail du comptage',
    countedBy: 'Compté par {who} le {at}',
    recounts: '{n} comptages ce jour : le dernier fait foi. Les précédents :',
    earlierCount: '{time} {who} : {counted} comptés',
    stale: 'Attention : des ventes, retours ou mouvements de caisse ont suivi ce comptage ; il faudrait maintenant {amount}. Recomptez.',
    staleBlind: 'Attention : des ventes, retours ou mouvements de caisse ont suivi ce comptage. Recomptez.',
    blind: 'Comptage à l’aveugle : les espèces attendues et l’écart figurent sur le rapport du gérant.',
    note: 'Note',
    signCashier: 'Signature du caissier',
    signManager: 'Signature du gérant',
    none: 'Aucune vente ce jour.',
  },
  en: {
    title: 'Z REPORT — END OF DAY',
    day: 'Business day',
    printed: 'Printed on {at} by {who}',
    sales: 'Sales ({n} receipt{s})',
    returns: 'Returns ({n})',
    net: 'Net takings',
    basket: 'Average basket',
    byTender: 'By payment method (returns deducted)',
    ofReturns: 'of which returns',
    vat: 'VAT {rate} % on {base}',
    cash: 'Cash in the drawer',
    float: 'Opening float',
    received: '+ Cash received',
    change: '− Change given',
    refunded: '− Cash refunds',
    paidOut: '− Cash paid out',
    paidIn: '+ Cash paid in',
    moves: 'Cash paid out and in',
    moveLine: '{time} {who}: {reason}',
    expected: 'Expected cash',
    counted: 'Counted cash',
    difference: 'Difference',
    short: 'Short by {amount}',
    over: 'Over by {amount}',
    even: 'Cash is right',
    notCounted: 'Cash not counted: fill in by hand.',
    detail: 'Count by notes and coins',
    countedBy: 'Counted by {who} on {at}',
    recounts: '{n} counts this day: the latest stands. The earlier ones:',
    earlierCount: '{time} {who}: {counted} counted',
    stale: 'Warning: sales, returns or cash movements came after this count; {amount} is now expected. Count again.',
    staleBlind: 'Warning: sales, returns or cash movements came after this count. Count again.',
    blind: 'Blind count: the expected cash and the difference are on the manager’s report.',
    note: 'Note',
    signCashier: 'Cashier’s signature',
    signManager: 'Manager’s signature',
    none: 'No sales this day.',
  },
};

type Row =
  | { kind: 'centre'; text: string; strong?: boolean; big?: boolean }
  | { kind: 'rule' }
  | { kind: 'heading'; text: string }
  | { kind: 'pair'; left: string; right: string; strong?: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'sign'; text: string };

const fill = (text: string, vars: Record<string, string | number>) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);

/** The Z report's content once, as rows; the A4 page and the till's roll lay the same rows out. */
export function zReportRows(day: SalesDay, shop: ShopSettings, printedAt: Date, printedBy: string): Row[] {
  const w = WORDS[shop.locale];
  const loc = shop.locale === 'fr' ? 'fr-FR' : 'en-GB';
  const money = (minor: number) => formatMoney(minor, shop.currency as CurrencyCode, shop.locale).replace(/[\u00a0\u202f]/g, ' ');
  const when = (d: Date) => d.toLocaleString(loc, { dateStyle: 'short', timeStyle: 'short' });
  const longDate = new Date(`${day.date}T12:00:00Z`).toLocaleDateString(loc, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  // French: 0 and 1 take the singular; English: only 1
  const plural = (n: number) => (shop.locale === 'fr' ? n > 1 : n !== 1);
  const rows: Row[] = [{ kind: 'centre', text: shop.shopName, strong: true }];
  for (const extra of [shop.address, shop.phone, shop.taxId]) if (extra) rows.push({ kind: 'centre', text: extra });
  rows.push({ kind: 'rule' }, { kind: 'centre', text: w.title, strong: true, big: true }, { kind: 'centre', text: `${w.day} ${longDate}` });
  rows.push({ kind: 'centre', text: fill(w.printed, { at: when(printedAt), who: printedBy }) }, { kind: 'rule' });

  if (!day.entries.length) rows.push({ kind: 'text', text: w.none });
  rows.push(
    { kind: 'pair', left: fill(w.sales, { n: day.sales.count, s: plural(day.sales.count) ? 's' : '' }), right: money(day.sales.totalMinor) },
    { kind: 'pair', left: fill(w.returns, { n: day.returns.count }), right: day.returns.totalMinor ? `-${money(day.returns.totalMinor)}` : money(0) },
    { kind: 'pair', left: w.net, right: money(day.netMinor), strong: true },
    { kind: 'pair', left: w.basket, right: money(day.averageBasketMinor) },
    { kind: 'heading', text: w.byTender },
  );
  for (const t of day.tenders) {
    rows.push({ kind: 'pair', left: TENDER[shop.locale][t.tender] ?? t.tender, right: money(t.netMinor) });
    if (t.refundedMinor) rows.push({ kind: 'pair', left: `    ${w.ofReturns}`, right: `-${money(t.refundedMinor)}` });
  }
  const taxed = day.vat.filter((v) => v.rateBp > 0);
  if (taxed.length) {
    rows.push({ kind: 'rule' });
    for (const v of taxed) rows.push({ kind: 'pair', left: fill(w.vat, { rate: v.rateBp / 100, base: money(v.netMinor) }), right: money(v.vatMinor) });
  }

  const differenceText = (d: number | null) => (d === null ? '' : d === 0 ? w.even : fill(d < 0 ? w.short : w.over, { amount: money(Math.abs(d)) }));
  const count = day.counts[0];
  const { cash } = day;
  rows.push({ kind: 'heading', text: w.cash }, { kind: 'pair', left: w.float, right: money(count ? count.openingFloatMinor : day.suggestedFloatMinor) });
  // printed by a cashier: what she counted, not what she should have found (SalesDay.cash)
  if (cash) {
    const expected = count?.expectedCashMinor ?? (count ? count.openingFloatMinor : day.suggestedFloatMinor) + cash.netMinor;
    rows.push(
      { kind: 'pair', left: w.received, right: money(cash.receivedMinor) },
      { kind: 'pair', left: w.change, right: money(cash.changeMinor) },
      { kind: 'pair', left: w.refunded, right: money(cash.refundedMinor) },
    );
    // shown only on a day that had them, so a shop that never pays out of the till keeps its short report
    if (cash.paidOutMinor) rows.push({ kind: 'pair', left: w.paidOut, right: money(cash.paidOutMinor) });
    if (cash.paidInMinor) rows.push({ kind: 'pair', left: w.paidIn, right: money(cash.paidInMinor) });
    rows.push({ kind: 'pair', left: w.expected, right: money(expected), strong: true });
  }
  if (!count) {
    rows.push({ kind: 'pair', left: w.counted, right: '______________', strong: true });
    if (cash) rows.push({ kind: 'pair', left: w.difference, right: '______________' });
    rows.push({ kind: 'text', text: w.notCounted });
  } else {
    rows.push({ kind: 'pair', left: w.counted, right: money(count.countedCashMinor), strong: true });
    if (count.differenceMinor !== null) rows.push({ kind: 'pair', left: w.difference, right: differenceText(count.differenceMinor), strong: true });
    if (count.stale) rows.push({ kind: 'text', text: count.expectedNowMinor === null ? w.staleBlind : fill(w.stale, { amount: money(count.expectedNowMinor) }) });
    if (count.denominations?.length) {
      rows.push({ kind: 'heading', text: w.detail });
      for (const n of count.denominations) rows.push({ kind: 'pair', left: `${money(n.valueMinor)} × ${n.count}`, right: money(n.valueMinor * n.count) });
    }
    rows.push({ kind: 'rule' }, { kind: 'text', text: fill(w.countedBy, { who: count.userName, at: when(new Date(count.at)) }) });
    // a recount stands, but the owner reads every earlier one and its difference: typing counts until the
    // drawer reads even would show here
    if (day.counts.length > 1) {
      rows.push({ kind: 'text', text: fill(w.recounts, { n: day.counts.length }) });
      for (const c of day.counts.slice(1).reverse()) {
        rows.push({ kind: 'pair', left: fill(w.earlierCount, { time: shortTime(c.at, shop.locale), who: c.userName, counted: money(c.countedCashMinor) }), right: differenceText(c.differenceMinor) });
      }
    }
    if (count.note) rows.push({ kind: 'text', text: `${w.note} : ${count.note}` });
  }
  if (!cash) rows.push({ kind: 'text', text: w.blind });
  if (day.cashMoves.length) {
    rows.push({ kind: 'heading', text: w.moves });
    for (const m of day.cashMoves) {
      rows.push({ kind: 'pair', left: fill(w.moveLine, { time: shortTime(m.at, shop.locale), who: m.userName, reason: m.reason }), right: `${m.direction === 'out' ? '-' : '+'}${money(m.amountMinor)}` });
    }
  }
  rows.push({ kind: 'rule' }, { kind: 'sign', text: w.signCashier }, { kind: 'sign', text: w.signManager });
  return rows;
}

/** The Z report as a PDF: an A4 page (the column kept narrow, like a till slip) or the till's 80/58 mm roll. */
export function zReportPdf(day: SalesDay, shop: ShopSettings, options: { paper: ZPaper; printedAt: Date; printedBy: string }): Promise<Buffer> {
  const roll = options.paper === 'a4' ? null : Number(options.paper);
  const width = roll ? mm(roll - 6) : mm(120);
  const rule = () => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.5, dash: { length: 2 } }], margin: [0, 4, 0, 4] });
  const content = zReportRows(day, shop, options.printedAt, options.printedBy).map((r) => {
    if (r.kind === 'rule') return rule();
    if (r.kind === 'centre') return { text: r.text, alignment: 'center', bold: r.strong, fontSize: r.big ? (roll ? 10 : 14) : undefined, margin: r.big ? [0, 2, 0, 2] : undefined };
    if (r.kind === 'heading') return { text: r.text, bold: true, margin: [0, 8, 0, 3] };
    if (r.kind === 'text') return { text: r.text, margin: [0, 2, 0, 0] };
    if (r.kind === 'sign') return { stack: [{ text: r.text }, { canvas: [{ type: 'line', x1: 0, y1: 28, x2: width * 0.75, y2: 28, lineWidth: 0.5 }] }], margin: [0, 8, 0, 4] };
    return { columns: [{ text: r.left, preserveLeadingSpaces: true, bold: r.strong }, { text: r.right, alignment: 'right', width: 'auto', bold: r.strong }], columnGap: 6, margin: [0, 1, 0, 1] };
  });
  const doc: DocDefinition = roll
    ? {
        pageSize: { width: mm(roll), height: 'auto' },
        pageMargins: [mm(3), mm(4), mm(3), mm(8)],
        info: { title: `Z ${day.date}`, creator: 'Shelfcast' },
        defaultStyle: { font: 'Roboto', fontSize: roll === 80 ? 8.5 : 7, lineHeight: 1.15 },
        content,
      }
    : {
        pageSize: 'A4',
        pageMargins: [mm(45), mm(20), mm(45), mm(20)],
        info: { title: `Z ${day.date}`, creator: 'Shelfcast' },
        defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
        content,
      };
  return renderPdf(doc);
}
