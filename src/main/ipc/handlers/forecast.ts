import type { forecastContract } from '../../../shared/api/contracts/forecast';
import type { Core, DomainHandlers } from './helpers';

export function forecastHandlers(core: Core): DomainHandlers<typeof forecastContract> {
  const s = core.services;
  return {
    'forecast.run': () => ({ runId: s.forecasts.start('manual').runId }),
    'forecast.cancel': () => ({ cancelled: s.forecasts.cancel() }),
    'forecast.status': () => s.forecasts.status(),
    'forecast.product': (input) => {
      const p = s.products.get(input.id);
      return s.forecasts.product(p.id, p.name, p.unit);
    },
  };
}
