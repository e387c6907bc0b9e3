import { MESSAGES, type MessageKey } from '../../src/renderer/src/i18n/messages';
import type { Locale } from '../../src/shared/domain/settings';

/** The renderer's `t` for a locale, without React: the message with its {vars} filled. */
export const translator =
  (locale: Locale) =>
  (key: MessageKey, vars: Record<string, string | number> = {}): string =>
    Object.entries(vars).reduce<string>((text, [k, v]) => text.replaceAll(`{${k}}`, String(v)), MESSAGES[locale][key]);
