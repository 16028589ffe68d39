// Browser-neutral checks the scenarios share: the popup's controls by accessible name, the
// badge, and what the page's DOM shows (annotations, folds, restore), read via window.__e2e.
import { expect } from 'vitest';
import type { ExtensionBrowser, Target, TestPage } from './drivers/types';
import type { Annotation } from './page/page-globals';

/** The site toggle: a checkbox or switch whose accessible name contains "Auto-collapse". */
export const AUTO_COLLAPSE: Target = { role: ['switch', 'checkbox'], name: /Auto-collapse/ };
export const COLLAPSE_ALL: Target = { role: 'button', name: /^Collapse all$/ };
export const EXPAND_ALL: Target = { role: 'button', name: /^Expand all$/ };
export const HIGHLIGHT_ONLY: Target = { role: 'button', name: /^Highlight only$/ };
export const NEVER_SCAN: Target = { role: 'button', name: /^Never scan this site$/ };

/** Scans, rescans and badge updates are asynchronous: how long to wait for them to show. */
export const SCAN_TIMEOUT_MS = 15_000;
/** How long to watch a page before concluding that something did not happen. */
export const SETTLE_MS = 750;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function expectBadge(browser: ExtensionBrowser, page: TestPage, text: string, timeout = SCAN_TIMEOUT_MS) {
  await expect.poll(() => browser.badgeText(page), { timeout, message: `badge of ${await page.url()}` }).toBe(text);
}

/** Whether an element's annotation agrees with the fixture's data-expect (absent = unique). */
function agrees({ expect: expected, status }: Annotation): boolean {
  if (expected === 'repeat' || expected === 'partial') return status === expected;
  // "First occurrences may carry a lighter mark": allowed, not required.
  if (expected === 'first') return status === 'first' || status === null;
  return status === null;
}

/** Human-readable disagreements between the page's annotations and its data-expect attributes. */
export function mismatches(annotations: Annotation[]): string[] {
  return annotations
    .filter((a) => !agrees(a))
    .map((a) => `<${a.tag}> expected ${a.expect ?? 'unique'}, is ${a.status ?? 'unmarked'}: "${a.text}"`);
}

/** Waits until every annotation on the page (open shadow roots included) matches the fixture's data-expect. */
export async function expectAnnotationsAsFixtureSays(page: TestPage, timeout = SCAN_TIMEOUT_MS) {
  await expect
    .poll(async () => mismatches(await page.evaluate(() => window.__e2e.annotations())), { timeout })
    .toEqual([]);
}

/** Waits until the badge counts the repeats the fixture's data-expect names, and every annotation agrees with it. */
export async function expectAsFixtureSays(browser: ExtensionBrowser, page: TestPage, timeout = SCAN_TIMEOUT_MS) {
  await expectBadge(browser, page, String(await expectedRepeats(page)), timeout);
  await expectAnnotationsAsFixtureSays(page, timeout);
}

/** The badge the fixture expects: its blocks marked data-expect="repeat" or "partial". */
export async function expectedRepeats(page: TestPage): Promise<number> {
  return page.evaluate(
    () => window.__e2e.all('[data-expect="repeat"], [data-expect="partial"]').length,
  );
}

export interface FoldInfo {
  visible: boolean;
  role: string | null;
  expanded: string | null;
  tabIndex: number;
  /** The folded block: the element right after the placeholder, or the one folded inside the quotation box there. */
  nextId: string | null;
  nextFolded: boolean;
  nextVisible: boolean;
  nextText: string;
}

export async function folds(page: TestPage): Promise<FoldInfo[]> {
  return page.evaluate(() =>
    window.__e2e.all('paradedup-fold').map((fold) => {
      const after = fold.nextElementSibling;
      const next = after?.hasAttribute('data-paradedup-folded-with') ? after.querySelector('[data-paradedup-folded]') : after;
      return {
        visible: window.__e2e.visible(fold),
        role: fold.getAttribute('role'),
        expanded: fold.shadowRoot?.querySelector('button')?.getAttribute('aria-expanded') ?? null,
        tabIndex: (fold as HTMLElement).tabIndex,
        nextId: next?.id || null,
        nextFolded: next?.hasAttribute('data-paradedup-folded') ?? false,
        nextVisible: window.__e2e.visible(next),
        nextText: window.__e2e.text(next).slice(0, 80),
      };
    }),
  );
}

