/**
 * The host of the WebAssembly analyzer (assembly/analyze.ts): it gives the module the character
 * table's pages as they are decoded, copies each text in, and hands back where the analysis is.
 * Entry points install it; where WebAssembly is missing or refused, or a text is too long to be worth
 * the memory, `analyze` runs its JavaScript instead, with the same results.
 */
import { useWasmPass } from '../analyze';
import { expansion, foldOffset, kind, kindOf } from '../charTable';
import { Kind } from '../table/kind';
import { ANALYZER_WASM } from './binary';

/** Longer texts are analysed in JavaScript: the module's memory never shrinks, and at 11 bytes a code unit this keeps it under 3 MB. */
const MAX_UNITS = 1 << 18;
const PAGE_UNITS = 256;
const WASM_PAGE_BYTES = 65536;

/** Writes `text`'s UTF-16 code units into the module's memory, from byte `at` on. */
export type UnitWriter = (text: string, at: number) => void;
/** Makes the UnitWriter for the module's memory, again each time the memory grows (its buffer is then a new one). */
export type UnitWriterFactory = (memory: ArrayBuffer) => UnitWriter;

/** A browser has no faster way from a string into memory than reading it unit by unit. */
export const writeUnitByUnit: UnitWriterFactory = (memory) => {
  const units = new Uint16Array(memory);
  return (text, at) => {
    const first = at >> 1;
    for (let i = 0; i < text.length; i++) units[first + i] = text.charCodeAt(i);
  };
};

/** The analysis of a text in WebAssembly, or null where it is left to JavaScript. */
export type WasmPass = (text: string) => WasmAnalysis | null;

/** Where an analysis is, in the module's memory: read it before the next call. */
export interface WasmAnalysis {
  weight: number;
  tokens: number;
  shingleCount: number;
  hi: number;
  lo: number;
  /** The shingles are `shingleCount` words of `words` from `firstShingle` on. */
  words: Uint32Array;
  firstShingle: number;
  /** The record (`Field` in analyze.ts), its `sentenceCount` sentences included, is in `doubles` from `firstRecord` on, right after the shingles (8-aligned). */
  doubles: Float64Array;
  firstRecord: number;
  sentenceCount: number;
}

interface Exports {
  memory: WebAssembly.Memory;
  KIND: WebAssembly.Global;
  FOLD: WebAssembly.Global;
  POOL: WebAssembly.Global;
  POOL_UNITS: WebAssembly.Global;
  OUT: WebAssembly.Global;
  TEXT: WebAssembly.Global;
  TOO_BIG: WebAssembly.Global;
  bytesFor(length: number): number;
  analyze(length: number): number;
}

class Analyzer {
  private readonly memory: WebAssembly.Memory;
  private readonly run: (length: number) => number;
  private readonly bytesFor: (length: number) => number;
  private readonly kindAt: number;
  private readonly foldAt: number;
  private readonly poolAt: number;
  private readonly poolUnits: number;
  private readonly outAt: number;
  private readonly textAt: number;
  private readonly tooBig: number;
  private bytes!: Uint8Array;
  private units!: Uint16Array;
  private ints!: Int32Array;
  private writeText!: UnitWriter;
  private readonly result: WasmAnalysis;
  /** The table pages already copied in. */
  private readonly copied = new Uint8Array(PAGE_UNITS);
  private poolUsed = 0;
  /** The longest text the memory has room for now. */
  private room = 0;

  constructor(
    exports: Exports,
    private readonly writerFor: UnitWriterFactory,
  ) {
    this.memory = exports.memory;
    this.run = exports.analyze;
    this.bytesFor = exports.bytesFor;
    this.kindAt = exports.KIND.value;
    this.foldAt = exports.FOLD.value >> 2;
    this.poolAt = exports.POOL.value >> 1;
    this.poolUnits = exports.POOL_UNITS.value;
    this.outAt = exports.OUT.value >> 2;
    this.textAt = exports.TEXT.value;
    this.tooBig = exports.TOO_BIG.value;
    this.result = { weight: 0, tokens: 0, shingleCount: 0, hi: 0, lo: 0, words: new Uint32Array(0), firstShingle: 0, doubles: new Float64Array(0), firstRecord: 0, sentenceCount: 0 };
    this.views();
    this.copyDecodedPages();
  }

