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
    expect(explainForecast('combo', 0.25, 28, 'en', flat())).toBe('Method: average of several methods. Over the last 4 weeks, the average error was 25%.');
  });

  it('adds the sentence after the method and its error', () => {
    const md = flat().map((v, i) => (i === 9 ? 1.1 : 1));
    expect(explainForecast('ses_year', null, 28, 'fr', md)).toBe(
      "Méthode : lissage exponentiel avec saisonnalité annuelle. L'historique est trop court pour mesurer l'erreur passée. La boutique vend plus le 10 de chaque mois (+10 %) : la prévision en tient compte.",
    );
  });
});
