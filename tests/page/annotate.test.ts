import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Annotator, type BlockAnnotation, type FoldListener } from '../../src/page/annotate';
import { BlockRegistry, type TrackedBlock } from '../../src/page/block-registry';
import { extractBlocks } from '../../src/page/blocks';
import { Flasher } from '../../src/page/flash';
import { TEXT_ATTR } from '../../src/page/fold';
import { HighlightPainter } from '../../src/page/highlights';
import { addFakeHighlights, paintedTexts, rangeText } from '../support/fake-highlights';

interface Page {
  document: Document;
  blocks: TrackedBlock[];
  annotator: Annotator;
  calls: string[];
}

function load(body: string): Page {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  const blocks = new BlockRegistry().addAll(extractBlocks(document));
  const calls: string[] = [];
  const listener: FoldListener = {
    toggle: (key) => calls.push(`toggle ${key}`),
    goToFirst: (key) => calls.push(`first ${key}`),
  };
  return { document, blocks, annotator: new Annotator(document, listener), calls };
}

const repeat = (group: number, over: Partial<BlockAnnotation> = {}): BlockAnnotation => ({
  status: 'repeat',
  group,
  tint: group,
  title: `Repeats paragraph ${group + 1}`,
  marks: [],
  fold: null,
  ...over,
});
const first = (group: number): BlockAnnotation => ({ status: 'first', group, tint: group, title: null, marks: [], fold: null });

function textNodes(root: Node): Text[] {
  const out: Text[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) out.push(node as Text);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return out;
}

/** The words `root` draws (its style sheet draws each part's TEXT_ATTR), in order. */
const drawnText = (root: Element | ShadowRoot) => [...root.querySelectorAll(`[${TEXT_ATTR}]`)].map((part) => part.getAttribute(TEXT_ATTR)).join(' ');

/** The words a placeholder shows. */
const shadowText = (host: Element) => drawnText(host.shadowRoot!);

/** The placeholder's buttons: their words, whether each says its block is shown, and any tab order of their own. */
const buttonsOf = (host: Element) =>
  [...host.shadowRoot!.querySelectorAll('button')].map((button) => ({
    text: button.getAttribute(TEXT_ATTR),
    expanded: button.getAttribute('aria-expanded'),
    tabindex: button.getAttribute('tabindex'),
  }));

const A = 'The river flooded the lower town on Monday night, and the fire brigade moved forty families to the school.';
const B = 'Officials said the water would fall slowly over the week, and warned people not to drive through the flooded streets.';

beforeEach(() => fakeBrowser.reset());

describe('highlight', () => {
  test('marks repeats and first occurrences with the DOM contract attributes and a tooltip', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${B}</p><p>${A}</p>`);
    annotator.apply(blocks[0].key, blocks[0].handle, first(0));
    annotator.apply(blocks[2].key, blocks[2].handle, repeat(0, { title: 'Repeats paragraph 1: “The river…”' }));
    const [p0, p1, p2] = document.querySelectorAll('p');
    expect(p0.getAttribute('data-paradedup')).toBe('first');
    expect(p0.getAttribute('data-paradedup-group')).toBe('0');
    expect(p0.hasAttribute('title')).toBe(false);
    expect(p1.hasAttribute('data-paradedup')).toBe(false);
    expect(p2.getAttribute('data-paradedup')).toBe('repeat');
    expect(p2.getAttribute('data-paradedup-group')).toBe('0');
    expect(p2.getAttribute('title')).toBe('Repeats paragraph 1: “The river…”');
    expect(document.querySelector('paradedup-fold')).toBeNull();
    expect(p2.hasAttribute('data-paradedup-folded')).toBe(false);
  });

  test('clear gives back the exact original body, pre-existing titles and attribute order included', () => {
    const { document, blocks, annotator } = load(
      `<p class="lead" title="Intro &amp; more" data-x="1">${A}</p><p>${B}</p><p title="" id="r">${A}</p>`,
    );
    const before = document.body.outerHTML;
    annotator.apply(blocks[0].key, blocks[0].handle, first(0));
    annotator.apply(blocks[2].key, blocks[2].handle, repeat(0));
    expect(document.querySelector('#r')!.getAttribute('title')).toBe('Repeats paragraph 1');
    expect(document.body.outerHTML).not.toBe(before);
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
    expect(annotator.size).toBe(0);
  });

  test('a tooltip the page writes over ours is the page’s: taking the annotation out leaves it', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A}</p><p id="t" title="Old">${A}</p>`);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0));
    annotator.apply(blocks[2].key, blocks[2].handle, repeat(0));
    document.querySelector('#r')!.setAttribute('title', 'Set by the site');
    document.querySelector('#t')!.setAttribute('title', 'Newer');
    annotator.clear();
    expect(document.querySelector('#r')!.getAttribute('title')).toBe('Set by the site');
    expect(document.querySelector('#t')!.getAttribute('title')).toBe('Newer');
  });

  test('re-applying the same annotation changes nothing', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${A}</p>`);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0));
    const once = document.body.outerHTML;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0));
    expect(document.body.outerHTML).toBe(once);
  });

  test('a changed annotation replaces the old one; null removes it', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${A}</p>`);
    const before = document.body.outerHTML;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0));
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(3));
    const p = document.querySelectorAll('p')[1];
    expect(p.getAttribute('data-paradedup-group')).toBe('3');
    expect(p.getAttribute('data-paradedup-tint')).toBe('3');
    annotator.apply(blocks[1].key, blocks[1].handle, null);
    expect(document.body.outerHTML).toBe(before);
  });
});

