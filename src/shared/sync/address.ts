/**
 * The central server's address as the owner types it in Settings. HTTPS anywhere; plain HTTP only to
 * this machine or a private network (the shop's key and sales would otherwise cross the internet in
 * clear). Null when it is fine, else what is wrong (translated by the screen, named in main's errors).
 */
export type SyncAddressProblem = 'invalid' | 'insecure';

export function syncAddressProblem(raw: string): SyncAddressProblem | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.username || url.password || url.search || url.hash) return 'invalid';
  if (url.protocol === 'https:') return null;
  if (url.protocol !== 'http:') return 'invalid';
  return isLocalHost(url.hostname) ? null : 'insecure';
}

/** The address without a trailing slash, so `${base}/v1/push` is right whatever was typed. */
export function syncBase(raw: string): string {
  return raw.trim().replace(/\/+$/, '');
}

function isLocalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h.endsWith('.local')) return true;
  const ip = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!ip) return false;
  const [a, b] = [Number(ip[1]), Number(ip[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** A shop's key as the server's `add-shop` prints it. */
export const SYNC_TOKEN_PATTERN = /^shk_[A-Za-z0-9_-]{20,200}$/;

/** Field messages from main (English, for logs and tests); the screen maps them to the shop's language. */
export const SYNC_ADDRESS_INVALID = 'expected a server address such as https://shelfcast.example.com';
export const SYNC_ADDRESS_INSECURE = 'https is required, except to this computer or the shop network';
export const SYNC_KEY_INVALID = "expected the shop key the server's add-shop printed (shk_...)";
