// The benchmark's smoke test: it runs `npm run bench` at a tiny size, so the benchmark keeps working.
// It checks what the benchmark reports and that its corpora are what it claims; never timings.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { longMainThreadTasks, pageTextCaptures, splitByAnswer, type PageLoad } from './browser';
import { generateCorpus } from './corpus';
import { scriptsWithoutFont } from './fonts';
import { newsPage } from './pages';
import { sliced } from './timing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

describe('the benchmark corpora', () => {
  const corpus = generateCorpus(2000);

  test('are the same on every run', () => {
    expect(generateCorpus(200)).toEqual(generateCorpus(200));
    expect(generateCorpus(200, 1).texts).not.toEqual(generateCorpus(200, 2).texts);
  });

  test('mix Latin, Arabic and CJK paragraphs of news-like lengths', () => {
    const share = (script: string) => corpus.scripts.filter((s) => s === script).length / corpus.scripts.length;
    expect(share('latin')).toBeGreaterThan(0.3);
    expect(share('arabic')).toBeGreaterThan(0.3);
    expect(share('cjk')).toBeGreaterThan(0.08);
    const lengths = corpus.texts.map((text) => text.length).sort((a, b) => a - b);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeGreaterThan(250);
    expect(lengths[Math.floor(lengths.length / 2)]).toBeLessThan(500);
    expect(lengths.filter((n) => n < 150).length).toBeGreaterThan(0.05 * lengths.length);
    expect(lengths.at(-1)).toBeLessThan(1200);
  });

  test('are whitespace-collapsed, as the block extractor hands texts to the engine', () => {
    for (const text of corpus.texts) expect(text).toBe(text.replace(/\s+/g, ' ').trim());
  });

  test('repeat about a tenth of their paragraphs, with every kind of edit', () => {
    expect(corpus.planted.length / corpus.texts.length).toBeGreaterThan(0.07);
    expect(corpus.planted.length / corpus.texts.length).toBeLessThan(0.13);
    expect(new Set(corpus.planted.map((p) => p.kind))).toEqual(new Set(['exact', 'digits', 'dropped-word', 'marks', 'quotes', 'spliced']));
    for (const { index, of } of corpus.planted) expect(of).toBeLessThan(index);
    const distinct = new Set(corpus.texts);
    expect(distinct.size).toBeGreaterThan(0.9 * corpus.texts.length);
  });

  test('become a page with one <p> per paragraph', () => {
    const small = generateCorpus(50);
    const html = newsPage(small.texts, small.scripts);
    expect(html.match(/<p[ >]/g)).toHaveLength(50);
  });
});

describe("the sample's scan, split by when storage answered", () => {
  const load = (scanMs: number, answeredMs: number): PageLoad => ({
    scanMs,
    analyzer: 'wasm',
    phases: null,
    prefetch: { leadMs: 30, runMs: 0.5, answeredMs, roundTripMs: answeredMs + 30, stale: false },
    longestTaskMs: 0,
    longestTaskOfLoadMs: 0,
    longTasksDuringScan: 0,
    pageTextCaptureMs: 0,
    longestTaskButCaptureMs: 0,
    longestTracedTaskMs: 0,
    longestTracedTaskButCaptureMs: 0,
    longestFrameMs: 0,
  });

  test('gives the time left after a late answer, and the whole scan where the settings were there first', () => {
    const split = splitByAnswer([load(50, 42), load(40, 36), load(60, 51), load(29, -3), load(20, 0), load(90, NaN)]);
    expect(split).toEqual({ waitedLoads: 3, afterAnswerMs: 8, readyLoads: 2, readyScanMs: 24.5 });
  });

  test('reports no figure for a side no load fell on', () => {
    const split = splitByAnswer([load(50, 42)]);
    expect(split.waitedLoads).toBe(1);
    expect(split.readyLoads).toBe(0);
    expect(split.readyScanMs).toBeNaN();
  });
});

describe("Chromium's page-text capture in a load's trace", () => {
  const event = (name: string, pid: number, ts: number, dur?: number, tid = 1) => ({ name, pid, tid, ts, ph: dur === undefined ? 'R' : 'X', ...(dur === undefined ? {} : { dur }) });

  test("is placed on the page's clock by the start mark, in the page's own renderer only", () => {
    const events = [
      event('paradedup:start', 7, 5_000_000),
      event('ChromeRenderFrameObserver::CapturePageText', 7, 5_800_000, 95_000),
      event('ChromeRenderFrameObserver::CapturePageText', 9, 5_100_000, 20_000),
      event('ChromeRenderFrameObserver::CapturePageText', 7, 4_000_000, 120_000),
    ];
    expect(pageTextCaptures(events, 1_234)).toEqual([
      { start: 2_034, duration: 95 },
      { start: 234, duration: 120 },
    ]);
  });

  test('is not found without the start mark', () => {
    expect(pageTextCaptures([event('ChromeRenderFrameObserver::CapturePageText', 7, 5_800_000, 95_000)], 0)).toEqual([]);
  });

  test("the main thread's long tasks: those over 50 ms on the thread that marked the start, whatever the longtask observer says", () => {
    const events = [
      event('paradedup:start', 7, 5_000_000),
      event('ThreadControllerImpl::RunTask', 7, 5_790_000, 104_000),
      event('ThreadControllerImpl::RunTask', 7, 5_900_000, 50_000),
      event('ThreadControllerImpl::RunTask', 7, 5_100_000, 300_000, 2),
      event('ThreadControllerImpl::RunTask', 9, 5_100_000, 300_000),
    ];
    expect(longMainThreadTasks(events, 1_234)).toEqual([{ start: 2_024, duration: 104 }]);
    expect(longMainThreadTasks(events.slice(1), 1_234)).toEqual([]);
  });
});