  /** The analysis of `text`, or null where it is left to JavaScript. */
  analyze(text: string): WasmAnalysis | null {
    const length = text.length;
    if (length > MAX_UNITS) return null;
    if (length > this.room) this.makeRoom(length);
    this.writeText(text, this.textAt);
    for (;;) {
      const status = this.run(length);
      if (status === 0) break;
      if (status === this.tooBig) return null;
      // A code unit of a page not decoded yet: decode it, as the JavaScript pass would, and start again.
      kindOf((status - 1) * PAGE_UNITS);
      if (!this.copyDecodedPages()) return null;
    }
    const out = this.outAt;
    const ints = this.ints;
    const result = this.result;
    result.weight = ints[out];
    result.tokens = ints[out + 1];
    result.shingleCount = ints[out + 2];
    result.hi = ints[out + 3] >>> 0;
    result.lo = ints[out + 4] >>> 0;
    result.firstShingle = ints[out + 5] >> 2;
    result.firstRecord = ints[out + 6] >> 3;
    result.sentenceCount = ints[out + 7];
    return result;
  }

  private makeRoom(length: number): void {
    const needed = this.textAt + this.bytesFor(length);
    const have = this.memory.buffer.byteLength;
    if (needed > have) {
      this.memory.grow(Math.ceil((needed - have) / WASM_PAGE_BYTES));
      this.views();
    }
    this.room = length;
  }

  private views(): void {
    const buffer = this.memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.units = new Uint16Array(buffer);
    this.ints = new Int32Array(buffer);
    this.result.words = new Uint32Array(buffer);
    this.result.doubles = new Float64Array(buffer);
    this.writeText = this.writerFor(buffer);
  }

  /** Copies in the table pages decoded since the last call; false if the expansions outgrew their room, which the generated table never does. */
  private copyDecodedPages(): boolean {
    for (let page = 0; page < PAGE_UNITS; page++) {
      if (this.copied[page] === 1 || kind[page * PAGE_UNITS] === Kind.Unbuilt) continue;
      const first = page * PAGE_UNITS;
      for (let c = first; c < first + PAGE_UNITS; c++) {
        if (kind[c] !== Kind.Expand) {
          this.ints[this.foldAt + c] = foldOffset[c];
        } else {
          const out = expansion.get(c)!;
          if (out.length > 0xff || this.poolUsed + out.length > this.poolUnits) return false;
          for (let j = 0; j < out.length; j++) this.units[this.poolAt + this.poolUsed + j] = out.charCodeAt(j);
          this.ints[this.foldAt + c] = (this.poolUsed << 8) | out.length;
          this.poolUsed += out.length;
        }
        // The kind last: until it is in, the module asks for the page again rather than read a half-copied one.
        this.bytes[this.kindAt + c] = kind[c];
      }
      this.copied[page] = 1;
    }
    return true;
  }
}

/**
 * A WebAssembly pass with a module instance and memory of its own, which copies texts in with
 * `writerFor`'s writer; null where WebAssembly is missing or refused here.
 */
export function createWasmPass(writerFor: UnitWriterFactory = writeUnitByUnit): WasmPass | null {
  try {
    const binary = atob(ANALYZER_WASM);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    // Synchronous: a few kilobytes compile in well under a millisecond, and the first paragraph needs it.
    const analyzer = new Analyzer(new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports, writerFor);
    return (text) => analyzer.analyze(text);
  } catch {
    // No WebAssembly, or compiling it is refused: the JavaScript pass gives the same analyses.
    return null;
  }
}

let installed = false;
/** Undefined until the installed pass first ran; then whether WebAssembly compiled. */
let runs: boolean | undefined;

/**
 * Routes the engine's analyses through WebAssembly: in a page it took about half the JavaScript
 * pass's time (Chromium and Firefox, a page's first pass and later ones), in Node about 0.7 with
 * Node's native copy as `writerFor`. The module starts with the first analysis, so a frame with no
 * paragraphs never pays for it; where it cannot start, `analyze` stays in JavaScript.
 */
export function installWasmAnalyzer(writerFor: UnitWriterFactory = writeUnitByUnit): void {
  if (installed) return;
  installed = true;
  let pass: WasmPass | null | undefined;
  useWasmPass((text) => {
    if (pass === undefined) {
      pass = createWasmPass(writerFor);
      runs = pass !== null;
    }
    return pass === null ? null : pass(text);
  });
}

/** Whether analyses here have run in WebAssembly: false before the first, without `installWasmAnalyzer`, or where it is refused. */
export function analysesRunInWasm(): boolean {
  return runs === true;
}
