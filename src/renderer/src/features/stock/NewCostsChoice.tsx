import { Checkbox } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';

/**
 * Shown when a delivery is typed at prices other than the products' cost prices: whether those prices
 * become the cost prices (checked by default: margins and the stock's value then follow what the shop
 * now pays), or stay on this delivery only.
 */
export function NewCostsChoice(props: { count: number; checked: boolean; onChange: (checked: boolean) => void }) {
  const { t } = useI18n();
  if (props.count === 0) return null;
  return (
    <Checkbox
      mt="sm"
      data-testid="update-costs"
      checked={props.checked}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
      label={t('receive.updateCosts', { n: props.count })}
      description={t('receive.updateCostsHelp')}
    />
  );
}
