import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageState, ToBackground } from '../../src/messages';
import { Annotator } from '../../src/page/annotate';
import { startContentScript } from '../../src/page/content-script';
import { DedupIndex } from '../../src/engine';
import { BlockRegistry } from '../../src/page/block-registry';
import { extractBlocks } from '../../src/page/blocks';
import { PageController, snippetOf, type PlanSource } from '../../src/page/controller';
import { TEXT_ATTR } from '../../src/page/fold';
import { loadPagePlan, saveSettings, setAutoCollapse, setNeverScan, type PagePlan } from '../../src/settings';
import { FAST_OBSERVER, fastClock, storagePlans } from '../support/controller-env';
import { addFakeHighlights, paintedTexts } from '../support/fake-highlights';
import { pageWindow } from '../support/page-window';
import { Prng } from '../support/prng';

const SAMPLE = readFileSync(fileURLToPath(new URL('../fixtures/pages/astana-article.ar.html', import.meta.url)), 'utf8');

const plans = storagePlans;
const OBSERVER = FAST_OBSERVER;

let running: PageController[] = [];

function start(win: Window & typeof globalThis, source: PlanSource = plans) {
  const reports: ToBackground[] = [];
  const controller = new PageController({ win, plans: source, report: (m) => reports.push(m), clock: fastClock, observer: OBSERVER });
  running.push(controller);
  const ready = controller.start();
  const state = () => controller.handle({ type: 'get-state' }) as Promise<PageState>;
  const until = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 5 });
  return { controller, reports, ready, state, until, doc: win.document };
}

/** A sentence of made-up words, different for every seed: filler no two of which repeat. */
const wordSoup = (seed: number) => {
  const random = new Prng(seed * 2654435761 + 1);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'fa', 'gu', 'ha'];
  const word = () => Array.from({ length: random.between(2, 4) }, () => random.pick(syllables)).join('');
  return Array.from({ length: 16 }, word).join(' ') + '.';
};

const statuses = (doc: Document) => [...doc.querySelectorAll('[data-paradedup]')].map((el) => el.getAttribute('data-paradedup'));
const count = (list: (string | null)[], value: string) => list.filter((v) => v === value).length;

beforeEach(() => {
  fakeBrowser.reset();
  running = [];
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const controller of running) controller.stop();
});

describe('the sample article', () => {
  test('is highlighted: 5 repeats, 1 partial, 6 first occurrences; the badge hears 6', async () => {
    const win = pageWindow(SAMPLE);
    const { ready, reports, state, doc } = start(win);
    await ready;
    const marks = statuses(doc);
    expect(count(marks, 'repeat')).toBe(5);
    expect(count(marks, 'partial')).toBe(1);
    expect(count(marks, 'first')).toBe(6);
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(0);
    expect(reports).toEqual([{ type: 'scan-report', count: 6 }]);
    const { hostname, mode, scan } = await state();
    expect(hostname).toBe('news.example.com');
    expect(mode).toBe('highlight');
    expect(scan.status).toBe('ready');
    if (scan.status !== 'ready') return;
    expect([scan.duplicates, scan.partial]).toEqual([5, 1]);
    expect(scan.groups).toHaveLength(6);
    for (const group of scan.groups) {
      expect(group.members[0]).toEqual({ id: group.canonical, status: 'unique' });
      expect(group.snippet.length).toBeLessThanOrEqual(80);
      expect(group.snippet.length).toBeGreaterThan(20);
    }
  });

  test('where the browser paints highlights, line 10 keeps its own nodes, and "off" takes the paint away', async () => {
    const win = pageWindow(SAMPLE);
    const registry = addFakeHighlights(win);
    const paragraphs = () => [...win.document.querySelectorAll('article p')];
    const contentsBefore = paragraphs().map((p) => p.innerHTML);
    const original = win.document.body.outerHTML;
    const { ready, controller, doc } = start(win);
    await ready;
    const partial = doc.querySelector('[data-paradedup="partial"]')!;
    const painted = paintedTexts(registry);
    expect(painted).toHaveLength(1);
    expect(partial.textContent).toContain(painted[0]);
    expect(partial.textContent!.length).toBeGreaterThan(painted[0].length);
    expect(partial.getAttribute('title')).toMatch(/^Repeats paragraph \d+: “/);
    // Only our attributes were added to it: its contents are the page's own.
    expect(partial.innerHTML).toBe(contentsBefore[paragraphs().indexOf(partial)]);
    await controller.handle({ type: 'set-mode', mode: 'off' });
    expect(paintedTexts(registry)).toEqual([]);
    expect(doc.body.outerHTML).toBe(original);
  });

  test('a repeat’s tooltip names the paragraph it repeats', async () => {
    const win = pageWindow(SAMPLE);
    const { ready, doc } = start(win);
    await ready;
    const repeat = doc.querySelector('[data-paradedup="repeat"]')!;
    const group = repeat.getAttribute('data-paradedup-group');
    const first = doc.querySelector(`[data-paradedup="first"][data-paradedup-group="${group}"]`)!;
    expect(repeat.getAttribute('title')).toMatch(/^Repeats paragraph \d+: “/);
    expect(repeat.getAttribute('title')).toContain(first.textContent!.trim().slice(0, 20));
  });

  test('collapse folds the 5 repeats but not the partial, whose repeated sentences are marked', async () => {
    const win = pageWindow(SAMPLE);
    const { ready, controller, doc } = start(win);
    await ready;
    const state = (await controller.handle({ type: 'set-mode', mode: 'collapse' })) as PageState;
    expect(state.mode).toBe('collapse');
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(5);
    const folded = [...doc.querySelectorAll('[data-paradedup-folded]')];
    expect(folded.map((el) => el.getAttribute('data-paradedup'))).toEqual(Array(5).fill('repeat'));
    for (const el of folded) expect(el.previousElementSibling?.localName).toBe('paradedup-fold');
    const partial = doc.querySelector('[data-paradedup="partial"]')!;
    expect(partial.hasAttribute('data-paradedup-folded')).toBe(false);
    const marks = partial.querySelectorAll('paradedup-mark');
    expect(marks.length).toBeGreaterThan(0);
    const canonical = Number(marks[0].getAttribute('data-paradedup-of'));
    const marked = [...marks].map((m) => m.textContent).join('');
    expect(partial.textContent!.length).toBeGreaterThan(marked.length);
    const groups = (await controller.handle({ type: 'get-state' })) as PageState;
    expect(groups.scan.status === 'ready' && groups.scan.groups.some((g) => g.canonical === canonical)).toBe(true);
  });

  test('off gives back the body byte for byte, and highlight brings the marks back', async () => {
    const win = pageWindow(SAMPLE);
    const original = win.document.body.outerHTML;
    const { ready, controller, doc } = start(win);
    await ready;
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    expect(doc.body.outerHTML).not.toBe(original);
    await controller.handle({ type: 'set-mode', mode: 'off' });
    expect(doc.body.outerHTML).toBe(original);
    await controller.handle({ type: 'set-mode', mode: 'highlight' });
    expect(count(statuses(doc), 'repeat')).toBe(5);
  });
});

