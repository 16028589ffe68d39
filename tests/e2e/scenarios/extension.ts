// Issues 3 and 4: the sample article, the popup (auto-collapse, view buttons, list), the
// per-site setting, restore, and the placeholder's keyboard and "go to first" controls.
import { expect } from 'vitest';
import {
  AUTO_COLLAPSE,
  COLLAPSE_ALL,
  differenceFromOriginal,
  expectAnnotationsAsFixtureSays,
  expectAsFixtureSays,
  expectBadge,
  expectOriginalCapturedBeforeScan,
  expectOriginalDom,
  expectProperlyFolded,
  expectRepeatsFolded,
  EXPAND_ALL,
  folds,
  HIGHLIGHT_ONLY,
  NEVER_SCAN,
  popupText,
  SCAN_TIMEOUT_MS,
  SETTLE_MS,
  sleep,
} from '../checks';
import { PREFETCH_RUN_MEASURE } from '../../../src/page/scan-marks';
import type { TestPage } from '../drivers/types';
import type { Scenario, ScenarioContext } from '../scenario';

/** The sample article: its 14 lines are the <p>s of its <article>. */
const SAMPLE = 'astana-article.ar.html';
const GLUED_UNSTOPPED = 'glued-unstopped.html';
/** 0-based line indexes: lines 8 and 11–14 repeat lines 2 and 4–7 exactly. */
const SAMPLE_DUPLICATE_OF: Record<number, number> = { 7: 1, 10: 3, 11: 4, 12: 5, 13: 6 };
/** Line 10 is new text glued to a repeat of line 3. */
const SAMPLE_PARTIAL = 9;
const SAMPLE_PARTIAL_REPEATS = 2;
const SAMPLE_DUPLICATES = Object.keys(SAMPLE_DUPLICATE_OF).map(Number);
const SAMPLE_MARKED = [...SAMPLE_DUPLICATES, SAMPLE_PARTIAL].sort((a, b) => a - b);
/** The canonical line of every repeat group. */
const SAMPLE_CANONICALS = [1, 2, 3, 4, 5, 6];
/** What a scan or rescan sets on a block; a flash must change something else. */
const ANNOTATION_ATTRIBUTES: readonly string[] = ['data-paradedup', 'data-paradedup-group', 'data-paradedup-tint', 'data-paradedup-folded'];
/** A long English page whose repeats and first occurrences sit below the first screen. */
const LONG = 'long-article.en.html';
/** A live blog whose background paragraph follows each of its 24 updates. */
const LIVE_BLOG = 'live-blog.en.html';

interface Line {
  status: string | null;
  group: string | null;
  folded: boolean;
  visible: boolean;
  text: string;
}

async function sampleLines(page: TestPage): Promise<Line[]> {
  const lines = await page.evaluate(() =>
    Array.from(document.querySelectorAll('article p'), (p) => ({
      status: p.getAttribute('data-paradedup'),
      group: p.getAttribute('data-paradedup-group'),
      folded: p.hasAttribute('data-paradedup-folded'),
      visible: window.__e2e.visible(p),
      text: window.__e2e.text(p),
    })),
  );
  expect(lines, 'the sample article has its 14 lines as <p>').toHaveLength(14);
  return lines;
}

const indexesWhere = (lines: Line[], keep: (line: Line) => boolean) =>
  lines.flatMap((line, i) => (keep(line) ? [i] : []));
const marked = (lines: Line[]) => indexesWhere(lines, (l) => l.status === 'repeat' || l.status === 'partial');
const folded = (lines: Line[]) => indexesWhere(lines, (l) => l.folded);

/** Line 10: its marks, whether the block and its unmarked (new) text are visible. */
async function partialLine(page: TestPage) {
  return page.evaluate(
    ([partial, repeats]) => {
      const ps = document.querySelectorAll('article p');
      const p = ps[partial];
      const marks = window.__e2e.marks(p);
      // The new text: every character of the block outside our marks, measured as rendered.
      const newText = window.__e2e.unmarked(p);
      return {
        status: p.getAttribute('data-paradedup'),
        folded: p.hasAttribute('data-paradedup-folded'),
        visible: window.__e2e.visible(p),
        marks: marks.map((m) => m.text),
        marksVisible: marks.every((m) => m.visible),
        // Both browsers paint marks as highlights over static ranges: the paragraph keeps its own nodes,
        // and the page's own DOM changes pay nothing for ranges to update.
        markKinds: marks.map((m) => m.kind),
        newText: newText.text,
        newTextRendered: newText.rendered,
        repeatedLine: window.__e2e.text(ps[repeats]),
      };
    },
    [SAMPLE_PARTIAL, SAMPLE_PARTIAL_REPEATS] as const,
  );
}

