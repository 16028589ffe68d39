// The character table as two strings of printable characters: runs of code units that share a
// kind and a folding offset, and the expansions. About 20 KB of source for 64K code units, and
// decoding it is one pass of charCodeAt.
import { Kind } from './kind';

export interface EncodedTable {
  runs: string;
  expansions: string;
}

/** 64 digits: each carries 5 bits, and 32 more means another digit follows. */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;

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

export function encodeTable(kind: Uint8Array, folded: Uint16Array, expansion: ReadonlyMap<number, string>): EncodedTable {
  const runs: string[] = [];
  for (let start = 0; start < 0x10000; ) {
    const k = kind[start];
    const offset = offsetOf(k, folded[start], start);
    let end = start + 1;
    while (end < 0x10000 && kind[end] === k && offsetOf(kind[end], folded[end], end) === offset) end++;
    writeNumber(runs, end - start);
    writeNumber(runs, k);
    writeNumber(runs, zigzag(offset));
    start = end;
  }
  const expansions: string[] = [];
  let previous = 0;
  for (const [c, out] of [...expansion].sort((a, b) => a[0] - b[0])) {
    writeNumber(expansions, c - previous);
    writeNumber(expansions, out.length);
    expansions.push(out);
    previous = c;
  }
  return { runs: runs.join(''), expansions: expansions.join('') };
}

/** Fills the table from its encoding: two native fills per run, so it costs little even before the JIT warms up. */
export function decodeTable(encoded: EncodedTable, kind: Uint8Array, foldOffset: Int32Array, expansion: Map<number, string>): void {
  let at = 0;
  const read = (text: string): number => {
    let n = 0;
    for (let scale = 1; ; scale *= 32) {
      const code = text.charCodeAt(at++);
      // Past the end, charCodeAt gives NaN, which is not below 128 either.
      const digit = code < 128 ? DIGIT_VALUE[code] : -1;
      if (digit < 0) throw new Error(`Corrupt character table at ${at - 1}`);
      n += (digit & 31) * scale;
      if (digit < 32) return n;
    }
  };
  const { runs, expansions } = encoded;
  let c = 0;
  while (at < runs.length) {
    const length = read(runs);
    const k = read(runs);
    const offset = unzigzag(read(runs));
    kind.fill(k, c, c + length);
    foldOffset.fill(offset, c, c + length);
    c += length;
  }
  if (c !== 0x10000) throw new Error(`Character table covers ${c} code units, not 65536`);
  at = 0;
  let previous = 0;
  while (at < expansions.length) {
    const unit = previous + read(expansions);
    const length = read(expansions);
    expansion.set(unit, expansions.slice(at, at + length));
    at += length;
    previous = unit;
  }
}
