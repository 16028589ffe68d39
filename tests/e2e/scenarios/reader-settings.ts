// A low-vision reader's settings. Forced colours (Windows High Contrast; Firefox's "override the page's
// colours"): the browser drops backgrounds, gradients and shadows, so every mark must be drawn with what
// survives there. A larger default text size: what ParaDedup writes must grow with it.
import { expect } from 'vitest';
import { AUTO_COLLAPSE, COLLAPSE_ALL, expectAnnotationsAsFixtureSays, expectBadge, SCAN_TIMEOUT_MS } from '../checks';
import type { TestPage } from '../drivers/types';
import type { Scenario, ScenarioContext } from '../scenario';

const TRANSPARENT = 'rgba(0, 0, 0, 0)';
const SAMPLE = 'astana-article.ar.html';
/** The reader's default text size, in px: "very large" in Chromium's settings (16 is the default). */
export const READER_FONT_SIZE = 24;

/** Opens the sample article in forced colours and waits for its scan: 5 repeats and line 10 partly repeated. */
async function openSampleForced(ctx: ScenarioContext): Promise<TestPage> {
  const page = await ctx.open(SAMPLE);
  expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), 'the page is in forced colours').toBe(true);
  await expectBadge(ctx.browser, page, '6');
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-paradedup="repeat"]').length), { timeout: SCAN_TIMEOUT_MS }).toBe(5);
  return page;
}

async function collapseAll(sample: TestPage, popup: TestPage): Promise<void> {
  await popup.click(COLLAPSE_ALL);
  await expect.poll(() => sample.count({ css: 'paradedup-fold' }), { timeout: SCAN_TIMEOUT_MS }).toBe(5);
}

/** The outline styles of the blocks `selector` finds, by what ParaDedup marked them ("unmarked" for nothing). */
function outlinesByStatus(page: TestPage, selector: string) {
  return page.evaluate((sel) => {
    const found: Record<string, string[]> = {};
    for (const el of window.__e2e.all(sel)) (found[el.getAttribute('data-paradedup') ?? 'unmarked'] ??= []).push(window.__e2e.look(el)['outline-style']);
    return found;
  }, selector);
}

const uniform = (styles: string[] | undefined) => [...new Set(styles)];

