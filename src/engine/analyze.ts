import { composeJamo, expansion, foldOffset, kind, Kind, kindAt, kindOf } from './charTable';
import { fmix32, key53 } from './hash';
import { SimHash64, simhash } from './simhash';
import { CJK_CHAR_WEIGHT, SHORT_BLOCK_TOKENS, SPACED_SENTENCE_TOKENS } from './thresholds';
import { grown } from './typedArrays';
import type { Fingerprint } from './types';
import type { WasmAnalysis, WasmPass } from './wasm/analyzer';

/** One sentence of a block: a range of the original text and the hashes of its normalised tokens. */
export interface Sentence {
  start: number;
  end: number;
  tokens: number;
  /** Hash of the token sequence with every number counted as the same token. */
  looseKey: number;
  /** The loose key with a hash of the sentence's numbers, in order, mixed in: the loose key itself where it has none. */
  exactKey: number;
}

/** Where an analysis's numbers are in its record. Const enums, so that they compile to literals (see `Hash`). */
const enum Field {
  /** The block's loose and exact keys, then how many anchors and sentences follow. */
  LooseKey = 0,
  ExactKey = 1,
  AnchorCount = 2,
  SentenceCount = 3,
  FirstAnchor = SentenceCount + 1,
  /** Anchors per block: the bottom-k sketch's k. Their places are kept even when a short block has fewer. */
  Anchors = 4,
  FirstSentence = FirstAnchor + Anchors,
}

/** The numbers of a sentence in the record, `Fields` of them from its first. */
const enum SentenceField {
  Start = 0,
  End = 1,
  Tokens = 2,
  LooseKey = 3,
  ExactKey = 4,
  Fields = 5,
}

/**
 * What `analyze` finds in a text. A class for the reason SimHash64 is one (simhash.ts): no literal's
 * allocation site to retune. Keys, anchors and sentences are numbers in one run of an array many
 * analyses share (a record): as an anchor array, a sentence list and two boxed keys apiece they were
 * four of the objects each block of a long page keeps alive, and the garbage collector's work.
 */
export class Analysis {
  constructor(
    /** Letters and digits, with dense-script characters weighted: the length the minimum applies to. */
    readonly weight: number,
    readonly tokens: number,
    readonly shingleCount: number,
    /** The shingles are `shingleCount` numbers from `firstShingle` on, in an array many analyses share. */
    private readonly words: Uint32Array,
    private readonly firstShingle: number,
    /** The SimHash of the shingles. */
    readonly fingerprint: Fingerprint,
    private readonly record: Float64Array,
    private readonly first: number,
  ) {}

  /**
   * Shingle hashes in text order, repeats kept: the multiset verification compares, once sorted in
   * place by `sortShingles`. A view made on each call, as many blocks are never verified: a view kept
   * apiece was about 96 of the 914 bytes of JS heap the index held per block.
   */
  shingles(): Uint32Array {
    return this.words.subarray(this.firstShingle, this.firstShingle + this.shingleCount);
  }

  /** The `i`th shingle hash in text order, until `sortShingles` has sorted them. */
  shingleAt(i: number): number {
    return this.words[this.firstShingle + i];
  }

  /** Hash of the block's letters, spaces and punctuation left out, every number one stand-in letter (see `numberLanes`). */
  get looseKey(): number {
    return this.record[this.first + Field.LooseKey];
  }

  /** Hash of the block's letters, spaces and punctuation left out, numbers included. */
  get exactKey(): number {
    return this.record[this.first + Field.ExactKey];
  }

  /** How many anchors there are: the smallest distinct shingle hashes, which, indexed, meet near copies whose SimHash moved. */
  get anchorCount(): number {
    return this.record[this.first + Field.AnchorCount];
  }

  /** The anchors in ascending order. */
  anchor(i: number): number {
    return this.record[this.first + Field.FirstAnchor + i];
  }

  get sentenceCount(): number {
    return this.record[this.first + Field.SentenceCount];
  }

  sentenceStart(i: number): number {
    return this.sentenceField(i, SentenceField.Start);
  }

  sentenceEnd(i: number): number {
    return this.sentenceField(i, SentenceField.End);
  }

  sentenceTokens(i: number): number {
    return this.sentenceField(i, SentenceField.Tokens);
  }

  sentenceLooseKey(i: number): number {
    return this.sentenceField(i, SentenceField.LooseKey);
  }

  sentenceExactKey(i: number): number {
    return this.sentenceField(i, SentenceField.ExactKey);
  }

  /** The sentences as objects, for callers outside the hot paths. */
  sentences(): Sentence[] {
    return Array.from({ length: this.sentenceCount }, (_, i) => ({
      start: this.sentenceStart(i),
      end: this.sentenceEnd(i),
      tokens: this.sentenceTokens(i),
      looseKey: this.sentenceLooseKey(i),
      exactKey: this.sentenceExactKey(i),
    }));
  }

