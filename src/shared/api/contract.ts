import type { z } from 'zod';
import { CHANNELS, type ChannelName } from './channels';
import { backupContract, type BackupEvents } from './contracts/backup';
import { syncContract, type SyncEvents } from './contracts/sync';
import { coreContract, type CoreEvents } from './contracts/core';
import { countsContract } from './contracts/counts';
import { dashboardContract } from './contracts/dashboard';
import { forecastContract, type ForecastEvents } from './contracts/forecast';
import { journalContract } from './contracts/journal';
import { labelsContract } from './contracts/labels';
import { onboardingContract, type OnboardingEvents } from './contracts/onboarding';
import { posContract } from './contracts/pos';
import { printingContract, type PrintingEvents } from './contracts/printing';
import { purchasingContract, type PurchasingEvents } from './contracts/purchasing';

export * from './contracts/core';
export * from './contracts/pos';
export * from './contracts/forecast';
export * from './contracts/purchasing';
export * from './contracts/onboarding';
export * from './contracts/journal';
export * from './contracts/counts';
export * from './contracts/printing';
export * from './contracts/dashboard';
export * from './contracts/backup';
export * from './contracts/sync';
export * from './contracts/labels';

/**
 * The one seam between UI and core: channel -> input schema, output type, least role allowed, one
 * file per domain under contracts/. Electron IPC and the browser mode both serve exactly this table.
 */
export const contract = {
  ...coreContract,
  ...posContract,
  ...forecastContract,
  ...purchasingContract,
  ...onboardingContract,
  ...countsContract,
  ...printingContract,
  ...journalContract,
  ...dashboardContract,
  ...backupContract,
  ...syncContract,
  ...labelsContract,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C]['output'];

// Both directions: every contract key is listed in channels/, and every listed name has an entry.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const channelsMatchContract: Same<Channel, ChannelName> = true;
export { CHANNELS };

/** Events pushed from main to the UI. */
export interface EventMap extends CoreEvents, ForecastEvents, PurchasingEvents, OnboardingEvents, PrintingEvents, BackupEvents, SyncEvents {}
export type EventName = keyof EventMap;
