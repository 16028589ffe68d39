// The User Timing entries a frame's scans leave for the benchmark and for profilers: when the
// content script started, when its first scan's annotations were done, and each full scan's span.

/** Marked first thing when the content script starts. */
export const START_MARK = 'paradedup:start';
/** Marked when the first full scan's annotations are in the page. */
export const DONE_MARK = 'paradedup:done';
/** Measured for every full scan, from its start to its annotations done. */
export const SCAN_MEASURE = 'paradedup-scan';

/** Leaves a mark, where the environment keeps a performance timeline (linkedom and old engines may not). */
export function mark(perf: Performance | undefined, name: string): void {
  try {
    perf?.mark(name);
  } catch {
    // No User Timing here: there is simply no entry.
  }
}
