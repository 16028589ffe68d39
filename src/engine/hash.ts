/**
 * Murmur3's 32-bit finaliser: cheap, and every input bit flips about half the output bits. The
 * result is signed: callers use its bits, and a signed word stays a machine word in optimised code,
 * where an unsigned one above 2^31 became a double (`analyze` was 7-8 % slower with `>>> 0` here).
 */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Joins two 32-bit hashes into one safe integer (53 bits), usable as a Map key. */
export function key53(a: number, b: number): number {
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