describe('settings', () => {
  test('a site set to auto-collapse opens folded, and switching it off unfolds the page at once', async () => {
    await setAutoCollapse('example.com', true);
    const win = pageWindow(SAMPLE);
    const { ready, doc, until, state } = start(win);
    await ready;
    expect(doc.querySelectorAll('[data-paradedup-folded]')).toHaveLength(5);
    await setAutoCollapse('news.example.com', false);
    await until(() => expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(0));
    expect(count(statuses(doc), 'repeat')).toBe(5);
    expect((await state()).mode).toBe('highlight');
  });

  test('a never-scan site is left untouched until the rule is lifted', async () => {
    await setNeverScan('example.com', true);
    const win = pageWindow(SAMPLE);
    const original = win.document.body.outerHTML;
    const { ready, doc, reports, state, until } = start(win);
    await ready;
    expect(doc.body.outerHTML).toBe(original);
    expect(await state()).toMatchObject({ mode: 'off', scan: { status: 'disabled' } });
    expect(reports).toEqual([{ type: 'scan-report', count: 0 }]);
    await setNeverScan('example.com', false);
    await until(() => expect(count(statuses(doc), 'repeat')).toBe(5));
    expect(reports.at(-1)).toEqual({ type: 'scan-report', count: 6 });
  });

  test('a stricter setting rescans the page', async () => {
    const a = 'The museum will reopen its east wing on Saturday after two years of repairs to the roof and the heating system.';
    const b = 'The museum will reopen its east wing on Sunday after two years of repairs to the roof and the heating system.';
    const win = pageWindow(`<html><body><article><p>${a}</p><p>${b}</p></article></body></html>`);
    const { ready, doc, until } = start(win);
    await ready;
    expect(count(statuses(doc), 'repeat')).toBe(1);
    await saveSettings({ strictness: 'exact' });
    await until(() => expect(count(statuses(doc), 'repeat')).toBe(0));
  });
});

describe('the frame after the load event', () => {
  /**
   * A window whose document is still loading, and fires `load` when told. Each frame asked for is
   * logged with how many blocks were annotated then: other frames are asked for after annotations.
   */
  function loadingWindow() {
    const win = pageWindow(SAMPLE);
    Object.defineProperty(win.document, 'readyState', { value: 'loading', configurable: true });
    const loadListeners: (() => void)[] = [];
    let loadListenersAdded = 0;
    const frames: number[] = [];
    Object.assign(win, {
      addEventListener(type: string, listener: () => void) {
        if (type !== 'load') return;
        loadListeners.push(listener);
        loadListenersAdded++;
      },
      requestAnimationFrame: () => frames.push(statuses(win.document).length),
    });
    const load = () => {
      Object.defineProperty(win.document, 'readyState', { value: 'complete' });
      for (const listener of loadListeners.splice(0)) listener();
    };
    return { win, load, frames, loadListenersAdded: () => loadListenersAdded };
  }

  test('a scanned page still loading gets a frame asked for as it loads, and only once', async () => {
    const { win, load, frames, loadListenersAdded } = loadingWindow();
    const { ready, doc, until } = start(win);
    await ready;
    expect(count(statuses(doc), 'repeat')).toBe(5);
    // New settings before the load: each is a new plan, none asks again.
    await saveSettings({ strictness: 'exact' });
    await setAutoCollapse('news.example.com', true);
    await until(() => expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(5));
    expect(loadListenersAdded()).toBe(1);
    const before = frames.length;
    load();
    expect(frames.length).toBe(before + 1);
  });

  test('a page that has loaded gets its frame before anything is annotated; a never-scan site gets none', async () => {
    const loaded = loadingWindow();
    loaded.load();
    const { ready, doc } = start(loaded.win);
    await ready;
    expect(count(statuses(doc), 'repeat')).toBe(5);
    expect(loaded.frames[0]).toBe(0);

    await setNeverScan('example.com', true);
    const never = loadingWindow();
    await start(never.win).ready;
    never.load();
    expect(never.frames).toEqual([]);
    expect(never.loadListenersAdded()).toBe(0);
  });
});

