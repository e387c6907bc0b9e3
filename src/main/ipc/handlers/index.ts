import type { Core } from '../../core';
import type { HandlerTable } from '../dispatch';

/** Thin adapters from the contract to the services; no logic here. */
export function buildHandlers(core: Core): HandlerTable {
  const s = core.services;
  const actor = (ctx: { user: import('../../../shared/domain/user').User }) => ({ user: ctx.user });
  return {
    'app.info': () => core.info(),
    'session.current': () => s.session.current(),
    'settings.get': () => s.settings.get(),
    'settings.save': (input, ctx) => s.settings.save(input, actor(ctx)),
    'products.list': (input) => s.products.list(input),
    'products.get': (input) => s.products.get(input.id),
    'products.save': (input, ctx) => s.products.save(input, actor(ctx)),
    'products.deactivate': (input, ctx) => s.products.deactivate(input.id, actor(ctx)),
    'products.categories': () => s.products.categories(),
    'suppliers.list': (input) => s.suppliers.list(input),
    'suppliers.save': (input, ctx) => s.suppliers.save(input, actor(ctx)),
    'suppliers.deactivate': (input, ctx) => s.suppliers.deactivate(input.id, actor(ctx)),
    'ledger.record': (input, ctx) => {
      const outcome = s.ledger.record(input, actor(ctx), { negativeStock: s.settings.get().negativeStock });
      core.emit('stock.changed', { productIds: Object.keys(outcome.onHand).map(Number) });
      return outcome;
    },
    'ledger.movements': (input) => s.ledger.movements(input.productId, input.limit),
    'stock.onHand': (input) => s.ledger.onHand(input.productIds),
    'pos.scan': (input) => s.pos.scan(input.code),
    'pos.checkout': (input, ctx) => {
      const sale = s.pos.checkout(input, actor(ctx));
      core.emit('stock.changed', { productIds: sale.cart.lines.map((l) => l.productId) });
      return sale;
    },
    'pos.receipt': (input) => s.pos.receipt(input.receiptNo, input.width),
    'forecast.run': () => ({ runId: s.forecasts.start('manual').runId }),
    'forecast.cancel': () => ({ cancelled: s.forecasts.cancel() }),
    'forecast.status': () => s.forecasts.status(),
    'forecast.product': (input) => {
      const p = s.products.get(input.id);
      return s.forecasts.product(p.id, p.name, p.unit);
    },
  };
}
