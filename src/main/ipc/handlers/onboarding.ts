import type { onboardingContract } from '../../../shared/api/contracts/onboarding';
import type { Core, DomainHandlers } from './helpers';

export function onboardingHandlers(_core: Core): DomainHandlers<typeof onboardingContract> {
  return {};
}
