// The blocks a frame knows about, under stable numeric keys: their page blocks, texts and reading
// order. Orders are numbers that only grow along the page, so a block inserted between two others gets
// an order between theirs and no other block's order (nor the engine's state) has to change.
import type { BlockHandle } from './annotate';
import { locateRange, type PageBlock } from './blocks';
import { compareReadingOrder } from './doc-order';

export interface TrackedBlock {
  readonly key: number;
  readonly block: PageBlock;
  readonly handle: BlockHandle;
  order: number;
}

/** The node that stands for a block's place in the page. */
function anchorOf(block: PageBlock): Node {
  return block.nodes?.[0] ?? block.element;
}

/** Reading order of two blocks: the main text first, then complementary regions (`iterateBlocks`). */
function compareBlocks(a: PageBlock, b: PageBlock): number {
  if (a.complementary !== b.complementary) return a.complementary ? 1 : -1;
  return compareReadingOrder(anchorOf(a), anchorOf(b));
}

/** A tracked block; its annotator handle is made when first asked for, as most blocks never get one. */
class Tracked implements TrackedBlock {
  private madeHandle: BlockHandle | null = null;

  constructor(
    readonly key: number,
    readonly block: PageBlock,
    public order: number,
  ) {}

  get handle(): BlockHandle {
    const block = this.block;
    return (this.madeHandle ??= {
      element: block.nodes ? null : block.element,
      nodes: block.nodes ?? [],
      locate: (start, end) => locateRange(block, start, end),
    });
  }
}

function indexElement(index: Map<Element, number[]>, tracked: TrackedBlock): void {
  const keys = index.get(tracked.block.element);
  if (keys) keys.push(tracked.key);
  else index.set(tracked.block.element, [tracked.key]);
}

export class BlockRegistry {
  private readonly byKey = new Map<number, TrackedBlock>();
  /**
   * Keys by element: usually one, several for an element whose runs are blocks. Built on first use:
   * only page changes ask for it, and a full scan of a long page need not pay for it up front.
   */
  private byElement: Map<Element, number[]> | null = null;
  /** Keys in reading order. */
  private sorted: number[] = [];
  private nextKey = 0;

  get size(): number {
    return this.byKey.size;
  }

  get(key: number): TrackedBlock | undefined {
    return this.byKey.get(key);
  }

  /** Keys in reading order. */
  keys(): readonly number[] {
    return this.sorted;
  }

  /** 0-based position of a block in reading order (binary search on orders). */
  rank(key: number): number {
    const order = this.byKey.get(key)?.order;
    if (order === undefined) return -1;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.byKey.get(this.sorted[mid])!.order < order) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Keys of the blocks whose element is `element` (its own paragraph or runs). */
  keysOfElement(element: Element): readonly number[] | undefined {
    return this.elementIndex().get(element);
  }

  clear(): void {
    this.byKey.clear();
    this.byElement = null;
    this.sorted = [];
  }

  /** Tracks the blocks of a whole page, in the order given (their reading order). */
  addAll(blocks: readonly PageBlock[]): TrackedBlock[] {
    this.clear();
    return blocks.map((block) => this.append(block));
  }

  /** Tracks a block that comes after every tracked one in reading order (a full scan's next block). */
  append(block: PageBlock): TrackedBlock {
    const last = this.sorted.length > 0 ? this.byKey.get(this.sorted[this.sorted.length - 1])!.order : -1;
    const tracked = this.track(block, Math.floor(last) + 1);
    this.sorted.push(tracked.key);
    return tracked;
  }

  /**
   * Tracks one scope's extraction and places its blocks among the others. Returns the new entries and
   * whether every order had to be renumbered (then all blocks' orders changed).
   */
  insertRun(blocks: readonly PageBlock[]): { added: TrackedBlock[]; renumbered: boolean } {
    // Its main text, then its complementary regions: each part is consecutive in reading order, the two are not.
    const split = blocks.findIndex((block) => block.complementary);
    if (split <= 0) return this.insertConsecutive(blocks);
    const main = this.insertConsecutive(blocks.slice(0, split));
    const regions = this.insertConsecutive(blocks.slice(split));
    return { added: [...main.added, ...regions.added], renumbered: main.renumbered || regions.renumbered };
  }

  /** Tracks blocks that are consecutive in reading order and places them among the others, as `insertRun`. */
  private insertConsecutive(blocks: readonly PageBlock[]): { added: TrackedBlock[]; renumbered: boolean } {
    if (blocks.length === 0) return { added: [], renumbered: false };
    const at = this.insertionPoint(blocks[0]);
    const before = at > 0 ? this.byKey.get(this.sorted[at - 1])!.order : null;
    const after = at < this.sorted.length ? this.byKey.get(this.sorted[at])!.order : null;
    const low = before ?? (after ?? blocks.length + 1) - blocks.length - 1;
    const high = after ?? low + blocks.length + 1;
    const step = (high - low) / (blocks.length + 1);
    const added = blocks.map((block, i) => this.track(block, low + step * (i + 1)));
    this.sorted.splice(at, 0, ...added.map((t) => t.key));
    // Midpoints eventually run out of float precision: then every block gets a fresh whole-number order.
    const crowded = added.some((t, i) => t.order <= (i === 0 ? low : added[i - 1].order) || t.order >= high);
    if (crowded) this.sorted.forEach((key, i) => (this.byKey.get(key)!.order = i));
    return { added, renumbered: crowded };
  }

  /** Stops tracking a block. */
  remove(key: number): TrackedBlock | undefined {
    const tracked = this.byKey.get(key);
    if (!tracked) return undefined;
    const at = this.rank(key);
    this.byKey.delete(key);
    const keys = this.byElement?.get(tracked.block.element);
    if (keys && keys.length > 1) keys.splice(keys.indexOf(key), 1);
    else this.byElement?.delete(tracked.block.element);
    if (this.sorted[at] === key) this.sorted.splice(at, 1);
    else this.sorted = this.sorted.filter((k) => k !== key);
    return tracked;
  }

  private track(block: PageBlock, order: number): TrackedBlock {
    const tracked = new Tracked(this.nextKey++, block, order);
    this.byKey.set(tracked.key, tracked);
    if (this.byElement) indexElement(this.byElement, tracked);
    return tracked;
  }

  private elementIndex(): Map<Element, number[]> {
    if (!this.byElement) {
      const index = new Map<Element, number[]>();
      // Keys were handed out in increasing order: each element's list comes out in the order it would have been built.
      for (const tracked of this.byKey.values()) indexElement(index, tracked);
      this.byElement = index;
    }
    return this.byElement;
  }

  /** Where `block` belongs in `sorted` (binary search on reading order). */
  private insertionPoint(block: PageBlock): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareBlocks(this.byKey.get(this.sorted[mid])!.block, block) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
