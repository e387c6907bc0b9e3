import type { z } from 'zod';
import { SYNC_PROTOCOL, storablePushSchema, type SyncPush, type SyncRefusal } from '../../src/shared/sync/protocol';

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
