// The browser half of `npm run bench` at its tiny size: Chromium with the built extension, on the
// generated page and the sample article. Like the Node half's smoke test (tests/bench/bench.test.ts),
// it checks what the benchmark reports, never timings. Here, in the e2e project, it gets the browser
// to itself; without Chromium it fails with the bench's own install hint.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { BrowserResults } from '../bench/browser';
import { FONT_PACKAGE } from '../bench/fonts';
import { sampleLines } from '../support/sample';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

async function benchJson(): Promise<{ browser: Record<string, number>; details: { browser: BrowserResults }; errors?: string[] }> {
  const run = promisify(execFile)(TSX, ['tests/bench/run.ts', '--size', 'tiny', '--json', '--no-node'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  // A failed run exits non-zero: its stderr says why (no Chromium: how to install it).
  const { stdout } = await run.catch((error: { stderr?: string; message: string }) => {
    throw new Error(`npm run bench -- --size tiny --no-node failed: ${error.stderr || error.message}`);
  });
  return JSON.parse(stdout);
}

describe('npm run bench -- --size tiny --json --no-node', () => {
  test("reports the scans of issue 5 in Chromium, each load's split into the phases of its first scan, and storage's round trips", { timeout: 120_000 }, async () => {
    const result = await benchJson();
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.browser)).toEqual(['pageParagraphs', 'scanMs', 'longestTaskMs', 'longestTaskButCaptureMs', 'longestTracedTaskMs', 'sampleScanMs', 'longestFrameMs']);
    const { page, sample, scriptsWithoutFont } = result.details.browser;
    // The machine's fonts for the pages' scripts are checked, as without them Chromium lays pages out far slower.
    if (scriptsWithoutFont !== null) for (const script of scriptsWithoutFont) expect(Object.keys(FONT_PACKAGE)).toContain(script);
    expect(result.browser.pageParagraphs).toBe(page.paragraphs);
    expect(sample.paragraphs).toBe(sampleLines().length);
    for (const measured of [page, sample]) {
      expect(measured.loads.length).toBeGreaterThan(0);
      // Chromium's content script runs the JavaScript pass: its WebAssembly would answer to the page's CSP (entrypoints/content-script.ts).
      expect(measured.analyzer).toBe('javascript');
      for (const load of measured.loads) {
        expect(load.scanMs).toBeGreaterThan(0);
        expect(load.longestTaskMs).toBeGreaterThanOrEqual(0);
        // Chromium's own page-text capture, found in the load's trace, is told apart from the rest.
        expect(load.pageTextCaptureMs).toBeGreaterThanOrEqual(0);
        expect(load.longestTaskButCaptureMs).toBeGreaterThanOrEqual(0);
        expect(load.longestTaskButCaptureMs).toBeLessThanOrEqual(load.longestTaskMs);
        // The main thread's tasks from the trace: none shorter than a long task is counted.
        expect(load.longestTracedTaskButCaptureMs).toBeLessThanOrEqual(load.longestTracedTaskMs);
        if (load.longestTracedTaskMs > 0) expect(load.longestTracedTaskMs).toBeGreaterThan(50);
        // The content script marked every phase, in order, and the phases add up to the scan.
        expect(load.phases).not.toBeNull();
        const { readMs, indexMs, showMs } = load.phases!;
        for (const phase of [readMs, indexMs, showMs]) expect(phase).toBeGreaterThanOrEqual(0);
        expect(readMs + indexMs + showMs).toBeCloseTo(load.scanMs, 3);
      }
      expect(measured.phases).not.toBeNull();
      // Storage's answer to the settings prefetch, timed while the page loads and again once it sits idle.
      const { prefetch } = measured;
      expect(prefetch).not.toBeNull();
      for (const load of measured.loads) {
        if (!Number.isNaN(load.prefetch!.answeredMs)) expect(load.prefetch!.roundTripMs).toBeGreaterThan(0);
      }
      expect(prefetch!.idleRoundTripMs).not.toBeNaN();
      expect(prefetch!.idleRoundTripMs).toBeGreaterThanOrEqual(0);
    }
  });
});
