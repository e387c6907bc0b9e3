import type { coreContract } from '../../../shared/api/contracts/core';
import { SUGGESTION_SETTINGS } from '../../services/replenishment/service';
import { actor, type Core, type DomainHandlers } from './helpers';

export function coreHandlers(core: Core): DomainHandlers<typeof coreContract> {
  const s = core.services;
  return {
    'app.info': () => core.info(),
    'session.current': () => s.session.current(),
    'session.login': (input) => s.session.login(input.userId, input.pin),
    'session.lock': () => {
      s.session.lock();
      return { ok: true as const };
    },
    // the lock screen lists users too: who got wrong PINs is the owner's to read
    'users.list': (_input, ctx) => s.users.list(ctx.user.role === 'owner'),
    'users.save': (input, ctx) => s.users.save(input, actor(ctx)),
    'settings.get': () => s.settings.get(),
    'settings.save': (input, ctx) => {
      const before = s.settings.get();
      const after = s.settings.save(input, actor(ctx));
      // service levels, review period and the language of the explanations shape every suggestion
      if (SUGGESTION_SETTINGS.some((key) => before[key] !== after[key])) s.stockWatcher.changed();
      // a new forecast hour applies now, not at the scheduler's next hourly check
      if (before.forecastHour !== after.forecastHour) core.forecastScheduleChanged();
      return after;
    },
    'products.list': (input) => s.products.list(input),
    'products.get': (input) => s.products.get(input.id),
    'products.save': (input, ctx) => {
      const saved = s.products.save(input, actor(ctx));
      // lead time, minimum order, pack size and cost change the product's suggestion and alerts now,
      // not at its next movement
      s.stockWatcher.changed([saved.id]);
      return saved;
    },
    'products.deactivate': (input, ctx) => {
      const result = s.products.deactivate(input.id, actor(ctx));
      s.stockWatcher.changed([input.id]);
      return result;
    },
    'products.categories': () => s.products.categories(),
    'suppliers.list': (input) => s.suppliers.list(input),
    'suppliers.save': (input, ctx) => {
      const saved = s.suppliers.save(input, actor(ctx));
      // the supplier's lead time applies to its products when longer than their own: their suggestions
      // and alerts follow now (an empty list would mean every product)
      const products = s.replenishment.productsOfSupplier(saved.id);
      if (products.length) s.stockWatcher.changed(products);
      return saved;
    },
    'suppliers.deactivate': (input, ctx) => s.suppliers.deactivate(input.id, actor(ctx)),
    'ledger.record': (input, ctx) => {
      const outcome = s.ledger.record(input, actor(ctx), { negativeStock: s.settings.get().negativeStock });
      core.emit('stock.changed', { productIds: Object.keys(outcome.onHand).map(Number) });
      return outcome;
    },
    'ledger.movements': (input) => s.ledger.movements(input.productId, input.limit),
    'ledger.journal': (input, ctx) => s.movementJournal.list(input, actor(ctx)),
    'stock.onHand': (input) => s.ledger.onHand(input.productIds),
  };
}
