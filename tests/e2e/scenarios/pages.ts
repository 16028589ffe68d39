// Issue 6: living pages (late, edited and removed paragraphs, SPA routes, infinite scroll,
// frames) and hostile or odd pages. Every fixture states its expectations in data-expect.
import { expect } from 'vitest';
import {
  AUTO_COLLAPSE,
  COLLAPSE_ALL,
  expectAnnotationsAsFixtureSays,
  expectAsFixtureSays,
  expectBadge,
  expectedRepeats,
  expectOriginalCapturedBeforeScan,
  expectOriginalDom,
  expectProperlyFolded,
  expectRepeatsFolded,
  EXPAND_ALL,
  folds,
  HIGHLIGHT_ONLY,
  mismatches,
  NEVER_SCAN,
  popupText,
  SCAN_TIMEOUT_MS,
  SETTLE_MS,
  sleep,
} from '../checks';
import { scanInput } from '../../../src/cli/report';
import { DONE_MARK } from '../../../src/page/scan-marks';
import { randomPage } from '../../support/random-page';
import type { TestPage } from '../drivers/types';
import type { FixtureApi, Look } from '../page/page-globals';
import type { Scenario, ScenarioContext } from '../scenario';

/**
 * A scan that adds a freeze longer than this to the page's own did not keep it "responsive".
 * Generous, because CI machines are slow and shared (the fixture alone freezes ~250 ms on a
 * loaded one); a scan that does not yield freezes for many seconds.
 */
const MAX_FREEZE_MS = 2_000;

/**
 * The fixture's heartbeat, once it has ticked: it starts two frames after load and ticks every
 * 20 ms, and a quick scan can be over before its first tick.
 */
async function heartbeatOnceTicked(page: TestPage): Promise<{ maxGapMs: number; count: number }> {
  await expect
    .poll(() => page.evaluate(() => window.fixture.heartbeat().count), { timeout: MAX_FREEZE_MS * 2, message: 'the heartbeat ran' })
    .toBeGreaterThan(0);
  return page.evaluate(() => window.fixture.heartbeat());
}
const HUGE_PAGE_TIMEOUT_MS = 60_000;

/** Opens a fixture and waits until the badge and every annotation agree with its data-expect. */
async function openAndScan(ctx: ScenarioContext, page: string, options?: { csp?: boolean; cacheable?: boolean; timeout?: number }) {
  const tab = await ctx.open(page, { csp: options?.csp, cacheable: options?.cacheable });
  await expectAsFixtureSays(ctx.browser, tab, options?.timeout);
  return tab;
}

/** The fixture's page changes: its methods that take no arguments. */
type FixtureChange = { [K in keyof FixtureApi]: FixtureApi[K] extends () => void ? K : never }[keyof FixtureApi];

/** Runs each of the fixture's changes in turn; after each, the badge and annotations follow its data-expect. */
async function changeAndFollow(ctx: ScenarioContext, page: TestPage, changes: readonly FixtureChange[]) {
  for (const change of changes) {
    const before = await ctx.browser.badgeText(page);
    await page.evaluate((name) => window.fixture[name](), change);
    const expected = String(await expectedRepeats(page));
    expect(expected, `${change} changes the expected count`).not.toBe(before);
    await expectBadge(ctx.browser, page, expected);
    await expectAnnotationsAsFixtureSays(page);
  }
}

async function clickInPopup(ctx: ScenarioContext, page: TestPage, ...buttons: Parameters<TestPage['click']>[0][]) {
  const popup = await ctx.popup(page);
  for (const button of buttons) await popup.click(button);
  return popup;
}

/** For every partial block with data-expect-mark="#id": its marked text must be exactly that paragraph. */
async function expectPartialMarks(page: TestPage) {
  const partials = await page.evaluate(() =>
    window.__e2e.all('[data-expect-mark]').map((el) => ({
      marked: window.__e2e.marks(el).map((m) => m.text).join(' '),
      expected: window.__e2e.text(document.querySelector(el.getAttribute('data-expect-mark')!)),
    })),
  );
  expect(partials.length).toBeGreaterThan(0);
  for (const { marked, expected } of partials) expect(marked).toBe(expected);
}

/** A page of repeats in several scripts: the badge and annotations as it says, its partial marks exact, and only its repeats folded. */
function scriptsScenario(name: string, fixture: string): Scenario {
  return {
    issue: 6,
    name,
    async run(ctx) {
      const page = await openAndScan(ctx, fixture);
      await expectPartialMarks(page);
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
    },
  };
}

/** Waits until the page's one repeated `<br><br>` paragraph and its first occurrence are painted in place. */
async function expectRunsPainted(page: TestPage) {
  const painted = () => page.evaluate(() => window.__e2e.runs().map((run) => run.status).sort());
  await expect.poll(painted, { timeout: SCAN_TIMEOUT_MS }).toEqual(['first', 'repeat']);
}

