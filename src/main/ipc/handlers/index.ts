import type { Core } from '../../core';
import type { HandlerTable } from '../dispatch';
import { backupHandlers } from './backup';
import { coreHandlers } from './core';
import { countsHandlers } from './counts';
import { dashboardHandlers } from './dashboard';
import { forecastHandlers } from './forecast';
import { journalHandlers } from './journal';
import { labelsHandlers } from './labels';
import { onboardingHandlers } from './onboarding';
import { posHandlers } from './pos';
import { printingHandlers } from './printing';
import { purchasingHandlers } from './purchasing';
import { syncHandlers } from './sync';

/** Thin adapters from the contract to the services, one file per domain; no logic here. */
export function buildHandlers(core: Core): HandlerTable {
  return {
    ...coreHandlers(core),
    ...posHandlers(core),
    ...forecastHandlers(core),
    ...purchasingHandlers(core),
    ...onboardingHandlers(core),
    ...countsHandlers(core),
    ...printingHandlers(core),
    ...journalHandlers(core),
    ...dashboardHandlers(core),
    ...backupHandlers(core),
    ...syncHandlers(core),
    ...labelsHandlers(core),
  };
}
