// AssemblyScript: `analyzeInJavaScript` (../../analyze.ts) step for step, but for the SimHash's votes
// and the sketch, which use SIMD, so that both give the same analysis; tests/engine/wasm.test.ts
// compares them. `npm run generate:wasm` compiles it. Over a 10,000-paragraph page's text, in the
// page, it took about half the JavaScript pass's time in Firefox and Chromium, on the first pass and
// once warm. The host (../analyzer.ts) writes the text's code
// units at TEXT and the character table's decoded pages at KIND and FOLD, calls `analyze`, and reads
// what it wrote at OUT.

/** A byte per code unit: its Kind (../../table/kind.ts). Kind.Unbuilt until the host copies the page in. */
export const KIND: usize = 0x10000;
/** An i32 per code unit: the folding offset, or for Kind.Expand where its characters are in POOL (offset << 8 | length). */
export const FOLD: usize = 0x20000;
/** Code units of the expansions, in the order the host copied their pages: the table's hold 2,704. */
export const POOL: usize = 0x60000;
export const POOL_UNITS: i32 = 0x2000;
/** The SimHash's 32 vote planes, an i64 each: both halves counted at once. */
const PLANES: usize = 0x64000;
/** LETTER_PRIME to the power of 0 to 63, an i32 each: `letterPower`. */
const POWERS: usize = 0x64100;
const LETTER_POWERS: i32 = 64;
/** What an analysis leaves, as i32: weight, tokens, shingles, SimHash high and low, where the shingles and the record are, sentences. */
export const OUT: usize = 0x64200;
/** The block's numbers, after what OUT says: their hashes chained, and their digits (numberLanes in analyze.ts). */
const NUMBERS: usize = OUT + 32;
/** Vote planes of two counters side by side, a v128 each: `countVotes` counts two shingles at a time. */
const PAIR_PLANES: usize = 0x64400;
/** The text; after it the shingles, then the record. */
export const TEXT: usize = 0x64600;

/** An analysis that outgrew the room `bytesFor` gave it (expansions into many dense tokens, a sentence every few characters): the host runs it in JavaScript. */
export const TOO_BIG: i32 = -1;

const UNBUILT: i32 = 0, SEPARATOR: i32 = 1, WORD: i32 = 2, DENSE: i32 = 3, DROP: i32 = 4, EXPAND: i32 = 5, SPACE: i32 = 6, JAMO: i32 = 7, SYLLABLE: i32 = 8;
/** Unicode's arithmetic for Hangul syllables (`Hangul` in ../../table/kind.ts). */
const SYLLABLE_BASE: i32 = 0xac00, LEAD_BASE: i32 = 0x1100, LEADS: i32 = 19, VOWEL_BASE: i32 = 0x1161, VOWELS: i32 = 21, TRAIL_BASE: i32 = 0x11a7, TRAILS: i32 = 28;
const FNV_OFFSET: i32 = 0x811c9dc5, FNV_PRIME: i32 = 0x01000193, NUMBER_TOKEN: i32 = 0x5bd1e995;
const LETTER_PRIME: i32 = 0x01000193, NUMBER_LETTER: i32 = 0x2d1b5a49;
const UNIGRAM_SEED: i32 = 0x27d4eb2f, SEQ_A: i32 = 0x9e3779b1, SEQ_B: i32 = 0x85ebca77;
const SEED_HIGH: i32 = 0xa54ff53a;
const CJK_CHAR_WEIGHT: i32 = 2;
const SHORT_BLOCK_TOKENS: i32 = 4;
const SPACED_SENTENCE_TOKENS: i32 = 24;
/** Numbers in the record before its sentences: keys, counts, four anchors (Field in analyze.ts). */
const RECORD_HEAD: usize = 8;
const SENTENCE_FIELDS: usize = 5;

/** Bytes from TEXT that analysing `length` code units uses at most. */
export function bytesFor(length: i32): usize {
  return recordAt(length) + ((RECORD_HEAD + <usize>sentenceRoom(length) * SENTENCE_FIELDS) << 3) - TEXT;
}

// @ts-ignore: decorator
@inline function shingleRoom(length: i32): i32 {
  // A token per code unit at most, but for expansions; unigrams only when there are under four
  // tokens; and three words for `writeSmallestDistinct` to round the shingles up to whole v128.
  return length + 11;
}

