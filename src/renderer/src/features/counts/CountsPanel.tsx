import { Badge, Button, Group, Paper, Select, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { StockCountStatus } from '../../../../shared/api/contract';
import { roleAtLeast } from '../../../../shared/domain/user';
import { call } from '../../api/api';
import { useQuery } from '../../api/hooks';
import { useShop } from '../../app/shop';
import type { FieldErrors } from '../../components/forms';
import { keyboardSearch } from '../../components/listEnter';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { stockFailure } from '../stock/errors';
import { CountScreen } from './CountScreen';

export const COUNT_STATUS_COLORS: Record<StockCountStatus, string> = { open: 'blue', applied: 'green', cancelled: 'gray' };
const ALL = '__all__';

/** The counts: the list, a new count (manager or owner), and the count being worked on. */
export function CountsPanel({ active }: { active: boolean }) {
  const { t } = useI18n();
  const { user, settings } = useShop();
  const manager = user !== null && roleAtLeast(user.role, 'manager');
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useQuery('counts.list', {}, [openId]);
  const categories = useQuery('products.categories', {});
  const [category, setCategory] = useState<string>(ALL);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const date = (iso: string) => new Date(iso).toLocaleString(settings.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  if (openId !== null) return <CountScreen id={openId} active={active} onBack={() => setOpenId(null)} />;

  const start = async () => {
    setBusy(true);
    try {
      const count = await call('counts.start', { category: category === ALL ? null : category });
      setErrors({});
      setOpenId(count.id);
    } catch (error) {
      setErrors(stockFailure(error, t, ['category']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group align="flex-start" grow preventGrowOverflow={false}>
      <Paper withBorder p="md" style={{ flex: 2 }}>
        <Title order={4} mb="sm">
          {t('counts.title')}
        </Title>
        <Table data-testid="counts-table" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('counts.number')}</Table.Th>
              <Table.Th>{t('stock.category')}</Table.Th>
              <Table.Th>{t('counts.status')}</Table.Th>
              <Table.Th>{t('counts.startedAt')}</Table.Th>
              <Table.Th ta="right">{t('counts.progress')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data?.map((c) => (
              <Table.Tr key={c.id} data-testid={`count-row-${c.reference}`}>
                <Table.Td>{c.reference}</Table.Td>
                <Table.Td>{c.category === null ? t('counts.allShop') : c.category || t('counts.noCategory')}</Table.Td>
                <Table.Td>
                  <Badge color={COUNT_STATUS_COLORS[c.status]} variant="light">
                    {t(`counts.status.${c.status}` as MessageKey)}
                  </Badge>
                </Table.Td>
                <Table.Td>{date(c.startedAt)}</Table.Td>
                <Table.Td ta="right">{t('counts.countedOf', { n: c.countedLines, total: c.lines })}</Table.Td>
                <Table.Td ta="right">
                  <Button size="compact-sm" variant={c.status === 'open' ? 'filled' : 'light'} onClick={() => setOpenId(c.id)} aria-label={`${t('counts.open')} ${c.reference}`}>
                    {t('counts.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.data?.length === 0 && (
          <Text c="dimmed" ta="center" my="md">
            {t('counts.none')}
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md" style={{ flex: 1 }} data-testid="count-start">
        <Title order={4} mb="xs">
          {t('counts.new')}
        </Title>
        {manager ? (
          <>
            <Text size="sm" c="dimmed" mb="sm">
              {t('counts.startHelp')}
            </Text>
            <Select
              label={t('counts.category')}
              data={[{ value: ALL, label: t('counts.allShop') }, ...(categories.data ?? []).filter(Boolean).map((c) => ({ value: c, label: c }))]}
              value={category}
              onChange={(v) => setCategory(v ?? ALL)}
              allowDeselect={false}
              {...keyboardSearch}
              error={errors.category}
            />
            <Button mt="md" fullWidth onClick={() => void start()} loading={busy}>
              {t('counts.start')}
            </Button>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('counts.managerStarts')}
          </Text>
        )}
      </Paper>
    </Group>
  );
}
