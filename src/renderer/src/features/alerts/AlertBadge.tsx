import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AlertCounts } from '../../../../shared/api/contract';
import { api, call } from '../../api/api';

/** The number of open alerts (neither seen nor snoozed) next to "Alerts" in the nav; red when one is critical. */
export function AlertBadge() {
  const [counts, setCounts] = useState<AlertCounts | null>(null);
  useEffect(() => {
    const load = () => void call('alerts.counts', {}).then(setCounts, () => undefined);
    load();
    const offA = api.on('alerts.changed', (c) => setCounts(c));
    const offS = api.on('replenishment.changed', load);
    const timer = setInterval(load, 60_000);
    return () => {
      offA();
      offS();
      clearInterval(timer);
    };
  }, []);
  if (!counts || counts.open === 0) return null;
  return (
    <Badge size="sm" circle={counts.open < 10} color={counts.critical > 0 ? 'red' : 'orange'} data-testid="alert-badge">
      {counts.open}
    </Badge>
  );
}
