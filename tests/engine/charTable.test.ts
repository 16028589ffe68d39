import { describe, expect, test, vi } from 'vitest';
import { expansion, foldOffset, kind, Kind, kindOf } from '../../src/engine/charTable';
import { decodePage, encodeTable } from '../../src/engine/table/codec';
import { UNICODE_VERSION } from '../../src/engine/table/data';
import { deriveTable } from '../../src/engine/table/derive';

const meaningful = (k: number) => k !== Kind.Drop && k !== Kind.Expand;

/** Decodes every page of `pages` into a fresh table. */
function decodeAll(pages: readonly string[]) {
  const table = { kind: new Uint8Array(0x10000), foldOffset: new Int32Array(0x10000), expansion: new Map<number, string>() };
  pages.forEach((page, i) => decodePage(page, i, table.kind, table.foldOffset, table.expansion));
  return table;
}

describe('character table', () => {
  test('the shipped table is what derive.ts gives (else run `npm run generate:char-table`)', () => {
    expect(process.versions.unicode, `the table was derived with Unicode ${UNICODE_VERSION}: compare it on a Node.js with that version`).toBe(UNICODE_VERSION);
    const derived = deriveTable();
    for (let page = 0; page < 256; page++) kindOf(page << 8);
    const firstKindDiff = derived.kind.findIndex((k, c) => k !== kind[c]);
    const firstFoldDiff = derived.folded.findIndex((f, c) => meaningful(kind[c]) && f !== c + foldOffset[c]);
    expect({ firstKindDiff, firstFoldDiff }).toEqual({ firstKindDiff: -1, firstFoldDiff: -1 });
    expect(new Map(expansion)).toEqual(derived.expansion);
  });

  test('a page is decoded when a text first uses it, with the pages its expansions need', async () => {
    vi.resetModules();
    const fresh = await import('../../src/engine/charTable');
    expect(fresh.kind[0x66]).toBe(Kind.Unbuilt);
    // U+FB01 (ﬁ) expands to "fi", on page 0: both pages are decoded together.
    expect(fresh.kindOf(0xfb01)).toBe(Kind.Expand);
    expect(fresh.expansion.get(0xfb01)).toBe('fi');
    expect(fresh.kind[0x66]).toBe(Kind.Word);
    expect(fresh.kind[0x4e00]).toBe(Kind.Unbuilt);
  });

  test('decoding gives back exactly what was encoded', () => {
    const kinds = new Uint8Array(0x10000).map((_, c) => 1 + (c % 7 === 0 ? 3 : c % 3));
    const folds = new Uint16Array(0x10000).map((_, c) => (c * 31) & 0xffff);
    const expansions = new Map([[0xfb01, 'fi'], [0xfefb, 'لا'], [0x33a1, 'm2']]);
    for (const c of expansions.keys()) kinds[c] = Kind.Expand;
    const decoded = decodeAll(encodeTable(kinds, folds, expansions));
    expect(decoded.kind).toEqual(kinds);
    const foldedBack = new Uint16Array(0x10000).map((_, c) => c + decoded.foldOffset[c]);
    expect(folds.filter((_, c) => meaningful(kinds[c]))).toEqual(foldedBack.filter((_, c) => meaningful(kinds[c])));
    expect(decoded.expansion).toEqual(expansions);
  });

  test('a damaged page is refused, naming the page', () => {
    const derived = deriveTable();
    const pages = encodeTable(derived.kind, derived.folded, derived.expansion);
    const arabic = pages[6];
    const decode = (encoded: string) => decodeAll([...pages.slice(0, 6), encoded]);
    expect(() => decode(arabic.slice(0, 7))).toThrow(/Corrupt character table: page 6/);
    expect(() => decode(`!${arabic.slice(1)}`)).toThrow(/Corrupt character table: page 6/);
    // A run longer than the page.
    expect(() => decode(`sJBA${arabic}`)).toThrow(/Corrupt character table: page 6/);
  });
});
