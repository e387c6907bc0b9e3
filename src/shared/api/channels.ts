import { backupChannels } from './channels/backup';
import { coreChannels } from './channels/core';
import { countsChannels } from './channels/counts';
import { dashboardChannels } from './channels/dashboard';
import { forecastChannels } from './channels/forecast';
import { journalChannels } from './channels/journal';
import { labelsChannels } from './channels/labels';
import { onboardingChannels } from './channels/onboarding';
import { posChannels } from './channels/pos';
import { printingChannels } from './channels/printing';
import { purchasingChannels } from './channels/purchasing';
import { syncChannels } from './channels/sync';

/**
 * The operation names alone, with no schema library, for the preload (which must stay tiny): one list
 * per domain under channels/. contract.ts checks at compile time that these and the contract's keys
 * are the same set.
 */
export const CHANNELS = [...coreChannels, ...posChannels, ...forecastChannels, ...purchasingChannels, ...onboardingChannels, ...countsChannels, ...printingChannels, ...journalChannels, ...dashboardChannels, ...backupChannels, ...syncChannels, ...labelsChannels] as const;
export type ChannelName = (typeof CHANNELS)[number];
