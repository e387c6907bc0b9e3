import type { purchasingContract } from '../../../shared/api/contracts/purchasing';
import { AppError } from '../../../shared/api/result';
import { actor, type Core, type DomainHandlers } from './helpers';

export function purchasingHandlers(core: Core): DomainHandlers<typeof purchasingContract> {
  const s = core.services;
  const refresh = (productIds?: number[]) => {
    s.replenishment.recompute(productIds);
    s.alerts.evaluate(productIds);
    core.emit('replenishment.changed', { productIds: productIds ?? null });
  };
  return {
    'replenishment.list': (input) => s.replenishment.list(input.productIds),
    'replenishment.recompute': () => {
      const products = s.replenishment.recompute();
      s.alerts.evaluate();
      return { products };
    },
    'replenishment.setServiceLevel': (input) => {
      if (input.scope === 'product') {
        const id = Number(input.key);
        if (!Number.isInteger(id) || id <= 0) throw new AppError('validation', 'key: expected a product id', 'key', { reason: 'product_expected' });
        s.products.get(id);
        s.replenishment.setServiceLevel('product', input.key, input.level);
        refresh([id]);
      } else {
        s.replenishment.setServiceLevel('category', input.key, input.level);
        refresh();
      }
      return { ok: true as const };
    },
    'purchasing.toOrder': (input) => s.purchasing.toOrder(input.budgetMinor),
    'purchasing.createOrders': (input, ctx) => s.purchasing.createOrders(input, actor(ctx)),
    'purchasing.list': (input) => s.purchasing.list(input.status, input.limit),
    'purchasing.get': (input) => s.purchasing.get(input.id),
    'purchasing.update': (input, ctx) => s.purchasing.update(input, actor(ctx)),
    'purchasing.markSent': (input, ctx) => {
      const order = s.purchasing.markSent(input.id, actor(ctx));
      refresh(order.lines.map((l) => l.productId));
      return order;
    },
    'purchasing.cancel': (input, ctx) => {
      const order = s.purchasing.cancel(input.id, actor(ctx));
      refresh(order.lines.map((l) => l.productId));
      return order;
    },
    'purchasing.close': (input, ctx) => {
      // the role (manager) is checked by the dispatcher from the contract, before this runs
      const order = s.purchasing.close(input.id, input.reason, actor(ctx));
      // what was still to come no longer counts as on order: suggestions and alerts see it at once
      refresh(order.lines.map((l) => l.productId));
      return order;
    },
    'purchasing.receive': (input, ctx) => {
      const { order, productIds } = s.purchasing.receive(input, actor(ctx));
      core.emit('stock.changed', { productIds });
      return order;
    },
    'purchasing.pdf': (input) => s.purchasing.pdf(input.id),
    'alerts.list': (input) => s.alerts.list(input.includeResolved, input.limit),
    'alerts.page': (input) => s.alerts.page(input),
    'alerts.counts': () => s.alerts.counts(),
    // the role (manager: silencing an alert hides it from the owner) is checked by the dispatcher from the contract
    'alerts.acknowledge': (input, ctx) => s.alerts.acknowledge(input.id, actor(ctx)),
    'alerts.snooze': (input, ctx) => s.alerts.snooze(input.id, input.hours, actor(ctx)),
  };
}
