// How a near copy's words differ from the paragraph it repeats, so a reader can see what changed:
// a number, a name, "arrested" become "released", a word left out. Run only for copies that are not word for word.
import { composeJamo, expansion, foldOffset, Kind, kindAt } from './charTable';
import { fmix32 } from './hash';
import { MAX_CHANGE_CELLS } from './thresholds';
import { grown } from './typedArrays';

/** A character range [start, end) of a text. */
export interface TextRange {
  start: number;
  end: number;
}

/** Where a near copy's words part from its original's. */
export interface WordChanges {
  /** Ranges of the copy holding words the original does not have there: changed and added words. */
  changed: TextRange[];
  /** Ranges of the original holding words the copy leaves out, with nothing in their place. */
  dropped: TextRange[];
}

const enum Fnv {
  Offset = 0x811c9dc5 | 0,
  Prime = 0x01000193,
}

/**
 * A text's words, as parallel columns: where each starts and ends, and a hash of it as the engine
 * folds it. Two of them, for the original and the copy, are kept and reused: a browser takes tens of
 * microseconds to allocate each typed array, more than comparing two paragraphs.
 */
class Words {
  count = 0;
  starts = new Int32Array(128);
  ends = new Int32Array(128);
  keys = new Int32Array(128);

  push(start: number, end: number, key: number): void {
    if (this.count === this.starts.length) {
      const length = this.starts.length * 2;
      this.starts = grown(this.starts, length);
      this.ends = grown(this.ends, length);
      this.keys = grown(this.keys, length);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.keys[this.count++] = fmix32(key);
  }

  /** Takes the character `c`, folded, ending at `end`, into the last word. */
  extendLast(end: number, folded: number): void {
    this.ends[this.count - 1] = end;
    this.keys[this.count - 1] = fmix32(Math.imul(this.keys[this.count - 1] ^ folded, Fnv.Prime));
  }
}

/**
 * The combining marks of the scripts compared character by character (Thai, Lao, Myanmar, Khmer, and
 * kana's voicing marks): other scripts' marks are in their words already. Ranges, not a \p{M} regex:
 * this is asked of every character of a Chinese copy, and a regex test cost more than the comparison.
 */
function isDenseMark(c: number): boolean {
  if (c < 0x0e31 || c > 0x17dd) return c === 0x3099 || c === 0x309a;
  return (
    c === 0x0e31 || (c >= 0x0e34 && c <= 0x0e3a) || (c >= 0x0e47 && c <= 0x0e4e) ||
    c === 0x0eb1 || (c >= 0x0eb4 && c <= 0x0ebc) || (c >= 0x0ec8 && c <= 0x0ece) ||
    (c >= 0x102b && c <= 0x103e) || (c >= 0x1056 && c <= 0x1059) || (c >= 0x105e && c <= 0x1060) ||
    (c >= 0x1062 && c <= 0x1064) || (c >= 0x1067 && c <= 0x106d) || (c >= 0x1071 && c <= 0x1074) ||
    (c >= 0x1082 && c <= 0x108d) || c === 0x108f || (c >= 0x109a && c <= 0x109d) ||
    (c >= 0x17b4 && c <= 0x17d3) || c === 0x17dd
  );
}

/**
 * Whether the character at `i` belongs to the one before it, as one letter on screen: a combining
 * mark (a Thai tone mark or vowel, a Myanmar medial), or the consonant a Khmer or Myanmar stacker
 * puts under the one before. Marking it apart would paint a mark without its letter.
 */
function continuesCluster(text: string, i: number): boolean {
  if (i <= 0 || i >= text.length) return false;
  const before = text.charCodeAt(i - 1);
  return before === 0x17d2 || before === 0x1039 || isDenseMark(text.charCodeAt(i));
}

const originalWords = new Words();
const copyWords = new Words();
/** Per word of the original and of the copy: 1 when paired with a word of the other, in order. */
let matchedOriginal = new Uint8Array(128);
let matched = new Uint8Array(128);
let lengths = new Uint16Array(0);

/**
 * Reads the words of `text[from, to)` into `words`. Scripts written without spaces give one word per
 * character, as a changed character there is a changed word. Punctuation is no word: a quote style
 * or a comma is not news. Words compare by a 32-bit hash of their folded characters, so case,
 * accents, tashkeel and digits' script are no change; two different words sharing a hash would only
 * leave a change unmarked.
 */
function readWords(text: string, from: number, to: number, words: Words): void {
  words.count = 0;
  let start = -1;
  let end = 0;
  let hash: number = Fnv.Offset;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    const k = kindAt(c);
    if (k === Kind.Word || k === Kind.Syllable || k === Kind.Expand) {
      if (start < 0) start = i;
      if (k !== Kind.Expand) hash = Math.imul(hash ^ (c + foldOffset[c]), Fnv.Prime);
      else {
        const out = expansion.get(c)!;
        for (let j = 0; j < out.length; j++) hash = Math.imul(hash ^ out.charCodeAt(j), Fnv.Prime);
      }
      end = i + 1;
    } else if (k === Kind.Jamo) {
      const composed = composeJamo(text, i, to);
      if ((composed & 3) === 1) {
        // A jamo that composes nothing is a letter of its word.
        if (start < 0) start = i;
        hash = Math.imul(hash ^ c, Fnv.Prime);
        end = i + 1;
        continue;
      }
      // Decomposed Korean: a syllable's jamo are one character, as the analysis reads them.
      if (start >= 0) words.push(start, end, hash);
      start = -1;
      hash = Fnv.Offset;
      words.push(i, i + (composed & 3), Math.imul(Fnv.Offset ^ (composed >> 2), Fnv.Prime));
      i += (composed & 3) - 1;
    } else if (k === Kind.Drop) {
      // Tashkeel and accents belong to the word they sit on.
      if (start >= 0) end = i + 1;
    } else {
      if (start >= 0) words.push(start, end, hash);
      start = -1;
      hash = Fnv.Offset;
      if (k !== Kind.Dense) continue;
      // Scripts without spaces are compared character by character, but a mark goes with its letter.
      if (words.count > 0 && words.ends[words.count - 1] === i && continuesCluster(text, i)) words.extendLast(i + 1, c + foldOffset[c]);
      else words.push(i, i + 1, Math.imul(Fnv.Offset ^ (c + foldOffset[c]), Fnv.Prime));
    }
  }
  if (start >= 0) words.push(start, end, hash);
}

