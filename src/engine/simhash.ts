import { popcount32 } from './hash';
import type { Fingerprint } from './types';

/** The seed of the high half's vote words. A const enum, so that it compiles to a literal, and signed (see `Hash` in analyze.ts). */
const enum Seed {
  High = 0xa54ff53a | 0,
}

/**
 * Per-bit vote counts of one 32-bit half, bit-sliced: plane p holds bit p of all 32 counts, so a
 * vote costs a few word operations instead of 32 increments.
 */
const planesLo = new Int32Array(32);
const planesHi = new Int32Array(32);

/** Adds one vote (weight 2^from) per set bit of `word` to the bit-sliced counts. */
function ripple(planes: Int32Array, from: number, word: number): void {
  let carry = word;
  for (let p = from; carry !== 0; p++) {
    const plane = planes[p];
    planes[p] = plane ^ carry;
    carry &= plane;
  }
}

/**
 * Bits whose vote count is a strict majority of `n`, i.e. at least floor(n/2) + 1: the 32 counts
 * are compared with that threshold all at once, plane by plane from the most significant. Each
 * plane a count reaches is zeroed once read, which is cheaper than clearing them all for the next
 * fingerprint.
 */
function majority(planes: Int32Array, n: number): number {
  const threshold = (n >>> 1) + 1;
  let greater = 0;
  let equal = -1;
  for (let p = 31 - Math.clz32(threshold); p >= 0; p--) {
    const plane = planes[p];
    planes[p] = 0;
    if ((threshold >>> p) & 1) {
      equal &= plane;
    } else {
      greater |= equal & plane;
      equal &= ~plane;
    }
  }
  // Counts with a bit above the threshold's highest bit are greater too. No count exceeds n, so the
  // planes above n's highest bit were never written: 1.5 % of `analyze`'s instructions went to reading them.
  for (let p = 32 - Math.clz32(threshold), top = 32 - Math.clz32(n); p < top; p++) {
    greater |= planes[p];
    planes[p] = 0;
  }
  return (greater | equal) >>> 0;
}

/**
 * The 32 bits a shingle votes for in one half: its hash itself, which is already uniform, or a
 * second, independent word mixed from it by Murmur3's finaliser, written out here: calling `fmix32`
 * made SimHash 15-25 % slower in microbenchmarks.
 */
function voteWord(shingle: number, mixed: boolean): number {
  if (!mixed) return shingle | 0;
  let h = shingle ^ Seed.High;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Counts the votes of the first `n` shingles into `planes`, through a carry-save adder tree
 * (Harley–Seal) that adds eight words in seven full-adder steps. The counts' low five bits stay in
 * locals, not fields (as a class it ran at less than half the speed), and only carries past 16 are
 * rippled into the planes: rippled from the eights once per eight words, and the last few words
 * from the lowest plane, SimHash ran 11 % more instructions (85 shingles).
 */
function countVotes(shingles: Uint32Array, n: number, planes: Int32Array, mixed: boolean): void {
  let ones = 0;
  let twos = 0;
  let fours = 0;
  let eights = 0;
  let sixteens = 0;
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    // Each step is a full adder over 32 lanes: (carry, sum) = a + b + c.
    let a = voteWord(shingles[i], mixed);
    let b = voteWord(shingles[i + 1], mixed);
    let u = ones ^ a;
    let twosA = (ones & a) | (u & b);
    ones = u ^ b;
    a = voteWord(shingles[i + 2], mixed);
    b = voteWord(shingles[i + 3], mixed);
    u = ones ^ a;
    let twosB = (ones & a) | (u & b);
    ones = u ^ b;
    u = twos ^ twosA;
    const foursA = (twos & twosA) | (u & twosB);
    twos = u ^ twosB;
    a = voteWord(shingles[i + 4], mixed);
    b = voteWord(shingles[i + 5], mixed);
    u = ones ^ a;
    twosA = (ones & a) | (u & b);
    ones = u ^ b;
    a = voteWord(shingles[i + 6], mixed);
    b = voteWord(shingles[i + 7], mixed);
    u = ones ^ a;
    twosB = (ones & a) | (u & b);
    ones = u ^ b;
    u = twos ^ twosA;
    const foursB = (twos & twosA) | (u & twosB);
    twos = u ^ twosB;
    u = fours ^ foursA;
    const carryEight = (fours & foursA) | (u & foursB);
    fours = u ^ foursB;
    // Half adders: a carry into the sixteens is half as common, and one into the planes half again.
    const carrySixteen = eights & carryEight;
    eights ^= carryEight;
    ripple(planes, 5, sixteens & carrySixteen);
    sixteens ^= carrySixteen;
  }
  // The last few words one at a time, through half adders: each rippled from the planes' lowest cost
  // as much as a block of eight.
  for (; i < n; i++) {
    const word = voteWord(shingles[i], mixed);
    const carryTwo = ones & word;
    ones ^= word;
    const carryFour = twos & carryTwo;
    twos ^= carryTwo;
    const carryEight = fours & carryFour;
    fours ^= carryFour;
    const carrySixteen = eights & carryEight;
    eights ^= carryEight;
    ripple(planes, 5, sixteens & carrySixteen);
    sixteens ^= carrySixteen;
  }
  ripple(planes, 0, ones);
  ripple(planes, 1, twos);
  ripple(planes, 2, fours);
  ripple(planes, 3, eights);
  ripple(planes, 4, sixteens);
}

/**
 * A fingerprint made with `new`, not as an object literal: V8 tracks where literals are allocated,
 * and once a long page's fingerprints were seen to survive, it changed that site's tenuring and threw
 * away the optimised `analyze` that inlined it (twice per load of the 10k page in Chrome's --trace-deopt).
 */
export class SimHash64 implements Fingerprint {
  constructor(
    readonly hi: number,
    readonly lo: number,
  ) {}
}

/** The 64-bit SimHash of the first `n` shingle hashes: each shingle votes for the bits of its hash and of a word mixed from it. */
export function simhash(shingles: Uint32Array, n = shingles.length): Fingerprint {
  countVotes(shingles, n, planesLo, false);
  countVotes(shingles, n, planesHi, true);
  return new SimHash64(majority(planesHi, n), majority(planesLo, n));
}

export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}
