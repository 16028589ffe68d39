import { describe, expect, test } from 'vitest';
import { Buckets } from '../../src/engine/buckets';
import { Prng } from '../support/prng';

interface Item {
  order: number;
}

describe('Buckets', () => {
  test('keeps each key’s items in document order, whether it holds one item or many', () => {
    const buckets = new Buckets<Item>();
    const [a, b, c] = [{ order: 5 }, { order: 1 }, { order: 3 }];
    expect(buckets.add(7, a)).toEqual([a]);
    expect(buckets.add(7, b)).toEqual([b, a]);
    expect(buckets.add(7, c)).toEqual([b, c, a]);
    expect(buckets.get(8)).toEqual([]);
    buckets.remove(7, b);
    buckets.remove(7, a);
    expect(buckets.get(7)).toEqual([c]);
    buckets.remove(7, c);
    expect(buckets.get(7)).toEqual([]);
    expect(buckets.size).toBe(0);
  });

  test('a full list takes no more items', () => {
    const buckets = new Buckets<Item>(2);
    buckets.add(1, { order: 0 });
    buckets.add(1, { order: 1 });
    expect(buckets.add(1, { order: 2 }).map((item) => item.order)).toEqual([0, 1]);
  });

  // Sized for no keys, it grows many times; sized ahead for them all, it never does.
  test.each([0, 6000])('agrees with a Map through random adds and removes, colliding keys, sized for %i keys', (expectedKeys) => {
    const prng = new Prng(42);
    const random = () => prng.next();
    const buckets = new Buckets<Item>(Infinity, expectedKeys);
    const model = new Map<number, Item[]>();
    const live: [number, Item][] = [];
    for (let step = 0; step < 20_000; step++) {
      // Few distinct keys, some beyond 2^32, so slots collide, lists form and singles get vacated.
      const key = Math.floor(random() * 3000) * (random() < 0.5 ? 1 : 2 ** 33 + 1);
      if (live.length > 0 && random() < 0.45) {
        const [gone] = live.splice(Math.floor(random() * live.length), 1);
        buckets.remove(gone[0], gone[1]);
        const list = model.get(gone[0])!;
        list.splice(list.indexOf(gone[1]), 1);
        if (list.length === 0) model.delete(gone[0]);
      } else {
        const item = { order: step };
        buckets.add(key, item);
        live.push([key, item]);
        model.set(key, [...(model.get(key) ?? []), item]);
      }
      if (step % 997 === 0) {
        for (const [k, items] of model) expect(buckets.get(k)).toEqual(items);
        expect(buckets.size).toBe(model.size);
      }
    }
    for (const [k, items] of model) expect([...buckets.get(k)]).toEqual(items);
  });
});
