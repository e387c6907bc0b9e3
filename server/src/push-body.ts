import type { z } from 'zod';
import { SYNC_PROTOCOL, syncPushSchema, type SyncPush, type SyncRefusal } from '../../src/shared/sync/protocol';

/** Fields holding a date or an instant, outside an event's free-form data. */
const DATE_FIELDS = new Set(['updatedAt', 'occurredAt', 'businessDate', 'expiry', 'at']);

/** How deep a push may nest (an event's data is its only free-form part): ample for a journal entry, far from exhausting the stack. */
const MAX_DEPTH = 40;

/** What the protocol allows but PostgreSQL cannot store, refused up front with the path at fault. */
const storablePushSchema = syncPushSchema.superRefine((push, ctx) => {
  const refuse = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  walk(push, [], (path, value, key) => {
    if (path.length > MAX_DEPTH) {
      refuse(path.slice(0, 3), `the data nests deeper than ${MAX_DEPTH - 3} levels`);
      return false;
    }
    if (typeof key === 'string' && key.includes('\u0000')) refuse(path, 'a key holds the NUL character (\\u0000), which cannot be stored');
    if (typeof value !== 'string') return true;
    if (value.includes('\u0000')) refuse(path, 'the text holds the NUL character (\\u0000), which cannot be stored');
    const inEventData = path[0] === 'events' && path[2] === 'data';
    if (!inEventData && DATE_FIELDS.has(String(path[path.length - 1])) && value.startsWith('0000-')) refuse(path, 'year 0000 is not a date');
    return true;
  });
  push.sales.forEach((sale, s) => {
    const seen = new Set<number>();
    sale.lines.forEach((line, l) => {
      if (seen.has(line.lineNo)) refuse(['sales', s, 'lines', l, 'lineNo'], `line number ${line.lineNo} appears twice in sale ${sale.id}`);
      seen.add(line.lineNo);
    });
  });
});

/** Visits every value and key below `value`; `visit` returning false stops the descent there. */
function walk(value: unknown, path: PropertyKey[], visit: (path: PropertyKey[], value: unknown, key?: PropertyKey) => boolean): void {
  if (!visit(path, value, path[path.length - 1])) return;
  if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], visit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

/** A push read from a request body, or the refusal naming what is wrong with it. */
export function parsePush(body: Buffer): { ok: true; push: SyncPush } | SyncRefusal {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { ok: false, code: 'bad_request', message: 'the body is not UTF-8 text' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'bad_request', message: `the body is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, code: 'bad_request', message: 'the body must be a JSON object (a push)' };
  }
  if ('protocol' in json && json.protocol !== SYNC_PROTOCOL) {
    return {
      ok: false,
      code: 'protocol',
      field: 'protocol',
      message: `this server speaks sync protocol ${SYNC_PROTOCOL} and the shop sent ${JSON.stringify(json.protocol)}: update the ${Number(json.protocol) > SYNC_PROTOCOL ? 'server' : 'shop app'}`,
    };
  }
  const parsed = storablePushSchema.safeParse(json);
  if (!parsed.success) return refusalFor(parsed.error.issues[0]);
  return { ok: true, push: parsed.data };
}

function refusalFor(issue: z.core.$ZodIssue): SyncRefusal {
  const field = issue.path.map(String).join('.');
  return field ? { ok: false, code: 'bad_request', field, message: `${field}: ${issue.message}` } : { ok: false, code: 'bad_request', message: issue.message };
}
