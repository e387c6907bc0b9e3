import type { CurrencyCode } from './money';
import type { NegativeStockPolicy } from './movement';

export type Locale = 'fr' | 'en';

/**
 * Where a receipt goes: 'pdf' (saved or opened as a PDF, works everywhere), 'system' (the chosen
 * printer through the operating system, silently; desktop app only) or 'escpos' (raw ESC/POS bytes
 * straight to a thermal printer: a device path, a Windows share or tcp://host:port).
 */
export const RECEIPT_OUTPUTS = ['pdf', 'system', 'escpos'] as const;
export type ReceiptOutput = (typeof RECEIPT_OUTPUTS)[number];

export interface ShopSettings {
  shopName: string;
  address: string;
  phone: string;
  taxId: string;
  currency: CurrencyCode;
  locale: Locale;
  negativeStock: NegativeStockPolicy;
  /** Local hour (0..MAX_DAY_END_HOUR) the business day ends at: sales before it count for the day before; 0 = midnight. */
  dayEndHour: number;
  /** Local hour (0..23) at which the nightly forecast runs; missed nights catch up at start. */
  forecastHour: number;
  /** Shop logo as a data URL (PNG or JPEG), printed on purchase orders; '' for none. */
  logo: string;
  /** Replenishment: default target service level (0.5..0.999), and per ABC class (null = the default). */
  serviceLevel: number;
  serviceLevelA: number | null;
  serviceLevelB: number | null;
  serviceLevelC: number | null;
  /** Days between two chances to order (1 = every day). */
  reviewDays: number;
  /** Alert thresholds, in days: overstock above this cover, dead stock without a sale, lots expiring within. */
  overstockDays: number;
  deadStockDays: number;
  expiryWarnDays: number;
  /** Anomaly when a day's sales exceed this many times the forecast's P90 (or fall below P10 divided by it). */
  anomalyFactor: number;
  /** Desktop notification (at most one digest an hour) for critical alerts. */
  notifyCritical: boolean;
  receiptOutput: ReceiptOutput;
  /** The system printer's name ('' = the default printer), for receiptOutput 'system'. */
  receiptPrinter: string;
  /** The raw printer for receiptOutput 'escpos': /dev/usb/lp0, COM3, a Windows share or tcp://192.168.1.50:9100 (see domain/printer). */
  escposTarget: string;
  receiptWidth: 80 | 58;
  /**
   * Characters per line of an 80 mm raw printer in its standard font: 48 on most (576 dots: Epson
   * TM-T20/T88 and their clones), 42 on narrower print heads (512 dots). 58 mm rolls always take 32.
   */
  escposColumns: 42 | 48;
  /** Print every receipt as soon as the sale is paid (otherwise on request). */
  autoPrint: boolean;
  /** Open the cash drawer (ESC/POS pulse) when a sale is paid in cash. */
  drawerKick: boolean;
  /** Lock the till after this many minutes without a key, click or touch, once anybody has a PIN; 0 = never. */
  autoLockMinutes: number;
  /** A folder each backup is also copied to (a USB key, a shared drive): an absolute path, '' for none. */
  backupFolder: string;
}

/**
 * Settings that belong to the PC rather than to the shop's history: its printer and its folder for
 * backup copies. A restore keeps them as this PC had them (with its central server's address and key).
 */
export const MACHINE_SETTINGS = ['receiptOutput', 'receiptPrinter', 'escposTarget', 'receiptWidth', 'escposColumns', 'autoPrint', 'drawerKick', 'backupFolder'] as const satisfies readonly (keyof ShopSettings)[];

/** The field message for a backup folder that is not a full path (translated by the renderer). */
export const BACKUP_FOLDER_ERROR = 'expected a full folder path (E:\\Sauvegardes, /media/usb)';

/** An absolute folder on Windows (E:\\, \\\\server\\share) or Linux and macOS (/media/usb); no '..' in it. */
export function isAbsoluteFolder(raw: string): boolean {
  const text = raw.trim();
  if (text.split(/[\\/]/).includes('..')) return false;
  return /^[A-Za-z]:[\\/]/.test(text) || /^\\\\[^\\/]+[\\/][^\\/]+/.test(text) || text.startsWith('/');
}

export const DEFAULT_SETTINGS: ShopSettings = {
  shopName: 'Ma boutique',
  address: '',
  phone: '',
  taxId: '',
  currency: 'XOF',
  locale: 'fr',
  negativeStock: 'warn',
  dayEndHour: 0,
  forecastHour: 2,
  logo: '',
  serviceLevel: 0.95,
  serviceLevelA: null,
  serviceLevelB: null,
  serviceLevelC: null,
  reviewDays: 1,
  overstockDays: 90,
  deadStockDays: 60,
  expiryWarnDays: 30,
  anomalyFactor: 2,
  notifyCritical: true,
  receiptOutput: 'pdf',
  receiptPrinter: '',
  escposTarget: '',
  receiptWidth: 80,
  // the safe choice: 42 columns print whole on either print head, 48 would wrap on a narrow one
  escposColumns: 42,
  autoPrint: false,
  drawerKick: false,
  autoLockMinutes: 10,
  backupFolder: '',
};
