import type { ScanMatch } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/result';
import { readScan } from '../../../shared/domain/barcode';
import type { CompletedSale, ReceiptDocument, ReturnableSale } from '../../../shared/domain/sale';
import type { ProductService } from '../catalogue/products';
import type { Actor, ServiceDeps } from '../context';
import type { SettingsService } from '../settings/settings';
import { CheckoutService, type CheckoutInput } from './checkout';
import { loadSale } from './journal';
import { receiptLines, receiptPdf, type PaperWidth, type ReceiptOptions } from './receipt';
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

  /** A plain code is a barcode or a SKU; a scale label (prefix 20–29) carries a weight or a price. */
  scan(raw: string): ScanMatch {
    const read = readScan(raw);
    if (read.kind === 'invalid') throw new AppError('validation', `code: ${read.reason}`, 'code');
    const lookup = read.kind === 'plain' ? read.code : read.itemCode;
    const id = this.findId(lookup) ?? (read.kind === 'plain' ? null : this.findId(read.code));
    if (id === null) throw new AppError('not_found', `code: unknown barcode or reference "${raw.trim()}"`, 'code');
    const product = this.products.get(id);
    if (!product.active) throw new AppError('validation', `code: "${product.name}" is deactivated and cannot be sold`, 'code');
    if (read.kind === 'weight') return { product, quantity: read.quantity, unitPriceMinor: null };
    if (read.kind === 'price') {
      // a price label: the quantity is what that price buys at the shelf price
      const quantity = product.priceMinor > 0 ? Math.round((read.priceMinor / product.priceMinor) * 1000) / 1000 : 1;
      return { product, quantity, unitPriceMinor: null };
    }
    return { product, quantity: 1, unitPriceMinor: null };
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
    return { receiptNo, pdfBase64: pdf.toString('base64'), text: receiptLines(sale, shop, width === 80 ? 42 : 32, options).join('\n') };
  }

  private findId(code: string): number | null {
    const row = this.deps.store.sqlite
      .prepare('SELECT product_id AS id FROM product_barcodes WHERE barcode = ? UNION ALL SELECT id FROM products WHERE sku = ? COLLATE NOCASE LIMIT 1')
      .get(code, code) as { id: number } | undefined;
    return row?.id ?? null;
  }
}
