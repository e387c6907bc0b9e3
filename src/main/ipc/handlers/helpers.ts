import type { Core } from '../../core';
import type { Actor } from '../../services/context';
import type { CallContext, HandlerTable } from '../dispatch';

/** The handlers of one domain: exactly the channels of its contract file. */
export type DomainHandlers<T> = Pick<HandlerTable, keyof T & keyof HandlerTable>;

export const actor = (ctx: CallContext): Actor => ({ user: ctx.user });

export type { Core };
