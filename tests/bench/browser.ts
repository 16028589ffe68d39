// The browser half of the benchmark: headless Chromium with the built extension, on pages served
// from 127.0.0.1, driven over its DevTools pipe (cdp.ts). The content script marks `paradedup:start`
// and `paradedup:done` on the page's performance timeline; a `longtask` observer installed before
// the page loads sees every main-thread task longer than 50 ms, the content script's included.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS } from '../e2e/drivers/chromium';
import {
  CLASSIFIED_MARK,
  DONE_MARK,
  JAVASCRIPT_ANALYZER_MARK,
  PREFETCH_READ_MEASURE,
  PREFETCH_RUN_MEASURE,
  PREFETCH_STALE_READ_MEASURE,
  READ_MARK,
  START_MARK,
  WASM_ANALYZER_MARK,
} from '../../src/page/scan-marks';
import { PLAN_STORAGE_KEYS } from '../../src/settings-prefetch';
import { CdpBrowser, CdpTab, within, type TraceEvent } from './cdp';
import type { Script } from './corpus';
import { FONT_PACKAGE, scriptsWithoutFont } from './fonts';
import { median } from './timing';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const INSTALL_HINT = 'apt-get install -y --no-install-recommends chromium firefox-esr';
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_EXTENSION_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');
const SCAN_TIMEOUT_MS = 60_000;
/** Navigation's own limit: without fonts for its scripts, Chromium took up to 27 s to load the long page. */
const LOAD_TIMEOUT_MS = 120_000;

/**
 * The settings prefetch of one load: it runs at document_start, before the start mark, so its time is
 * not in scanMs; these figures show what it cost and how much earlier it began.
 */
export interface PrefetchLoad {
  /** How long before the content script's start mark the prefetch began. */
  leadMs: number;
  /** The prefetch script's own run (its synchronous part: starting the read and listening for changes). */
  runMs: number;
  /** When storage answered the prefetch, relative to the start mark (negative: before the content script started); NaN if unknown. */
  answeredMs: number;
  /** From the prefetch's read starting to storage answering it; NaN if unknown. */
  roundTripMs: number;
  /** A settings change after the prefetch's read made the content script read storage again. */
  stale: boolean;
}

/**
 * The first scan's phases, which add up to its scanMs: reading the page's blocks (start → read),
 * indexing and classifying them (read → classified; a wait for the settings falls here too), and
 * showing the results (classified → done).
 */
export interface ScanPhases {
  readMs: number;
  indexMs: number;
  showMs: number;
}

/** Which pass analysed the blocks (see WASM_ANALYZER_MARK); null when the content script did not say (an older build). */
export type Analyzer = 'wasm' | 'javascript' | null;

export interface PageLoad {
  scanMs: number;
  analyzer: Analyzer;
  /** Null when the content script left no phase marks (an older build) or they were out of order. */
  phases: ScanPhases | null;
  /** Null when no prefetch ran (an extension built without it). */
  prefetch: PrefetchLoad | null;
  /** The longest main-thread task overlapping the scan, from start mark to done mark. */
  longestTaskMs: number;
  /** The longest task of the whole load, the page's own parsing and layout included. */
  longestTaskOfLoadMs: number;
  /** How many long tasks (> 50 ms) overlapped the scan. */
  longTasksDuringScan: number;
  /**
   * Chromium's own capture of the page's text during the scan (`ChromeRenderFrameObserver::CapturePageText`,
   * in a trace of the load; 0 if none): in a frame after the load event it walks the whole page's text
   * for language detection and classifiers, with or without an extension. On a static page that frame
   * is the one our annotations cause, so it falls in the scan, inside a long task.
   */
  pageTextCaptureMs: number;
  /** The longest task overlapping the scan that holds no page-text capture of Chromium's. */
  longestTaskButCaptureMs: number;
  /**
   * The same two, from the main thread's tasks in the load's trace (0: none over 50 ms): a `longtask`
   * observer may leave tasks out, and Chromium 156's reports no task of its page-text capture.
   */
  longestTracedTaskMs: number;
  longestTracedTaskButCaptureMs: number;
  /**
   * The longest animation frame (> 50 ms) overlapping the scan, rendering included: Chromium reports
   * no long task for a frame whose time goes to style, layout and paint, which our DOM writes cause.
   */
  longestFrameMs: number;
}

