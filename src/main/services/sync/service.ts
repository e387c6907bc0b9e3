import { rowsOf, SYNC_CLOCK_TOLERANCE_MINUTES, type SyncClockOff, type SyncCounts, type SyncOutcome, type SyncStatus } from '../../../shared/api/contracts/sync';
import { AppError, type ErrorCode } from '../../../shared/api/result';
import type { ShopSettings } from '../../../shared/domain/settings';
import { syncBase } from '../../../shared/sync/address';
import { SYNC_BATCH_ROWS, SYNC_PROTOCOL, storablePushSchema, type SyncAck, type SyncPush } from '../../../shared/sync/protocol';
import { inTransaction } from '../../db/tx';
import type { Logger } from '../../logger';
import { Journal } from '../audit/journal';
import type { Actor, ServiceDeps } from '../context';
import { shopTag } from '../shop-tag';
import { clip, SyncCollector, type SyncBatch } from './collect';
import { SyncState } from './state';
import { SyncTransportError, postPush } from './transport';

export interface SyncDeps extends ServiceDeps {
  settings: () => ShopSettings;
  version: string;
  logger: Logger;
  onProgress: (p: { sent: number; total: number }) => void;
  onFinished: (ok: boolean) => void;
  /** The HTTP client (tests may slow it or cut it); default the global fetch. */
  fetch?: typeof fetch;
  timeoutMs?: number;
  batchRows?: number;
  batchBytes?: number;
}

/** A batch's JSON above this is halved: a quarter of what the server takes decoded (16 MB), ~0.3 MB gzipped. */
const SYNC_BATCH_BYTES = 4 * 1024 * 1024;

function refuse(reason: string, code: ErrorCode, message: string, field?: string, extra: Record<string, string> = {}): AppError {
  return new AppError(code, field ? `${field}: ${message}` : message, field, { reason, ...extra });
}

const KINDS = ['products', 'stock', 'movements', 'sales', 'events'] as const;
const zero = (): SyncCounts => ({ products: 0, stock: 0, movements: 0, sales: 0, events: 0 });

/**
 * Pushes the shop's data to the central server its owner hosts, one way. Each batch is read from the
 * cursors, sent, and the cursors move only once the server has stored it: a batch cut off on the way
 * is read and sent again, and the server keeps one copy of each row. One push at a time.
 */
export class SyncService {
  private readonly state: SyncState;
  private readonly collector: SyncCollector;
  private readonly journal: Journal;
  private running: Promise<SyncOutcome> | null = null;

  constructor(private readonly deps: SyncDeps) {
    this.state = new SyncState(deps.store.sqlite);
    this.collector = new SyncCollector(deps.store.sqlite);
    this.journal = new Journal(deps.store.sqlite);
  }

  status(): SyncStatus {
    return {
      url: this.state.url(),
      keySet: this.state.key() !== null,
      running: this.running !== null,
      pending: this.collector.pending(this.state.cursors()),
      lastAttemptAt: this.state.lastAttemptAt(),
      lastSuccessAt: this.state.lastSuccessAt(),
      lastFailure: this.state.lastFailure(),
      clockOff: this.clockOff(),
    };
  }

  private clockOff(): SyncClockOff | null {
    const clock = this.state.clock();
    if (!clock || Math.abs(clock.offsetMs) <= SYNC_CLOCK_TOLERANCE_MINUTES * 60_000) return null;
    return { minutes: Math.round(clock.offsetMs / 60_000), at: clock.at };
  }

  /**
   * Sets the server's address and the shop's key ('' for the address: the shop stops syncing). Another
   * address or key starts from the first row: that server holds nothing of this shop yet (and one that
   * does keeps one copy of each row).
   */
  configure(input: { url: string; key?: string }, actor: Actor): SyncStatus {
    if (this.running) throw refuse('sync_busy', 'conflict', 'a push is under way: wait for it to finish');
    const url = input.url === '' ? '' : syncBase(input.url);
    const key = url === '' ? null : (input.key ?? this.state.key());
    if (url !== '' && key === null) throw refuse('sync_key_required', 'validation', "the shop key is required: paste the key the server's add-shop printed", 'key');
    const changed = url !== this.state.url() || key !== this.state.key();
    inTransaction(this.deps.store.sqlite, () => {
      this.state.setServer(url, key);
      if (changed) {
        this.state.resetCursors();
        // another server has its own clock
        this.state.setClock(null);
      }
      this.journal.write(this.deps.now().toISOString(), actor.user.id, 'configure', 'sync', '', { url, keyChanged: input.key !== undefined });
    });
    return this.status();
  }

  isConfigured(): boolean {
    return this.state.url() !== '' && this.state.key() !== null;
  }

  /** Pushes everything waiting; refused while another push runs or without a server. */
  push(): Promise<SyncOutcome> {
    if (this.running) throw refuse('sync_busy', 'conflict', 'a push is already under way');
    const url = this.state.url();
    const key = this.state.key();
    if (url === '' || key === null) throw refuse('sync_not_configured', 'validation', 'no server address: the owner sets it in Settings > Central server', 'url');
    const run = this.run(url, key).finally(() => {
      this.running = null;
    });
    this.running = run;
    return run;
  }

