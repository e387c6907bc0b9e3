import type { onboardingContract } from '../../../shared/api/contracts/onboarding';
import { actor, type Core, type DomainHandlers } from './helpers';

export function onboardingHandlers(core: Core): DomainHandlers<typeof onboardingContract> {
  const s = core.services;
  return {
    'onboarding.upload': (input) => s.onboarding.upload(input),
    'onboarding.discard': (input) => s.onboarding.discard(input.uploadId),
    'onboarding.preview': (input) => s.onboarding.preview(input.uploadId, input.kind),
    'onboarding.import': (input, ctx) => s.onboarding.run(input, actor(ctx)),
    'onboarding.cancel': () => s.onboarding.cancel(),
    'onboarding.export': (input) => s.onboarding.export(input, input.locale),
    'onboarding.demo': (_input, ctx) => s.onboarding.demo(actor(ctx)),
  };
}
