// Quotations that open or close a sentence: “…,” she said. / She said: “…” / وقال: «…». A quotation
// is quoted again elsewhere on its own (a pull quote, another paper's story) without the words around
// it, "she said" or "قال الوزير", so the index keeps its sentences as sentences too. Only marks at a
// sentence's edges are looked at: the analysis gives where sentences start and end, so finding them
// reads a few characters a sentence, where looking through every character for quotation marks cost a
// tenth of an index's time.

/** Each opening mark's closing marks: curly quotes, German low-high ones, guillemets both ways, corner brackets. */
const CLOSERS: Readonly<Record<string, string>> = {
  '\u201c': '\u201d', // “ ”
  '\u201e': '\u201c\u201d', // „ “ (German), „ ” (Polish, Hungarian)
  '\u2018': '\u2019', // ‘ ’
  '\u00ab': '\u00bb', // « »
  '\u00bb': '\u00ab', // » « (Danish, German)
  '\u2039': '\u203a', // ‹ ›
  '\u300c': '\u300d', // 「 」
  '\u300e': '\u300f', // 『 』
  '\u301d': '\u301e\u301f', // 〝 〞 〟
  '"': '"',
};

/** Each closing mark's opening marks: CLOSERS read the other way. */
const OPENERS: Readonly<Record<string, string>> = (() => {
  const openers: Record<string, string> = {};
  for (const [opener, closers] of Object.entries(CLOSERS)) for (const closer of closers) openers[closer] = (openers[closer] ?? '') + opener;
  return openers;
})();

/** A quotation shorter than this holds fewer words than a sentence needs to count (a scare-quoted "term"). */
const MIN_QUOTATION_CHARS = 8;

/**
 * The farthest a quotation's other mark is looked for: a few sentences. Each sentence that opens or
 * closes with a mark is searched from, so an unbounded search made a hostile text of unclosed marks
 * quadratic.
 */
const MAX_QUOTATION_CHARS = 2000;

/** A paragraph quoted whole has at most a few characters outside its marks: a space, a full stop. */
const MAX_OUTSIDE_CHARS = 16;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether code unit `c` may be a quotation mark: two comparisons for most characters, before a table is read. */
function mayBeMark(c: number): boolean {
  return c < 0x2018 ? c === 0x22 || c === 0xab || c === 0xbb : c <= 0x301f;
}

/**
 * Where the quotation opened at `at` ends (its closing mark), or -1: no opening mark there, none to
 * close it within MAX_QUOTATION_CHARS, too short to hold a sentence, or the whole text quoted, whose
 * sentences are its own.
 */
export function quotationFrom(text: string, at: number): number {
  if (!mayBeMark(text.charCodeAt(at))) return -1;
  const closers = CLOSERS[text[at]];
  if (closers === undefined) return -1;
  const within = text.slice(at + 1, at + 1 + MAX_QUOTATION_CHARS);
  let end = -1;
  for (const closer of closers) {
    const found = within.indexOf(closer);
    if (found >= 0 && (end < 0 || found < end)) end = found;
  }
  if (end < MIN_QUOTATION_CHARS) return -1;
  end += at + 1;
  return isWholeText(text, at, end) ? -1 : end;
}

/**
 * The closing mark that ends the sentence from `start` to `end`, or -1: its last character, the one
 * before its terminator (`«…».`), or the one right after it (`„…auf.“`, which the sentence split gives
 * to the next sentence, as “ opens a quotation in English).
 */
export function closingMarkOf(text: string, start: number, end: number): number {
  if (isClosingMark(text, end - 1)) return end - 1;
  if (end - 2 > start && isClosingMark(text, end - 2)) return end - 2;
  return end < text.length && isClosingMark(text, end) ? end : -1;
}

/** Whether the code unit at `at` closes a quotation: a sentence's last characters are mostly terminators, full-width ones (。) among them, so it is a switch, not a lookup of OPENERS. */
function isClosingMark(text: string, at: number): boolean {
  switch (text.charCodeAt(at)) {
    case 0x22: // "
    case 0xab: // «
    case 0xbb: // »
    case 0x2019: // ’
    case 0x201c: // “
    case 0x201d: // ”
    case 0x203a: // ›
    case 0x300d: // 」
    case 0x300f: // 』
    case 0x301e: // 〞
    case 0x301f: // 〟
      return true;
    default:
      return false;
  }
}

/**
 * Where the quotation closed at `close` opens, or -1: no opening mark for it after `from` (and within
 * MAX_QUOTATION_CHARS), or what it opens is no quotation (see `quotationFrom`), or one that closes
 * elsewhere.
 */
export function quotationTo(text: string, close: number, from: number): number {
  const openers = OPENERS[text[close]];
  if (openers === undefined) return -1;
  const lowest = Math.max(from, close - 1 - MAX_QUOTATION_CHARS);
  const before = text.slice(lowest, close);
  let at = -1;
  for (const opener of openers) at = Math.max(at, before.lastIndexOf(opener));
  if (at < 0) return -1;
  at += lowest;
  return quotationFrom(text, at) === close ? at : -1;
}

/** Whether nothing but a few marks and spaces lie outside the quotation from `at` to `end`. */
function isWholeText(text: string, at: number, end: number): boolean {
  if (at > MAX_OUTSIDE_CHARS || text.length - end - 1 > MAX_OUTSIDE_CHARS) return false;
  return !LETTER_OR_DIGIT.test(text.slice(0, at)) && !LETTER_OR_DIGIT.test(text.slice(end + 1));
}
