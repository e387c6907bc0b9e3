import type { ZodError } from 'zod';
import { contract, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/api/contract';
import { AppError, fail, ok, type Result } from '../../shared/api/result';
import { AmountTooLarge } from '../../shared/domain/money';
import { roleAtLeast, type User } from '../../shared/domain/user';
import type { Logger } from '../logger';
import { redactFor } from './redact';

export interface CallContext {
  user: User;
}

/**
 * What works while the till is locked: enough to show who may log in, in the shop's language.
 * Handlers of these channels get LOCKED as their user, which sees what a cashier sees.
 */
export const OPEN_WHEN_LOCKED: ReadonlySet<Channel> = new Set<Channel>(['app.info', 'session.current', 'session.login', 'users.list', 'settings.get']);
const LOCKED: User = { id: 0, name: '', role: 'cashier' };

export type Handler<C extends Channel> = (input: ParsedInputOf<C>, ctx: CallContext) => OutputOf<C> | Promise<OutputOf<C>>;
export type HandlerTable = { [C in Channel]: Handler<C> };

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

function validationError(error: ZodError): AppError {
  const issue = error.issues[0];
  const field = issue.path.map(String).join('.');
  return new AppError('validation', field ? `${field}: ${issue.message}` : issue.message, field || undefined);
}

/**
 * The one path every call takes, from Electron IPC or the browser mode: known channel -> role ->
 * zod parse -> handler -> what the role may see -> Result. Expected failures become error values; anything else is logged
 * with its stack and reaches the UI as a plain 'internal' error.
 */
export async function dispatch(
  table: HandlerTable,
  channel: string,
  raw: unknown,
  session: { user: User | null },
  logger: Logger,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail({ code: 'unknown_channel', message: `Unknown operation "${channel}"` });
  }
  if (!session.user && !OPEN_WHEN_LOCKED.has(channel)) {
    return fail({ code: 'forbidden', message: `The till is locked; log in to do "${channel}".`, details: { reason: 'locked', channel } });
  }
  const ctx: CallContext = { user: session.user ?? LOCKED };
  const entry = contract[channel];
  if (!roleAtLeast(ctx.user.role, entry.role)) {
    logger.warn('forbidden', { channel, user: ctx.user.id, role: ctx.user.role });
    return fail({
      code: 'forbidden',
      message: `Your role (${ctx.user.role}) may not do "${channel}"; it needs ${entry.role}.`,
      details: { reason: 'role', channel, role: ctx.user.role, needs: entry.role },
    });
  }
  const parsed = entry.input.safeParse(raw ?? {});
  if (!parsed.success) return fail(validationError(parsed.error).toShape());
  try {
    const handler = table[channel] as (input: unknown, ctx: CallContext) => unknown;
    return ok(redactFor(ctx.user, channel, await handler(parsed.data, ctx)));
  } catch (error) {
    if (error instanceof AppError) return fail(error.toShape());
    if (error instanceof AmountTooLarge) return fail({ code: 'validation', message: error.message, field: 'amount' });
    logger.error('unexpected error in handler', { channel, error });
    return fail({ code: 'internal', message: 'Something went wrong. It has been written to the log; please try again.' });
  }
}
