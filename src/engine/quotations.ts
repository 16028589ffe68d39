// Quotations that open a sentence: “…,” she said. A quotation is quoted again elsewhere on its own
// (a pull quote, another paper's story) without the words around it, "she said" or "قال الوزير", so
// the index keeps its sentences as sentences too. Only those that open a sentence are looked for:
// the analysis gives where sentences start, so finding them reads a character a sentence, where
// looking through every character for quotation marks cost a tenth of an index's time.

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

/** A quotation shorter than this holds fewer words than a sentence needs to count (a scare-quoted "term"). */
const MIN_QUOTATION_CHARS = 8;

/**
 * The farthest a closing mark is looked for: a few sentences. Each sentence that opens with a mark is
 * searched from, so an unbounded search made a hostile text of unclosed marks quadratic.
 */
const MAX_QUOTATION_CHARS = 2000;

/** A paragraph quoted whole has at most a few characters outside its marks: a space, a full stop. */
const MAX_OUTSIDE_CHARS = 16;

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

/** Whether nothing but a few marks and spaces lie outside the quotation from `at` to `end`. */
function isWholeText(text: string, at: number, end: number): boolean {
  if (at > MAX_OUTSIDE_CHARS || text.length - end - 1 > MAX_OUTSIDE_CHARS) return false;
  return !LETTER_OR_DIGIT.test(text.slice(0, at)) && !LETTER_OR_DIGIT.test(text.slice(end + 1));
}
