import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Core } from '../../src/main/core';
import { startWebServer, type WebServer } from '../../src/main/web/server';
import type { UserRecord } from '../../src/shared/domain/user';
import { must, openTestCore, ownerPin, tempDir } from '../helpers/core';

export const RENDERER = join(__dirname, '..', '..', 'out', 'renderer');
/** Where the tests' screenshots go. */
export const SHOTS = join(__dirname, '..', '..', 'test-results');
/** A text as the screen shows it, with the narrow and plain no-break spaces of French numbers as spaces. */
export const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH');
  return found;
}

export interface Session {
  core: Core;
  web: WebServer;
  browser: Browser;
  page: Page;
  dir: string;
  close(): Promise<void>;
}

/** The real core and browser-mode server on a fresh database, and Chromium on its URL; `now` moves the core's clock. */
export async function openApp(options: { now?: () => Date } = {}): Promise<Session> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` before the e2e tests');
  const tmp = tempDir('shelfcast-e2e-');
  const core = openTestCore(tmp.dir, options.now);
  const web = await startWebServer(core, { rendererFolder: RENDERER });
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'fr-FR' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(web.url);
  return {
    core,
    web,
    browser,
    page,
    dir: tmp.dir,
    async close() {
      await browser.close();
      await web.close();
      core.close();
      tmp.cleanup();
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    },
  };
}

/** A product for openTill: its SKU, name, shelf price and barcode; 50 of it on the shelf. */
export type TillProduct = readonly [sku: string, name: string, priceMinor: number, barcode: string];

/** A shop with these products in stock, open on the Sell screen with the cursor in the scan box. */
export async function openTill(products: readonly TillProduct[]): Promise<Session> {
  const s = await openApp();
  for (const [sku, name, priceMinor, barcode] of products) {
    const p = await must<{ id: number }>(s.core.call('products.save', { sku, name, priceMinor, barcodes: [barcode] }));
    await must(s.core.call('ledger.record', { lines: [{ productId: p.id, kind: 'receipt', quantity: 50 }] }));
  }
  await reloadOnTill(s.page);
  return s;
}

/** The app loaded again (to read what the test wrote in the core), on the Sell screen, the scan box ready. */
export async function reloadOnTill(page: Page): Promise<void> {
  await page.reload();
  await page.getByTestId('nav-sell').waitFor();
  await page.keyboard.press('Alt+1');
  await page.getByRole('textbox', { name: /Scanner un article/ }).waitFor();
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * A keyboard-wedge scanner: the code's characters then Enter, stamped 5 ms apart on the events' own
 * clock. The app tells a scan from typing by those stamps, so a loaded machine that handles each key
 * slowly cannot turn a scan into typing; the keys are still paced ~5 ms apart in real time, so the
 * page moves on between them as it does under a real scanner.
 */
export async function scan(page: Page, code: string): Promise<void> {
  let cdp = sessions.get(page);
  if (!cdp) sessions.set(page, (cdp = page.context().newCDPSession(page)));
  const session = await cdp;
  const start = Date.now() / 1000;
  const keys = [...code, 'Enter'];
  for (const [i, key] of keys.entries()) {
    const timestamp = start + i * 0.005;
    const enter = key === 'Enter';
    const text = enter ? '\r' : key;
    const keyCode = enter ? 13 : key.toUpperCase().charCodeAt(0);
    const codeName = enter ? 'Enter' : /\d/.test(key) ? `Digit${key}` : /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : '';
    const common = { key, code: codeName, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
    await session.send('Input.dispatchKeyEvent', { type: 'keyDown', text, unmodifiedText: text, timestamp, ...common });
    await session.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: timestamp + 0.001, ...common });
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Closes every notification on screen, for a screenshot without them. One at a time, the first each
 * time: a notification closing on its own timer while the others are clicked must not fail the test. One
 * that comes while they are closed (the answer to a save just clicked, or one Mantine had queued behind
 * the limit of 3 on screen) is closed too, rather than failing the wait for none.
 */
export async function closeNotifications(page: Page): Promise<void> {
  const notes = page.locator('.mantine-Notification-root');
  await expect
    .poll(
      async () => {
        if ((await notes.count()) > 0) await notes.first().locator('.mantine-CloseButton-root').click({ timeout: 1000 }).catch(() => undefined);
        return notes.count();
      },
      { timeout: 10_000 },
    )
    .toBe(0);
}

/** The cashier Fatou (PIN 4821, given after the owner's PIN) now at the till: the page reloaded as her. */
export async function asCashier(s: Session): Promise<UserRecord> {
  await ownerPin(s.core);
  const fatou = await must<UserRecord>(s.core.call('users.save', { name: 'Fatou', role: 'cashier', pin: '4821' }));
  s.core.services.session.actAs({ id: fatou.id, name: fatou.name, role: fatou.role });
  await s.page.reload();
  return fatou;
}

/** At the lock screen: picks who is there, types the PIN, and waits for the app behind it. */
export async function logIn(page: Page, who: string, pin: string): Promise<void> {
  await page.getByTestId('login-user').click();
  await page.getByRole('option', { name: who }).click();
  await page.getByTestId('login-pin').fill(pin);
  await page.keyboard.press('Enter');
  await page.getByTestId('current-user').waitFor();
}

/** Alt+L, as the person at the till does, and the lock screen shown. */
export async function lock(page: Page): Promise<void> {
  await page.keyboard.press('Alt+L');
  await page.getByTestId('lock-screen').waitFor();
}

/** A network thermal printer (raw port 9100 protocol): it keeps every job it is sent. */
export async function networkPrinter(): Promise<{ url: string; jobs: string[]; server: Server }> {
  const jobs: string[] = [];
  const server = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => jobs.push(Buffer.concat(chunks).toString('latin1')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`, jobs, server };
}
