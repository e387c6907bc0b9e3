import type { dashboardContract } from '../../../shared/api/contracts/dashboard';
import type { Core, DomainHandlers } from './helpers';

export function dashboardHandlers(core: Core): DomainHandlers<typeof dashboardContract> {
  const s = core.services;
  return {
    'dashboard.summary': (input) => s.dashboard.summary(input.period),
  };
}