/** ParaDedup's own elements, attributes and marks inside `selector`'s subtree. */
function ownInside(page: TestPage, selector: string) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel)!;
    const { all, marks, runs } = window.__e2e;
    return all('[data-paradedup], [data-paradedup-folded], paradedup-fold, paradedup-block', root).length + marks(root).length + runs(root).length;
  }, selector);
}

/** Scans `fixture`, folds every repeat, and checks that the parts `selectors` name stay as the page had them, in sight. */
async function collapseLeaving(ctx: ScenarioContext, fixture: string, selectors: readonly string[]): Promise<TestPage> {
  const page = await openAndScan(ctx, fixture);
  await clickInPopup(ctx, page, COLLAPSE_ALL);
  await expectRepeatsFolded(page, true);
  for (const selector of selectors) {
    expect(await ownInside(page, selector), selector).toBe(0);
    expect(await page.evaluate((sel) => window.__e2e.visible(document.querySelector(sel)!), selector), selector).toBe(true);
  }
  return page;
}

interface CspLooks {
  repeat: Look;
  unique: Look;
  mark: Look;
  foldHost: Look;
  foldParts: Look[];
  foldHeight: number;
  foldedDisplay: string;
  violations: string[];
  /** Which pass analysed the blocks: the content script marks it on the page's timeline. */
  analyzer: string[];
}

/** How ParaDedup's highlight and fold look on csp.html, served with or without the strict CSP. */
async function cspLooks(ctx: ScenarioContext, csp: boolean): Promise<CspLooks> {
  const page = await openAndScan(ctx, 'csp.html', { csp });
  const highlight = await page.evaluate(() => {
    const { all, look } = window.__e2e;
    return {
      repeat: look(all('[data-expect="repeat"]')[0]),
      unique: look(all('article p:not([data-expect])')[0]),
      mark: window.__e2e.marks()[0].look,
    };
  });
  await clickInPopup(ctx, page, COLLAPSE_ALL);
  await expectRepeatsFolded(page, true);
  const folded = await page.evaluate(() => {
    const { all, look } = window.__e2e;
    const fold = all('paradedup-fold')[0];
    return {
      foldHost: look(fold),
      foldParts: Array.from(fold.shadowRoot?.querySelectorAll('*') ?? [], (el) => look(el)),
      foldHeight: fold.getBoundingClientRect().height,
      foldedDisplay: getComputedStyle(all('[data-paradedup-folded]')[0]).display,
      violations: window.__e2e.violations(),
      analyzer: performance
        .getEntriesByType('mark')
        .map((mark) => mark.name)
        .filter((name) => name.startsWith('paradedup:analyzer-')),
    };
  });
  return { ...highlight, ...folded };
}

/** Frames: every same-origin frame's annotations and expectations, read from the top page. */
async function frameMismatches(page: TestPage): Promise<string[]> {
  const perFrame = await page.evaluate(() =>
    Array.from(document.querySelectorAll('iframe'), (frame) => {
      const helpers = (frame.contentWindow as Window | null)?.__e2e;
      return helpers ? helpers.annotations() : null;
    }),
  );
  if (perFrame.some((a) => a === null)) return ['a frame has not loaded yet'];
  return perFrame.flatMap((a, i) => mismatches(a!).map((m) => `frame ${i}: ${m}`));
}

/** Seeds of the random pages (tests/support/random-page.ts) played in each browser. */
const RANDOM_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Where a random page's annotations stand: what is folded, what should be, and whether all else is in sight. */
function randomPageFolds(page: TestPage) {
  return page.evaluate(() => {
    const repeats = window.__e2e.all('[data-paradedup="repeat"]');
    const folded = window.__e2e.all('[data-paradedup-folded]');
    return {
      // Table cells and numbered items are highlighted, never folded.
      foldable: repeats.filter((el) => !el.matches('td, th, ol > li')).length,
      folded: folded.length,
      foldedNotRepeats: folded.filter((el) => el.getAttribute('data-paradedup') !== 'repeat').length,
      placeholders: window.__e2e.all('paradedup-fold').length,
      hiddenFirstOrPartial: window.__e2e.all('[data-paradedup="first"], [data-paradedup="partial"]').filter((el) => !window.__e2e.visible(el)).length,
    };
  });
}

