import { expansion, folded, isWhitespace, kind, Kind, prepareTable } from './charTable';
import { fmix32, key53 } from './hash';
import { CJK_CHAR_WEIGHT, SHORT_BLOCK_TOKENS } from './thresholds';

/** One sentence of a block: a range of the original text and the hashes of its normalised tokens. */
export interface Sentence {
  start: number;
  end: number;
  tokens: number;
  /** Hash of the token sequence with every number counted as the same token. */
  looseKey: number;
  /** Hash of the token sequence, numbers included. */
  exactKey: number;
}

export interface Analysis {
  /** Letters and digits, with dense-script characters weighted: the length the minimum applies to. */
  weight: number;
  tokens: number;
  /** Sorted, distinct shingle hashes: the set that SimHash summarises and verification compares. */
  features: Uint32Array;
  looseKey: number;
  exactKey: number;
  sentences: Sentence[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Every number hashes to this token: digits are what syndicated copies update (dates, tolls, scores). */
const NUMBER_TOKEN = 0x5bd1e995;
const UNIGRAM_SEED = 0x27d4eb2f;
const SEQ_PRIME_A = 0x9e3779b1;
const SEQ_PRIME_B = 0x85ebca77;

const TERMINATORS = new Set([0x2e, 0x21, 0x3f, 0x61f, 0x6d4, 0x3002, 0xff01, 0xff0e, 0xff1f, 0x2026, 0x203c, 0x2047, 0x2048, 0x2049]);
const CLOSERS = new Set([0x22, 0x27, 0x29, 0x5d, 0x7d, 0xbb, 0x2019, 0x201d, 0x203a, 0x300d, 0x300f, 0xff09]);

let scratch = new Uint32Array(1024);

function pushFeature(n: number, f: number): number {
  if (n === scratch.length) {
    const bigger = new Uint32Array(scratch.length * 2);
    bigger.set(scratch);
    scratch = bigger;
  }
  scratch[n] = f;
  return n + 1;
}

function distinctSorted(n: number): Uint32Array {
  const sorted = scratch.slice(0, n).sort();
  let w = 0;
  for (let r = 0; r < n; r++) if (r === 0 || sorted[r] !== sorted[r - 1]) sorted[w++] = sorted[r];
  return sorted.slice(0, w);
}

/**
 * One pass over the text's char codes: normalises through the character table, cuts words
 * (or character bigrams in scripts without spaces), hashes word-bigram shingles, and finds
 * sentence boundaries, all with offsets into the original text.
 */
export function analyze(text: string): Analysis {
  prepareTable(text);
  let nFeatures = 0;
  let tokens = 0;
  let weight = 0;
  const sentences: Sentence[] = [];

  // The word being read.
  let inWord = false;
  let wordHash = FNV_OFFSET;
  let wordIsNumber = true;
  let wordLength = 0;
  let lastWordLength = 0;
  let lastWordIsLetter = false;
  // The previous dense character, for bigrams; -1 when the dense run was broken.
  let prevDense = -1;
  let prevToken = 0;
  let havePrevToken = false;

  let looseA = FNV_OFFSET, looseB = FNV_OFFSET, exactA = FNV_OFFSET, exactB = FNV_OFFSET;
  let sLooseA = FNV_OFFSET, sLooseB = FNV_OFFSET, sExactA = FNV_OFFSET, sExactB = FNV_OFFSET;
  let sentenceTokens = 0;
  let sentenceStart = -1;
  let lastVisible = -1;
  // After a terminator: where the sentence would end, and whether the boundary is a dot.
  let pendingEnd = -1;
  let terminatorAt = -1;
  let terminatorIsDot = false;

  const emitToken = (loose: number, exact: number) => {
    tokens++;
    sentenceTokens++;
    if (havePrevToken) nFeatures = pushFeature(nFeatures, fmix32(Math.imul(prevToken, SEQ_PRIME_A) ^ loose));
    prevToken = loose;
    havePrevToken = true;
    looseA = Math.imul(looseA ^ loose, FNV_PRIME);
    looseB = Math.imul(looseB ^ loose, SEQ_PRIME_B) + 1;
    exactA = Math.imul(exactA ^ exact, FNV_PRIME);
    exactB = Math.imul(exactB ^ exact, SEQ_PRIME_B) + 1;
    sLooseA = Math.imul(sLooseA ^ loose, FNV_PRIME);
    sLooseB = Math.imul(sLooseB ^ loose, SEQ_PRIME_B) + 1;
    sExactA = Math.imul(sExactA ^ exact, FNV_PRIME);
    sExactB = Math.imul(sExactB ^ exact, SEQ_PRIME_B) + 1;
  };

  const endWord = () => {
    if (!inWord) return;
    const exact = fmix32(wordHash);
    emitToken(wordIsNumber ? NUMBER_TOKEN : exact, exact);
    lastWordLength = wordLength;
    lastWordIsLetter = !wordIsNumber;
    inWord = false;
    wordHash = FNV_OFFSET;
    wordIsNumber = true;
    wordLength = 0;
  };

  const closeSentence = (end: number) => {
    if (sentenceStart >= 0) {
      sentences.push({
        start: sentenceStart,
        end,
        tokens: sentenceTokens,
        looseKey: key53(sLooseA, sLooseB),
        exactKey: key53(sExactA, sExactB),
      });
    }
    sentenceStart = -1;
    sentenceTokens = 0;
    sLooseA = sLooseB = sExactA = sExactB = FNV_OFFSET;
  };

  // Decides a pending boundary when the next visible character arrives.
  const settleBoundary = (c: number, at: number, k: Kind) => {
    if (at === pendingEnd && (TERMINATORS.has(c) || CLOSERS.has(c))) {
      pendingEnd = at + 1; // "?!", "..." and closing quotes belong to the sentence
      return;
    }
    const initial = terminatorIsDot && lastWordLength === 1 && lastWordIsLetter; // "U.S.", "J. Smith"
    const decimal = terminatorIsDot && at === terminatorAt + 1 && c >= 48 && c <= 57; // "3.5"
    const end = pendingEnd;
    pendingEnd = -1;
    if (initial || decimal || k === Kind.Drop) return;
    closeSentence(end);
  };

  const feed = (f: number, k: Kind, at: number, raw: number) => {
    if (k === Kind.Word) {
      if (prevDense >= 0) prevDense = -1;
      wordHash = Math.imul(wordHash ^ f, FNV_PRIME);
      if (f < 48 || f > 57) wordIsNumber = false;
      wordLength++;
      weight++;
      inWord = true;
      return;
    }
    if (k === Kind.Dense) {
      endWord();
      weight += CJK_CHAR_WEIGHT;
      if (prevDense >= 0) {
        const bigram = fmix32(Math.imul(prevDense, SEQ_PRIME_A) ^ f);
        emitToken(bigram, bigram);
        lastWordLength = 2;
        lastWordIsLetter = true;
      }
      prevDense = f;
      return;
    }
    // Separator.
    endWord();
    prevDense = -1;
    if (TERMINATORS.has(raw) && pendingEnd < 0) {
      pendingEnd = at + 1;
      terminatorAt = at;
      terminatorIsDot = raw === 0x2e || raw === 0xff0e;
    }
  };

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c] as Kind;
    if (k === Kind.Drop) continue;
    if (isWhitespace(c)) {
      endWord();
      prevDense = -1;
      continue;
    }
    if (pendingEnd >= 0) settleBoundary(c, i, k);
    if (sentenceStart < 0) sentenceStart = i;
    lastVisible = i;
    if (k === Kind.Expand) {
      const out = expansion.get(c)!;
      for (let j = 0; j < out.length; j++) {
        const e = out.charCodeAt(j);
        const ek = kind[e] as Kind;
        if (ek === Kind.Word || ek === Kind.Dense) feed(folded[e], ek, i, e);
        else if (ek !== Kind.Drop) feed(folded[e], Kind.Separator, i, e);
      }
    } else {
      feed(folded[c], k, i, c);
    }
  }
  endWord();
  if (sentenceStart >= 0) closeSentence(pendingEnd >= 0 ? pendingEnd : lastVisible + 1);
  // A lone dense character or a one-word block still needs a feature.
  if (prevDense >= 0 && tokens === 0) emitToken(prevDense, prevDense);

  // Short blocks have few bigrams, so single words are fingerprinted as well.
  if (tokens < SHORT_BLOCK_TOKENS) nFeatures = addUnigrams(text, nFeatures);

  return {
    weight,
    tokens,
    features: distinctSorted(nFeatures),
    looseKey: key53(looseA, looseB),
    exactKey: key53(exactA, exactB),
    sentences,
  };
}

function addUnigrams(text: string, n: number): number {
  let hash = FNV_OFFSET;
  let inWord = false;
  const flush = () => {
    if (inWord) n = pushFeature(n, fmix32(fmix32(hash) ^ UNIGRAM_SEED));
    hash = FNV_OFFSET;
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c] as Kind;
    if (k === Kind.Drop) continue;
    if (k === Kind.Word || k === Kind.Dense) {
      hash = Math.imul(hash ^ folded[c], FNV_PRIME);
      inWord = true;
    } else if (k === Kind.Expand) {
      const out = expansion.get(c)!;
      for (let j = 0; j < out.length; j++) hash = Math.imul(hash ^ out.charCodeAt(j), FNV_PRIME);
      inWord = true;
    } else {
      flush();
    }
  }
  flush();
  return n;
}
