import { fmix32, popcount32 } from './hash';
import type { Fingerprint } from './types';

const SEED_HI = 0xa54ff53a;

/**
 * Per-bit vote counts for one 32-bit half, bit-sliced: plane p holds bit p of all 32 counts, so a
 * vote costs a few word operations instead of 32 increments. Votes go through a carry-save adder
 * tree (Harley–Seal) that adds eight words in seven full-adder steps and ripples into the planes
 * once per eight.
 */
class VoteCounter {
  private readonly planes = new Int32Array(32);
  private ones = 0;
  private twos = 0;
  private fours = 0;

  /** Votes of eight words. */
  addEight(w0: number, w1: number, w2: number, w3: number, w4: number, w5: number, w6: number, w7: number): void {
    let ones = this.ones;
    let twos = this.twos;
    // Each step is a full adder over 32 lanes: (carry, sum) = a + b + c.
    let u = ones ^ w0;
    let twosA = (ones & w0) | (u & w1);
    ones = u ^ w1;
    u = ones ^ w2;
    let twosB = (ones & w2) | (u & w3);
    ones = u ^ w3;
    u = twos ^ twosA;
    const foursA = (twos & twosA) | (u & twosB);
    twos = u ^ twosB;
    u = ones ^ w4;
    twosA = (ones & w4) | (u & w5);
    ones = u ^ w5;
    u = ones ^ w6;
    twosB = (ones & w6) | (u & w7);
    ones = u ^ w7;
    u = twos ^ twosA;
    const foursB = (twos & twosA) | (u & twosB);
    twos = u ^ twosB;
    u = this.fours ^ foursA;
    const eights = (this.fours & foursA) | (u & foursB);
    this.fours = u ^ foursB;
    this.ones = ones;
    this.twos = twos;
    ripple(this.planes, 3, eights);
  }

  add(word: number): void {
    ripple(this.planes, 0, word);
  }

  /** The bits voted for by a strict majority of `n` votes; leaves the counter empty for the next fingerprint. */
  takeMajority(n: number): number {
    const planes = this.planes;
    ripple(planes, 0, this.ones);
    ripple(planes, 1, this.twos);
    ripple(planes, 2, this.fours);
    this.ones = this.twos = this.fours = 0;
    return majority(planes, n);
  }
}

/** Adds one vote (weight 2^from) per set bit of `word` to the bit-sliced counts. */
function ripple(planes: Int32Array, from: number, word: number): void {
  let carry = word;
  for (let p = from; carry !== 0; p++) {
    const next = planes[p] & carry;
    planes[p] ^= carry;
    carry = next;
  }
}

/**
 * Bits whose vote count is a strict majority of `n`, i.e. at least floor(n/2) + 1: the 32 counts
 * are compared with that threshold all at once, plane by plane from the most significant. Each
 * plane is zeroed once read, which is cheaper than clearing them all for the next fingerprint.
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
  // Counts with a bit above the threshold's highest bit are greater too.
  for (let p = 32 - Math.clz32(threshold); p < 32; p++) {
    greater |= planes[p];
    planes[p] = 0;
  }
  return (greater | equal) >>> 0;
}

const votesLo = new VoteCounter();
const votesHi = new VoteCounter();

/** A second, independent 32 bits of a shingle: its hash is already uniform and gives the first 32. */
function highWord(feature: number): number {
  return fmix32(feature ^ SEED_HI);
}

/** The 64-bit SimHash of the first `n` shingle hashes: each shingle votes for the bits of its hash and of `highWord`. */
export function simhash(shingles: Uint32Array, n = shingles.length): Fingerprint {
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const f0 = shingles[i], f1 = shingles[i + 1], f2 = shingles[i + 2], f3 = shingles[i + 3];
    const f4 = shingles[i + 4], f5 = shingles[i + 5], f6 = shingles[i + 6], f7 = shingles[i + 7];
    votesLo.addEight(f0, f1, f2, f3, f4, f5, f6, f7);
    votesHi.addEight(highWord(f0), highWord(f1), highWord(f2), highWord(f3), highWord(f4), highWord(f5), highWord(f6), highWord(f7));
  }
  for (; i < n; i++) {
    votesLo.add(shingles[i]);
    votesHi.add(highWord(shingles[i]));
  }
  return { hi: votesHi.takeMajority(n), lo: votesLo.takeMajority(n) };
}

export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}
