// How each UTF-16 code unit normalises, derived from the JavaScript engine's own Unicode data
// (NFKD/NFKC, case folding, letter classes). It runs when the table is generated and in its test,
// never in the extension: deriving every page cost about 1-6 ms each at run time.
import { Hangul, isWhitespace, Kind } from './kind';

export interface DerivedTable {
  kind: Uint8Array;
  folded: Uint16Array;
  /** Code units that normalise to several characters (ligatures such as ﻻ or ﬁ). */
  expansion: Map<number, string>;
}

/** The table for every code unit of the Basic Multilingual Plane and every surrogate. */
export function deriveTable(): DerivedTable {
  const table: DerivedTable = { kind: new Uint8Array(0x10000), folded: new Uint16Array(0x10000), expansion: new Map() };
  for (let page = 0; page < 256; page++) derivePage(page, table);
  return table;
}

/** The nukta of each Indic script: writers drop it from borrowed sounds (ज़ → ज), as they drop tashkeel. */
const NUKTAS = new Set([0x093c, 0x09bc, 0x0a3c, 0x0abc, 0x0b3c, 0x0c3c, 0x0cbc]);

/**
 * Combining marks removed after decomposition: Latin accents, Arabic tashkeel and Quranic marks, Hebrew
 * points, Indic nuktas, and kana's voicing marks (が is か plus ゙ in decomposed text, and half-width
 * katakana always write it apart: ｶﾞ), dropped as an accent is.
 */
function isStrippedMark(c: number): boolean {
  return (
    NUKTAS.has(c) ||
    c === 0x3099 ||
    c === 0x309a ||
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x1ab0 && c <= 0x1aff) ||
    (c >= 0x1dc0 && c <= 0x1dff) ||
    (c >= 0x20d0 && c <= 0x20ff) ||
    (c >= 0xfe20 && c <= 0xfe2f) ||
    // Hebrew points and accents, but not its punctuation among them: maqaf (a hyphen), paseq, sof pasuq, nun hafukha.
    (c >= 0x0591 && c <= 0x05c7 && c !== 0x05be && c !== 0x05c0 && c !== 0x05c3 && c !== 0x05c6) ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    (c >= 0x06d6 && c <= 0x06ed)
  );
}

/** Characters that render as nothing or only steer layout: they must not split or change a word. */
function isInvisible(c: number): boolean {
  return (
    c === 0x00ad || // soft hyphen
    c === 0x0640 || // tatweel
    c === 0x061c || // Arabic letter mark
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) || // ZWSP, ZWNJ, ZWJ, LRM, RLM
    (c >= 0x202a && c <= 0x202e) || // bidi embeddings and overrides
    (c >= 0x2060 && c <= 0x2064) || // word joiner and invisible operators
    (c >= 0x2066 && c <= 0x2069) || // bidi isolates
    c === 0xfeff // BOM / zero-width no-break space
  );
}

/** Letter variants that writers and keyboards use interchangeably. */
const LETTER_VARIANTS: Record<number, number> = {
  0x0671: 0x0627, // ٱ alef wasla → ا (أ إ آ decompose to ا plus a stripped hamza or madda)
  0x0649: 0x064a, // ى alef maqsura → ي
  0x0629: 0x0647, // ة taa marbuta → ه
  0x06a9: 0x0643, // Persian ک → ك
  0x06cc: 0x064a, // Persian ی → ي
  0x06c1: 0x0647, // Urdu ہ heh goal → ه, as an Arabic keyboard types it
  0x06be: 0x0647, // Urdu ھ heh doachashmee → ه
  0x06d5: 0x0647, // ە ae → ه: Persian ۀ decomposes to ە with a hamza (NFD), where Persian writes it as هٔ
  0x0901: 0x0902, // Devanagari candrabindu → anusvara: Hindi writes माँ and मां, गाँव and गांव alike
  0x03c2: 0x03c3, // Greek final sigma → σ
  // Letters with a stroke have no decomposition for the accent strip to undo, and ASCII copies of
  // Polish, Turkish or Danish text write them plain, as they write ş as s.
  0x0142: 0x006c, // ł → l
  0x0131: 0x0069, // Turkish dotless ı → i
  0x00f8: 0x006f, // ø → o
  0x0111: 0x0064, // đ → d
  0x0127: 0x0068, // ħ → h
  0x0167: 0x0074, // ŧ → t
};

/**
 * Letters that other spellings write as two, which NFKC keeps whole: ß (and ẞ, which lowers to it),
 * as Swiss German and capitals write it, case folding's one-to-many mapping; the ligatures œ and
 * æ, which keyboards without them type as oe and ae (oeuvre, encyclopaedia); and Hindi's vowels ए
 * and ई, which after another vowel half of its writers spell with य (लिए and लिये, गई and गयी, जाएगा
 * and जायेगा).
 */
