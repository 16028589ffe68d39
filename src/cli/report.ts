// The stable JSON report of `npm run scan --json`, built from the paragraphs and the engine's verdict.
import { findRepeats, hasChangedWords, isExcerpt, wordChanges, type BlockResult, type BlockStatus, type DedupReport, type EngineOptions, type TextRange } from '../engine';
import { InputError, type Input } from './input';
import { paragraphsOf, parseInput, type Paragraph } from './paragraphs';

export interface ReportRange {
  start: number;
  end: number;
  of: number;
}

export interface ReportBlock {
  id: number;
  tag: string;
  text: string;
  status: BlockStatus;
  of: number | null;
  similarity: number;
  repeated: ReportRange[];
  /** A near copy's changed and added words: ranges of its text that the block it repeats lacks. */
  changed: TextRange[];
  /** Words of the block it repeats (`of`) that a near copy leaves out: ranges of that block's text. */
  dropped: TextRange[];
  /** A near copy that is part of the block it repeats, word for word (a pull quote): see `isExcerpt`. */
  excerpt: boolean;
}

export interface ReportGroup {
  canonical: number;
  members: number[];
}

export interface ScanReport {
  file: string;
  blocks: ReportBlock[];
  groups: ReportGroup[];
  stats: { blocks: number; duplicates: number; partial: number; ms: number };
}

/** Similarities are reported to three decimals: enough to compare, stable across runs. */
function roundSimilarity(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** How a near copy's words part from its first occurrence's, as the extension shows them; nothing for other blocks. */
function wordsChanged(verdict: BlockResult | undefined, paragraphs: readonly Paragraph[], text: string): Pick<ReportBlock, 'changed' | 'dropped' | 'excerpt'> {
  if (!verdict || !hasChangedWords(verdict)) return { changed: [], dropped: [], excerpt: false };
  const original = paragraphs[verdict.of!].text;
  const changes = wordChanges(original, text);
  return { ...changes, excerpt: isExcerpt(original, changes) };
}

/**
 * The report with keys in a fixed order. Every paragraph is listed in document order; one the
 * engine did not list is unique.
 */
export function buildReport(file: string, paragraphs: readonly Paragraph[], result: DedupReport, ms: number): ScanReport {
  const verdicts = new Map(result.blocks.map((block) => [block.id, block]));
  const blocks = paragraphs.map(({ tag, text }, id): ReportBlock => {
    const verdict = verdicts.get(id);
    return {
      id,
      tag,
      text,
      status: verdict?.status ?? 'unique',
      of: verdict?.of ?? null,
      similarity: roundSimilarity(verdict?.similarity ?? 0),
      repeated: (verdict?.repeated ?? []).map(({ start, end, of }) => ({ start, end, of })),
      ...wordsChanged(verdict, paragraphs, text),
    };
  });
  const count = (status: BlockStatus) => blocks.filter((block) => block.status === status).length;
  return {
    file,
    blocks,
    groups: result.groups.map(({ canonical, members }) => ({ canonical, members: [...members] })),
    stats: {
      blocks: blocks.length,
      duplicates: count('duplicate'),
      partial: count('partial'),
      ms: Math.round(ms * 10) / 10,
    },
  };
}

/**
 * Scans one decoded input. `stats.ms` times what the extension does on a page, block extraction
 * and repeat detection; reading and parsing the file are not included.
 */
export function scanInput(file: string, input: Input, options: Partial<EngineOptions>): ScanReport {
  const parsed = parseInput(input);
  const started = performance.now();
  const paragraphs = paragraphsOf(parsed);
  if (paragraphs.length === 0) throw new InputError('no text blocks found');
  const result = findRepeats(
    paragraphs.map((paragraph) => paragraph.text),
    options,
  );
  return buildReport(file, paragraphs, result, performance.now() - started);
}