// @ts-ignore: decorator
@inline function sentenceRoom(length: i32): i32 {
  // A sentence needs a terminator and a character after it: prose has one every 20 or more.
  return (length >> 3) + 4;
}

// @ts-ignore: decorator
@inline function shinglesAt(length: i32): usize {
  // Past the text, a code unit for the sentinel and a spare word for the first token's shingle.
  return (TEXT + (<usize>length << 1) + 13) & ~7;
}

// @ts-ignore: decorator
@inline function recordAt(length: i32): usize {
  // 8-aligned, as the host reads the record as doubles.
  return (shinglesAt(length) + (<usize>shingleRoom(length) << 2) + 7) & ~7;
}

// @ts-ignore: decorator
@inline function fmix32(h: i32): i32 {
  h ^= <i32>(<u32>h >> 16);
  h *= 0x85ebca6b;
  h ^= <i32>(<u32>h >> 13);
  h *= 0xc2b2ae35;
  return h ^ <i32>(<u32>h >> 16);
}

// @ts-ignore: decorator
@inline function kindOf(c: i32): i32 {
  return <i32>load<u8>(KIND + <usize>c);
}

// @ts-ignore: decorator
@inline function foldOf(c: i32): i32 {
  return load<i32>(FOLD + (<usize>c << 2));
}

// @ts-ignore: decorator
@inline function unitAt(at: usize, i: i32): i32 {
  return <i32>load<u16>(at + (<usize>i << 1));
}

/** composeJamo in ../../table/kind.ts: the syllable the jamo at `at` starts, shifted left by 2, or'ed with the units it takes. */
function composeJamo(text: usize, at: i32, end: i32): i32 {
  const c = unitAt(text, at);
  const lead = c - LEAD_BASE;
  const vowel = at + 1 < end ? unitAt(text, at + 1) - VOWEL_BASE : -1;
  if (lead < 0 || lead >= LEADS || vowel < 0 || vowel >= VOWELS) return (c << 2) | 1;
  const syllable = SYLLABLE_BASE + (lead * VOWELS + vowel) * TRAILS;
  const trail = at + 2 < end ? unitAt(text, at + 2) - TRAIL_BASE : 0;
  return trail > 0 && trail < TRAILS ? ((syllable + trail) << 2) | 3 : (syllable << 2) | 2;
}

function isTerminator(folded: i32): bool {
  return folded == 0x2e || folded == 0x21 || folded == 0x3f;
}

function isAsciiDigit(c: i32): bool {
  return c >= 48 && c <= 57;
}

function isCapital(c: i32): bool {
  if (c < 0x100) return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c != 0xd7);
  if (c <= 0x17f) return c == 0x178 || ((c & 1) == ((c >= 0x139 && c <= 0x148) || c >= 0x179 ? 1 : 0) && c != 0x138 && c != 0x149 && c != 0x17f);
  if (c >= 0x1e00 && c <= 0x1eff) return c == 0x1e9e || ((c & 1) == 0 && (c < 0x1e96 || c >= 0x1ea0));
  return (c >= 0x391 && c <= 0x3ab) || (c >= 0x400 && c <= 0x42f) || (c >= 0x531 && c <= 0x556);
}

function isCloser(c: i32): bool {
  switch (c) {
    case 0x22: case 0x27: case 0x29: case 0x5d: case 0x7d: case 0xbb: case 0x2019: case 0x201d: case 0x203a: case 0x300d:
    case 0x300f: case 0xff09:
      return true;
  }
  return false;
}

/**
 * endsWithStandIn in analyze.ts: Greek's `;`, Armenian's `:`, Amharic's `::` and the danda's `|`,
 * each after a letter of its script.
 */
function endsWithStandIn(at: i32, raw: i32): bool {
  let j = at - 1;
  while (j >= 0 && <u32>(unitAt(TEXT, j) - 0x0300) <= 0x6f) j--;
  const c = j >= 0 ? unitAt(TEXT, j) : 0;
  if (raw == 0x3b) return <u32>(c - 0x0370) <= 0x8f || <u32>(c - 0x1f00) <= 0xff;
  if (raw == 0x7c) return <u32>(c - 0x0900) <= 0x4ff;
  return <u32>(c - 0x0531) <= 0x56 || (<u32>(c - 0x1200) <= 0x19f && unitAt(TEXT, at + 1) == 0x3a);
}

