import { Tabs, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { roleAtLeast } from '../../../shared/domain/user';
import { clearTarget, useTarget } from '../app/nav';
import { useShop } from '../app/shop';
import { OrderDetail } from '../features/purchasing/OrderDetail';
import { OrdersPanel } from '../features/purchasing/OrdersPanel';
import { ToOrderPanel } from '../features/purchasing/ToOrderPanel';
import { useI18n } from '../i18n/i18n';

export function PurchasingPage() {
  const { t } = useI18n();
  // opened on a product to order (from an alert) or on an order (a late one, a draft)
  const target = useTarget('purchasing');
  const [tab, setTab] = useState<string>(target.order ? 'orders' : 'toOrder');
  const [openId, setOpenId] = useState<number | null>(target.order ?? null);
  // the product is brought into view once: back on the tab later, the list is as usual
  const [focusProduct, setFocusProduct] = useState(target.order ? null : (target.product ?? null));
  // back on the list, the order just left (or the first just created) has the focus
  const [focusOrder, setFocusOrder] = useState<number | null>(null);
  const openOrder = (id: number | null, focus: number | null = null) => {
    setTab('orders');
    setOpenId(id);
    setFocusOrder(focus);
    setFocusProduct(null);
    clearTarget('purchasing');
  };
  // nothing to order: the tabs have the focus (→ to the orders)
  const tabRef = useRef<HTMLButtonElement>(null);
  const { user } = useShop();
  // main refuses every purchasing call to a cashier: say so instead of an empty page
  if (user !== null && !roleAtLeast(user.role, 'manager'))
    return (
      <>
        <Title order={2} mb="md">
          {t('purchasing.title')}
        </Title>
        <Text c="dimmed" data-testid="purchasing-manager-only">
          {t('purchasing.managerOnly')}
        </Text>
      </>
    );
  return (
    <>
      <Title order={2} mb="md">
        {t('purchasing.title')}
      </Title>
      <Tabs
        value={tab}
        onChange={(v) => {
          setTab(v ?? 'toOrder');
          setFocusProduct(null);
          clearTarget('purchasing');
        }}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="toOrder" ref={tabRef}>
            {t('purchasing.toOrder')}
          </Tabs.Tab>
          <Tabs.Tab value="orders" onClick={() => setOpenId(null)}>
            {t('purchasing.orders')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="toOrder">
          {tab === 'toOrder' && (
            <ToOrderPanel
              focusProduct={focusProduct}
              onOpenOrder={openOrder}
              onCreated={(ids) => (ids.length === 1 ? openOrder(ids[0]) : openOrder(null, ids[0] ?? null))}
              onNothing={() => tabRef.current}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="orders">
          {tab === 'orders' && (openId ? <OrderDetail id={openId} onBack={() => openOrder(null, openId)} /> : <OrdersPanel onOpen={setOpenId} focusId={focusOrder} />)}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