const SPELLED_AS_TWO: Record<number, string> = { 0x00df: 'ss', 0x0153: 'oe', 0x00e6: 'ae', 0x090f: '\u092f\u0947', 0x0908: '\u092f\u0940' };

/** With the modifier letters ʼ and ʻ, which Ukrainian and Uzbek text uses as its apostrophe, as often as ' or ’. */
const SINGLE_QUOTES = "'‘’‚‛′‵`´ʼʻ";
const DOUBLE_QUOTES = '"“”„‟″‶«»‹›〝〞＂';
const DASHES = '‐‑‒–—―−﹘﹣－־';

/**
 * The value of every decimal digit of the Basic Multilingual Plane, Arabic-Indic, Persian, Devanagari
 * and Thai alike: copies write numbers in their script's digits or in ASCII. Unicode encodes each
 * script's digits as one run of ten, 0 first.
 */
function decimalDigitValues(): Map<number, number> {
  const values = new Map<number, number>();
  let run = 0;
  for (let c = 0; c < 0x10000; c++) {
    if (isSurrogate(c) || !/\p{Nd}/u.test(String.fromCharCode(c))) run = 0;
    else values.set(c, run++ % 10);
  }
  return values;
}

const DIGIT_VALUES = decimalDigitValues();

function mapOne(c: number): number {
  const digit = DIGIT_VALUES.get(c);
  if (digit !== undefined) return 48 + digit;
  const ch = String.fromCharCode(c);
  if (SINGLE_QUOTES.includes(ch)) return 39;
  if (DOUBLE_QUOTES.includes(ch)) return 34;
  if (DASHES.includes(ch)) return 45;
  return LETTER_VARIANTS[c] ?? c;
}

const LAST_HANGUL_SYLLABLE = 0xd7a3;

/** Letters of syllabaries written with spaces between words: each stands for a syllable (see Kind.Syllable). */
function isSyllabic(c: number): boolean {
  return (
    (c >= 0x1200 && c <= 0x137f) || // Ethiopic
    (c >= 0x1380 && c <= 0x139f) || // Ethiopic Supplement
    (c >= 0x2d80 && c <= 0x2ddf) || // Ethiopic Extended
    (c >= 0xab00 && c <= 0xab2f) || // Ethiopic Extended-A
    (c >= 0x13a0 && c <= 0x13ff) || // Cherokee
    (c >= 0xab70 && c <= 0xabbf) || // Cherokee small letters
    (c >= 0x1400 && c <= 0x167f) || // Unified Canadian Aboriginal Syllabics
    (c >= 0x18b0 && c <= 0x18ff) || // their Extended block
    (c >= 0xa000 && c <= 0xa48f) || // Yi syllables
    (c >= 0xa500 && c <= 0xa62b) // Vai
  );
}

function isDense(c: number): boolean {
  return (
    (c >= 0x0e00 && c <= 0x0eff) || // Thai, Lao
    (c >= 0x1000 && c <= 0x109f) || // Myanmar
    (c >= 0x1780 && c <= 0x17ff) || // Khmer
    (c >= 0x3040 && c <= 0x30ff) || // Hiragana, Katakana
    (c >= 0x3400 && c <= 0x4dbf) || // Han extension A
    (c >= 0x4e00 && c <= 0x9fff) || // Han
    // Korean is spaced by rules writers apply unevenly (경제 대책, 경제대책): read as syllable bigrams, where spaces do not count.
    (c >= Hangul.SyllableBase && c <= LAST_HANGUL_SYLLABLE) ||
    (c >= 0xf900 && c <= 0xfaff) || // Han compatibility
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0xff66 && c <= 0xff9f) // half-width katakana
  );
}

const SENTENCE_TERMINAL = /\p{Sentence_Terminal}/u;

/** ། and ༎ end Tibetan sentences, as well as clauses, though Unicode does not list them as Sentence_Terminal. */
function isTibetanShad(c: number): boolean {
  return c === 0x0f0d || c === 0x0f0e;
}

/** Greek's question mark, which NFKC makes a semicolon. */
const GREEK_QUESTION_MARK = 0x037e;

/**
 * Every script's sentence terminator (Unicode's Sentence_Terminal: । ։ ። ။ ។ 。 ؟ ۔…, Tibetan's shad
 * and Greek's question mark) and the ellipsis read as ASCII ., ! or ?: the tokenizer then knows them
 * all by three folded values, where a switch over the ninety of them cost 3–4 % of `analyze`. NFKC
 * would spell … out as three dots, each a sentence end of its own.
 */
function foldedTerminator(c: number, normalized: string): string | null {
  if (c === GREEK_QUESTION_MARK) return '?';
  if (c < 0x80 || (c !== 0x2026 && !isTibetanShad(c) && !SENTENCE_TERMINAL.test(String.fromCharCode(c)))) return null;
  return normalized === '!' || normalized === '?' ? normalized : '.';
}

