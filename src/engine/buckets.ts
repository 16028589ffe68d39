const MIN_CAPACITY = 16;
/** A slot's words: key low, key high, value, second item. A const enum, so that it compiles to literals (see `Hash` in analyze.ts). */
const enum Slot {
  KeyLow = 0,
  KeyHigh = 1,
  Value = 2,
  Second = 3,
  Words = 4,
}
const EMPTY: readonly number[] = [];
/** Stands in for a freed list until its index is reused. */
const FREED: number[] = [];

/**
 * The table is sized to this load and grows past MAX_LOAD: even 0.7 full, linear probing reads about
 * 2.2 slots per hit and 6 per miss (1.35–1.43 per lookup on the benchmark corpora), 16 bytes each,
 * four to a cache line, so most probes read one line.
 */
const SIZED_LOAD = 0.5;
const MAX_LOAD = 0.7;

/**
 * Home slot of a key given as its low and high words, in a table of `capacity` slots. A multiply
 * carries every key bit into the top bits, which pick the slot by scaling (any capacity, not only
 * powers of two): anchors are a block's smallest shingle hashes, so their top bits alone would
 * crowd the start of the table.
 */
function home(low: number, high: number, capacity: number): number {
  const mixed = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 0;
  return ((mixed * capacity) / 0x100000000) >>> 0;
}

/**
 * A multimap from hash keys to lists of item ids, each list kept in document order (`orderOf`). The
 * keys live in a typed open-addressed table (linear probing): a page's index holds hundreds of
 * thousands of them, and a Map with large-number keys spends its time boxing and chasing them. Most
 * keys have one or two items, whose ids are kept in the slot itself: a list per key was most of the
 * index's objects and its GC time, and each list is two objects more to reach. Ids, not objects, so
 * that reading a list touches no item: the caller checks candidates in its own typed arrays, and a
 * probe reads nothing but the table.
 */
