import { describe, expect, it } from 'vitest';
import { nameClash, nameKey, sameName } from '../../src/shared/domain/name-clash';

const OWNER = 'Propriétaire'; // precomposed é (U+00E9)
const DECOMPOSED = 'Propri' + 'e\u0301' + 'taire'; // e + combining acute: the same on screen

describe('user names that read the same clash', () => {
  it('the owner’s name with a decomposed accent, another accent, other capitals or none at all', () => {
    expect(DECOMPOSED).not.toBe(OWNER);
    for (const lookAlike of [DECOMPOSED, 'Proprietaire', 'PROPRIÉTAIRE', 'propriètaire', 'Propri\u00e9taire'.normalize('NFD').toUpperCase()]) {
      expect(sameName(lookAlike, OWNER)).toBe(true);
    }
  });

  it('invisible characters, doubled or edge spaces and compatibility forms do not make a new name', () => {
    expect(sameName('Fa\u200Btou', 'Fatou')).toBe(true); // zero-width space
    expect(sameName('Fa\u00ADtou', 'Fatou')).toBe(true); // soft hyphen
    expect(sameName('  Awa   Ndiaye ', 'Awa Ndiaye')).toBe(true);
    expect(sameName('\uFF26atou', 'Fatou')).toBe(true); // fullwidth F
    expect(sameName('Strauß', 'STRAUSS')).toBe(true);
    expect(nameKey('Mame Diarra Bousso')).toBe('mame diarra bousso');
  });

  it('different names stay different', () => {
    expect(sameName('Fatou', 'Fatoumata')).toBe(false);
    expect(sameName('Awa Ndiaye', 'AwaNdiaye')).toBe(false);
    expect(sameName('Moussa', 'Moussa 2')).toBe(false);
  });

  it('finds the other user a name clashes with, never the one being renamed', () => {
    const users = [
      { id: 1, name: OWNER },
      { id: 2, name: 'Fatou' },
    ];
    expect(nameClash(users, DECOMPOSED, 2)).toEqual({ id: 1, name: OWNER });
    expect(nameClash(users, DECOMPOSED)).toEqual({ id: 1, name: OWNER });
    // the owner fixing the accents of their own name
    expect(nameClash(users, DECOMPOSED, 1)).toBeUndefined();
    expect(nameClash(users, 'Moussa')).toBeUndefined();
  });
});