export const readerSettingScenarios: Scenario[] = [
  {
    issue: 3,
    name: 'forced colours: repeats, near copies and first occurrences keep their own outlines, a partial its marks, and a jump its flash',
    async run(ctx) {
      const sample = await openSampleForced(ctx);
      const outlines = await outlinesByStatus(sample, 'article p');
      expect(outlines.repeat, 'the five repeats').toEqual(Array(5).fill('solid'));
      expect(uniform(outlines.first), 'first occurrences').toEqual(['dotted']);
      expect(uniform(outlines.unmarked), 'unique lines').toEqual(['none']);
      expect(outlines.partial, 'line 10, whose repeated sentence is marked instead').toEqual(['none']);
      const marks = await sample.evaluate(() => window.__e2e.marks(document.querySelector('[data-paradedup="partial"]')!));
      expect(marks.map((m) => m.visible)).toEqual([true]);
      expect(marks[0].look['background-color'], "the partial's repeated sentence is painted").not.toBe(TRANSPARENT);

      const blog = await ctx.open('live-blog.en.html');
      await expectAnnotationsAsFixtureSays(blog);
      expect(await blog.evaluate(() => window.__e2e.look(document.getElementById('howto-similar')!)['outline-style']), 'a near copy').toBe('dashed');

      // A jump's flash cannot fade a colour here: it thickens the outline of the block jumped to until it ends.
      const popup = await ctx.popup(sample);
      await collapseAll(sample, popup);
      const outlineWidthOfFirst = () =>
        sample.evaluate(() => {
          const group = document.querySelector('paradedup-fold')!.nextElementSibling!.getAttribute('data-paradedup-group');
          return getComputedStyle(document.querySelector(`[data-paradedup="first"][data-paradedup-group="${group}"]`)!).outlineWidth;
        });
      expect(await outlineWidthOfFirst()).toBe('1px');
      await sample.click({ role: 'button', name: /^go to first$/i });
      await expect.poll(outlineWidthOfFirst, { timeout: SCAN_TIMEOUT_MS }).toBe('4px');
      await expect.poll(outlineWidthOfFirst, { timeout: SCAN_TIMEOUT_MS }).toBe('1px');
    },
  },
  {
    issue: 3,
    name: 'forced colours: a placeholder’s controls read as links, and only repeated <br> runs are painted',
    async run(ctx) {
      const sample = await openSampleForced(ctx);
      const popup = await ctx.popup(sample);
      await collapseAll(sample, popup);
      const colours = await sample.evaluate(() => {
        const root = document.querySelector('paradedup-fold')!.shadowRoot!;
        return { label: getComputedStyle(root.querySelector('.label')!).color, control: getComputedStyle(root.querySelector('button')!).color };
      });
      expect(colours.control, "the placeholder's controls").not.toBe(colours.label);

      // Chromium paints every highlight in the palette's Highlight colour there: a first run painted would look like its repeat.
      const runs = await ctx.open('br-separated.ar.html');
      await expectBadge(ctx.browser, runs, '1');
      await expect.poll(() => runs.evaluate(() => window.__e2e.runs().map((run) => run.status)), { timeout: SCAN_TIMEOUT_MS }).toContain('repeat');
      expect(await runs.evaluate(() => window.__e2e.runs().filter((run) => run.status === 'first').length)).toBe(0);
    },
  },
  {
    issue: 3,
    name: 'forced colours: the popup’s switch, the pressed view and the repeats’ chips are drawn in system colours that show',
    async run(ctx) {
      const sample = await openSampleForced(ctx);
      const popup = await ctx.popup(sample);
      const looks = () =>
        popup.evaluate(() => {
          const colours = (el: Element) => {
            const style = getComputedStyle(el);
            return `${style.backgroundColor} / ${style.borderTopColor}`;
          };
          const track = document.querySelector('.pd-switch input')!;
          const [pressed, unpressed] = ['true', 'false'].map((state) => document.querySelector(`.modes .pd-button[aria-pressed="${state}"]`)!);
          return {
            track: colours(track),
            thumb: getComputedStyle(track, '::before').backgroundColor,
            trackBackground: getComputedStyle(track).backgroundColor,
            pressed: colours(pressed),
            unpressed: colours(unpressed),
            repeatChip: colours(document.querySelector('.group__member--duplicate')!),
            firstChip: colours(document.querySelector('.group__member--first')!),
            chipsWithoutBorder: Array.from(document.querySelectorAll('.group__member'), (chip) => getComputedStyle(chip)).filter(
              (style) => style.borderTopColor === style.backgroundColor,
            ).length,
          };
        });
      await expect.poll(() => popup.count({ css: '.group__member--duplicate' }), { timeout: SCAN_TIMEOUT_MS }).toBeGreaterThan(0);
      const off = await looks();
      expect(off.thumb, "the switch's thumb stands out from its track").not.toBe(off.trackBackground);
      expect(off.pressed, 'the pressed view button').not.toBe(off.unpressed);
      expect(off.repeatChip, "a repeat's chip").not.toBe(off.firstChip);
      expect(off.chipsWithoutBorder, 'chips whose border is drawn in their fill (a partial one is told by its dashes)').toBe(0);

      await popup.click(AUTO_COLLAPSE);
      // Once the switch's transition has run: its track looks otherwise, and its thumb still stands out.
      await expect
        .poll(async () => {
          const on = await looks();
          return { trackChanged: on.track !== off.track, thumbShows: on.thumb !== on.trackBackground };
        }, { timeout: SCAN_TIMEOUT_MS })
        .toEqual({ trackChanged: true, thumbShows: true });
    },
  },
  {
    issue: 3,
    name: 'a larger default text size: a placeholder’s words grow with it, whatever size the page sets on its root',
    async run(ctx) {
      const blog = await ctx.open('live-blog.en.html');
      await expectAnnotationsAsFixtureSays(blog);
      const popup = await ctx.popup(blog);
      await popup.click(COLLAPSE_ALL);
      await expect.poll(() => blog.count({ css: 'paradedup-fold' }), { timeout: SCAN_TIMEOUT_MS }).toBeGreaterThan(0);
      const sizes = (rootSize: string) =>
        blog.evaluate((size) => {
          document.documentElement.style.fontSize = size;
          const probe = document.body.appendChild(document.createElement('div'));
          probe.style.cssText = 'all: initial; font-size: medium';
          const medium = parseFloat(getComputedStyle(probe).fontSize);
          probe.remove();
          const pill = document.querySelector('paradedup-fold')!.shadowRoot!.querySelector('.pill')!;
          return { medium, ratio: Math.round((parseFloat(getComputedStyle(pill).fontSize) / medium) * 100) / 100 };
        }, rootSize);
      const normal = await sizes('');
      expect(normal.medium, 'the browser was launched with the larger size').toBe(READER_FONT_SIZE);
      // A step below body text, as at the default size (13 px of 16): a fixed 13 px would be 0.54 of it.
      expect(normal.ratio).toBeGreaterThanOrEqual(0.8);
      expect(normal.ratio).toBeLessThan(0.95);
      // A page that sets its root to 62.5 % (so that 1 rem is 10 px at the default) changes nothing.
      expect(await sizes('62.5%')).toEqual(normal);
    },
  },
];