/** mayStandIn in analyze.ts: `;`, `:` or `|`. */
// @ts-ignore: decorator
@inline function mayStandIn(raw: i32): bool {
  return raw == 0x3b || raw == 0x3a || raw == 0x7c;
}

/** endsSentenceWithSpace in analyze.ts: Thai and Lao end a sentence with a space. */
// @ts-ignore: decorator
@inline function endsSentenceWithSpace(c: i32): bool {
  return <u32>(c - 0x0e00) <= 0xff;
}

/** key53 in hash.ts: two 32-bit hashes as one safe integer. */
// @ts-ignore: decorator
@inline function key53(a: i32, b: i32): f64 {
  return <f64>(<u32>a) * 2097152.0 + <f64>(b & 0x1fffff);
}

let shingles: usize = 0;
let shingleEnd: usize = 0;
let record: usize = 0;
let sentenceCount: i32 = 0;
let sentenceLimit: i32 = 0;

/** Records a sentence; false when there is no room left. */
function endSentence(start: i32, end: i32, tokens: i32, looseA: i32, looseB: i32, numbers: i32): bool {
  if (sentenceCount == sentenceLimit) return false;
  const at = record + ((RECORD_HEAD + <usize>sentenceCount * SENTENCE_FIELDS) << 3);
  store<f64>(at, <f64>start);
  store<f64>(at, <f64>end, 8);
  store<f64>(at, <f64>tokens, 16);
  store<f64>(at, key53(looseA, looseB), 24);
  store<f64>(at, key53(looseA ^ numbers, looseB ^ fmix32(numbers)), 32);
  sentenceCount++;
  return true;
}

store<i32>(POWERS, 1);
for (let n: usize = 1; n < <usize>LETTER_POWERS; n++) store<i32>(POWERS + (n << 2), load<i32>(POWERS + ((n - 1) << 2)) * LETTER_PRIME);

/** letterPower in analyze.ts: LETTER_PRIME to the power of `n`. */
function letterPower(n: i32): i32 {
  let power: i32 = 1;
  for (; n >= LETTER_POWERS; n -= LETTER_POWERS - 1) power *= load<i32>(POWERS + (<usize>(LETTER_POWERS - 1) << 2));
  return power * load<i32>(POWERS + (<usize>n << 2));
}

/**
 * Analyses the `length` code units at TEXT, as `analyze` does. Returns 0 when done, TOO_BIG, or the
 * page + 1 of a code unit whose table page is not in yet: the host decodes it and calls again.
 */
