import type { SalesDay } from '../../../shared/api/contracts/journal';
import { shortTime } from '../../../shared/domain/dates';
import { formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { ShopSettings } from '../../../shared/domain/settings';
import { mm, renderPdf, type DocDefinition } from '../../documents/pdf';
import { keepTogether, ratePercent, taxIdLine } from '../../documents/text';
import { vatByRate } from './vat-by-rate';

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
    receipts: 'Tickets de la journée',
    receiptRange: 'n° {first} à {last}',
    vatHeading: 'TVA par taux',
    vatHead: ['Taux', 'Base HT', 'TVA', 'Total TTC'],
    vatRate: 'TVA {rate}',
    vatTotal: 'Total',
    vatAllRates: 'Total, tous taux',
    footer: '{shop} — Rapport Z du {date} — page {page}/{pages}',
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
    receipts: 'Receipts of the day',
    receiptRange: 'no. {first} to {last}',
    vatHeading: 'VAT by rate',
    vatHead: ['Rate', 'Excl. VAT', 'VAT', 'Incl. VAT'],
    vatRate: 'VAT {rate}',
    vatTotal: 'Total',
    vatAllRates: 'Total, all rates',
    footer: '{shop} — Z report of {date} — page {page}/{pages}',
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
  /** The shop's address and phone: one line on A4, one each on a roll. */
  | { kind: 'contact'; lines: string[] }
  | { kind: 'rule' }
  | { kind: 'heading'; text: string }
  | { kind: 'pair'; left: string; right: string; strong?: boolean }
  | { kind: 'text'; text: string }
  /** Short pairs that an A4 page sets two or three across (the count by notes and coins) and a roll one under the other. */
  | { kind: 'grid'; pairs: { left: string; right: string }[] }
  /** VAT per rate: a table on A4, a block per rate on a roll (four amounts do not fit across 58 mm). */
  | { kind: 'vat'; head: string[]; lines: { label: string; rateLabel: string; cells: string[] }[]; total: { label: string; rateLabel: string; cells: string[] } }
  | { kind: 'signatures'; texts: string[] };

const fill = (text: string, vars: Record<string, string | number>) => Object.entries(vars).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), text);

