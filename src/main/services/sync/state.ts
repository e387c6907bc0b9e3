import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { SyncFailure } from '../../../shared/api/contracts/sync';

/** How far this PC's clock was from the server's (ms, positive ahead), and when this PC saw it. */
export interface SyncClockReading {
  offsetMs: number;
  at: string;
}

/** How far each kind of row has been pushed. Products follow their sync_seq (then id); the rest their id. */
export interface SyncCursors {
  products: { seq: number; id: number };
  movements: number;
  sales: number;
  events: number;
  /**
   * The lots of every lot-tracked product are sent once from the first product on (a shop whose rows a
   * server already held before lots travelled); after that a product's lots go with its movements.
   * The last product id sent by that sweep, or null once it has reached the last product.
   */
  lotSweep: number | null;
}

const START: SyncCursors = { products: { seq: -1, id: 0 }, movements: 0, sales: 0, events: 0, lotSweep: 0 };

/** The sync_state table: the server's address, the shop's key, the cursors and the last outcome. */
export class SyncState {
  private readonly getStmt: Database.Statement;
  private readonly setStmt: Database.Statement;
  private readonly delStmt: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    this.getStmt = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    this.setStmt = sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.delStmt = sqlite.prepare('DELETE FROM sync_state WHERE key = ?');
  }

  private get(key: string): string | null {
    return (this.getStmt.get(key) as string | undefined) ?? null;
  }

  private set(key: string, value: string | null): void {
    if (value === null) this.delStmt.run(key);
    else this.setStmt.run(key, value);
  }

  url(): string {
    return this.get('url') ?? '';
  }

  key(): string | null {
    return this.get('key');
  }

  setServer(url: string, key: string | null): void {
    this.set('url', url || null);
    this.set('key', key);
  }

  cursors(): SyncCursors {
    const raw = this.get('cursors');
    return raw ? { ...START, ...(JSON.parse(raw) as Partial<SyncCursors>) } : { ...START, products: { ...START.products } };
  }

  setCursors(c: SyncCursors): void {
    this.set('cursors', JSON.stringify(c));
  }

  /** Another server (or another shop key) starts from the beginning: it holds nothing of this shop yet. */
  resetCursors(): void {
    this.set('cursors', null);
  }

  /** This life of the shop file (see SyncShop.epoch), made on first use. */
  epoch(): string {
    const epoch = this.get('epoch');
    if (epoch) return epoch;
    const made = randomBytes(12).toString('base64url');
    this.set('epoch', made);
    return made;
  }

  /**
   * The file was just restored from a backup: its ids will be given again to new rows, so the server
   * must drop what it holds of this shop and take everything from the first row.
   */
  newEpoch(): void {
    this.sqlite.transaction(() => {
      this.set('epoch', randomBytes(12).toString('base64url'));
      this.resetCursors();
    })();
  }

  lastAttemptAt(): string | null {
    return this.get('lastAttemptAt');
  }

  lastSuccessAt(): string | null {
    return this.get('lastSuccessAt');
  }

  lastFailure(): SyncFailure | null {
    const raw = this.get('lastFailure');
    return raw ? (JSON.parse(raw) as SyncFailure) : null;
  }

  attempted(at: string): void {
    this.set('lastAttemptAt', at);
  }

  succeeded(at: string): void {
    this.set('lastSuccessAt', at);
    this.set('lastFailure', null);
  }

  failed(failure: SyncFailure): void {
    this.set('lastFailure', JSON.stringify(failure));
  }

  /** The clock offset seen at the last push the server answered; null before one, or after the server changed. */
  clock(): SyncClockReading | null {
    const raw = this.get('clock');
    return raw ? (JSON.parse(raw) as SyncClockReading) : null;
  }

  setClock(reading: SyncClockReading | null): void {
    this.set('clock', reading && JSON.stringify(reading));
  }
}
