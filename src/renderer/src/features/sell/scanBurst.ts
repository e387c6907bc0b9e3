/** Keystrokes closer than this are a scanner, not a person (scanners type a character every 5–20 ms). */
export const MAX_GAP_MS = 40;
export const MIN_LENGTH = 4;

/**
 * Tells a keyboard-wedge scanner from a person: a burst of characters, each within MAX_GAP_MS of the
 * last, ended by Enter. Feed it every key with its time; it returns the code when a burst ends.
 */
export class ScanBurst {
  private buffer = '';
  private last = -Infinity;

  key(key: string, at: number, modified = false): string | null {
    const gap = at - this.last;
    this.last = at;
    if (key === 'Enter') {
      const code = this.buffer;
      this.buffer = '';
      return code.length >= MIN_LENGTH && gap < MAX_GAP_MS * 3 ? code : null;
    }
    if (key.length !== 1 || modified) {
      this.buffer = '';
      return null;
    }
    this.buffer = gap < MAX_GAP_MS ? this.buffer + key : key;
    return null;
  }

  reset(): void {
    this.buffer = '';
  }
}
