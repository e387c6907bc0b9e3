import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { CSP } from './security/csp';
import { permissionAllowed, secureWebPreferences, shouldBlockNavigation, windowOpenDecision } from './security/policy';

export function appUrlFor(rendererFolder: string, devServer: string | undefined): string {
  return devServer ?? `file://${join(rendererFolder, 'index.html')}`;
}

export function createMainWindow(options: { preload: string; appUrl: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Shelfcast',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preload),
  });

  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionAllowed(permission)));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (shouldBlockNavigation(url, options.appUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(decision.openExternally);
    return { action: decision.action };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.appUrl);
  return win;
}
