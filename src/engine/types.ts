/** How close two paragraphs must be to count as repeats. See `STRICTNESS` in thresholds.ts. */
export type Strictness = 'exact' | 'near' | 'loose';

export interface EngineOptions {
  strictness: Strictness;
  /** Blocks shorter than this (normalised characters) are never reported: "Share", "Read more". */
  minBlockChars: number;
}

/** A 64-bit SimHash held as two uint32 halves, so hot loops never touch BigInt. */
export interface Fingerprint {
  hi: number;
  lo: number;
}

export type BlockStatus = 'unique' | 'duplicate' | 'partial';

/** A character range [start, end) of a block's text that repeats block `of`. */
export interface RepeatedRange {
  start: number;
  end: number;
  of: number;
}

export interface BlockResult {
  id: number;
  status: BlockStatus;
  /** The canonical (earliest) block this one repeats, the one it repeats most of when several; null when unique. */
  of: number | null;
  /** 0..1: shingle similarity for duplicates, repeated share of the text for partials, 0 when unique. */
  similarity: number;
  /**
   * Ranges of the text that repeat earlier blocks: the whole text for a duplicate of one block, each
   * part for a duplicate made of several, some sentences for a partial.
   */
  repeated: readonly RepeatedRange[];
  fingerprint: Fingerprint;
}

/** A repeat group: the canonical block and every block that repeats it (canonical first, then document order). */
export interface Group {
  canonical: number;
  members: number[];
}

export interface DedupReport {
  blocks: BlockResult[];
  groups: Group[];
}
