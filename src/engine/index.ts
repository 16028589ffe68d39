// The engine: pure TypeScript over strings. No DOM and no browser API, so the content script,
// the CLI and the benchmark all run the same code.
import { DedupIndex } from './dedupIndex';
import type { DedupReport, EngineOptions } from './types';

export * from './types';
export { DedupIndex, hasChangedWords, isSimilarCopy, rangesNameSources, type DedupChanges } from './dedupIndex';
export { normalize } from './normalize';
export { hammingDistance, simhash } from './simhash';
export { analyze, fingerprint, shingles, type Analysis, type Sentence } from './analyze';
export { isExcerpt, wordChanges, wordsIn, type TextRange, type WordChanges } from './changes';
export { safeCut } from './cut';
export { analysesRunInWasm, installWasmAnalyzer, type UnitWriterFactory } from './wasm/analyzer';
export { DEFAULT_OPTIONS, DEFAULT_MIN_BLOCK_CHARS, STRICTNESS } from './thresholds';

/** Blocks set between two classifications: classified soon after `set`, a block finds the buckets it just joined still in cache. */
const CLASSIFY_EVERY = 32;

/** Classifies `texts` (block texts in document order); block ids are their indexes. */
export function findRepeats(texts: readonly string[], options?: Partial<EngineOptions>): DedupReport {
  const index = new DedupIndex(options, texts.length);
  texts.forEach((text, i) => {
    index.set(i, text, i);
    if (i % CLASSIFY_EVERY === CLASSIFY_EVERY - 1) index.classifyPending();
  });
  return index.report();
}