async function openSample(ctx: ScenarioContext, host?: '127.0.0.1' | 'localhost'): Promise<TestPage> {
  const page = await ctx.open(SAMPLE, { host });
  await expectBadge(ctx.browser, page, '6');
  await expect.poll(async () => marked(await sampleLines(page)), { timeout: SCAN_TIMEOUT_MS }).toEqual(SAMPLE_MARKED);
  return page;
}

async function expectSampleFolded(page: TestPage) {
  await expect.poll(async () => folded(await sampleLines(page)), { timeout: SCAN_TIMEOUT_MS }).toEqual(SAMPLE_DUPLICATES);
  const placeholders = await folds(page);
  expect(placeholders).toHaveLength(SAMPLE_DUPLICATES.length);
  expectProperlyFolded(placeholders);
}

async function expectSampleUnfolded(page: TestPage) {
  await expect.poll(async () => folded(await sampleLines(page)), { timeout: SCAN_TIMEOUT_MS }).toEqual([]);
  expect(await folds(page)).toEqual([]);
  expect(indexesWhere(await sampleLines(page), (l) => !l.visible)).toEqual([]);
}

async function setAutoCollapse(ctx: ScenarioContext, page: TestPage, on: boolean): Promise<TestPage> {
  const popup = await ctx.popup(page);
  await expect.poll(() => popup.count(AUTO_COLLAPSE), { timeout: SCAN_TIMEOUT_MS }).toBe(1);
  expect(await popup.isChecked(AUTO_COLLAPSE), 'auto-collapse before the click').toBe(!on);
  await popup.click(AUTO_COLLAPSE);
  await expect.poll(() => popup.isChecked(AUTO_COLLAPSE)).toBe(on);
  return popup;
}

/** The long article, with its two repeats folded through the popup's Collapse all. */
async function openLongCollapsed(ctx: ScenarioContext): Promise<TestPage> {
  const page = await ctx.open(LONG);
  await expectBadge(ctx.browser, page, '2');
  const popup = await ctx.popup(page);
  await popup.click(COLLAPSE_ALL);
  await expectRepeatsFolded(page, true);
  return page;
}