/**
 * Joins a page's characters for batched normalisation: a starter that neither decomposes, composes
 * nor changes case, and is not case-ignorable, so every character normalises exactly as if alone.
 * NUL, or a private-use character on NUL's own page.
 */
function separatorFor(start: number): string {
  return start === 0 ? '\ue000' : '\u0000';
}
const NOT_LETTER_MARK_NUMBER = /[^\p{L}\p{M}\p{N}]/gu;

/** The jamo NFC composes into Hangul syllables: leading consonants, vowels and trailing consonants. */
function isConjoiningJamo(c: number): boolean {
  return (
    (c >= Hangul.LeadBase && c < Hangul.LeadBase + Hangul.Leads) ||
    (c >= Hangul.VowelBase && c < Hangul.VowelBase + Hangul.Vowels) ||
    (c > Hangul.TrailBase && c < Hangul.TrailBase + Hangul.Trails)
  );
}

function holdsHangulSyllable(text: string): boolean {
  return /[\uac00-\ud7a3]/.test(text);
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/**
 * The normalised form of each code unit of a page ('' when it is dropped). The Unicode work runs
 * as a few native calls over the whole page, not four per character.
 */
function normalizePage(start: number): string[] {
  const separator = separatorFor(start);
  const chars: string[] = [];
  for (let c = start; c < start + 256; c++) chars.push(isSurrogate(c) || isInvisible(c) ? '' : String.fromCharCode(c));
  const joined = chars.join(separator);
  const decomposed = joined.normalize('NFKD').split(separator);
  const compatible = joined.normalize('NFKC').split(separator);
  const stripped: string[] = [];
  const strippedAny: boolean[] = [];
  for (const d of decomposed) {
    let kept = '';
    let any = false;
    for (let i = 0; i < d.length; i++) {
      const u = d.charCodeAt(i);
      if (isStrippedMark(u)) any = true;
      else kept += d[i];
    }
    stripped.push(kept);
    strippedAny.push(any);
  }
  const recomposed = stripped.join(separator).normalize('NFC').split(separator);
  const canonical = compatible.join(separator).normalize('NFD').split(separator);
  // Without its accent where one was removed (é becomes e). Otherwise a composed character is spelled
  // out as the parts decomposed text writes it in (Bengali ো as ে and া), so that both forms read
  // alike; but Hangul syllables stay whole, as most of Korean text would otherwise be expansions: the
  // tokenizer composes decomposed jamo instead (Kind.Jamo).
  const bases = chars.map((_, i) => (strippedAny[i] ? recomposed[i] : holdsHangulSyllable(compatible[i]) ? compatible[i] : canonical[i]));
  const lowered = bases.join(separator).toLowerCase().split(separator);
  return lowered.map((lower, i) => {
    const c = start + i;
    if (isSurrogate(c)) return String.fromCharCode(c);
    if (isWhitespace(c)) return ' ';
    const terminator = foldedTerminator(c, lower);
    if (terminator !== null) return terminator;
    let out = '';
    for (let j = 0; j < lower.length; j++) {
      const u = lower.charCodeAt(j);
      if (!isStrippedMark(u) && !isInvisible(u)) out += SPELLED_AS_TWO[u] ?? String.fromCharCode(mapOne(u));
    }
    return out === ' ' ? ' ' : out;
  });
}

function derivePage(page: number, table: DerivedTable): void {
  const { kind, folded, expansion } = table;
  const start = page << 8;
  const outs = normalizePage(start);
  // Letters, marks and digits among the single-character forms, found by one regex pass over them all.
  const singles = outs.map((out, i) => (out.length === 1 && !isSurrogate(start + i) ? out : ' ')).join('');
  const lettered = singles.replace(NOT_LETTER_MARK_NUMBER, ' ');
  for (let c = start; c < start + 256; c++) {
    const out = outs[c - start];
    if (out.length === 0) {
      kind[c] = Kind.Drop;
      folded[c] = 0;
    } else if (isWhitespace(c)) {
      kind[c] = Kind.Space;
      folded[c] = 32;
    } else if (isSurrogate(c)) {
      // Astral characters (rare CJK, historic scripts) stay whole.
      kind[c] = Kind.Word;
      folded[c] = c;
    } else if (out.length === 1) {
      const f = out.charCodeAt(0);
      folded[c] = f;
      if (lettered[c - start] === ' ') kind[c] = Kind.Separator;
      else if (isConjoiningJamo(c)) kind[c] = Kind.Jamo;
      else if (isSyllabic(f)) kind[c] = Kind.Syllable;
      else kind[c] = isDense(f) ? Kind.Dense : Kind.Word;
    } else {
      kind[c] = Kind.Expand;
      folded[c] = 0;
      expansion.set(c, out);
    }
  }
}
