import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageState } from '../../src/messages';
import { PageController } from '../../src/page/controller';
import { SLICE_MS } from '../../src/page/slicing';
import { isShown, VisibilityWatch } from '../../src/page/visibility';
import { setAutoCollapse } from '../../src/settings';
import { FAST_OBSERVER, fastClock, storagePlans } from '../support/controller-env';
import { addFakeCss, FakeResizeObserver } from '../support/fake-css';
import { pageWindow, type TestWindow } from '../support/page-window';
import { Prng } from '../support/prng';

const OBSERVER = FAST_OBSERVER;

const QUAY =
  'The harbour authority has closed the north quay after a crane collapsed onto two fishing boats early on Tuesday morning, injuring one crew member.';
const DIVERS =
  'Divers will inspect the quay wall on Thursday before engineers decide whether the berths along it can reopen before the start of the summer season.';
const OWNERS =
  'The owners of the two boats say they were given no warning that the crane was being moved, and have asked the authority for an independent inquiry.';

function cssPage(body: string): TestWindow {
  const win = pageWindow(`<html><body>${body}</body></html>`);
  addFakeCss(win.document.defaultView as Window & typeof globalThis, win);
  return win;
}

const byId = (win: TestWindow, id: string) => win.document.getElementById(id)!;
const status = (win: TestWindow, id: string) => byId(win, id).getAttribute('data-paradedup');
/** The size observer the controller made for `win`'s page (the last one made). */
const sizeObserver = () => FakeResizeObserver.all[FakeResizeObserver.all.length - 1];

let running: PageController[] = [];

function start(win: TestWindow, clock = fastClock) {
  const controller = new PageController({
    win,
    plans: storagePlans,
    report: () => {},
    clock,
    observer: OBSERVER,
  });
  running.push(controller);
  const state = async () => ((await controller.handle({ type: 'get-state' })) as PageState).scan;
  const until = (check: () => void | Promise<void>) => vi.waitFor(check, { timeout: 5000, interval: 5 });
  return { ready: controller.start(), state, until };
}

beforeEach(() => {
  fakeBrowser.reset();
  running = [];
});
afterEach(() => {
  for (const controller of running) controller.stop();
});

describe('isShown', () => {
  const { document, window } = parseHTML(
    `<html><body>
      <div id="none" style="display: none"><p id="inside">a</p></div>
      <div id="contents" style="display: contents"><p id="kept">b</p></div>
      <div style="display: none"><span id="contents-in-none" style="display: contents">c</span></div>
      <p id="folded" data-paradedup-folded="">d</p>
      <div style="display: none"><p id="folded-in-none" data-paradedup-folded="">e</p></div>
      <blockquote><p data-paradedup-folded="">h</p><cite id="folded-with" data-paradedup-folded-with="">i</cite></blockquote>
      <figure data-paradedup-folded-with=""><blockquote><p id="folded-in-box" data-paradedup-folded="">j</p></blockquote></figure>
      <p id="plain">f</p>
      <p id="until-found" hidden="until-found">g</p>
    </body></html>`,
  );
  const el = (id: string) => document.getElementById(id)!;

  test('without checkVisibility (the CLI, old browsers) every element is shown', () => {
    Reflect.deleteProperty((window as unknown as typeof globalThis).Element.prototype, 'checkVisibility');
    expect(isShown(el('inside'))).toBe(true);
  });

  test('an element in a display:none subtree is hidden; display:contents and our own fold defer to the parent', () => {
    addFakeCss(window as unknown as Window & typeof globalThis);
    expect(['inside', 'none', 'contents', 'kept', 'contents-in-none', 'folded', 'folded-in-none', 'folded-with', 'folded-in-box', 'plain'].map((id) => [id, isShown(el(id))])).toEqual([
      ['inside', false],
      ['none', false],
      ['contents', true],
      ['kept', true],
      ['contents-in-none', false],
      ['folded', true],
      ['folded-in-none', false],
      ['folded-with', true],
      ['folded-in-box', true],
      ['plain', true],
    ]);
  });

  test('a paragraph hidden until found is hidden, though the browser gives it a box of its own', () => {
    addFakeCss(window as unknown as Window & typeof globalThis);
    expect(isShown(el('until-found'))).toBe(false);
    el('until-found').removeAttribute('hidden');
    expect(isShown(el('until-found'))).toBe(true);
  });
});

