import type { purchasingContract } from '../../../shared/api/contracts/purchasing';
import type { Core, DomainHandlers } from './helpers';

export function purchasingHandlers(_core: Core): DomainHandlers<typeof purchasingContract> {
  return {};
}
