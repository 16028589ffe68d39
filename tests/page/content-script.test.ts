import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { ToBackground } from '../../src/messages';
import { startContentScript } from '../../src/page/content-script';
import type { PageController } from '../../src/page/controller';
import {
  CLASSIFIED_MARK,
  DONE_MARK,
  JAVASCRIPT_ANALYZER_MARK,
  PREFETCH_READ_MEASURE,
  PREFETCH_RUN_MEASURE,
  PREFETCH_STALE_READ_MEASURE,
  READ_MARK,
  WASM_ANALYZER_MARK,
} from '../../src/page/scan-marks';
import { DEFAULT_SETTINGS, saveSettings, setAutoCollapse } from '../../src/settings';
import { startSettingsPrefetch, type PrefetchStorage } from '../../src/settings-prefetch';
import { pageWindow } from '../support/page-window';

const SAMPLE = readFileSync(fileURLToPath(new URL('../fixtures/pages/astana-article.ar.html', import.meta.url)), 'utf8');
/** The sample's repeats: 5 duplicates and 1 partial. */
const SAMPLE_REPEATS = 6;
const SAMPLE_DUPLICATES = 5;

let running: PageController[] = [];
let reports: ToBackground[] = [];

/** The document_start script's part: the prefetch left on `scope`, the scripts' shared global. */
function prefetchInto(scope: object): void {
  startSettingsPrefetch(fakeBrowser.storage.local as unknown as PrefetchStorage, () => performance.now(), scope);
}

function start(win: Window & typeof globalThis, scope: object) {
  const controller = startContentScript(win, scope)!;
  running.push(controller);
  return controller;
}

const folded = (doc: Document) => doc.querySelectorAll('[data-paradedup-folded]').length;
/** The first scan is shown in the page (a controller is ready only once its annotations are in) and reported. */
const scanned = () =>
  vi.waitFor(
    () => {
      expect(running.at(-1)!.state().scan.status).toBe('ready');
      expect(reports).toContainEqual({ type: 'scan-report', count: SAMPLE_REPEATS });
    },
    { timeout: 4000 },
  );

beforeEach(() => {
  fakeBrowser.reset();
  running = [];
  reports = [];
  fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
    reports.push(message as ToBackground);
    return undefined;
  });
  performance.clearMeasures();
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const controller of running) controller.stop();
});