export const pageScenarios: Scenario[] = [
  {
    issue: 6,
    name: 'code listings are never read: a listing copied on purpose is neither marked nor folded, and the story’s repeat still is',
    async run(ctx) {
      const page = await collapseLeaving(ctx, 'code-listings.en.html', ['#listing-map', '#listing-gauge', '#listing-copy']);
      // The text around a listing stays two paragraphs, and its container is not folded with it.
      expect(await page.evaluate(() => window.__e2e.visible(document.querySelector('#mixed')!))).toBe(true);
    },
  },
  {
    issue: 6,
    name: 'links are navigation: headlines listed twice (menus, related, most read, a teaser card) are neither marked nor folded, and the story’s repeat still is',
    async run(ctx) {
      await collapseLeaving(ctx, 'news-sidebar.en.html', ['#menu', '#more-ferries', '#related', '#sidebar']);
    },
  },
  {
    issue: 6,
    name: 'a sidebar ahead of the story: the story’s paragraphs are the first occurrences and stay in sight, the asides’ and pull quotes’ copies fold, as excerpts where they quote part of a paragraph, each pull quote whole with its attribution, and a box loaded later is a repeat too',
    async run(ctx) {
      const page = await collapseLeaving(ctx, 'sidebar-first.en.html', []);
      const inSight = () => page.evaluate(() => ['#lede', '#leaks', '#chair', '#anger', '#help'].map((sel) => window.__e2e.visible(document.querySelector(sel)!)));
      expect(await inSight()).toEqual([true, true, true, true, true]);
      const attribution = () => page.evaluate(() => window.__e2e.visible(document.querySelector('.wp-block-pullquote cite')!));
      expect(await attribution(), 'the folded pull quote’s attribution is hidden with it').toBe(false);
      // Each pull quote folds whole, its placeholder in its place, in sight, saying what it is.
      const placeholders = () =>
        page.evaluate(() =>
          ['#quote', '#pull', '#promise'].map((sel) => {
            const box = document.querySelector(sel)!.closest('.pullquote, .wp-block-pullquote')!;
            const fold = box.previousElementSibling!;
            return { box: window.__e2e.visible(box), fold: fold.localName === 'paradedup-fold' && window.__e2e.visible(fold), label: fold.getAttribute('aria-label') };
          }),
        );
      expect(await placeholders(), 'a pull quote is part of its paragraph, word for word').toEqual(Array(3).fill({ box: false, fold: true, label: 'Repeated excerpt' }));
      expectProperlyFolded(await folds(page));
      await clickInPopup(ctx, page, EXPAND_ALL);
      await expectRepeatsFolded(page, false);
      expect(await attribution(), 'and shown with it').toBe(true);
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
      await changeAndFollow(ctx, page, ['addSidebarBox']);
      expect(await inSight()).toEqual([true, true, true, true, true]);
      // Floated, the WordPress pull quote keeps its place: its blockquote folds inside it, the name hidden.
      await page.evaluate(() => document.head.append(Object.assign(document.createElement('style'), { textContent: '.wp-block-pullquote { float: right; width: 40%; }' })));
      await clickInPopup(ctx, page, EXPAND_ALL);
      await expectRepeatsFolded(page, false);
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
      const floated = await page.evaluate(() => {
        const figure = document.querySelector('.wp-block-pullquote')!;
        const fold = figure.querySelector('blockquote')!.previousElementSibling;
        return { figure: window.__e2e.visible(figure), fold: fold?.localName === 'paradedup-fold' && window.__e2e.visible(fold), name: window.__e2e.visible(figure.querySelector('cite')!) };
      });
      expect(floated).toEqual({ figure: true, fold: true, name: false });
    },
  },
  {
    issue: 6,
    name: 'a page’s own boxes: a dark callout and a gradient banner keep their boxes under the tint, folding renumbers no numbered list or CSS counter, and a flex column’s items are not merged',
    async run(ctx) {
      const page = await ctx.open('styled-boxes.en.html');
      // The six repeats and the flex column's glued paragraph, which is painted in place, never wrapped.
      await expectBadge(ctx.browser, page, '7');
      await expectAnnotationsAsFixtureSays(page);
      const callout = await page.evaluate(() => {
        const style = getComputedStyle(document.getElementById('callout-copy')!);
        return { color: style.backgroundColor, image: style.backgroundImage };
      });
      expect(callout.color, 'the callout’s own dark box').toBe('rgb(17, 17, 17)');
      expect(callout.image, 'our tint and bar, over it').toContain('linear-gradient');
      const banner = await page.evaluate(() => {
        const style = getComputedStyle(document.getElementById('banner-copy')!);
        return { image: style.backgroundImage, shadow: style.boxShadow };
      });
      expect(banner.image, 'the banner’s own gradient').toBe('linear-gradient(rgb(18, 18, 42), rgb(26, 26, 58))');
      expect(banner.shadow, 'our tint and bar, laid over it').toMatch(/inset.*inset/);
      const column = () =>
        page.evaluate(() => ({
          lead: document.getElementById('post-lead')!.getBoundingClientRect().width,
          post: document.getElementById('post')!.clientWidth,
        }));
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expect
        .poll(() => page.evaluate(() => document.getElementById('callout-copy')!.hasAttribute('data-paradedup-folded')), { timeout: SCAN_TIMEOUT_MS })
        .toBe(true);
      const timeline = await page.evaluate(() => {
        const copy = document.getElementById('step-3')!;
        return { placeholders: document.querySelectorAll('#timeline paradedup-fold').length, status: copy.getAttribute('data-paradedup'), visible: window.__e2e.visible(copy) };
      });
      expect(timeline, 'a numbered item is highlighted, never folded').toEqual({ placeholders: 0, status: 'repeat', visible: true });
      const numbered = await page.evaluate(() =>
        ['stop-3', 'written-3', 'step-copy'].map((id) => {
          const copy = document.getElementById(id)!;
          return { id, placeholders: copy.parentElement!.querySelectorAll('paradedup-fold').length, status: copy.getAttribute('data-paradedup'), visible: window.__e2e.visible(copy) };
        }),
      );
      expect(numbered, 'items of lists numbered by their style or by their own counter, and a paragraph stepping a counter, are highlighted, never folded').toEqual([
        { id: 'stop-3', placeholders: 0, status: 'repeat', visible: true },
        { id: 'written-3', placeholders: 0, status: 'repeat', visible: true },
        { id: 'step-copy', placeholders: 0, status: 'repeat', visible: true },
      ]);
      expect(await page.evaluate(() => window.__e2e.all('paradedup-block, paradedup-fold, [data-paradedup]', document.getElementById('post')!).length), 'nothing wrapped in the flex column').toBe(0);
      expect(await page.evaluate(() => window.__e2e.marks(document.getElementById('post')!).map((mark) => mark.text).join(' ')), 'its glued repeat, painted in place').toContain(
        'The regional council approved',
      );
      const { lead, post } = await column();
      expect(lead, 'the column’s first item spans it, as before').toBe(post);
      await clickInPopup(ctx, page, EXPAND_ALL);
      await expectOriginalDom(page);
    },
  },
  {
    issue: 6,
    name: 'a page listening for WXT’s content-script start event, named by the extension’s id, is scanned and hears nothing',
    async run(ctx) {
      // `<runtime id>:<entrypoint>:wxt:content-script-started`, for each name the content script has been built under.
      const names = ['content', 'content-script'].map((entrypoint) => `${ctx.browser.extensionId}:${entrypoint}:wxt:content-script-started`);
      const page = await openAndScan(ctx, `start-announcement.html#${encodeURIComponent(JSON.stringify(names))}`);
      expect(await page.evaluate(() => window.fixture.listening)).toEqual(names);
      expect(await page.evaluate(() => window.fixture.heard)).toEqual([]);
    },
  },
  {
    issue: 6,
    name: 'hostile page (replaced appendChild, Array map, MutationObserver, textContent getter): scan unaffected',
    async run(ctx) {
      const page = await ctx.open('hostile.html');
      await expect.poll(() => page.evaluate(() => window.fixture.ready), { timeout: SCAN_TIMEOUT_MS }).toBe(true);
      await expectBadge(ctx.browser, page, String(await expectedRepeats(page)));
      await expectAnnotationsAsFixtureSays(page);
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
      expect(await page.evaluate(() => window.fixture.hits), "page functions called from extension code").toEqual([]);
    },
  },
  {
    issue: 6,
    name: 'a page that owns the element name <paradedup-fold>: folding fails, the popup says "Scan failed: …", the page is left intact',
    async run(ctx) {
      const page = await openAndScan(ctx, 'taken-element-name.html');
      const popup = await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expect.poll(() => popupText(popup), { timeout: SCAN_TIMEOUT_MS }).toMatch(/Scan failed: .*<paradedup-fold>/i);
      await expectBadge(ctx.browser, page, '!');
      const constructed = await page.evaluate(() => window.fixture.constructed());
      expect(constructed, "a placeholder made, found to be the page's own component, and refused").toBeGreaterThan(0);
      await expectOriginalDom(page);
      expect(page.errors).toEqual([]);
    },
  },
  {
    issue: 6,
    name: 'a page that owns the element name <paradedup-block>: a <br><br> paragraph is painted in place; wrapping it to fold it is refused, the scan fails, the page is left intact',
    async run(ctx) {
      const page = await ctx.open('taken-block-name.html');
      await expectBadge(ctx.browser, page, '1');
      await expectRunsPainted(page);
      expect(await page.evaluate(() => window.fixture.constructed())).toBe(0);
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectBadge(ctx.browser, page, '!');
      const popup = await ctx.popup(page);
      await expect.poll(() => popupText(popup), { timeout: SCAN_TIMEOUT_MS }).toMatch(/Scan failed: .*<paradedup-block>/i);
      // Made once, and refused before it held any of the page's text.
      expect(await page.evaluate(() => document.querySelectorAll('paradedup-block').length)).toBe(0);
      await expectOriginalDom(page);
      expect(page.errors).toEqual([]);
    },
  },
  {
    issue: 6,
    name: "strict CSP (style-src 'none'; script-src 'self'): highlight, fold and placeholder styles apply exactly as without it, blocks are analysed as without it, and nothing is reported",
    async run(ctx) {
      const plain = await cspLooks(ctx, false);
      expect(plain.repeat, 'repeats are highlighted').not.toEqual(plain.unique);
      expect(plain.mark, 'partial marks are highlighted').not.toEqual(plain.unique);
      expect(plain.foldHeight, 'the placeholder takes space').toBeGreaterThan(0);
      expect(plain.foldedDisplay).toBe('none');
      // WebAssembly in Firefox, whose content scripts answer to the extension's policy; JavaScript in
      // Chromium, where the page's policy would refuse it and report the attempt.
      const analyzer = ctx.browser.name === 'chromium' ? 'paradedup:analyzer-javascript' : 'paradedup:analyzer-wasm';
      expect(plain.analyzer, 'the pass that analysed the blocks').toEqual([analyzer]);
      const strict = await cspLooks(ctx, true);
      expect(strict).toEqual(plain);
      expect(strict.violations, 'CSP violations reported by the page').toEqual([]);
    },
  },
  {
    issue: 6,
    name: 'contenteditable, textarea and input are never touched, nor counted as first occurrences; a region made editable later is given back clean',
    async run(ctx) {
      const page = await openAndScan(ctx, 'editable.html');
      const untouched = () =>
        page.evaluate(() => {
          const editor = document.getElementById('editor')!;
          const textarea = document.getElementById('comment') as HTMLTextAreaElement;
          const input = document.getElementById('subject') as HTMLInputElement;
          return {
            editorAsParsed: window.__e2e.original()!.includes(editor.outerHTML),
            textarea: textarea.value === textarea.defaultValue,
            input: input.value === input.defaultValue,
          };
        });
      const asParsed = { editorAsParsed: true, textarea: true, input: true };
      expect(await untouched()).toEqual(asParsed);
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
      expect(await untouched()).toEqual(asParsed);

      const badge = await ctx.browser.badgeText(page);
      await page.evaluate(() => window.fixture.typeIntoEditor());
      await sleep(SETTLE_MS);
      expect(await ownInside(page, '#editor'), 'our marks inside the editor').toBe(0);
      expect(await ctx.browser.badgeText(page)).toBe(badge);

      // The site's own "edit" button makes the article holding the folded repeat editable: it is given back as parsed.
      await page.evaluate(() => window.fixture.editSecondArticle());
      await expect.poll(() => ownInside(page, '#second'), { timeout: SCAN_TIMEOUT_MS }).toBe(0);
      expect(await page.evaluate(() => document.querySelectorAll('#second paradedup-fold, [data-paradedup-folded]').length)).toBe(0);
      expect(await page.evaluate(() => window.__e2e.visible(document.querySelector('#second [data-expect="repeat"]')!))).toBe(true);
    },
  },
  {
    issue: 6,
    name: '<br><br>-separated paragraphs: the repeated run is painted in place, wrapped only to be folded, and restored exactly',
    async run(ctx) {
      const page = await ctx.open('br-separated.ar.html');
      const runs = await page.evaluate(() => {
        // The runs as parsed: the container's text split at each <br><br>.
        const parsed = new DOMParser().parseFromString(window.__e2e.original()!, 'text/html');
        const entry = parsed.getElementById('entry')!;
        const texts = [''];
        let brs = 0;
        for (const node of Array.from(entry.childNodes)) {
          if (node.nodeName === 'BR') {
            if (++brs === 2) texts.push('');
            continue;
          }
          if (node.textContent!.trim()) brs = 0;
          texts[texts.length - 1] += node.textContent;
        }
        return {
          texts: texts.map((t) => t.replace(/\s+/g, ' ').trim()),
          expect: entry.getAttribute('data-expect-runs')!.split(','),
          childNodes: entry.childNodes.length,
        };
      });
      const repeated = runs.texts.filter((_, i) => runs.expect[i] === 'repeat');
      expect(repeated).toHaveLength(1);
      await expectBadge(ctx.browser, page, String(repeated.length));
      const painted = () =>
        page.evaluate(() =>
          window.__e2e
            .runs(document.getElementById('entry')!)
            .filter((run) => run.status === 'repeat')
            .map((run) => run.text)
            .join(' '),
        );
      await expect.poll(painted, { timeout: SCAN_TIMEOUT_MS }).toBe(repeated[0]);
      // Painted, not wrapped: a framework that rendered these nodes finds them where it put them.
      const inPlace = () =>
        page.evaluate(() => ({
          ours: window.__e2e.all('#entry paradedup-block, #entry [data-paradedup]').length,
          childNodes: document.getElementById('entry')!.childNodes.length,
        }));
      expect(await inPlace()).toEqual({ ours: 0, childNodes: runs.childNodes });

      const popup = await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expect
        .poll(() =>
          page.evaluate(() => {
            const block = window.__e2e.all('#entry paradedup-block[data-paradedup-folded]')[0];
            return Boolean(block && block.previousElementSibling?.localName === 'paradedup-fold' && !window.__e2e.visible(block));
          }),
        )
        .toBe(true);
      await popup.click(EXPAND_ALL);
      await expectOriginalDom(page);
      expect(await inPlace(), 'text nodes merged back').toEqual({ ours: 0, childNodes: runs.childNodes });
    },
  },
  {
    issue: 6,
    name: 'a <br><br> paragraph repeated below the fold of a box that scrolls its own text: the popup jumps to it inside the box',
    async run(ctx) {
      const page = await ctx.open('br-scroller.en.html');
      await expectBadge(ctx.browser, page, '1');
      await expectRunsPainted(page);
      // Where the repeat (the box's last text) lies: inside the box's visible part, and in the window's.
      const repeatShown = () =>
        page.evaluate(() => {
          const post = document.getElementById('post')!;
          const range = document.createRange();
          range.selectNodeContents(post.lastChild!);
          const run = range.getBoundingClientRect();
          const box = post.getBoundingClientRect();
          const middle = run.top + run.height / 2;
          return middle > box.top && middle < box.bottom && middle > 0 && middle < innerHeight;
        });
      expect(await repeatShown(), 'the repeat starts out of sight, below the box fold').toBe(false);
      const popup = await ctx.popup(page);
      await popup.click({ role: 'button', name: /^Go to occurrence 2 of 2$/ });
      await page.bringToFront();
      await expect.poll(repeatShown, { timeout: SCAN_TIMEOUT_MS }).toBe(true);
    },
  },
  {
    issue: 6,
    name: '<br><br>-separated paragraphs a framework rendered: highlighting leaves its nodes where it put them, so its next update works',
    async run(ctx) {
      const page = await ctx.open('framework-runs.html');
      await expectBadge(ctx.browser, page, '1');
      await expectRunsPainted(page);
      const text = await page.evaluate(() => window.fixture.update());
      expect(text).toMatch(/^Freight crossings.*The ferry operator.*Passengers holding.*The ferry operator.*$/);
      expect(page.errors).toEqual([]);
      // The page's change is rescanned: the same two copies, painted again.
      await expectRunsPainted(page);
      await expectBadge(ctx.browser, page, '1');
    },
  },
  {
    issue: 6,
    name: '100,000 blocks: the scan completes, finds the 100 repeats, the popup lists all 100 groups, and the page stays responsive',
    timeoutMs: 120_000,
    async run(ctx) {
      const started = Date.now();
      const page = await openAndScan(ctx, 'huge-blocks.html', { timeout: HUGE_PAGE_TIMEOUT_MS });
      const scanned = Date.now() - started;
      const beat = await heartbeatOnceTicked(page);

      // The page can freeze on its own while the browser lays out 100,000 paragraphs, so the same
      // page is measured again, for as long, with ParaDedup off for the site.
      const popup = await ctx.popup(page);
      // A screenful of groups first, the rest added after each paint, until the list is whole.
      await expect.poll(() => popup.count({ css: '.groups__list:not([aria-busy]) > .group' }), { timeout: SCAN_TIMEOUT_MS }).toBe(100);
      await popup.click(NEVER_SCAN);
      const untouched = await ctx.open('huge-blocks.html');
      await sleep(scanned);
      const own = await untouched.evaluate(() => window.fixture.heartbeat());
      expect(await untouched.evaluate(() => window.__e2e.all('[data-paradedup]').length), 'not scanned').toBe(0);
      const added = beat.maxGapMs - own.maxGapMs;
      expect(added, `freeze added by the scan (ms; the page alone froze ${Math.round(own.maxGapMs)})`).toBeLessThan(MAX_FREEZE_MS);
    },
  },
  {
    issue: 6,
    name: 'a single 5 MB text node: left whole, scan completes, page stays responsive',
    timeoutMs: 120_000,
    async run(ctx) {
      const page = await openAndScan(ctx, 'huge-text-node.html', { timeout: HUGE_PAGE_TIMEOUT_MS });
      const giant = await page.evaluate(() => {
        const el = document.getElementById('giant')!;
        return { nodes: el.childNodes.length, length: (el.firstChild as Text).data.length, expected: window.fixture.giantLength };
      });
      expect(giant.nodes).toBe(1);
      expect(giant.length).toBe(giant.expected);
      expect(await ownInside(page, '#giant')).toBe(0);
      const beat = await heartbeatOnceTicked(page);
      expect(beat.maxGapMs, 'longest freeze of the page (ms)').toBeLessThan(MAX_FREEZE_MS);
    },
  },
  {
    issue: 6,
    name: '5,000 levels of nesting: repeats found at every depth and folded',
    async run(ctx) {
      const page = await openAndScan(ctx, 'deep-nesting.html');
      await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
    },
  },
  scriptsScenario('RTL and mixed-direction page: repeats in Arabic, Persian (its half-spaces written as spaces), Hebrew and LTR English; partial mark exact', 'rtl-mixed.html'),
  scriptsScenario(
    'scripts without spaces between words (Thai, Lao, Chinese, Japanese), Tibetan, and Korean spaced otherwise: repeats found, a new sentence before a repeated one never folded, partial marks exact',
    'spaceless-scripts.html',
  ),
  {
    issue: 6,
    name: 'open shadow roots holding article text: scanned, highlighted, folded and restored',
    async run(ctx) {
      const page = await openAndScan(ctx, 'shadow-article.html');
      const [repeatLook, uniqueLook] = await page.evaluate(() => {
        const root = document.getElementById('story-a')!.shadowRoot!;
        return [
          window.__e2e.look(root.querySelector('[data-expect="repeat"]')!),
          window.__e2e.look(root.querySelector('p:not([data-expect])')!),
        ];
      });
      // Soft, so that folding and restore inside shadow roots are checked (and reported) as well.
      expect.soft(repeatLook, 'a repeat inside a shadow root is highlighted').not.toEqual(uniqueLook);
      const popup = await clickInPopup(ctx, page, COLLAPSE_ALL);
      await expectRepeatsFolded(page, true);
      await popup.click(EXPAND_ALL);
      await expect.poll(() => ownInside(page, 'body')).toBe(0);
    },
  },
  {
    issue: 6,
    name: 'random pages (lists, tables, quotations, <br><br> runs, asides, code, forms; English and Arabic; exact, near, excerpted and glued repeats): the badge counts what npm run scan finds, only repeats fold, each behind a shown placeholder, first occurrences and partials stay in sight, and every view change gives the page back exactly',
    timeoutMs: 120_000,
    async run(ctx) {
      for (const seed of RANDOM_SEEDS) {
        const page = await ctx.open(`random/${seed}.html`);
        const scanned = () => page.evaluate((name) => performance.getEntriesByName(name).length, DONE_MARK);
        await expect.poll(scanned, { timeout: SCAN_TIMEOUT_MS, message: `page ${seed} scanned` }).toBeGreaterThan(0);
        await expectOriginalCapturedBeforeScan(page);
        // The badge counts what `npm run scan` finds in the same page: one engine, one way of reading a page.
        const { duplicates, partial } = scanInput(`random/${seed}.html`, { kind: 'html', content: randomPage(seed) }, {}).stats;
        await expectBadge(ctx.browser, page, duplicates + partial > 0 ? String(duplicates + partial) : '');
        const popup = await ctx.popup(page);
        for (const views of [[COLLAPSE_ALL, EXPAND_ALL], [HIGHLIGHT_ONLY, COLLAPSE_ALL, EXPAND_ALL]]) {
          for (const view of views) {
            await popup.click(view);
            if (view !== COLLAPSE_ALL) continue;
            await expect
              .poll(() => randomPageFolds(page), { timeout: SCAN_TIMEOUT_MS, message: `page ${seed} folded` })
              .toSatisfy((state: Awaited<ReturnType<typeof randomPageFolds>>) => state.folded === state.foldable && state.placeholders === state.folded);
            expect(await randomPageFolds(page), `page ${seed}`).toMatchObject({ foldedNotRepeats: 0, hiddenFirstOrPartial: 0 });
            expectProperlyFolded(await folds(page));
          }
          await expectOriginalDom(page);
        }
        await popup.close();
        await page.close();
      }
    },
  },
  {
    issue: 6,
    name: 'paragraphs added, edited and removed after load: rescans update marks and badge',
    async run(ctx) {
      const page = await openAndScan(ctx, 'late-paragraphs.html');
      await changeAndFollow(ctx, page, ['addParagraphs', 'editParagraph', 'removeRepeat', 'removeFirstOccurrence']);
    },
  },
  {
    issue: 6,
    name: 'copies CSS hides count for nothing; shown later (read more, hidden attribute, details, find in page), they are read; a first occurrence hidden later frees its repeat, and a repeat hidden later stops counting',
    async run(ctx) {
      const page = await openAndScan(ctx, 'hidden-copies.html');
      await changeAndFollow(ctx, page, ['readMore', 'showExtra', 'openBackground', 'findInPage', 'hideFirst', 'hideBoxlessFirst', 'hideRepeat']);
    },
  },
  {
    issue: 6,
    name: 'paragraphs inserted and removed above a first occurrence: its repeat’s tooltip names its new place',
    async run(ctx) {
      const page = await openAndScan(ctx, 'late-paragraphs.html');
      // "Repeats paragraph N: …": the first number in the tooltip is the place it names.
      const place = () =>
        page.evaluate(() => Number(/\d+/.exec(document.getElementById('closure-repeat')!.getAttribute('title') ?? '')?.[0]));
      const before = await place();
      expect(before, 'the repeat names a paragraph').toBeGreaterThan(0);
      await page.evaluate(() => {
        const texts = [
          'Update: the coastguard has asked walkers to keep away from the cliff path until the wind drops this evening.',
          'Update: the ferry company says the afternoon sailings are cancelled and tickets can be used on any later crossing.',
        ];
        for (const text of texts) {
          const p = document.createElement('p');
          p.className = 'e2e-update';
          p.textContent = text;
          document.getElementById('closure')!.before(p);
        }
      });
      await expect.poll(place, { timeout: SCAN_TIMEOUT_MS }).toBe(before + 2);
      await page.evaluate(() => window.__e2e.all('.e2e-update').forEach((p) => p.remove()));
      await expect.poll(place, { timeout: SCAN_TIMEOUT_MS }).toBe(before);
      await expectAnnotationsAsFixtureSays(page);
    },
  },
  {
    issue: 6,
    name: 'SPA route changes (pushState, replaceState, Back): each new view is scanned afresh',
    async run(ctx) {
      const page = await openAndScan(ctx, 'spa.html');
      const expectView = async (story: number) => {
        await expect.poll(() => page.evaluate(() => window.fixture.story())).toBe(story);
        await expectBadge(ctx.browser, page, String(await expectedRepeats(page)));
        await expectAnnotationsAsFixtureSays(page);
      };
      await page.click({ role: 'link', name: /Next story/ });
      await expectView(2);
      await page.click({ role: 'link', name: /Evening edition/ });
      await expectView(3);
      await page.evaluate(() => history.back());
      await expectView(1);
    },
  },
  {
    issue: 6,
    name: 'Back to an article the browser kept in its back/forward cache: its marks are still there, the badge counts them again, and the popup acts on it',
    async run(ctx) {
      const article = await openAndScan(ctx, 'live-blog.en.html', { cacheable: true });
      const repeats = String(await expectedRepeats(article));
      await article.goto(ctx.server.url('astana-article.ar.html', { cacheable: true }));
      await expectBadge(ctx.browser, article, '6');
      await article.evaluate(() => history.back());
      // Brought back as it was left, not loaded again: no new scan stands behind what follows.
      await expect.poll(() => article.evaluate(() => window.__e2e.restoredFromCache()), { timeout: SCAN_TIMEOUT_MS }).toBe(true);
      await expectBadge(ctx.browser, article, repeats);
      await expectAnnotationsAsFixtureSays(article);
      const popup = await ctx.popup(article);
      await popup.click(COLLAPSE_ALL);
      await expectRepeatsFolded(article, true);
    },
  },
  {
    issue: 6,
    name: 'infinite scroll: a paragraph repeated from an earlier article is detected, and folded with auto-collapse',
    async run(ctx) {
      const page = await openAndScan(ctx, 'infinite-scroll.html');
      const scrollForMore = async (articles: number) => {
        await page.bringToFront();
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await expect.poll(() => page.evaluate(() => window.fixture.articles())).toBe(articles);
        await expectBadge(ctx.browser, page, String(await expectedRepeats(page)));
        await expectAnnotationsAsFixtureSays(page);
      };
      await scrollForMore(2);
      await clickInPopup(ctx, page, AUTO_COLLAPSE);
      await expectRepeatsFolded(page, true);
      await scrollForMore(3);
      await expectRepeatsFolded(page, true);
    },
  },
  {
    issue: 6,
    name: 'same-origin iframes are scanned per frame; their counts add up in the badge and the popup, which lists and folds every frame’s repeats, and forget a frame the page removes',
    async run(ctx) {
      const page = await ctx.open('frames.html');
      await expect.poll(() => frameMismatches(page), { timeout: SCAN_TIMEOUT_MS }).toEqual([]);
      const expected = await page.evaluate(() => {
        const windows = [window, ...Array.from(document.querySelectorAll('iframe'), (f) => f.contentWindow!)];
        const count = (selector: string) => windows.reduce((sum, w) => sum + w.__e2e.all(selector).length, 0);
        return { repeats: count('[data-expect="repeat"]'), partial: count('[data-expect="partial"]'), groups: count('[data-expect="first"]') };
      });
      await expectBadge(ctx.browser, page, String(expected.repeats + expected.partial));
      await expectAnnotationsAsFixtureSays(page);

      const popup = await ctx.popup(page);
      const counts = () =>
        popup.evaluate(() => ({
          numbers: Array.from(document.querySelectorAll('.counts dd'), (dd) => Number(dd.textContent)),
          groups: document.querySelectorAll('.group').length,
        }));
      await expect.poll(counts, { timeout: SCAN_TIMEOUT_MS }).toEqual({ numbers: [expected.repeats, expected.partial], groups: expected.groups });
      await popup.click(COLLAPSE_ALL);
      const folded = () =>
        page.evaluate(() => {
          const windows = [window, ...Array.from(document.querySelectorAll('iframe'), (f) => f.contentWindow!)];
          return windows.map((w) => w.__e2e.all('[data-expect="repeat"]').filter((el) => el.hasAttribute('data-paradedup-folded')).length);
        });
      const perWindow = await page.evaluate(() =>
        [window, ...Array.from(document.querySelectorAll('iframe'), (f) => f.contentWindow!)].map((w) => w.__e2e.all('[data-expect="repeat"]').length),
      );
      await expect.poll(folded, { timeout: SCAN_TIMEOUT_MS }).toEqual(perWindow);
      await popup.click(EXPAND_ALL);
      await expect.poll(folded, { timeout: SCAN_TIMEOUT_MS }).toEqual(perWindow.map(() => 0));

      // The page removes its first frame: a popup opened then counts without it, and so does the badge.
      const [, removed] = perWindow;
      await page.evaluate(() => document.querySelector('iframe')!.remove());
      const again = await ctx.popup(page);
      const left = expected.repeats - removed;
      await expect
        .poll(() => again.evaluate(() => Array.from(document.querySelectorAll('.counts dd'), (dd) => Number(dd.textContent))), { timeout: SCAN_TIMEOUT_MS })
        .toEqual([left, expected.partial]);
      await expectBadge(ctx.browser, page, String(left + expected.partial));
    },
  },
];
