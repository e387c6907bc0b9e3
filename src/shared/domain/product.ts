import type { Unit } from './quantity';
import type { NetContent } from './net-content';

export interface Product {
  id: number;
  sku: string;
  barcodes: string[];
  name: string;
  category: string;
  unit: Unit;
  costMinor: number;
  priceMinor: number;
  /** VAT in basis points: 1800 = 18 %. */
  vatRateBp: number;
  supplierId: number | null;
  leadTimeDays: number;
  /** Minimum order quantity and pack size, in the product's unit. */
  minOrderQty: number;
  packSize: number;
  tracksExpiry: boolean;
  /** What one packet holds (400 g, 1,5 l); null when not said. */
  netContent: NetContent | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ProductWithStock extends Product {
  onHand: number;
  supplierName: string | null;
}

export interface Supplier {
  id: number;
  name: string;
  contact: string;
  phone: string;
  email: string;
  address: string;
  leadTimeDays: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}
