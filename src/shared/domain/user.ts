export const ROLES = ['cashier', 'manager', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface User {
  id: number;
  name: string;
  role: Role;
}

export interface UserRecord extends User {
  active: boolean;
  hasPin: boolean;
}

/** A PIN: 4 to 8 digits (the lock screen, Users, and a PIN chosen at a first login). */
export const PIN_PATTERN = /^\d{4,8}$/;
