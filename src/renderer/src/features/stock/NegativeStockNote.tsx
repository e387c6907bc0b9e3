import { Text } from '@mantine/core';
import type { StockLineView } from '../../../../shared/api/contract';
import { useI18n } from '../../i18n/i18n';
import { counted } from '../dashboard/format';

/**
 * Under the Stock page's total value: how many lines are below 0 and that they count 0 in it (the
 * dashboard's rule, ledger.ts stockLineValue), with what to do about them. Nothing when no line is
 * below 0, or for a cashier (no values reach her screen, and the total is not shown).
 */
export function NegativeStockNote({ lines }: { lines: Pick<StockLineView, 'onHand' | 'valueMinor'>[] }) {
  const { t, locale } = useI18n();
  const negative = lines.filter((l) => l.onHand < 0).length;
  if (negative === 0 || lines.some((l) => l.valueMinor === null)) return null;
  return (
    <Text size="sm" c="orange.9" mb="xs" data-testid="stock-negative-note">
      {counted(t, locale, 'stock.valueRule.negative', negative)}
    </Text>
  );
}