describe('the content script and the settings prefetch', () => {
  test('plans its first scan from the prefetched read, reading nothing from storage itself', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, defaultMode: 'collapse' }, settings$: { v: 2 } });
    const scope = {};
    prefetchInto(scope);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const win = pageWindow(SAMPLE);
    start(win, scope);
    await scanned();
    expect(folded(win.document)).toBe(SAMPLE_DUPLICATES);
    expect(get).not.toHaveBeenCalled();
  });

  test('reads storage itself where no prefetch ran', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, defaultMode: 'collapse' }, settings$: { v: 2 } });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const win = pageWindow(SAMPLE);
    start(win, {});
    await scanned();
    expect(folded(win.document)).toBe(SAMPLE_DUPLICATES);
    expect(get).toHaveBeenCalled();
  });

  test('follows a setting changed between the prefetch and its own start', async () => {
    const scope = {};
    prefetchInto(scope);
    await saveSettings({ defaultMode: 'collapse' });
    const win = pageWindow(SAMPLE);
    start(win, scope);
    await scanned();
    await vi.waitFor(() => expect(folded(win.document)).toBe(SAMPLE_DUPLICATES), { timeout: 5000 });
    expect(performance.getEntriesByName(PREFETCH_STALE_READ_MEASURE, 'measure')).toHaveLength(1);
    expect(performance.getEntriesByName(PREFETCH_READ_MEASURE, 'measure')).toHaveLength(0);
  });

  test('follows a setting changed after it started, as without a prefetch', async () => {
    const scope = {};
    prefetchInto(scope);
    const win = pageWindow(SAMPLE);
    start(win, scope);
    await scanned();
    expect(folded(win.document)).toBe(0);
    await setAutoCollapse('news.example.com', true);
    await vi.waitFor(() => expect(folded(win.document)).toBe(SAMPLE_DUPLICATES), { timeout: 5000 });
  });

  test('scans with the defaults when the prefetched settings are corrupted', async () => {
    await fakeBrowser.storage.local.set({ settings: 'garbage', settings$: { v: 2 }, siteRules: ['not', 'rules'], siteRules$: { v: 2 } });
    const scope = {};
    prefetchInto(scope);
    const win = pageWindow(SAMPLE);
    start(win, scope);
    await scanned();
    expect(win.document.querySelectorAll('[data-paradedup="repeat"]')).toHaveLength(SAMPLE_DUPLICATES);
    expect(folded(win.document)).toBe(0);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(DEFAULT_SETTINGS);
  });

  test("leaves the prefetch's figures on the page's timeline for the benchmark", async () => {
    const scope = {};
    prefetchInto(scope);
    start(pageWindow(SAMPLE), scope);
    await scanned();
    await vi.waitFor(() => expect(performance.getEntriesByName(PREFETCH_RUN_MEASURE, 'measure')).toHaveLength(1));
    expect(performance.getEntriesByName(PREFETCH_READ_MEASURE, 'measure')).toHaveLength(1);
    expect(performance.getEntriesByName(PREFETCH_STALE_READ_MEASURE, 'measure')).toHaveLength(0);
  });

  test("marks where its first scan's phases ended, once each and in order, however often it rescans", async () => {
    performance.clearMarks();
    const scope = {};
    prefetchInto(scope);
    const win = pageWindow(SAMPLE);
    start(win, scope);
    await scanned();
    // Another strictness reads and classifies the whole page again.
    const before = reports.length;
    await saveSettings({ strictness: 'exact' });
    await vi.waitFor(() => expect(reports.slice(before)).toContainEqual({ type: 'scan-report', count: SAMPLE_REPEATS }), { timeout: 4000 });
    const [read, classified, done] = [READ_MARK, CLASSIFIED_MARK, DONE_MARK].map((name) => performance.getEntriesByName(name, 'mark'));
    expect([read.length, classified.length, done.length]).toEqual([1, 1, 1]);
    expect(read[0].startTime).toBeLessThanOrEqual(classified[0].startTime);
    expect(classified[0].startTime).toBeLessThanOrEqual(done[0].startTime);
    // Which pass analysed the blocks, once: JavaScript, as nothing installed the WebAssembly one (as in Chromium).
    expect(performance.getEntriesByName(JAVASCRIPT_ANALYZER_MARK, 'mark')).toHaveLength(1);
    expect(performance.getEntriesByName(WASM_ANALYZER_MARK, 'mark')).toHaveLength(0);
  });
});

describe('a page Chromium prerenders (speculation rules, the address bar) before the reader goes to it', () => {
  test('is scanned and reported only once the reader goes to it, as its count would land on the badge of the page still shown', async () => {
    const prerendered = pageWindow(SAMPLE);
    Object.defineProperty(prerendered.document, 'prerendering', { value: true, configurable: true });
    const waiting = start(prerendered, {});
    // A page shown at once, started after it, scans and reports meanwhile: the prerendered one had as long.
    start(pageWindow(SAMPLE), {});
    await scanned();
    expect(waiting.state().scan.status).not.toBe('ready');
    expect(prerendered.document.querySelectorAll('[data-paradedup]')).toHaveLength(0);
    expect(reports.filter((report) => report.type === 'scan-report')).toHaveLength(1);

    Object.defineProperty(prerendered.document, 'prerendering', { value: false, configurable: true });
    prerendered.document.dispatchEvent(new prerendered.document.defaultView!.Event('prerenderingchange'));
    await vi.waitFor(() => expect(waiting.state().scan.status).toBe('ready'), { timeout: 4000 });
    expect(reports.filter((report) => report.type === 'scan-report')).toHaveLength(2);
    expect(prerendered.document.querySelectorAll('[data-paradedup="repeat"]').length).toBeGreaterThan(0);
  });
});
