/**
 * Coalesces "these products changed" into one recompute after the current call has answered: a sale
 * returns to the till first, then suggestions and alerts follow (setImmediate). Bursts of movements
 * share one pass; an empty or missing list means every product.
 */
export class StockWatcher {
  private readonly ids = new Set<number>();
  private all = false;
  private scheduled: Promise<void> | null = null;

  constructor(private readonly run: (productIds?: number[]) => void) {}

  changed(productIds?: number[]): void {
    if (!productIds || productIds.length === 0) this.all = true;
    else for (const id of productIds) this.ids.add(id);
    if (this.scheduled) return;
    this.scheduled = new Promise((resolve) =>
      setImmediate(() => {
        const ids = this.all ? undefined : [...this.ids];
        this.all = false;
        this.ids.clear();
        this.scheduled = null;
        try {
          this.run(ids);
        } finally {
          resolve();
        }
      }),
    );
  }

  /** Resolves once the pending recompute (if any) has run: tests, and anything that reads right after a write. */
  idle(): Promise<void> {
    return this.scheduled ?? Promise.resolve();
  }
}