  private sentenceField(i: number, field: SentenceField): number {
    return this.record[this.first + Field.FirstSentence + i * SentenceField.Fields + field];
  }
}

/**
 * Hash constants. A const enum, so that each module's compiler writes them into the code as literals:
 * as module constants they were variables of the bundle, re-read and type-checked at every use, on
 * every character in the word loop. Those above 2^31 are written signed, so that they stay machine
 * words; the hashes only use their bits.
 */
const enum Hash {
  FnvOffset = 0x811c9dc5 | 0,
  FnvPrime = 0x01000193,
  /** Every number hashes to this token: digits are what syndicated copies update (dates, tolls, scores). */
  NumberToken = 0x5bd1e995,
  UnigramSeed = 0x27d4eb2f,
  SeqPrimeA = 0x9e3779b1 | 0,
  SeqPrimeB = 0x85ebca77 | 0,
  /** A word's hash is a polynomial in this prime over its folded letters, so the block's spaceless hash can take whole words. */
  LetterPrime = 0x01000193,
  /** A number's stand-in among the block's letters, for its loose key. */
  NumberLetter = 0x2d1b5a49,
}
/** At most 2^16 buckets for sorting hashes: enough to keep buckets small on a 5 MB text. */
const MAX_BUCKET_BITS = 16;

/** Two folded code units fit in 32 bits: a dense bigram is its own exact hash, and the shingle hash mixes it. */
function denseBigram(previous: number, current: number): number {
  return (previous << 16) | current;
}

/**
 * Whether a folded code unit ends a sentence: the table folds every script's terminators, and the
 * ellipsis, to one of these three (see table/derive.ts).
 */
function isTerminator(folded: number): boolean {
  return folded === 0x2e || folded === 0x21 || folded === 0x3f;
}

/**
 * Terminators typed in ASCII where keyboards lack a script's own, each only right after a letter of
 * that script (or an accent written apart from it): Greek asks with `;` (its question mark U+037E,
 * which NFC makes a semicolon; Greek's own semicolon is the raised dot ·), Armenian ends a sentence
 * with `:` for its ։, Amharic with `::` for its ።, and Hindi, Bengali and their kin with `|` for
 * the danda ।.
 */
function endsWithStandIn(text: string, at: number, raw: number): boolean {
  let j = at - 1;
  while (j >= 0 && text.charCodeAt(j) >= 0x0300 && text.charCodeAt(j) <= 0x036f) j--;
  const c = j >= 0 ? text.charCodeAt(j) : 0;
  if (raw === 0x3b) return (c >= 0x0370 && c <= 0x03ff) || (c >= 0x1f00 && c <= 0x1fff);
  if (raw === 0x7c) return c >= 0x0900 && c <= 0x0dff;
  return (c >= 0x0531 && c <= 0x0587) || (c >= 0x1200 && c <= 0x139f && text.charCodeAt(at + 1) === 0x3a);
}

/** `;`, `:` or `|`: what `endsWithStandIn` may take for a terminator. */
function mayStandIn(raw: number): boolean {
  return raw === 0x3b || raw === 0x3a || raw === 0x7c;
}

/** Thai and Lao end a sentence with a space, not a sign: a code unit of those scripts. */
function endsSentenceWithSpace(c: number): boolean {
  return c >= 0x0e00 && c <= 0x0eff;
}

/** Whether a Han, kana or Hangul bigram goes on past a space before `c`: more of those, or more space or ignored marks first. */
function spanned(c: number): boolean {
  const k = kindAt(c);
  return k === Kind.Space || k === Kind.Drop || k === Kind.Jamo || (k === Kind.Dense && c + foldOffset[c] >= 0x3000);
}

/**
 * Whether `c` is a capital of a cased script (Latin, Greek, Cyrillic, Armenian), as a sentence starts
 * with one. Latin Extended pairs a capital with its small letter, the capital first, except where a
 * run starts on an odd code point (Ĺ…ň, Ź…ž); a letter missed here only keeps a boundary unsplit.
 */
