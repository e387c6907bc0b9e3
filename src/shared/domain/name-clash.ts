/**
 * Two user names clash when they read the same at the lock screen: "Propriétaire" typed with a
 * precomposed é, with e + U+0301, in capitals, with a zero-width space or a doubled space inside.
 * SQLite's NOCASE folds ASCII letters only, so the comparison is made here.
 */

// combining marks (U+0301 ...) and invisible format characters (zero-width space, joiner, soft hyphen, BOM)
const MARKS_AND_INVISIBLES = /[\p{M}\p{Cf}]/gu;

/** The form two names are compared in: compatibility-decomposed, without accents or invisible characters, case-folded, spaces collapsed. */
export function nameKey(name: string): string {
  return (
    name
      // NFKD splits é into e + U+0301 and maps look-alike forms (ﬁ, fullwidth Ｆ, superscripts) to plain letters
      .normalize('NFKD')
      .replace(MARKS_AND_INVISIBLES, '')
      // upper then lower folds what lower alone keeps apart (ß and SS)
      .toUpperCase()
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The user, other than `exceptId` (the one being renamed), whose name clashes with `name`; undefined when none. */
export function nameClash<U extends { id: number; name: string }>(users: readonly U[], name: string, exceptId?: number): U | undefined {
  const key = nameKey(name);
  return users.find((u) => u.id !== exceptId && nameKey(u.name) === key);
}
