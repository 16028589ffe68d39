import type { EngineOptions, Strictness } from './types';

/**
 * Minimum shingle Jaccard similarity for two blocks to count as repeats. Exact means identical
 * after normalisation (case, quotes, spacing, tashkeel, digits' script), so digits must match too.
 */
export const STRICTNESS: Record<Strictness, { minJaccard: number; digitsMatter: boolean }> = {
  exact: { minJaccard: 1, digitsMatter: true },
  // A dropped or changed word in a 10-word paragraph still scores about 0.65.
  near: { minJaccard: 0.6, digitsMatter: false },
  loose: { minJaccard: 0.4, digitsMatter: false },
};

/** Below this many letters and digits a block is boilerplate ("Share", "Read more"), never reported. */
export const DEFAULT_MIN_BLOCK_CHARS = 40;

export const DEFAULT_OPTIONS: EngineOptions = { strictness: 'near', minBlockChars: DEFAULT_MIN_BLOCK_CHARS };

/** A sentence needs this many tokens to count as repeated text: "He said." is not evidence. */
export const MIN_SENTENCE_TOKENS = 5;

/**
 * Thai and Lao end a sentence with a space, but also set off short phrases with one ("อย่างไรก็ตาม ",
 * "however", shared by many paragraphs). So a space ends their sentence only after this many tokens:
 * about five words, at four to six code units a word (marks included), each code unit a bigram token.
 */
export const SPACED_SENTENCE_TOKENS = 24;

/** Paragraphs with fewer tokens than this also fingerprint single words, so a few words still give a stable hash. */
export const SHORT_BLOCK_TOKENS = 4;

/**
 * 3 bands of 21 or 22 bits: any two fingerprints within Hamming distance 2 share a band. Wider
 * bands than 16 bits, because with 16 a 100,000-paragraph page left every band key to more than
 * one paragraph: a random candidate per band, each a cache miss, and a list object per key.
 */
export const SIMHASH_BANDS = 3;

/**
 * The most of `bits` SimHash bits in which two blocks may differ and still be verified. Each bit
 * differs with probability angle/π, the angle between the two shingle vectors, which at a given
 * Jaccard is widest for blocks of equal size (cosine 2J/(1+J)). Three standard deviations above
 * that, a real match is almost never dropped, while unrelated blocks differ in about half.
 */
export function maxSimhashDistance(minJaccard: number, bits: number): number {
  const p = Math.acos((2 * minJaccard) / (1 + minJaccard)) / Math.PI;
  return Math.ceil(bits * p + 3 * Math.sqrt(bits * p * (1 - p)));
}

/** A bucket holding this many blocks is generic ("said on Monday that"): it stops taking new ones and naming candidates. */
export const BUCKET_CAP = 32;

/** Candidates verified per block at most, which bounds the worst case on pages of near-identical blocks. */
export const MAX_CANDIDATES = 64;

/**
 * Han, kana and Hangul carry about a word's worth of meaning in two characters, and a letter of a
 * syllabary (Ethiopic, Yi) about what two Latin letters do, so they count double towards the minimum;
 * Thai and its neighbours, written without spaces too, spell words letter by letter, and count single.
 */
export const CJK_CHAR_WEIGHT = 2;

/**
 * The largest word table (words of the original times words of the copy, once their common start and
 * end are set aside) compared to show what changed in a near copy: 200 words against 200, 80 KB.
 * Beyond it the middle's words are paired by kind alone, as moved ones are (`pairMoves`).
 */
export const MAX_CHANGE_CELLS = 40_000;
