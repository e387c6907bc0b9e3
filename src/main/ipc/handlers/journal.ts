import type { journalContract } from '../../../shared/api/contracts/journal';
import { actor, type Core, type DomainHandlers } from './helpers';

export function journalHandlers(core: Core): DomainHandlers<typeof journalContract> {
  const s = core.services;
  return {
    'journal.day': (input, ctx) => s.journal.day(input.date, actor(ctx)),
    'journal.reprint': (input, ctx) => s.journal.reprint(input.receiptNo, input.width, actor(ctx)),
    'journal.countCash': (input, ctx) => s.journal.countCash(input, actor(ctx)),
    'journal.cashMove': (input, ctx) => s.journal.moveCash(input, actor(ctx)),
    'journal.zReport': (input, ctx) => s.journal.zReport(input.date, input.paper, actor(ctx)),
  };
}
