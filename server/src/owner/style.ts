import { createHash } from 'node:crypto';

/**
 * The page's only style, inline so a phone on a poor connection loads the page in one request; the
 * Content-Security-Policy allows exactly this text by its hash, and no script at all.
 */
export const OWNER_CSS = `
:root { color-scheme: light; --ink: #1a1b1e; --muted: #5c5f66; --line: #dee2e6; --bar: #228be6; --bad: #c92a2a; --warn: #b35900; --ok: #2b8a3e; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f8f9fa; }
header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; justify-content: space-between; padding: 12px 16px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.2rem; margin: 0; }
header nav { display: flex; gap: 12px; align-items: center; }
main { max-width: 960px; margin: 0 auto; padding: 16px; display: grid; gap: 16px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; overflow-x: auto; }
h2 { font-size: 1.1rem; margin: 0 0 4px; }
h3 { font-size: 1rem; margin: 16px 0 0; }
p { margin: 4px 0; }
.muted { color: var(--muted); }
.bad { color: var(--bad); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.ok { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin-top: 8px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { font-weight: 600; color: var(--muted); font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.wrap { white-space: normal; min-width: 11em; }
td.bar { width: 30%; min-width: 60px; }
td.bar svg { display: block; width: 100%; height: 12px; }
td.bar rect { fill: var(--bar); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 4px; }
form { display: grid; gap: 8px; max-width: 480px; }
label { font-weight: 600; }
input { font: inherit; padding: 8px 10px; border: 1px solid #adb5bd; border-radius: 6px; width: 100%; }
button { font: inherit; padding: 8px 14px; border: 0; border-radius: 6px; background: var(--bar); color: #fff; cursor: pointer; justify-self: start; }
header form { display: inline; }
header button { background: none; color: var(--bar); padding: 0; text-decoration: underline; }
a { color: var(--bar); }
.error { color: var(--bad); font-weight: 600; }
/* a phone: the bars, the average basket, and the overview's stock and last push (each card says them) give way */
@media (max-width: 600px) {
  main { padding: 8px; gap: 8px; }
  section { padding: 8px 10px; }
  th, td { padding: 5px 4px; font-size: .85rem; white-space: normal; }
  td.num { white-space: nowrap; }
  .bar, .wide { display: none; }
}
`;

export const OWNER_CSS_HASH = `'sha256-${createHash('sha256').update(OWNER_CSS, 'utf8').digest('base64')}'`;

/** Nothing runs on the page, nothing is framed, forms only post back here. */
export const OWNER_CSP = `default-src 'none'; style-src ${OWNER_CSS_HASH}; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;
