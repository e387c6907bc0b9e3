import { describe, expect, it } from 'vitest';
import { HAND_OFF_MS, ScanBurst } from '../../src/renderer/src/features/sell/scanBurst';

const type = (burst: ScanBurst, text: string, start: number, gap: number) => {
  let t = start;
  for (const ch of text) burst.key(ch, (t += gap));
  return burst.key('Enter', t + gap);
};

describe('telling a barcode scanner from a person', () => {
  it('takes a fast burst ended by Enter as a scan', () => {
    expect(type(new ScanBurst(), '6001234500018', 0, 8)).toBe('6001234500018');
  });
  it('ignores a person typing at human speed', () => {
    expect(type(new ScanBurst(), '1234', 0, 180)).toBeNull();
  });
  it('keeps only the burst when a person typed something just before', () => {
    const burst = new ScanBurst();
    burst.key('3', 0);
    expect(type(burst, 'SKU-42', 400, 10)).toBe('SKU-42');
  });
  it('says how long the keyboard was quiet before the burst: a person who gave up typing, or a scanner slowed at its first key', () => {
    const handOff = new ScanBurst();
    for (const [i, ch] of [...'sav'].entries()) handOff.key(ch, i * 90);
    expect(type(handOff, '6001234500018', 180 + 400, 5)).toBe('6001234500018');
    expect(handOff.pauseBefore).toBeGreaterThanOrEqual(HAND_OFF_MS);
    const slowFirstKey = new ScanBurst();
    slowFirstKey.key('6', 0);
    expect(type(slowFirstKey, '001234500018', 60, 5)).toBe('001234500018');
    expect(slowFirstKey.pauseBefore).toBeLessThan(HAND_OFF_MS);
  });
  it('ignores short bursts, modified keys and an Enter long after the burst', () => {
    expect(type(new ScanBurst(), 'abc', 0, 5)).toBeNull();
    const modified = new ScanBurst();
    for (const [i, ch] of [...'12345'].entries()) modified.key(ch, i * 5, i === 2);
    expect(modified.key('Enter', 30)).toBeNull();
    const late = new ScanBurst();
    for (const [i, ch] of [...'123456'].entries()) late.key(ch, i * 5);
    expect(late.key('Enter', 1000)).toBeNull();
  });
});