/** Medians over the loads the prefetch ran in. */
export interface PrefetchResult {
  loads: number;
  leadMs: number;
  runMs: number;
  answeredMs: number;
  /** From the read starting to storage answering, while the page loads. */
  roundTripMs: number;
  /**
   * The same read from the content script's world once the page has loaded and sits idle: what storage
   * costs when the browser is not busy loading a page. NaN if it could not be made.
   */
  idleRoundTripMs: number;
  /** Loads in which the content script could not use the prefetched read (a change came in between). */
  staleLoads: number;
  /**
   * The scan split by when storage answered: loads that waited for it after the start mark, and the
   * median time from its answer to the done mark (what is left once the settings are known); loads
   * whose settings were there before the start mark, and their median scan (all of the work, cold).
   * NaN where no load fell on that side.
   */
  waitedLoads: number;
  afterAnswerMs: number;
  readyLoads: number;
  readyScanMs: number;
}

export interface PageResult {
  paragraphs: number;
  loads: PageLoad[];
  /** The analyzer of every load; 'mixed' if they differed. */
  analyzer: Analyzer | 'mixed';
  scanMs: number;
  /** Medians over the loads that have phases; null when none has. */
  phases: ScanPhases | null;
  prefetch: PrefetchResult | null;
  longestTaskMs: number;
  /** Medians over loads of Chromium's page-text capture during the scan, and of the longest task without one (see PageLoad). */
  pageTextCaptureMs: number;
  longestTaskButCaptureMs: number;
  /** Medians over loads of the longest main-thread tasks in the traces (see PageLoad). */
  longestTracedTaskMs: number;
  longestTracedTaskButCaptureMs: number;
  /** Median over loads of the longest animation frame during the scan (see PageLoad). */
  longestFrameMs: number;
}

export interface BrowserResults {
  chromium: string;
  extensionDir: string;
  /** The pages' scripts that no installed font covers (fonts.ts); null if fontconfig could not be asked. */
  scriptsWithoutFont: Script[] | null;
  page: PageResult;
  sample: PageResult & { source: 'fixture' | 'generated' };
}

export interface BrowserPages {
  page: { html: string; paragraphs: number; scripts: readonly Script[] };
  sample: { html: string; paragraphs: number; scripts: readonly Script[]; source: 'fixture' | 'generated' };
}

interface BenchProbe {
  /** Every long task's start and duration. */
  tasks: { start: number; duration: number }[];
  /** Every long animation frame's start and duration. */
  frames: { start: number; duration: number }[];
}

/** Called by the probe when the done mark appears: a binding, which runs nothing in the page. */
const DONE_BINDING = '__paradedupBenchDone';

/**
 * Installed before any page script: records long tasks and tells the harness of the done mark, so
 * it can wait for the scan without evaluating anything in the page (an evaluation runs on the main
 * thread: polling through Playwright's injected script took 13–37 ms in the middle of a scan).
 */
const PROBE = `(() => {
  const tasks = [];
  const frames = [];
  Object.defineProperty(window, '__paradedupBench', { value: { tasks, frames } });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) frames.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'long-animation-frame', buffered: true });
  }
  new PerformanceObserver((list) => {
    if (list.getEntriesByName(${JSON.stringify(DONE_MARK)}).length > 0) window[${JSON.stringify(DONE_BINDING)}]("");
  }).observe({ type: 'mark', buffered: true });
})();`;

type ProbedWindow = Window & { __paradedupBench: BenchProbe };

/** The built extension, copied so a build running elsewhere cannot change it mid-run. */
function stableExtensionCopy(extensionDir: string, log: (line: string) => void): string {
  const manifest = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifest)) {
    if (path.resolve(extensionDir) !== DEFAULT_EXTENSION_DIR) {
      throw new Error(`No built extension in ${extensionDir} (manifest.json missing). Build one with \`npx wxt build\` in the checkout to measure, and pass its .output/chrome-mv3.`);
    }
    log('browser: building the extension (npx wxt build)');
    const build = spawnSync('npx', ['wxt', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0 || !existsSync(manifest)) throw new Error('npx wxt build failed: cannot measure the extension in the browser');
  }
  const copy = mkdtempSync(path.join(tmpdir(), 'paradedup-bench-ext-'));
  cpSync(extensionDir, copy, { recursive: true });
  return copy;
}

