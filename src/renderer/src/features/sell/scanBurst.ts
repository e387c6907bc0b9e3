/** Keystrokes closer than this are a scanner, not a person (scanners type a character every 5–20 ms). */
export const MAX_GAP_MS = 40;
export const MIN_LENGTH = 4;
/**
 * A keyboard that was quiet this long before a burst means a person stopped typing and picked up the
 * scanner. A shorter gap may be the scanner's own first character, held back by a busy page.
 */
export const HAND_OFF_MS = 200;

/**
 * Tells a keyboard-wedge scanner from a person: a burst of characters, each within MAX_GAP_MS of the
 * last, ended by Enter. Feed it every key with its time; it returns the code when a burst ends.
 */
export class ScanBurst {
  private buffer = '';
  private last = -Infinity;
  private quietBefore = Infinity;
  /** How long the keyboard was quiet before the burst last returned began, in ms. */
  pauseBefore = Infinity;

  key(key: string, at: number, modified = false): string | null {
    const gap = at - this.last;
    this.last = at;
    if (key === 'Enter') {
      const code = this.buffer;
      this.buffer = '';
      if (code.length >= MIN_LENGTH && gap < MAX_GAP_MS * 3) {
        this.pauseBefore = this.quietBefore;
        return code;
      }
      return null;
    }
    if (key.length !== 1 || modified) {
      this.buffer = '';
      return null;
    }
    if (gap < MAX_GAP_MS && this.buffer) this.buffer += key;
    else {
      this.buffer = key;
      this.quietBefore = gap;
    }
    return null;
  }

  reset(): void {
    this.buffer = '';
  }
}