/** Whether code unit `c` is part of a word that may go on past it (not a separator, space or a character of its own). */
export function inWord(c: number): boolean {
  const k = kindAt(c);
  return k === Kind.Word || k === Kind.Syllable || k === Kind.Expand || k === Kind.Jamo || k === Kind.Drop;
}

/** Marks in `matched` and `matchedOriginal` the words of `copy[b0, b1)` and `original[a0, a1)` that a longest common subsequence pairs. */
function matchMiddle(original: Int32Array, copy: Int32Array, a0: number, a1: number, b0: number, b1: number): void {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 || m === 0) return;
  // Too large a table to fill: the middle's words are left for `pairMoves` to pair by kind alone.
  if (n * m > MAX_CHANGE_CELLS) return;
  const width = m + 1;
  const cells = (n + 1) * width;
  if (lengths.length < cells) lengths = new Uint16Array(Math.max(cells, lengths.length * 2));
  // The table's last row and column are its edges: nothing matches past the end.
  lengths.fill(0, n * width, cells);
  for (let i = 0; i < n; i++) lengths[i * width + m] = 0;
  for (let i = n - 1; i >= 0; i--) {
    const key = original[a0 + i];
    const row = i * width;
    for (let j = m - 1; j >= 0; j--) {
      const below = lengths[row + width + j];
      const right = lengths[row + j + 1];
      lengths[row + j] = key === copy[b0 + j] ? lengths[row + width + j + 1] + 1 : below > right ? below : right;
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (original[a0 + i] === copy[b0 + j]) {
      matchedOriginal[a0 + i] = 1;
      matched[b0 + j] = 1;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
}

/**
 * How `copy`'s words part from `original`'s: each run of changed or added words is one range of the
 * copy (the spaces between included), and each run of words left out with nothing in their place
 * one range of the original. A replaced word is a change, not also a drop; a moved one is neither.
 */
export function wordChanges(original: string, copy: string): WordChanges {
  // Most copies differ in one place: the text the two share at their start and end, cut back to
  // whole words, is the same, and only what lies between is read word by word.
  const shorter = Math.min(original.length, copy.length);
  let same = 0;
  while (same < shorter && original.charCodeAt(same) === copy.charCodeAt(same)) same++;
  while (same > 0 && (continuesCluster(original, same) || continuesCluster(copy, same))) same--;
  while (same > 0 && inWord(original.charCodeAt(same - 1))) same--;
  let sameEnd = 0;
  while (sameEnd < shorter - same && original.charCodeAt(original.length - 1 - sameEnd) === copy.charCodeAt(copy.length - 1 - sameEnd)) sameEnd++;
  while (sameEnd > 0 && (continuesCluster(original, original.length - sameEnd) || continuesCluster(copy, copy.length - sameEnd))) sameEnd--;
  while (sameEnd > 0 && inWord(original.charCodeAt(original.length - sameEnd))) sameEnd--;
  const a = originalWords;
  const b = copyWords;
  readWords(original, same, original.length - sameEnd, a);
  readWords(copy, same, copy.length - sameEnd, b);
  if (matched.length < b.count) matched = new Uint8Array(Math.max(b.count, matched.length * 2));
  if (matchedOriginal.length < a.count) matchedOriginal = new Uint8Array(Math.max(a.count, matchedOriginal.length * 2));
  matched.fill(0, 0, b.count);
  matchedOriginal.fill(0, 0, a.count);
  let head = 0;
  while (head < a.count && head < b.count && a.keys[head] === b.keys[head]) {
    matchedOriginal[head] = 1;
    matched[head++] = 1;
  }
  let tailA = a.count;
  let tailB = b.count;
  while (tailA > head && tailB > head && a.keys[tailA - 1] === b.keys[tailB - 1]) {
    matchedOriginal[--tailA] = 1;
    matched[--tailB] = 1;
  }
  matchMiddle(a.keys, b.keys, head, tailA, head, tailB);
  pairMoves(a, b);
  return gapsBetweenPairs(a, b);
}

/** Per word kind, how many unpaired words of the original have it, then how many of them the copy took. */
const unpairedInOriginal = new Map<number, number>();
const takenByCopy = new Map<number, number>();

/**
 * A sentence moved elsewhere in the copy is neither left out where it was nor new where it is: an
 * unpaired word of the copy whose like is unpaired in the original is paired with it, one for one, so
 * both sides keep as many paired words. Only the words a longest common subsequence cannot follow are touched.
 */
function pairMoves(a: Words, b: Words): void {
  unpairedInOriginal.clear();
  for (let i = 0; i < a.count; i++) if (!matchedOriginal[i]) unpairedInOriginal.set(a.keys[i], (unpairedInOriginal.get(a.keys[i]) ?? 0) + 1);
  if (unpairedInOriginal.size === 0) return;
  takenByCopy.clear();
  for (let j = 0; j < b.count; j++) {
    if (matched[j]) continue;
    const left = unpairedInOriginal.get(b.keys[j]) ?? 0;
    if (left === 0) continue;
    unpairedInOriginal.set(b.keys[j], left - 1);
    takenByCopy.set(b.keys[j], (takenByCopy.get(b.keys[j]) ?? 0) + 1);
    matched[j] = 1;
  }
  for (let i = 0; i < a.count && takenByCopy.size > 0; i++) {
    if (matchedOriginal[i]) continue;
    const taken = takenByCopy.get(a.keys[i]) ?? 0;
    if (taken === 0) continue;
    if (taken === 1) takenByCopy.delete(a.keys[i]);
    else takenByCopy.set(a.keys[i], taken - 1);
    matchedOriginal[i] = 1;
  }
}

/**
 * The unpaired runs of both texts, read in step: paired words come in the same order on both sides,
 * so the runs between the same two pairs stand against each other. A run of the copy is a change; a
 * run of the original with none across from it is a drop.
 */
function gapsBetweenPairs(a: Words, b: Words): WordChanges {
  const changed: TextRange[] = [];
  const dropped: TextRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.count || j < b.count) {
    const fromA = i;
    while (i < a.count && !matchedOriginal[i]) i++;
    const fromB = j;
    while (j < b.count && !matched[j]) j++;
    if (j > fromB) changed.push({ start: b.starts[fromB], end: b.ends[j - 1] });
    else if (i > fromA) dropped.push({ start: a.starts[fromA], end: a.ends[i - 1] });
    // Past the pair that ends both runs.
    i++;
    j++;
  }
  return { changed, dropped };
}

/** A letter or digit: text before or after a dropped range that holds one is a word the copy kept. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Whether a copy with `changes` from `original` is one run of the original's words that stops short
 * at either end, or both: a pull quote, an excerpt. Nothing in it is new, unlike a copy with a word
 * changed, or one dropped inside it.
 */
export function isExcerpt(original: string, { changed, dropped }: WordChanges): boolean {
  if (changed.length > 0 || dropped.length === 0 || dropped.length > 2) return false;
  const leading = !WORD_CHARACTER.test(original.slice(0, dropped[0].start));
  const trailing = !WORD_CHARACTER.test(original.slice(dropped[dropped.length - 1].end));
  return dropped.length === 2 ? leading && trailing : leading || trailing;
}

const countedWords = new Words();

/** How many words `text` has from `from` to `to`, as `wordChanges` compares them: a character each in scripts without spaces. */
export function wordCount(text: string, from: number, to: number): number {
  readWords(text, from, to, countedWords);
  return countedWords.count;
}

/** The words of `text` in `ranges`, as a reader is shown them: run after run, comma-separated. */
export function wordsIn(text: string, ranges: readonly TextRange[]): string {
  return ranges.map(({ start, end }) => text.slice(start, end)).join(', ');
}