export function analyze(length: i32): i32 {
  const text = TEXT;
  shingles = shinglesAt(length);
  // The sketch's three words of padding stay free.
  shingleEnd = shingles + (<usize>(shingleRoom(length) - 3) << 2);
  record = recordAt(length);
  sentenceCount = 0;
  sentenceLimit = sentenceRoom(length);
  // A sentinel after the text, of no kind that continues a word or a dense run: those loops then need no length check.
  store<u16>(text + (<usize>length << 1), 0);
  let tokens: i32 = 0;
  let weight: i32 = 0;
  let wordHash: i32 = 0;
  let wordIsNumber = true;
  let wordLength: i32 = 0;
  let lastWordIsInitial = false;
  let prevDense: i32 = -1;
  let prevToken: i32 = 0;
  let sLooseA: i32 = FNV_OFFSET, sLooseB: i32 = FNV_OFFSET, sNumbers: i32 = 0;
  let spaceless: i32 = 0;
  store<i32>(NUMBERS, FNV_OFFSET);
  store<i32>(NUMBERS, 0, 4);
  let sentenceFirstToken: i32 = 0;
  let sentenceStart: i32 = -1;
  let lastVisible: i32 = -1;
  let pendingEnd: i32 = -1;
  let terminatorAt: i32 = -1;
  let terminatorIsDot = false;
  let spaceEnd = false;
  let pending: usize = 0;
  let pendingLength: i32 = 0;
  let pendingAt: i32 = 0;
  // Where the next shingle goes, checked against the room there is. It starts a word early: the
  // first token makes no shingle, and writing one to the spare word costs less than a test per token.
  let next: usize = shingles - 4;

  let i: i32 = 0;
  for (;;) {
    let raw: i32 = 0;
    let k: i32 = 0;
    let at: i32 = 0;
    if (pendingAt < pendingLength) {
      raw = unitAt(pending, pendingAt);
      pendingAt++;
      k = kindOf(raw);
      at = i - 1;
      if (k == DROP) continue;
      if (k == WORD || k == JAMO || k == SYLLABLE) {
        const f = raw + foldOf(raw);
        prevDense = -1;
        wordHash = (wordHash + f) * LETTER_PRIME;
        if (<u32>(f - 48) > 9) wordIsNumber = false;
        wordLength++;
        weight += k == SYLLABLE ? CJK_CHAR_WEIGHT : 1;
        continue;
      }
      if (k != DENSE) k = SEPARATOR;
    } else if (i < length) {
      raw = unitAt(text, i);
      k = kindOf(raw);
      at = i++;
      if (k == UNBUILT) return (raw >>> 8) + 1;
      if (k == DROP) continue;
      if (k != SPACE) {
        if (pendingEnd >= 0) {
          if (at == pendingEnd && (isTerminator(raw + foldOf(raw)) || isCloser(raw) || ((raw == 0x3a || raw == 0x7c) && unitAt(text, at - 1) == raw))) {
            pendingEnd = at + 1;
          } else {
            const initial = terminatorIsDot && lastWordIsInitial && !(isCapital(raw) && !(at == terminatorAt + 1 && at + 1 < length && unitAt(text, at + 1) == 0x2e));
            const before = terminatorAt > 0 ? unitAt(text, terminatorAt - 1) : 32;
            const kindBefore = kindOf(before);
            const letterBefore = !isAsciiDigit(before) && (kindBefore == WORD || kindBefore == DENSE || kindBefore == EXPAND || kindBefore == JAMO || kindBefore == SYLLABLE);
            const decimal = terminatorIsDot && at == terminatorAt + 1 && isAsciiDigit(raw) && !letterBefore;
            const midSentence = spaceEnd && (k == WORD || !endsSentenceWithSpace(raw));
            if (!initial && !decimal && !midSentence) {
              if (sentenceStart >= 0) {
                if (!endSentence(sentenceStart, pendingEnd, tokens - sentenceFirstToken, sLooseA, sLooseB, sNumbers)) return TOO_BIG;
              }
              sentenceStart = -1;
              sentenceFirstToken = tokens;
              sLooseA = sLooseB = FNV_OFFSET;
              sNumbers = 0;
            }
            pendingEnd = -1;
          }
        }
        if (sentenceStart < 0) sentenceStart = at;
        lastVisible = at;
        if (k == EXPAND) {
          const e = foldOf(raw);
          pending = POOL + (<usize>(e >>> 8) << 1);
          pendingLength = e & 0xff;
          pendingAt = 0;
          continue;
        }
        if (k == JAMO) {
          const composed = composeJamo(text, at, length);
          i = at + (composed & 3);
          lastVisible = i - 1;
          if ((composed & 3) > 1) {
            raw = composed >> 2;
            k = DENSE;
          } else {
            prevDense = -1;
            wordHash = (wordHash + (composed >> 2)) * LETTER_PRIME;
            wordIsNumber = false;
            wordLength++;
            weight++;
            continue;
          }
        }
      }
    } else if (wordLength > 0) {
      raw = 32;
      k = SPACE;
      at = length;
    } else {
      break;
    }

    for (;;) {
      if (k == WORD) {
        let h = wordHash;
        let isNumber = wordIsNumber;
        let f = raw + foldOf(raw);
        // A pointer, not an index: one instruction less per letter.
        let from = text + (<usize>i << 1);
        let stop: i32 = -1;
        for (;;) {
          h = (h + f) * LETTER_PRIME;
          if (<u32>(f - 48) > 9) isNumber = false;
          stop = <i32>load<u16>(from);
          if (kindOf(stop) != WORD) break;
          f = stop + foldOf(stop);
          from += 2;
        }
        const end = <i32>((from - text) >> 1);
        wordHash = h;
        wordIsNumber = isNumber;
        wordLength += end - at;
        weight += end - at;
        lastVisible = end - 1;
        prevDense = -1;
        i = end;
        if (stop != 32) break;
        raw = 32;
        k = SPACE;
        at = end;
        i = end + 1;
      } else if (k == SYLLABLE) {
        // As the JavaScript pass: the word loop again, each letter counting double.
        let h = wordHash;
        let f = raw + foldOf(raw);
        let from = text + (<usize>i << 1);
        let stop: i32 = -1;
        for (;;) {
          h = (h + f) * LETTER_PRIME;
          stop = <i32>load<u16>(from);
          if (kindOf(stop) != SYLLABLE) break;
          f = stop + foldOf(stop);
          from += 2;
        }
        const end = <i32>((from - text) >> 1);
        wordHash = h;
        wordIsNumber = false;
        wordLength += end - at;
        weight += CJK_CHAR_WEIGHT * (end - at);
        lastVisible = end - 1;
        prevDense = -1;
        i = end;
        if (stop != 32) break;
        raw = 32;
        k = SPACE;
        at = end;
        i = end + 1;
      }

      if (wordLength > 0) {
        const exact = fmix32(wordHash);
        let loose = exact;
        if (wordIsNumber) {
          loose = NUMBER_TOKEN;
          sNumbers = (sNumbers ^ exact) * FNV_PRIME;
          spaceless = (spaceless + NUMBER_LETTER) * LETTER_PRIME;
          store<i32>(NUMBERS, (load<i32>(NUMBERS) ^ wordHash) * FNV_PRIME);
          store<i32>(NUMBERS, load<i32>(NUMBERS, 4) + wordLength, 4);
        } else {
          spaceless = spaceless * (wordLength < LETTER_POWERS ? load<i32>(POWERS + (<usize>wordLength << 2)) : letterPower(wordLength)) + wordHash;
        }
        lastWordIsInitial = wordLength == 1 && !wordIsNumber;
        wordHash = 0;
        wordIsNumber = true;
        wordLength = 0;
        tokens++;
        if (next == shingleEnd) return TOO_BIG;
        store<i32>(next, fmix32((prevToken * SEQ_A) ^ loose));
        next += 4;
        prevToken = loose;
        sLooseA = (sLooseA ^ loose) * FNV_PRIME;
        sLooseB = (sLooseB ^ loose) * SEQ_B + 1;
      }

      if (k != SPACE || pendingEnd >= 0 || sentenceStart < 0) break;
      const c = unitAt(text, i);
      const next = kindOf(c);
      if (next != WORD && next != SYLLABLE) break;
      raw = c;
      k = next;
      at = i++;
      lastVisible = at;
    }
    if (k == WORD || k == SYLLABLE) continue;

    if (k == DENSE) {
      let prev = prevDense;
      let g = raw + foldOf(raw);
      for (;;) {
        weight += g >= 0x3000 ? CJK_CHAR_WEIGHT : 1;
        spaceless = (spaceless + g) * LETTER_PRIME;
        if (prev >= 0) {
          const token = (prev << 16) | g;
          tokens++;
          if (next == shingleEnd) return TOO_BIG;
          store<i32>(next, fmix32((prevToken * SEQ_A) ^ token));
          next += 4;
          prevToken = token;
          sLooseA = (sLooseA ^ token) * FNV_PRIME;
          sLooseB = (sLooseB ^ token) * SEQ_B + 1;
          lastWordIsInitial = false;
        }
        prev = g;
        if (pendingAt < pendingLength || pendingEnd >= 0) break;
        const c = unitAt(text, i);
        if (kindOf(c) != DENSE) break;
        g = c + foldOf(c);
        lastVisible = i++;
      }
      prevDense = prev;
    } else {
      if (pendingEnd < 0) {
        if (k == SEPARATOR && (isTerminator(raw + foldOf(raw)) || (mayStandIn(raw) && endsWithStandIn(at, raw)))) {
          pendingEnd = at + 1;
          terminatorAt = at;
          terminatorIsDot = raw == 0x2e || raw == 0xff0e;
          spaceEnd = false;
        } else if (k == SPACE && endsSentenceWithSpace(prevDense) && tokens - sentenceFirstToken >= SPACED_SENTENCE_TOKENS) {
          pendingEnd = at;
          terminatorIsDot = false;
          spaceEnd = true;
        }
      }
      // Han, kana and Hangul bigrams span spaces.
      if (k == SPACE && prevDense >= 0x3000 && i < length) {
        const c = unitAt(text, i);
        const after = kindOf(c);
        if (after == UNBUILT) return (c >>> 8) + 1;
        if (after == SPACE || after == DROP || after == JAMO || (after == DENSE && c + foldOf(c) >= 0x3000)) continue;
      }
      prevDense = -1;
    }
  }
  const sentenceTokens = tokens - sentenceFirstToken;
  if (prevDense >= 0 && tokens == 0) {
    tokens = 1;
    sLooseA = (sLooseA ^ prevDense) * FNV_PRIME;
    sLooseB = (sLooseB ^ prevDense) * SEQ_B + 1;
  }
  if (sentenceStart >= 0) {
    let end = pendingEnd >= 0 ? pendingEnd : lastVisible + 1;
    while (pendingEnd < 0 && end < length && kindOf(unitAt(text, end)) == DROP) end++;
    if (!endSentence(sentenceStart, end, sentenceTokens, sLooseA, sLooseB, sNumbers)) return TOO_BIG;
  }
  let n: i32 = tokens > 1 ? tokens - 1 : 0;
  if (tokens < SHORT_BLOCK_TOKENS) {
    n = addUnigrams(length, n);
    if (n < 0) return TOO_BIG;
  }

  store<f64>(record, key53(spaceless, weight - load<i32>(NUMBERS, 4)));
  store<f64>(record, key53(spaceless ^ load<i32>(NUMBERS), weight), 8);
  store<f64>(record, <f64>writeSmallestDistinct(<usize>n), 16);
  store<f64>(record, <f64>sentenceCount, 24);
  countVotes(<usize>n);
  const fingerprint = majority(n);
  store<i32>(OUT, weight);
  store<i32>(OUT, tokens, 4);
  store<i32>(OUT, n, 8);
  store<i32>(OUT, <i32>(fingerprint >>> 32), 12);
  store<i32>(OUT, <i32>fingerprint, 16);
  // The record moves to right after the shingles, so the host copies out one run.
  const kept = (shingles + (<usize>n << 2) + 7) & ~7;
  memory.copy(kept, record, (RECORD_HEAD + <usize>sentenceCount * SENTENCE_FIELDS) << 3);
  store<i32>(OUT, <i32>shingles, 20);
  store<i32>(OUT, <i32>kept, 24);
  store<i32>(OUT, sentenceCount, 28);
  return 0;
}

