import { describe, expect, test } from 'vitest';
import { SLICE_MS, Slicer, Superseded, forEachSliced, type Clock } from '../../src/page/slicing';

/** A clock on which every item of work takes `costMs`; yields are counted, not waited for. */
function fakeClock(costMs: number) {
  let time = 0;
  const clock: Clock & { yields: number; tick(): void } = {
    yields: 0,
    now: () => time,
    yield: async () => {
      clock.yields++;
    },
    tick: () => {
      time += costMs;
    },
  };
  return clock;
}

describe('forEachSliced', () => {
  test('does every item, yielding to the page each time a slice has used its budget', async () => {
    const clock = fakeClock(1);
    const done: number[] = [];
    const slices: number[] = [];
    await forEachSliced(
      Array.from({ length: 100 }, (_, i) => i),
      (i) => {
        clock.tick();
        done.push(i);
      },
      new Slicer(clock, () => true),
      (slice) => {
        const before = done.length;
        slice();
        slices.push(done.length - before);
      },
    );
    expect(done).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(clock.yields).toBe(Math.ceil(100 / SLICE_MS) - 1);
    expect(Math.max(...slices)).toBe(SLICE_MS);
  });

  test('a longer budget for part of the work still counts what the current slice has used', async () => {
    const clock = fakeClock(1);
    const slicer = new Slicer(clock, () => true);
    for (let i = 0; i < SLICE_MS - 1; i++) clock.tick();
    expect(slicer.spent()).toBe(false);
    const longer = slicer.withBudget(3 * SLICE_MS);
    for (let i = 0; i < 2 * SLICE_MS; i++) clock.tick();
    expect(slicer.spent()).toBe(true);
    expect(longer.spent()).toBe(false);
    for (let i = 0; i < SLICE_MS + 1; i++) clock.tick();
    expect(longer.spent()).toBe(true);
  });

  test('work that is costly to split starts in a new slice once half the current one is used', async () => {
    const clock = fakeClock(1);
    const slicer = new Slicer(clock, () => true);
    for (let i = 0; i < SLICE_MS / 2 - 1; i++) clock.tick();
    await slicer.yieldIfHalfSpent();
    expect(clock.yields).toBe(0);
    clock.tick();
    await slicer.yieldIfHalfSpent();
    expect(clock.yields).toBe(1);
    for (let i = 0; i < SLICE_MS - 1; i++) clock.tick();
    expect(slicer.spent()).toBe(false);
  });

  test('a slice ends once work has counted its cap of items, and items it does not count do not end it', async () => {
    const clock = fakeClock(0);
    const slices: number[][] = [];
    await forEachSliced(
      Array.from({ length: 20 }, (_, i) => i),
      (i) => {
        slices.at(-1)!.push(i);
        return i % 2 === 0;
      },
      new Slicer(clock, () => true),
      (slice) => {
        slices.push([]);
        slice();
      },
      3,
    );
    expect(slices).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15, 16],
      [17, 18, 19],
    ]);
    expect(clock.yields).toBe(3);
  });

  test('stops with Superseded once the work is no longer wanted', async () => {
    const clock = fakeClock(SLICE_MS);
    let wanted = true;
    const done: number[] = [];
    const run = forEachSliced(
      [1, 2, 3, 4],
      (i) => {
        clock.tick();
        done.push(i);
        wanted = false;
      },
      new Slicer(clock, () => wanted),
    );
    await expect(run).rejects.toBeInstanceOf(Superseded);
    expect(done).toEqual([1]);
  });
});
