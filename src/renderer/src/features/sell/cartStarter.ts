import type { User } from '../../../../shared/domain/user';

/** Who put the first line in the till's cart. */
export interface CartStarter {
  id: number;
  name: string;
}

/**
 * The cart's starter after a change: nobody once it is empty, whoever is logged in when its first line
 * goes in, otherwise the same (the same object, so that a caller can tell nothing changed).
 */
export function cartStarter(lines: number, current: CartStarter | null, user: Pick<User, 'id' | 'name'> | null): CartStarter | null {
  if (lines === 0) return null;
  if (current || !user) return current;
  return { id: user.id, name: user.name };
}

/** The starter, when the cart has lines and somebody else is logged in now (a manager called over after a lock); null otherwise. */
export function startedByOther(lines: number, startedBy: CartStarter | null, user: Pick<User, 'id'> | null): CartStarter | null {
  return lines > 0 && startedBy && user && startedBy.id !== user.id ? startedBy : null;
}
