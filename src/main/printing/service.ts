import { AppError } from '../../shared/api/result';
import { priceCart } from '../../shared/domain/cart';
import { parsePrinterTarget, type PrinterTarget } from '../../shared/domain/printer';
import type { CompletedSale, ReceiptDocument } from '../../shared/domain/sale';
import type { ReceiptOutput, ShopSettings } from '../../shared/domain/settings';
import { inTransaction } from '../db/tx';
import { Journal } from '../services/audit/journal';
import type { Actor, ServiceDeps } from '../services/context';
import type { ReceiptSource, SalesDayService } from '../services/journal/day';
import { loadSale } from '../services/pos/journal';
import { receiptEscPos, type PaperWidth } from '../services/pos/receipt';
import { NotAPrinter, notAPrinterError, PrinterUnreachable, sendRaw } from './raw';
import { receiptHtml } from './receipt-html';
import type { SystemPrinter, SystemPrinterInfo } from './system-printer';

export interface PrintConfig {
  receiptOutput: ReceiptOutput;
  receiptPrinter: string;
  escposTarget: string;
  receiptWidth: PaperWidth;
  escposColumns: 42 | 48;
}

export interface PrintOutcome {
  /** 'pdf' means nothing was printed here: the screen offers the PDF instead. */
  via: ReceiptOutput;
  printed: boolean;
  destination: string;
  drawerOpened: boolean;
}

export interface PrintDeps extends ServiceDeps {
  settings: () => ShopSettings;
  /** The operating system's printers; null outside the Electron app. */
  system: SystemPrinter | null;
  /** A receipt printed on its own after a sale did not come out (the sale itself is safe). */
  onFailure: (receiptNo: number, message: string) => void;
  send?: (target: PrinterTarget, bytes: Buffer) => Promise<void>;
  /** Who may reprint what, and the audit of reprints: the sales journal's rules. */
  reprints: () => Pick<SalesDayService, 'checkReprint' | 'auditReprint' | 'reprint'>;
  /** The till's receipt PDFs (the first copy of the sale just committed). */
  receipts: () => ReceiptSource;
}

/**
 * How long after a sale the till may still give its first copy (unmarked, the drawer opening for cash)
 * without the reprint rules: the customer is still at the counter.
 */
export const FIRST_COPY_WINDOW_MS = 10 * 60_000;

/** The sale or return this till committed last: who rang it up, when, and whether its drawer opened. */
interface JustCommitted {
  receiptNo: number;
  userId: number;
  atMs: number;
  /** Its unmarked copy is given (on paper or as a PDF) or being printed now: any other copy is a reprint. */
  copyGiven: boolean;
  /** The drawer opened for it, or is being opened now: it opens once per sale. */
  drawerOpened: boolean;
}

const ESC_POS_DRAWER_KICK = Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]);
const paidInCash = (sale: CompletedSale): boolean => sale.tenders.some((t) => t.tender === 'cash' && t.amountMinor !== 0);

/**
 * Receipts to paper: silently to a system printer (Electron), as raw ESC/POS to a thermal printer
 * (with the cash-drawer pulse on cash sales), or not at all ('pdf': the screen offers the PDF).
 * Printing happens after the sale committed; a printer that fails never undoes or blocks a sale.
 */
export class PrintService {
  private readonly send: (target: PrinterTarget, bytes: Buffer) => Promise<void>;
  private justCommitted: JustCommitted | null = null;

  constructor(private readonly deps: PrintDeps) {
    this.send = deps.send ?? ((target, bytes) => sendRaw(target, bytes));
  }

  printers(): Promise<SystemPrinterInfo[]> {
    return this.deps.system ? this.deps.system.list() : Promise.resolve([]);
  }