/** Single words' hashes after the `n` shingles, as `addUnigrams` in analyze.ts; -1 when there is no room. */
function addUnigrams(length: i32, n: i32): i32 {
  let hash: i32 = FNV_OFFSET;
  let inWord = false;
  let next: usize = shingles + (<usize>n << 2);
  for (let i: i32 = 0; i <= length; i++) {
    const c: i32 = i < length ? unitAt(TEXT, i) : 32;
    const k = i < length ? kindOf(c) : SPACE;
    if (k == DROP) continue;
    if (k == WORD || k == DENSE || k == SYLLABLE) {
      hash = (hash ^ (c + foldOf(c))) * FNV_PRIME;
      inWord = true;
    } else if (k == JAMO) {
      const composed = composeJamo(TEXT, i, length);
      hash = (hash ^ (composed >> 2)) * FNV_PRIME;
      i += (composed & 3) - 1;
      inWord = true;
    } else if (k == EXPAND) {
      const e = foldOf(c);
      const out = POOL + (<usize>(e >>> 8) << 1);
      const outLength = e & 0xff;
      for (let j: i32 = 0; j < outLength; j++) hash = (hash ^ unitAt(out, j)) * FNV_PRIME;
      inWord = true;
    } else {
      if (inWord) {
        if (next == shingleEnd) return -1;
        store<i32>(next, fmix32(fmix32(hash) ^ UNIGRAM_SEED));
        next += 4;
        n++;
      }
      hash = FNV_OFFSET;
      inWord = false;
    }
  }
  return n;
}

