import { describe, expect, test } from 'vitest';
import { fingerprint, hammingDistance, simhash } from '../../src/engine';
import { sampleLines } from '../support/sample';

const lines = sampleLines();

describe('fingerprint', () => {
  test('is 64 bits held as two uint32', () => {
    const fp = fingerprint(lines[3]);
    for (const half of [fp.hi, fp.lo]) {
      expect(Number.isInteger(half)).toBe(true);
      expect(half).toBeGreaterThanOrEqual(0);
      expect(half).toBeLessThan(2 ** 32);
    }
  });

  test('is identical for texts that differ only in spacing, quotes and marks', () => {
    const marked = lines[3].replace('“أستانة”', '"أستانة"').replace('بدأ', 'بَدَأَ').replace(/ /g, '  ');
    expect(fingerprint(marked)).toEqual(fingerprint(lines[3]));
  });

  test('a one-word edit moves few bits; unrelated paragraphs differ in about half', () => {
    const edited = lines[3].replace('ثلاث', 'أربع');
    expect(hammingDistance(fingerprint(edited), fingerprint(lines[3]))).toBeLessThanOrEqual(10);
    const distances = [];
    for (let i = 1; i < 7; i++) for (let j = i + 1; j < 7; j++) distances.push(hammingDistance(fingerprint(lines[i]), fingerprint(lines[j])));
    const mean = distances.reduce((a, b) => a + b) / distances.length;
    expect(mean).toBeGreaterThan(22);
    expect(Math.min(...distances)).toBeGreaterThan(12);
  });
});

/** The textbook SimHash of the same votes: a counter per bit, bit set when more than half of the votes set it. */
function referenceSimhash(shingles: Uint32Array): { hi: number; lo: number } {
  const mixed = (h: number) => {
    h ^= 0xa54ff53a;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const majority = (words: number[]) => {
    let out = 0;
    for (let bit = 0; bit < 32; bit++) {
      const votes = words.filter((w) => (w >>> bit) & 1).length;
      if (votes * 2 > words.length) out |= 1 << bit;
    }
    return out >>> 0;
  };
  const words = Array.from(shingles);
  return { hi: majority(words.map(mixed)), lo: majority(words) };
}

describe('simhash', () => {
  test('equals a counter per bit, for every count of shingles and bits that are nearly tied', () => {
    let seed = 0x2545f491;
    const random = () => (seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0) >>> 0;
    for (let n = 0; n <= 300; n++) {
      // Few distinct values make bit counts land on and around the threshold.
      const pool = Array.from({ length: 1 + (n % 5) }, random);
      const shingles = Uint32Array.from({ length: n }, () => (n % 2 ? random() : pool[random() % pool.length]));
      expect(simhash(shingles), `${n} shingles`).toEqual(referenceSimhash(shingles));
    }
  });

  test('leaves nothing behind for the next fingerprint', () => {
    const heavy = new Uint32Array(1000).fill(0xffffffff);
    simhash(heavy);
    expect(simhash(new Uint32Array([0, 0, 1]))).toEqual(referenceSimhash(new Uint32Array([0, 0, 1])));
  });
});