  /**
   * Prints a committed receipt with the shop's settings. The first copy, unmarked (the drawer opens for
   * cash unless it already did), only for the sale this till just committed, by the same user, within
   * FIRST_COPY_WINDOW_MS; any other receipt, or `duplicate`, is a reprint: the journal's rules (a cashier
   * reprints today's only), marked DUPLICATA, never the drawer, audited.
   */
  async receipt(receiptNo: number, options: { duplicate: boolean }, actor: Actor): Promise<PrintOutcome> {
    const shop = this.deps.settings();
    const fresh = options.duplicate ? null : this.firstCopyOf(receiptNo, actor);
    if (fresh) {
      const sale = loadSale(this.deps.store.sqlite, receiptNo);
      return this.firstCopy(fresh, shop.drawerKick && paidInCash(sale), (kick) => this.print(sale, shop, shop, kick));
    }
    const allowed = this.deps.reprints().checkReprint(receiptNo, actor);
    const sale = loadSale(this.deps.store.sqlite, receiptNo);
    const outcome = await this.print(sale, shop, shop, false, true);
    if (outcome.printed) this.deps.reprints().auditReprint(allowed, { to: outcome.via, destination: outcome.destination }, actor);
    return outcome;
  }

  /**
   * A receipt as a PDF for the till's screen: the first copy of the sale it just committed (same rule as
   * receipt()), otherwise a reprint from the journal (today's only for a cashier, DUPLICATA, audited).
   */
  receiptPdf(receiptNo: number, width: PaperWidth, actor: Actor): Promise<ReceiptDocument> {
    const fresh = this.firstCopyOf(receiptNo, actor);
    if (fresh) {
      fresh.copyGiven = true;
      return this.deps.receipts().receipt(receiptNo, width, {}).catch((error: unknown) => {
        fresh.copyGiven = false;
        throw error;
      });
    }
    return this.deps.reprints().reprint(receiptNo, width, actor);
  }

  /**
   * The sale just committed, when `receiptNo` is it, rung up by `actor` a moment ago and its unmarked copy
   * not yet given; else null.
   */
  private firstCopyOf(receiptNo: number, actor: Actor): JustCommitted | null {
    const last = this.justCommitted;
    if (!last || last.copyGiven || last.receiptNo !== receiptNo || last.userId !== actor.user.id) return null;
    const age = this.deps.now().getTime() - last.atMs;
    return age >= 0 && age <= FIRST_COPY_WINDOW_MS ? last : null;
  }

  /**
   * Prints the first copy. The copy and the drawer are claimed before the printer is reached, so a
   * second request while a slow printer works is a reprint and never kicks the drawer again; a print
   * that fails gives both back (nothing came out).
   */
  private async firstCopy(fresh: JustCommitted, wantsKick: boolean, print: (kick: boolean) => Promise<PrintOutcome>): Promise<PrintOutcome> {
    const kick = wantsKick && !fresh.drawerOpened;
    fresh.copyGiven = true;
    if (kick) fresh.drawerOpened = true;
    try {
      const outcome = await print(kick);
      if (!outcome.printed) fresh.copyGiven = false;
      if (kick && !outcome.drawerOpened) fresh.drawerOpened = false;
      return outcome;
    } catch (error) {
      fresh.copyGiven = false;
      if (kick) fresh.drawerOpened = false;
      throw error;
    }
  }

  /**
   * Called once a sale or a return has committed: it becomes the till's sale of the moment (its first
   * copy, see receipt()); prints it when the shop asked for automatic printing and opens the drawer for
   * cash. Never throws; a failure is reported through onFailure.
   */
  afterSale(sale: CompletedSale, actor: Actor): Promise<void> {
    const committed: JustCommitted = { receiptNo: sale.receiptNo, userId: actor.user.id, atMs: this.deps.now().getTime(), copyGiven: false, drawerOpened: false };
    this.justCommitted = committed;
    const shop = this.deps.settings();
    const kick = shop.drawerKick && paidInCash(sale);
    const job = async () => {
      // printed as the journal reads it back: the checkout's own result carries no units (1,235 x 450
      // FCFA for sugar by the kg, where a reprint says 1,235 kg x 450 FCFA/kg)
      if (shop.autoPrint && shop.receiptOutput !== 'pdf') await this.firstCopy(committed, kick, (k) => this.print(loadSale(this.deps.store.sqlite, sale.receiptNo), shop, shop, k));
      else if (kick) {
        committed.drawerOpened = true;
        try {
          await this.kickDrawer(shop);
        } catch (error) {
          committed.drawerOpened = false;
          throw error;
        }
      }
    };
    return job().catch((error: unknown) => this.deps.onFailure(sale.receiptNo, error instanceof Error ? error.message : String(error)));
  }