describe('settings that arrive late', () => {
  /** A plan source whose first answer comes only when the test says so. */
  function slowPlans() {
    let arrive: (plan: PagePlan) => void = () => {};
    const source: PlanSource = {
      load: () => new Promise<PagePlan>((resolve) => (arrive = resolve)),
      watch: () => () => {},
    };
    return { source, arrive: (plan: PagePlan) => arrive(plan) };
  }
  const defaults = () => loadPagePlan('news.example.com');
  /** Time for the controller to act, were it to act before its settings arrive. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  test('nothing is shown before the settings arrive; then the repeats are, at once', async () => {
    const plans = slowPlans();
    const win = pageWindow(SAMPLE);
    const original = win.document.body.outerHTML;
    const { ready, doc, reports, state } = start(win, plans.source);
    await settle();
    expect(doc.body.outerHTML).toBe(original);
    expect(reports).toEqual([]);
    expect((await state()).scan.status).toBe('scanning');
    plans.arrive(await defaults());
    await ready;
    expect(count(statuses(doc), 'repeat')).toBe(5);
    expect(reports).toEqual([{ type: 'scan-report', count: 6 }]);
  });

  test('the page is fingerprinted and classified while the settings load, so once they come only the annotations are left', async () => {
    const indexed = vi.spyOn(DedupIndex.prototype, 'set');
    const classified = vi.spyOn(DedupIndex.prototype, 'classifyPending');
    const plans = slowPlans();
    const win = pageWindow(SAMPLE);
    const original = win.document.body.outerHTML;
    const { ready, doc, reports } = start(win, plans.source);
    await settle();
    const blocks = indexed.mock.calls.length;
    expect(blocks).toBeGreaterThanOrEqual(14);
    expect(classified).toHaveBeenCalled();
    expect(doc.body.outerHTML).toBe(original);
    expect(reports).toEqual([]);
    plans.arrive(await defaults());
    await ready;
    expect(indexed).toHaveBeenCalledTimes(blocks);
    expect(count(statuses(doc), 'repeat')).toBe(5);
    expect(count(statuses(doc), 'partial')).toBe(1);
    expect(reports).toEqual([{ type: 'scan-report', count: 6 }]);
  });

  test('settings that arrive part-way through keep the blocks fingerprinted so far and do the rest', async () => {
    // This clock moves a millisecond per block indexed, and the settings arrive at the third yield.
    const repeated = 'The harbour board agreed on Tuesday to deepen the outer berth so that larger ships can unload in the town.';
    let now = 0;
    let yields = 0;
    let indexedBefore = -1;
    const plans = slowPlans();
    const plan = await defaults();
    const clock = {
      now: () => now,
      yield: () => {
        if (++yields === 3) {
          indexedBefore = indexed.mock.calls.length;
          plans.arrive(plan);
        }
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
    };
    const set = DedupIndex.prototype.set;
    const indexed = vi.spyOn(DedupIndex.prototype, 'set').mockImplementation(function (this: DedupIndex, ...args) {
      now += 1;
      return set.apply(this, args);
    });
    const body = Array.from({ length: 90 }, (_, i) => `<p>${wordSoup(3 * i)} ${wordSoup(3 * i + 1)} ${wordSoup(3 * i + 2)}</p>`);
    const win = pageWindow(`<html><body><main><p>${repeated}</p>${body.join('')}<p>${repeated}</p></main></body></html>`);
    const controller = new PageController({ win, plans: plans.source, report: () => {}, clock, observer: OBSERVER });
    running.push(controller);
    await controller.start();
    expect(statuses(win.document)).toEqual(['first', 'repeat']);
    // Every block was fingerprinted once: some before the settings came, the rest after.
    expect(indexedBefore).toBeGreaterThan(0);
    expect(indexedBefore).toBeLessThan(92);
    expect(indexed).toHaveBeenCalledTimes(92);
  });

  test('a never-scan rule arriving late leaves the page untouched', async () => {
    const plans = slowPlans();
    const win = pageWindow(SAMPLE);
    const original = win.document.body.outerHTML;
    const { ready, doc, state } = start(win, plans.source);
    await settle();
    plans.arrive({ ...(await defaults()), scan: false });
    await ready;
    expect(doc.body.outerHTML).toBe(original);
    expect((await state()).scan.status).toBe('disabled');
  });

  test('paragraphs the page edits and adds while the settings load are matched as they are by then', async () => {
    const a = 'The ferry to the islands will run twice a day from Monday, the operator announced after the storm.';
    const b = 'Tickets bought for the cancelled crossings can be used on any ferry until the end of the month.';
    const c = 'The harbour café stays closed until the pier is repaired, its owner told reporters on the quay.';
    const plans = slowPlans();
    const win = pageWindow(`<html><body><article><p id="a">${a}</p><p id="b">${b}</p><p id="c">${c}</p></article></body></html>`);
    const { ready, doc, until } = start(win, plans.source);
    await settle();
    doc.querySelector('#c')!.textContent = a;
    const late = doc.createElement('p');
    late.textContent = b;
    doc.querySelector('article')!.append(late);
    await settle();
    plans.arrive(await defaults());
    await ready;
    await until(() => expect(doc.querySelector('#c')!.getAttribute('data-paradedup')).toBe('repeat'));
    await until(() => expect(late.getAttribute('data-paradedup')).toBe('repeat'));
    expect(statuses(doc)).toEqual(['first', 'first', 'repeat', 'repeat']);
  });

  test('a storm while the settings load is scanned as the page stands after it, not as it was read ahead', async () => {
    const gone = 'A paragraph the page takes away during the storm, long enough to be compared with others.';
    const kept = 'The council will vote on the new bus lanes next week, after a month of public consultation.';
    const plans = slowPlans();
    const win = pageWindow(`<html><body><main id="feed"><p id="gone">${gone}</p><p>${gone}</p></main></body></html>`);
    const { ready, doc, until, reports } = start(win, plans.source);
    await settle();
    const feed = doc.querySelector('#feed')!;
    const add = (text: string) => {
      const p = doc.createElement('p');
      p.textContent = text;
      feed.append(p);
    };
    doc.querySelector('#gone')!.remove();
    for (let i = 0; i < OBSERVER.stormThreshold + 50; i++) add(wordSoup(i));
    add(kept);
    add(kept);
    await settle();
    plans.arrive(await defaults());
    await ready;
    await until(() => expect(statuses(doc)).toEqual(['first', 'repeat']));
    await until(() => expect(reports.at(-1)).toEqual({ type: 'scan-report', count: 1 }));
  });

  test('a never-scan rule arriving late leaves a page that changed meanwhile untouched too', async () => {
    const plans = slowPlans();
    const win = pageWindow(SAMPLE);
    const { ready, doc, reports, state } = start(win, plans.source);
    await settle();
    const article = doc.querySelector('p')!.parentElement!;
    article.append(article.querySelector('p')!.cloneNode(true));
    const changed = doc.body.outerHTML;
    await settle();
    plans.arrive({ ...(await defaults()), scan: false });
    await ready;
    await settle();
    expect(doc.body.outerHTML).toBe(changed);
    expect((await state()).scan.status).toBe('disabled');
    expect(reports).toEqual([{ type: 'scan-report', count: 0 }]);
  });

  test('settings that differ from the defaults are the ones applied', async () => {
    const a = 'The museum will reopen its east wing on Saturday after two years of repairs to the roof and the heating system.';
    const b = 'The museum will reopen its east wing on Sunday after two years of repairs to the roof and the heating system.';
    const plans = slowPlans();
    const win = pageWindow(`<html><body><article><p>${a}</p><p>${b}</p></article></body></html>`);
    const { ready, doc, state } = start(win, plans.source);
    await settle();
    const plan = await defaults();
    plans.arrive({ ...plan, engine: { ...plan.engine, strictness: 'exact' } });
    await ready;
    expect(statuses(doc)).toEqual([]);
    expect((await state()).scan.status).toBe('ready');
  });
});

describe('messages', () => {
  test('jump opens a folded repeat, flashes it, and answers true; nonsense jumps answer false', async () => {
    const win = pageWindow(SAMPLE);
    const { ready, controller, doc } = start(win);
    await ready;
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const state = (await controller.handle({ type: 'get-state' })) as PageState;
    if (state.scan.status !== 'ready') throw new Error('not ready');
    const group = state.scan.groups.find((g) => g.members.some((m) => m.status === 'duplicate'))!;
    const member = group.members.find((m) => m.status === 'duplicate')!.id;
    expect(await controller.handle({ type: 'jump', group: group.index, member })).toBe(true);
    const flashed = doc.querySelector('[data-paradedup-flash]')!;
    expect(flashed.getAttribute('data-paradedup')).toBe('repeat');
    expect(flashed.hasAttribute('data-paradedup-folded')).toBe(false);
    expect(flashed.previousElementSibling?.shadowRoot?.querySelector('button')?.getAttribute('aria-expanded')).toBe('true');
    expect(await controller.handle({ type: 'jump', group: 999, member })).toBe(false);
    expect(await controller.handle({ type: 'jump', group: group.index, member: 999 })).toBe(false);
  });

  test('anything that is not one of our messages, or is malformed, gets no answer', async () => {
    const { ready, controller } = start(pageWindow(SAMPLE));
    await ready;
    for (const message of [
      null,
      'get-state',
      { type: 'scan-report', count: 3 },
      { type: 'set-mode', mode: 'evil' },
      { type: 'jump', group: '1', member: 2 },
      { type: 'jump', group: -1, member: 2 },
      { type: 'jump', group: 1.5, member: 2 },
    ]) {
      expect(controller.handle(message)).toBeUndefined();
    }
  });

  test('the content script answers the popup through runtime messages', async () => {
    const win = pageWindow(SAMPLE);
    const reports: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      reports.push(message);
      return undefined;
    });
    running.push(startContentScript(win)!);
    await vi.waitFor(() => expect(reports).toContainEqual({ type: 'scan-report', count: 6 }), { timeout: 5000 });
    const state = (await fakeBrowser.runtime.sendMessage({ type: 'get-state' })) as PageState;
    expect(state).toMatchObject({ hostname: 'news.example.com', mode: 'highlight', scan: { status: 'ready', duplicates: 5, partial: 1 } });
  });
});

describe('failures', () => {
  test('an error inside the scan is reported as a failed scan, never thrown', async () => {
    const broken: PlanSource = { load: () => Promise.reject(new Error('storage is gone')), watch: () => () => {} };
    const win = pageWindow(SAMPLE);
    const original = win.document.body.outerHTML;
    const { ready, reports, state, doc } = start(win, broken);
    await expect(ready).resolves.toBeUndefined();
    expect(await state()).toMatchObject({ scan: { status: 'failed', error: 'storage is gone' } });
    expect(reports).toEqual([{ type: 'scan-report', count: 0, error: 'storage is gone' }]);
    expect(doc.body.outerHTML).toBe(original);
  });
});

describe('living pages', () => {
  const A = 'The harbour board agreed on Tuesday to deepen the outer berth so that larger ships can unload in the town.';
  const B = 'Work on the berth will start in the spring and last about eighteen months, the board said in a statement.';
  const C = 'Fishermen asked for a second slipway to be built at the same time, so that small boats are not kept waiting.';
  const paragraph = (doc: Document, text: string) => {
    const p = doc.createElement('p');
    p.textContent = text;
    return p;
  };

  test('a paragraph appended later that repeats an earlier one is found; removing it takes it back out', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p>${B}</p></article></body></html>`);
    const { ready, doc, reports, until } = start(win);
    await ready;
    expect(statuses(doc)).toEqual([]);
    const late = paragraph(doc, A);
    doc.querySelector('article')!.append(paragraph(doc, C), late);
    await until(() => expect(statuses(doc)).toEqual(['first', 'repeat']));
    expect(late.getAttribute('data-paradedup')).toBe('repeat');
    expect(reports.at(-1)).toEqual({ type: 'scan-report', count: 1 });
    late.remove();
    await until(() => expect(statuses(doc)).toEqual([]));
    expect(reports.at(-1)).toEqual({ type: 'scan-report', count: 0 });
  });

  test('a copy the page makes of its folded article keeps nothing of ours, even when Expand all comes before the copy is seen', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p title="Berth">${B}</p><p>${A}</p></article></body></html>`);
    const { ready, doc, controller, until } = start(win);
    await ready;
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const article = doc.querySelector('article')!;
    const copy = () => {
      const div = doc.createElement('div');
      div.innerHTML = article.innerHTML;
      doc.body.append(div);
      return div;
    };
    const seen = copy();
    expect(seen.innerHTML, 'the page copied our placeholder and attributes').toMatch(/paradedup/);
    // Seen in its batch: the copy's repeats fold behind placeholders of their own, with their controls.
    await until(() => expect(seen.querySelectorAll('[data-paradedup-folded]')).toHaveLength(3));
    for (const fold of doc.querySelectorAll('paradedup-fold')) expect(fold.shadowRoot).not.toBeNull();
    const unseen = copy();
    await controller.handle({ type: 'set-mode', mode: 'off' });
    const original = `<p>${A}</p><p title="Berth">${B}</p><p>${A}</p>`;
    expect([article.innerHTML, seen.innerHTML, unseen.innerHTML]).toEqual([original, original, original]);
  });

  test('a region the page makes editable after the scan is given back clean, and read again once it is not', async () => {
    const win = pageWindow(`<html><body><p>${A}</p><article><p>${B}</p><p>${A}</p></article><p>${B}</p></body></html>`);
    const { ready, doc, controller, reports, until } = start(win);
    await ready;
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const article = doc.querySelector('article')!;
    const clean = `<article><p>${B}</p><p>${A}</p></article>`;
    expect(article.outerHTML).not.toBe(clean);
    // An "edit" button: what the region holds now is the user's, and would be saved with our marks in it.
    article.setAttribute('contenteditable', 'true');
    await until(() => expect(article.outerHTML).toBe(`<article contenteditable="true"><p>${B}</p><p>${A}</p></article>`));
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(0);
    // The last paragraph no longer repeats anything in sight of the scan.
    expect(statuses(doc)).toEqual([]);
    expect(reports.at(-1)).toEqual({ type: 'scan-report', count: 0 });
    article.setAttribute('contenteditable', 'false');
    await until(() => expect(statuses(doc)).toEqual(['first', 'first', 'repeat', 'repeat']));
  });

  test('a placeholder the page takes out leaves its paragraph shown, still highlighted; Collapse all folds it again', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p>${B}</p><p id="r">${A}</p></article></body></html>`);
    const { ready, doc, controller, until } = start(win);
    await ready;
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const copy = doc.getElementById('r')!;
    expect(copy.hasAttribute('data-paradedup-folded')).toBe(true);
    // A framework re-rendering its own nodes drops what it did not make.
    doc.querySelector('paradedup-fold')!.remove();
    await until(() => expect(copy.hasAttribute('data-paradedup-folded')).toBe(false));
    expect(copy.getAttribute('data-paradedup')).toBe('repeat');
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(0);
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    expect(copy.hasAttribute('data-paradedup-folded')).toBe(true);
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(1);
  });

  test('a dialog the page opens after the scan is read then, and its repeat found', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p>${B}</p></article><dialog id="d"><p>${A}</p></dialog></body></html>`);
    const { ready, doc, until } = start(win);
    await ready;
    expect(statuses(doc)).toEqual([]);
    // dialog.show() sets the attribute.
    doc.getElementById('d')!.setAttribute('open', '');
    await until(() => expect(statuses(doc)).toEqual(['first', 'repeat']));
  });

  test('a page switched to designMode is given back clean at its first edit', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p>${A}</p></article><aside><p>${B}</p></aside></body></html>`);
    const { ready, doc, until } = start(win);
    await ready;
    expect(statuses(doc)).toEqual(['first', 'repeat']);
    // linkedom has no designMode of its own.
    Object.defineProperty(doc, 'designMode', { value: 'on', configurable: true });
    // Typed far from the repeats: they are given back all the same.
    doc.querySelector('aside p')!.append(' Typed.');
    await until(() => expect(statuses(doc)).toEqual([]));
    expect(doc.body.innerHTML).toBe(`<article><p>${A}</p><p>${A}</p></article><aside><p>${B} Typed.</p></aside>`);
  });

  test('each repeat names the paragraph it repeats, however many repeat the same one', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p>${B}</p><p>${A}</p><p>${B}</p><p>${A}</p></article></body></html>`);
    const { ready, doc } = start(win);
    await ready;
    const titles = [...doc.querySelectorAll('[data-paradedup="repeat"]')].map((el) => el.getAttribute('title'));
    const ofA = `Repeats paragraph 1: “${snippetOf(A, 60)}”`;
    const ofB = `Repeats paragraph 2: “${snippetOf(B, 60)}”`;
    expect(titles).toEqual([ofA, ofB, ofA]);
  });

  test('two repeats glued into one paragraph: listed with both groups, shown with the one it repeats most of', async () => {
    // C is the longer: the glued paragraph names it, though A comes first on the page and in the paragraph.
    const win = pageWindow(`<html><body><article><p id="a">${A}</p><p id="c">${C}</p><p id="g">${A}${C}</p></article></body></html>`);
    const { ready, doc, state, controller } = start(win);
    await ready;
    const glued = doc.querySelector('#g')!;
    expect(glued.getAttribute('data-paradedup')).toBe('repeat');
    // Not word for word the paragraph it names, as it holds another's text too.
    expect(glued.getAttribute('title')).toBe(`Similar to paragraph 2: “${snippetOf(C, 60)}”`);
    const { scan } = await state();
    if (scan.status !== 'ready') throw new Error('not ready');
    expect(scan.groups.map((group) => group.members.map((member) => member.status))).toEqual([
      ['unique', 'duplicate'],
      ['unique', 'duplicate'],
    ]);
    const [ofA, ofC] = scan.groups;
    expect(ofA.members[1].id).toBe(ofC.members[1].id);
    expect(glued.getAttribute('data-paradedup-group')).toBe(String(ofC.index));
    // Each group's chip jumps to it.
    expect(await controller.handle({ type: 'jump', group: ofA.index, member: ofA.members[1].id })).toBe(true);
    expect(doc.querySelector('[data-paradedup-flash]')).toBe(glued);
  });

  test('collapsed, a word-for-word copy says "Repeated paragraph" and one with a changed number or word "Similar paragraph", tooltips too', async () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth so that larger ships can unload.';
    const changedNumber = text.replace('12', '15');
    const changedWord = text.replace('larger', 'bigger');
    const win = pageWindow(`<html><body><article><p>${text}</p><p id="same">${text}</p><p id="number">${changedNumber}</p><p id="word">${changedWord}</p></article></body></html>`);
    const { ready, doc, controller, state } = start(win);
    await ready;
    // The popup is told which copies are not word for word.
    const { scan } = await state();
    if (scan.status !== 'ready') throw new Error('not ready');
    expect(scan.groups[0].members.map((member) => member.similar ?? false)).toEqual([false, false, true, true]);
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const label = (id: string) => doc.getElementById(id)!.previousElementSibling?.getAttribute('aria-label');
    // A similar copy's placeholder names its changed words, isolated, so the reader sees them folded.
    expect([label('same'), label('number'), label('word')]).toEqual([
      'Repeated paragraph',
      'Similar paragraph, changed: \u206815\u2069',
      'Similar paragraph, changed: \u2068bigger\u2069',
    ]);
    const words = (id: string) => doc.getElementById(id)!.previousElementSibling!.shadowRoot!.querySelector('.changes')?.getAttribute(TEXT_ATTR);
    expect([words('same'), words('number'), words('word')]).toEqual([undefined, 'changed: \u206815\u2069', 'changed: \u2068bigger\u2069']);
    expect(['same', 'number', 'word'].map((id) => doc.getElementById(id)!.hasAttribute('data-paradedup-similar'))).toEqual([false, true, true]);
    const title = (id: string) => doc.getElementById(id)!.getAttribute('title');
    const snippet = snippetOf(text, 60);
    expect([title('same'), title('number'), title('word')]).toEqual([
      `Repeats paragraph 1: “${snippet}”`,
      `Similar to paragraph 1: “${snippet}”`,
      `Similar to paragraph 1: “${snippet}”`,
    ]);
  });

  test('a near copy that leaves words out names them in its tooltip and its placeholder, with nothing marked', async () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth so that larger ships can unload.';
    const dropped = text.replace(' outer', '');
    const both = text.replace('12', '15').replace(' on Tuesday', '');
    const win = pageWindow(`<html><body><article><p>${text}</p><p id="dropped">${dropped}</p><p id="both">${both}</p></article></body></html>`);
    const { ready, doc, controller } = start(win);
    await ready;
    const snippet = snippetOf(text, 60);
    const title = (id: string) => doc.getElementById(id)!.getAttribute('title');
    expect([title('dropped'), title('both')]).toEqual([
      `Similar to paragraph 1: “${snippet}”\nLeft out: “outer”`,
      `Similar to paragraph 1: “${snippet}”\nLeft out: “on Tuesday”`,
    ]);
    // A word that is not there has no place to be marked; a changed one still is.
    const marked = (id: string) => [...doc.getElementById(id)!.querySelectorAll('paradedup-mark')].map((mark) => mark.textContent);
    expect([marked('dropped'), marked('both')]).toEqual([[], ['15']]);
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const label = (id: string) => doc.getElementById(id)!.previousElementSibling?.getAttribute('aria-label');
    expect([label('dropped'), label('both')]).toEqual([
      'Similar paragraph, left out: \u2068outer\u2069',
      'Similar paragraph, changed: \u206815\u2069, left out: \u2068on Tuesday\u2069',
    ]);
  });

  test('a copy of part of a paragraph, word for word (a pull quote, an excerpt), is a "Repeated excerpt": nothing marked, no words listed, its bar solid', async () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth so that larger ships can unload at any tide.';
    const quoted = 'Asked about the protest outside the meeting, the chair said she understood the anger. “Nobody likes paying more, but nobody likes a burst main outside their front door either,” she said.';
    const pullQuote = 'Nobody likes paying more, but nobody likes a burst main outside their front door either.';
    const excerpt = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth';
    const win = pageWindow(`<html><body><article><p>${text}</p><p>${quoted}</p><p id="excerpt">${excerpt}</p><p id="dropped">${text.replace(' outer', '')}</p></article><aside><p id="pull">${pullQuote}</p></aside></body></html>`);
    const { ready, doc, controller, state } = start(win);
    await ready;
    const ids = ['excerpt', 'dropped', 'pull'];
    expect(ids.map((id) => doc.getElementById(id)!.getAttribute('data-paradedup'))).toEqual(['repeat', 'repeat', 'repeat']);
    const title = (id: string) => doc.getElementById(id)!.getAttribute('title');
    expect(ids.map(title)).toEqual([
      `Repeats part of paragraph 1: “${snippetOf(text, 60)}”`,
      `Similar to paragraph 1: “${snippetOf(text, 60)}”\nLeft out: “outer”`,
      `Repeats part of paragraph 2: “${snippetOf(quoted, 60)}”`,
    ]);
    expect(ids.map((id) => doc.getElementById(id)!.hasAttribute('data-paradedup-similar'))).toEqual([false, true, false]);
    expect(doc.querySelectorAll('paradedup-mark')).toHaveLength(0);
    // The popup draws no "similar" chip for an excerpt either.
    const { scan } = await state();
    if (scan.status !== 'ready') throw new Error('not ready');
    expect(scan.groups.flatMap((group) => group.members.filter((member) => member.similar).map((member) => member.id))).toHaveLength(1);
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    const label = (id: string) => doc.getElementById(id)!.previousElementSibling?.getAttribute('aria-label');
    expect(ids.map(label)).toEqual(['Repeated excerpt', 'Similar paragraph, left out: \u2068outer\u2069', 'Repeated excerpt']);
  });

  test('a near copy’s changed word and number are marked, and follow an edit of the paragraph it repeats', async () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth so that larger ships can unload.';
    const changedWord = text.replace('larger', 'bigger').replace('12', '15');
    const win = pageWindow(`<html><body><article><p id="a">${text}</p><p id="same">${text}</p><p id="word">${changedWord}</p></article></body></html>`);
    const { ready, doc, until } = start(win);
    await ready;
    const changed = (id: string) => [...doc.getElementById(id)!.querySelectorAll('paradedup-mark[data-paradedup-changed]')].map((mark) => mark.textContent);
    expect(changed('same')).toEqual([]);
    expect(changed('word')).toEqual(['15', 'bigger']);
    // The first occurrence is edited to say "bigger": only the number still differs.
    doc.getElementById('a')!.textContent = text.replace('larger', 'bigger');
    await until(() => expect(changed('word')).toEqual(['15']));
  });

  test('an edited paragraph is matched again', async () => {
    const win = pageWindow(`<html><body><article><p>${A}</p><p id="b">${B}</p></article></body></html>`);
    const { ready, doc, until } = start(win);
    await ready;
    doc.querySelector('#b')!.textContent = A;
    await until(() => expect(doc.querySelector('#b')!.getAttribute('data-paradedup')).toBe('repeat'));
  });

  test('a near repeat added in the batch that renumbers every block still finds the paragraph after it', async () => {
    const later = 'The council approved the harbour budget on Thursday, with money for dredging the channel and two new cranes.';
    const earlier = 'The council approved the harbour budget on Thursday, with money for dredging the channel and three new cranes.';
    const html = `<html><body><main><p id="a">${A}</p><p id="z">${later}</p></main></body></html>`;
    // Inserting one paragraph at a time into the same gap halves it each time, until orders must be renumbered: ask a registry when.
    const dry = pageWindow(html).document;
    const registry = new BlockRegistry();
    registry.addAll(extractBlocks(dry));
    let steps = 0;
    for (let at = dry.querySelector('#a')!, renumbered = false; !renumbered; steps++) {
      const p = paragraph(dry, wordSoup(steps));
      at.after(p);
      at = p;
      renumbered = registry.insertRun(extractBlocks(p)).renumbered;
    }
    const { ready, doc, until, state } = start(pageWindow(html));
    await ready;
    let at = doc.querySelector('#a')!;
    for (let i = 0; i < steps; i++) {
      // The last insertion, the one that renumbers, is an earlier near copy of the paragraph after it.
      const p = paragraph(doc, i === steps - 1 ? earlier : wordSoup(i));
      at.after(p);
      at = p;
      await until(async () => expect((await state()).scan).toMatchObject({ status: 'ready', blocks: 3 + i }));
    }
    await until(() => expect(doc.querySelector('#z')!.getAttribute('data-paradedup')).toBe('repeat'));
    expect(at.getAttribute('data-paradedup')).toBe('first');
  });

  test('infinite scroll: a repeat appended to a site in auto-collapse is folded', async () => {
    await setAutoCollapse('example.com', true);
    const win = pageWindow(`<html><body><div id="feed"><article><p>${A}</p><p>${B}</p></article></div></body></html>`);
    const { ready, doc, until } = start(win);
    await ready;
    const next = doc.createElement('article');
    const repeat = paragraph(doc, B);
    next.append(paragraph(doc, C), repeat);
    doc.querySelector('#feed')!.append(next);
    await until(() => expect(repeat.hasAttribute('data-paradedup-folded')).toBe(true));
    expect(repeat.previousElementSibling?.localName).toBe('paradedup-fold');
  });

  test('a feed appending hundreds of paragraphs at once is indexed in slices, letting the page run between them', async () => {
    // Every reading of this clock is a millisecond later: a slice ends after a few blocks.
    let now = 0;
    let indexed = 0;
    const indexedAtYields: number[] = [];
    const slowClock = {
      now: () => (now += 1),
      yield: () => {
        indexedAtYields.push(indexed);
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
    };
    const set = DedupIndex.prototype.set;
    vi.spyOn(DedupIndex.prototype, 'set').mockImplementation(function (this: DedupIndex, ...args) {
      indexed++;
      return set.apply(this, args);
    });
    const win = pageWindow(`<html><body><main id="feed"><p>${A}</p></main></body></html>`);
    // linkedom reports every inserted node: the storm threshold is raised so this stays one batch of changes.
    const observer = { ...OBSERVER, stormThreshold: 10_000 };
    const controller = new PageController({ win, plans, report: () => {}, clock: slowClock, observer });
    running.push(controller);
    await controller.start();
    const doc = win.document;
    const page = doc.createElement('section');
    for (let i = 0; i < 150; i++) page.append(paragraph(doc, wordSoup(i)));
    page.append(paragraph(doc, A), paragraph(doc, B), paragraph(doc, B));
    const before = indexed;
    doc.querySelector('#feed')!.append(page);
    await vi.waitFor(() => expect(statuses(doc)).toEqual(['first', 'repeat', 'first', 'repeat']), { timeout: 5000, interval: 5 });
    const perSlice = indexedAtYields.filter((n) => n >= before).map((n, i, all) => n - (i === 0 ? before : all[i - 1]));
    expect(indexed - before).toBeGreaterThanOrEqual(153);
    expect(Math.max(...perSlice, indexed - (indexedAtYields.at(-1) ?? before))).toBeLessThan(20);
  });

  test.each([
    [18, 'in one task, so its annotations come in one frame', 0],
    [90, 'in slices, letting the page run between them', 1],
  ])('a page of %i paragraphs is read %s', async (paragraphs, _how, minYields) => {
    // This clock moves a millisecond per block indexed: a slice's budget is a number of blocks.
    let now = 0;
    let yields = 0;
    const clock = {
      now: () => now,
      yield: () => {
        yields++;
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
    };
    const set = DedupIndex.prototype.set;
    vi.spyOn(DedupIndex.prototype, 'set').mockImplementation(function (this: DedupIndex, ...args) {
      now += 1;
      return set.apply(this, args);
    });
    // About 330 characters each: 18 of them stay under the small-page limit, 90 go over it.
    const body = Array.from({ length: paragraphs }, (_, i) => `<p>${wordSoup(3 * i)} ${wordSoup(3 * i + 1)} ${wordSoup(3 * i + 2)}</p>`);
    const win = pageWindow(`<html><body><main>${body.join('')}<p>${A}</p><p>${A}</p></main></body></html>`);
    const controller = new PageController({ win, plans, report: () => {}, clock, observer: OBSERVER });
    running.push(controller);
    await controller.start();
    expect(statuses(win.document)).toEqual(['first', 'repeat']);
    if (minYields === 0) expect(yields).toBe(0);
    else expect(yields).toBeGreaterThanOrEqual(paragraphs / 10);
  });

  test('a page with a thousand repeated paragraphs gets its annotations over several frames, at most 400 blocks each', async () => {
    const texts = Array.from({ length: 500 }, (_, i) => wordSoup(i));
    const win = pageWindow(`<html><body><main>${[...texts, ...texts].map((text) => `<p>${text}</p>`).join('')}</main></body></html>`);
    const doc = win.document;
    // Time stands still on this clock, so only the cap on blocks written per slice makes the render yield.
    const annotatedAtYields: number[] = [];
    const clock = {
      now: () => 0,
      yield: () => {
        annotatedAtYields.push(doc.querySelectorAll('[data-paradedup]').length);
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
    };
    const controller = new PageController({ win, plans, report: () => {}, clock, observer: OBSERVER });
    running.push(controller);
    await controller.start();
    const marks = statuses(doc);
    expect([count(marks, 'first'), count(marks, 'repeat')]).toEqual([500, 500]);
    const written = [...annotatedAtYields, marks.length].map((n, i, all) => n - (i === 0 ? 0 : all[i - 1]));
    expect(Math.max(...written)).toBe(400);
    expect(written.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  });

  test('a storm of changes falls back to one full rescan with the same result', async () => {
    const win = pageWindow(`<html><body><main id="feed"></main></body></html>`);
    const { ready, doc, until, reports } = start(win);
    await ready;
    const feed = doc.querySelector('#feed')!;
    for (let i = 0; i < OBSERVER.stormThreshold + 50; i++) feed.append(paragraph(doc, wordSoup(i)));
    feed.append(paragraph(doc, A), paragraph(doc, A));
    await until(() => expect(statuses(doc)).toEqual(['first', 'repeat']));
    expect(reports.at(-1)).toEqual({ type: 'scan-report', count: 1 });
  });

  test('a page that puts its own DOM back whenever it changes is answered ever more rarely, not rebuilt in a loop', async () => {
    const original = `<p>${A}</p><p>${B}</p><p>${A}</p>`;
    const win = pageWindow(`<html><body><main id="article">${original}</main></body></html>`);
    const article = win.document.querySelector('#article')!;
    let resets = 0;
    // An anti-tamper guard: any change to the article, ours included, and it is written again.
    new win.MutationObserver(() => {
      if (article.innerHTML === original) return;
      resets++;
      article.innerHTML = original;
    }).observe(article, { subtree: true, childList: true, attributes: true });
    const { ready } = start(win);
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Answered at once, then after 1 s and 2 s more: without the back-off, every few milliseconds.
    expect(resets).toBeGreaterThanOrEqual(1);
    expect(resets).toBeLessThanOrEqual(4);
  }, 10_000);

  test('a feed that drops marked rows as new ones come is no page undoing us: each new repeat is marked at once', async () => {
    const items = Array.from({ length: 6 }, (_, i) => `<p>${wordSoup(i)}</p>`).join('');
    const win = pageWindow(`<html><body><main id="feed">${items}<p>${wordSoup(100)}</p><p>${wordSoup(100)}</p></main></body></html>`);
    const feed = win.document.querySelector('#feed')!;
    const { ready, doc } = start(win);
    await ready;
    for (let round = 1; round <= 4; round++) {
      // A recycling list: a marked row scrolled out leaves as a new row and its repeat arrive.
      doc.querySelector('[data-paradedup]')?.remove();
      feed.append(paragraph(doc, wordSoup(200 + round)), paragraph(doc, wordSoup(200 + round)));
      const last = feed.lastElementChild!;
      await vi.waitFor(() => expect(last.getAttribute('data-paradedup')).toBe('repeat'), { timeout: 500, interval: 5 });
    }
  });

  test('a single-page-app route change resets the view: new content is scanned on its own, in the site’s mode', async () => {
    const win = pageWindow(`<html><body><main id="view"><p>${A}</p><p>${A}</p></main></body></html>`);
    const { ready, doc, controller, until, state } = start(win);
    await ready;
    await controller.handle({ type: 'set-mode', mode: 'collapse' });
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(1);
    const view = doc.querySelector('#view')!;
    view.replaceChildren(paragraph(doc, B), paragraph(doc, C), paragraph(doc, B));
    win.go('/next-story');
    await until(() => expect(statuses(doc)).toEqual(['first', 'repeat']));
    expect(doc.querySelectorAll('paradedup-fold')).toHaveLength(0);
    expect((await state()).mode).toBe('highlight');
  });
});

describe('tooltips after paragraphs come and go before the paragraph they name', () => {
  const A = 'The harbour board agreed on Tuesday to deepen the outer berth so that larger ships can unload in the town.';
  const B = 'Work on the berth will start in the spring and last about eighteen months, the board said in a statement.';
  const N = 'The mayor welcomed the decision and promised that the town would pay a third of the cost from its own budget.';
  const ofA = (place: number) => `Repeats paragraph ${place}: “${snippetOf(A, 60)}”`;
  const paragraph = (doc: Document, text: string) => {
    const p = doc.createElement('p');
    p.textContent = text;
    return p;
  };
  /** Waits until the controller has taken in the page's change: it then tracks `blocks` blocks. */
  const settled = async (run: ReturnType<typeof start>, blocks: number) =>
    run.until(async () => expect((await run.state()).scan).toMatchObject({ status: 'ready', blocks }));

  test('paragraphs inserted at the top: a repeat names the new place of the paragraph it repeats', async () => {
    const run = start(pageWindow(`<html><body><article id="live"><p>${A}</p><p>${B}</p><p id="r">${A}</p></article></body></html>`));
    await run.ready;
    const repeat = run.doc.querySelector('#r')!;
    expect(repeat.getAttribute('title')).toBe(ofA(1));
    run.doc.querySelector('#live')!.prepend(paragraph(run.doc, wordSoup(1)), paragraph(run.doc, wordSoup(2)));
    await settled(run, 5);
    expect(repeat.getAttribute('title')).toBe(ofA(3));
    expect(repeat.getAttribute('data-paradedup')).toBe('repeat');
  });

  test('a repeat names its paragraph’s place as a reader counts: menus, headlines and bylines above are no paragraphs', async () => {
    const html = `<html><body><nav><ul id="menu"><li>Home</li><li>World</li></ul></nav><article><h1>Harbour to be deepened</h1>
      <p>By Staff Reporter</p><p>${A}</p><p>${B}</p><p id="r">${A}</p></article></body></html>`;
    const run = start(pageWindow(html));
    await run.ready;
    const repeat = run.doc.querySelector('#r')!;
    expect(repeat.getAttribute('title')).toBe(ofA(1));
    const entry = run.doc.createElement('li');
    entry.textContent = 'Business';
    run.doc.querySelector('#menu')!.prepend(entry);
    await settled(run, 8);
    expect(repeat.getAttribute('title')).toBe(ofA(1));
    run.doc.querySelector('article')!.prepend(paragraph(run.doc, wordSoup(1)));
    await settled(run, 9);
    expect(repeat.getAttribute('title')).toBe(ofA(2));
  });

  test('paragraphs removed above: a repeat names the new place of the paragraph it repeats', async () => {
    const html = `<html><body><article><p id="x">${wordSoup(1)}</p><p id="y">${wordSoup(2)}</p><p>${A}</p><p>${B}</p><p id="r">${A}</p></article></body></html>`;
    const run = start(pageWindow(html));
    await run.ready;
    const repeat = run.doc.querySelector('#r')!;
    expect(repeat.getAttribute('title')).toBe(ofA(3));
    run.doc.querySelector('#x')!.remove();
    await settled(run, 4);
    expect(repeat.getAttribute('title')).toBe(ofA(2));
    run.doc.querySelector('#y')!.remove();
    await settled(run, 3);
    expect(repeat.getAttribute('title')).toBe(ofA(1));
  });

  test('a partial’s marked sentences name the new place of the paragraph they repeat', async () => {
    const run = start(pageWindow(`<html><body><article id="live"><p>${A}</p><p>${B}</p><p id="partial">${N} ${A}</p></article></body></html>`));
    await run.ready;
    const mark = () => run.doc.querySelector('#partial paradedup-mark')!;
    expect(mark().textContent).toBe(A);
    expect(mark().getAttribute('title')).toBe(ofA(1));
    run.doc.querySelector('#live')!.prepend(paragraph(run.doc, wordSoup(1)));
    await settled(run, 4);
    expect(mark().getAttribute('title')).toBe(ofA(2));
    expect(run.doc.querySelector('#partial')!.getAttribute('data-paradedup')).toBe('partial');
  });

  test('a folded repeat is retitled in place: its placeholder stays the same element, so focus stays on it', async () => {
    await setAutoCollapse('example.com', true);
    const run = start(pageWindow(`<html><body><article id="live"><p>${A}</p><p>${B}</p><p id="r">${A}</p></article></body></html>`));
    await run.ready;
    const repeat = run.doc.querySelector('#r')!;
    const fold = repeat.previousElementSibling!;
    expect(fold.localName).toBe('paradedup-fold');
    run.doc.querySelector('#live')!.prepend(paragraph(run.doc, wordSoup(1)));
    await settled(run, 4);
    expect(repeat.getAttribute('title')).toBe(ofA(2));
    expect(repeat.previousElementSibling).toBe(fold);
    expect(fold.isConnected).toBe(true);
    expect(repeat.hasAttribute('data-paradedup-folded')).toBe(true);
  });

  test('a repeat whose paragraph keeps its place keeps its tooltip while others move', async () => {
    const html = `<html><body><article><p>${B}</p><p id="rb">${B}</p><p id="gap">${wordSoup(1)}</p><p>${A}</p><p id="ra">${A}</p></article></body></html>`;
    const run = start(pageWindow(html));
    await run.ready;
    const ofB = `Repeats paragraph 1: “${snippetOf(B, 60)}”`;
    expect(run.doc.querySelector('#rb')!.getAttribute('title')).toBe(ofB);
    const shown: (Element | null)[] = [];
    const apply = Annotator.prototype.apply;
    vi.spyOn(Annotator.prototype, 'apply').mockImplementation(function (this: Annotator, key, handle, annotation) {
      shown.push(handle.element);
      return apply.call(this, key, handle, annotation);
    });
    const inserted = [paragraph(run.doc, wordSoup(2)), paragraph(run.doc, wordSoup(3))];
    run.doc.querySelector('#gap')!.after(...inserted);
    await settled(run, 7);
    expect(run.doc.querySelector('#rb')!.getAttribute('title')).toBe(ofB);
    expect(run.doc.querySelector('#ra')!.getAttribute('title')).toBe(ofA(6));
    // Only the new paragraphs and the repeat of the paragraph that moved were shown again, not the whole page.
    expect(new Set(shown)).toEqual(new Set([...inserted, run.doc.querySelector('#ra')]));
  });

  test('after a new group appears above, the popup’s list and its “go to first” point to the right paragraph', async () => {
    const run = start(pageWindow(`<html><body><article id="live"><p id="a">${A}</p><p>${B}</p><p id="r">${A}</p></article></body></html>`));
    await run.ready;
    const top = paragraph(run.doc, N);
    run.doc.querySelector('#live')!.prepend(top, paragraph(run.doc, N));
    await settled(run, 5);
    const { scan } = await run.state();
    if (scan.status !== 'ready') throw new Error('not ready');
    expect(scan.groups.map((group) => group.snippet)).toEqual([snippetOf(N, 80), snippetOf(A, 80)]);
    const groupOfA = scan.groups[1];
    const repeat = run.doc.querySelector('#r')!;
    expect(repeat.getAttribute('data-paradedup-group')).toBe(String(groupOfA.index));
    expect(repeat.getAttribute('title')).toBe(ofA(3));
    expect(await run.controller.handle({ type: 'jump', group: groupOfA.index, member: groupOfA.canonical })).toBe(true);
    expect(run.doc.querySelector('[data-paradedup-flash]')).toBe(run.doc.querySelector('#a'));
  });
});

