import type { ScanMatch } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import { readScan } from '../../../shared/domain/barcode';
import { businessDate } from '../../../shared/domain/dates';
import { fromMilli } from '../../../shared/domain/quantity';
import { lotLedgerOf } from '../alerts/lots';
import type { CompletedSale, ReceiptDocument, ReturnableSale } from '../../../shared/domain/sale';
import type { ProductService } from '../catalogue/products';
import type { Actor, ServiceDeps } from '../context';
import type { SettingsService } from '../settings/settings';
import { CheckoutService, type CheckoutInput } from './checkout';
import { loadSale } from './journal';
import { findProductId, labelQuantity } from './labels';
import { receiptLines, receiptPdf, rollColumns, type PaperWidth, type ReceiptOptions } from './receipt';
import { ReturnService, type ReturnInput } from './returns';

/** The till: what a scan means, the checkout, the receipt. */
export class PosService {
  private readonly checkoutService: CheckoutService;
  private readonly returns: ReturnService;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly products: ProductService,
    private readonly settings: SettingsService,
  ) {
    this.checkoutService = new CheckoutService(deps);
    this.returns = new ReturnService(deps, this.checkoutService);
  }

  returnable(receiptNo: number): ReturnableSale {
    return this.returns.returnable(receiptNo);
  }

  refund(input: ReturnInput, actor: Actor): CompletedSale {
    return this.returns.refund(input, actor, this.settings.get().currency);
  }

  /**
   * A plain code is a barcode or a SKU; a scale label (prefix 20–29) carries a weight or a price. A
   * price label comes back with its code and amount: the till sends the code with the cart line, and
   * checkout reads it again to charge exactly that amount (the quantity is the weight it buys, for stock).
   */
  scan(raw: string): ScanMatch {
    const { sqlite } = this.deps.store;
    // a code registered whole is that product, even one that starts 20–29 like a scale label (a shop's
    // own codes often do) or whose check digit an old import got wrong
    const registered = findProductId(sqlite, raw.trim());
    const read = registered === null ? readScan(raw) : ({ kind: 'plain', code: raw.trim() } as const);
    if (read.kind === 'invalid') throw new AppError('validation', `code: ${read.reason}`, 'code', { reason: 'bad_check_digit' });
    const id = registered ?? (read.kind === 'plain' ? null : findProductId(sqlite, read.itemCode));
    if (id === null) throw new AppError('not_found', `code: unknown barcode or reference "${raw.trim()}"`, 'code', { reason: 'unknown_code', code: raw.trim() });
    const product = this.products.get(id);
    if (!product.active) throw new AppError('validation', `code: "${product.name}" is deactivated and cannot be sold`, 'code', { reason: 'sale_product_inactive', name: product.name });
    const expired = product.tracksExpiry ? this.expiredLots(id) : [];
    if (read.kind === 'weight') return { product, quantity: read.quantity, unitPriceMinor: null, labelCode: null, amountMinor: null, expired };
    if (read.kind === 'price') {
      // a price label: the customer pays its amount; the quantity is what it buys at the shelf price
      return { product, quantity: labelQuantity(read.priceMinor, product.priceMinor), unitPriceMinor: null, labelCode: read.code, amountMinor: read.priceMinor, expired };
    }
    return { product, quantity: 1, unitPriceMinor: null, labelCode: null, amountMinor: null, expired };
  }

  /** The product's lots past their date and still in stock: the shelf may hand one to the customer. */
  private expiredLots(productId: number): ScanMatch['expired'] {
    const today = businessDate(this.deps.now());
    return lotLedgerOf(this.deps.store.sqlite)
      .lotsLeft(productId)
      .filter((l) => l.expiry < today && l.milli > 0)
      .map((l) => ({ lot: l.lot, expiry: l.expiry, quantity: fromMilli(l.milli) }));
  }

  checkout(input: CheckoutInput, actor: Actor): CompletedSale {
    const shop = this.settings.get();
    return this.checkoutService.checkout(input, actor, { currency: shop.currency, negativeStock: shop.negativeStock });
  }

  /** The receipt of a committed sale; `duplicate` marks a reprint as a copy. */
  async receipt(receiptNo: number, width: PaperWidth, options: ReceiptOptions = {}): Promise<ReceiptDocument> {
    const sale = loadSale(this.deps.store.sqlite, receiptNo);
    const shop = this.settings.get();
    const pdf = await receiptPdf(sale, shop, width, options);
    return { receiptNo, pdfBase64: pdf.toString('base64'), text: receiptLines(sale, shop, rollColumns(width, shop.escposColumns), options).join('\n') };
  }
}