describe('partial blocks', () => {
  const NEW = 'Shops on the high street stayed closed.';
  /** A partial paragraph's annotation: one mark over [start, end), repeating block `of`. */
  const partial = (start: number, end: number, of: number, title: string) => ({
    status: 'partial' as const,
    group: 0,
    tint: 0,
    title: null,
    marks: [{ start, end, of, tint: 0, title }],
    fold: null,
  });

  test('only the repeated range is wrapped in a mark; the new text stays outside', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${NEW} ${A}</p>`);
    const start = NEW.length + 1;
    annotator.apply(blocks[1].key, blocks[1].handle, partial(start, start + A.length, blocks[0].key, 'Repeats paragraph 1'));
    const p = document.querySelectorAll('p')[1];
    const marks = p.querySelectorAll('paradedup-mark');
    expect(marks).toHaveLength(1);
    expect(marks[0].textContent).toBe(A);
    expect(marks[0].getAttribute('data-paradedup-of')).toBe(String(blocks[0].key));
    expect(marks[0].getAttribute('title')).toBe('Repeats paragraph 1');
    expect(p.getAttribute('data-paradedup')).toBe('partial');
    expect(p.textContent).toBe(`${NEW} ${A}`);
    expect(p.hasAttribute('data-paradedup-folded')).toBe(false);
  });

  test('restore merges the split text back into the original Text node objects', () => {
    // The repeated sentence spans three text nodes and an inline element.
    const { document, blocks, annotator } = load(
      `<p>${A}</p><p>${NEW} The river flooded the <b>lower town</b> on Monday night, and the fire brigade moved forty families to the school. Then it rained.</p>`,
    );
    const p = document.querySelectorAll('p')[1];
    const before = document.body.outerHTML;
    const originals = textNodes(p);
    const originalData = originals.map((node) => node.data);
    const start = NEW.length + 1;
    annotator.apply(blocks[1].key, blocks[1].handle, partial(start, start + A.length, 0, 't'));
    const marked = [...p.querySelectorAll('paradedup-mark')].map((m) => m.textContent).join('');
    expect(marked).toBe(A);
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
    const after = textNodes(p);
    expect(after).toHaveLength(originals.length);
    after.forEach((node, i) => {
      expect(node).toBe(originals[i]);
      expect(node.data).toBe(originalData[i]);
    });
  });

  test('new tooltips alone are written in place: the same marks, no restructuring, and clear still restores the page', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${B}</p><p title="Own tooltip">${NEW} ${A} ${B}</p>`);
    const before = document.body.outerHTML;
    const [a, b, block] = blocks;
    const start = NEW.length + 1;
    const annotation = (titleA: string, titleB: string) => ({
      ...partial(start, start + A.length, a.key, titleA),
      marks: [
        { start, end: start + A.length, of: a.key, tint: 0, title: titleA },
        { start: start + A.length + 1, end: start + A.length + 1 + B.length, of: b.key, tint: 1, title: titleB },
      ],
    });
    const first = annotation('Repeats paragraph 1', 'Repeats paragraph 2');
    expect(annotator.costsWholePage(block.key, block.handle, first), 'marks wrapped in elements are nodes inserted: the page is laid out again').toBe(true);
    annotator.apply(block.key, block.handle, first);
    const marks = [...document.querySelectorAll('paradedup-mark')];
    expect(marks.map((m) => m.textContent)).toEqual([A, B]);
    const moved = annotation('Repeats paragraph 4', 'Repeats paragraph 5');
    expect(annotator.costsWholePage(block.key, block.handle, moved)).toBe(false);
    annotator.apply(block.key, block.handle, moved);
    const now = [...document.querySelectorAll('paradedup-mark')];
    expect(now).toHaveLength(2);
    now.forEach((mark, i) => expect(mark).toBe(marks[i]));
    expect(now.map((m) => m.getAttribute('title'))).toEqual(['Repeats paragraph 4', 'Repeats paragraph 5']);
    expect(document.querySelectorAll('p')[2].getAttribute('title')).toBe('Own tooltip');
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
  });

  test('a folded repeat gets its new tooltip under the same placeholder, and gives back the page’s own title', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r" title="Own tooltip">${A}</p>`);
    const before = document.body.outerHTML;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', title: 'Repeats paragraph 1' }));
    const fold = annotator.foldOf(blocks[1].key)!;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', title: 'Repeats paragraph 3' }));
    expect(annotator.foldOf(blocks[1].key)).toBe(fold);
    expect(fold.isConnected).toBe(true);
    expect(document.querySelector('#r')!.getAttribute('title')).toBe('Repeats paragraph 3');
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
  });
});