describe('VisibilityWatch', () => {
  function watch(body: string) {
    const win = cssPage(body);
    const flips: Element[][] = [];
    const visibility = new VisibilityWatch(win, (elements) => flips.push(elements));
    return { win, flips, visibility, observer: sizeObserver() };
  }

  test('a hidden element is watched until it shows; then it is reported once and no longer watched', () => {
    const { win, flips, visibility, observer } = watch('<div id="box" style="display: none"><p id="p">a</p></div><p id="q">b</p>');
    const p = byId(win, 'p');
    expect([p, byId(win, 'q')].map((el) => visibility.hiddenBlock(el))).toEqual([true, false]);
    expect([...observer.observed]).toEqual([p]);
    observer.resized([p]);
    expect(flips).toEqual([]);
    byId(win, 'box').removeAttribute('style');
    observer.resized([p]);
    expect(flips).toEqual([[p]]);
    expect(observer.observed.size).toBe(0);
  });

  test('first occurrences followed are reported when hidden; those no longer followed are let go', () => {
    const { win, flips, visibility, observer } = watch('<p id="a">a</p><p id="b">b</p>');
    const [a, b] = [byId(win, 'a'), byId(win, 'b')];
    visibility.followShown(new Set([a, b]));
    expect(observer.observed).toEqual(new Set([a, b]));
    visibility.followShown(new Set([b]));
    expect(observer.observed).toEqual(new Set([b]));
    b.setAttribute('style', 'display: none');
    observer.resized([b]);
    expect(flips).toEqual([[b]]);
  });

  test('in a window that renders frames, shown elements are followed from the task after the next frame, unless superseded', async () => {
    const { win, visibility, observer } = watch('<p id="a">a</p><p id="b">b</p>');
    const frames: (() => void)[] = [];
    Object.assign(win, { requestAnimationFrame: (callback: () => void) => frames.push(callback) });
    const [a, b] = [byId(win, 'a'), byId(win, 'b')];
    const afterTasks = () => new Promise((resolve) => setTimeout(resolve, 0));
    visibility.followShown(new Set([a]));
    visibility.followShown(new Set([a, b]));
    await afterTasks();
    expect(observer.observed.size, 'nothing observed before the frame').toBe(0);
    frames.splice(0).forEach((frame) => frame());
    expect(observer.observed.size, 'nor during it').toBe(0);
    await afterTasks();
    expect(observer.observed, 'only the last follow, after the frame').toEqual(new Set([a, b]));
    visibility.followShown(new Set([a]));
    visibility.clear();
    frames.splice(0).forEach((frame) => frame());
    await afterTasks();
    expect(observer.observed.size, 'a follow cleared before its frame never starts').toBe(0);
  });

  test('a first occurrence hidden later is found hidden when asked again', () => {
    const { win, flips, visibility, observer } = watch('<p id="a">a</p><p id="b" style="display: none">b</p>');
    const [a, b] = [byId(win, 'a'), byId(win, 'b')];
    expect([a, b].map((el) => visibility.hiddenBlock(el))).toEqual([false, true]);
    visibility.followShown(new Set([a]));
    expect(observer.observed).toEqual(new Set([a, b]));
    a.setAttribute('style', 'display: none');
    observer.resized([a]);
    expect(flips).toEqual([[a]]);
    expect(visibility.hiddenBlock(a)).toBe(true);
    expect(observer.observed, 'watched again, as a hidden block').toEqual(new Set([a, b]));
  });

  test('a first occurrence with no box of its own (display: contents) is followed through the box around it', () => {
    const { win, flips, visibility, observer } = watch(
      '<article id="story"><p id="a" style="display: contents">a</p><p id="b" style="display: contents">b</p><p id="c">c</p></article>',
    );
    const [story, a, b, c] = ['story', 'a', 'b', 'c'].map((id) => byId(win, id));
    expect([a, b, c].map((el) => visibility.hiddenBlock(el))).toEqual([false, false, false]);
    visibility.followShown(new Set([a, b, c]));
    expect(observer.observed).toEqual(new Set([a, b, c, story]));
    // The page hides it: its own size never changes, the article's does.
    a.setAttribute('style', 'display: none');
    observer.resized([story]);
    expect(flips).toEqual([[a]]);
    expect(observer.observed, 'the article still stands in for the other').toEqual(new Set([b, c, story]));
    visibility.followShown(new Set([c]));
    expect(observer.observed).toEqual(new Set([c]));
  });

  test('elements the page removed are let go, not reported', () => {
    const { win, flips, visibility, observer } = watch('<p id="a">a</p>');
    const a = byId(win, 'a');
    visibility.followShown(new Set([a]));
    a.remove();
    observer.resized([a]);
    expect(flips).toEqual([]);
    expect(observer.observed.size).toBe(0);
  });

  test('a page that keeps adding hidden blocks and taking them away does not make the watch hold them all', () => {
    const { win, visibility, observer } = watch('<div id="box" style="display: none"></div>');
    const box = byId(win, 'box');
    for (let i = 0; i < 5000; i++) {
      const p = win.document.createElement('p');
      box.append(p);
      visibility.hiddenBlock(p);
      p.remove();
    }
    expect(observer.observed.size).toBeLessThanOrEqual(1024);
  });

  test('clear stops watching everything', () => {
    const { win, visibility, observer } = watch('<p id="a" style="display: none">a</p>');
    visibility.hiddenBlock(byId(win, 'a'));
    visibility.clear();
    expect(observer.observed.size).toBe(0);
  });
});

