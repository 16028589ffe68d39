/** Anything placed in document order. */
interface Ordered {
  order: number;
}

const MIN_CAPACITY = 16;
const EMPTY: readonly never[] = [];
/** Stands in for a freed list until its id is reused. */
const FREED: never[] = [];

/**
 * Slot of `key` in an open-addressed table of `mask + 1` slots. Keys are integers below 2^53 made
 * of hashes: their low word is uniform already, and a multiply spreads the high word (a band's
 * number, the top of a 53-bit key) over it. A finaliser on top gave the same probe lengths on the
 * benchmark corpora (1.20–1.23 slots per lookup), for two more multiplies and shifts per lookup.
 */
function home(key: number, mask: number): number {
  return ((key >>> 0) ^ Math.imul((key / 0x100000000) >>> 0, 0x9e3779b1)) & mask;
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
  /**
   * Per slot, its key then its value, side by side so a probe reads one cache line. The value is
   * 1 + the index of the slot's list in `lists`, SINGLE, or 0 when the slot is free.
   */
  private table: Float64Array;
  /** Per SINGLE slot, its item. */
  private single: (T | undefined)[];
  /** What `get` and `add` return for a SINGLE slot, refilled on each call. */
  private readonly one: T[] = [];
  private readonly lists: T[][] = [];
  private readonly freeLists: number[] = [];
  private used = 0;

  /**
   * `cap` bounds each list: a key shared by that many blocks says nothing about any pair of them.
   * `expectedKeys` sizes the table up front, as growing it rehashes every key.
   */
  constructor(
    readonly cap = Infinity,
    expectedKeys = 0,
  ) {
    // Room for twice the keys: the table grows once it is half full.
    let capacity = MIN_CAPACITY;
    while (capacity < 2 * expectedKeys + 1) capacity *= 2;
    this.table = new Float64Array(2 * capacity);
    this.single = new Array<T | undefined>(capacity).fill(undefined);
  }

  /** Adds `item` to the list of `hash` (unless the list is full) and returns that list, valid until the next call. */
  add(hash: number, item: T): readonly T[] {
    const slot = this.find(hash);
    if (slot >= 0 && this.table[2 * slot + 1] === SINGLE) {
      const other = this.single[slot]!;
      if (this.cap < 2) return this.oneOf(other);
      const list = other.order > item.order ? [item, other] : [other, item];
      this.single[slot] = undefined;
      this.table[2 * slot + 1] = this.newList(list) + 1;
      return list;
    }
    if (slot >= 0) {
      const list = this.lists[this.table[2 * slot + 1] - 1];
      if (list.length >= this.cap) return list;
      const order = item.order;
      let at = list.length;
      while (at > 0 && list[at - 1].order > order) at--;
      if (at === list.length) list.push(item);
      else list.splice(at, 0, item);
      return list;
    }
    this.table[2 * ~slot] = hash;
    this.table[2 * ~slot + 1] = SINGLE;
    this.single[~slot] = item;
    if (++this.used * 2 > this.single.length) this.resize(this.single.length * 2);
    return this.oneOf(item);
  }

  /** Removes `item` from the list of `hash` and returns what is left of it, valid until the next call. */
  remove(hash: number, item: T): readonly T[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    if (this.table[2 * slot + 1] === SINGLE) {
      if (this.single[slot] !== item) return this.oneOf(this.single[slot]!);
      this.vacate(slot);
      this.used--;
      return EMPTY;
    }
    const id = this.table[2 * slot + 1] - 1;
    const list = this.lists[id];
    const at = list.indexOf(item);
    if (at >= 0) list.splice(at, 1);
    if (list.length > 0) return list;
    this.lists[id] = FREED;
    this.freeLists.push(id);
    this.vacate(slot);
    this.used--;
    return EMPTY;
  }

  /** The list of `hash`, valid until the next call. */
  get(hash: number): readonly T[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    const id = this.table[2 * slot + 1];
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
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    for (let slot = home(hash, mask); ; slot = (slot + 1) & mask) {
      if (table[2 * slot + 1] === 0) return ~slot;
      if (table[2 * slot] === hash) return slot;
    }
  }

  /** Frees a slot, moving later keys of the same probe run back so every key stays reachable. */
  private vacate(slot: number): void {
    const { table, single } = this;
    const mask = (table.length >> 1) - 1;
    let hole = slot;
    for (let next = (hole + 1) & mask; table[2 * next + 1] !== 0; next = (next + 1) & mask) {
      const want = home(table[2 * next], mask);
      // The key at `next` may fill the hole if its home is not cyclically within (hole, next].
      const reachable = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (reachable) continue;
      table[2 * hole] = table[2 * next];
      table[2 * hole + 1] = table[2 * next + 1];
      single[hole] = single[next];
      hole = next;
    }
    table[2 * hole + 1] = 0;
    single[hole] = undefined;
  }

  private resize(capacity: number): void {
    const { table, single } = this;
    this.table = new Float64Array(2 * capacity);
    this.single = new Array<T | undefined>(capacity).fill(undefined);
    const mask = capacity - 1;
    for (let i = 0; i < single.length; i++) {
      if (table[2 * i + 1] === 0) continue;
      let slot = home(table[2 * i], mask);
      while (this.table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      this.table[2 * slot] = table[2 * i];
      this.table[2 * slot + 1] = table[2 * i + 1];
      this.single[slot] = single[i];
    }
  }
}