describe('partial blocks where the browser paints highlights', () => {
  const NEW = 'Shops on the high street stayed closed.';
  const partial = (start: number, end: number, of: number, title: string): BlockAnnotation => ({
    status: 'partial',
    group: 0,
    tint: 3,
    title: null,
    marks: [{ start, end, of, tint: 3, title }],
    fold: null,
  });

  function loadPainted(body: string) {
    const page = load(body);
    const win = { document: page.document };
    const registry = addFakeHighlights(win);
    const annotator = new Annotator(page.document, { toggle: () => {}, goToFirst: () => {} }, HighlightPainter.of(win as unknown as Window));
    const painted = () => [...(registry.get('paradedup-3') ?? [])].map(rangeText);
    return { ...page, annotator, painted };
  }

  test('the repeated range is painted, not wrapped: the paragraph keeps its nodes and carries the tooltip', () => {
    const { document, blocks, annotator, painted } = loadPainted(`<p>${A}</p><p>${NEW} ${A}</p>`);
    const p = document.querySelectorAll('p')[1];
    const nodes = [...p.childNodes];
    const start = NEW.length + 1;
    annotator.apply(blocks[1].key, blocks[1].handle, partial(start, start + A.length, blocks[0].key, 'Repeats paragraph 1'));
    expect(painted()).toEqual([A]);
    expect([...p.childNodes]).toEqual(nodes);
    expect(p.querySelector('paradedup-mark')).toBeNull();
    expect(p.getAttribute('data-paradedup')).toBe('partial');
    expect(p.getAttribute('title')).toBe('Repeats paragraph 1');
  });

  test('painting and erasing insert no node, so they go with the attribute writes; clear gives back the page and its own tooltip', () => {
    const { document, blocks, annotator, painted } = loadPainted(`<p>${A}</p><p title="Own tooltip">${NEW} ${A}</p>`);
    const before = document.body.outerHTML;
    const start = NEW.length + 1;
    const annotation = partial(start, start + A.length, blocks[0].key, 'Repeats paragraph 1');
    expect(annotator.costsWholePage(blocks[1].key, blocks[1].handle, annotation)).toBe(false);
    annotator.apply(blocks[1].key, blocks[1].handle, annotation);
    expect(annotator.costsWholePage(blocks[1].key, blocks[1].handle, null)).toBe(false);
    annotator.clear();
    expect(painted()).toEqual([]);
    expect(document.body.outerHTML).toBe(before);
  });

  test('a new tooltip alone is written in place, over the same paint', () => {
    const { document, blocks, annotator, painted } = loadPainted(`<p>${A}</p><p>${NEW} ${A}</p>`);
    const start = NEW.length + 1;
    annotator.apply(blocks[1].key, blocks[1].handle, partial(start, start + A.length, blocks[0].key, 'Repeats paragraph 1'));
    const moved = partial(start, start + A.length, blocks[0].key, 'Repeats paragraph 4');
    expect(annotator.costsWholePage(blocks[1].key, blocks[1].handle, moved)).toBe(false);
    annotator.apply(blocks[1].key, blocks[1].handle, moved);
    expect(painted()).toEqual([A]);
    expect(document.querySelectorAll('p')[1].getAttribute('title')).toBe('Repeats paragraph 4');
  });
});