describe("the pages' fonts", () => {
  test('names the scripts fontconfig lists no font for, once each, and none where it cannot be asked', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paradedup-fc-'));
    const fcList = path.join(dir, 'fc-list');
    // A machine with Latin, Arabic and Cyrillic fonts only, as Debian's DejaVu gives.
    writeFileSync(fcList, '#!/bin/sh\ncase "$1" in :lang=en|:lang=ar|:lang=ru) echo "DejaVu Sans" ;; esac\n', { mode: 0o755 });
    try {
      expect(scriptsWithoutFont(['latin', 'cjk', 'arabic', 'cjk', 'devanagari'], fcList)).toEqual(['cjk', 'devanagari']);
      expect(scriptsWithoutFont(['latin', 'arabic'], fcList)).toEqual([]);
      expect(scriptsWithoutFont(['latin'], path.join(dir, 'no-such-command'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('jobs timed slice by slice', () => {
  test('take every slice in turn, alternating which goes first, and total each round', () => {
    const calls: string[] = [];
    const times = sliced(
      { fast: (from, to) => calls.push(`fast ${from}-${to}`), slow: (from, to) => calls.push(`slow ${from}-${to}`) },
      5,
      2,
      { warmup: 1, rounds: 2 },
    );
    const round = ['fast 0-2', 'slow 0-2', 'slow 2-4', 'fast 2-4', 'fast 4-5', 'slow 4-5'];
    expect(calls).toEqual([...round, ...round, ...round]);
    expect(times.fast).toHaveLength(2);
    expect(times.slow).toHaveLength(2);
  });
});

describe('npm run bench -- --size tiny --json --no-browser', () => {
  test('prints the ratios of issue 5 with their details', async () => {
    const { stdout } = await promisify(execFile)(TSX, ['tests/bench/run.ts', '--size', 'tiny', '--json', '--no-browser'], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(stdout);
    expect(Object.keys(result.ratios)).toEqual(['vsSimhashJs', 'ofBarePass', 'growth100kOver10k']);
    for (const ratio of Object.values(result.ratios)) {
      expect(typeof ratio).toBe('number');
      expect(ratio as number).toBeGreaterThan(0);
    }
    expect(result.browser).toBeNull();
    expect(result.errors).toBeUndefined();

    const { node } = result.details;
    expect(node.sizes).toEqual([30, 300, 3000]);
    expect(node.throughput.paragraphs).toBe(300);
    expect(node.throughput.utf8Bytes).toBeGreaterThan(node.throughput.utf16Units);
    expect(node.throughput.engineRoundsMs).toHaveLength(node.throughput.warmupRounds + 3);
    // The engine as the CLI runs it, beside its JavaScript pass, which Chromium's content script runs.
    expect(node.throughput.analyzer).toBe('wasm');
    expect(node.throughput.javascriptMBps).toBeGreaterThan(0);
    expect(node.throughput.javascriptOfBarePass).toBeGreaterThan(0);
    expect(node.grouping.map((g: { paragraphs: number }) => g.paragraphs)).toEqual([30, 300, 3000]);
    // The tiny run has one round of the growth ratio and one of vsSimhashJs: each median is that round's ratio.
    expect(node.growthRounds).toHaveLength(1);
    expect(node.growth).toBe(node.growthRounds[0]);
    // Pages first touched are counted per round, beside the ratio, for both sizes.
    expect(node.growthFreshPages.middle).toHaveLength(1);
    expect(node.growthFreshPages.large).toHaveLength(1);
    for (const pages of [...node.growthFreshPages.middle, ...node.growthFreshPages.large]) expect(pages).toBeGreaterThanOrEqual(0);
    expect(node.throughput.vsSimhashJsRounds).toHaveLength(1);
    expect(node.throughput.vsSimhashJs).toBe(node.throughput.vsSimhashJsRounds[0]);
    for (const g of node.grouping) {
      // The engine finds the repeats the generator planted, and not many more.
      expect(g.plantedFound).toBeGreaterThanOrEqual(0.9 * g.planted);
      expect(g.flagged).toBeLessThanOrEqual(1.5 * g.planted + 3);
    }
    for (const index of node.index) {
      expect(index.bytesPerParagraph).toBeGreaterThan(0);
      expect(index.rescanChangesMs).toBeGreaterThan(0);
      expect(index.rescanGroupsMs).toBeGreaterThan(0);
      expect(index.rescanReportMs).toBeGreaterThan(0);
    }
  }, 120_000);
});
