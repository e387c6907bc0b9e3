import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';

/** A shop's token authenticates its pushes; an owner key reads the summary of every shop. */
const SHOP_PREFIX = 'shk_';
const OWNER_PREFIX = 'own_';
const SHOP_NAME_MAX = 200;

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

export async function addOwnerKey(pool: pg.Pool): Promise<string> {
  const key = newSecret(OWNER_PREFIX);
  await pool.query('INSERT INTO owner_keys (key_hash) VALUES ($1)', [hashSecret(key)]);
  return key;
}

/** The id of the shop this token belongs to, or null for anything else (an owner key included). */
export async function shopIdForToken(pool: pg.Pool, token: string): Promise<number | null> {
  if (!token.startsWith(SHOP_PREFIX)) return null;
  const { rows } = await pool.query<{ id: number }>('SELECT id FROM shops WHERE token_hash = $1', [hashSecret(token)]);
  return rows.length ? Number(rows[0].id) : null;
}

export async function isOwnerKey(pool: pg.Pool, key: string): Promise<boolean> {
  if (!key.startsWith(OWNER_PREFIX)) return false;
  const { rowCount } = await pool.query('SELECT 1 FROM owner_keys WHERE key_hash = $1', [hashSecret(key)]);
  return (rowCount ?? 0) > 0;
}
