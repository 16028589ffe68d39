import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { findRepeats, fingerprint, hammingDistance } from '../../src/engine';
import { popcount32 } from '../../src/engine/hash';
import { FILLER, NEAR_REPEATS } from '../support/nearRepeats';

// simhash-js is the baseline we measure against, never shipped: these tests document why.
const require = createRequire(import.meta.url);
const { SimHash } = require('simhash-js') as { SimHash: new () => { hash(text: string): number } };
const simhashJs = new SimHash();

/** The usual near-duplicate radius, 3 bits of 64, scaled to simhash-js's 32 bits. */
const SIMHASH_JS_RADIUS = 2;

describe('simhash-js, the baseline', () => {
  test('misses most near repeats that the engine groups', () => {
    const missedByBaseline = NEAR_REPEATS.filter(
      ({ original, repeat }) => popcount32(simhashJs.hash(original) ^ simhashJs.hash(repeat)) > SIMHASH_JS_RADIUS,
    );
    expect(missedByBaseline.length).toBeGreaterThan(NEAR_REPEATS.length / 2);
    for (const { original, repeat } of missedByBaseline) {
      expect(findRepeats([FILLER[0], original, repeat]).blocks[2].status).toBe('duplicate');
    }
  });

  test('near repeats flip a far larger share of its bits than of ours', () => {
    const share = (distance: (c: (typeof NEAR_REPEATS)[number]) => number, bits: number) =>
      NEAR_REPEATS.reduce((sum, c) => sum + distance(c), 0) / NEAR_REPEATS.length / bits;
    const theirs = share((c) => popcount32(simhashJs.hash(c.original) ^ simhashJs.hash(c.repeat)), 32);
    const ours = share((c) => hammingDistance(fingerprint(c.original), fingerprint(c.repeat)), 64);
    expect(theirs).toBeGreaterThan(0.1);
    expect(ours).toBeLessThan(theirs / 2);
  });

  test('throws ReferenceError in strict code, as in our popup bundle', () => {
    const entry = require.resolve('simhash-js');
    const source = readFileSync(entry, 'utf8');
    const load = new Function('require', 'module', 'exports', `"use strict";\n${source}`);
    // Loading it above leaked `Jenkins` and friends as globals; without them it cannot even start.
    const leaked = ['Jenkins', 'SimHash', 'Comparator'] as const;
    const saved = leaked.map((name) => (globalThis as Record<string, unknown>)[name]);
    expect(saved.every((value) => typeof value === 'function')).toBe(true);
    for (const name of leaked) delete (globalThis as Record<string, unknown>)[name];
    try {
      expect(() => load(createRequire(entry), { exports: {} }, {})).toThrow(ReferenceError);
    } finally {
      leaked.forEach((name, i) => ((globalThis as Record<string, unknown>)[name] = saved[i]));
    }
  });
});
