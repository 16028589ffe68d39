// The character table as one string of printable characters per 256 code units: runs of code
// units that share a kind and a folding offset, then the page's expansions. About 24 KB of source
// for 64K code units; a page decodes in one short pass when a text first uses it.
import { Kind } from './kind';

/** 64 digits: each carries 5 bits, and 32 more means another digit follows. */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;

export const PAGE_SIZE = 256;

function writeNumber(out: string[], n: number): void {
  do {
    const low = n & 31;
    n >>>= 5;
    out.push(DIGITS[n > 0 ? low | 32 : low]);
  } while (n > 0);
}

/** Signed to unsigned, small magnitudes staying small: 0, -1, 1, -2 … become 0, 1, 2, 3 … */
function zigzag(n: number): number {
  return n < 0 ? -2 * n - 1 : 2 * n;
}

function unzigzag(n: number): number {
  return n & 1 ? -(n + 1) / 2 : n / 2;
}

/** Where folding is meaningless (dropped and expanded units), the offset is stored as 0. */
function offsetOf(kind: number, folded: number, c: number): number {
  return kind === Kind.Drop || kind === Kind.Expand ? 0 : folded - c;
}

/** One string per page of 256 code units. */
export function encodeTable(kind: Uint8Array, folded: Uint16Array, expansion: ReadonlyMap<number, string>): string[] {
  const pages: string[] = [];
  for (let first = 0; first < 0x10000; first += PAGE_SIZE) {
    const out: string[] = [];
    for (let start = first; start < first + PAGE_SIZE; ) {
      const k = kind[start];
      const offset = offsetOf(k, folded[start], start);
      let end = start + 1;
      while (end < first + PAGE_SIZE && kind[end] === k && offsetOf(kind[end], folded[end], end) === offset) end++;
      writeNumber(out, end - start);
      writeNumber(out, k);
      writeNumber(out, zigzag(offset));
      start = end;
    }
    for (let c = first; c < first + PAGE_SIZE; c++) {
      const text = expansion.get(c);
      if (text === undefined) continue;
      writeNumber(out, c - first);
      writeNumber(out, text.length);
      out.push(text);
    }
    pages.push(out.join(''));
  }
  return pages;
}

/** Decodes page `page` into the table: two native fills per run, cheap even before the JIT warms up. */
export function decodePage(encoded: string, page: number, kind: Uint8Array, foldOffset: Int32Array, expansion: Map<number, string>): void {
  let at = 0;
  const read = (): number => {
    let n = 0;
    for (let scale = 1; ; scale *= 32) {
      const code = encoded.charCodeAt(at++);
      // Past the end, charCodeAt gives NaN, which is not below 128 either.
      const digit = code < 128 ? DIGIT_VALUE[code] : -1;
      if (digit < 0) throw new Error(`Corrupt character table: page ${page}, character ${at - 1}`);
      n += (digit & 31) * scale;
      if (digit < 32) return n;
    }
  };
  const first = page * PAGE_SIZE;
  const last = first + PAGE_SIZE;
  let c = first;
  while (c < last) {
    const length = read();
    const k = read();
    const offset = unzigzag(read());
    if (length === 0 || c + length > last || k === Kind.Unbuilt) throw new Error(`Corrupt character table: page ${page} at code unit ${c}`);
    kind.fill(k, c, c + length);
    foldOffset.fill(offset, c, c + length);
    c += length;
  }
  while (at < encoded.length) {
    const unit = first + read();
    const length = read();
    if (unit >= last || at + length > encoded.length || kind[unit] !== Kind.Expand) {
      throw new Error(`Corrupt character table: page ${page}, expansion of code unit ${unit}`);
    }
    expansion.set(unit, encoded.slice(at, at + length));
    at += length;
  }
  for (let c = first; c < last; c++) {
    if (kind[c] === Kind.Expand && !expansion.has(c)) throw new Error(`Corrupt character table: page ${page}, no expansion for code unit ${c}`);
  }
}
