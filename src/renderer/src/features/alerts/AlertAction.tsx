import { Button } from '@mantine/core';
import type { Alert } from '../../../../shared/api/contract';
import { openTarget } from '../../app/nav';
import { useAllowed } from '../../components/RoleGate';
import { useI18n } from '../../i18n/i18n';

/**
 * The button that does what an open alert says to do, where it is done: order the product (Achats ›
 * À commander, or the draft already holding it), open the late order, open the product, open the
 * forecasts. None for an alert that says nothing to do there. A cashier gets no purchasing button
 * (ordering is a manager's job). The lot's write-off has its own button (WriteOffLotModal).
 */
export function AlertAction({ alert: a }: { alert: Alert }) {
  const { t } = useI18n();
  const allowed = useAllowed();
  if (a.resolvedAt) return null;
  const buys = allowed('purchasing.toOrder');
  const button = (label: string, onClick: () => void, title?: string) => (
    <Button size="compact-xs" variant="filled" onClick={onClick} title={title} data-testid="alert-action" style={{ flexShrink: 0 }}>
      {label}
    </Button>
  );
  switch (a.type) {
    case 'stockout_before_delivery':
    case 'reorder_point':
      if (!buys || a.productId === null) return null;
      // already on a draft: what to order is there, to check and send
      if (a.order?.status === 'draft') return button(t('alerts.openDraft', { ref: a.order.reference }), () => openTarget({ page: 'purchasing', order: a.order!.id }));
      return button(t('alerts.order'), () => openTarget({ page: 'purchasing', product: a.productId! }), t('alerts.orderTitle'));
    case 'order_overdue':
      if (!buys || !a.order) return null;
      return button(t('alerts.openOrder', { ref: a.order.reference }), () => openTarget({ page: 'purchasing', order: a.order!.id }));
    case 'overstock':
    case 'dead_stock':
      if (a.productId === null) return null;
      return button(t('alerts.openProduct'), () => openTarget({ page: 'products', product: a.productId! }));
    case 'forecast_stale':
      return button(t('alerts.openForecasts'), () => openTarget({ page: 'forecasts' }));
    default:
      return null;
  }
}