describe('<br><br> runs', () => {
  test('a run is wrapped in <paradedup-block>, annotated, and unwrapped node for node', () => {
    const { document, blocks, annotator } = load(`<div id="c">${A}<br><br>${B}<br><br>${A}<br>tail <i>x</i></div>`);
    const container = document.querySelector('#c')!;
    const before = document.body.outerHTML;
    const children = [...container.childNodes];
    const runs = blocks.filter((b) => b.block.nodes);
    expect(runs.length).toBe(3);
    annotator.apply(runs[0].key, runs[0].handle, first(1));
    annotator.apply(runs[2].key, runs[2].handle, repeat(1, { fold: 'folded' }));
    const wrappers = container.querySelectorAll('paradedup-block');
    expect(wrappers).toHaveLength(2);
    expect(wrappers[0].getAttribute('data-paradedup')).toBe('first');
    expect(wrappers[1].getAttribute('data-paradedup')).toBe('repeat');
    expect(wrappers[1].hasAttribute('data-paradedup-folded')).toBe(true);
    expect(wrappers[1].previousSibling?.nodeName.toLowerCase()).toBe('paradedup-fold');
    expect(wrappers[1].textContent?.trim().startsWith(A.slice(0, 20))).toBe(true);
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
    expect([...container.childNodes]).toEqual(children);
    children.forEach((child, i) => expect(container.childNodes[i]).toBe(child));
  });

  test('with highlights, a run without a placeholder is painted where it is; folding wraps it, and unfolding paints it again', () => {
    const page = load(`<div id="c">${A}<br><br>${B}<br><br>${A}<br>tail <i>x</i></div>`);
    const win = { document: page.document };
    const registry = addFakeHighlights(win);
    const annotator = new Annotator(page.document, { toggle: () => {}, goToFirst: () => {} }, HighlightPainter.of(win as unknown as Window));
    const container = page.document.querySelector('#c')!;
    const before = page.document.body.outerHTML;
    const children = [...container.childNodes];
    const runs = page.blocks.filter((b) => b.block.nodes);
    const painted = (name: string) => [...(registry.get(name) ?? [])].map(rangeText).join('').trim();
    annotator.apply(runs[0].key, runs[0].handle, first(1));
    annotator.apply(runs[2].key, runs[2].handle, repeat(1));
    // A page framework holding these nodes finds them where it put them.
    expect(page.document.body.outerHTML).toBe(before);
    children.forEach((child, i) => expect(container.childNodes[i]).toBe(child));
    expect(painted('paradedup-run-first-1')).toBe(A);
    expect(painted('paradedup-run-repeat-1')).toMatch(new RegExp(`^${A}\\s*tail x$`));
    expect(annotator.targetOf(runs[2].key)).toBeNull();

    annotator.apply(runs[2].key, runs[2].handle, repeat(1, { fold: 'folded' }));
    const wrapper = container.querySelector('paradedup-block')!;
    expect(wrapper.getAttribute('data-paradedup')).toBe('repeat');
    expect(wrapper.hasAttribute('data-paradedup-folded')).toBe(true);
    expect(painted('paradedup-run-repeat-1')).toBe('');

    annotator.apply(runs[2].key, runs[2].handle, repeat(1));
    expect(container.querySelector('paradedup-block')).toBeNull();
    expect(container.querySelector('paradedup-fold')).toBeNull();
    expect(painted('paradedup-run-repeat-1').startsWith(A)).toBe(true);
    children.forEach((child, i) => expect(container.childNodes[i]).toBe(child));

    annotator.clear();
    expect(page.document.body.outerHTML).toBe(before);
    expect(paintedTexts(registry)).toEqual([]);
  });

  test('with highlights, a run that cannot be wrapped is painted when asked to fold, once: the next render leaves it be', () => {
    const page = load(`<div>${A} <iframe src="about:blank"></iframe> More text.<br><br>${A}</div>`);
    const win = { document: page.document };
    const registry = addFakeHighlights(win);
    const annotator = new Annotator(page.document, { toggle: () => {}, goToFirst: () => {} }, HighlightPainter.of(win as unknown as Window));
    const run = page.blocks.find((b) => b.block.nodes?.some((n) => n.nodeName.toLowerCase() === 'iframe'))!;
    const folded = repeat(0, { fold: 'folded' });
    expect(annotator.apply(run.key, run.handle, folded)).toBe(true);
    expect(page.document.querySelector('paradedup-block, paradedup-fold')).toBeNull();
    expect(paintedTexts(registry).join(' ')).toContain(A);
    expect(annotator.costsWholePage(run.key, run.handle, repeat(0, { fold: 'folded' }))).toBe(false);
  });

  test('a run holding an iframe is left alone: moving it would reload the frame', () => {
    const { document, blocks, annotator } = load(`<div>${A} <iframe src="about:blank"></iframe> More text.<br><br>${A}</div>`);
    const run = blocks.find((b) => b.block.nodes?.some((n) => n.nodeName.toLowerCase() === 'iframe'));
    expect(run).toBeDefined();
    expect(annotator.apply(run!.key, run!.handle, repeat(0))).toBe(false);
    expect(document.querySelector('paradedup-block')).toBeNull();
  });
});

