import type { AppErrorShape } from '../../../shared/api/result';
import type { Locale } from '../../../shared/domain/settings';
import type { MessageKey } from '../i18n/messages';
import { fr as reasonMessages } from '../i18n/messages/errors';

/** The shape of i18n's `t` (that module is TSX; this one stays plain so the node tests can load it). */
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A failed call in the shop's language. Main's message is English, for the log; where main sends a
 * code with structured details, the text is written here from them. Other messages lose their
 * "field: " prefix and are shown as they are.
 */
export function errorShapeText(e: AppErrorShape, t: Translate, locale: Locale = 'fr'): string {
  return reasonText(e, t, locale) ?? (e.code === 'forbidden' ? t('err.forbidden') : e.code === 'internal' ? t('err.internal') : e.message.replace(/^[\w.]+: /, ''));
}

/** The text main's `details` describe, or null when they are missing or name no known reason. */
export function reasonText(e: AppErrorShape, t: Translate, locale: Locale = 'fr'): string | null {
  const d = e.details;
  if (!d) return null;
  const tag = locale === 'fr' ? 'fr-FR' : 'en-GB';
  const num = (x: string | number | undefined) => (typeof x === 'number' ? x.toLocaleString(tag) : String(x ?? ''));
  if (e.code === 'forbidden' && d.reason === 'role') return t(d.needs === 'owner' ? 'role.needs.owner' : 'role.needs.manager');
  if (d.reason === 'return_exceeds') return t('return.tooMany', { name: String(d.name), n: num(d.returnable), sold: num(d.sold), returned: num(d.returned) });
  // main's English text names the file's problem more closely (which columns, which format) than a label
  if (d.reason === 'file_issue' && locale === 'en') return null;
  const key = `err.reason.${d.reason}`;
  if (!Object.prototype.hasOwnProperty.call(reasonMessages, key)) return null;
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(d)) {
    // business days as the shop writes them (14/05/2026), numbers with its separators
    vars[name] = typeof value === 'string' && ISO_DAY.test(value) ? new Date(`${value}T00:00:00`).toLocaleDateString(tag) : num(value);
  }
  if (d.reason === 'file_issue') vars.issue = t(`onboarding.issue.${String(d.issue)}` as MessageKey);
  return t(key as MessageKey, vars);
}
