import { parseHTML } from 'linkedom';
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Annotator, type BlockAnnotation } from '../../src/page/annotate';
import { BlockRegistry, type TrackedBlock } from '../../src/page/block-registry';
import { extractBlocks } from '../../src/page/blocks';

const A = 'The river flooded the lower town on Monday night, and the fire brigade moved forty families to the school.';
const B = 'Officials said the water would fall slowly over the week, and warned people not to drive through the flooded streets.';

function load(body: string): { document: Document; blocks: TrackedBlock[]; annotator: Annotator } {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  const blocks = new BlockRegistry().addAll(extractBlocks(document));
  return { document, blocks, annotator: new Annotator(document, { toggle() {}, goToFirst() {} }) };
}

const first: BlockAnnotation = { status: 'first', group: 0, tint: 0, title: null, marks: [], fold: null };
const folded: BlockAnnotation = { status: 'repeat', group: 0, tint: 0, title: 'Repeats paragraph 1', marks: [], fold: 'folded' };
const nothingOwned = () => false;

beforeEach(() => fakeBrowser.reset());

test('a clone of a folded paragraph and its placeholder loses both; the page’s own title comes back, and the original stays folded', () => {
  const { document, blocks, annotator } = load(`<article><p>${A}</p><div id="d"><p title="Flood report">${A}</p></div></article>`);
  annotator.apply(blocks[0].key, blocks[0].handle, first);
  annotator.apply(blocks[1].key, blocks[1].handle, folded);
  const source = document.querySelector('#d')!;
  const clone = source.cloneNode(true) as Element;
  clone.id = 'copy';
  document.body.append(clone);
  expect(clone.innerHTML, 'the page copied our placeholder and attributes').toMatch(/paradedup/);

  annotator.scrubCopies([clone], nothingOwned);

  expect(clone.innerHTML).toBe(`<p title="Flood report">${A}</p>`);
  expect(source.querySelector('paradedup-fold')?.shadowRoot, 'the original keeps its live placeholder').toBeTruthy();
  expect(source.querySelector('p')!.hasAttribute('data-paradedup-folded')).toBe(true);
  expect(source.querySelector('p')!.getAttribute('title')).toBe('Repeats paragraph 1');
});

test('markup copied from a partial paragraph (innerHTML) keeps its text with the marks taken out', () => {
  const { document, blocks, annotator } = load(`<p>${A}</p><p id="glued">Breaking news. ${A}</p>`);
  annotator.apply(blocks[0].key, blocks[0].handle, first);
  const start = 'Breaking news. '.length;
  annotator.apply(blocks[1].key, blocks[1].handle, {
    status: 'partial',
    group: 0,
    tint: 0,
    title: null,
    marks: [{ start, end: start + A.length, of: blocks[0].key, tint: 0, title: 'Repeats paragraph 1' }],
    fold: null,
  });
  const copy = document.createElement('p');
  copy.innerHTML = document.querySelector('#glued')!.innerHTML;
  document.body.append(copy);
  expect(copy.querySelector('paradedup-mark')).not.toBeNull();

  annotator.scrubCopies([copy], nothingOwned);

  expect(copy.outerHTML).toBe(`<p>Breaking news. ${A}</p>`);
  expect(document.querySelector('#glued paradedup-mark'), 'the partial keeps its own mark').not.toBeNull();
});

test('a copied <br><br> run wrapper goes, its nodes stay in its place', () => {
  const { document, blocks, annotator } = load(`<div id="c">${A}<br><br>${B}<br><br>${A}</div>`);
  const runs = blocks.filter((b) => b.block.nodes);
  annotator.apply(runs[0].key, runs[0].handle, first);
  annotator.apply(runs[2].key, runs[2].handle, folded);
  const copy = document.querySelector('#c')!.cloneNode(true) as Element;
  document.body.append(copy);

  annotator.scrubCopies([copy], nothingOwned);

  expect(copy.outerHTML).toBe(`<div id="c">${A}<br><br>${B}<br><br>${A}</div>`);
});

test('the page moving our own annotated paragraph is no copy: it stays annotated and folded', () => {
  const { document, blocks, annotator } = load(`<p>${A}</p><p>${B}</p><p>${A}</p>`);
  annotator.apply(blocks[0].key, blocks[0].handle, first);
  annotator.apply(blocks[2].key, blocks[2].handle, folded);
  const moved = document.createElement('section');
  moved.append(document.querySelector('paradedup-fold')!, document.querySelectorAll('p')[2]);
  document.body.prepend(moved);

  annotator.scrubCopies([moved], nothingOwned);

  expect(moved.querySelector('paradedup-fold')?.shadowRoot).toBeTruthy();
  expect(moved.querySelector('p')!.getAttribute('data-paradedup')).toBe('repeat');
  expect(moved.querySelector('p')!.hasAttribute('data-paradedup-folded')).toBe(true);
});

test('an element another part of ParaDedup marks (a flash) keeps that mark', () => {
  const { document, annotator, blocks } = load(`<p id="x" data-paradedup-flash="">${A}</p><p>${A}</p>`);
  annotator.apply(blocks[1].key, blocks[1].handle, folded);
  const flashing = document.querySelector('#x')!;
  annotator.scrubCopies([document.body], (el) => el === flashing);
  expect(flashing.hasAttribute('data-paradedup-flash')).toBe(true);
  annotator.scrubCopies([document.body], nothingOwned);
  expect(flashing.hasAttribute('data-paradedup-flash')).toBe(false);
});
