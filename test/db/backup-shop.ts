import type { Core } from '../../src/main/core';
import type { Product } from '../../src/shared/domain/product';
import { must } from '../helpers/core';

/** The backup tests' shop: rice at 650 FCFA, 100 on the shelf. */
export async function stockRice(core: Core): Promise<Product> {
  const rice = await must<Product>(core.call('products.save', { sku: 'RIZ', name: 'Riz parfumé', priceMinor: 650, costMinor: 500 }));
  await must(core.call('ledger.record', { lines: [{ productId: rice.id, kind: 'receipt', quantity: 100 }] }));
  return rice;
}

/** One rice sold for cash: a row a backup holds or not. */
export const sellRice = (core: Core, rice: Product) => must(core.call('pos.checkout', { lines: [{ productId: rice.id, quantity: 1 }], tenders: [{ tender: 'cash', amountMinor: 650 }] }));