  /** A short test receipt on a printer configuration (saved or not), so the owner sees it works. */
  async test(config: PrintConfig, actor: Actor): Promise<PrintOutcome> {
    const shop = this.deps.settings();
    const words = shop.locale === 'fr' ? { line: 'Test d’impression Shelfcast' } : { line: 'Shelfcast test print' };
    const sample: CompletedSale = {
      saleId: 0,
      receiptNo: 0,
      kind: 'sale',
      originalReceiptNo: null,
      at: this.deps.now().toISOString(),
      cart: priceCart([{ productId: 0, quantity: 1, unitPriceMinor: 0, vatRateBp: 0 }]),
      names: [words.line],
      tenders: [],
      paidMinor: 0,
      changeMinor: 0,
      warnings: [],
    };
    const outcome = await this.print(sample, config, shop, false, false, true);
    this.audit(actor, 'print_test', { ...config, destination: outcome.destination });
    return outcome;
  }

  /** Opens the cash drawer without a sale (giving change for a note): manager only, always audited. */
  async openDrawer(actor: Actor): Promise<void> {
    const shop = this.deps.settings();
    this.audit(actor, 'open_drawer', { target: shop.escposTarget });
    await this.kickDrawer(shop);
  }

  private async print(sale: CompletedSale, config: PrintConfig, shop: ShopSettings, kick: boolean, duplicate = false, ruler = false): Promise<PrintOutcome> {
    if (config.receiptOutput === 'escpos') {
      const target = this.target(config.escposTarget);
      const bytes = receiptEscPos(sale, shop, config.receiptWidth, { drawerKick: kick, duplicate, ruler, columns80: config.escposColumns });
      await this.deliver(() => this.send(target, bytes));
      return { via: 'escpos', printed: true, destination: config.escposTarget, drawerOpened: kick };
    }
    if (config.receiptOutput === 'system') {
      const system = this.deps.system;
      if (!system) throw new AppError('unsupported', 'receiptOutput: silent printing to a system printer needs the desktop app; here, open the PDF and print it', 'receiptOutput');
      const page = receiptHtml(sale, shop, config.receiptWidth, { duplicate });
      await this.deliver(() => system.printHtml(page.html, { deviceName: config.receiptPrinter, widthMm: config.receiptWidth, heightMm: page.heightMm }));
      if (kick) await this.kickDrawer(shop);
      return { via: 'system', printed: true, destination: config.receiptPrinter, drawerOpened: kick };
    }
    return { via: 'pdf', printed: false, destination: '', drawerOpened: false };
  }

  private async kickDrawer(shop: ShopSettings): Promise<void> {
    const target = this.target(shop.escposTarget, 'the cash drawer opens through the thermal printer it is plugged into: set that printer in Settings');
    await this.deliver(() => this.send(target, ESC_POS_DRAWER_KICK));
  }

  private target(raw: string, hint = 'no thermal printer is set: choose one in Settings'): PrinterTarget {
    if (!raw.trim()) throw new AppError('validation', `escposTarget: ${hint}`, 'escposTarget');
    const target = parsePrinterTarget(raw);
    if (!target) throw new AppError('validation', `escposTarget: "${raw}" is not a printer address (/dev/usb/lp0, COM3, \\\\host\\printer or tcp://host:9100)`, 'escposTarget');
    return target;
  }

  private async deliver(job: () => Promise<void>): Promise<void> {
    try {
      await job();
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof NotAPrinter) throw notAPrinterError(error.path, error.why);
      const why = error instanceof PrinterUnreachable ? error.message : `the printer failed: ${error instanceof Error ? error.message : String(error)}`;
      throw new AppError('device', why);
    }
  }

  private audit(actor: Actor, action: string, detail: unknown): void {
    const { sqlite } = this.deps.store;
    // the audit row and its outbox row together, as every other write
    inTransaction(sqlite, () => new Journal(sqlite).write(this.deps.now().toISOString(), actor.user.id, action, 'printer', '', detail));
  }
}
