import { describe, expect, test } from 'vitest';
import { Buckets } from '../../src/engine/buckets';
import { Prng } from '../support/prng';

/** Ids and their places in the document, as the index keeps them. */
function withOrders(orders: number[]): (id: number) => number {
  return (id) => orders[id];
}

describe('Buckets', () => {
  test('keeps each key’s ids in document order, whether it holds one id or many', () => {
    const buckets = new Buckets(withOrders([5, 1, 3]));
    const [a, b, c] = [0, 1, 2];
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

  test('a key with two ids keeps them in order whichever is removed', () => {
    const buckets = new Buckets(withOrders([5, 1, 3]));
    const [a, b, c] = [0, 1, 2];
    buckets.add(9, a);
    expect(buckets.add(9, b)).toEqual([b, a]);
    expect(buckets.remove(9, b)).toEqual([a]);
    expect(buckets.add(9, c)).toEqual([c, a]);
    expect(buckets.remove(9, a)).toEqual([c]);
    expect(buckets.get(9)).toEqual([c]);
    expect(buckets.remove(9, c)).toEqual([]);
    expect(buckets.size).toBe(0);
  });

  test('id 0 is an id like any other', () => {
    const buckets = new Buckets(withOrders([0]));
    expect(buckets.add(3, 0)).toEqual([0]);
    expect(buckets.get(3)).toEqual([0]);
    expect(buckets.remove(3, 1)).toEqual([0]);
    expect(buckets.remove(3, 0)).toEqual([]);
    expect(buckets.get(3)).toEqual([]);
  });

  test('a full list takes no more ids', () => {
    const buckets = new Buckets(withOrders([0, 1, 2]), 2);
    buckets.add(1, 0);
    buckets.add(1, 1);
    expect(buckets.add(1, 2)).toEqual([0, 1]);
  });

  // Sized for no keys, it grows many times; sized ahead for them all, it never does.
  test.each([0, 6000])('agrees with a Map through random adds and removes, colliding keys, sized for %i keys', (expectedKeys) => {
    const prng = new Prng(42);
    const random = () => prng.next();
    // An id's order is the step that added it, so ids and orders differ and lists are sorted by order.
    const orders: number[] = [];
    const buckets = new Buckets(withOrders(orders), Infinity, expectedKeys);
    const model = new Map<number, number[]>();
    const live: [number, number][] = [];
    const freeIds: number[] = [];
    for (let step = 0; step < 20_000; step++) {
      // Few distinct keys, some beyond 2^32, so slots collide, lists form and singles get vacated.
      const key = Math.floor(random() * 3000) * (random() < 0.5 ? 1 : 2 ** 33 + 1);
      if (live.length > 0 && random() < 0.45) {
        const [gone] = live.splice(Math.floor(random() * live.length), 1);
        buckets.remove(gone[0], gone[1]);
        freeIds.push(gone[1]);
        const list = model.get(gone[0])!;
        list.splice(list.indexOf(gone[1]), 1);
        if (list.length === 0) model.delete(gone[0]);
      } else {
        // Freed ids come back, as the index reuses them.
        const id = freeIds.length > 0 && random() < 0.5 ? freeIds.pop()! : orders.length;
        orders[id] = step;
        buckets.add(key, id);
        live.push([key, id]);
        model.set(key, [...(model.get(key) ?? []), id]);
      }
      if (step % 997 === 0) {
        for (const [k, ids] of model) expect(buckets.get(k)).toEqual(ids);
        expect(buckets.size).toBe(model.size);
      }
    }
    for (const [k, ids] of model) expect([...buckets.get(k)]).toEqual(ids);
  });

  test('homeOf names the word a key’s probe reads first, so reading it ahead warms that slot', () => {
    for (const key of [7, 2 ** 32 + 7, 2 ** 52 + 12345]) {
      const buckets = new Buckets(withOrders([0, 1, 2, 3, 4, 5]), Infinity, 100);
      expect(buckets.wordAt(buckets.homeOf(key))).toBe(0);
      buckets.add(key, 5);
      // A lone key sits in its home slot, and the word read is the slot's value: ~id for one item.
      expect(buckets.wordAt(buckets.homeOf(key))).toBe(~5);
    }
  });
});
