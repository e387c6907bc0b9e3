import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../../../shared/domain/settings';
import { translator, type Translate } from './translate';

export { translator, type Translate } from './translate';

const I18nContext = createContext<{ locale: Locale; t: Translate }>({ locale: 'fr', t: translator('fr') });

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  // one stable value per locale, so effects and memos that depend on `t` do not rerun every render
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
