import { describe, expect, it } from 'vitest';
import { CSP } from '../../src/main/security/csp';
import {
  externalUrlToOpen,
  isAppUrl,
  permissionAllowed,
  permissionCheckAllowed,
  secureWebPreferences,
  senderAllowed,
  shouldBlockNavigation,
  webviewAttachAllowed,
  windowChrome,
  windowOpenDecision,
} from '../../src/main/security/policy';

// The Electron binary cannot run here: these are the functions window.ts and ipc/register.ts wire into
// BrowserWindow and ipcMain, tested as plain functions.
const APP = 'file:///opt/Shelfcast/resources/app.asar/out/renderer/index.html';

describe('Electron security policy (plain functions; Electron itself is not run here)', () => {
  it('window: context isolation, sandbox, no Node in the page, web security on', () => {
    expect(secureWebPreferences('/p/preload.js', true)).toEqual({
      preload: '/p/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
    });
  });

  it('packaged app: no application menu (Reload, Toggle Developer Tools) and no developer tools; a development build keeps both (Electron not run here)', () => {
    expect(windowChrome(true)).toEqual({ applicationMenu: false, devTools: false });
    expect(secureWebPreferences('/p/preload.js', true).devTools).toBe(false);
    expect(windowChrome(false)).toEqual({ applicationMenu: true, devTools: true });
    expect(secureWebPreferences('/p/preload.js', false).devTools).toBe(true);
  });

  it('a server redirect out of the app is blocked like a navigation (will-redirect; Electron not run here)', () => {
    expect(shouldBlockNavigation('https://evil.example/phish', 'http://localhost:5173/')).toBe(true);
    expect(shouldBlockNavigation('http://localhost:5173/#/sell', 'http://localhost:5173/')).toBe(false);
    expect(shouldBlockNavigation('data:text/html,<h1>x</h1>', APP)).toBe(true);
  });

  it('navigation stays inside the app', () => {
    expect(shouldBlockNavigation(`${APP}#/stock`, APP)).toBe(false);
    expect(shouldBlockNavigation('https://evil.example/', APP)).toBe(true);
    expect(shouldBlockNavigation('file:///etc/passwd', APP)).toBe(true);
    expect(shouldBlockNavigation('http://localhost:5173/#/x', 'http://localhost:5173/')).toBe(false);
    expect(shouldBlockNavigation('http://localhost:5174/', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('not a url', APP)).toBe(false);
  });

  it('a file: URL on another host is not the app, even with the same path (UNC page on a remote machine)', () => {
    const win = 'file:///C:/Program%20Files/Shelfcast/resources/app.asar/out/renderer/index.html';
    const remote = 'file://attacker.example/C:/Program%20Files/Shelfcast/resources/app.asar/out/renderer/index.html';
    expect(isAppUrl(remote, win)).toBe(false);
    expect(shouldBlockNavigation(remote, win)).toBe(true);
    expect(senderAllowed(remote, true, win)).toBe(false);
    expect(isAppUrl('file://evil-host/opt/Shelfcast/resources/app.asar/out/renderer/index.html', APP)).toBe(false);
    expect(isAppUrl(`${APP}#/sell`, APP)).toBe(true);
    expect(isAppUrl(win, win)).toBe(true);
  });

  it('window.open is always denied in any web contents; only https links go to the system browser', () => {
    expect(windowOpenDecision('https://shelfcast.app/help')).toEqual({ action: 'deny', openExternally: 'https://shelfcast.app/help' });
    expect(windowOpenDecision('file:///C:/Windows/system32/calc.exe')).toEqual({ action: 'deny', openExternally: null });
    // plain http could be changed on the way; the app has no mailto: or tel: links
    expect(windowOpenDecision('http://shelfcast.app/help')).toEqual({ action: 'deny', openExternally: null });
    expect(externalUrlToOpen('mailto:owner@example.com')).toBeNull();
    expect(externalUrlToOpen('tel:+221770000000')).toBeNull();
    expect(externalUrlToOpen('javascript:alert(1)')).toBeNull();
    expect(externalUrlToOpen('smb://server/share')).toBeNull();
  });

  it('denies every permission request and every permission check; never attaches a webview (Electron not run here)', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) expect(permissionAllowed(p)).toBe(false);
    for (const p of ['media', 'notifications', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fullscreen']) expect(permissionCheckAllowed(p)).toBe(false);
    expect(webviewAttachAllowed()).toBe(false);
  });

  it('accepts IPC only from the app top frame', () => {
    expect(senderAllowed(APP, true, APP)).toBe(true);
    expect(senderAllowed(APP, false, APP)).toBe(false);
    expect(senderAllowed('https://evil.example/', true, APP)).toBe(false);
    expect(senderAllowed(undefined, true, APP)).toBe(false);
  });

  it('CSP: scripts only from the app, no objects, no framing, no eval', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).toMatch(/script-src 'self';/);
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
  });
});
