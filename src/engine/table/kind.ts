// What the tokenizer does with a code unit: shared by the table's derivation, codec and users.

export const enum Kind {
  /** Not decoded yet: see `kindOf`. */
  Unbuilt = 0,
  /** Punctuation and symbols: they end a word. */
  Separator = 1,
  /** Letters, marks and digits of scripts written with spaces between words. */
  Word = 2,
  /** Han, kana, Thai and other scripts without spaces: tokenised as character bigrams. */
  Dense = 3,
  /** Invisible or ignorable: tashkeel, tatweel, accents, soft hyphen, ZWJ, bidi marks. */
  Drop = 4,
  /** Maps to several characters (ligatures such as ﻻ or ﬁ): see `expansion`. */
  Expand = 5,
  /** Whitespace (see `isWhitespace`): it ends a word, like a separator, but is never a sentence's first or last character. */
  Space = 6,
}

export function isWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680 || c === 0x2028 || c === 0x2029;
}
