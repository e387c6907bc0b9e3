import type { syncContract } from '../../../shared/api/contracts/sync';
import { actor, type Core, type DomainHandlers } from './helpers';

export function syncHandlers(core: Core): DomainHandlers<typeof syncContract> {
  const s = core.services;
  return {
    'sync.status': () => s.sync.status(),
    'sync.configure': (input, ctx) => s.sync.configure(input, actor(ctx)),
    'sync.push': () => s.sync.push(),
  };
}
