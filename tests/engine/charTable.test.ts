import { describe, expect, test } from 'vitest';
import { expansion, foldOffset, kind, Kind } from '../../src/engine/charTable';
import { decodeTable, encodeTable } from '../../src/engine/table/codec';
import { deriveTable } from '../../src/engine/table/derive';

describe('character table', () => {
  test('the shipped table is what derive.ts gives (else run `npm run generate:char-table`)', () => {
    const derived = deriveTable();
    const firstKindDiff = derived.kind.findIndex((k, c) => k !== kind[c]);
    const meaningful = (k: number) => k !== Kind.Drop && k !== Kind.Expand;
    const firstFoldDiff = derived.folded.findIndex((f, c) => meaningful(kind[c]) && f !== c + foldOffset[c]);
    expect({ firstKindDiff, firstFoldDiff }).toEqual({ firstKindDiff: -1, firstFoldDiff: -1 });
    expect(new Map(expansion)).toEqual(derived.expansion);
  });

  test('decoding gives back exactly what was encoded', () => {
    const kinds = new Uint8Array(0x10000).map((_, c) => 1 + (c % 7 === 0 ? 3 : c % 3));
    const folds = new Uint16Array(0x10000).map((_, c) => (c * 31) & 0xffff);
    const expansions = new Map([[0xfb01, 'fi'], [0xfefb, 'لا'], [0x33a1, 'm2']]);
    for (const c of expansions.keys()) {
      kinds[c] = 5;
    }
    const [k, offsets, e] = [new Uint8Array(0x10000), new Int32Array(0x10000), new Map<number, string>()];
    decodeTable(encodeTable(kinds, folds, expansions), k, offsets, e);
    expect(k).toEqual(kinds);
    const meaningful = (c: number) => kinds[c] !== 4 && kinds[c] !== 5;
    expect(folds.filter((_, c) => meaningful(c))).toEqual(new Uint16Array(0x10000).map((_, c) => c + offsets[c]).filter((_, c) => meaningful(c)));
    expect(e).toEqual(expansions);
  });

  test('a damaged table is refused, not half loaded', () => {
    const derived = deriveTable();
    const encoded = encodeTable(derived.kind, derived.folded, derived.expansion);
    const target = () => [new Uint8Array(0x10000), new Int32Array(0x10000), new Map<number, string>()] as const;
    for (let cut = 1; cut <= 6; cut++) {
      expect(() => decodeTable({ ...encoded, runs: encoded.runs.slice(0, -cut) }, ...target())).toThrow(/character table/i);
    }
    expect(() => decodeTable({ ...encoded, runs: `${encoded.runs}BBA` }, ...target())).toThrow(/covers 65537 code units/);
    expect(() => decodeTable({ ...encoded, runs: `${encoded.runs.slice(0, 10)}!${encoded.runs.slice(11)}` }, ...target())).toThrow(/Corrupt/);
  });
});
