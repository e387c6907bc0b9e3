import { describe, expect, it } from 'vitest';
import { netContentText, parseNetContent, pricePerReference } from '../../src/shared/domain/net-content';

describe('a packet’s content and its price per kg or litre', () => {
  it('reads a content as an owner types it: comma or point, with or without a space, any case', () => {
    expect(parseNetContent('400 g')).toEqual({ quantity: 400, unit: 'g' });
    expect(parseNetContent(' 400g ')).toEqual({ quantity: 400, unit: 'g' });
    expect(parseNetContent('1,5 L')).toEqual({ quantity: 1.5, unit: 'l' });
    expect(parseNetContent('1.5 litres')).toEqual({ quantity: 1.5, unit: 'l' });
    expect(parseNetContent('25cl')).toEqual({ quantity: 25, unit: 'cl' });
    expect(parseNetContent('250 gr')).toEqual({ quantity: 250, unit: 'g' });
    expect(parseNetContent('0,375 kg')).toEqual({ quantity: 0.375, unit: 'kg' });
    expect(parseNetContent('')).toBe('none');
    expect(parseNetContent('   ')).toBe('none');
  });

  it('refuses what is no content: no unit, another unit, nothing, too much, more than thousandths, words', () => {
    for (const bad of ['400', 'g', '0 g', '1 200 g', '1500 g', '2 pièces', '1,2345 kg', 'quatre cents grammes', '-1 l', '1 m']) expect(parseNetContent(bad), bad).toBeNull();
  });

  it('writes it back in the shop’s language', () => {
    expect(netContentText({ quantity: 1.5, unit: 'l' }, 'fr')).toBe('1,5 l');
    expect(netContentText({ quantity: 1.5, unit: 'l' }, 'en')).toBe('1.5 l');
    expect(netContentText({ quantity: 1000, unit: 'g' }, 'fr')).toBe('1000 g');
  });

  it('gives the price per kg or per litre in minor units, rounded to the nearest', () => {
    expect(pricePerReference(1250, { quantity: 400, unit: 'g' })).toEqual({ minor: 3125, per: 'kg' });
    expect(pricePerReference(1000, { quantity: 25, unit: 'cl' })).toEqual({ minor: 4000, per: 'l' });
    expect(pricePerReference(349, { quantity: 0.37, unit: 'kg' })).toEqual({ minor: 943, per: 'kg' });
    expect(pricePerReference(199, { quantity: 330, unit: 'ml' })).toEqual({ minor: 603, per: 'l' });
    expect(pricePerReference(1850, { quantity: 9, unit: 'l' })).toEqual({ minor: 206, per: 'l' });
  });
});
