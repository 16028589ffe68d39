import { fmix32 } from './hash';

/** Anything placed in document order. */
export interface Ordered {
  order: number;
}

const MIN_CAPACITY = 16;
const EMPTY: readonly never[] = [];
/** Stands in for a freed list until its id is reused. */
const FREED: never[] = [];

/** Slot of `key` in an open-addressed table of `mask + 1` slots. Keys are integers below 2^53. */
function home(key: number, mask: number): number {
  return fmix32((key >>> 0) ^ Math.imul((key / 0x100000000) >>> 0, 0x9e3779b1)) & mask;
}

/** Marks a slot whose only item is held in `single`, with no list allocated. */
const SINGLE = -1;

/**
 * A multimap from hash keys to items, each list kept in document order. The keys live in a typed
 * open-addressed table (linear probing): a page's index holds hundreds of thousands of them, and a
 * Map with large-number keys spends its time boxing and chasing them. Most keys have one item,
 * which is kept in the slot itself: a list per key was most of the index's objects and its GC time.
 */
export class Buckets<T extends Ordered> {
  private keys = new Float64Array(MIN_CAPACITY);
  /** Per slot: 1 + the index of its list in `lists`, SINGLE, or 0 when the slot is free. */
  private slots = new Int32Array(MIN_CAPACITY);
  /** Per SINGLE slot, its item. */
  private single: (T | undefined)[] = new Array<T | undefined>(MIN_CAPACITY).fill(undefined);
  /** What `get` and `add` return for a SINGLE slot, refilled on each call. */
  private readonly one: T[] = [];
  private readonly lists: T[][] = [];
  private readonly freeLists: number[] = [];
  private used = 0;

  /** `cap` bounds each list: a key shared by that many blocks says nothing about any pair of them. */
  constructor(readonly cap = Infinity) {}

  /** Adds `item` to the list of `hash` (unless the list is full) and returns that list, valid until the next call. */
  add(hash: number, item: T): readonly T[] {
    const slot = this.find(hash);
    if (slot >= 0 && this.slots[slot] === SINGLE) {
      const other = this.single[slot]!;
      const list = other.order > item.order ? [item, other] : [other, item];
      this.single[slot] = undefined;
      this.slots[slot] = this.newList(list) + 1;
      return list;
    }
    if (slot >= 0) {
      const list = this.lists[this.slots[slot] - 1];
      if (list.length >= this.cap) return list;
      const order = item.order;
      let at = list.length;
      while (at > 0 && list[at - 1].order > order) at--;
      if (at === list.length) list.push(item);
      else list.splice(at, 0, item);
      return list;
    }
    this.keys[~slot] = hash;
    this.slots[~slot] = SINGLE;
    this.single[~slot] = item;
    if (++this.used * 2 > this.slots.length) this.resize(this.slots.length * 2);
    return this.oneOf(item);
  }

  remove(hash: number, item: T): void {
    const slot = this.find(hash);
    if (slot < 0) return;
    if (this.slots[slot] === SINGLE) {
      if (this.single[slot] !== item) return;
      this.vacate(slot);
      this.used--;
      return;
    }
    const id = this.slots[slot] - 1;
    const list = this.lists[id];
    const at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
    if (list.length > 0) return;
    this.lists[id] = FREED;
    this.freeLists.push(id);
    this.vacate(slot);
    this.used--;
  }

  /** The list of `hash`, valid until the next call. */
  get(hash: number): readonly T[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    const id = this.slots[slot];
    return id === SINGLE ? this.oneOf(this.single[slot]!) : this.lists[id - 1];
  }

  private oneOf(item: T): readonly T[] {
    this.one[0] = item;
    return this.one;
  }

  private newList(list: T[]): number {
    const id = this.freeLists.length > 0 ? this.freeLists.pop()! : this.lists.length;
    this.lists[id] = list;
    return id;
  }

  get size(): number {
    return this.used;
  }

  /** The slot holding `hash`, or ~slot of the free slot where it would go. */
  private find(hash: number): number {
    const { keys, slots } = this;
    const mask = slots.length - 1;
    for (let slot = home(hash, mask); ; slot = (slot + 1) & mask) {
      if (slots[slot] === 0) return ~slot;
      if (keys[slot] === hash) return slot;
    }
  }

  /** Frees a slot, moving later keys of the same probe run back so every key stays reachable. */
  private vacate(slot: number): void {
    const { keys, slots, single } = this;
    const mask = slots.length - 1;
    let hole = slot;
    for (let next = (hole + 1) & mask; slots[next] !== 0; next = (next + 1) & mask) {
      const want = home(keys[next], mask);
      // The key at `next` may fill the hole if its home is not cyclically within (hole, next].
      const reachable = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (reachable) continue;
      keys[hole] = keys[next];
      slots[hole] = slots[next];
      single[hole] = single[next];
      hole = next;
    }
    slots[hole] = 0;
    single[hole] = undefined;
  }

  private resize(capacity: number): void {
    const { keys, slots, single } = this;
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.single = new Array<T | undefined>(capacity).fill(undefined);
    const mask = capacity - 1;
    for (let i = 0; i < slots.length; i++) {
      if (slots[i] === 0) continue;
      let slot = home(keys[i], mask);
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = keys[i];
      this.slots[slot] = slots[i];
      this.single[slot] = single[i];
    }
  }
}