export const extensionScenarios: Scenario[] = [
  {
    issue: 3,
    name: 'sample article: badge "6", highlights on exactly lines 8, 10, 11–14',
    async run(ctx) {
      const page = await openSample(ctx);
      const lines = await sampleLines(page);
      for (const [repeat, of] of Object.entries(SAMPLE_DUPLICATE_OF)) {
        expect(lines[Number(repeat)].status, `line ${Number(repeat) + 1}`).toBe('repeat');
        expect(lines[Number(repeat)].text, `line ${Number(repeat) + 1} repeats line ${of + 1}`).toBe(lines[of].text);
        if (lines[of].group !== null) expect(lines[Number(repeat)].group).toBe(lines[of].group);
      }
      expect(lines[SAMPLE_PARTIAL].status).toBe('partial');
      // First occurrences may carry a lighter mark; nothing else may be marked at all.
      const others = indexesWhere(lines, (l) => l.status !== null && !SAMPLE_MARKED.includes(lines.indexOf(l)));
      expect(others.every((i) => SAMPLE_CANONICALS.includes(i) && lines[i].status === 'first'), `marked: ${others}`).toBe(true);

      // Highlight is the default: nothing folded, and a repeat looks different from a unique line.
      expect(folded(lines)).toEqual([]);
      expect(await folds(page)).toEqual([]);
      const [repeatLook, uniqueLook] = await page.evaluate(() => {
        const ps = document.querySelectorAll('article p');
        return [window.__e2e.look(ps[7]), window.__e2e.look(ps[0])];
      });
      expect(repeatLook, 'a highlighted repeat is painted differently from a unique line').not.toEqual(uniqueLook);

      const line10 = await partialLine(page);
      expect(line10.marks, "line 10's highlighted range is exactly line 3").toEqual([line10.repeatedLine]);
      expect(line10.markKinds, 'how line 10 is marked').toEqual(['static']);
      expect(line10.newText.length).toBeGreaterThan(0);

      // The settings came from the read the document_start script began, which the content script took over.
      const prefetchRuns = () => page.evaluate((name) => performance.getEntriesByName(name, 'measure').length, PREFETCH_RUN_MEASURE);
      await expect.poll(prefetchRuns, { timeout: SCAN_TIMEOUT_MS }).toBe(1);
    },
  },
  {
    issue: 3,
    name: 'auto-collapse switched on in the real popup folds the 5 repeats; line 10 keeps its new text',
    async run(ctx) {
      const page = await openSample(ctx);
      const popup = await ctx.popup(page);
      await expect.poll(() => popupText(popup), { timeout: SCAN_TIMEOUT_MS }).toContain('127.0.0.1');
      expect(await popup.isChecked(AUTO_COLLAPSE)).toBe(false);
      await popup.click(AUTO_COLLAPSE);
      await expect.poll(() => popup.isChecked(AUTO_COLLAPSE)).toBe(true);

      await expectSampleFolded(page);
      const line10 = await partialLine(page);
      expect(line10).toMatchObject({ status: 'partial', folded: false, visible: true, marksVisible: true, newTextRendered: true });
      expect(line10.marks).toEqual([line10.repeatedLine]);
      expect(line10.newText.length).toBeGreaterThan(0);

      await popup.screenshot(ctx.artifact('popup-sample-auto-collapse.png'));
      await page.bringToFront();
      await page.screenshot(ctx.artifact('sample-collapsed.png'), { fullPage: true });
    },
  },
  {
    issue: 3,
    name: 'new text glued to a repeat with no full stop between, before it or after it, a sentence or three words, in English and Arabic: only the repeat is marked, and Collapse all folds the plain copy but never the new text',
    async run(ctx) {
      const page = await ctx.open(GLUED_UNSTOPPED);
      await expectAsFixtureSays(ctx.browser, page);
      const popup = await ctx.popup(page);
      await popup.click(COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
      const glued = await page.evaluate(() =>
        window.__e2e.all('[data-new]').map((p) => ({
          id: p.id,
          newText: p.getAttribute('data-new')!,
          status: p.getAttribute('data-paradedup'),
          folded: p.hasAttribute('data-paradedup-folded'),
          visible: window.__e2e.visible(p),
          marks: window.__e2e.marks(p).map((m) => m.text),
          unmarked: window.__e2e.unmarked(p),
          repeated: window.__e2e.text(p.parentElement!.querySelector('[data-expect="first"]')),
        })),
      );
      expect(glued.map((p) => p.id)).toEqual(['glued-short', 'glued-long', 'glued-word', 'glued-ar']);
      for (const p of glued) {
        expect(p, p.id).toMatchObject({ status: 'partial', folded: false, visible: true });
        expect(p.marks.length, p.id).toBeGreaterThan(0);
        // Marked: words of the repeat only. The new text, with the word the glue merged into it, is outside every mark and drawn on screen.
        for (const mark of p.marks) expect(p.repeated, p.id).toContain(mark);
        expect(p.marks.join(' ').length, p.id).toBeGreaterThan(0.8 * p.repeated.length);
        expect(p.unmarked.text, p.id).toContain(p.newText);
        expect(p.unmarked.rendered, p.id).toBe(true);
      }
    },
  },
  {
    issue: 3,
    name: 'Collapse all, Highlight only and Expand all; Expand all gives back the exact original DOM',
    async run(ctx) {
      const page = await openSample(ctx);
      await expectOriginalCapturedBeforeScan(page);
      expect(await differenceFromOriginal(page), 'the scan annotated the page').not.toBeNull();
      const popup = await ctx.popup(page);

      await popup.click(COLLAPSE_ALL);
      await expectSampleFolded(page);
      await popup.click(EXPAND_ALL);
      await expectOriginalDom(page);
      await sleep(SETTLE_MS);
      expect(await differenceFromOriginal(page), 'still the original after a while').toBeNull();

      await popup.click(HIGHLIGHT_ONLY);
      await expect.poll(async () => marked(await sampleLines(page)), { timeout: SCAN_TIMEOUT_MS }).toEqual(SAMPLE_MARKED);
      await expectSampleUnfolded(page);
      await popup.click(EXPAND_ALL);
      await expectOriginalDom(page);
    },
  },
  {
    issue: 3,
    name: 'a page that copies its folded article (a clone, markup copied with innerHTML): the copies’ repeats fold behind working placeholders, Expand all gives each copy back equal to the article, and Never scan leaves nothing of ours in a copy made just before',
    async run(ctx) {
      const page = await openSample(ctx);
      const popup = await ctx.popup(page);
      await popup.click(COLLAPSE_ALL);
      await expectSampleFolded(page);
      // What a print view or a carousel does: one copy by cloning the article's nodes, one by copying its markup.
      const copyArticle = (id: string) =>
        page.evaluate((id) => {
          const article = document.querySelector('article')!;
          const copy = document.createElement('div');
          copy.id = id;
          if (id.startsWith('clone')) copy.append(...Array.from(article.childNodes, (node) => node.cloneNode(true)));
          else copy.innerHTML = article.innerHTML;
          document.body.append(copy);
        }, id);
      await copyArticle('clone');
      await copyArticle('markup');
      // Every placeholder in the page is one of ours, with its controls, right before a block it folds:
      // the article's 5, and 13 in each copy, whose lines long enough to report all repeat the article's.
      const placeholders = () => page.evaluate(() => window.__e2e.all('paradedup-fold').map((fold) => fold.shadowRoot?.querySelectorAll('button').length ?? 0));
      await expect.poll(placeholders, { timeout: SCAN_TIMEOUT_MS }).toEqual(Array(5 + 13 + 13).fill(2));
      expectProperlyFolded(await folds(page));

      // Each copy, and the article itself, as the article was before the scan.
      const asOriginalArticle = () =>
        page.evaluate(() => {
          const original = new DOMParser().parseFromString(window.__e2e.original()!, 'text/html').querySelector('article')!.innerHTML;
          return ['article', '#clone', '#markup', '#late'].flatMap((selector) => {
            const copy = document.querySelector(selector);
            return copy ? [copy.innerHTML === original] : [];
          });
        });
      await popup.click(EXPAND_ALL);
      await expect.poll(asOriginalArticle, { timeout: SCAN_TIMEOUT_MS }).toEqual([true, true, true]);

      // A copy made while folded, and the site set to never scan before the copy is even seen.
      await popup.click(COLLAPSE_ALL);
      await expect.poll(async () => folded(await sampleLines(page)), { timeout: SCAN_TIMEOUT_MS }).toEqual(SAMPLE_DUPLICATES);
      await copyArticle('late');
      await popup.click(NEVER_SCAN);
      await expect.poll(() => page.evaluate(() => window.__e2e.all('[data-paradedup], paradedup-fold').length), { timeout: SCAN_TIMEOUT_MS }).toBe(0);
      await sleep(SETTLE_MS);
      expect(await asOriginalArticle()).toEqual([true, true, true, true]);
      expect(await page.evaluate(() => document.body.innerHTML), 'nothing of ours in the page').not.toMatch(/paradedup/i);
    },
  },
  {
    issue: 3,
    name: 'per-site auto-collapse persists across reload, covers other pages of the host, not another host',
    async run(ctx) {
      const page = await openSample(ctx);
      const popup = await setAutoCollapse(ctx, page, true);
      await expectSampleFolded(page);

      await page.reload();
      await expectBadge(ctx.browser, page, '6');
      await expectSampleFolded(page);

      const sameHost = await ctx.open(LONG);
      await expectAnnotationsAsFixtureSays(sameHost);
      await expectRepeatsFolded(sameHost, true);

      const otherHost = await openSample(ctx, 'localhost');
      await sleep(SETTLE_MS);
      await expectSampleUnfolded(otherHost);
      const otherPopup = await ctx.popup(otherHost);
      await expect.poll(() => popupText(otherPopup), { timeout: SCAN_TIMEOUT_MS }).toContain('localhost');
      expect(await otherPopup.isChecked(AUTO_COLLAPSE), 'auto-collapse on localhost').toBe(false);

      // Switching it off again unfolds every open page of the host at once.
      await popup.click(AUTO_COLLAPSE);
      await expect.poll(() => popup.isChecked(AUTO_COLLAPSE)).toBe(false);
      await expectSampleUnfolded(page);
      await expectRepeatsFolded(sameHost, false);
    },
  },
  {
    issue: 3,
    name: 'popup lists every group with a dir="auto" snippet, and the site',
    async run(ctx) {
      const page = await openSample(ctx);
      const prefixes = (await sampleLines(page)).filter((_, i) => SAMPLE_CANONICALS.includes(i)).map((l) => l.text.slice(0, 12));
      const popup = await ctx.popup(page);
      await expect.poll(() => popupText(popup), { timeout: SCAN_TIMEOUT_MS }).toContain('127.0.0.1');
      const entries = await popup.evaluate((starts) => {
        const elements = Array.from(document.querySelectorAll('body *'));
        return starts.map((start) => {
          // The innermost element showing the snippet: the one a reader sees it in.
          const holder = elements.filter((el) => (el as HTMLElement).innerText?.includes(start)).pop();
          return { start, shown: Boolean(holder), dir: holder?.closest('[dir]')?.getAttribute('dir') ?? null };
        });
      }, prefixes);
      for (const entry of entries) expect(entry).toEqual({ start: entry.start, shown: true, dir: 'auto' });
    },
  },
  {
    issue: 3,
    name: 'a paragraph repeated 23 times: its 24 chips wrap inside the popup beside a readable snippet, and the last jumps to the last copy; a copy with a word changed and two left out has a dashed bar, that word marked, the others in its tooltip, a ≈ chip, and folded names them all',
    async run(ctx) {
      const page = await ctx.open(LIVE_BLOG);
      await expectAsFixtureSays(ctx.browser, page);
      const popup = await ctx.popup(page);
      const last = { role: 'button', name: /^Go to occurrence 24 of 24$/ } as const;
      await expect.poll(() => popup.count(last), { timeout: SCAN_TIMEOUT_MS }).toBe(1);
      const layout = await popup.evaluate(() => {
        const chips = Array.from(document.querySelectorAll('[aria-label^="Go to occurrence"]'), (chip) => chip.getBoundingClientRect());
        const entry = document.querySelector('[aria-label*="The storm, the strongest"]')!.getBoundingClientRect();
        const list = document.querySelector('ul')!;
        const box = list.getBoundingClientRect();
        return {
          chips: chips.length,
          outside: chips.filter((r) => r.left < box.left || r.right > box.right).length,
          rows: new Set(chips.map((r) => Math.round(r.top))).size,
          snippetWidth: entry.width,
          popupWidth: document.documentElement.clientWidth,
          scrollsSideways: list.scrollWidth > list.clientWidth,
        };
      });
      // 24 chips and the other group's 2; none runs past the list, which never scrolls sideways.
      expect(layout).toMatchObject({ chips: 26, outside: 0, scrollsSideways: false });
      // The call for stories came back with a word changed and two left out: its bar is dashed, the word-for-word copies' solid.
      const bars = await page.evaluate(() =>
        window.__e2e.all('[data-expect="repeat"]').map((p) => ({ similar: p.id === 'howto-similar', image: getComputedStyle(p).backgroundImage })),
      );
      for (const { similar, image } of bars) expect(image.includes('repeating-linear-gradient'), image).toBe(similar);
      // Its changed word is marked, and nothing else on the page is.
      const changed = await page.evaluate(() => window.__e2e.marks(document, true).map(({ text, visible }) => ({ text, visible })));
      expect(changed).toEqual([{ text: 'phone', visible: true }]);
      expect(await page.evaluate(() => window.__e2e.marks(document.getElementById('howto-similar')!, true).length)).toBe(1);
      // The words it left out have no place to be marked: its tooltip names them.
      expect(await page.evaluate(() => document.getElementById('howto-similar')!.title.split('\n'))).toEqual([
        expect.stringMatching(/^Similar to paragraph \d+: “If you have been affected/),
        'Left out: “you can”',
      ]);
      // In the popup its chip says so too: "≈" after its number, and in its name.
      const similarChips = await popup.evaluate(() =>
        Array.from(document.querySelectorAll('[aria-label$="similar but not word for word"]'), (chip) => ({
          name: chip.getAttribute('aria-label'),
          after: getComputedStyle(chip, '::after').content,
        })),
      );
      expect(similarChips).toEqual([{ name: 'Go to occurrence 2 of 2, similar but not word for word', after: '"≈"' }]);
      expect(layout.rows).toBeGreaterThan(2);
      expect(layout.snippetWidth).toBeGreaterThan(layout.popupWidth / 3);

      await popup.click(last);
      await page.bringToFront();
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const copies = window.__e2e.all('[data-expect="repeat"]').filter((p) => p.textContent!.startsWith('The storm'));
              return window.__e2e.inViewport(copies[copies.length - 1]);
            }),
          { timeout: SCAN_TIMEOUT_MS },
        )
        .toBe(true);

      // Folded, the copy names the word it changed and those it left out on its placeholder.
      await popup.click(COLLAPSE_ALL);
      await expect
        .poll(() => page.evaluate(() => document.getElementById('howto-similar')!.previousElementSibling?.getAttribute('aria-label')), {
          timeout: SCAN_TIMEOUT_MS,
        })
        .toBe('Similar paragraph, changed: \u2068phone\u2069, left out: \u2068you can\u2069');
      expect(await page.evaluate(() => window.__e2e.visible(document.getElementById('howto-similar')!.previousElementSibling))).toBe(true);
    },
  },
  {
    issue: 3,
    name: 'clicking a popup list entry scrolls the page to the block and flashes it',
    async run(ctx) {
      const page = await ctx.open(LONG);
      await expectBadge(ctx.browser, page, '2');
      await expectAnnotationsAsFixtureSays(page);
      const target = '#harbour-first';
      expect(await page.evaluate((sel) => window.__e2e.inViewport(document.querySelector(sel)!), target)).toBe(false);
      await page.evaluate((sel) => window.__e2e.watch([document.querySelector(sel)!]), target);

      const popup = await ctx.popup(page);
      await popup.click({ role: ['button', 'link'], name: /Harbour authorities confirmed/ });
      await page.bringToFront();
      await expect
        .poll(() => page.evaluate((sel) => window.__e2e.inViewport(document.querySelector(sel)!), target), {
          timeout: SCAN_TIMEOUT_MS,
        })
        .toBe(true);
      const flash = await page.evaluate(() => window.__e2e.watchReport());
      const flashChanges = flash.attributeChanges.filter((name) => !ANNOTATION_ATTRIBUTES.includes(name));
      expect(flashChanges.length + flash.animations, 'the block flashed').toBeGreaterThan(0);
    },
  },
  {
    issue: 3,
    name: 'a placeholder is a group of two buttons for the keyboard: Enter on "show" shows and hides its block, Tab then "go to first" jumps and takes focus there',
    async run(ctx) {
      const page = await openLongCollapsed(ctx);
      const [first] = await folds(page);
      // A group, not a button holding buttons (which screen readers cannot enter), and no tab stop of its own.
      expect(first).toMatchObject({ role: 'group', expanded: 'false', tabIndex: -1, nextFolded: true, nextVisible: false });
      const focused = () =>
        page.evaluate(() => {
          const control = document.activeElement?.shadowRoot?.activeElement;
          return control ? window.__e2e.drawn(control) : null;
        });

      await page.press({ role: 'button', name: /^show$/i }, 'Enter');
      await expect.poll(async () => (await folds(page))[0]).toMatchObject({ expanded: 'true', nextVisible: true });
      expect(await focused(), 'focus stays on the button, which now offers to hide').toBe('hide');
      await page.press({ role: 'button', name: /^hide$/i }, 'Enter');
      await expect.poll(async () => (await folds(page))[0]).toMatchObject({ expanded: 'false', nextVisible: false });

      // From the bottom of the page, the first placeholder's "go to first", reached with Tab, brings its first occurrence into view.
      const officials = '#officials-first';
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.press({ role: 'button', name: /^show$/i }, 'Tab');
      expect(await focused()).toBe('go to first');
      expect(await page.evaluate((sel) => window.__e2e.inViewport(document.querySelector(sel)!), officials)).toBe(false);
      await page.press({ role: 'button', name: /^go to first$/i }, 'Enter');
      await expect
        .poll(() => page.evaluate((sel) => window.__e2e.inViewport(document.querySelector(sel)!), officials))
        .toBe(true);
      // Focus went along, so Tab and a screen reader go on from the first occurrence; the tabindex lent for it goes with it.
      const focusOf = () =>
        page.evaluate((sel) => {
          const el = document.querySelector(sel)!;
          return { focused: document.activeElement === el, tabindex: el.getAttribute('tabindex') };
        }, officials);
      expect(await focusOf()).toEqual({ focused: true, tabindex: '-1' });
      await page.press({ css: officials }, 'Tab');
      expect(await focusOf()).toEqual({ focused: false, tabindex: null });
    },
  },
  {
    issue: 3,
    name: 'copying or searching a page with folded repeats finds its text, never the placeholders’ words',
    async run(ctx) {
      const page = await openLongCollapsed(ctx);
      const first = await page.evaluate(() => window.__e2e.text(document.querySelector('#officials-first')));
      const copied = (await page.selectAllAndCopy()).replace(/\s+/g, ' ');
      expect(copied, 'the first occurrence is copied').toContain(first);
      expect(copied, 'no placeholder words').not.toMatch(/Repeated paragraph|Similar paragraph|go to first/i);
      // window.find searches as the browser's find bar does (Ctrl+F), from the page's start each time.
      const found = (words: string[]) =>
        page.evaluate(
          (list) =>
            list.map((words) => {
              getSelection()!.removeAllRanges();
              return window.find(words);
            }),
          words,
        );
      expect(await found([first.slice(0, 40), 'Repeated paragraph', 'go to first'])).toEqual([true, false, false]);
    },
  },
  {
    issue: 3,
    name: 'the badge is kept per tab and cleared when the tab navigates away',
    async run(ctx) {
      const sample = await openSample(ctx);
      const long = await ctx.open(LONG);
      await expectBadge(ctx.browser, long, '2');
      expect(await ctx.browser.badgeText(sample)).toBe('6');
      await sample.goto('about:blank');
      await expectBadge(ctx.browser, sample, '');
      expect(await ctx.browser.badgeText(long)).toBe('2');
    },
  },
  {
    issue: 3,
    name: "the popup on a page it can't scan says so and never hangs",
    async run(ctx) {
      const page = await ctx.open('about:blank');
      const popup = await ctx.popup(page);
      await expect.poll(() => popupText(popup), { timeout: 5_000 }).toMatch(/can[’']t|cannot/i);
      expect(await popup.count(AUTO_COLLAPSE)).toBe(0);
    },
  },
];

/**
 * Chromium only, as only its driver can lay a page out for print (Firefox's WebDriver BiDi cannot); the
 * placeholder's style sheet is the same in both browsers.
 */
export const printScenarios: Scenario[] = [
  {
    issue: 3,
    name: 'printed, a placeholder keeps its label and drops its controls, which do nothing on paper',
    async run(ctx) {
      const page = await openLongCollapsed(ctx);
      const placeholderParts = () =>
        page.evaluate(() =>
          Array.from(document.querySelector('paradedup-fold')!.shadowRoot!.querySelectorAll('.words > *'), (part) => ({
            text: window.__e2e.drawn(part),
            shown: getComputedStyle(part).display !== 'none',
          })),
        );
      const onScreen = await placeholderParts();
      expect(onScreen.filter((part) => part.shown).map((part) => part.text)).toEqual(['Repeated paragraph', '·', 'show', '·', 'go to first']);
      await page.emulateMedia('print');
      expect((await placeholderParts()).filter((part) => part.shown).map((part) => part.text)).toEqual(['Repeated paragraph']);
      await page.emulateMedia('screen');
      expect(await placeholderParts()).toEqual(onScreen);
    },
  },
];
