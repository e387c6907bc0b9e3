import type { SystemPrinter, SystemPrinterInfo } from './system-printer';

/** The part of an Electron BrowserWindow that printing uses (a hidden, script-less window). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  webContents: {
    print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void;
    getPrintersAsync(): Promise<{ name: string; displayName: string; isDefault?: boolean }[]>;
  };
}

/** Options for the hidden print window: nothing runs in it, and it is never shown. */
export const PRINT_WINDOW_OPTIONS = {
  show: false,
  webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
} as const;

/**
 * Silent printing with Electron: each receipt is loaded as a data: URL into a hidden window without
 * JavaScript and printed with no dialog on the chosen printer, at the roll's width, then the window
 * is destroyed. `newWindow` is `(o) => new BrowserWindow(o)` in the app.
 */
export function electronSystemPrinter(newWindow: (options: typeof PRINT_WINDOW_OPTIONS) => PrintWindow): SystemPrinter {
  return {
    async list(): Promise<SystemPrinterInfo[]> {
      const win = newWindow(PRINT_WINDOW_OPTIONS);
      try {
        const printers = await win.webContents.getPrintersAsync();
        return printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: Boolean(p.isDefault) }));
      } finally {
        win.destroy();
      }
    },
    async printHtml(html, { deviceName, widthMm, heightMm }): Promise<void> {
      const win = newWindow(PRINT_WINDOW_OPTIONS);
      try {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        await new Promise<void>((resolve, reject) => {
          win.webContents.print(
            {
              silent: true,
              deviceName: deviceName || undefined,
              printBackground: false,
              margins: { marginType: 'none' },
              // microns; Chromium refuses pages under 353 microns
              pageSize: { width: Math.round(widthMm * 1000), height: Math.max(353, Math.round(heightMm * 1000)) },
            },
            (success, failureReason) => (success ? resolve() : reject(new Error(failureReason || 'the print job was not accepted'))),
          );
        });
      } finally {
        win.destroy();
      }
    },
  };
}
