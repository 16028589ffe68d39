import { describe, expect, test } from 'vitest';
import { fingerprint, hammingDistance } from '../../src/engine';
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