export class Buckets {
  /**
   * Per slot, four words side by side, so a probe reads one cache line: the key's low 32 bits, its
   * high bits (keys are below 2^53), the value, and the second item. The value is ~id (negative) for
   * a slot holding one or two items, 1 + the index of the slot's list in `lists`, or 0 when the slot
   * is free; the second item is ~id, or 0 when there is none. Words, not doubles, and no array of
   * items beside them: a 100,000-paragraph page's four tables take 32 MB, where doubles took 44.
   */
  private table: Int32Array;
  private capacity: number;
  /** What `get` and `add` return for a slot holding one or two items, refilled on each call. */
  private readonly one: number[] = [0];
  private readonly two: number[] = [0, 0];
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
    this.capacity = Math.max(MIN_CAPACITY, Math.ceil(expectedKeys / SIZED_LOAD));
    this.table = new Int32Array(Slot.Words * this.capacity);
  }

  /** Adds `id` to the list of `hash` (unless the list is full) and returns that list, valid until the next call. */
  add(hash: number, id: number): readonly number[] {
    const table = this.table;
    const slot = this.find(hash);
    const value = slot >= 0 ? table[Slot.Words * slot + Slot.Value] : 0;
    if (value < 0) {
      const first = ~value;
      const second = table[Slot.Words * slot + Slot.Second];
      if (second === 0) {
        if (this.cap < 2) return this.oneOf(first);
        if (this.orderOf(first) > this.orderOf(id)) {
          table[Slot.Words * slot + Slot.Value] = ~id;
          table[Slot.Words * slot + Slot.Second] = value;
          return this.twoOf(id, first);
        }
        table[Slot.Words * slot + Slot.Second] = ~id;
        return this.twoOf(first, id);
      }
      if (this.cap < 3) return this.twoOf(first, ~second);
      const list = [first, ~second];
      table[Slot.Words * slot + Slot.Value] = this.newList(list) + 1;
      table[Slot.Words * slot + Slot.Second] = 0;
      return this.insertInOrder(list, id);
    }
    if (value > 0) {
      const list = this.lists[value - 1];
      return list.length >= this.cap ? list : this.insertInOrder(list, id);
    }
    const at = Slot.Words * ~slot;
    table[at + Slot.KeyLow] = hash | 0;
    table[at + Slot.KeyHigh] = (hash / 0x100000000) | 0;
    table[at + Slot.Value] = ~id;
    table[at + Slot.Second] = 0;
    if (++this.used > MAX_LOAD * this.capacity) this.resize(2 * this.capacity);
    return this.oneOf(id);
  }

  /** Removes `id` from the list of `hash` and returns what is left of it, valid until the next call. */
  remove(hash: number, id: number): readonly number[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    const table = this.table;
    const value = table[Slot.Words * slot + Slot.Value];
    if (value < 0) {
      const second = table[Slot.Words * slot + Slot.Second];
      if (second === 0) {
        if (~value !== id) return this.oneOf(~value);
        this.vacate(slot);
        this.used--;
        return EMPTY;
      }
      if (~value === id) {
        table[Slot.Words * slot + Slot.Value] = second;
        table[Slot.Words * slot + Slot.Second] = 0;
        return this.oneOf(~second);
      }
      if (~second === id) {
        table[Slot.Words * slot + Slot.Second] = 0;
        return this.oneOf(~value);
      }
      return this.twoOf(~value, ~second);
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

  /**
   * Where `hash`'s probe starts, as an index for `wordAt`. Reading that word before `add` puts its
   * cache line on the way (see `DedupIndex.warmBuckets`).
   */
  homeOf(hash: number): number {
    return Slot.Words * home(hash | 0, (hash / 0x100000000) | 0, this.capacity) + Slot.Value;
  }

  wordAt(at: number): number {
    return this.table[at];
  }

  /** The list of `hash`, valid until the next call. */
  get(hash: number): readonly number[] {
    const slot = this.find(hash);
    if (slot < 0) return EMPTY;
    const value = this.table[Slot.Words * slot + Slot.Value];
    if (value > 0) return this.lists[value - 1];
    const second = this.table[Slot.Words * slot + Slot.Second];
    return second === 0 ? this.oneOf(~value) : this.twoOf(~value, ~second);
  }

  /** Inserts `id` after the ids that come no later in the document, and returns the list. */
  private insertInOrder(list: number[], id: number): number[] {
    const order = this.orderOf(id);
    let at = list.length;
    while (at > 0 && this.orderOf(list[at - 1]) > order) at--;
    if (at === list.length) list.push(id);
    else list.splice(at, 0, id);
    return list;
  }

  private oneOf(id: number): readonly number[] {
    this.one[0] = id;
    return this.one;
  }

  private twoOf(first: number, second: number): readonly number[] {
    this.two[0] = first;
    this.two[1] = second;
    return this.two;
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
    const { table, capacity } = this;
    const low = hash | 0;
    const high = (hash / 0x100000000) | 0;
    for (let slot = home(low, high, capacity); ; slot = slot + 1 === capacity ? 0 : slot + 1) {
      const at = Slot.Words * slot;
      if (table[at + Slot.Value] === 0) return ~slot;
      if (table[at + Slot.KeyLow] === low && table[at + Slot.KeyHigh] === high) return slot;
    }
  }

  /** Frees a slot, moving later keys of the same probe run back so every key stays reachable. */
  private vacate(slot: number): void {
    const { table, capacity } = this;
    let hole = slot;
    for (let next = hole + 1 === capacity ? 0 : hole + 1; table[Slot.Words * next + Slot.Value] !== 0; next = next + 1 === capacity ? 0 : next + 1) {
      const want = home(table[Slot.Words * next + Slot.KeyLow], table[Slot.Words * next + Slot.KeyHigh], capacity);
      // The key at `next` may fill the hole if its home is not cyclically within (hole, next].
      const reachable = hole <= next ? want > hole && want <= next : want > hole || want <= next;
      if (reachable) continue;
      table[Slot.Words * hole + Slot.KeyLow] = table[Slot.Words * next + Slot.KeyLow];
      table[Slot.Words * hole + Slot.KeyHigh] = table[Slot.Words * next + Slot.KeyHigh];
      table[Slot.Words * hole + Slot.Value] = table[Slot.Words * next + Slot.Value];
      table[Slot.Words * hole + Slot.Second] = table[Slot.Words * next + Slot.Second];
      hole = next;
    }
    table[Slot.Words * hole + Slot.Value] = 0;
  }

  private resize(capacity: number): void {
    const old = this.table;
    const table = (this.table = new Int32Array(Slot.Words * capacity));
    this.capacity = capacity;
    for (let at = 0; at < old.length; at += Slot.Words) {
      if (old[at + Slot.Value] === 0) continue;
      let slot = home(old[at + Slot.KeyLow], old[at + Slot.KeyHigh], capacity);
      while (table[Slot.Words * slot + Slot.Value] !== 0) slot = slot + 1 === capacity ? 0 : slot + 1;
      table[Slot.Words * slot + Slot.KeyLow] = old[at + Slot.KeyLow];
      table[Slot.Words * slot + Slot.KeyHigh] = old[at + Slot.KeyHigh];
      table[Slot.Words * slot + Slot.Value] = old[at + Slot.Value];
      table[Slot.Words * slot + Slot.Second] = old[at + Slot.Second];
    }
  }
}