  /** The app's own pushes (every few minutes): failures are recorded for the screen, never thrown. */
  async autoIfDue(): Promise<void> {
    if (this.running || !this.isConfigured() || !this.deps.store.sqlite.open) return;
    try {
      await this.push();
    } catch (error) {
      if (!(error instanceof AppError)) this.deps.logger.error('sync push', { error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  private async run(url: string, key: string): Promise<SyncOutcome> {
    const { deps, state } = this;
    const limit = deps.batchRows ?? SYNC_BATCH_ROWS;
    state.attempted(deps.now().toISOString());
    const sent = zero();
    let batches = 0;
    try {
      let cursors = state.cursors();
      const pending = this.collector.pending(cursors);
      const total = rowsOf(pending);
      deps.onProgress({ sent: 0, total });
      let rows = limit;
      for (;;) {
        // the store may close while a batch is on the wire (the app quitting): stop, the cursors are safe
        if (!deps.store.sqlite.open) throw new SyncTransportError('offline', 'the shop file was closed during the push');
        const batch = this.collector.next(cursors, rows);
        // a batch of lots alone is the one-off sweep (SyncCursors.lotSweep): counted nowhere, sent all the same
        if (KINDS.every((k) => batch[k].length === 0) && batch.lots.length === 0) break;
        const json = JSON.stringify(this.checked(batch));
        // big receipts make big batches: halve the rows until the batch fits (one row always does)
        const sentAt = deps.now().getTime();
        const ack = Buffer.byteLength(json) <= (deps.batchBytes ?? SYNC_BATCH_BYTES) || rows === 1 ? await this.post(url, key, json, rows) : null;
        if (!ack) {
          rows = Math.max(1, Math.floor(rows / 2));
          continue;
        }
        if (!deps.store.sqlite.open) throw new SyncTransportError('offline', 'the shop file was closed during the push');
        const answeredAt = deps.now();
        const at = answeredAt.toISOString();
        const serverTime = Date.parse(ack.serverTime);
        const previous = cursors.events;
        cursors = batch.next;
        inTransaction(deps.store.sqlite, () => {
          state.setCursors(cursors);
          this.collector.markEventsSent(previous, cursors.events, at);
          // the server stamped its time somewhere between sending and answering: the middle is within half the round trip
          if (Number.isFinite(serverTime)) state.setClock({ offsetMs: Math.round((sentAt + answeredAt.getTime()) / 2 - serverTime), at });
        });
        batches += 1;
        for (const k of KINDS) sent[k] += batch[k].length;
        deps.onProgress({ sent: rowsOf(sent), total: Math.max(total, rowsOf(sent)) });
      }
      const at = deps.now().toISOString();
      state.succeeded(at);
      deps.onFinished(true);
      return { sent, batches, at };
    } catch (error) {
      const failure = error instanceof SyncTransportError ? { code: error.code, message: error.message } : { code: 'server' as const, message: error instanceof Error ? error.message : String(error) };
      if (deps.store.sqlite.open) state.failed({ ...failure, at: deps.now().toISOString() });
      deps.logger.warn('sync push failed', { code: failure.code, message: failure.message, batches });
      deps.onFinished(false);
      throw refuse(`sync_${failure.code}`, failure.code === 'unauthorized' ? 'forbidden' : 'device', failure.message, undefined, { message: failure.message, url });
    }
  }

  /** Sends one batch and returns the server's ack; null when the server found it too large (413), so a smaller one may pass. */
  private async post(url: string, key: string, json: string, rows: number): Promise<SyncAck | null> {
    try {
      return await postPush(url, key, json, { fetch: this.deps.fetch ?? fetch, timeoutMs: this.deps.timeoutMs ?? 60_000 });
    } catch (error) {
      if (error instanceof SyncTransportError && error.tooLarge && rows > 1) return null;
      throw error;
    }
  }

  /**
   * The batch as the server will check it: a row this shop file holds that the protocol refuses (a
   * date written by an old import) is named here, with its id, instead of being refused by the server.
   */
  private checked(batch: SyncBatch): SyncPush {
    const settings = this.deps.settings();
    const push: SyncPush = {
      protocol: SYNC_PROTOCOL,
      shop: { name: clip(settings.shopName.trim(), 200) || 'Shelfcast', epoch: this.state.epoch(), tag: shopTag(this.deps.store.sqlite), currency: settings.currency, appVersion: this.deps.version },
      products: batch.products,
      stock: batch.stock,
      lots: batch.lots,
      movements: batch.movements,
      sales: batch.sales,
      events: batch.events,
    };
    const parsed = storablePushSchema.safeParse(push);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const [kind, index] = issue.path;
      const row = typeof kind === 'string' && typeof index === 'number' ? (push[kind as keyof SyncPush] as { id?: number; productId?: number }[])[index] : undefined;
      const which = row ? ` (${String(kind)} id ${row.id ?? row.productId})` : '';
      throw new SyncTransportError('refused', `${issue.path.join('.')}${which}: ${issue.message}`);
    }
    return push;
  }
}
