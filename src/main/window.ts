import { app, BrowserWindow, Menu, session, shell, type WebContents } from 'electron';
import { join } from 'node:path';
import { CSP } from './security/csp';
import {
  permissionAllowed,
  permissionCheckAllowed,
  secureWebPreferences,
  shouldBlockNavigation,
  webviewAttachAllowed,
  windowChrome,
  windowOpenDecision,
} from './security/policy';

export function appUrlFor(rendererFolder: string, devServer: string | undefined): string {
  return devServer ?? `file://${join(rendererFolder, 'index.html')}`;
}

const guarded = new WeakSet<WebContents>();

/** The rules of security/policy on one web contents: it stays on the app's pages, opens no window, attaches no webview. */
function guardContents(contents: WebContents, appUrl: string): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  contents.on('will-navigate', (event) => {
    if (shouldBlockNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (shouldBlockNavigation(event.url, appUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    if (!webviewAttachAllowed()) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
}

let hardened = false;

/** Once per run, before the first window: menu, permissions, CSP, and the guards on every web contents to come. */
function hardenApp(appUrl: string): void {
  if (hardened) return;
  hardened = true;
  // on macOS, copy and paste in fields go through the Edit menu: a menu of those alone, no Reload nor devTools
  if (!windowChrome(app.isPackaged).applicationMenu)
    Menu.setApplicationMenu(process.platform === 'darwin' ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }]) : null);
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permissionCheckAllowed(permission));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, appUrl));
}

export function createMainWindow(options: { preload: string; appUrl: string }): BrowserWindow {
  hardenApp(options.appUrl);
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Shelfcast',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preload, app.isPackaged),
  });
  // 'web-contents-created' covers it already; said again so the main window never depends on that
  guardContents(win.webContents, options.appUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.appUrl);
  return win;
}
