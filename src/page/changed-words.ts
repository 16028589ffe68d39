// The changed words of near copies, worked out once per pair of texts: a render asks for a block's
// annotation more than once, and most renders leave a copy and its original as they were.
import { changedRanges, type TextRange } from '../engine';

interface Known {
  original: string;
  copy: string;
  ranges: readonly TextRange[];
}

export class ChangedWords {
  private readonly known = new Map<number, Known>();

  /** The ranges of block `key`'s text `copy` holding words that `original` lacks. */
  of(key: number, original: string, copy: string): readonly TextRange[] {
    const entry = this.known.get(key);
    if (entry && entry.original === original && entry.copy === copy) return entry.ranges;
    const ranges = changedRanges(original, copy);
    this.known.set(key, { original, copy, ranges });
    return ranges;
  }

  forget(key: number): void {
    this.known.delete(key);
  }

  clear(): void {
    this.known.clear();
  }
}