function isCapital(c: number): boolean {
  if (c < 0x100) return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
  if (c <= 0x17f) return c === 0x178 || ((c & 1) === ((c >= 0x139 && c <= 0x148) || c >= 0x179 ? 1 : 0) && c !== 0x138 && c !== 0x149 && c !== 0x17f);
  if (c >= 0x1e00 && c <= 0x1eff) return c === 0x1e9e || ((c & 1) === 0 && (c < 0x1e96 || c >= 0x1ea0));
  return (c >= 0x391 && c <= 0x3ab) || (c >= 0x400 && c <= 0x42f) || (c >= 0x531 && c <= 0x556);
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Closing quotes and brackets right after a terminator still belong to its sentence. */
function isCloser(c: number): boolean {
  switch (c) {
    case 0x22: case 0x27: case 0x29: case 0x5d: case 0x7d: case 0xbb: case 0x2019: case 0x201d: case 0x203a: case 0x300d:
    case 0x300f: case 0xff09:
      return true;
  }
  return false;
}

/** Shingle hashes of the block being analysed; reused across calls so the hot loop never allocates. */
let scratch = new Uint32Array(1024);

function growScratch(): void {
  scratch = grown(scratch, scratch.length * 2);
}

/** The WebAssembly pass, once an entry point installs it (`installWasmAnalyzer` in wasm/analyzer.ts). */
let wasmPass: WasmPass | null = null;

/** Routes `analyze` through `pass`, which may still leave a text to JavaScript. */
export function useWasmPass(pass: WasmPass): void {
  wasmPass = pass;
}

/**
 * One pass over the text's char codes: normalises through the character table, cuts words
 * (or character bigrams in scripts without spaces), hashes word-bigram shingles, and finds
 * sentence boundaries, all with offsets into the original text. In WebAssembly
 * (wasm/assembly/analyze.ts) where an entry point installed it, and otherwise in `analyzeInJavaScript`.
 */
export function analyze(text: string): Analysis {
  const fast = wasmPass === null ? null : wasmPass(text);
  return fast === null ? analyzeInJavaScript(text) : recordWasmAnalysis(fast);
}

/**
 * `analyze` in JavaScript: where WebAssembly is missing or refused, for very long texts, and as the
 * reference the WebAssembly pass is tested against. Everything is inlined into one loop over local
 * variables, because this runs on every paragraph of every page.
 */
export function analyzeInJavaScript(text: string): Analysis {
  // The kinds as locals: an enum imported from another module is an object in the bundles (each
  // module is compiled alone), and `Kind.Word` in the word loop was a property read per character.
  // The tables too: read through the module's bindings, they cost 2-6 % more instructions.
  const kinds = kind, folds = foldOffset;
  const UNBUILT = Kind.Unbuilt, SEPARATOR = Kind.Separator, WORD = Kind.Word, DENSE = Kind.Dense;
  const DROP = Kind.Drop, EXPAND = Kind.Expand, SPACE = Kind.Space, JAMO = Kind.Jamo, SYLLABLE = Kind.Syllable;
  const length = text.length;
  let tokens = 0;
  let weight = 0;
  sentenceCount = 0;

  // The word being read; none while its length is 0.
  let wordHash = 0;
  let wordIsNumber = true;
  let wordLength = 0;
  // Whether the last word was a single letter, as a dot after it may be an initial's. One flag rather
  // than the word's length and kind: a variable fewer in the loop, 1-3 % of `analyze`'s instructions.
  let lastWordIsInitial = false;
  // The previous dense character, for bigrams; -1 when the dense run was broken.
  let prevDense = -1;
  // The token before this one; there is one once `tokens` passes 1.
  let prevToken = 0;

  // Token-sequence hashes of the sentence being read, with numbers as one token (loose), and a hash of
  // its numbers in order: the exact key is the two together (`endSentence`). A second pair of lanes
  // over every token cost two multiplies a token, where only numbers need the work.
  let sLooseA = Hash.FnvOffset, sLooseB = Hash.FnvOffset, sNumbers = 0;
  // The block's letters, as one word, a number standing in for each number (see `numberLanes`): a copy
  // spaced otherwise ("می‌گوید", "می گوید", "میگوید"; "و قال", "وقال") is the same text.
  let spaceless = 0;
  resetNumberLanes();
  // The sentence being read starts at this token. Its token count and the shingles' count follow
  // from `tokens`: two counters fewer to keep per token were 2 % of `analyze`'s instructions.
  let sentenceFirstToken = 0;
  let sentenceStart = -1;
  let lastVisible = -1;
  // After a terminator: where the sentence would end, and whether the boundary is a dot. After a
  // space in Thai or Lao text, once the sentence is long enough, the boundary stands only if more of
  // that text follows: such a space also sets off numbers and foreign words.
  let pendingEnd = -1;
  let terminatorAt = -1;
  let terminatorIsDot = false;
  let spaceEnd = false;

  // A ligature's characters are fed one by one, all at the ligature's offset.
  let pending = '';
  let pendingAt = 0;

  let i = 0;
  for (;;) {
    let raw: number;
    let k: Kind;
    let at: number;
    if (pendingAt < pending.length) {
      raw = pending.charCodeAt(pendingAt++);
      k = kinds[raw] as Kind;
      at = i - 1;
      if (k === DROP) continue;
      // An expansion's jamo (㈀ is "(ᄀ)") stand alone as letters; its syllables (㈜ is "(주)") are dense, below.
      if (k === WORD || k === JAMO || k === SYLLABLE) {
        const f = raw + folds[raw];
        prevDense = -1;
        wordHash = Math.imul(wordHash + f, Hash.LetterPrime);
        if (f < 48 || f > 57) wordIsNumber = false;
        wordLength++;
        weight += k === SYLLABLE ? CJK_CHAR_WEIGHT : 1;
        continue;
      }
      if (k !== DENSE) k = SEPARATOR;
    } else if (i < length) {
      raw = text.charCodeAt(i);
      k = kinds[raw] as Kind;
      at = i++;
      if (k === UNBUILT) k = kindOf(raw);
      if (k === DROP) continue;
      if (k !== SPACE) {
        // A visible character: it settles a pending sentence boundary, then belongs to a sentence.
        if (pendingEnd >= 0) {
          if (at === pendingEnd && (isTerminator(raw + folds[raw]) || isCloser(raw) || ((raw === 0x3a || raw === 0x7c) && text.charCodeAt(at - 1) === raw))) {
            pendingEnd = at + 1; // "?!", "...", "::", "||" and closing quotes belong to the sentence
          } else {
            // A single letter's dot is an initial's or an abbreviation's ("U.S. officials", "د. محمد")
            // unless a capital starts a sentence after it ("Plan B. The", "Đông Nam Á.Trong"), but
            // not one that is the next initial ("U.S.").
            const initial = terminatorIsDot && lastWordIsInitial && !(isCapital(raw) && !(at === terminatorAt + 1 && text.charCodeAt(at + 1) === 0x2e));
            // "3.5", ".300", "$.50", but never "indoors.3 soldiers": a letter before the dot ends a sentence.
            const before = terminatorAt > 0 ? text.charCodeAt(terminatorAt - 1) : 32;
            const kindBefore = kinds[before] as Kind;
            const letterBefore = !isAsciiDigit(before) && (kindBefore === WORD || kindBefore === DENSE || kindBefore === EXPAND || kindBefore === JAMO || kindBefore === SYLLABLE);
            const decimal = terminatorIsDot && at === terminatorAt + 1 && isAsciiDigit(raw) && !letterBefore;
            const midSentence = spaceEnd && (k === WORD || !endsSentenceWithSpace(raw)); // "ในปี 2024"
            if (!initial && !decimal && !midSentence) {
              if (sentenceStart >= 0) {
                endSentence(sentenceStart, pendingEnd, tokens - sentenceFirstToken, sLooseA, sLooseB, sNumbers);
              }
              sentenceStart = -1;
              sentenceFirstToken = tokens;
              sLooseA = sLooseB = Hash.FnvOffset;
              sNumbers = 0;
            }
            pendingEnd = -1;
          }
        }
        if (sentenceStart < 0) sentenceStart = at;
        lastVisible = at;
        if (k === EXPAND) {
          pending = expansion.get(raw)!;
          pendingAt = 0;
          continue;
        }
        if (k === JAMO) {
          // Decomposed Korean (NFD): the jamo of a syllable are read as the syllable, as NFC text
          // writes it. Only decomposed text comes here. A jamo that composes nothing is a letter.
          const composed = composeJamo(text, at, length);
          i = at + (composed & 3);
          lastVisible = i - 1;
          if ((composed & 3) > 1) {
            // A syllable folds to itself (offset 0, decoded or not).
            raw = composed >> 2;
            k = DENSE;
          } else {
            prevDense = -1;
            wordHash = Math.imul(wordHash + (composed >> 2), Hash.LetterPrime);
            wordIsNumber = false;
            wordLength++;
            weight++;
            continue;
          }
        }
      }
    } else if (wordLength > 0) {
      // The end of the text ends the last word.
      raw = 32;
      k = SPACE;
      at = length;
    } else {
      break;
    }

    // The character read is handled here. A space and then a word, the commonest step of all, comes
    // back to the top of this loop for the word, past the checks above: 2.3 % of `analyze`'s instructions.
    for (;;) {
      if (k === WORD) {
        // The rest of the word's run in a tight loop: most characters of a page are here.
        let h: number = wordHash;
        let isNumber: boolean = wordIsNumber;
        let f: number = raw + folds[raw];
        let end = i;
        // The character read last, which ended the word unless the text did: the space check below
        // reading it again was 3 % of `analyze`'s instructions.
        let stop = -1;
        for (;;) {
          h = Math.imul(h + f, Hash.LetterPrime);
          if (f < 48 || f > 57) isNumber = false;
          if (end === length) break;
          stop = text.charCodeAt(end);
          if (kinds[stop] !== WORD) break;
          f = stop + folds[stop];
          end++;
        }
        wordHash = h;
        wordIsNumber = isNumber;
        wordLength += end - at;
        weight += end - at;
        lastVisible = end - 1;
        prevDense = -1;
        i = end;
        // The space that ends most words ends this one here, without another turn of the loop.
        if (stop !== 32) break;
        raw = 32;
        k = SPACE;
        at = end;
        i = end + 1;
      } else if (k === SYLLABLE) {
        // A run of a syllabary's letters (Ethiopic, Yi…), read as the loop above reads letters but
        // counting each double. A word that mixes them with other letters ("3ኛ") goes from one loop
        // to the other through the outer one. Written out rather than sharing the word loop's end: a
        // test there would run on every word of every script.
        let h: number = wordHash;
        let f: number = raw + folds[raw];
        let end = i;
        let stop = -1;
        for (;;) {
          h = Math.imul(h + f, Hash.LetterPrime);
          if (end === length) break;
          stop = text.charCodeAt(end);
          if (kinds[stop] !== SYLLABLE) break;
          f = stop + folds[stop];
          end++;
        }
        wordHash = h;
        wordIsNumber = false;
        wordLength += end - at;
        weight += CJK_CHAR_WEIGHT * (end - at);
        lastVisible = end - 1;
        prevDense = -1;
        i = end;
        if (stop !== 32) break;
        raw = 32;
        k = SPACE;
        at = end;
        i = end + 1;
      }

      // Anything else ends the word being read.
      if (wordLength > 0) {
        const exact = fmix32(wordHash);
        let loose = exact;
        if (wordIsNumber) {
          loose = Hash.NumberToken;
          sNumbers = Math.imul(sNumbers ^ exact, Hash.FnvPrime);
          spaceless = Math.imul(spaceless + Hash.NumberLetter, Hash.LetterPrime);
          addNumber(wordHash, wordLength);
        } else {
          spaceless = (Math.imul(spaceless, wordLength < LETTER_POWERS ? letterPowers[wordLength] : letterPower(wordLength)) + wordHash) | 0;
        }
        lastWordIsInitial = wordLength === 1 && !wordIsNumber;
        wordHash = 0;
        wordIsNumber = true;
        wordLength = 0;
        tokens++;
        if (tokens > 1) {
          if (tokens > scratch.length) growScratch();
          scratch[tokens - 2] = fmix32(Math.imul(prevToken, Hash.SeqPrimeA) ^ loose);
        }
        prevToken = loose;
        sLooseA = Math.imul(sLooseA ^ loose, Hash.FnvPrime);
        sLooseB = Math.imul(sLooseB ^ loose, Hash.SeqPrimeB) + 1;
      }

      // A space, no sentence end pending, and a word next: all the checks above would pass for its first character.
      if (k !== SPACE || pendingEnd >= 0 || sentenceStart < 0 || i === length) break;
      const c = text.charCodeAt(i);
      const next = kinds[c] as Kind;
      if (next !== WORD && next !== SYLLABLE) break;
      raw = c;
      k = next;
      at = i++;
      lastVisible = at;
    }
    // A word that ran into anything but a space goes on, or ends, with the next character.
    if (k === WORD || k === SYLLABLE) continue;

    if (k === DENSE) {
      // A dense run (Han, kana, Thai…): each character is a bigram token with the one before. The
      // run's next characters are read here, in a tight loop: in Chinese text nearly every one is.
      // A token is emitted as a word's is above, written out again: sent back through the outer
      // loop to share that code, dense text made `analyze` 3 % slower.
      let prev = prevDense;
      let g = raw + folds[raw];
      for (;;) {
        // Thai, Lao, Khmer and Myanmar letters are letters of words; Han and kana (from U+3000) nearly words.
        weight += g >= 0x3000 ? CJK_CHAR_WEIGHT : 1;
        spaceless = Math.imul(spaceless + g, Hash.LetterPrime);
        if (prev >= 0) {
          // A bigram has no number in it: it is the same token loose and exact.
          const token = denseBigram(prev, g);
          tokens++;
          if (tokens > 1) {
            if (tokens > scratch.length) growScratch();
            scratch[tokens - 2] = fmix32(Math.imul(prevToken, Hash.SeqPrimeA) ^ token);
          }
          prevToken = token;
          sLooseA = Math.imul(sLooseA ^ token, Hash.FnvPrime);
          sLooseB = Math.imul(sLooseB ^ token, Hash.SeqPrimeB) + 1;
          lastWordIsInitial = false;
        }
        prev = g;
        // A ligature's characters come one at a time from the outer loop, which also settles a pending sentence end.
        if (pendingAt < pending.length || i === length || pendingEnd >= 0) break;
        const next = text.charCodeAt(i);
        if (kinds[next] !== DENSE) break;
        g = next + folds[next];
        lastVisible = i++;
      }
      prevDense = prev;
    } else {
      if (pendingEnd < 0) {
        if (k === SEPARATOR && (isTerminator(raw + folds[raw]) || (mayStandIn(raw) && endsWithStandIn(text, at, raw)))) {
          pendingEnd = at + 1;
          terminatorAt = at;
          terminatorIsDot = raw === 0x2e || raw === 0xff0e;
          spaceEnd = false;
        } else if (k === SPACE && endsSentenceWithSpace(prevDense) && tokens - sentenceFirstToken >= SPACED_SENTENCE_TOKENS) {
          pendingEnd = at;
          terminatorIsDot = false;
          spaceEnd = true;
        }
      }
      // Han, kana and Hangul bigrams span spaces: a copy spaced otherwise ("경제 대책", "经济 政策") is the same text.
      if (k === SPACE && prevDense >= 0x3000 && i < length && spanned(text.charCodeAt(i))) continue;
      prevDense = -1;
    }
  }
  const sentenceTokens = tokens - sentenceFirstToken;
  // A lone dense character still needs a token, though not as one of its sentence's.
  if (prevDense >= 0 && tokens === 0) {
    tokens = 1;
    sLooseA = Math.imul(sLooseA ^ prevDense, Hash.FnvPrime);
    sLooseB = Math.imul(sLooseB ^ prevDense, Hash.SeqPrimeB) + 1;
  }
  if (sentenceStart >= 0) {
    let end = pendingEnd >= 0 ? pendingEnd : lastVisible + 1;
    // Marks the fold drops still belong to the letter they sit on: a range ending before the last one would split it.
    while (pendingEnd < 0 && end < length && kinds[text.charCodeAt(end)] === DROP) end++;
    endSentence(sentenceStart, end, sentenceTokens, sLooseA, sLooseB, sNumbers);
  }

  // Every token after the first made a shingle (the lone dense one above made none).
  let nShingles = tokens > 1 ? tokens - 1 : 0;
  // Short blocks have few bigrams, so single words are fingerprinted as well.
  if (tokens < SHORT_BLOCK_TOKENS) nShingles = addUnigrams(text, nShingles);

  return recordAnalysis(weight, tokens, nShingles, spaceless);
}

/**
 * The Analysis of the block `analyze` has just read, from the scratch state. A function of its own: in
 * `analyze`, V8's inlining budget went to the loop's helpers, and the calls here, the constructor's
 * included, stayed calls (1-1.5 % of `analyze`'s instructions).
 */
function recordAnalysis(weight: number, tokens: number, nShingles: number, spaceless: number): Analysis {
  const words = copyIntoSlab(scratch, 0, nShingles);
  const firstShingle = slab.firstUint32;
  const fingerprint = simhash(scratch, nShingles);
  const record = slab.float64(Field.FirstSentence + sentenceCount * SentenceField.Fields);
  const first = slab.firstFloat64;
  record[first + Field.LooseKey] = key53(spaceless, weight - numberLanes[NumberLane.Digits]);
  record[first + Field.ExactKey] = key53(spaceless ^ numberLanes[NumberLane.Hash], weight);
  record[first + Field.AnchorCount] = writeSmallestDistinct(nShingles, record, first + Field.FirstAnchor);
  record[first + Field.SentenceCount] = sentenceCount;
  record.set(sentenceScratch.subarray(0, sentenceCount * SentenceField.Fields), first + Field.FirstSentence);
  return new Analysis(weight, tokens, nShingles, words, firstShingle, fingerprint, record, first);
}

/** The Analysis the WebAssembly pass left in its memory, copied out into the slab as `recordAnalysis` copies its scratch. */
function recordWasmAnalysis(found: WasmAnalysis): Analysis {
  const length = Field.FirstSentence + found.sentenceCount * SentenceField.Fields;
  // The module leaves the record right after the shingles, 8-aligned: one run to carve and copy.
  const from = found.firstShingle;
  const recordWords = 2 * found.firstRecord - from;
  const words = slab.run(4 * recordWords + 8 * length);
  const at = slab.firstUint32;
  words.set(found.words.subarray(from, from + recordWords + 2 * length), at);
  const fingerprint = new SimHash64(found.hi, found.lo);
  return new Analysis(found.weight, found.tokens, found.shingleCount, words, at, fingerprint, slab.runDoubles, (at + recordWords) >> 1);
}

/** The 64-bit SimHash of `text`'s shingles. */
export function fingerprint(text: string): Fingerprint {
  return analyze(text).fingerprint;
}

/** `text`'s shingle hashes, sorted, repeats kept. */
export function shingles(text: string): Uint32Array {
  return sortShingles(analyze(text).shingles());
}

/**
 * Sorts `analysis.shingles()` in place for verification, and returns it. Not part of `analyze`,
 * because sorting was its largest cost and many blocks are never verified against another.
 */
export function sortShingles(shingles: Uint32Array): Uint32Array {
  const n = shingles.length;
  if (scratch.length < n) scratch = new Uint32Array(n);
  scratch.set(shingles);
  bucketSort(n, shingles);
  return shingles;
}

/**
 * Copies `n` hashes of `source` from `from` on into the slab: to the returned array from index
 * `slab.firstUint32` on. With `set`, a native copy: as a loop it took about 35 instructions a hash, 5 % of `analyze`.
 */
function copyIntoSlab(source: Uint32Array, from: number, n: number): Uint32Array {
  const words = slab.uint32(n);
  words.set(source.subarray(from, from + n), slab.firstUint32);
  return words;
}

/** Above every uint32: an empty place among the smallest values. */
const NONE = 2 ** 32;

/**
 * Writes the `Field.Anchors` smallest distinct values among the first `n` scratch hashes to `out` from
 * `at`, ascending, and returns how many there are: a bottom-k sketch. Blocks with Jaccard J share
 * their smallest shingle with probability J, so with four a near copy almost always shares one.
 * Four locals, not an array: nearly every value fails the first comparison, and this runs per block.
 */
function writeSmallestDistinct(n: number, out: Float64Array, at: number): number {
  let a = NONE, b = NONE, c = NONE, d = NONE;
  for (let i = 0; i < n; i++) {
    const v = scratch[i];
    if (v >= d || v === a || v === b || v === c) continue;
    if (v < c) {
      d = c;
      if (v < b) {
        c = b;
        if (v < a) {
          b = a;
          a = v;
        } else b = v;
      } else c = v;
    } else d = v;
  }
  out[at] = a;
  out[at + 1] = b;
  out[at + 2] = c;
  out[at + 3] = d;
  return d !== NONE ? 4 : c !== NONE ? 3 : b !== NONE ? 2 : a !== NONE ? 1 : 0;
}

/**
 * The block's keys are its spaceless hash and its weight, which no spacing changes either: for the
 * loose key, numbers count as one stand-in letter and not at all in the weight; for the exact one,
 * their hashes, chained, are mixed in. Numbers are rare, so what only they need is kept out of the
 * loop's variables.
 */
const numberLanes = new Int32Array(2);
const enum NumberLane {
  Hash = 0,
  Digits = 1,
}

function resetNumberLanes(): void {
  numberLanes[NumberLane.Hash] = Hash.FnvOffset;
  numberLanes[NumberLane.Digits] = 0;
}

function addNumber(hash: number, digits: number): void {
  numberLanes[NumberLane.Hash] = Math.imul(numberLanes[NumberLane.Hash] ^ hash, Hash.FnvPrime);
  numberLanes[NumberLane.Digits] += digits;
}

/** LetterPrime to the power of a word's length, for words of up to 63 letters; `letterPower` for longer ones. */
const LETTER_POWERS = 64;
const letterPowers = new Int32Array(LETTER_POWERS);
letterPowers[0] = 1;
for (let n = 1; n < LETTER_POWERS; n++) letterPowers[n] = Math.imul(letterPowers[n - 1], Hash.LetterPrime);

function letterPower(n: number): number {
  let power = 1;
  for (; n >= LETTER_POWERS; n -= LETTER_POWERS - 1) power = Math.imul(power, letterPowers[LETTER_POWERS - 1]);
  return Math.imul(power, letterPowers[n]);
}

/** The sentences of the block being analysed, `SentenceField.Fields` numbers each; reused across calls. */
let sentenceScratch = new Float64Array(16 * SentenceField.Fields);
let sentenceCount = 0;

/**
 * Records a sentence. Its exact key is its loose one with its numbers' hash mixed in: the same for a
 * sentence without numbers, and for two sentences only when their words and numbers are the same.
 */
function endSentence(start: number, end: number, tokens: number, looseA: number, looseB: number, numbers: number): void {
  let at = sentenceCount * SentenceField.Fields;
  if (at === sentenceScratch.length) sentenceScratch = grown(sentenceScratch, sentenceScratch.length * 2);
  sentenceScratch[at++] = start;
  sentenceScratch[at++] = end;
  sentenceScratch[at++] = tokens;
  sentenceScratch[at++] = key53(looseA, looseB);
  sentenceScratch[at] = key53(looseA ^ numbers, looseB ^ fmix32(numbers));
  sentenceCount++;
}

function addUnigrams(text: string, n: number): number {
  let hash = Hash.FnvOffset;
  let inWord = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    // Past the end counts as a space, so the last word is flushed too.
    const k = i < text.length ? (kind[c] as Kind) : Kind.Space;
    if (k === Kind.Drop) continue;
    if (k === Kind.Word || k === Kind.Dense || k === Kind.Syllable) {
      hash = Math.imul(hash ^ (c + foldOffset[c]), Hash.FnvPrime);
      inWord = true;
    } else if (k === Kind.Jamo) {
      const composed = composeJamo(text, i, text.length);
      hash = Math.imul(hash ^ (composed >> 2), Hash.FnvPrime);
      i += (composed & 3) - 1;
      inWord = true;
    } else if (k === Kind.Expand) {
      const out = expansion.get(c)!;
      for (let j = 0; j < out.length; j++) hash = Math.imul(hash ^ out.charCodeAt(j), Hash.FnvPrime);
      inWord = true;
    } else {
      if (inWord) {
        if (n === scratch.length) growScratch();
        scratch[n++] = fmix32(fmix32(hash) ^ Hash.UnigramSeed);
      }
      hash = Hash.FnvOffset;
      inWord = false;
    }
  }
  return n;
}