describe('the controller and hidden copies', () => {
  const PAGE = `
    <div id="mobile" style="display: none"><p id="quay-copy">${QUAY}</p><p id="owners-copy">${OWNERS}</p></div>
    <article>
      <p id="quay">${QUAY}</p>
      <p id="divers">${DIVERS}</p>
      <p id="owners">${OWNERS}</p>
      <div id="more" style="display: none"><p id="divers-more">${DIVERS}</p></div>
      <p id="owners-repeat">${OWNERS}</p>
    </article>`;

  test('a hidden copy ahead of the article makes no visible paragraph a repeat', async () => {
    const win = cssPage(PAGE);
    const { ready, state } = start(win);
    await ready;
    expect(['quay-copy', 'quay', 'divers', 'owners', 'divers-more', 'owners-repeat'].map((id) => status(win, id))).toEqual([
      null,
      null,
      null,
      'first',
      null,
      'repeat',
    ]);
    const scan = await state();
    expect(scan.status === 'ready' && [scan.blocks, scan.duplicates]).toEqual([4, 1]);
  });

  test('a hidden block shown later is read, and folded when the site collapses repeats', async () => {
    await setAutoCollapse('news.example.com', true);
    const win = cssPage(PAGE);
    const { ready, until } = start(win);
    await ready;
    const more = byId(win, 'more');
    more.removeAttribute('style');
    sizeObserver().resized([byId(win, 'divers-more')]);
    await until(() => expect(status(win, 'divers-more')).toBe('repeat'));
    expect(byId(win, 'divers-more').hasAttribute('data-paradedup-folded')).toBe(true);
    expect(status(win, 'divers')).toBe('first');
  });

  test('a first occurrence hidden later leaves its copy in sight unmarked; shown again, the copy is a repeat again', async () => {
    const win = cssPage(PAGE);
    const { ready, until } = start(win);
    await ready;
    const owners = byId(win, 'owners');
    owners.setAttribute('style', 'display: none');
    sizeObserver().resized([owners]);
    await until(() => expect(status(win, 'owners-repeat')).toBe(null));
    expect(status(win, 'owners')).toBe(null);
    owners.removeAttribute('style');
    sizeObserver().resized([owners]);
    await until(() => expect(status(win, 'owners-repeat')).toBe('repeat'));
    expect(status(win, 'owners')).toBe('first');
  });

  test('a first occurrence with no box of its own (display: contents) hidden later leaves its copy unmarked', async () => {
    const win = cssPage(`<article id="story"><p id="owners" style="display: contents">${OWNERS}</p><p id="quay">${QUAY}</p><p id="owners-repeat">${OWNERS}</p></article>`);
    const { ready, until } = start(win);
    await ready;
    expect(status(win, 'owners-repeat')).toBe('repeat');
    byId(win, 'owners').setAttribute('style', 'display: none');
    // The browser reports the article, whose size changed: the paragraph itself has none.
    sizeObserver().resized([byId(win, 'story')]);
    await until(() => expect(status(win, 'owners-repeat')).toBe(null));
    expect(status(win, 'owners')).toBe(null);
  });

  test('a repeat hidden later no longer counts; shown again, it is a repeat again', async () => {
    const win = cssPage(PAGE);
    const { ready, until, state } = start(win);
    await ready;
    const repeat = byId(win, 'owners-repeat');
    repeat.setAttribute('style', 'display: none');
    sizeObserver().resized([repeat]);
    await until(() => expect(status(win, 'owners')).toBe(null));
    const hidden = await state();
    expect(hidden.status === 'ready' && hidden.duplicates).toBe(0);
    repeat.removeAttribute('style');
    sizeObserver().resized([repeat]);
    await until(() => expect(status(win, 'owners-repeat')).toBe('repeat'));
    expect(status(win, 'owners')).toBe('first');
  });

  test('tabs switched: the copy shown is no repeat of the paragraph hidden at the same time', async () => {
    const win = cssPage(
      `<p id="owners">${OWNERS}</p>
      <div id="tab-a"><p id="quay">${QUAY}</p><p id="divers">${DIVERS}</p></div>
      <div id="tab-b" style="display: none"><p id="quay-b">${QUAY}</p><p id="owners-b">${OWNERS}</p></div>`,
    );
    const { ready, until, state } = start(win);
    await ready;
    expect(['owners', 'quay', 'quay-b', 'owners-b'].map((id) => status(win, id))).toEqual([null, null, null, null]);
    byId(win, 'tab-a').setAttribute('style', 'display: none');
    byId(win, 'tab-b').removeAttribute('style');
    // The browser reports what it was asked to watch: the hidden blocks, which are now shown.
    sizeObserver().resized([byId(win, 'quay-b'), byId(win, 'owners-b'), byId(win, 'quay')]);
    await until(() => expect(status(win, 'owners-b')).toBe('repeat'));
    expect(['owners', 'quay', 'quay-b'].map((id) => status(win, id))).toEqual(['first', null, null]);
    const scan = await state();
    expect(scan.status === 'ready' && scan.duplicates).toBe(1);
  });

  test('a hidden copy of a long article is dropped in slices, the page getting its turn between them', async () => {
    const random = new Prng(11);
    const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'fa', 'gu', 'ha'];
    const word = () => Array.from({ length: random.between(2, 4) }, () => random.pick(syllables)).join('');
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 24 }, word).join(' ') + '.');
    const paragraphs = texts.map((text) => `<p>${text}</p>`).join('');
    const win = cssPage(`<div style="display: none">${paragraphs}</div><article>${paragraphs}</article>`);
    // Time passes only as the browser is asked what it shows: 1 ms a question.
    const linkedomWindow = win.document.defaultView as unknown as typeof globalThis;
    const checkVisibility = linkedomWindow.Element.prototype.checkVisibility;
    let time = 0;
    let sinceYield = 0;
    const between: number[] = [];
    Object.defineProperty(linkedomWindow.Element.prototype, 'checkVisibility', {
      configurable: true,
      value(this: Element) {
        time++;
        sinceYield++;
        return checkVisibility.call(this);
      },
    });
    const clock = {
      now: () => time,
      yield: () => {
        between.push(sinceYield);
        sinceYield = 0;
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
    };
    const { ready, state } = start(win, clock);
    await ready;
    between.push(sinceYield);
    const scan = await state();
    expect(scan.status === 'ready' && [scan.blocks, scan.duplicates]).toEqual([300, 0]);
    expect(win.document.querySelectorAll('[data-paradedup]')).toHaveLength(0);
    expect(between.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(600);
    expect(Math.max(...between)).toBeLessThanOrEqual(2 * SLICE_MS);
  });

  test('a section shown by taking its hidden attribute off is read', async () => {
    const win = cssPage(`<article><p id="quay">${QUAY}</p><section id="extra" hidden><p id="quay-extra">${QUAY}</p></section></article>`);
    const { ready, until } = start(win);
    await ready;
    expect(status(win, 'quay')).toBe(null);
    byId(win, 'extra').removeAttribute('hidden');
    await until(() => expect(status(win, 'quay-extra')).toBe('repeat'));
    byId(win, 'extra').setAttribute('hidden', '');
    await until(() => expect(status(win, 'quay-extra')).toBe(null));
    expect(status(win, 'quay')).toBe(null);
  });
});
