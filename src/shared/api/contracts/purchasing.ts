import type { ContractTable } from './helpers';

/** Replenishment, alerts and purchase orders. */
export const purchasingContract = {} as const satisfies ContractTable;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PurchasingEvents {}
