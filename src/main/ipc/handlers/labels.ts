import type { labelsContract } from '../../../shared/api/contracts/labels';
import type { Core, DomainHandlers } from './helpers';

export function labelsHandlers(core: Core): DomainHandlers<typeof labelsContract> {
  const s = core.services;
  return {
    'labels.pdf': (input) => s.labels.pdf(input),
    'labels.stale': () => s.labels.stale(),
    'labels.ofCategory': (input) => s.labels.ofCategory(input.category),
  };
}
