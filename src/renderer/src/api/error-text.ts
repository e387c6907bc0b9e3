import { AMOUNT_TOO_LARGE, QUANTITY_TOO_LARGE } from '../../../shared/api/fields';
import type { AppErrorShape } from '../../../shared/api/result';
import { PRINTER_TARGET_ERROR } from '../../../shared/domain/printer';
import { BACKUP_FOLDER_ERROR } from '../../../shared/domain/settings';
import { SYNC_ADDRESS_INSECURE, SYNC_ADDRESS_INVALID, SYNC_KEY_INVALID } from '../../../shared/sync/address';
import { CURRENCIES, formatMoney, type CurrencyCode } from '../../../shared/domain/money';
import type { Locale } from '../../../shared/domain/settings';
import { unitName } from '../../../shared/domain/quantity';
import type { MessageKey } from '../i18n/messages';
import { fr as countMessages } from '../i18n/messages/counts';
import { fr as reasonMessages } from '../i18n/messages/errors';
import { LOGO_BYTES_WRONG, LOGO_NOT_PNG_OR_JPEG } from '../../../shared/domain/logo';
import { fr as onboardingMessages } from '../i18n/messages/onboarding';

/** The shape of i18n's `t` (that module is TSX; this one stays plain so the node tests can load it). */
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The core's field messages (schemas.ts) in the shop's language; any other message is shown as it is. */
export const FIELD_MESSAGES: Record<string, MessageKey> = {
  required: 'err.required',
  'not an e-mail address': 'err.email',
  'must not be negative': 'err.negative',
  'must be more than 0': 'err.positive',
  'must not be 0': 'err.zero',
  'at most 3 decimals': 'err.decimals',
  'must be a whole number of minor units': 'err.money',
  '4 to 8 digits': 'err.pin',
  'expected a date YYYY-MM-DD': 'err.date',
  [AMOUNT_TOO_LARGE]: 'err.amountTooLarge',
  [QUANTITY_TOO_LARGE]: 'err.quantityTooLarge',
  [PRINTER_TARGET_ERROR]: 'err.printerTarget',
  [BACKUP_FOLDER_ERROR]: 'err.backupFolder',
  [SYNC_ADDRESS_INVALID]: 'err.syncUrl',
  [SYNC_ADDRESS_INSECURE]: 'err.syncUrlInsecure',
  [SYNC_KEY_INVALID]: 'err.syncKey',
  [LOGO_NOT_PNG_OR_JPEG]: 'err.logoType',
  [LOGO_BYTES_WRONG]: 'err.logoBytes',
};

/**
 * A failed call in the shop's language. Main's message is English, for the log; where main sends a
 * code with structured details, the text is written here from them. Other messages lose their
 * "field: " prefix and are shown as they are.
 */
export function errorShapeText(e: AppErrorShape, t: Translate, locale: Locale = 'fr'): string {
  const known = reasonText(e, t, locale);
  if (known !== null) return known;
  if (e.code === 'forbidden') return t('err.forbidden');
  if (e.code === 'internal') return t('err.internal');
  // an id that is no longer there (deleted or resumed in another window, a stale screen): main's
  // English names a database id nobody knows; a not_found a person can reach carries its own reason
  if (e.code === 'not_found' && e.details === undefined) return t('err.notFound');
  const detail = e.message.replace(/^[\w.]+: /, '');
  const field = FIELD_MESSAGES[detail];
  return field ? t(field) : detail;
}

/** The text main's `details` describe, or null when they are missing or name no known reason. */
export function reasonText(e: AppErrorShape, t: Translate, locale: Locale = 'fr'): string | null {
  const d = e.details;
  if (!d) return null;
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const num = (x: string | number | undefined) => (typeof x === 'number' ? x.toLocaleString(tag) : String(x ?? ''));
  if (e.code === 'forbidden' && d.reason === 'role') return t(d.needs === 'owner' ? 'role.needs.owner' : 'role.needs.manager');
  if (d.reason === 'return_exceeds') return t('return.tooMany', { name: String(d.name), n: num(d.returnable), sold: num(d.sold), returned: num(d.returned) });
  const key = `err.reason.${d.reason}`;
  if (d.reason === 'file_issue') {
    const specific = specificIssueText(d, t, locale);
    // without its specifics, main's English text names the file's problem more closely than a label
    if (specific === null && locale === 'en') return null;
    if (specific !== null) return t('err.reason.file_issue_specific', { issue: specific });
  }
  if (!Object.prototype.hasOwnProperty.call(reasonMessages, key)) return null;
  const vars: Record<string, string> = {};
  // amounts (details named …Minor) in the currency main names, as the till shows them (1 250 FCFA)
  const currency = typeof d.currency === 'string' && Object.prototype.hasOwnProperty.call(CURRENCIES, d.currency) ? (d.currency as CurrencyCode) : null;
  for (const [name, value] of Object.entries(d)) {
    // business days as the shop writes them (14/05/2026), numbers with its separators
    vars[name] =
      typeof value === 'number' && currency !== null && name.endsWith('Minor')
        ? formatMoney(value, currency, locale)
        : typeof value === 'string' && ISO_DAY.test(value)
          ? new Date(`${value}T00:00:00`).toLocaleDateString(tag)
          : num(value);
  }
  if (d.reason === 'file_issue') vars.issue = t(`onboarding.issue.${String(d.issue)}` as MessageKey);
  // a unit by its name in the shop's language (boîte, pièce), not its code
  if (d.reason === 'return_unit_changed') for (const name of ['from', 'to'] as const) vars[name] = unitName(String(d[name]), locale);
  return t(key as MessageKey, vars);
}

/**
 * An import's problem with its specifics (the columns missing and those found, the value refused, the
 * line it repeats...), from the params main sends with it: a whole file's (onboarding.fileIssue.*) or
 * a row's (onboarding.rowIssue.*). Null when they name no text this interface knows.
 */
export function specificIssueText(params: Record<string, string | number> | undefined, t: Translate, locale: Locale = 'fr'): string | null {
  if (!params || typeof params.specific !== 'string') return null;
  const key = [`onboarding.fileIssue.${params.specific}`, `onboarding.rowIssue.${params.specific}`].find((k) =>
    Object.prototype.hasOwnProperty.call(onboardingMessages, k),
  );
  if (key === undefined) return null;
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    // numbers with the shop's separators; days as it writes them (14/05/2026); a refused cell's text as it was
    vars[name] = typeof value === 'number' ? value.toLocaleString(tag) : ISO_DAY.test(value) && name !== 'value' ? new Date(`${value}T00:00:00`).toLocaleDateString(tag) : value;
  }
  return t(key as MessageKey, vars);
}

/**
 * A stock or count refusal in the shop's language, from main's `details.reason` (`stock.<key>`) and its
 * params (a count's reference, the code scanned); null for any other error.
 */
export function stockReasonText(e: AppErrorShape, t: Translate): string | null {
  const reason = e.details?.reason;
  if (typeof reason !== 'string' || !reason.startsWith('stock.')) return null;
  const key = `stock.err.${reason.slice('stock.'.length)}`;
  if (!Object.prototype.hasOwnProperty.call(countMessages, key)) return null;
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(e.details ?? {})) if (name !== 'reason') vars[name] = value;
  return t(key as MessageKey, vars);
}
