import { describe, expect, test } from 'vitest';
import { DedupIndex, type BlockResult } from '../../src/engine';
import { NEAR_REPEATS } from '../support/nearRepeats';
import { sampleLines } from '../support/sample';
import { Prng } from '../support/prng';

const lines = sampleLines();

describe('DedupIndex.changes', () => {
  test('the first call returns every block, like report', () => {
    const index = new DedupIndex();
    lines.forEach((text, i) => index.set(i, text, i));
    expect(index.changes()).toEqual({ changed: index.report().blocks, removed: [] });
  });

  test('then only new and reclassified blocks, in document order, and deleted keys', () => {
    const index = new DedupIndex();
    lines.slice(0, 7).forEach((text, i) => index.set(i, text, i));
    index.changes();
    expect(index.changes()).toEqual({ changed: [], removed: [] });

    index.set(100, lines[7], 7); // repeats line 2 (key 1)
    index.set(101, 'A short new paragraph that repeats nothing at all on this page.', 8);
    const added = index.changes();
    expect(added.changed.map((b) => [b.id, b.status, b.of])).toEqual([
      [100, 'duplicate', 1],
      [101, 'unique', null],
    ]);
    expect(added.removed).toEqual([]);

    // Deleting the canonical block makes its repeat unique: that block is reported as changed.
    index.delete(1);
    const afterDelete = index.changes();
    expect(afterDelete.changed.map((b) => [b.id, b.status])).toEqual([[100, 'unique']]);
    expect(afterDelete.removed).toEqual([1]);
  });

  test('a block deleted and set again under the same key is changed, not removed', () => {
    const index = new DedupIndex();
    [lines[1], lines[2]].forEach((text, i) => index.set(i, text, i));
    index.changes();
    index.delete(1);
    index.set(1, lines[1], 1);
    expect(index.changes()).toMatchObject({ changed: [{ id: 1, status: 'duplicate', of: 0 }], removed: [] });
  });

  test('applying the changes to the last full report always gives the current report', () => {
    // A deterministic pseudo-random walk over inserts, edits and deletes.
    const prng = new Prng(777);
    const random = (n: number) => prng.int(n);
    const pool = [...lines, ...NEAR_REPEATS.flatMap((c) => [c.original, c.repeat])];
    const index = new DedupIndex();
    const orders = new Map<number, number>();
    const mirror = new Map<number, BlockResult>();
    let nextKey = 0;
    for (let step = 0; step < 200; step++) {
      const keys = [...orders.keys()];
      const action = random(10);
      if (action < 5 || keys.length < 3) {
        const key = nextKey++;
        orders.set(key, random(1_000_000));
        index.set(key, pool[random(pool.length)], orders.get(key)!);
      } else if (action < 8) {
        const key = keys[random(keys.length)];
        index.set(key, pool[random(pool.length)], orders.get(key)!);
      } else {
        const key = keys[random(keys.length)];
        orders.delete(key);
        index.delete(key);
      }
      if (step % 7 === 0) {
        const { changed, removed } = index.changes();
        for (const key of removed) mirror.delete(key);
        for (const block of changed) mirror.set(block.id, block);
        const expected = index.report().blocks;
        expect(expected.map((b) => mirror.get(b.id))).toEqual(expected);
        expect(mirror.size).toBe(expected.length);
      }
    }
  });
});