/** The Z report's content once, as rows; the A4 page and the till's roll lay the same rows out. */
export function zReportRows(day: SalesDay, shop: ShopSettings, printedAt: Date, printedBy: string): Row[] {
  const w = WORDS[shop.locale];
  const loc = shop.locale === 'fr' ? 'fr-FR' : 'en-GB';
  const colon = shop.locale === 'fr' ? '\u00a0: ' : ': ';
  const money = (minor: number) => keepTogether(formatMoney(minor, shop.currency as CurrencyCode, shop.locale));
  const rate = (bp: number) => ratePercent(bp, shop.locale);
  const when = (d: Date) => d.toLocaleString(loc, { dateStyle: 'short', timeStyle: 'short' });
  const longDate = new Date(`${day.date}T12:00:00Z`).toLocaleDateString(loc, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  // French: 0 and 1 take the singular; English: only 1
  const plural = (n: number) => (shop.locale === 'fr' ? n > 1 : n !== 1);
  const rows: Row[] = [{ kind: 'centre', text: shop.shopName, strong: true }];
  const contact = [shop.address, shop.phone].filter(Boolean);
  if (contact.length) rows.push({ kind: 'contact', lines: contact });
  if (shop.taxId.trim()) rows.push({ kind: 'centre', text: taxIdLine(shop.taxId, shop.locale) });
  rows.push({ kind: 'rule' }, { kind: 'centre', text: w.title, strong: true, big: true }, { kind: 'centre', text: `${w.day} ${longDate}` });
  rows.push({ kind: 'centre', text: fill(w.printed, { at: when(printedAt), who: printedBy }) }, { kind: 'rule' });

  if (!day.entries.length) rows.push({ kind: 'text', text: w.none });
  else {
    // an accountant checks the day's receipt numbers run on from the day before, with none missing
    const first = day.entries[0].receiptNo;
    const last = day.entries[day.entries.length - 1].receiptNo;
    rows.push({ kind: 'pair', left: w.receipts, right: keepTogether(fill(w.receiptRange, { first, last })) });
  }
  rows.push(
    { kind: 'pair', left: fill(w.sales, { n: day.sales.count, s: plural(day.sales.count) ? 's' : '' }), right: money(day.sales.totalMinor) },
    { kind: 'pair', left: fill(w.returns, { n: day.returns.count }), right: day.returns.totalMinor ? `-${money(day.returns.totalMinor)}` : money(0) },
    { kind: 'pair', left: w.net, right: money(day.netMinor), strong: true },
    { kind: 'pair', left: w.basket, right: money(day.averageBasketMinor) },
  );
  if (day.tenders.length) rows.push({ kind: 'heading', text: w.byTender });
  for (const t of day.tenders) {
    rows.push({ kind: 'pair', left: TENDER[shop.locale][t.tender] ?? t.tender, right: money(t.netMinor) });
    if (t.refundedMinor) rows.push({ kind: 'pair', left: `    ${w.ofReturns}`, right: `-${money(t.refundedMinor)}` });
  }
  if (day.vat.length) {
    const vat = vatByRate(day.vat);
    const cells = (v: { baseMinor: number; vatMinor: number; totalMinor: number }) => [money(v.baseMinor), money(v.vatMinor), money(v.totalMinor)];
    rows.push(
      { kind: 'heading', text: w.vatHeading },
      {
        kind: 'vat',
        head: w.vatHead,
        lines: vat.rates.map((v) => ({ label: rate(v.rateBp), rateLabel: fill(w.vatRate, { rate: rate(v.rateBp) }), cells: cells(v) })),
        total: { label: w.vatTotal, rateLabel: w.vatAllRates, cells: cells(vat.total) },
      },
    );
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
      rows.push({ kind: 'heading', text: w.detail }, { kind: 'grid', pairs: count.denominations.map((n) => ({ left: `${money(n.valueMinor)} × ${n.count}`, right: money(n.valueMinor * n.count) })) });
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
    if (count.note) rows.push({ kind: 'text', text: `${w.note}${colon}${count.note}` });
  }
  if (!cash) rows.push({ kind: 'text', text: w.blind });
  if (day.cashMoves.length) {
    rows.push({ kind: 'heading', text: w.moves });
    for (const m of day.cashMoves) {
      rows.push({ kind: 'pair', left: fill(w.moveLine, { time: shortTime(m.at, shop.locale), who: m.userName, reason: m.reason }), right: `${m.direction === 'out' ? '-' : '+'}${money(m.amountMinor)}` });
    }
  }
  rows.push({ kind: 'signatures', texts: [w.signCashier, w.signManager] });
  return rows;
}

/** The A4 page's column, in mm: narrower than the page, wide enough for the count three notes across. */
const A4_COLUMN = 150;
const PAIR_GAP = 6;

/**
 * A text's width in points, over-estimated (Roboto's digits are 0.56 em, its capitals up to 0.7 em): enough
 * to choose a layout that will not wrap, without measuring with the font.
 */
function textWidth(text: string, fontSize: number): number {
  return [...text].reduce((w, c) => w + (/[\s,.:]/.test(c) ? 0.27 : /[A-Z]/.test(c) ? 0.72 : 0.6), 0) * fontSize;
}

/** The pdfmake definition of the Z report: an A4 page (one column, like a till slip) or the till's 80/58 mm roll. */
export function zReportDoc(day: SalesDay, shop: ShopSettings, options: { paper: ZPaper; printedAt: Date; printedBy: string }): DocDefinition {
  const roll = options.paper === 'a4' ? null : Number(options.paper);
  const width = roll ? mm(roll - 6) : mm(A4_COLUMN);
  const rule = () => ({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 0.5, dash: { length: 2 } }], margin: [0, 4, 0, 4] });
  // A4 rows a little tighter than a roll's, so that an ordinary day (a count of 15 kinds of notes and coins,
  // a few cash movements) and its signatures fit on one page
  const pair = (left: string, right: string, strong?: boolean, margin = roll ? [0, 1, 0, 1] : [0, 0.5, 0, 0.5]) => ({
    columns: [{ text: left, preserveLeadingSpaces: true, bold: strong }, { text: right, alignment: 'right', width: 'auto', bold: strong }],
    columnGap: PAIR_GAP,
    margin,
  });
  const signature = (text: string, lineWidth: number) => ({ stack: [{ text }, { canvas: [{ type: 'line', x1: 0, y1: 28, x2: lineWidth, y2: 28, lineWidth: 0.5 }] }], margin: [0, 8, 0, 4] });
  const layout = (r: Row): unknown => {
    if (r.kind === 'rule') return rule();
    if (r.kind === 'centre') return { text: r.text, alignment: 'center', bold: r.strong, fontSize: r.big ? (roll ? 10 : 14) : undefined, margin: r.big ? [0, 2, 0, 2] : undefined };
    if (r.kind === 'contact') return roll ? { stack: r.lines, alignment: 'center' } : { text: r.lines.join('  ·  '), alignment: 'center' };
    if (r.kind === 'heading') return { text: r.text, bold: true, margin: roll ? [0, 8, 0, 3] : [0, 7, 0, 2] };
    if (r.kind === 'text') return { text: r.text, margin: [0, 2, 0, 0] };
    if (r.kind === 'grid') {
      if (roll) return { stack: r.pairs.map((p) => pair(p.left, p.right)) };
      // three across where the widest pair fits a third of the column, else two; read down each column in turn
      const gap = mm(8);
      const across = Math.max(...r.pairs.map((p) => textWidth(p.left, 10) + PAIR_GAP + textWidth(p.right, 10))) <= (width - 2 * gap) / 3 ? 3 : 2;
      const per = Math.ceil(r.pairs.length / across);
      const side = (n: number) => ({ stack: r.pairs.slice(n * per, (n + 1) * per).map((p) => pair(p.left, p.right)) });
      return { columns: Array.from({ length: across }, (_, n) => side(n)), columnGap: gap };
    }
    if (r.kind === 'vat') {
      if (roll) {
        const block = (l: { rateLabel: string; cells: string[] }, strong: boolean) => ({
          stack: [{ text: l.rateLabel, bold: strong, margin: [0, 2, 0, 0] }, ...r.head.slice(1).map((h, i) => pair(`  ${h}`, l.cells[i], strong, [0, 0, 0, 0]))],
          unbreakable: true,
        });
        return { stack: [...r.lines.map((l) => block(l, false)), block(r.total, true)] };
      }
      const cell = (text: string, i: number, bold = false) => ({ text, alignment: i ? 'right' : 'left', bold });
      return {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', 100, 100, 100],
          body: [r.head.map((h, i) => cell(h, i, true)), ...r.lines.map((l) => [l.label, ...l.cells].map((t, i) => cell(t, i))), [r.total.label, ...r.total.cells].map((t, i) => cell(t, i, true))],
        },
        layout: {
          hLineWidth: (i: number, node: { table: { body: unknown[] } }) => (i === 1 || i === node.table.body.length - 1 ? 0.5 : 0),
          vLineWidth: () => 0,
          paddingLeft: (i: number) => (i ? 10 : 0),
          paddingRight: () => 0,
          paddingTop: () => 1,
          paddingBottom: () => 1,
        },
      };
    }
    if (r.kind === 'signatures') {
      // never split from its line, nor from the other: side by side on A4, one under the other on a roll
      const body = roll ? { stack: r.texts.map((t) => signature(t, width * 0.75)) } : { columns: r.texts.map((t) => signature(t, width / 2 - mm(6))), columnGap: mm(12) };
      return { stack: [rule(), body], unbreakable: true };
    }
    return pair(r.left, r.right, r.strong);
  };
  const rows = zReportRows(day, shop, options.printedAt, options.printedBy);
  const content: unknown[] = [];
  for (let i = 0; i < rows.length; i++) {
    // a heading stays on the page of its first line
    if (rows[i].kind === 'heading' && rows[i + 1] && rows[i + 1].kind !== 'heading') content.push({ stack: [layout(rows[i]), layout(rows[++i])], unbreakable: true });
    else content.push(layout(rows[i]));
  }
  const info = { title: `Z ${day.date}`, creator: 'Shelfcast' };
  if (roll) {
    return {
      pageSize: { width: mm(roll), height: 'auto' },
      pageMargins: [mm(3), mm(4), mm(3), mm(8)],
      info,
      defaultStyle: { font: 'Roboto', fontSize: roll === 80 ? 8.5 : 7, lineHeight: 1.15 },
      content,
    };
  }
  const date = new Date(`${day.date}T12:00:00Z`).toLocaleDateString(shop.locale === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC' });
  return {
    pageSize: 'A4',
    pageMargins: [mm((210 - A4_COLUMN) / 2), mm(12), mm((210 - A4_COLUMN) / 2), mm(18)],
    info,
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.1 },
    content,
    // a page that comes loose still says whose, which day, and that another goes with it
    footer: (page: number, pages: number) => ({ text: fill(WORDS[shop.locale].footer, { shop: shop.shopName, date, page, pages }), alignment: 'center', fontSize: 8, color: '#666666', margin: [mm(20), mm(6), mm(20), 0] }),
  };
}

/** The Z report as a PDF. */
export function zReportPdf(day: SalesDay, shop: ShopSettings, options: { paper: ZPaper; printedAt: Date; printedBy: string }): Promise<Buffer> {
  return renderPdf(zReportDoc(day, shop, options));
}
