// Public surface of the engine. Stub signatures until the engine lands; the shapes are fixed.
import type { DedupReport, EngineOptions } from './types';

export * from './types';

export const DEFAULT_OPTIONS: EngineOptions = { strictness: 'near', minBlockChars: 40 };

/**
 * An incremental index of a page's blocks. Keys are the caller's block ids; `order` is the
 * block's position in the document (smaller is earlier), which decides canonical blocks.
 */
export class DedupIndex {
  constructor(readonly options: EngineOptions = DEFAULT_OPTIONS) {}
  set(_key: number, _text: string, _order: number): void {}
  delete(_key: number): void {}
  report(): DedupReport {
    return { blocks: [], groups: [] };
  }
}

export function findRepeats(texts: readonly string[], options?: Partial<EngineOptions>): DedupReport {
  const index = new DedupIndex({ ...DEFAULT_OPTIONS, ...options });
  texts.forEach((text, i) => index.set(i, text, i));
  return index.report();
}
