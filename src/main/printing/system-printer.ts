/** A printer known to the operating system. */
export interface SystemPrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}

/**
 * Silent printing through the operating system's printer drivers. Only the Electron app has one
 * (src/main/printing/electron-printer.ts); the browser mode and the CLIs run without.
 */
export interface SystemPrinter {
  list(): Promise<SystemPrinterInfo[]>;
  /** Prints an HTML page on `deviceName` ('' = the default printer) without a dialog. */
  printHtml(html: string, options: { deviceName: string; widthMm: number; heightMm: number }): Promise<void>;
}
