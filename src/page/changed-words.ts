// The changed words of near copies, worked out once per pair of texts: a render asks for a block's
// annotation more than once, and most renders leave a copy and its original as they were.
import { wordChanges, type WordChanges } from '../engine';

interface Known {
  original: string;
  copy: string;
  changes: WordChanges;
}

export class ChangedWords {
  private readonly known = new Map<number, Known>();

  /** How block `key`'s text `copy` parts from `original`: its changed words, and the original's left out. */
  of(key: number, original: string, copy: string): WordChanges {
    const entry = this.known.get(key);
    if (entry && entry.original === original && entry.copy === copy) return entry.changes;
    const changes = wordChanges(original, copy);
    this.known.set(key, { original, copy, changes });
    return changes;
  }

  forget(key: number): void {
    this.known.delete(key);
  }

  clear(): void {
    this.known.clear();
  }
}