const NONE: u64 = 0x100000000;

/** The least of a v128's four u32 lanes. */
// @ts-ignore: decorator
@inline function leastLane(v: v128): u32 {
  const halves = i32x4.min_u(v, i32x4.shuffle(v, v, 2, 3, 0, 1));
  return <u32>i32x4.extract_lane(i32x4.min_u(halves, i32x4.shuffle(halves, halves, 1, 0, 3, 2)), 0);
}

/**
 * The least of the `vectors` v128 of shingles from `shingles` on that is above `floor`, or NONE.
 * Four lanes at a time with no branch: a pass over a paragraph's shingles is a few dozen steps.
 */
// @ts-ignore: decorator
@inline function leastAbove(floor: u32, vectors: usize): u64 {
  const bound = i32x4.splat(floor);
  const all = i32x4.splat(-1);
  let least = all;
  let above = i32x4.splat(0);
  for (let at = shingles, end = shingles + (vectors << 4); at < end; at += 16) {
    const v = v128.load(at);
    const mask = i32x4.gt_u(v, bound);
    least = i32x4.min_u(least, v128.bitselect(v, all, mask));
    above = v128.or(above, mask);
  }
  return v128.any_true(above) ? <u64>leastLane(least) : NONE;
}

/**
 * The bottom-4 sketch, as `writeSmallestDistinct` in analyze.ts, into the record's anchor places:
 * four passes, each for the least shingle above the last one found. Inserting each shingle in turn
 * waited on the one before, and a branch on each mispredicted about a quarter of the time.
 */
