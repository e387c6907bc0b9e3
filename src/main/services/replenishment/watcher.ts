/**
 * Coalesces "these products changed" into one recompute after the current call has answered: a sale
 * returns to the till first, then suggestions and alerts follow (setImmediate). Bursts of movements
 * share one pass; an empty or missing list means every product. A pass may be asynchronous (every
 * product is done in slices); changes that come during it wait for the next pass, never overlap it.
 */
export class StockWatcher {
  private readonly ids = new Set<number>();
  private all = false;
  private scheduled: Promise<void> | null = null;

  constructor(private readonly run: (productIds?: number[]) => void | Promise<void>) {}

  changed(productIds?: number[]): void {
    if (!productIds || productIds.length === 0) this.all = true;
    else for (const id of productIds) this.ids.add(id);
    this.scheduled ??= this.passes();
  }

  /** Resolves once the pending recomputes (if any) have run: tests, and anything that reads right after a write. */
  idle(): Promise<void> {
    return this.scheduled ?? Promise.resolve();
  }

  private async passes(): Promise<void> {
    while (this.all || this.ids.size > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      const ids = this.all ? undefined : [...this.ids];
      this.all = false;
      this.ids.clear();
      try {
        await this.run(ids);
      } catch {
        // the runner reports its own errors; the next change gets a fresh pass
      }
    }
    this.scheduled = null;
  }
}
