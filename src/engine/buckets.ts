/** A multimap from hash keys to block keys, each list kept in document order. */
export class Buckets {
  private readonly lists = new Map<number, number[]>();

  /** `cap` bounds each list: a key shared by that many blocks says nothing about any pair of them. */
  constructor(
    private readonly orderOf: (key: number) => number,
    private readonly cap = Infinity,
  ) {}

  add(hash: number, key: number): void {
    const list = this.lists.get(hash);
    if (!list) {
      this.lists.set(hash, [key]);
      return;
    }
    if (list.length >= this.cap) return;
    const order = this.orderOf(key);
    let at = list.length;
    while (at > 0 && this.orderOf(list[at - 1]) > order) at--;
    list.splice(at, 0, key);
  }

  remove(hash: number, key: number): void {
    const list = this.lists.get(hash);
    if (!list) return;
    const at = list.indexOf(key);
    if (at >= 0) list.splice(at, 1);
    if (list.length === 0) this.lists.delete(hash);
  }

  get(hash: number): readonly number[] {
    return this.lists.get(hash) ?? EMPTY;
  }

  get size(): number {
    return this.lists.size;
  }
}

const EMPTY: readonly number[] = [];
