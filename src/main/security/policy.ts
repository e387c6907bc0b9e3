/**
 * Electron's security checklist as plain functions, so they are tested under Node; window.ts wires
 * them into the BrowserWindow and its webContents.
 */
export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  spellcheck: false;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** The app's own pages are the only places the window may show. */
export function isAppUrl(target: string, appUrl: string): boolean {
  try {
    const t = new URL(target);
    const a = new URL(appUrl);
    // a file: URL with a host is a file on another machine (a UNC share), never the app's own page
    if (a.protocol === 'file:') return t.protocol === 'file:' && t.host === '' && t.pathname === a.pathname;
    return t.origin === a.origin;
  } catch {
    return false;
  }
}

/** Links to the web open in the user's browser, and only http(s) ones. */
export function externalUrlToOpen(target: string): string | null {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Denies navigation away from the app; returns whether the event must be prevented. */
export function shouldBlockNavigation(target: string, appUrl: string): boolean {
  return !isAppUrl(target, appUrl);
}

/** window.open is always denied; an http(s) link is handed to the system browser instead. */
export function windowOpenDecision(target: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalUrlToOpen(target) };
}

/** Every permission (camera, notifications from web content, geolocation...) is refused by default. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** IPC is only accepted from the app's own top frame. */
export function senderAllowed(senderUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  return isMainFrame && senderUrl !== undefined && isAppUrl(senderUrl, appUrl);
}