function writeSmallestDistinct(n: usize): i32 {
  let a = NONE, b = NONE, c = NONE, d = NONE;
  if (n > 0) {
    // Copies of the first shingle round the run up to whole v128: a repeat changes no distinct value.
    const first = load<u32>(shingles);
    const end = shingles + (n << 2);
    store<u32>(end, first);
    store<u32>(end, first, 4);
    store<u32>(end, first, 8);
    const vectors = (n + 3) >> 2;
    let least = i32x4.splat(-1);
    for (let at = shingles, stop = shingles + (vectors << 4); at < stop; at += 16) least = i32x4.min_u(least, v128.load(at));
    a = <u64>leastLane(least);
    b = leastAbove(<u32>a, vectors);
    if (b != NONE) c = leastAbove(<u32>b, vectors);
    if (c != NONE) d = leastAbove(<u32>c, vectors);
  }
  store<f64>(record, <f64>a, 32);
  store<f64>(record, <f64>b, 40);
  store<f64>(record, <f64>c, 48);
  store<f64>(record, <f64>d, 56);
  return d != NONE ? 4 : c != NONE ? 3 : b != NONE ? 2 : a != NONE ? 1 : 0;
}

// The SimHash, as simhash.ts counts it: bit-sliced vote counts, eight words per carry-save step, with
// both halves in one i64 lane word (JavaScript has no 64-bit integer to do the same).

// @ts-ignore: decorator
@inline function ripple(from: i32, pair: v128): void {
  let carry = pair;
  for (let p = from; v128.any_true(carry); p++) {
    const at = PAIR_PLANES + (<usize>p << 4);
    const plane = v128.load(at);
    v128.store(at, v128.xor(plane, carry));
    carry = v128.and(carry, plane);
  }
}

/** The 64 bits a shingle votes for: a word mixed from its hash (the high half), and the hash itself. */
// @ts-ignore: decorator
@inline function voteWord(shingle: i32): i64 {
  return (<i64>fmix32(shingle ^ SEED_HIGH) << 32) | <i64>(<u32>shingle);
}

/** fmix32 of each of four shingles xor SEED_HIGH: the high halves of their votes. */
// @ts-ignore: decorator
@inline function highHalves(shingles: v128): v128 {
  let h = v128.xor(shingles, i32x4.splat(SEED_HIGH));
  h = v128.xor(h, i32x4.shr_u(h, 16));
  h = i32x4.mul(h, i32x4.splat(0x85ebca6b));
  h = v128.xor(h, i32x4.shr_u(h, 13));
  h = i32x4.mul(h, i32x4.splat(0xc2b2ae35));
  return v128.xor(h, i32x4.shr_u(h, 16));
}

/**
 * Counts the votes into PLANES. Two counters side by side in v128 lanes, each of half the shingles,
 * with the high halves mixed four at a time, then added lane to lane: JavaScript, with no 64-bit
 * integers, runs the carry-save adders twice over 32 lanes.
 */
