const rules = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };

/** `one` or `other` for a count, by the language's rule: French 0 and 1 (and 1,5) are singular, English only 1. */
export function plural(count: number, locale: 'fr' | 'en', one: string, other: string): string {
  return rules[locale].select(count) === 'one' ? one : other;
}
