// Whether two texts hold the same letters, however spaced and punctuated: what the block keys hash
// (analyze.ts). A key match between blocks whose SimHashes differ is checked with it before it makes
// a block a repeat, as 32 bits of hash and a letter count leave two different paragraphs a chance.
import { composeJamo, expansion, foldOffset, Kind, kindAt } from './charTable';

/** Reads a text's letters one at a time, folded as the analysis folds them. */
class LetterReader {
  private text = '';
  private at = 0;
  private end = 0;
  private pending = '';
  private pendingAt = 0;
  private digits = true;

  /** Reads `text[from, to)`. */
  reset(text: string, from: number, to: number, digits: boolean): void {
    this.text = text;
    this.at = from;
    this.end = to;
    this.pending = '';
    this.pendingAt = 0;
    this.digits = digits;
  }

  /** The next letter's folded code unit, or -1 at the end. */
  next(): number {
    for (;;) {
      if (this.pendingAt < this.pending.length) {
        const c = this.pending.charCodeAt(this.pendingAt++);
        const letter = this.letter(c, kindAt(c));
        if (letter >= 0) return letter;
        continue;
      }
      if (this.at >= this.end) return -1;
      const c = this.text.charCodeAt(this.at);
      const k = kindAt(c);
      if (k === Kind.Jamo) {
        const composed = composeJamo(this.text, this.at, this.end);
        this.at += composed & 3;
        return composed >> 2;
      }
      this.at++;
      if (k === Kind.Expand) {
        this.pending = expansion.get(c)!;
        this.pendingAt = 0;
        continue;
      }
      const letter = this.letter(c, k);
      if (letter >= 0) return letter;
    }
  }

  /** `c`, of kind `k`, folded when it is a letter (a digit only when digits count), else -1. */
  private letter(c: number, k: Kind): number {
    if (k !== Kind.Word && k !== Kind.Dense && k !== Kind.Syllable && k !== Kind.Jamo) return -1;
    const folded = c + foldOffset[c];
    return !this.digits && folded >= 48 && folded <= 57 ? -1 : folded;
  }
}

const first = new LetterReader();
const second = new LetterReader();

/**
 * Whether `a` and `b` hold the same letters in the same order, spaces, punctuation and dropped marks
 * left out; digits too unless `digits`. Under `near` a copy's numbers may differ: its key counts each
 * as a stand-in, and a collision that differed only in digits is not worth a comparison of its own.
 */
export function sameLetters(a: string, b: string, digits: boolean): boolean {
  if (a === b) return true;
  // Most copies differ in a few places. The texts' common start and end, cut back to a space, where
  // no letter goes on past, hold the same letters: only what lies between is read letter by letter.
  const shorter = Math.min(a.length, b.length);
  let start = 0;
  while (start < shorter && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (start > 0 && kindAt(a.charCodeAt(start - 1)) !== Kind.Space) start--;
  let end = 0;
  while (end < shorter - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  while (end > 0 && kindAt(a.charCodeAt(a.length - end)) !== Kind.Space) end--;
  first.reset(a, start, a.length - end, digits);
  second.reset(b, start, b.length - end, digits);
  for (;;) {
    const letter = first.next();
    if (letter !== second.next()) return false;
    if (letter < 0) return true;
  }
}
