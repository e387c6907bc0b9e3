import type { posContract } from '../../../shared/api/contracts/pos';
import { actor, type Core, type DomainHandlers } from './helpers';

export function posHandlers(core: Core): DomainHandlers<typeof posContract> {
  const s = core.services;
  return {
    'pos.scan': (input) => s.pos.scan(input.code),
    'pos.checkout': (input, ctx) => {
      const sale = s.pos.checkout(input, actor(ctx));
      core.emit('stock.changed', { productIds: sale.cart.lines.map((l) => l.productId) });
      void s.printing.afterSale(sale, actor(ctx));
      return sale;
    },
    // the first copy of the sale just committed; any other receipt is a reprint (journal rules, audited)
    'pos.receipt': (input, ctx) => s.printing.receiptPdf(input.receiptNo, input.width, actor(ctx)),
    'pos.returnable': (input) => s.pos.returnable(input.receiptNo),
    'pos.return': (input, ctx) => {
      const refund = s.pos.refund(input, actor(ctx));
      core.emit('stock.changed', { productIds: refund.cart.lines.map((l) => l.productId) });
      void s.printing.afterSale(refund, actor(ctx));
      return refund;
    },
    'pos.park': (input, ctx) => s.parked.park(input, actor(ctx)),
    'pos.parked': () => s.parked.list(),
    'pos.resume': (input, ctx) => s.parked.resume(input.id, actor(ctx), input.park),
    'pos.discard': (input, ctx) => s.parked.discard(input.id, actor(ctx)),
    'pos.voidCart': (input, ctx) => s.voids.record(input, actor(ctx)),
    'pos.voidLine': (input, ctx) => s.voids.recordLine(input, actor(ctx)),
  };
}
