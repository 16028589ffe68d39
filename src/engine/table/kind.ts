// What the tokenizer does with a code unit: shared by the table's derivation, codec and users.

export const enum Kind {
  /** Not decoded yet: see `kindOf`. */
  Unbuilt = 0,
  /** Punctuation and symbols: they end a word. */
  Separator = 1,
  /** Letters, marks and digits of scripts written with spaces between words. */
  Word = 2,
  /**
   * Han, kana, Thai and other scripts without spaces, and Hangul syllables, whose spacing varies:
   * tokenised as character bigrams. From U+3000 on (Han, kana, Hangul) a bigram spans spaces.
   */
  Dense = 3,
  /** Invisible or ignorable: tashkeel, tatweel, accents, soft hyphen, ZWJ, bidi marks. */
  Drop = 4,
  /** Maps to several characters (ligatures such as ﻻ or ﬁ): see `expansion`. */
  Expand = 5,
  /** Whitespace (see `isWhitespace`): it ends a word, like a separator, but is never a sentence's first or last character. */
  Space = 6,
  /**
   * A conjoining Hangul jamo, as decomposed (NFD) text writes Korean: a leading consonant and a vowel,
   * and a trailing consonant after them, are read as the syllable they compose (see `composeJamo`).
   */
  Jamo = 7,
  /**
   * A letter of a syllabary written with spaces (Ethiopic, Yi, Cherokee, Canadian syllabics, Vai): read as Word is, but counting double towards the minimum length, as Han and kana
   * do, as one carries about what two Latin letters do.
   */
  Syllable = 8,
}

/** Unicode's arithmetic for Hangul syllables (The Unicode Standard, 3.12): a const enum, so it compiles to literals. */
export const enum Hangul {
  SyllableBase = 0xac00,
  LeadBase = 0x1100,
  Leads = 19,
  VowelBase = 0x1161,
  Vowels = 21,
  /** A syllable's trailing consonant `t` is TrailBase + t, for t from 1; t = 0 is none. */
  TrailBase = 0x11a7,
  Trails = 28,
}

/**
 * The Hangul syllable that the jamo at `text[at]` starts, composed as NFC composes it, and the code
 * units it takes (2 or 3) before `end`; or the jamo alone, in 1, when no vowel follows a leading
 * consonant. The syllable is `result >> 2`, its length `result & 3`.
 */
export function composeJamo(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  const lead = c - Hangul.LeadBase;
  const vowel = at + 1 < end ? text.charCodeAt(at + 1) - Hangul.VowelBase : -1;
  if (lead < 0 || lead >= Hangul.Leads || vowel < 0 || vowel >= Hangul.Vowels) return (c << 2) | 1;
  const syllable = Hangul.SyllableBase + (lead * Hangul.Vowels + vowel) * Hangul.Trails;
  const trail = at + 2 < end ? text.charCodeAt(at + 2) - Hangul.TrailBase : 0;
  return trail > 0 && trail < Hangul.Trails ? ((syllable + trail) << 2) | 3 : (syllable << 2) | 2;
}

export function isWhitespace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680 || c === 0x2028 || c === 0x2029;
}
