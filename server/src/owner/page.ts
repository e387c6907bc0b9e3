import { CURRENCIES, formatMoney, type CurrencyCode } from '../../../src/shared/domain/money';
import { quantityText } from '../../../src/shared/domain/replenishment';
import type { SyncShopSummary } from '../../../src/shared/sync/protocol';
import { html, raw, type Html } from './html';
import { MESSAGES, type Lang, type OwnerMessages } from './messages';
import { OWNER_CSS } from './style';

/** A shop that has sent nothing for this long is said to be silent. */
export const STALE_AFTER_MINUTES = 24 * 60;

function layout(lang: Lang, m: OwnerMessages, body: Html, nav: Html | null): string {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  return (
    '<!doctype html>' +
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${m.title}</title>
<style>${raw(OWNER_CSS)}</style>
</head>
<body>
<header><h1>${m.title}</h1><nav>${nav}<a href="/?lang=${other}" hreflang="${other}">${m.otherLang}</a></nav></header>
<main>${body}</main>
</body>
</html>`.text
  );
}

/** The form that asks for the owner key; `problem` is said above it after a refused key. */
export function loginPage(lang: Lang, problem: 'unknown' | 'missing' | 'elsewhere' | 'throttled' | null = null): string {
  const m = MESSAGES[lang];
  const error = problem === null ? null : { unknown: m.keyUnknown, missing: m.keyMissing, elsewhere: m.formElsewhere, throttled: m.keyThrottled }[problem];
  return layout(
    lang,
    m,
    html`<section>
<p>${m.keyIntro}</p>
<form method="post" action="/login?lang=${lang}">
${error ? html`<p class="error" role="alert">${error}</p>` : null}
<label for="key">${m.keyLabel}</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus spellcheck="false"${raw(error ? ' aria-invalid="true"' : '')}>
<p class="muted">${m.keyHint}</p>
<button type="submit">${m.open}</button>
</form>
</section>`,
    null,
  );
}

/** A shop that has not pushed has no currency yet, and so no amounts: a dash. */
function money(minor: number, currency: string | null, lang: Lang): string {
  if (!currency) return '—';
  if (Object.hasOwn(CURRENCIES, currency)) return formatMoney(minor, currency as CurrencyCode, lang);
  return `${minor}\u00a0${currency}`;
}

const dayFormats: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }),
};

function dayLabel(date: string, lang: Lang): string {
  return dayFormats[lang].format(new Date(`${date}T00:00:00Z`));
}

/** With its year: a day a wrong clock put in another year must not read as this year's. */
const datedFormats: Record<Lang, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

function minutesSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
}

/** A bar as wide as `value` is of `max`: SVG attributes, which the page's CSP allows where style="" is not. */
function bar(value: number, max: number): Html {
  const width = max > 0 ? Math.max(0, Math.round((value / max) * 1000) / 10) : 0;
  return html`<svg viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" height="12" width="${width}"></rect></svg>`;
}

function cashCell(day: SyncShopSummary['days'][number], currency: string | null, lang: Lang, m: OwnerMessages): Html {
  const difference = day.cashDifferenceMinor;
  if (difference === null) return html`<td class="muted">${m.cashNotCounted}</td>`;
  // the drawer was counted, then more cash came in or went out: what it was short or over then says nothing of it now
  const since = day.cashSinceCountMinor ?? 0;
  if (since !== 0) return html`<td class="warn wrap">${m.cashCountedBefore(`${since > 0 ? '+' : '−'}${money(Math.abs(since), currency, lang)}`)}</td>`;
  if (difference === 0) return html`<td class="ok">${m.cashExact}</td>`;
  const amount = money(Math.abs(difference), currency, lang);
  return difference < 0 ? html`<td class="bad">${m.cashShort(amount)}</td>` : html`<td class="warn">${m.cashOver(amount)}</td>`;
}

function pushStatus(shop: SyncShopSummary, now: Date, m: OwnerMessages): Html {
  if (!shop.lastPushAt) return html`<p class="warn">${m.neverPushed}</p>`;
  const minutes = minutesSince(shop.lastPushAt, now);
  if (minutes >= STALE_AFTER_MINUTES) return html`<p class="warn" data-testid="stale">${m.stale(m.duration(minutes))}</p>`;
  return html`<p class="muted">${m.pushedAgo(m.ago(minutes))}</p>`;
}

function shopSection(shop: SyncShopSummary, now: Date, lang: Lang, m: OwnerMessages): Html {
  const max = Math.max(0, ...shop.days.map((d) => d.takingsMinor));
  const days = shop.days.length
    ? html`<table>
<thead><tr><th>${m.day}</th><th class="num">${m.takings}</th><th class="bar"></th><th class="num">${m.receipts}</th><th class="num wide">${m.basket}</th><th>${m.cash}</th></tr></thead>
<tbody>${shop.days.map(
        (d) => html`<tr><td>${dayLabel(d.date, lang)}</td><td class="num">${money(d.takingsMinor, shop.currency, lang)}</td><td class="bar">${bar(d.takingsMinor, max)}</td><td class="num">${d.receipts}</td><td class="num wide">${d.receipts > 0 ? money(Math.round(d.salesMinor / d.receipts), shop.currency, lang) : '—'}</td>${cashCell(d, shop.currency, lang, m)}</tr>`,
      )}</tbody>
</table>`
    : html`<p class="muted">${m.noSales}</p>`;
  const missing = shop.outOfStockSelling;
  const outOfStock = missing.products.length
    ? html`<h3 class="bad">${m.missingTitle}</h3>
<p class="muted">${m.missingWindow}</p>
<table data-testid="missing-${shop.id}">
<thead><tr><th>${m.product}</th><th class="num">${m.sold}</th><th class="num">${m.takings}</th><th>${m.lastSold}</th></tr></thead>
<tbody>${missing.products.map(
        (p) => html`<tr><td>${p.name}</td><td class="num">${quantityText(p.quantityMilli / 1000, p.unit, lang, 3)}</td><td class="num">${money(p.takingsMinor, shop.currency, lang)}</td><td>${dayLabel(p.lastSold, lang)}</td></tr>`,
      )}</tbody>
</table>
${missing.count > missing.products.length ? html`<p class="muted">${m.andMore(missing.count - missing.products.length)}</p>` : null}`
    : null;
  const top = shop.topSellers.length
    ? html`<h3>${m.topTitle}</h3>
<table data-testid="top-${shop.id}">
<thead><tr><th>${m.product}</th><th class="num">${m.sold}</th><th class="num">${m.takings}</th></tr></thead>
<tbody>${shop.topSellers.map((p) => html`<tr><td>${p.name}</td><td class="num">${quantityText(p.quantityMilli / 1000, p.unit, lang, 3)}</td><td class="num">${money(p.takingsMinor, shop.currency, lang)}</td></tr>`)}</tbody>
</table>`
    : null;
  const expiring = expiringLots(shop, now, lang, m);
  return html`<section aria-labelledby="shop-${shop.id}" data-testid="shop-${shop.id}">
<h2 id="shop-${shop.id}">${shop.name}</h2>
${shop.reportedName && shop.reportedName !== shop.name ? html`<p class="muted">${m.shopCalls(shop.reportedName)}</p>` : null}
${pushStatus(shop, now, m)}
${shop.futureDated && shop.futureDated.receipts > 0 ? html`<p class="warn" data-testid="future-${shop.id}">${m.futureDated(shop.futureDated.receipts, shop.futureDated.lastDate ? datedFormats[lang].format(new Date(`${shop.futureDated.lastDate}T00:00:00Z`)) : '—')}</p>` : null}
<p class="facts"><span>${m.stockValue(money(shop.stockValueMinor, shop.currency, lang))}</span><span>${m.products(shop.products)}</span><span class="${shop.outOfStock > 0 ? 'bad' : 'muted'}">${m.outOfStock(shop.outOfStock)}</span><span class="${shop.voided.count > 0 ? 'warn' : 'muted'}">${shop.voided.count > 0 ? m.voided(shop.voided.count, money(shop.voided.amountMinor, shop.currency, lang)) : m.noVoids}</span><span class="${shop.expiring.count > 0 ? 'warn' : 'muted'}">${m.expiringFact(shop.expiring.count, shop.expiring.withinDays)}</span></p>
${days}
${outOfStock}
${expiring}
${top}
</section>`;
}

/** The shop's lots expired or expiring soon, earliest first: money to sell first or to write off. */
function expiringLots(shop: SyncShopSummary, now: Date, lang: Lang, m: OwnerMessages): Html | null {
  const { lots, count, valueMinor, withinDays } = shop.expiring;
  if (lots.length === 0) return null;
  const today = now.toISOString().slice(0, 10);
  return html`<h3 class="warn">${m.expiringTitle(withinDays)}</h3>
<p class="muted">${m.expiringWhy(count, money(valueMinor, shop.currency, lang))}</p>
<table data-testid="expiring-${shop.id}">
<thead><tr><th>${m.product}</th><th>${m.lot}</th><th>${m.expiry}</th><th class="num">${m.inStock}</th><th class="num wide">${m.valueAtCost}</th></tr></thead>
<tbody>${lots.map(
    (l) => html`<tr><td>${l.name}</td><td>${l.lot}</td>${l.expiry < today ? html`<td class="bad">${m.expired(dayLabel(l.expiry, lang))}</td>` : html`<td>${dayLabel(l.expiry, lang)}</td>`}<td class="num">${quantityText(l.quantityMilli / 1000, l.unit, lang, 3)}</td><td class="num wide">${money(l.valueMinor, shop.currency, lang)}</td></tr>`,
  )}</tbody>
</table>
${count > lots.length ? html`<p class="muted">${m.andMore(count - lots.length)}</p>` : null}`;
}

/** One table of every shop at a glance: its last day, its 7 days, its stock, its last push. */
function overview(shops: SyncShopSummary[], now: Date, lang: Lang, m: OwnerMessages): Html {
  return html`<section data-testid="overview">
<h2>${m.yourShops}</h2>
<table>
<thead><tr><th>${m.shop}</th><th>${m.lastDay}</th><th class="num">${m.takings}</th><th class="num">${m.sevenDays}</th><th class="num wide">${m.stockAtCost}</th><th class="wide">${m.lastPush}</th></tr></thead>
<tbody>${shops.map((s) => {
    const last = s.days[0];
    const week = s.days.reduce((sum, d) => sum + d.takingsMinor, 0);
    const minutes = s.lastPushAt ? minutesSince(s.lastPushAt, now) : null;
    return html`<tr><td><a href="#shop-${s.id}">${s.name}</a></td><td>${last ? dayLabel(last.date, lang) : '—'}</td><td class="num">${last ? money(last.takingsMinor, s.currency, lang) : '—'}</td><td class="num">${money(week, s.currency, lang)}</td><td class="num wide">${money(s.stockValueMinor, s.currency, lang)}</td><td class="wide${minutes === null || minutes >= STALE_AFTER_MINUTES ? ' warn' : ''}">${minutes === null ? '—' : m.ago(minutes)}</td></tr>`;
  })}</tbody>
</table>
</section>`;
}

/** Per currency shared by two shops or more: each day's takings and receipts summed over them. */
function totalsByCurrency(shops: SyncShopSummary[], lang: Lang, m: OwnerMessages): Html[] {
  const byCurrency = new Map<string, SyncShopSummary[]>();
  for (const s of shops) if (s.currency) byCurrency.set(s.currency, [...(byCurrency.get(s.currency) ?? []), s]);
  return [...byCurrency.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([currency, list]) => {
      const days = new Map<string, { takings: number; receipts: number; shops: number }>();
      for (const s of list)
        for (const d of s.days) {
          const t = days.get(d.date) ?? { takings: 0, receipts: 0, shops: 0 };
          days.set(d.date, { takings: t.takings + d.takingsMinor, receipts: t.receipts + d.receipts, shops: t.shops + 1 });
        }
      const rows = [...days.entries()].sort(([a], [b]) => b.localeCompare(a)).slice(0, 7);
      const max = Math.max(0, ...rows.map(([, t]) => t.takings));
      // FCFA is the symbol of both XOF and XAF: the code tells the two sections apart
      const symbol = Object.hasOwn(CURRENCIES, currency) ? `${CURRENCIES[currency as CurrencyCode].symbol} (${currency})` : currency;
      return html`<section data-testid="totals-${currency}">
<h2>${m.allShops(symbol)}</h2>
<table>
<thead><tr><th>${m.day}</th><th class="num">${m.takings}</th><th class="bar"></th><th class="num">${m.receipts}</th><th class="num">${m.shopsSelling}</th></tr></thead>
<tbody>${rows.map(([date, t]) => html`<tr><td>${dayLabel(date, lang)}</td><td class="num">${money(t.takings, currency, lang)}</td><td class="bar">${bar(t.takings, max)}</td><td class="num">${t.receipts}</td><td class="num">${t.shops} / ${list.length}</td></tr>`)}</tbody>
</table>
</section>`;
    });
}

/** The owner's page: every shop, then the shops' totals per currency, then each shop in detail. */
export function shopsPage(lang: Lang, shops: SyncShopSummary[], now: Date): string {
  const m = MESSAGES[lang];
  const nav = html`<a href="/?lang=${lang}">${m.refresh}</a><form method="post" action="/logout?lang=${lang}"><button type="submit">${m.signOut}</button></form>`;
  const body = shops.length
    ? html`${overview(shops, now, lang, m)}${totalsByCurrency(shops, lang, m)}${shops.map((s) => shopSection(s, now, lang, m))}`
    : html`<section><p>${m.noShops}</p></section>`;
  return layout(lang, m, body, nav);
}