function serve(pages: Record<string, string>): Promise<{ url: (name: string) => string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1);
    const html = pages[name];
    if (html === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: (name) => `http://127.0.0.1:${port}/${name}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** Resolves the current load's wait when the probe calls DONE_BINDING. */
let scanDone: (() => void) | null = null;

/** Trace categories of each measured load: Chromium's page-text capture, the page's marks and the threads' tasks, too few to slow the load. */
const TRACE_CATEGORIES = ['renderer', 'blink.user_timing', 'toplevel'];
const PAGE_TEXT_CAPTURE = 'ChromeRenderFrameObserver::CapturePageText';
const TASK = 'ThreadControllerImpl::RunTask';
/** A long task, in the trace's microseconds. */
const LONG_TASK_US = 50_000;

/** The trace's complete events that `keep` takes, placed on the page's own clock (ms) by its start mark; none without the mark. */
function onPageClock(events: readonly TraceEvent[], startMs: number, keep: (event: TraceEvent, mark: TraceEvent) => boolean): { start: number; duration: number }[] {
  const mark = events.find((event) => event.name === START_MARK);
  if (!mark) return [];
  return events
    .filter((event) => event.ph === 'X' && keep(event, mark))
    .map((event) => ({ start: startMs + (event.ts - mark.ts) / 1000, duration: (event.dur ?? 0) / 1000 }));
}

/** Chromium's page-text captures of the load, in the page's own renderer. */
export function pageTextCaptures(events: readonly TraceEvent[], startMs: number): { start: number; duration: number }[] {
  return onPageClock(events, startMs, (event, mark) => event.name === PAGE_TEXT_CAPTURE && event.pid === mark.pid);
}

/** The page's main-thread tasks over 50 ms in the load's trace (the thread that marked the start). */
export function longMainThreadTasks(events: readonly TraceEvent[], startMs: number): { start: number; duration: number }[] {
  return onPageClock(events, startMs, (event, mark) => event.name === TASK && event.pid === mark.pid && event.tid === mark.tid && (event.dur ?? 0) > LONG_TASK_US);
}

/** Loads `url` and waits for the content script's done mark; what the page recorded of the load. */
async function loadTimeline(page: CdpTab, url: string) {
  let timer: NodeJS.Timeout | undefined;
  const scanned = new Promise<boolean>((resolve) => {
    scanDone = () => resolve(true);
    timer = setTimeout(() => resolve(false), SCAN_TIMEOUT_MS);
  });
  let finished: boolean;
  try {
    await page.goto(url, LOAD_TIMEOUT_MS);
    finished = await scanned;
  } finally {
    clearTimeout(timer);
    scanDone = null;
  }
  if (!finished) {
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((mark) => mark.name), null);
    const seen = marks.filter((name) => name.startsWith('paradedup:'));
    throw new Error(
      `The content script did not mark '${DONE_MARK}' within ${SCAN_TIMEOUT_MS / 1000} s on ${url} ` +
        `(ParaDedup marks seen: ${seen.length ? seen.join(', ') : 'none'}). The content script must call ` +
        `performance.mark('${START_MARK}') when it starts and performance.mark('${DONE_MARK}') when the first scan's annotation is done.`,
    );
  }
  // Long-task entries are delivered after their task ends: let one more task run first.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)), null);
  const timeline = await page.evaluate(
    ([start, done, readBlocks, classified, run, read, staleRead, wasm, javascript]) => {
      // Inline functions only: a named one would need the bundler's helpers, which the page lacks.
      const [prefetchRun, prefetchRead, prefetchStaleRead] = [run, read, staleRead].map((name) =>
        performance.getEntriesByName(name, 'measure').map((m) => ({ start: m.startTime, end: m.startTime + m.duration })),
      );
      return {
        start: performance.getEntriesByName(start).map((mark) => mark.startTime),
        done: performance.getEntriesByName(done).map((mark) => mark.startTime),
        read: performance.getEntriesByName(readBlocks).map((mark) => mark.startTime),
        classified: performance.getEntriesByName(classified).map((mark) => mark.startTime),
        analyzer: performance.getEntriesByName(wasm).length > 0 ? 'wasm' : performance.getEntriesByName(javascript).length > 0 ? 'javascript' : null,
        prefetchRun,
        prefetchRead,
        prefetchStaleRead,
        tasks: (window as unknown as ProbedWindow).__paradedupBench.tasks,
        frames: (window as unknown as ProbedWindow).__paradedupBench.frames,
      };
    },
    [
      START_MARK,
      DONE_MARK,
      READ_MARK,
      CLASSIFIED_MARK,
      PREFETCH_RUN_MEASURE,
      PREFETCH_READ_MEASURE,
      PREFETCH_STALE_READ_MEASURE,
      WASM_ANALYZER_MARK,
      JAVASCRIPT_ANALYZER_MARK,
    ] as const,
  );
  return timeline;
}