const SLAB_BYTES = 16384;

/**
 * The arrays an analysis keeps are carved out of shared 16 KB buffers: a typed array with its own
 * buffer costs more to allocate than analysing a paragraph. A buffer is freed once no array in it is alive.
 */
class Slab {
  private buffer = new ArrayBuffer(SLAB_BYTES);
  /** All of `buffer` as doubles and as words: runs are handed out as an index into these, with no array of their own. */
  private doubles = new Float64Array(this.buffer);
  private words = new Uint32Array(this.buffer);
  private used = 0;
  /** Where the run of the last `float64` call starts in the array it returned. */
  firstFloat64 = 0;
  /** Where the run of the last `uint32` or `run` call starts in the array it returned. */
  firstUint32 = 0;
  /** The doubles of the last `run` call's buffer. */
  runDoubles = this.doubles;

  /** An array holding `n` fresh words from index `firstUint32` on. */
  uint32(n: number): Uint32Array {
    const bytes = n * 4;
    if (bytes > SLAB_BYTES / 4) {
      this.firstUint32 = 0;
      return new Uint32Array(n);
    }
    this.firstUint32 = this.carve(bytes) >> 2;
    return this.words;
  }

  /**
   * `bytes` fresh bytes, a multiple of 8, from index `firstUint32` on in the array returned, and in
   * `runDoubles` from `firstUint32 / 2` on: words and doubles in one run.
   */
  run(bytes: number): Uint32Array {
    if (bytes > SLAB_BYTES / 4) {
      const buffer = new ArrayBuffer(bytes);
      this.runDoubles = new Float64Array(buffer);
      this.firstUint32 = 0;
      return new Uint32Array(buffer);
    }
    this.firstUint32 = this.carve(bytes) >> 2;
    this.runDoubles = this.doubles;
    return this.words;
  }

