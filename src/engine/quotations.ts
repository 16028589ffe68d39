// Quotations that open or close a sentence: “…,” she said. / She said: “…” / وقال: «…». A quotation
// is quoted again elsewhere on its own (a pull quote, another paper's story) without the words around
// it, "she said" or "قال الوزير", so the index keeps its sentences as sentences too. Only marks at a
// sentence's edges are looked at: the analysis gives where sentences start and end, so finding them
// reads a few characters a sentence, where looking through every character for quotation marks cost
// 5–10 % of an index's time.

import { Kind, kindAt } from './charTable';

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

/** The most characters after a Chinese or Japanese quotation (」』”) that still close its sentence: と記者団に語った, 他在会上补充说. */
const MAX_SPEAKER_CHARS = 12;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Where the quotation opened at `at` ends (its closing mark), or -1: no opening mark there, none to
 * close it within MAX_QUOTATION_CHARS, too short to hold a sentence, or the whole text quoted, whose
 * sentences are its own.
 */
export function quotationFrom(text: string, at: number): number {
  // Most sentences start with a letter: two comparisons, before the table is read.
  const c = text.charCodeAt(at);
  if (c < 0x2018 ? c !== 0x22 && c !== 0xab && c !== 0xbb : c > 0x301d) return -1;
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
 * The closing mark that may end the sentence from `start` to `end`, or -1: its last character, the one
 * before its terminator (`«…».`), or the one right after it (`„…auf.“`, which the sentence split gives
 * to the next sentence, as “ opens a quotation in English); in Chinese and Japanese, one a few
 * characters before a full-width terminator. Whether it closes a quotation is `quotationTo`'s to say.
 */
export function closingMarkOf(text: string, start: number, end: number): number {
  if (isClosingMark(text, end - 1)) return end - 1;
  if (end - 2 > start && isClosingMark(text, end - 2)) return end - 2;
  if (end < text.length && isClosingMark(text, end)) return end;
  if (!isFullWidthTerminator(text.charCodeAt(end - 1))) return -1;
  // Chinese and Japanese say who spoke after the quotation, in a few characters: 「…」と述べた。 “…”，他说。
  for (let at = end - 3, lowest = Math.max(start, end - 1 - MAX_SPEAKER_CHARS); at >= lowest; at--) {
    const c = text.charCodeAt(at);
    if (c === 0x300d || c === 0x300f || c === 0x201d) return at; // 」』”
  }
  return -1;
}

/** 。！？: a sentence of Chinese or Japanese ends there. */
function isFullWidthTerminator(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/**
 * Where the quotation closed at `close` opens, or -1: no opening mark for it after `from` (and within
 * MAX_QUOTATION_CHARS), or what it opens is no quotation (see `quotationFrom`), or one that closes
 * elsewhere.
 */
export function quotationTo(text: string, close: number, from: number): number {
  const open = openingMarkOf(text, close, from);
  return open >= 0 && quotationFrom(text, open) === close ? open : -1;
}

/**
 * The nearest mark before `close`, and from `from` on, that the mark at `close` may close; -1 for
 * none within MAX_QUOTATION_CHARS. Read a character at a time: the span is mostly a sentence or two,
 * for which a call to `lastIndexOf` on a slice costs more.
 */
function openingMarkOf(text: string, close: number, from: number): number {
  const openers = OPENERS[text[close]];
  if (openers === undefined) return -1;
  const first = openers.charCodeAt(0);
  const second = openers.length > 1 ? openers.charCodeAt(1) : first;
  const lowest = Math.max(from, close - 1 - MAX_QUOTATION_CHARS);
  for (let at = close - 1; at >= lowest; at--) {
    const c = text.charCodeAt(at);
    if (c === first || c === second) return at;
  }
  return -1;
}

/**
 * Whether the code unit at `at` may close a quotation. A mark with a letter right after it opens one
 * (“Next, glued to a full stop) or is an apostrophe (don’t); Chinese and Japanese go on after ” and 」
 * with no space, so only letters of scripts written with spaces count. A sentence's last characters
 * are mostly terminators, full-width ones (。) among them, so this is a switch, not a lookup of OPENERS.
 */
function isClosingMark(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  // Letters, digits and most punctuation are told apart in two comparisons.
  if (c < 0xab ? c !== 0x22 : c > 0x301f || (c > 0xbb && c < 0x2019)) return false;
  switch (c) {
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
      return at + 1 >= text.length || kindAt(text.charCodeAt(at + 1)) !== Kind.Word;
    default:
      return false;
  }
}

/** Whether nothing but a few marks and spaces lie outside the quotation from `at` to `end`. */
function isWholeText(text: string, at: number, end: number): boolean {
  if (at > MAX_OUTSIDE_CHARS || text.length - end - 1 > MAX_OUTSIDE_CHARS) return false;
  return !LETTER_OR_DIGIT.test(text.slice(0, at)) && !LETTER_OR_DIGIT.test(text.slice(end + 1));
}
