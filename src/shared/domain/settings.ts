import type { CurrencyCode } from './money';
import type { NegativeStockPolicy } from './movement';

export type Locale = 'fr' | 'en';

export interface ShopSettings {
  shopName: string;
  address: string;
  phone: string;
  taxId: string;
  currency: CurrencyCode;
  locale: Locale;
  negativeStock: NegativeStockPolicy;
}

export const DEFAULT_SETTINGS: ShopSettings = {
  shopName: 'Ma boutique',
  address: '',
  phone: '',
  taxId: '',
  currency: 'XOF',
  locale: 'fr',
  negativeStock: 'warn',
};
