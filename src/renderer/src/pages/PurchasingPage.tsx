import { Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { roleAtLeast } from '../../../shared/domain/user';
import { useShop } from '../app/shop';
import { OrderDetail } from '../features/purchasing/OrderDetail';
import { OrdersPanel } from '../features/purchasing/OrdersPanel';
import { ToOrderPanel } from '../features/purchasing/ToOrderPanel';
import { useI18n } from '../i18n/i18n';

export function PurchasingPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<string>('toOrder');
  const [openId, setOpenId] = useState<number | null>(null);
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
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'toOrder')}>
        <Tabs.List mb="md">
          <Tabs.Tab value="toOrder">{t('purchasing.toOrder')}</Tabs.Tab>
          <Tabs.Tab value="orders" onClick={() => setOpenId(null)}>
            {t('purchasing.orders')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="toOrder">
          {tab === 'toOrder' && (
            <ToOrderPanel
              onCreated={(ids) => {
                setTab('orders');
                setOpenId(ids.length === 1 ? ids[0] : null);
              }}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="orders">{tab === 'orders' && (openId ? <OrderDetail id={openId} onBack={() => setOpenId(null)} /> : <OrdersPanel onOpen={setOpenId} />)}</Tabs.Panel>
      </Tabs>
    </>
  );
}