  /** An array holding `n` fresh doubles from index `firstFloat64` on. */
  float64(n: number): Float64Array {
    const bytes = n * 8;
    if (bytes > SLAB_BYTES / 4) {
      this.firstFloat64 = 0;
      return new Float64Array(n);
    }
    // A shift, not a division: the field stays a small integer, where a quotient made it a double.
    this.firstFloat64 = this.carve(bytes) >> 3;
    return this.doubles;
  }

  /** The offset of `bytes` fresh bytes, 8-aligned so any typed array may start there; it may start a new buffer, so read `buffer` after. */
  private carve(bytes: number): number {
    const size = (bytes + 7) & ~7;
    if (this.used + size > SLAB_BYTES) {
      this.buffer = new ArrayBuffer(SLAB_BYTES);
      this.doubles = new Float64Array(this.buffer);
      this.words = new Uint32Array(this.buffer);
      this.used = 0;
    }
    const at = this.used;
    this.used += size;
    return at;
  }
}

const slab = new Slab();

/** Bucket counts for `bucketSort`, one more than the most buckets it uses. */
const bucketStarts = new Int32Array((1 << MAX_BUCKET_BITS) + 1);

/**
 * Sorts the first `n` scratch hashes into `out`. The hashes are uniform, so spreading them
 * over about n buckets by their top bits leaves each bucket nearly empty, and one insertion pass
 * finishes the job: no comparison sort's unpredictable branches, which dominated the profile.
 */
function bucketSort(n: number, out: Uint32Array): void {
  const bits = Math.min(MAX_BUCKET_BITS, 32 - Math.clz32(n));
  const shift = 32 - bits;
  const buckets = 1 << bits;
  bucketStarts.fill(0, 0, buckets + 1);
  for (let r = 0; r < n; r++) bucketStarts[(scratch[r] >>> shift) + 1]++;
  for (let b = 0; b < buckets; b++) bucketStarts[b + 1] += bucketStarts[b];
  for (let r = 0; r < n; r++) {
    const v = scratch[r];
    out[bucketStarts[v >>> shift]++] = v;
  }
  for (let i = 1; i < n; i++) {
    const v = out[i];
    let j = i - 1;
    if (out[j] <= v) continue;
    while (j >= 0 && out[j] > v) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = v;
  }
}
