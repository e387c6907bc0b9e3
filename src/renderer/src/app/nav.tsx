import { createContext, useContext, useState } from 'react';
import { ALERT_GROUPS, type AlertGroup } from '../../../shared/api/contract';

export const PAGES = ['sell', 'stock', 'products', 'suppliers', 'purchasing', 'forecasts', 'alerts', 'dashboard', 'settings'] as const;
export type Page = (typeof PAGES)[number];

/**
 * What a page can be opened on besides its name, carried in the hash: `#/purchasing?product=12`.
 * A page reads its target once, when it opens (App shows the page afresh for each new target).
 */
export interface PageTargets {
  /** Stock › levels showing only the products at 0 or below. */
  stock: { show?: 'out' };
  /** Achats › À commander with this product brought into view; or this order opened. */
  purchasing: { product?: number; order?: number };
  /** Products, searched for this product. */
  products: { product?: number };
  /** Alerts of one group of types. */
  alerts: { group?: AlertGroup };
}
type Targeted = keyof PageTargets;

/** A page and what to open it on: `{ page: 'purchasing', product: 12 }`. */
export type Target = { [P in Targeted]: { page: P } & PageTargets[P] }[Targeted] | { page: Exclude<Page, Targeted> };

const positiveId = (v: string | null): number | undefined => (v !== null && /^[1-9]\d{0,14}$/.test(v) ? Number(v) : undefined);
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Each page's target read from the query (what does not parse is left out: a page opens plain). */
const PARSE: { [P in Targeted]: (q: URLSearchParams) => PageTargets[P] } = {
  stock: (q) => (q.get('show') === 'out' ? { show: 'out' } : {}),
  purchasing: (q) => defined({ product: positiveId(q.get('product')), order: positiveId(q.get('order')) }),
  products: (q) => defined({ product: positiveId(q.get('product')) }),
  alerts: (q) => {
    const group = q.get('group');
    return (ALERT_GROUPS as readonly string[]).includes(group ?? '') ? { group: group as AlertGroup } : {};
  },
};

/** The hash that opens a target: `#/stock?show=out`, `#/alerts`. */
export function hrefOf(target: Target): string {
  const { page, ...rest } = target;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) query.set(k, String(v));
  const q = query.toString();
  return `#/${page}${q ? `?${q}` : ''}`;
}

/** The page a hash names (the catalogue when it names none) and its query, as written. */
export interface Route {
  page: Page;
  query: string;
}

export function routeOf(hash: string): Route {
  const [name = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return (PAGES as readonly string[]).includes(name) ? { page: name as Page, query } : { page: 'products', query: '' };
}

/** What `route` opens `page` on; nothing when it names another page. */
export function targetOf<P extends Targeted>(route: Route, page: P): PageTargets[P] {
  if (route.page !== page) return {} as PageTargets[P];
  return PARSE[page](new URLSearchParams(route.query));
}

/** Opens a page on a target, from anywhere: the hash changes and App shows the page. */
export function openTarget(target: Target): void {
  window.location.hash = hrefOf(target).slice(1);
}

/**
 * The target is dealt with (the owner cleared the filter, went back to the list): the hash names the
 * page alone again, so that a reload opens it plain. Changes no page.
 */
export function clearTarget(page: Page): void {
  if (window.location.hash !== `#/${page}`) history.replaceState(history.state, '', `#/${page}`);
}

export const RouteContext = createContext<Route>({ page: 'products', query: '' });

/** The target this page was opened on, read once when it opens. */
export function useTarget<P extends Targeted>(page: P): PageTargets[P] {
  const route = useContext(RouteContext);
  const [target] = useState(() => targetOf(route, page));
  return target;
}
