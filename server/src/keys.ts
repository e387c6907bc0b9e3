import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/** A shop's token authenticates its pushes; an owner key reads the summary of every shop. */
const SHOP_PREFIX = 'shk_';
const OWNER_PREFIX = 'own_';
const SHOP_NAME_MAX = 200;
const OWNER_LABEL_MAX = 200;

function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Only this hash is stored: a copy of the database gives nobody a working token. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** What is wrong with a shop's name, or null when it will do. */
export function shopNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'the shop needs a name';
  if (trimmed.length > SHOP_NAME_MAX) return `the shop's name is longer than ${SHOP_NAME_MAX} characters`;
  if (trimmed.includes('\u0000')) return "the shop's name holds a NUL character";
  return null;
}

/** Registers a shop and returns its token, which exists nowhere else afterwards: show it once. */
export async function addShop(pool: pg.Pool, name: string): Promise<{ id: number; token: string }> {
  const problem = shopNameProblem(name);
  if (problem) throw new Error(problem);
  const trimmed = name.trim();
  const token = newSecret(SHOP_PREFIX);
  const { rows } = await pool.query<{ id: number }>('INSERT INTO shops (name, token_hash) VALUES ($1, $2) RETURNING id', [trimmed, hashSecret(token)]);
  return { id: Number(rows[0].id), token };
}

/**
 * A new token for a shop whose token was lost or leaked, or whose PC was replaced; the old one stops
 * working, and the first shop file to push with the new one becomes the shop's. Null when there is no such shop.
 */
export async function replaceShopToken(pool: pg.Pool, shopId: number): Promise<{ name: string; token: string } | null> {
  const token = newSecret(SHOP_PREFIX);
  const { rows } = await pool.query<{ name: string }>('UPDATE shops SET token_hash = $2, file_tag = NULL WHERE id = $1 RETURNING name', [shopId, hashSecret(token)]);
  return rows.length ? { name: rows[0].name, token } : null;
}

/** What is wrong with an owner key's label ("phone Awa"), or null when it will do. */
export function ownerKeyLabelProblem(label: string): string | null {
  const trimmed = label.trim();
  if (!trimmed) return 'the label is empty';
  if (trimmed.length > OWNER_LABEL_MAX) return `the label is longer than ${OWNER_LABEL_MAX} characters`;
  // it is printed in owner-keys' table: one line per key
  if ([...trimmed].some((c) => c < ' ' || c === '\u007f')) return 'the label holds a control character (a line break, a tab)';
  return null;
}

/** A new owner key, with an optional label to tell it apart in owner-keys; returned once, only its hash is kept. */
export async function addOwnerKey(pool: pg.Pool, label?: string): Promise<string> {
  if (label !== undefined) {
    const problem = ownerKeyLabelProblem(label);
    if (problem) throw new Error(problem);
  }
  const key = newSecret(OWNER_PREFIX);
  await pool.query('INSERT INTO owner_keys (key_hash, label) VALUES ($1, $2)', [hashSecret(key), label?.trim() ?? null]);
  return key;
}

export interface OwnerKeyRow {
  id: number;
  label: string | null;
  createdAt: Date;
  /** When the page or GET /v1/shops last accepted it, to the minute; null when never. */
  lastUsedAt: Date | null;
}

export async function listOwnerKeys(pool: pg.Pool): Promise<OwnerKeyRow[]> {
  const { rows } = await pool.query<{ id: number; label: string | null; created_at: Date; last_used_at: Date | null }>('SELECT id, label, created_at, last_used_at FROM owner_keys ORDER BY id');
  return rows.map((r) => ({ id: Number(r.id), label: r.label, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** Deletes an owner key: from the next request on, it opens nothing. Null when there is no such key. */
export async function revokeOwnerKey(pool: pg.Pool, id: number): Promise<OwnerKeyRow | null> {
  const { rows } = await pool.query<{ id: number; label: string | null; created_at: Date; last_used_at: Date | null }>(
    'DELETE FROM owner_keys WHERE id = $1 RETURNING id, label, created_at, last_used_at',
    [id],
  );
  return rows.length ? { id: Number(rows[0].id), label: rows[0].label, createdAt: rows[0].created_at, lastUsedAt: rows[0].last_used_at } : null;
}

/** The id of the shop this token belongs to, or null for anything else (an owner key included). */
export async function shopIdForToken(pool: pg.Pool, token: string): Promise<number | null> {
  if (!token.startsWith(SHOP_PREFIX)) return null;
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM shops WHERE token_hash = $1', [hashSecret(token)]);
  return rows.length ? Number(rows[0].id) : null;
}

/**
 * Whether this is a registered owner key. An accepted key's last_used_at is brought up to date in the
 * same statement, but written at most once a minute: the page is reloaded often, a write each time is waste.
 */
export async function isOwnerKey(pool: pg.Pool, key: string): Promise<boolean> {
  if (!key.startsWith(OWNER_PREFIX)) return false;
  const { rowCount } = await pool.query(
    `WITH found AS (SELECT id, last_used_at FROM owner_keys WHERE key_hash = $1),
          touched AS (
            UPDATE owner_keys k SET last_used_at = now() FROM found
            WHERE k.id = found.id AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
            RETURNING k.id
          )
     SELECT 1 FROM found`,
    [hashSecret(key)],
  );
  return (rowCount ?? 0) > 0;
}
