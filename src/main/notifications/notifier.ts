/** Shows a desktop notification. Electron's lives in electron-notifier.ts; tests pass a fake. */
export interface Notifier {
  show(title: string, body: string): void;
}

export interface DigestItem {
  key: string;
  message: string;
}

export const HOUR_MS = 3_600_000;

/**
 * Critical alerts become desktop notifications, at most one digest an hour: the first one goes at
 * once, the ones that come within the hour wait and go together when the hour is up (call `tick`
 * periodically). An alert already notified is never repeated while it is pending or sent.
 */
export class NotificationDigest {
  private pending = new Map<string, string>();
  private lastSentAt = -Infinity;
  private readonly sent = new Set<string>();

  constructor(
    private readonly notifier: Notifier,
    private readonly now: () => number,
    private readonly title: () => string,
    private readonly intervalMs = HOUR_MS,
  ) {}

  offer(items: DigestItem[]): void {
    for (const item of items) if (!this.sent.has(item.key)) this.pending.set(item.key, item.message);
    this.tick();
  }

  /** Forget a resolved alert, so that it is notified again if it comes back. */
  forget(key: string): void {
    this.sent.delete(key);
    this.pending.delete(key);
  }

  tick(): void {
    if (this.pending.size === 0 || this.now() - this.lastSentAt < this.intervalMs) return;
    const messages = [...this.pending.values()];
    for (const key of this.pending.keys()) this.sent.add(key);
    this.pending.clear();
    this.lastSentAt = this.now();
    const shown = messages.slice(0, 5);
    const more = messages.length - shown.length;
    this.notifier.show(`${this.title()} (${messages.length})`, shown.join('\n') + (more > 0 ? `\n+${more}` : ''));
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