/** Every folded block is hidden behind a visible placeholder right before it. */
export function expectProperlyFolded(list: FoldInfo[]) {
  for (const fold of list) {
    expect(fold, 'placeholder').toMatchObject({ visible: true, nextFolded: true, nextVisible: false });
  }
}

/** Blocks the fixture marks data-expect="repeat" that are folded, and all that are hidden. */
export async function foldedRepeats(page: TestPage): Promise<{ expected: number; folded: number; hidden: number }> {
  return page.evaluate(() => {
    const repeats = window.__e2e.all('[data-expect="repeat"]');
    return {
      expected: repeats.length,
      folded: repeats.filter((el) => el.hasAttribute('data-paradedup-folded')).length,
      hidden: repeats.filter((el) => !window.__e2e.visible(el)).length,
    };
  });
}

/** Waits until the fixture's repeats are all folded and hidden (or, with `false`, all shown with no placeholder). */
export async function expectRepeatsFolded(page: TestPage, folded: boolean, timeout = SCAN_TIMEOUT_MS) {
  await expect
    .poll(async () => {
      const state = await foldedRepeats(page);
      const placeholders = (await folds(page)).length;
      return folded
        ? state.folded === state.expected && state.hidden === state.expected && placeholders === state.expected
        : state.folded === 0 && state.hidden === 0 && placeholders === 0;
    }, { timeout, message: folded ? 'repeats folded' : 'repeats shown, no placeholders' })
    .toBe(true);
}

/** null when body.outerHTML equals what it was before the scan; otherwise where it first differs. */
export async function differenceFromOriginal(page: TestPage): Promise<string | null> {
  return page.evaluate(() => {
    const before = window.__e2e.original();
    const now = window.__e2e.bodyHTML();
    if (before === null) return 'the original DOM was never captured';
    if (before === now) {
      // Same markup, but text split by our marks must also be merged back into single nodes.
      const textNodes = (root: Node) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let n = 0;
        while (walker.nextNode()) n++;
        return n;
      };
      const parsed = textNodes(new DOMParser().parseFromString(before, 'text/html').body);
      const live = textNodes(document.body);
      return parsed === live ? null : `same markup, but ${live} text nodes instead of ${parsed}`;
    }
    let i = 0;
    while (i < before.length && before[i] === now[i]) i++;
    return `differs at ${i}: before …${before.slice(Math.max(0, i - 60), i + 80)}… now …${now.slice(Math.max(0, i - 60), i + 80)}…`;
  });
}

export async function expectOriginalDom(page: TestPage, timeout = SCAN_TIMEOUT_MS) {
  await expect.poll(() => differenceFromOriginal(page), { timeout }).toBeNull();
}

/** The captured original must predate the scan, or comparing against it proves nothing. */
export async function expectOriginalCapturedBeforeScan(page: TestPage) {
  const original = await page.evaluate(() => window.__e2e.original());
  expect(original, 'original DOM captured at end of parsing').toBeTypeOf('string');
  expect(original).not.toMatch(/paradedup/i);
}

/** No uncaught error in any page or popup the scenario opened (a soft check: it never hides another failure). */
export function expectNoPageErrors(pages: readonly TestPage[]) {
  const errors = pages.flatMap((page) => page.errors.map((error) => `tab ${page.tabId}: ${error}`));
  expect.soft(errors, 'uncaught page errors').toEqual([]);
}

/** The popup's visible text. */
export function popupText(popup: TestPage): Promise<string> {
  return popup.evaluate(() => document.body.innerText);
}
