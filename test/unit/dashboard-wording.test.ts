import { describe, expect, it } from 'vitest';
import { translator } from '../../src/renderer/src/i18n/translate';

describe('dashboard wording', () => {
  it('a period compared with one that sold nothing says the earlier one had no sales, not that nothing sold now', () => {
    const fr = translator('fr');
    const en = translator('en');
    expect(fr('dashboard.changeNone', { vs: fr('dashboard.vs.7d') })).toBe('vs les 7 jours d’avant : aucune vente à comparer');
    expect(en('dashboard.changeNone', { vs: en('dashboard.vs.7d') })).toBe('vs the 7 days before: no sales to compare with');
    expect(en('dashboard.changeNone', { vs: en('dashboard.vs.today') })).not.toMatch(/^nothing sold/);
  });

  it('the expected sales caption says they are capped by the stock and the orders on the way', () => {
    for (const key of ['dashboard.chart.caption', 'dashboard.chart.captionNoRange'] as const) {
      expect(translator('fr')(key, { days: 14 })).toContain('dans la limite du stock et des commandes en cours (un produit en rupture sans commande n’y compte pas)');
      expect(translator('en')(key, { days: 14 })).toContain('as far as the stock and the orders on the way allow (a product out of stock with nothing on order adds nothing)');
    }
  });
});
