import { Badge, Checkbox, Table, Text } from '@mantine/core';
import { memo, type Ref } from 'react';
import type { ToOrderLine } from '../../../../shared/api/contract';
import { vatIncluded } from '../../../../shared/domain/cart';
import { wholeUp } from '../../../../shared/domain/quantity';
import { quantityText } from '../../../../shared/domain/replenishment';
import { useShop } from '../../app/shop';
import { useI18n } from '../../i18n/i18n';
import { shortDate } from './dates';
import { overstockOnArrival, soldBelowCost } from './lineFlags';

const fmt = (x: number, locale: string) => (Math.round(x * 10) / 10).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * One line of « À commander »: its figures, then why, across the whole width (a narrow column made it a
 * tall ribbon at 1024 px). Drawn again only when its own props change: ticking a box among 150 lines
 * redraws that line, not the list. `focusRef` marks the product the owner came to order.
 */
export const ToOrderRow = memo(function ToOrderRow({
  line: l,
  ticked,
  orderable,
  focusRef,
  onToggle,
}: {
  line: ToOrderLine;
  ticked: boolean;
  orderable: boolean;
  focusRef?: Ref<HTMLTableSectionElement>;
  onToggle: (productId: number, on: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const { settings, money } = useShop();
  const focused = focusRef !== undefined;
  const overstock = overstockOnArrival(l, settings.overstockDays);
  return (
    <Table.Tbody
      ref={focusRef}
      data-testid={`to-order-${l.sku}`}
      data-focused={focused || undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-gray-3)',
        // the product the owner came to order, marked where it stands among the others
        ...(focused ? { background: 'var(--mantine-color-yellow-0)', boxShadow: 'inset 4px 0 0 var(--mantine-color-yellow-6)' } : {}),
      }}
    >
      <Table.Tr style={{ borderBottom: 'none' }}>
        <Table.Td>
          <Checkbox aria-label={l.name} checked={ticked} disabled={!orderable} onChange={(e) => onToggle(l.productId, e.currentTarget.checked)} />
        </Table.Td>
        <Table.Td>
          <Text size="sm" fw={600}>
            {l.name}{' '}
            <Badge size="xs" variant="light" color="gray">
              {l.abcClass}
            </Badge>{' '}
            {!l.withinBudget && (
              <Badge size="xs" color="orange">
                {t('purchasing.overBudget')}
              </Badge>
            )}{' '}
            {overstock !== null && (
              <Badge size="xs" color="yellow" variant="light" data-testid="overstock-on-arrival">
                {t('purchasing.overstockOnArrival', { n: overstock })}
              </Badge>
            )}{' '}
            {soldBelowCost(l) && (
              <Badge size="xs" color="red" variant="light" data-testid="below-cost" title={t('purchasing.belowCostHint', { price: money(l.priceMinor - vatIncluded(l.priceMinor, l.vatRateBp)), cost: money(l.costMinor) })}>
                {t('purchasing.belowCost')}
              </Badge>
            )}
          </Text>
        </Table.Td>
        <Table.Td ta="right">{quantityText(l.onHand, l.unit, locale)}</Table.Td>
        <Table.Td ta="right">{quantityText(l.onOrder, l.unit, locale)}</Table.Td>
        <Table.Td ta="right">{quantityText(wholeUp(l.unit, l.reorderPoint), l.unit, locale)}</Table.Td>
        <Table.Td ta="right">{l.daysOfCover === null ? '—' : t('purchasing.days', { n: fmt(l.daysOfCover, locale) })}</Table.Td>
        <Table.Td data-testid="stockout">
          {l.onHand <= 0 ? (
            // already out: since when the ledger says, not a predicted date
            <Text size="sm" c="red" fw={600}>
              {l.stockoutDate ? t('purchasing.outSince', { date: shortDate(l.stockoutDate, locale) }) : t('purchasing.out')}
            </Text>
          ) : l.stockoutDate ? (
            shortDate(l.stockoutDate, locale)
          ) : (
            '—'
          )}
        </Table.Td>
        <Table.Td ta="right" data-testid="suggested">
          <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
            {quantityText(l.suggested, l.unit, locale)}
          </Text>
          {l.packSize !== 1 && (
            <Text size="xs" c="dimmed">
              {l.packs} × {fmt(l.packSize, locale)}
            </Text>
          )}
        </Table.Td>
        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
          {money(l.totalOfLineMinor)}
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Td />
        <Table.Td colSpan={8} pt={0}>
          <Text size="xs" c="dimmed" data-testid="explanation">
            {l.explanation}
          </Text>
        </Table.Td>
      </Table.Tr>
    </Table.Tbody>
  );
});
