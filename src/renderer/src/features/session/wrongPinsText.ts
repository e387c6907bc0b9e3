import type { Role, WrongPins } from '../../../../shared/domain/user';
import type { Locale } from '../../../../shared/domain/settings';
import type { Translate } from '../../i18n/i18n';

const when = (iso: string, locale: Locale) => new Date(iso).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** Who was at the till when the wrong PINs were typed: « 28 pendant la session de Fatou, 2 à l’écran verrouillé ». */
export function wrongPinParts(w: WrongPins, t: Translate): string {
  const parts = w.during.map((d) => t('wrongPins.during', { n: d.count, name: d.name }));
  if (w.atLockScreen > 0) parts.push(t('wrongPins.atLock', { n: w.atLockScreen }));
  return parts.join(', ');
}

/** What a user reads at login about the wrong PINs typed for their account since their last one. */
export function wrongPinsNotice(w: WrongPins, role: Role, t: Translate, locale: Locale): string {
  const count = w.count === 1 ? t('wrongPins.one') : t('wrongPins.many', { n: w.count });
  const since = w.since === null ? t('wrongPins.never') : t('wrongPins.since', { when: when(w.since, locale) });
  const advice = role === 'owner' ? t('wrongPins.adviceOwner') : t('wrongPins.adviceOther');
  return `${t('wrongPins.notice', { count, since, parts: wrongPinParts(w, t) })} ${advice}`;
}

/** The owner's line in Users: how many wrong PINs count towards the account's wait, by whom, and until when it is locked. */
export function wrongPinsLine(w: WrongPins, t: Translate, locale: Locale): string {
  const line = t(w.count === 1 ? 'users.wrongPins.one' : 'users.wrongPins.many', { n: w.count, parts: wrongPinParts(w, t) });
  return w.lockedUntil === null ? line : `${line} · ${t('users.lockedUntil', { when: when(w.lockedUntil, locale) })}`;
}
