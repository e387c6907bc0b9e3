import { describe, expect, it } from 'vitest';
import { explainForecast, monthPattern, type ForecastFacts } from '../../src/main/services/forecasting/nightly';

const flat = (): number[] => Array.from({ length: 31 }, () => 1);

/** A regular seller, 28 days forecast, a full 4-week backtest window; each test changes what it is about. */
const facts = (over: Partial<ForecastFacts> = {}): ForecastFacts => ({
  method: 'combo',
  wape: 0.25,
  naiveWape: null,
  backtest: { days: 28, windowDays: 28, expected: 412.4, sold: 398 },
  horizonDays: 28,
  expectedNext: 405.2,
  intermittent: false,
  stockoutDays: 0,
  unit: 'piece',
  monthDays: null,
  ...over,
});

describe('forecast explanation: the busy days of the month', () => {
  it('names the busiest stretch in French and in English', () => {
    const md = flat().map((v, i) => (i >= 9 && i <= 11 ? 1.06 : 0.99));
    expect(monthPattern(md, 'fr')).toBe('La boutique vend plus du 10 au 12 de chaque mois (+6 %) : la prévision en tient compte.');
    expect(monthPattern(md, 'en')).toBe('The shop sells more from the 10th to the 12th of each month (+6%); the forecast allows for it.');
  });

  it('follows a stretch across the end of the month, and names a single day', () => {
    const end = flat().map((v, i) => (i >= 28 || i <= 1 ? 1.08 : 0.97));
    expect(monthPattern(end, 'fr')).toBe('La boutique vend plus du 29 au 2 de chaque mois (+8 %) : la prévision en tient compte.');
    expect(monthPattern(end, 'en')).toBe('The shop sells more from the 29th to the 2nd of each month (+8%); the forecast allows for it.');
    const one = flat().map((v, i) => (i === 0 ? 1.2 : 0.99));
    expect(monthPattern(one, 'en')).toBe('The shop sells more on the 1st of each month (+20%); the forecast allows for it.');
  });

  it('says nothing when there is no pattern, or only a faint one', () => {
    expect(monthPattern(null, 'fr')).toBeNull();
    expect(monthPattern(flat(), 'fr')).toBeNull();
    expect(monthPattern(flat().map((v, i) => (i === 14 ? 1.035 : 0.999)), 'fr')).toBeNull();
    expect(explainForecast(facts({ monthDays: flat() }), 'en')).toBe(
      'Method: average of several smoothing methods. Expected over the next 28 days: about 405. Over the last 4 weeks, 412 were expected and 398 sold; the error day by day was 25%.',
    );
  });

  it('adds the sentence after the method and its error', () => {
    const md = flat().map((v, i) => (i === 9 ? 1.1 : 1));
    expect(explainForecast(facts({ method: 'ses_year', wape: null, backtest: null, expectedNext: 12.34, unit: 'kg', monthDays: md }), 'fr')).toBe(
      "Méthode : niveau récent des ventes, rythme de la semaine et saisons de l'année (lissage exponentiel). Attendu sur les 28 prochains jours : environ 12,3 kg. L'historique est trop court pour mesurer l'erreur passée. La boutique vend plus le 10 de chaque mois (+10 %) : la prévision en tient compte.",
    );
  });
});

