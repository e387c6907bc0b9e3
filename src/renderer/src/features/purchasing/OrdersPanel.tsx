import { Badge, Button, Table, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { shortDate } from './dates';
import { STATUS_COLORS } from './OrderDetail';

/** The orders, newest first; `focusId`: the one whose « Ouvrir » has the focus once listed (the order just left, or created). */
export function OrdersPanel({ onOpen, focusId = null }: { onOpen: (id: number) => void; focusId?: number | null }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  const orders = useQuery('purchasing.list', {});
  const focusRef = useRef<HTMLButtonElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !orders.data || !focusRef.current) return;
    focused.current = true;
    focusRef.current.focus();
  }, [orders.data]);
  if (orders.data?.length === 0)
    return (
      <Text c="dimmed" data-testid="orders-empty">
        {t('purchasing.noOrders')}
      </Text>
    );
  return (
    <Table striped data-testid="orders-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('purchasing.number')}</Table.Th>
          <Table.Th>{t('purchasing.supplier')}</Table.Th>
          <Table.Th>{t('purchasing.status')}</Table.Th>
          <Table.Th>{t('purchasing.created_at')}</Table.Th>
          <Table.Th>{t('purchasing.expected')}</Table.Th>
          <Table.Th ta="right">{t('purchasing.lines')}</Table.Th>
          <Table.Th ta="right">{t('purchasing.total')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {orders.data?.map((o) => (
          <Table.Tr key={o.id} data-testid={`order-${o.reference}`}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.reference}</Table.Td>
            <Table.Td>{o.supplierName}</Table.Td>
            <Table.Td>
              {/* a status is read whole (« SOLDÉ INCOMPLET »), not cut to fit a narrow screen */}
              <Badge color={STATUS_COLORS[o.status]} miw="max-content">
                {t(`purchasing.status.${o.status}` as MessageKey)}
              </Badge>
              {o.status === 'closed' && (
                <Text size="xs" c="dimmed" data-testid="received-of">
                  {t('purchasing.receivedOf', { received: money(o.receivedTotalMinor), total: money(o.totalMinor) })}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{shortDate(o.createdAt, locale)}</Table.Td>
            <Table.Td>{shortDate(o.expectedDate, locale)}</Table.Td>
            <Table.Td ta="right">{o.lines}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {money(o.totalMinor)}
            </Table.Td>
            <Table.Td>
              <Button size="compact-sm" variant="light" onClick={() => onOpen(o.id)} ref={o.id === focusId ? focusRef : undefined}>
                {t('purchasing.open')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
