import type { z } from 'zod';
import type { LabelFormat, labelsPdfInput, LabelIssue, LabelsDocument, StaleLabel } from '../../../shared/api/contracts/labels';
import { AppError } from '../../../shared/api/result';
import { isValidEan13 } from '../../../shared/domain/barcode';
import { isCode128B } from '../../../shared/domain/code128-bars';
import { businessDate } from '../../../shared/domain/dates';
import type { ShopSettings } from '../../../shared/domain/settings';
import { inList } from '../../db/sql';
import { inTransaction } from '../../db/tx';
import { labelsPdf, moduleWidth, type LabelContent } from '../../documents/labels-pdf';
import type { ServiceDeps } from '../context';
import { frenchOrder } from '../../../shared/domain/search';
import { storedNetContent } from '../../../shared/domain/net-content';

interface ProductRow {
  id: number;
  sku: string;
  name: string;
  unit: string;
  price_minor: number;
  active: number;
  net_content_milli: number | null;
  net_content_unit: string | null;
}

/**
 * Shelf labels: an A4 sheet of them (name, price and what it is for, a barcode the till scans), and the
 * price each product's last label showed, so the owner reprints those whose price changed.
 */
export class LabelService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly settings: () => ShopSettings,
  ) {}

  async pdf(input: z.output<typeof labelsPdfInput>): Promise<LabelsDocument> {
    const shop = this.settings();
    const products = this.products(input.productIds);
    const issues: LabelIssue[] = [];
    const eans = this.firstEan13(input.productIds);
    const contents = products.map((p) => {
      const { barcode, issue } = barcodeOf(p, eans.get(p.id), input.format);
      if (issue) issues.push({ productId: p.id, name: p.name, sku: p.sku, issue });
      const netContent = storedNetContent(p.net_content_milli, p.net_content_unit);
      return { name: p.name, sku: p.sku, unit: p.unit, priceMinor: p.price_minor, netContent, barcode } satisfies LabelContent;
    });
    const items = contents.flatMap((c) => Array.from({ length: input.copies }, () => c));
    const now = this.deps.now();
    const today = businessDate(now, shop.dayEndHour);
    const { pdf, pages } = await labelsPdf(items, { format: input.format, startAt: input.startAt, locale: shop.locale, currency: shop.currency, printedOn: today });
    // what the labels show is what is remembered, even if a price changed while the PDF was made: the
    // list of labels to reprint then names that product again
    const printedAt = now.toISOString();
    const upsert = this.deps.store.sqlite.prepare(
      'INSERT INTO label_prints (product_id, price_minor, printed_at) VALUES (?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET price_minor = excluded.price_minor, printed_at = excluded.printed_at',
    );
    inTransaction(this.deps.store.sqlite, () => {
      for (const p of products) upsert.run(p.id, p.price_minor, printedAt);
    });
    return {
      pdfBase64: pdf.toString('base64'),
      fileName: `${shop.locale === 'fr' ? 'etiquettes' : 'shelf-labels'}-${today}.pdf`,
      labels: items.length,
      pages,
      warnings: issues.map((i) => `${i.sku}: no barcode on the label of "${i.name}" (${i.issue === 'sku_too_long' ? 'the SKU is too long for a readable Code 128 on this label' : 'the SKU has characters Code 128 set B cannot write'})`),
      issues,
    };
  }

  /** Active products with a price whose label shows another one, or that never had a label. */
  stale(): StaleLabel[] {
    const rows = this.deps.store.sqlite
      .prepare(
        `SELECT p.id, p.sku, p.name, p.category, p.price_minor, lp.price_minor AS printed_price_minor, lp.printed_at
         FROM products p LEFT JOIN label_prints lp ON lp.product_id = p.id
         WHERE p.active = 1 AND p.price_minor > 0 AND (lp.product_id IS NULL OR lp.price_minor <> p.price_minor)
         ORDER BY p.id`,
      )
      .all() as { id: number; sku: string; name: string; category: string; price_minor: number; printed_price_minor: number | null; printed_at: string | null }[];
    rows.sort((a, b) => frenchOrder.compare(a.category, b.category) || frenchOrder.compare(a.name, b.name));
    return rows.map((r) => ({ productId: r.id, sku: r.sku, name: r.name, category: r.category, priceMinor: r.price_minor, printedPriceMinor: r.printed_price_minor, printedAt: r.printed_at }));
  }

  /** The active products with a price in a category ('' for those without one), by name. */
  ofCategory(category: string): number[] {
    const rows = this.deps.store.sqlite
      .prepare('SELECT id, name FROM products WHERE active = 1 AND price_minor > 0 AND category = ?')
      .all(category) as { id: number; name: string }[];
    return rows.sort((a, b) => frenchOrder.compare(a.name, b.name)).map((r) => r.id);
  }

  /** The products asked for, in the order asked; an unknown or deactivated one is refused by its place in the list. */
  private products(ids: number[]): ProductRow[] {
    const rows = this.deps.store.sqlite.prepare(`SELECT id, sku, name, unit, price_minor, active, net_content_milli, net_content_unit FROM products WHERE id IN ${inList(ids)}`).all(...ids) as ProductRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id, i) => {
      const p = byId.get(id);
      const field = `productIds.${i}`;
      if (!p) throw new AppError('not_found', `${field}: no product with id ${id}`, field, { reason: 'label_product_unknown', id });
      if (!p.active) throw new AppError('validation', `${field}: "${p.name}" (id ${id}) is deactivated: no label is printed for it`, field, { reason: 'label_product_inactive', id, name: p.name });
      return p;
    });
  }

  /** Each product's first valid EAN-13, in the order its barcodes were given. */
  private firstEan13(ids: number[]): Map<number, string> {
    const rows = this.deps.store.sqlite.prepare(`SELECT product_id, barcode FROM product_barcodes WHERE product_id IN ${inList(ids)} ORDER BY rowid`).all(...ids) as { product_id: number; barcode: string }[];
    const first = new Map<number, string>();
    for (const r of rows) if (!first.has(r.product_id) && isValidEan13(r.barcode)) first.set(r.product_id, r.barcode);
    return first;
  }
}

/** The product's EAN-13, else Code 128 of its SKU when it can be written and read on the label, else none and why. */
function barcodeOf(p: ProductRow, ean: string | undefined, format: LabelFormat): { barcode: LabelContent['barcode']; issue?: LabelIssue['issue'] } {
  if (ean) return { barcode: { kind: 'ean13', code: ean } };
  // the till finds a product by its SKU as by a barcode (pos scan, findProductId)
  if (!isCode128B(p.sku)) return { barcode: null, issue: 'sku_not_ascii' };
  const barcode = { kind: 'code128', code: p.sku } as const;
  return moduleWidth(barcode, format) === null ? { barcode: null, issue: 'sku_too_long' } : { barcode };
}