function countVotes(n: usize): void {
  const zero = i64x2.splat(0);
  let ones = zero, twos = zero, fours = zero, eights = zero, sixteens = zero;
  let i: usize = 0;
  for (; i + 16 <= n; i += 16) {
    const q = shingles + (i << 2);
    // Four shingles make two vote pairs: each i64 lane is a shingle's low half, then its high half.
    let s = v128.load(q);
    let h = highHalves(s);
    let a = i32x4.shuffle(s, h, 0, 4, 1, 5);
    let b = i32x4.shuffle(s, h, 2, 6, 3, 7);
    let u = v128.xor(ones, a);
    let twosA = v128.or(v128.and(ones, a), v128.and(u, b));
    ones = v128.xor(u, b);
    s = v128.load(q, 16);
    h = highHalves(s);
    a = i32x4.shuffle(s, h, 0, 4, 1, 5);
    b = i32x4.shuffle(s, h, 2, 6, 3, 7);
    u = v128.xor(ones, a);
    let twosB = v128.or(v128.and(ones, a), v128.and(u, b));
    ones = v128.xor(u, b);
    u = v128.xor(twos, twosA);
    const foursA = v128.or(v128.and(twos, twosA), v128.and(u, twosB));
    twos = v128.xor(u, twosB);
    s = v128.load(q, 32);
    h = highHalves(s);
    a = i32x4.shuffle(s, h, 0, 4, 1, 5);
    b = i32x4.shuffle(s, h, 2, 6, 3, 7);
    u = v128.xor(ones, a);
    twosA = v128.or(v128.and(ones, a), v128.and(u, b));
    ones = v128.xor(u, b);
    s = v128.load(q, 48);
    h = highHalves(s);
    a = i32x4.shuffle(s, h, 0, 4, 1, 5);
    b = i32x4.shuffle(s, h, 2, 6, 3, 7);
    u = v128.xor(ones, a);
    twosB = v128.or(v128.and(ones, a), v128.and(u, b));
    ones = v128.xor(u, b);
    u = v128.xor(twos, twosA);
    const foursB = v128.or(v128.and(twos, twosA), v128.and(u, twosB));
    twos = v128.xor(u, twosB);
    u = v128.xor(fours, foursA);
    const carryEight = v128.or(v128.and(fours, foursA), v128.and(u, foursB));
    fours = v128.xor(u, foursB);
    const carrySixteen = v128.and(eights, carryEight);
    eights = v128.xor(eights, carryEight);
    ripple(5, v128.and(sixteens, carrySixteen));
    sixteens = v128.xor(sixteens, carrySixteen);
  }
  for (; i < n; i++) {
    const word = i64x2.replace_lane(zero, 0, voteWord(load<i32>(shingles + (i << 2))));
    const carryTwo = v128.and(ones, word);
    ones = v128.xor(ones, word);
    const carryFour = v128.and(twos, carryTwo);
    twos = v128.xor(twos, carryTwo);
    const carryEight = v128.and(fours, carryFour);
    fours = v128.xor(fours, carryFour);
    const carrySixteen = v128.and(eights, carryEight);
    eights = v128.xor(eights, carryEight);
    ripple(5, v128.and(sixteens, carrySixteen));
    sixteens = v128.xor(sixteens, carrySixteen);
  }
  ripple(0, ones);
  ripple(1, twos);
  ripple(2, fours);
  ripple(3, eights);
  ripple(4, sixteens);
  // The two counters added plane by plane, into PLANES; a count of at most n needs no plane past its bits.
  let carry: i64 = 0;
  for (let p: i32 = 0, top: i32 = 32 - clz(<i32>n); p < top; p++) {
    const at = PAIR_PLANES + (<usize>p << 4);
    const pair = v128.load(at);
    v128.store(at, zero);
    const x = i64x2.extract_lane(pair, 0);
    const y = i64x2.extract_lane(pair, 1);
    const xy = x ^ y;
    store<i64>(PLANES + (<usize>p << 3), xy ^ carry);
    carry = (x & y) | (carry & xy);
  }
}

/** The 64 bits whose vote count is a strict majority of `n`, high half above, zeroing the planes read. */
function majority(n: i32): i64 {
  const threshold = (n >>> 1) + 1;
  let greater: i64 = 0;
  let equal: i64 = -1;
  for (let p: i32 = 31 - clz(threshold); p >= 0; p--) {
    const at = PLANES + (<usize>p << 3);
    const plane = load<i64>(at);
    store<i64>(at, 0);
    if ((threshold >>> p) & 1) {
      equal &= plane;
    } else {
      greater |= equal & plane;
      equal &= ~plane;
    }
  }
  for (let p: i32 = 32 - clz(threshold), top: i32 = 32 - clz(n); p < top; p++) {
    const at = PLANES + (<usize>p << 3);
    greater |= load<i64>(at);
    store<i64>(at, 0);
  }
  return greater | equal;
}
