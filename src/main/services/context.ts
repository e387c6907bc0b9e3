import type { Store } from '../db/client';
import type { User } from '../../shared/domain/user';

/** What every service needs: the store and a clock (injected so tests and benchmarks control time). */
export interface ServiceDeps {
  store: Store;
  now: () => Date;
}

/** Who is acting; services record it in the ledger and the audit trail. */
export interface Actor {
  user: User;
}
