/**
 * Issue 16, first screen: a sync asked over the bridge as the app starts waits until the first
 * store list has been answered (and a grace for the page to paint it), or a bounded time when no
 * list comes; the CLI never waits.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FirstScreenGate } from '../../../src-main/first-screen';

afterEach(() => {
  vi.useRealTimers();
});

/** Whether the promise has settled after the pending microtasks ran. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('the first-screen gate', () => {
  test('opens a grace after the first list was answered, not before', async () => {
    vi.useFakeTimers();
    const gate = new FirstScreenGate(false, 500, 2500);
    const ready = gate.ready();
    await vi.advanceTimersByTimeAsync(1000);
    expect(await settled(ready)).toBe(false);
    gate.listServed();
    await vi.advanceTimersByTimeAsync(400);
    expect(await settled(ready)).toBe(false);
    gate.listServed(); // a later list does not push it back
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(ready)).toBe(true);
    expect(await settled(gate.ready())).toBe(true);
  });

  test('opens at the limit when no list is asked', async () => {
    vi.useFakeTimers();
    const gate = new FirstScreenGate(false, 500, 2500);
    await vi.advanceTimersByTimeAsync(2400);
    expect(await settled(gate.ready())).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(await settled(gate.ready())).toBe(true);
  });

  test('is open from the start for the CLI', async () => {
    vi.useFakeTimers();
    expect(await settled(new FirstScreenGate(true).ready())).toBe(true);
  });
});
