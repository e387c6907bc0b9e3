import { describe, expect, it } from 'vitest';
import { salesChartSummary } from '../../src/renderer/src/features/dashboard/chartSummary';
import { forecastChartSummary } from '../../src/renderer/src/features/forecasts/chartSummary';
import { translator } from '../../src/renderer/src/i18n/translate';

const fr = translator('fr');
const en = translator('en');
const num = (locale: string) => (x: number) => x.toLocaleString(locale, { maximumFractionDigits: 1 });

describe('charts in words (their text alternative for screen readers)', () => {
  const history = [
    { date: '2026-05-01', qty: 4, stockout: false },
    { date: '2026-05-02', qty: 0, stockout: true },
    { date: '2026-05-03', qty: 9, stockout: false },
  ];
  const forecast = [
    { date: '2026-05-04', p10: 2, p50: 5, p90: 8, mean: 5.4 },
    { date: '2026-05-05', p10: 1, p50: 4, p90: 11, mean: 4.9 },
  ];

  it('a product: its sales without the stock-out days, the stock-out days, what is expected', () => {
    expect(forecastChartSummary({ history, forecast }, fr, 'fr', num('fr-FR'))).toBe(
      'Ventes des 3 derniers jours : 13 au total, de 4 à 9 par jour. 1 jour en rupture de stock. ' +
        'Prévision des 2 prochains jours : environ 10 au total, de 1 à 11 par jour (fourchette probable).',
    );
    // a slow seller's expected total keeps its decimal
    const slow = forecast.map((f) => ({ ...f, p10: 0, p50: 0, p90: 1, mean: f.mean / 10 }));
    expect(forecastChartSummary({ history: history.filter((h) => !h.stockout), forecast: slow }, en, 'en', num('en-GB'))).toBe(
      'Sales over the last 2 days: 13 in all, 4 to 9 a day. Forecast for the next 2 days: about 1 in all, 0 to 1 a day (likely range).',
    );
  });

  it('a product with history only, or one whose every day was a stock-out', () => {
    expect(forecastChartSummary({ history, forecast: [] }, en, 'en', num('en-GB'))).toBe('Sales over the last 3 days: 13 in all, 4 to 9 a day. 1 day out of stock.');
    const out = history.map((h) => ({ ...h, qty: 0, stockout: true }));
    expect(forecastChartSummary({ history: out, forecast: [] }, en, 'en', num('en-GB'))).toBe('Sales over the last 3 days: 0 in all, 0 to 0 a day. 3 days out of stock.');
  });

  it('the dashboard: the days shown, the best one, the expected takings with their range', () => {
    const format = { day: (iso: string) => iso.slice(5), money: (minor: number) => `${minor} F` };
    const data = {
      daily: [
        { date: '2026-05-01', amountMinor: 1000 },
        { date: '2026-05-02', amountMinor: 2500 },
      ],
      expected: [
        { date: '2026-05-03', p10Minor: 800, p50Minor: 1500, p90Minor: 2300 },
        { date: '2026-05-04', p10Minor: 900, p50Minor: 1600, p90Minor: 2600 },
      ],
      expectedRangeMeasured: true,
    };
    expect(salesChartSummary(data, fr, format)).toBe(
      'Ventes des 2 derniers jours : 3500 F au total ; meilleur jour le 05-02 (2500 F). ' +
        'Ventes attendues sur les 2 prochains jours : environ 3100 F, de 800 F à 2600 F par jour (fourchette probable).',
    );
    expect(salesChartSummary({ ...data, expected: [] }, en, format)).toBe('Sales over the last 2 days: 3500 F in all; best day 05-02 (2500 F).');
  });

  it('the dashboard before the range is measured (a young shop): the expected takings, no range claimed', () => {
    const format = { day: (iso: string) => iso.slice(5), money: (minor: number) => `${minor} F` };
    const expected = [
      { date: '2026-05-03', p10Minor: 1500, p50Minor: 1500, p90Minor: 1500 },
      { date: '2026-05-04', p10Minor: 1600, p50Minor: 1600, p90Minor: 1600 },
    ];
    expect(salesChartSummary({ daily: [], expected, expectedRangeMeasured: false }, fr, format)).toBe(
      'Ventes attendues sur les 2 prochains jours : environ 3100 F, de 1500 F à 1600 F par jour ; fourchette pas encore mesurée.',
    );
    expect(salesChartSummary({ daily: [], expected, expectedRangeMeasured: false }, en, format)).toBe(
      'Expected sales over the next 2 days: about 3100 F, 1500 F to 1600 F a day; range not measured yet.',
    );
  });
});