describe('forecast explanation: the method and how it did, in plain words', () => {
  it("sets the totals and the daily error next to what repeating the week before's sales would have missed by", () => {
    expect(explainForecast(facts({ method: 'tsb', wape: 0.414, naiveWape: 0.626, backtest: { days: 28, windowDays: 28, expected: 37.26, sold: 41 }, expectedNext: 36 }), 'fr')).toBe(
      "Méthode : pour ventes irrégulières, la fréquence des jours de vente et la quantité habituelle (méthode TSB). Attendu sur les 28 prochains jours : environ 36. Sur les 4 dernières semaines, il en était attendu 37,3 et il s'en est vendu 41 ; l'erreur jour par jour était de 41 % (63 % en reprenant simplement les ventes de la semaine d'avant).",
    );
    expect(
      explainForecast(facts({ method: 'damped_week', wape: 0.12, naiveWape: 0.1, horizonDays: 14, backtest: { days: 14, windowDays: 14, expected: 150, sold: 160 }, expectedNext: 151 }), 'en'),
    ).toBe(
      "Method: recent level and trend, the trend slowed down, and the weekly rhythm (damped-trend smoothing). Expected over the next 14 days: about 151. Over the last 2 weeks, 150 were expected and 160 sold; the error day by day was 12% (10% by simply repeating the week before's sales).",
    );
  });

  it("gives one error when the method is the week before's sales itself", () => {
    const text = explainForecast(facts({ method: 'snaive', wape: 0.31, naiveWape: 0.45 }), 'fr');
    expect(text).toContain("l'erreur jour par jour était de 31 %.");
    expect(text).not.toContain('45 %');
  });

  it('explains a product that sells on few days by its totals, not by a daily error', () => {
    const slow = facts({ method: 'tsb', wape: 1, naiveWape: 4.33, intermittent: true, expectedNext: 6.2, backtest: { days: 28, windowDays: 28, expected: 7.1, sold: 5 } });
    expect(explainForecast(slow, 'fr')).toBe(
      "Méthode : pour ventes irrégulières, la fréquence des jours de vente et la quantité habituelle (méthode TSB). Ce produit ne se vend pas tous les jours : un jour donné, le plus probable est 0 (la médiane), mais il en faut environ 6,2 sur les 28 prochains jours (la moyenne, en pointillés). Sur les 4 dernières semaines, il en était attendu 7,1 et il s'en est vendu 5.",
    );
    expect(explainForecast(slow, 'en')).toBe(
      'Method: for irregular sales, how often the product sells and how many at a time (TSB method). This product does not sell every day: on a given day the likeliest sale is 0 (the median), but about 6.2 should sell over the next 28 days (the mean, dotted). Over the last 4 weeks, 7.1 were expected and 5 sold.',
    );
  });

  it('counts only the days in stock, and says why stock-out days are left out', () => {
    const riz = facts({ backtest: { days: 4, windowDays: 28, expected: 30, sold: 26 }, stockoutDays: 24, unit: 'kg' });
    expect(explainForecast(riz, 'fr')).toContain(
      "Sur les 4 dernières semaines (4 jours en stock sur 28), il en était attendu 30 kg et il s'en est vendu 26 kg ; l'erreur jour par jour était de 25 %. Les jours en rupture (en gris) ne comptent pas : la demande y est inconnue.",
    );
    expect(explainForecast(riz, 'en')).toContain(
      'Over the last 4 weeks (4 days in stock out of 28), 30 kg were expected and 26 kg sold; the error day by day was 25%. Out-of-stock days (in grey) do not count: demand on them is unknown.',
    );
  });

  it('without a backtest, gives the true reason: too short a history, or the shelf empty over the whole window', () => {
    const none = facts({ wape: null, backtest: null, stockoutDays: 30 });
    expect(explainForecast({ ...none, noBacktest: 'stockout' }, 'fr')).toBe(
      "Méthode : moyenne de plusieurs méthodes de lissage. Attendu sur les 28 prochains jours : environ 405. En rupture sur les 4 dernières semaines : l'erreur passée n'a pas pu être mesurée. Les jours en rupture (en gris) ne comptent pas : la demande y est inconnue.",
    );
    expect(explainForecast({ ...none, noBacktest: 'stockout' }, 'en')).toContain('Out of stock over the last 4 weeks: past error could not be measured.');
    expect(explainForecast({ ...none, noBacktest: 'unknown' }, 'en')).toContain('No day in the last 4 weeks has known sales: past error could not be measured.');
    expect(explainForecast({ ...none, noBacktest: 'short' }, 'fr')).toContain("L'historique est trop court pour mesurer l'erreur passée.");
  });

  it('a forecast from days ago counts only the days left, and says how many', () => {
    const left = facts({ horizonDays: 21, runDays: 28, expectedNext: 69.9 });
    expect(explainForecast(left, 'fr')).toContain('Attendu sur les 21 jours qui restent de la dernière prévision : environ 69,9.');
    expect(explainForecast(left, 'en')).toContain('Expected over the 21 days left in the last forecast: about 69.9.');
    // the backtest sentence still speaks of the run's 4 weeks
    expect(explainForecast(left, 'fr')).toContain('Sur les 4 dernières semaines,');
    expect(explainForecast({ ...left, horizonDays: 1, intermittent: true, expectedNext: 0.4 }, 'fr')).toContain(
      'il en faut environ 0,4 sur le seul jour qui reste de la dernière prévision (la moyenne, en pointillés).',
    );
    expect(explainForecast({ ...left, horizonDays: 0, expectedNext: 0 }, 'en')).toContain('The last forecast no longer covers the days ahead: run it again from the Forecasts page.');
  });

  it('names every method in both languages, and an unknown one as it is', () => {
    for (const m of ['snaive', 'ses_week', 'damped_week', 'ses_year', 'damped_year', 'tsb', 'combo', 'flat']) {
      for (const locale of ['fr', 'en'] as const) {
        const text = explainForecast(facts({ method: m, naiveWape: 0.3 }), locale);
        expect(text).not.toContain(m);
        expect(text.length).toBeGreaterThan(60);
      }
    }
    expect(explainForecast(facts({ method: 'prophet', wape: 0.2, backtest: null, expectedNext: 3 }), 'en')).toBe(
      'Method: prophet. Expected over the next 28 days: about 3. The history is too short to measure past error.',
    );
  });
});
