import type { ContractTable } from './helpers';

/** Import, export and the demo shop. */
export const onboardingContract = {} as const satisfies ContractTable;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OnboardingEvents {}