describe('collapse', () => {
  test('a folded repeat gets a placeholder: a group named by its label, holding a show button and a go-to-first button', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A}</p>`);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded' }));
    const r = document.querySelector('#r')!;
    const fold = r.previousElementSibling!;
    expect(fold.localName).toBe('paradedup-fold');
    expect(fold.getAttribute('role')).toBe('group');
    expect(fold.getAttribute('aria-label')).toBe('Repeated paragraph');
    // Not a control itself: controls nested in a control are unreachable to some screen readers.
    expect(fold.hasAttribute('tabindex')).toBe(false);
    expect(fold.hasAttribute('aria-expanded')).toBe(false);
    expect(fold.shadowRoot).not.toBeNull();
    expect(shadowText(fold)).toContain('Repeated paragraph');
    // Its words are drawn, not written: find in page passes them by.
    expect([...fold.shadowRoot!.querySelectorAll(':not(style)')].map((el) => el.textContent).join('')).toBe('');
    expect(buttonsOf(fold)).toEqual([
      { text: 'show', expanded: 'false', tabindex: null },
      { text: 'go to first', expanded: null, tabindex: null },
    ]);
    expect([...fold.shadowRoot!.querySelectorAll('.sep')].every((sep) => sep.getAttribute('aria-hidden') === 'true')).toBe(true);
    expect(r.hasAttribute('data-paradedup-folded')).toBe(true);
    expect(annotator.foldOf(blocks[1].key)).toBe(fold);
  });

  test('a copy that is not word for word folds behind a "Similar paragraph" placeholder, and becomes a repeated one when it is', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A}</p>`);
    const r = document.querySelector('#r')!;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', similar: true }));
    const similar = r.previousElementSibling!;
    expect(similar.getAttribute('aria-label')).toBe('Similar paragraph');
    expect(shadowText(similar)).toContain('Similar paragraph');
    // The styles dash its bar by this attribute.
    expect(r.hasAttribute('data-paradedup-similar')).toBe(true);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded' }));
    const repeated = r.previousElementSibling!;
    expect(repeated.getAttribute('aria-label')).toBe('Repeated paragraph');
    expect(shadowText(repeated)).toContain('Repeated paragraph');
    expect(r.hasAttribute('data-paradedup-similar')).toBe(false);
    expect(document.querySelectorAll('paradedup-fold')).toHaveLength(1);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { similar: true }));
    annotator.remove(blocks[1].key);
    expect(r.outerHTML).toBe(`<p id="r">${A}</p>`);
  });

  test('a copy of part of its original folds behind a "Repeated excerpt" placeholder, with a solid bar', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A.slice(0, 60)}</p>`);
    const r = document.querySelector('#r')!;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', excerpt: true }));
    expect(r.previousElementSibling!.getAttribute('aria-label')).toBe('Repeated excerpt');
    expect(shadowText(r.previousElementSibling!)).toContain('Repeated excerpt');
    expect(r.hasAttribute('data-paradedup-similar')).toBe(false);
  });

  test('a near copy’s changed words are marked as changed, wrapped or painted, and the page restored exactly', () => {
    const copy = A.replace('forty', 'fifty');
    const start = copy.indexOf('fifty');
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${copy}</p>`);
    const r = document.querySelector('#r')!;
    const before = r.outerHTML;
    const nodes = textNodes(r);
    const changed = { start, end: start + 5, of: blocks[0].key, tint: 0, title: 'Similar to paragraph 1', changed: true };
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { similar: true, marks: [changed] }));
    const marks = [...r.querySelectorAll('paradedup-mark')];
    expect(marks.map((mark) => [mark.textContent, mark.hasAttribute('data-paradedup-changed')])).toEqual([['fifty', true]]);
    annotator.remove(blocks[1].key);
    expect(r.outerHTML).toBe(before);
    expect(textNodes(r)).toEqual(nodes);

    const win = { document };
    const registry = addFakeHighlights(win);
    const painting = new Annotator(document, { toggle: () => {}, goToFirst: () => {} }, HighlightPainter.of(win as unknown as Window));
    painting.apply(blocks[1].key, blocks[1].handle, repeat(0, { similar: true, marks: [changed] }));
    expect([...registry].map(([name, ranges]) => [name, [...ranges].map(rangeText)])).toEqual([['paradedup-changed', ['fifty']]]);
    // The copy became word for word: nothing is marked any more.
    painting.apply(blocks[1].key, blocks[1].handle, repeat(0));
    expect([...registry.get('paradedup-changed')!]).toEqual([]);
    painting.remove(blocks[1].key);
    expect(r.outerHTML).toBe(before);
  });

  test('a folded near copy’s placeholder names its changed words, isolated, and cuts a long list short', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A}</p>`);
    const r = document.querySelector('#r')!;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', similar: true, changes: 'fifty' }));
    const fold = r.previousElementSibling!;
    expect(fold.getAttribute('aria-label')).toBe('Similar paragraph, changed: \u2068fifty\u2069');
    expect(shadowText(fold)).toContain('changed: \u2068fifty\u2069');
    const many = Array.from({ length: 12 }, (_, i) => `word${i}`).join(', ');
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', similar: true, changes: many }));
    const cut = r.previousElementSibling!;
    expect(cut).not.toBe(fold);
    expect(cut.getAttribute('aria-label')).toBe(`Similar paragraph, changed: \u2068${many.slice(0, 39)}…\u2069`);
    annotator.remove(blocks[1].key);
    expect(r.outerHTML).toBe(`<p id="r">${A}</p>`);
  });

  test('a folded near copy’s placeholder names the words it leaves out, after those it changed', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A}</p>`);
    const r = document.querySelector('#r')!;
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', similar: true, changes: 'fifty', dropped: 'very' }));
    const fold = r.previousElementSibling!;
    expect(fold.getAttribute('aria-label')).toBe('Similar paragraph, changed: \u2068fifty\u2069, left out: \u2068very\u2069');
    expect([...fold.shadowRoot!.querySelectorAll('.changes')].map((el) => el.getAttribute(TEXT_ATTR))).toEqual(['changed: \u2068fifty\u2069', 'left out: \u2068very\u2069']);
    // Other words left out make another placeholder.
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded', similar: true, changes: 'fifty', dropped: 'quite' }));
    expect(r.previousElementSibling!.getAttribute('aria-label')).toBe('Similar paragraph, changed: \u2068fifty\u2069, left out: \u2068quite\u2069');
    annotator.remove(blocks[1].key);
    expect(r.outerHTML).toBe(`<p id="r">${A}</p>`);
  });

  test('expanding keeps the same placeholder and button (focus stays on it) and shows the block', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A}</p>`);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded' }));
    const fold = annotator.foldOf(blocks[1].key)!;
    const toggle = fold.shadowRoot!.querySelector('button');
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'expanded' }));
    expect(annotator.foldOf(blocks[1].key)).toBe(fold);
    expect(fold.shadowRoot!.querySelector('button')).toBe(toggle);
    expect(buttonsOf(fold)[0]).toEqual({ text: 'hide', expanded: 'true', tabindex: null });
    expect(document.querySelector('#r')!.hasAttribute('data-paradedup-folded')).toBe(false);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded' }));
    expect(buttonsOf(fold)[0]).toEqual({ text: 'show', expanded: 'false', tabindex: null });
    expect(document.querySelector('#r')!.hasAttribute('data-paradedup-folded')).toBe(true);
  });

  test('leaving collapse removes placeholders; clear restores the original body', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${B}</p><p>${A}</p><p>${B}</p>`);
    const before = document.body.outerHTML;
    annotator.apply(blocks[0].key, blocks[0].handle, first(0));
    annotator.apply(blocks[1].key, blocks[1].handle, first(1));
    annotator.apply(blocks[2].key, blocks[2].handle, repeat(0, { fold: 'folded' }));
    annotator.apply(blocks[3].key, blocks[3].handle, repeat(1, { fold: 'folded' }));
    expect(document.querySelectorAll('paradedup-fold')).toHaveLength(2);
    annotator.apply(blocks[2].key, blocks[2].handle, repeat(0));
    expect(document.querySelectorAll('paradedup-fold')).toHaveLength(1);
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
  });

  test('a folded quotation folds with its box and the name it is attributed to, the placeholder in the box’s place, and leaves the page as it was', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><figure id="pull" class="wp-block-pullquote"><blockquote><p id="r">${A}</p><cite>The fire chief</cite></blockquote></figure><p>${B}</p>`);
    const before = document.body.outerHTML;
    const { key, handle } = blocks.find((b) => b.block.element.id === 'r')!;
    const figure = document.querySelector('#pull')!;
    const boxFolded = () => figure.hasAttribute('data-paradedup-folded-with');
    annotator.apply(key, handle, repeat(0, { fold: 'folded' }));
    expect(boxFolded()).toBe(true);
    expect(document.querySelector('#r')!.hasAttribute('data-paradedup-folded')).toBe(true);
    // Not inside the pull quote's empty frame: where it stood.
    expect(figure.previousElementSibling!.localName).toBe('paradedup-fold');
    expect(annotator.foldOf(key)).toBe(figure.previousElementSibling);
    annotator.apply(key, handle, repeat(0, { fold: 'expanded' }));
    expect(boxFolded()).toBe(false);
    annotator.apply(key, handle, repeat(0, { fold: 'folded' }));
    expect(boxFolded()).toBe(true);
    annotator.apply(key, handle, repeat(0));
    expect(boxFolded()).toBe(false);
    expect(document.querySelectorAll('paradedup-fold')).toHaveLength(0);
    annotator.apply(key, handle, repeat(0, { fold: 'folded' }));
    annotator.clear();
    expect(document.body.outerHTML).toBe(before);
  });

  test('a highlighted quotation, and a folded one that is not alone in its blockquote, leave the box and the attribution in sight', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p>${B}</p><blockquote><p id="r">${A}</p><cite>The fire chief</cite></blockquote><blockquote><p id="s">${B}</p><p>And more rain is on its way.</p><cite>The mayor</cite></blockquote>`);
    const of = (id: string) => blocks.find((b) => b.block.element.id === id)!;
    annotator.apply(of('r').key, of('r').handle, repeat(0));
    annotator.apply(of('s').key, of('s').handle, repeat(1, { fold: 'folded' }));
    expect(document.querySelectorAll('[data-paradedup-folded-with]')).toHaveLength(0);
    expect(document.querySelector('#s')!.previousElementSibling!.localName).toBe('paradedup-fold');
  });

  test('table cells are highlighted but never folded', () => {
    const { document, blocks, annotator } = load(`<table><tr><td>${A}</td></tr><tr><td>${A}</td></tr></table>`);
    const cell = blocks.find((b) => b.block.element.localName === 'td' && b.key > 0)!;
    annotator.apply(cell.key, cell.handle, repeat(0, { fold: 'folded' }));
    expect(document.querySelector('paradedup-fold')).toBeNull();
    expect(document.querySelectorAll('td')[1].getAttribute('data-paradedup')).toBe('repeat');
  });

  test('a block holding an editable region is highlighted but never folded: the region stays in the user’s sight', () => {
    const { document, blocks, annotator } = load(`<p>${A}</p><p id="r">${A} <span contenteditable="true">note</span></p><p id="f">${A} <span contenteditable="false">x</span></p>`);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded' }));
    annotator.apply(blocks[2].key, blocks[2].handle, repeat(0, { fold: 'folded' }));
    expect(document.querySelector('#r')!.hasAttribute('data-paradedup-folded')).toBe(false);
    expect(document.querySelector('#r')!.getAttribute('data-paradedup')).toBe('repeat');
    expect(document.querySelector('#f')!.hasAttribute('data-paradedup-folded')).toBe(true);
  });

  test('items of a numbered list are highlighted but never folded, so the items after them keep their numbers; a bullet list’s are folded', () => {
    const { document, blocks, annotator } = load(`<ol><li>${A}</li><li>${A}</li><li>${B}</li></ol><ul><li>${A}</li></ul>`);
    const [, numbered, , bulleted] = blocks;
    annotator.apply(numbered.key, numbered.handle, repeat(0, { fold: 'folded' }));
    annotator.apply(bulleted.key, bulleted.handle, repeat(0, { fold: 'folded' }));
    expect(document.querySelector('ol paradedup-fold')).toBeNull();
    expect(document.querySelectorAll('ol > li')[1].hasAttribute('data-paradedup-folded')).toBe(false);
    expect(document.querySelectorAll('ol > li')[1].getAttribute('data-paradedup')).toBe('repeat');
    expect(document.querySelector('ul paradedup-fold')).not.toBeNull();
  });
});