describe('complementary regions: the story comes first', () => {
  const SIDEBAR_FIRST = readFileSync(fileURLToPath(new URL('../fixtures/pages/sidebar-first.en.html', import.meta.url)), 'utf8');
  /** Each element the fixture expects something of, and whether the scan agrees. */
  const disagreements = (doc: Document) =>
    [...doc.querySelectorAll('[data-expect]')]
      .filter((el) => el.getAttribute('data-paradedup') !== el.getAttribute('data-expect'))
      .map((el) => `#${el.id}: ${el.getAttribute('data-paradedup')}, expected ${el.getAttribute('data-expect')}`);
  const folded = (doc: Document, id: string) => doc.getElementById(id)!.hasAttribute('data-paradedup-folded');

  test('a sidebar ahead of the story: the story keeps its paragraphs in sight, and the sidebar’s and pull quotes’ copies fold', async () => {
    await setAutoCollapse('example.com', true);
    const { ready, doc, until } = start(pageWindow(SIDEBAR_FIRST));
    await ready;
    expect(disagreements(doc)).toEqual([]);
    await until(() => expect(['teaser', 'background-copy', 'quote', 'pull', 'promise'].map((id) => folded(doc, id))).toEqual([true, true, true, true, true]));
    expect(['lede', 'leaks', 'chair', 'anger', 'help'].map((id) => folded(doc, id))).toEqual([false, false, false, false, false]);
    // The pull quotes fold whole, with the WordPress one's attribution: no empty frame or lone name is left under a placeholder.
    const boxes = ['quote', 'pull', 'promise'].map((id) => doc.getElementById(id)!.closest('.pullquote, .wp-block-pullquote')!);
    expect(boxes.map((box) => [box.hasAttribute('data-paradedup-folded-with'), box.previousElementSibling?.localName])).toEqual(Array(3).fill([true, 'paradedup-fold']));
  });

  test('a sidebar box loaded later, ahead of the story, is the repeat of the paragraph it quotes', async () => {
    const { ready, doc, until } = start(pageWindow(SIDEBAR_FIRST));
    await ready;
    const box = doc.createElement('aside');
    box.innerHTML = `<p id="late-copy">${doc.getElementById('consumers')!.textContent}</p>`;
    doc.getElementById('sidebar')!.before(box);
    await until(() => expect(doc.getElementById('late-copy')!.getAttribute('data-paradedup')).toBe('repeat'));
    expect(doc.getElementById('consumers')!.getAttribute('data-paradedup')).toBe('first');
  });

  test('a story paragraph added later is the first occurrence of a sidebar text read before it', async () => {
    const text = 'Engineers will survey the oldest mains with cameras this winter before any street is dug up, the board said.';
    const { ready, doc, until, state } = start(pageWindow(SIDEBAR_FIRST));
    await ready;
    const scan = (await state()).scan;
    if (scan.status !== 'ready') throw new Error(`scan ${scan.status}`);
    const { blocks } = scan;
    const box = doc.createElement('aside');
    box.innerHTML = `<p id="side-only">${text}</p>`;
    doc.getElementById('sidebar')!.before(box);
    await until(async () => expect((await state()).scan).toMatchObject({ status: 'ready', blocks: blocks + 1 }));
    expect(doc.getElementById('side-only')!.hasAttribute('data-paradedup')).toBe(false);
    const late = doc.createElement('p');
    late.id = 'late-story';
    late.textContent = text;
    doc.getElementById('story')!.append(late);
    await until(() => expect(doc.getElementById('side-only')!.getAttribute('data-paradedup')).toBe('repeat'));
    expect(late.getAttribute('data-paradedup')).toBe('first');
    expect(disagreements(doc)).toEqual([]);
  });
});

