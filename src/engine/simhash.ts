import { analyze } from './analyze';
import { fmix32, popcount32 } from './hash';
import type { Fingerprint } from './types';

const SEED_LO = 0x3c6ef372;
const SEED_HI = 0xa54ff53a;

// Bit-sliced counters: plane p holds bit p of all 32 per-bit vote counts, so adding a feature
// costs a few word operations instead of 64 increments.
const planesLo = new Int32Array(32);
const planesHi = new Int32Array(32);

function addVotes(planes: Int32Array, word: number): void {
  let carry = word;
  for (let p = 0; carry !== 0; p++) {
    const next = planes[p] & carry;
    planes[p] ^= carry;
    carry = next;
  }
}

/** Bits whose vote count is a strict majority of `n`. */
function majority(planes: Int32Array, n: number): number {
  let bits = 0;
  for (let bit = 0; bit < 32; bit++) {
    let count = 0;
    for (let p = 0; p < 32; p++) count |= ((planes[p] >>> bit) & 1) << p;
    if (count * 2 > n) bits |= 1 << bit;
  }
  return bits >>> 0;
}

/** The 64-bit SimHash of a set of shingle hashes: each shingle votes for the bits of its two seeded hashes. */
export function simhash(features: Uint32Array): Fingerprint {
  planesLo.fill(0);
  planesHi.fill(0);
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    addVotes(planesLo, fmix32(f ^ SEED_LO));
    addVotes(planesHi, fmix32(f ^ SEED_HI));
  }
  return { hi: majority(planesHi, features.length), lo: majority(planesLo, features.length) };
}

export function fingerprint(text: string): Fingerprint {
  return simhash(analyze(text).features);
}

export function hammingDistance(a: Fingerprint, b: Fingerprint): number {
  return popcount32(a.hi ^ b.hi) + popcount32(a.lo ^ b.lo);
}