async function measureLoad(page: CdpTab, url: string): Promise<PageLoad> {
  const tracing = await page.browser.startTracing(TRACE_CATEGORIES);
  let timeline: Awaited<ReturnType<typeof loadTimeline>>;
  try {
    timeline = await loadTimeline(page, url);
  } catch (error) {
    // The load's error is the one to report; tracing must not stay on for whatever runs next.
    await tracing.stop().catch(() => undefined);
    throw error;
  }
  const traced = await tracing.stop();
  if (timeline.start.length === 0) throw new Error(`The content script marked '${DONE_MARK}' but not '${START_MARK}' on ${url}`);
  const start = timeline.start[0];
  const done = timeline.done[0];
  if (done < start) throw new Error(`'${DONE_MARK}' (${done} ms) precedes '${START_MARK}' (${start} ms) on ${url}`);
  const overlapsScan = (entry: { start: number; duration: number }) => entry.start < done && entry.start + entry.duration > start;
  const duringScan = timeline.tasks.filter(overlapsScan);
  const tracedDuringScan = longMainThreadTasks(traced, start).filter(overlapsScan);
  const captures = pageTextCaptures(traced, start).filter(overlapsScan);
  // Long-task times are rounded: a task holds a capture that lies within it, give or take a millisecond.
  const holdsCapture = (task: { start: number; duration: number }) =>
    captures.some((capture) => capture.start >= task.start - 1 && capture.start + capture.duration <= task.start + task.duration + 1);
  const [run] = timeline.prefetchRun;
  const [staleRead] = timeline.prefetchStaleRead;
  const read = timeline.prefetchRead[0] ?? staleRead;
  return {
    scanMs: done - start,
    analyzer: timeline.analyzer as Analyzer,
    phases: scanPhases(start, timeline.read[0], timeline.classified.filter((at) => at <= done).at(-1), done),
    prefetch: run
      ? {
          leadMs: start - run.start,
          runMs: run.end - run.start,
          answeredMs: read ? read.end - start : NaN,
          roundTripMs: read ? read.end - read.start : NaN,
          stale: staleRead !== undefined,
        }
      : null,
    longestTaskMs: Math.max(0, ...duringScan.map((task) => task.duration)),
    longestTaskOfLoadMs: Math.max(0, ...timeline.tasks.map((task) => task.duration)),
    longTasksDuringScan: duringScan.length,
    pageTextCaptureMs: captures.reduce((sum, capture) => sum + capture.duration, 0),
    longestTaskButCaptureMs: Math.max(0, ...duringScan.filter((task) => !holdsCapture(task)).map((task) => task.duration)),
    longestTracedTaskMs: Math.max(0, ...tracedDuringScan.map((task) => task.duration)),
    longestTracedTaskButCaptureMs: Math.max(0, ...tracedDuringScan.filter((task) => !holdsCapture(task)).map((task) => task.duration)),
    longestFrameMs: Math.max(0, ...timeline.frames.filter(overlapsScan).map((frame) => frame.duration)),
  };
}

