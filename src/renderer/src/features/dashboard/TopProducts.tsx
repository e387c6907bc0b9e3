import { Paper, Table, Text, Title } from '@mantine/core';
import type { DashboardSummary } from '../../../../shared/api/contract';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { unitLabel } from '../../../../shared/domain/replenishment';
import { quantity } from './format';

/** The period's ten best sellers by amount, returns netted. */
export function TopProducts({ data }: { data: DashboardSummary }) {
  const { t, locale } = useI18n();
  const { money } = useShop();
  return (
    <Paper withBorder p="sm" radius="md" h="100%" data-testid="dashboard-top">
      <Title order={4} mb={4}>
        {t('dashboard.top.title')} · {t(`dashboard.period.${data.period}` as MessageKey).toLowerCase()}
      </Title>
      {data.top.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="dashboard-top-none">
          {t('dashboard.top.none')}
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28}>#</Table.Th>
              <Table.Th>{t('dashboard.top.product')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.top.quantity')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.top.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.top.map((p, i) => (
              <Table.Tr key={p.productId} data-testid={`top-${p.sku}`}>
                <Table.Td c="dimmed">{i + 1}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1} title={p.name}>
                    {p.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {quantity(p.quantity, locale)} {unitLabel(p.unit, p.quantity, locale)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(p.amountMinor)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
