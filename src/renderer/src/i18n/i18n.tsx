import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../shared/domain/settings';
import { MESSAGES, type MessageKey } from './messages';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = MESSAGES[locale];
  return (key, vars) => {
    let text: string = table[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
}

const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: 'fr', t: translator('fr') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  // one stable value per locale, so effects and memos that depend on `t` do not rerun every render
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