describe('open shadow roots', () => {
  /** linkedom has no constructed stylesheets: a stand-in with the one method the styles use. */
  class FakeSheet {
    replaceSync(): void {}
  }

  /** A page with two web components whose open shadow roots hold paragraphs; `pageSheet` is the first root's own adopted sheet. */
  function loadShadowPage(body = `<p id="light">${B}</p>`) {
    const { document } = parseHTML(
      `<!doctype html><html><head></head><body><news-story id="a"></news-story><news-story id="b"></news-story>${body}</body></html>`,
    );
    (document.defaultView as unknown as { CSSStyleSheet: unknown }).CSSStyleSheet = FakeSheet;
    const pageSheet = new FakeSheet() as unknown as CSSStyleSheet;
    const rootA = document.getElementById('a')!.attachShadow({ mode: 'open' });
    rootA.innerHTML = `<p>${A}</p><p>${B}</p><p>${A}</p>`;
    rootA.adoptedStyleSheets = [pageSheet];
    const rootB = document.getElementById('b')!.attachShadow({ mode: 'open' });
    rootB.innerHTML = `<p>${A}</p>`;
    rootB.adoptedStyleSheets = [];
    const blocks = new BlockRegistry().addAll(extractBlocks(document));
    const inRoot = (root: ShadowRoot) => blocks.filter((b) => b.block.element.getRootNode() === root);
    const annotator = new Annotator(document, { toggle: () => {}, goToFirst: () => {} });
    return { document, rootA, rootB, pageSheet, blocks, inA: inRoot(rootA), inB: inRoot(rootB), annotator };
  }

  test('a root holding marks adopts the page rules once, after its own sheets; every root shares one sheet', () => {
    const { rootA, rootB, pageSheet, inA, inB, annotator } = loadShadowPage();
    annotator.apply(inA[0].key, inA[0].handle, first(0));
    annotator.apply(inA[2].key, inA[2].handle, repeat(0));
    annotator.apply(inB[0].key, inB[0].handle, repeat(0, { fold: 'folded' }));
    expect(rootA.adoptedStyleSheets).toHaveLength(2);
    expect(rootA.adoptedStyleSheets[0]).toBe(pageSheet);
    const ours = rootA.adoptedStyleSheets[1];
    expect(ours).toBeInstanceOf(FakeSheet);
    expect(rootB.adoptedStyleSheets).toEqual([ours]);
    expect(rootB.adoptedStyleSheets[0]).toBe(ours);
    // The placeholder of a block in a shadow root sits in that root, where the adopted rules reach it.
    expect(rootB.querySelector('paradedup-fold + p')?.hasAttribute('data-paradedup-folded')).toBe(true);
  });

  test('restore takes our sheet out of every root and leaves the page its own, even ones it added meanwhile', () => {
    const { document, rootA, rootB, pageSheet, inA, inB, annotator } = loadShadowPage();
    const before = [rootA.innerHTML, rootB.innerHTML];
    annotator.apply(inA[2].key, inA[2].handle, repeat(0, { fold: 'folded' }));
    annotator.apply(inB[0].key, inB[0].handle, repeat(0));
    const later = new FakeSheet() as unknown as CSSStyleSheet;
    rootA.adoptedStyleSheets = [...rootA.adoptedStyleSheets, later];
    annotator.clear();
    expect(rootA.adoptedStyleSheets).toHaveLength(2);
    expect(rootA.adoptedStyleSheets[0]).toBe(pageSheet);
    expect(rootA.adoptedStyleSheets[1]).toBe(later);
    expect(rootB.adoptedStyleSheets).toEqual([]);
    expect([rootA.innerHTML, rootB.innerHTML]).toEqual(before);
    expect(document.querySelector('paradedup-fold')).toBeNull();
  });

  test('a root keeps the rules while any of its blocks is marked, and loses them with the last', () => {
    const { rootA, pageSheet, inA, annotator } = loadShadowPage();
    annotator.apply(inA[0].key, inA[0].handle, first(0));
    annotator.apply(inA[2].key, inA[2].handle, repeat(0));
    annotator.apply(inA[2].key, inA[2].handle, null);
    expect(rootA.adoptedStyleSheets).toHaveLength(2);
    annotator.apply(inA[2].key, inA[2].handle, repeat(0));
    expect(rootA.adoptedStyleSheets).toHaveLength(2);
    annotator.remove(inA[0].key);
    annotator.remove(inA[2].key);
    expect(rootA.adoptedStyleSheets).toHaveLength(1);
    expect(rootA.adoptedStyleSheets[0]).toBe(pageSheet);
  });

  test("a page that resets its root's sheets gets the rules back with our next mark there", () => {
    const { rootA, pageSheet, inA, annotator } = loadShadowPage();
    annotator.apply(inA[0].key, inA[0].handle, first(0));
    rootA.adoptedStyleSheets = [pageSheet];
    annotator.apply(inA[2].key, inA[2].handle, repeat(0));
    expect(rootA.adoptedStyleSheets).toHaveLength(2);
    expect(rootA.adoptedStyleSheets[0]).toBe(pageSheet);
  });

  test("a page that resets its root's sheets gets the rules back when a fold there is shown or hidden in place", () => {
    const { rootB, inB, annotator } = loadShadowPage();
    annotator.apply(inB[0].key, inB[0].handle, repeat(0, { fold: 'folded' }));
    // A theme switch in the page's component: its own sheet only.
    const theme = new FakeSheet() as unknown as CSSStyleSheet;
    rootB.adoptedStyleSheets = [theme];
    annotator.apply(inB[0].key, inB[0].handle, repeat(0, { fold: 'expanded' }));
    expect(rootB.adoptedStyleSheets).toHaveLength(2);
    expect(rootB.adoptedStyleSheets[0]).toBe(theme);
  });

  test('marks in the document itself adopt nothing anywhere', () => {
    const { document, rootA, rootB, blocks, annotator } = loadShadowPage();
    const light = blocks.find((b) => b.block.element.id === 'light')!;
    annotator.apply(light.key, light.handle, repeat(0, { fold: 'folded' }));
    expect(rootA.adoptedStyleSheets).toHaveLength(1);
    expect(rootB.adoptedStyleSheets).toHaveLength(0);
    expect(document.querySelector('#light')!.getAttribute('data-paradedup')).toBe('repeat');
  });

  test('a flash in a shadow root brings the rules for as long as it lasts', () => {
    const { rootB, inB } = loadShadowPage();
    const flasher = new Flasher();
    flasher.flash(inB[0].block.element);
    expect(rootB.adoptedStyleSheets).toHaveLength(1);
    flasher.cancelAll();
    expect(rootB.adoptedStyleSheets).toHaveLength(0);
    expect(inB[0].block.element.hasAttribute('data-paradedup-flash')).toBe(false);
  });
});

describe('placeholder direction', () => {
  test("on an RTL page the words read in the UI language's direction while the pill follows the page", () => {
    const { document, blocks, annotator } = load(`<div dir="rtl"><p>${A}</p><p id="r">${A}</p></div>`);
    annotator.apply(blocks[1].key, blocks[1].handle, repeat(0, { fold: 'folded' }));
    const fold = document.querySelector('#r')!.previousElementSibling!;
    const pill = fold.shadowRoot!.querySelector('.pill')!;
    // No dir of its own: the pill inherits the page's direction, so its bar sits where the page's lines start.
    expect(pill.hasAttribute('dir')).toBe(false);
    const words = pill.querySelector('[dir]')!;
    expect(words.getAttribute('dir')).toBe('ltr');
    // The words are in the UI's language, whatever the page's.
    expect(fold.getAttribute('lang')).toBe('en');
    expect(drawnText(words)).toContain('Repeated paragraph');
  });
});
