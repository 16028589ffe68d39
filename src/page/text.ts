// Whitespace collapsing, shared by block extraction and range location so the two never disagree.
// Pure string code: no DOM, so the CLI's .txt input goes through exactly the same rules.

/**
 * Unicode White_Space: HTML's collapsible ASCII spaces plus NBSP, the typographic spaces and line
 * separators. Old CMSs indent and pad with `&nbsp;`, so a reader sees all of these as one gap.
 */
export function isCollapsibleSpace(code: number): boolean {
  if (code > 32 && code < 0x85) return false;
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * Whitespace that `Collapser.feed` turns into a gap (the characters of isCollapsibleSpace): a run of
 * two or more, any one other than a plain space, or a plain space at either end of the text. What
 * remains, lone spaces between words, is already collapsed. A regular expression finds these several
 * times faster than a loop over the characters.
 */
const GAP = /[ \t-\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]{2,}|[\t-\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|^ | $/g;

/**
 * Whitespace other than a plain space, or two spaces in a row: every gap but a space at either end
 * holds one of these (a run of two is either all spaces or has another kind of space in it).
 */
const GAP_START = /[\t-\r\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]| {2}/;

/** True when `text` has a gap for `Collapser.feed` to collapse. Much cheaper to ask than finding the gaps. */
function hasGap(text: string): boolean {
  return text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32 || GAP_START.test(text);
}

/** True when `data` holds nothing but collapsible whitespace. Stops at the first other character. */
export function isBlank(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    if (!isCollapsibleSpace(data.charCodeAt(i))) return false;
  }
  return true;
}

/** Part of a collapsed whitespace run: `source[from, to)`. */
export interface Gap<S> {
  source: S;
  from: number;
  to: number;
}

/** Receives the collapsed output as it is produced, with where each piece came from. */
export interface CollapseSink<S> {
  /** `data[from, to)` of `source` appears unchanged at output offset `at`. */
  copy(source: S, data: string, from: number, to: number, at: number): void;
  /**
   * One space at output offset `at` stands for a whitespace run made of `gaps` (empty when the run
   * was only line break elements). The array is reused: read it during the call.
   */
  space(at: number, gaps: readonly Gap<S>[]): void;
}

/**
 * Chinese and Japanese characters (radicals, kana, Bopomofo, enclosed and compatibility forms,
 * ideographs), wide punctuation, and fullwidth and halfwidth forms: written without spaces, so a line
 * break between two of them in the page's source is no gap (CSS Text's segment break rule; Hangul,
 * written with spaces, is not among them).
 */
function isWideCjk(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0x312f) ||
    (code >= 0x3190 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff9f) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3ffff)
  );
}

/** The code point that ends `data[from, to)`. */
function lastCodePoint(data: string, from: number, to: number): number {
  const low = data.charCodeAt(to - 1);
  if (low >= 0xdc00 && low <= 0xdfff && to - 2 >= from) return data.codePointAt(to - 2)!;
  return low;
}

/**
 * Collapses every whitespace run to one space and drops leading and trailing whitespace, across any
 * number of pieces of text fed in order; a run that is only a source line break between two Chinese
 * or Japanese characters is dropped. `length` is the output length so far.
 */
export class Collapser<S> {
  length = 0;
  /** A whitespace run has been read since the last character copied. */
  private pending = false;
  /** The run holds a line break of the page's source (not a `<br>`). */
  private sourceBreak = false;
  /** The run holds a `<br>`, which the reader sees. */
  private lineBroken = false;
  /** The last code point copied. */
  private lastCode = 0;
  /** The run's parts; objects are reused from `pool`, since runs come by the million in big pages. */
  private readonly gaps: Gap<S>[] = [];
  private readonly pool: Gap<S>[] = [];

  constructor(private readonly sink: CollapseSink<S>) {}

  /** A line break (`<br>`) reads as whitespace between words. */
  lineBreak(): void {
    this.pending = true;
    this.lineBroken = true;
  }

  private addGap(source: S, from: number, to: number): void {
    const gap = this.pool[this.gaps.length] ?? (this.pool[this.gaps.length] = { source, from, to });
    gap.source = source;
    gap.from = from;
    gap.to = to;
    this.gaps.push(gap);
  }

  /** Ends a whitespace run before the character `next`: one space, unless nothing was output yet (trim) or it is no gap. */
  private endRun(next: number): void {
    const noGap = this.sourceBreak && !this.lineBroken && isWideCjk(this.lastCode) && isWideCjk(next);
    if (this.length > 0 && !noGap) {
      this.sink.space(this.length, this.gaps);
      this.length += 1;
    }
    this.pending = false;
    this.sourceBreak = false;
    this.lineBroken = false;
    this.gaps.length = 0;
  }

  feed(source: S, data: string): void {
    // Text between two gaps is copied unchanged, lone spaces between words included.
    let copyFrom = 0;
    GAP.lastIndex = 0;
    for (let gap = GAP.exec(data); gap !== null; gap = GAP.exec(data)) {
      const start = gap.index;
      if (start > copyFrom) this.copy(source, data, copyFrom, start);
      copyFrom = start + gap[0].length;
      this.pending = true;
      if (!this.sourceBreak && /[\n\r]/.test(gap[0])) this.sourceBreak = true;
      this.addGap(source, start, copyFrom);
    }
    if (copyFrom < data.length) this.copy(source, data, copyFrom, data.length);
  }

  private copy(source: S, data: string, from: number, to: number): void {
    if (this.pending) this.endRun(data.codePointAt(from)!);
    this.sink.copy(source, data, from, to, this.length);
    this.length += to - from;
    this.lastCode = lastCodePoint(data, from, to);
  }
}

/** Builds the collapsed string itself. */
export class CollapsedText implements CollapseSink<unknown> {
  private readonly parts: string[] = [];

  copy(_source: unknown, data: string, from: number, to: number): void {
    this.parts.push(from === 0 && to === data.length ? data : data.slice(from, to));
  }

  space(): void {
    this.parts.push(' ');
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** `text` with whitespace runs collapsed to one space and trimmed: the form every block text takes. */
export function collapseWhitespace(text: string): string {
  // Most paragraphs hold nothing to collapse: then the text is its own result, with no copy made.
  if (!hasGap(text)) return text;
  const out = new CollapsedText();
  new Collapser<null>(out).feed(null, text);
  return out.toString();
}
