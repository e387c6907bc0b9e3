import { describe, expect, it } from 'vitest';
import { CHANNELS, contract } from '../../src/shared/api/contract';
import { en, fr } from '../../src/renderer/src/i18n/messages';

describe('French and English', () => {
  it('have the same keys and no empty string', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) expect(text.trim(), key).not.toBe('');
  });
  it('keep the same {placeholders} in both languages', () => {
    const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) expect(holes(en[key]), key).toEqual(holes(fr[key]));
  });
});

describe('the API contract', () => {
  it('lists exactly the contract channels for the preload', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
  });
  it('names every channel domain.verb and gives each a role', () => {
    for (const [name, entry] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      expect(['cashier', 'manager', 'owner']).toContain(entry.role);
    }
  });
  it('keeps writes that change the catalogue or settings away from cashiers', () => {
    expect(contract['products.save'].role).not.toBe('cashier');
    expect(contract['settings.save'].role).toBe('owner');
  });
});
