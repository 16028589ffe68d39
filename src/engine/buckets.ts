const MIN_CAPACITY = 16;
const EMPTY: readonly number[] = [];
/** Stands in for a freed list until its index is reused. */
const FREED: number[] = [];

/**
 * Slot of `key` in an open-addressed table of `mask + 1` slots. Keys are integers below 2^53 made
 * of hashes: their low word is uniform already, and a multiply spreads the high word (a band's
 * number, the top of a 53-bit key) over it. A finaliser on top gave the same probe lengths on the
 * benchmark corpora (1.20–1.23 slots per lookup), for two more multiplies and shifts per lookup.
 */
function home(key: number, mask: number): number {
  return ((key >>> 0) ^ Math.imul((key / 0x100000000) >>> 0, 0x9e3779b1)) & mask;
}

/**
 * A multimap from hash keys to lists of item ids, each list kept in document order (`orderOf`). The
 * keys live in a typed open-addressed table (linear probing): a page's index holds hundreds of
 * thousands of them, and a Map with large-number keys spends its time boxing and chasing them. Most
 * keys have one item, whose id is kept in the slot itself: a list per key was most of the index's
 * objects and its GC time. Ids, not objects, so that reading a list touches no item: the caller
 * checks candidates in its own typed arrays, and a probe reads nothing but the table.
 */
export class Buckets {
  /**
   * Per slot, its key then its value, side by side so a probe reads one cache line. The value is
   * ~id (negative) for a slot holding one item, 1 + the index of the slot's list in `lists`, or 0
   * when the slot is free.
   */
  private table: Float64Array;
  /** What `get` and `add` return for a single-item slot, refilled on each call. */
  private readonly one: number[] = [0];
  private readonly lists: number[][] = [];
  private readonly freeLists: number[] = [];
  private used = 0;

  /**
   * `cap` bounds each list: a key shared by that many blocks says nothing about any pair of them.
   * `expectedKeys` sizes the table up front, as growing it rehashes every key. `orderOf` gives an
   * id's place in the document; it is read only to insert into a list.
   */
  constructor(
    private readonly orderOf: (id: number) => number,
    readonly cap = Infinity,
    expectedKeys = 0,
  ) {
    // Room for twice the keys: the table grows once it is half full.
    let capacity = MIN_CAPACITY;
    while (capacity < 2 * expectedKeys + 1) capacity *= 2;
    this.table = new Float64Array(2 * capacity);
  }

  /** Adds `id` to the list of `hash` (unless the list is full) and returns that list, valid until the next call. */
  add(hash: number, id: number): readonly number[] {
    const table = this.table;
    const slot = this.find(hash);
    if (slot >= 0 && table[2 * slot + 1] < 0) {
      const other = ~table[2 * slot + 1];
      if (this.cap < 2) return this.oneOf(other);
      const list = this.orderOf(other) > this.orderOf(id) ? [id, other] : [other, id];
      table[2 * slot + 1] = this.newList(list) + 1;
      return list;
    }
    if (slot >= 0) {
      const list = this.lists[table[2 * slot + 1] - 1];
      if (list.length >= this.cap) return list;
      const order = this.orderOf(id);
      let at = list.length;
      while (at > 0 && this.orderOf(list[at - 1]) > order) at--;
      if (at === list.length) list.push(id);
      else list.splice(at, 0, id);
      return list;
    }
    table[2 * ~slot] = hash;
    table[2 * ~slot + 1] = ~id;
    if (++this.used * 2 > table.length >> 1) this.resize(table.length);
    return this.oneOf(id);
  }

  /** Removes `id` from the list of `hash` and returns what is left of it, valid until the next call. */
  remove(hash: number, id: number): readonly number[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    const value = this.table[2 * slot + 1];
    if (value < 0) {
      if (~value !== id) return this.oneOf(~value);
      this.vacate(slot);
      this.used--;
      return EMPTY;
    }
    const list = this.lists[value - 1];
    const at = list.indexOf(id);
    if (at >= 0) list.splice(at, 1);
    if (list.length > 0) return list;
    this.lists[value - 1] = FREED;
    this.freeLists.push(value - 1);
    this.vacate(slot);
    this.used--;
    return EMPTY;
  }

  /** The list of `hash`, valid until the next call. */
  get(hash: number): readonly number[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    const value = this.table[2 * slot + 1];
    return value < 0 ? this.oneOf(~value) : this.lists[value - 1];
  }

  private oneOf(id: number): readonly number[] {
    this.one[0] = id;
    return this.one;
  }

  private newList(list: number[]): number {
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
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    let hole = slot;
    for (let next = (hole + 1) & mask; table[2 * next + 1] !== 0; next = (next + 1) & mask) {
      const want = home(table[2 * next], mask);
      // The key at `next` may fill the hole if its home is not cyclically within (hole, next].
      const reachable = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (reachable) continue;
      table[2 * hole] = table[2 * next];
      table[2 * hole + 1] = table[2 * next + 1];
      hole = next;
    }
    table[2 * hole + 1] = 0;
  }

  /** Doubles the table. */
  private resize(length: number): void {
    const old = this.table;
    const table = (this.table = new Float64Array(2 * length));
    const mask = length - 1;
    for (let i = 1; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      let slot = home(old[i - 1], mask);
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[i - 1];
      table[2 * slot + 1] = old[i];
    }
  }
}
