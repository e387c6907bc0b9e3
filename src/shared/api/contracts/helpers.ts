import type { z } from 'zod';
import type { Role } from '../../domain/user';

/** Phantom marker carrying an operation's output type without any runtime cost. */
export const out = <T>() => undefined as unknown as T;

export type ContractTable = Record<string, { input: z.ZodType; output: unknown; role: Role }>;

/**
 * An output whose cost fields are null for a cashier: cashiers never see costs or stock value (the
 * shop's margins). Main blanks them after the handler (src/main/ipc/redact.ts), whatever the screen.
 */
export type CostsHidden<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
