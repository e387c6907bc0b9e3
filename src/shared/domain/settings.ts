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
  /** Local hour (0..23) at which the nightly forecast runs; missed nights catch up at start. */
  forecastHour: number;
}

export const DEFAULT_SETTINGS: ShopSettings = {
  shopName: 'Ma boutique',
  address: '',
  phone: '',
  taxId: '',
  currency: 'XOF',
  locale: 'fr',
  negativeStock: 'warn',
  forecastHour: 2,
};