/** The phases between the marks, when all of them are there and in order. */
function scanPhases(start: number, read: number | undefined, classified: number | undefined, done: number): ScanPhases | null {
  if (read === undefined || classified === undefined || !(start <= read && read <= classified && classified <= done)) return null;
  return { readMs: read - start, indexMs: classified - read, showMs: done - classified };
}

/** Medians of each phase over the loads that have phases. */
function medianPhases(loads: readonly PageLoad[]): ScanPhases | null {
  const phased = loads.flatMap((load) => (load.phases ? [load.phases] : []));
  if (phased.length === 0) return null;
  return {
    readMs: median(phased.map((p) => p.readMs)),
    indexMs: median(phased.map((p) => p.indexMs)),
    showMs: median(phased.map((p) => p.showMs)),
  };
}

/** One more load of `url` under the V8 sampling profiler (content script included), saved as a .cpuprofile for DevTools. */
async function profileLoad(page: CdpTab, url: string, file: string): Promise<void> {
  await page.send('Profiler.enable');
  await page.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.send('Profiler.start');
  await measureLoad(page, url);
  const { profile } = await page.send('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  await page.send('Profiler.disable');
}

/** Loads split by whether storage answered after the start mark or before it (see PrefetchResult); an unknown answer counts on neither side. */
export function splitByAnswer(loads: readonly PageLoad[]): Pick<PrefetchResult, 'waitedLoads' | 'afterAnswerMs' | 'readyLoads' | 'readyScanMs'> {
  const waited = loads.filter((l) => l.prefetch && l.prefetch.answeredMs > 0);
  const ready = loads.filter((l) => l.prefetch && l.prefetch.answeredMs <= 0);
  return {
    waitedLoads: waited.length,
    afterAnswerMs: median(waited.map((l) => l.scanMs - l.prefetch!.answeredMs)),
    readyLoads: ready.length,
    readyScanMs: median(ready.map((l) => l.scanMs)),
  };
}

/** Reads of the plan's keys per idle measurement; the first is dropped, as a warm-up. */
const IDLE_READS = 7;

/** What the content script's world has of the extension API, as far as the read below needs it. */
type ExtensionGlobal = { chrome: { storage: { local: { get(keys: readonly string[]): Promise<unknown> } } } };

/**
 * Times `storage.local.get` of the plan's keys from the extension's content-script world of the loaded
 * page, as the prefetch reads them: the median round trip once the page is idle, NaN without that world.
 */

async function idleStorageRoundTrip(page: CdpTab): Promise<number> {
  const world = page.extensionWorlds.at(-1);
  if (world === undefined) return NaN;
  try {
    const times = await page.evaluate(
      async ({ keys, reads }) => {
        const times: number[] = [];
        for (let i = 0; i < reads; i++) {
          const started = performance.now();
          await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(keys);
          times.push(performance.now() - started);
        }
        return times;
      },
      { keys: PLAN_STORAGE_KEYS, reads: IDLE_READS },
      world,
    );
    return median(times.slice(1));
  } catch {
    return NaN;
  }
}

async function measurePage(page: CdpTab, url: string, paragraphs: number, loads: number): Promise<PageResult> {
  const results: PageLoad[] = [];
  for (let load = 0; load < loads; load++) results.push(await measureLoad(page, `${url}?load=${load}`));
  const idleRoundTripMs = await idleStorageRoundTrip(page);
  const prefetched = results.flatMap((r) => (r.prefetch ? [r.prefetch] : []));
  const analyzers = new Set(results.map((r) => r.analyzer));
  return {
    paragraphs,
    loads: results,
    analyzer: analyzers.size === 1 ? results[0].analyzer : 'mixed',
    scanMs: median(results.map((r) => r.scanMs)),
    phases: medianPhases(results),
    prefetch:
      prefetched.length === 0
        ? null
        : {
            loads: prefetched.length,
            leadMs: median(prefetched.map((p) => p.leadMs)),
            runMs: median(prefetched.map((p) => p.runMs)),
            answeredMs: median(prefetched.map((p) => p.answeredMs).filter((ms) => !Number.isNaN(ms))),
            roundTripMs: median(prefetched.map((p) => p.roundTripMs).filter((ms) => !Number.isNaN(ms))),
            idleRoundTripMs,
            staleLoads: prefetched.filter((p) => p.stale).length,
            ...splitByAnswer(results),
          },
    longestTaskMs: median(results.map((r) => r.longestTaskMs)),
    pageTextCaptureMs: median(results.map((r) => r.pageTextCaptureMs)),
    longestTaskButCaptureMs: median(results.map((r) => r.longestTaskButCaptureMs)),
    longestTracedTaskMs: median(results.map((r) => r.longestTracedTaskMs)),
    longestTracedTaskButCaptureMs: median(results.map((r) => r.longestTracedTaskButCaptureMs)),
    longestFrameMs: median(results.map((r) => r.longestFrameMs)),
  };
}

/** The extension is live once its service worker runs; discovering targets reports the ones already there. */
async function waitForExtensionWorker(browser: CdpBrowser): Promise<void> {
  const worker = browser.next('Target.targetCreated', ({ targetInfo }) => targetInfo.type === 'service_worker' && targetInfo.url.startsWith('chrome-extension://'));
  try {
    await browser.send('Target.setDiscoverTargets', { discover: true });
    await within(worker.event, 10_000, "The extension's service worker did not start within 10 s: is the build in the extension directory complete?");
  } finally {
    worker.off();
  }
}

async function chromiumVersion(browser: CdpBrowser): Promise<string> {
  const { product } = await browser.send('Browser.getVersion');
  return String(product).replace(/^\w+\//, '');
}

export async function runBrowserBenchmark(
  pages: BrowserPages,
  {
    extensionDir = DEFAULT_EXTENSION_DIR,
    chromiumPath = CHROMIUM_PATH,
    pageLoads = 3,
    sampleLoads = 7,
    profileFile,
  }: { extensionDir?: string; chromiumPath?: string; pageLoads?: number; sampleLoads?: number; profileFile?: string },
  log: (line: string) => void,
): Promise<BrowserResults> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is not installed (${chromiumPath} not found). Install it with: ${INSTALL_HINT}`);
  const withoutFont = scriptsWithoutFont([...pages.page.scripts, ...pages.sample.scripts]);
  if (withoutFont?.length) {
    const packages = [...new Set(withoutFont.map((script) => FONT_PACKAGE[script]))].join(' ');
    log(`browser: WARNING no font on this machine for ${withoutFont.join(', ')}: Chromium lays such text out slower, which may slow the scans (apt-get install ${packages})`);
  }
  const extension = stableExtensionCopy(extensionDir, log);
  const profile = mkdtempSync(path.join(tmpdir(), 'paradedup-bench-profile-'));
  const server = await serve({ 'page.html': pages.page.html, 'sample.html': pages.sample.html });
  let browser: CdpBrowser | undefined;
  try {
    browser = await CdpBrowser.launch(chromiumPath, [
      ...CHROMIUM_ARGS,
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ]);
    await waitForExtensionWorker(browser);
    const page = await CdpTab.open(browser);
    await page.exposeBinding(DONE_BINDING, () => scanDone?.());
    await page.addInitScript(PROBE);
    log(`browser: ${pages.page.paragraphs}-paragraph page, ${pageLoads} loads`);
    const long = await measurePage(page, server.url('page.html'), pages.page.paragraphs, pageLoads);
    log(`browser: longest animation frame during each scan (rendering included): ${long.loads.map((l) => l.longestFrameMs.toFixed(0)).join(', ')} ms`);
    log(`browser: sample article, ${sampleLoads} loads`);
    const sample = await measurePage(page, server.url('sample.html'), pages.sample.paragraphs, sampleLoads);
    if (profileFile) {
      log(`browser: profiling one more load of the ${pages.page.paragraphs}-paragraph page into ${profileFile}`);
      await profileLoad(page, `${server.url('page.html')}?load=profiled`, profileFile);
    }
    if (page.errors.length > 0) throw new Error(`The pages threw while the extension ran: ${page.errors.join('; ')}`);
    return {
      chromium: await chromiumVersion(browser),
      extensionDir: path.resolve(extensionDir),
      scriptsWithoutFont: withoutFont,
      page: long,
      sample: { ...sample, source: pages.sample.source },
    };
  } finally {
    await browser?.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(extension, { recursive: true, force: true });
  }
}
