import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reloader } from '../../src/renderer/src/api/reloader';

/** A load that stays in flight until the test lets it finish, counting its runs. */
function gatedLoad() {
  const finishers: (() => void)[] = [];
  const load = vi.fn(() => new Promise<void>((resolve) => finishers.push(resolve)));
  const finish = async () => {
    finishers.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { load, finish };
}

describe('reloader: one reload per burst of change events, never two at once', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the three events one sale sends (stock, suggestions, alerts) within the delay give one run', async () => {
    const { load, finish } = gatedLoad();
    const r = reloader(load, 120);
    r.soon();
    await vi.advanceTimersByTimeAsync(3);
    r.soon();
    await vi.advanceTimersByTimeAsync(5);
    r.soon();
    expect(load).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(120);
    expect(load).toHaveBeenCalledTimes(1);
    await finish();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a change while a run is in flight gives exactly one more run, after it, not beside it', async () => {
    const { load, finish } = gatedLoad();
    const r = reloader(load, 120);
    r.now();
    expect(load).toHaveBeenCalledTimes(1);
    r.now();
    r.soon();
    await vi.advanceTimersByTimeAsync(200);
    r.now();
    expect(load).toHaveBeenCalledTimes(1);
    await finish();
    expect(load).toHaveBeenCalledTimes(2);
    await finish();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('now() does not wait for a pending soon(), and the pending one is then not run again', async () => {
    const { load, finish } = gatedLoad();
    const r = reloader(load, 120);
    r.soon();
    r.now();
    expect(load).toHaveBeenCalledTimes(1);
    await finish();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed run does not stop the next ones', async () => {
    let fail = true;
    const load = vi.fn(() => (fail ? Promise.reject(new Error('core busy')) : Promise.resolve()));
    const r = reloader(load, 10);
    r.now();
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    r.soon();
    await vi.advanceTimersByTimeAsync(10);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('after stop() nothing runs, neither a pending soon() nor the rerun of a change during flight; start() runs again', async () => {
    const { load, finish } = gatedLoad();
    const r = reloader(load, 120);
    r.now();
    r.now();
    r.soon();
    r.stop();
    await finish();
    await vi.advanceTimersByTimeAsync(500);
    r.soon();
    r.now();
    await vi.advanceTimersByTimeAsync(500);
    expect(load).toHaveBeenCalledTimes(1);
    r.start();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
