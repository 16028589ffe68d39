// The User Timing entries a frame's scans leave for the benchmark and for profilers: when the
// content script started, where its first scan's phases ended, and each full scan's span.
import type { SettingsPrefetch } from '../settings-prefetch';

/** Marked first thing when the content script starts. */
export const START_MARK = 'paradedup:start';
/** Marked when the first full scan's annotations are in the page. */
export const DONE_MARK = 'paradedup:done';
/** Marked when the page's blocks have been read for the first scan (the read that overlaps the settings' load). */
export const READ_MARK = 'paradedup:read';
/** Marked when the first full scan's blocks are indexed and classified: from here to DONE_MARK it shows them. */
export const CLASSIFIED_MARK = 'paradedup:classified';
/** Marked with CLASSIFIED_MARK: which pass analysed the blocks, as the JavaScript one takes over where WebAssembly is refused and is slower. */
export const WASM_ANALYZER_MARK = 'paradedup:analyzer-wasm';
export const JAVASCRIPT_ANALYZER_MARK = 'paradedup:analyzer-javascript';
/** Measured for every full scan, from its start to its annotations done. */
export const SCAN_MEASURE = 'paradedup-scan';
/** The document_start script's synchronous run (src/settings-prefetch.ts); it starts before START_MARK. */
export const PREFETCH_RUN_MEASURE = 'paradedup-prefetch-run';
/** From the prefetch's start until storage answered it. */
export const PREFETCH_READ_MEASURE = 'paradedup-prefetch-read';
/** The same, where a settings change after the read made the content script read storage again. */
export const PREFETCH_STALE_READ_MEASURE = 'paradedup-prefetch-read-stale';

/** Leaves a mark, where the environment keeps a performance timeline (linkedom and old engines may not). */
export function mark(perf: Performance | undefined, name: string): void {
  try {
    perf?.mark(name);
  } catch {
    // No User Timing here: there is simply no entry.
  }
}

function measure(perf: Performance | undefined, name: string, options: PerformanceMeasureOptions): void {
  try {
    perf?.measure(name, options);
  } catch {
    // No User Timing here: there is simply no entry.
  }
}

/**
 * The prefetch's figures, left by the content script after taking the prefetch over: the
 * document_start script itself leaves nothing a page could notice that early. No `detail`: it
 * would be structured-cloned.
 */
export function markPrefetch(perf: Performance | undefined, prefetch: SettingsPrefetch): void {
  measure(perf, PREFETCH_RUN_MEASURE, { start: prefetch.startedAt, end: prefetch.ranUntil });
  if (prefetch.answeredAt === null) return;
  measure(perf, prefetch.stale ? PREFETCH_STALE_READ_MEASURE : PREFETCH_READ_MEASURE, { start: prefetch.startedAt, end: prefetch.answeredAt });
}
