import { describe, expect, it } from 'vitest';
import { explainForecast, monthPattern } from '../../src/main/services/forecasting/nightly';

const flat = (): number[] => Array.from({ length: 31 }, () => 1);

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
    expect(explainForecast('combo', { wape: 0.25, naiveWape: null }, 28, 'en', flat())).toBe(
      'Method: average of several smoothing methods. Over the last 4 weeks, the average error was 25%.',
    );
  });

  it('adds the sentence after the method and its error', () => {
    const md = flat().map((v, i) => (i === 9 ? 1.1 : 1));
    expect(explainForecast('ses_year', { wape: null, naiveWape: null }, 28, 'fr', md)).toBe(
      "Méthode : niveau récent des ventes, rythme de la semaine et saisons de l'année (lissage exponentiel). L'historique est trop court pour mesurer l'erreur passée. La boutique vend plus le 10 de chaque mois (+10 %) : la prévision en tient compte.",
    );
  });
});

describe('forecast explanation: the method and its error in plain words', () => {
  it("sets the error next to what repeating the week before's sales would have missed by", () => {
    expect(explainForecast('tsb', { wape: 0.414, naiveWape: 0.626 }, 28, 'fr')).toBe(
      "Méthode : pour ventes irrégulières, la fréquence des jours de vente et la quantité habituelle (méthode TSB). Sur les 4 dernières semaines, l'erreur moyenne était de 41 % (63 % en reprenant simplement les ventes de la semaine d'avant).",
    );
    expect(explainForecast('damped_week', { wape: 0.12, naiveWape: 0.1 }, 14, 'en')).toBe(
      "Method: recent level and trend, the trend slowed down, and the weekly rhythm (damped-trend smoothing). Over the last 2 weeks, the average error was 12% (10% by simply repeating the week before's sales).",
    );
  });

  it('names every method in both languages, and an unknown one as it is', () => {
    for (const m of ['snaive', 'ses_week', 'damped_week', 'ses_year', 'damped_year', 'tsb', 'combo', 'flat']) {
      for (const locale of ['fr', 'en'] as const) {
        const text = explainForecast(m, { wape: 0.2, naiveWape: 0.3 }, 28, locale);
        expect(text).not.toContain(m);
        expect(text.length).toBeGreaterThan(60);
      }
    }
    expect(explainForecast('prophet', { wape: 0.2, naiveWape: null }, 28, 'en')).toBe('Method: prophet. Over the last 4 weeks, the average error was 20%.');
  });
});