describe('hostile sizes', () => {
  test('a block far too long to be a paragraph is left alone; the page’s repeats are still found', async () => {
    const A = 'The harbour board agreed on Tuesday to deepen the outer berth so that larger ships can unload in the town.';
    const dump = 'A log line that goes on and on. '.repeat(3000);
    const win = pageWindow(`<html><body><div id="dump1">${dump}</div><p>${A}</p><p>${A}</p><div id="dump2">${dump}</div></body></html>`);
    const { ready, doc } = start(win);
    await ready;
    expect(statuses(doc)).toEqual(['first', 'repeat']);
    expect(doc.querySelector('#dump1')!.hasAttribute('data-paradedup')).toBe(false);
    expect(doc.querySelector('#dump2')!.hasAttribute('data-paradedup')).toBe(false);
  });
});

describe('snippetOf', () => {
  test('cuts long text with an ellipsis and never splits a surrogate pair', () => {
    expect(snippetOf('short', 80)).toBe('short');
    const cut = snippetOf('a'.repeat(78) + '😀😀😀', 80);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(80);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
  });

  test('never parts a letter from its marks, a conjunct, nor an emoji sequence', () => {
    // Each cut point falls right before a mark, after a virama, inside a ZWJ sequence, or before a variation selector.
    expect(snippetOf('ab นี่คือ', 5)).toBe('ab…');
    expect(snippetOf('ab नमस्ते दुनिया', 9)).toBe('ab नम…');
    expect(snippetOf('ab नमस्ते दुनिया', 8)).toBe('ab नम…');
    expect(snippetOf('ab قَالَ', 5)).toBe('ab…');
    expect(snippetOf('ab 👩‍💻 x', 6)).toBe('ab…');
    expect(snippetOf('ab ❤️ x', 5)).toBe('ab…');
    // Before a skin tone, or inside a family.
    expect(snippetOf('ab 🙏🏽 x', 6)).toBe('ab…');
    expect(snippetOf('ab 👨‍👩‍👧 x', 9)).toBe('ab…');
    // A cut between whole characters stays where it was.
    expect(snippetOf('abcdefgh', 5)).toBe('abcd…');
  });
});
