import type { z } from 'zod';
import type { Role } from '../../domain/user';

/** Phantom marker carrying an operation's output type without any runtime cost. */
export const out = <T>() => undefined as unknown as T;

export type ContractTable = Record<string, { input: z.ZodType; output: unknown; role: Role }>;
