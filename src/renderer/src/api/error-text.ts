import type { AppErrorShape } from '../../../shared/api/result';
import type { Locale } from '../../../shared/domain/settings';
import type { MessageKey } from '../i18n/messages';

/** The shape of i18n's `t` (that module is TSX; this one stays plain so the node tests can load it). */
type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A failed call in the shop's language. Main's message is English, for the log; where main sends a
 * code with structured details, the text is written here from them. Other messages lose their
 * "field: " prefix and are shown as they are.
 */
export function errorShapeText(e: AppErrorShape, t: Translate, locale: Locale = 'fr'): string {
  const d = e.details;
  const num = (x: string | number | undefined) => (typeof x === 'number' ? x.toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB') : String(x ?? ''));
  if (e.code === 'forbidden' && d?.reason === 'role') return t(d.needs === 'owner' ? 'role.needs.owner' : 'role.needs.manager');
  if (d?.reason === 'return_exceeds') return t('return.tooMany', { name: String(d.name), n: num(d.returnable), sold: num(d.sold), returned: num(d.returned) });
  if (e.code === 'forbidden') return t('err.forbidden');
  return e.message.replace(/^[\w.]+: /, '');
}
