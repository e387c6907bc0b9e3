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
  devTools: boolean;
}

/**
 * What the packaged app lets a user reach beside the pages: no application menu (Electron's default one
 * carries Reload, which drops the Sell cart, and Toggle Developer Tools) and no developer tools. A
 * development build keeps both.
 */
export function windowChrome(isPackaged: boolean): { applicationMenu: boolean; devTools: boolean } {
  return { applicationMenu: !isPackaged, devTools: !isPackaged };
}

export function secureWebPreferences(preload: string, isPackaged: boolean): SecureWebPreferences {
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
    devTools: windowChrome(isPackaged).devTools,
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

/**
 * Links to the web open in the user's browser, and only https ones: a plain http link could be changed
 * on the way. The app has no mailto: or tel: links.
 */
export function externalUrlToOpen(target: string): string | null {
  try {
    const url = new URL(target);
    return url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/**
 * Denies navigation away from the app, and a server redirect out of it alike (will-navigate and
 * will-redirect); returns whether the event must be prevented.
 */
export function shouldBlockNavigation(target: string, appUrl: string): boolean {
  return !isAppUrl(target, appUrl);
}

/** window.open is always denied, in any web contents; an https link is handed to the system browser instead. */
export function windowOpenDecision(target: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalUrlToOpen(target) };
}

/** Every permission (camera, notifications from web content, geolocation...) is refused by default. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/**
 * Every permission check (what navigator.permissions and device APIs such as WebHID, WebSerial or
 * WebUSB ask before requesting) answers no as well: the pages use none, and desktop notifications
 * come from main.
 */
export function permissionCheckAllowed(_permission: string): boolean {
  return false;
}

/**
 * Guards for every web contents the app gets (app 'web-contents-created'): the main window, the hidden
 * print windows main opens, and anything a page might try to create. No <webview> is ever attached (the
 * tag is off in the window's preferences; this refuses it whatever a page or a later change sets), and
 * a page never opens a window of its own.
 */
export function webviewAttachAllowed(): boolean {
  return false;
}

/** IPC is only accepted from the app's own top frame. */
export function senderAllowed(senderUrl: string | undefined, isMainFrame: boolean, appUrl: string): boolean {
  return isMainFrame && senderUrl !== undefined && isAppUrl(senderUrl, appUrl);
}
