import type { countsContract } from '../../../shared/api/contracts/counts';
import { actor, type Core, type DomainHandlers } from './helpers';

export function countsHandlers(core: Core): DomainHandlers<typeof countsContract> {
  const s = core.services;
  const changed = (productIds: number[]) => {
    // an empty list would mean "anything may have changed": only tell when something did
    if (productIds.length) core.emit('stock.changed', { productIds });
  };
  return {
    'stock.receive': (input, ctx) => {
      const receipt = s.receiving.receive(input, actor(ctx));
      changed(Object.keys(receipt.outcome.onHand).map(Number));
      return receipt;
    },
    'stock.writeOff': (input, ctx) => {
      const outcome = s.receiving.writeOff(input, actor(ctx));
      changed(Object.keys(outcome.onHand).map(Number));
      return outcome;
    },
    'stock.lots': (input) => s.receiving.lots(input.productId),
    'stock.lotTrace': (input) => s.receiving.lotTrace(input.lot),
    'counts.list': (input) => s.counts.list(input.status, input.limit),
    'counts.get': (input, ctx) => s.counts.get(input.id, actor(ctx)),
    'counts.start': (input, ctx) => s.counts.start(input.category, actor(ctx)),
    'counts.set': (input, ctx) => s.counts.set(input.id, input.productId, input.counted, actor(ctx), { countedAt: input.countedAt, correction: input.correction }),
    'counts.scan': (input, ctx) => s.counts.scan(input.id, input.code, actor(ctx)),
    'counts.apply': (input, ctx) => {
      const applied = s.counts.apply(input.id, actor(ctx));
      changed(applied.productIds);
      return applied;
    },
    'counts.cancel': (input, ctx) => s.counts.cancel(input.id, actor(ctx)),
    'counts.sheet': (input) => s.counts.sheet(input.id),
  };
}
