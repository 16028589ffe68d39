// Seeded random pages (tests/support/random-page.ts) through the controller: every mode change gives
// the page back exactly, and a page that edits and copies its annotated content is left, once
// ParaDedup is off, with its own content and nothing of ours.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageMode, PageState } from '../../src/messages';
import { PageController } from '../../src/page/controller';
import { FAST_OBSERVER, fastClock, storagePlans } from '../support/controller-env';
import { addFakeHighlights } from '../support/fake-highlights';
import { pageWindow } from '../support/page-window';
import { Prng } from '../support/prng';
import { randomPage } from '../support/random-page';

const PAGES = 40;

/** What a page script might do to its own content: remove, copy (a clone or its markup), edit, insert. */
function editPage(doc: Document, random: Prng): void {
  const article = doc.querySelector('article')!;
  const own = [...article.querySelectorAll('*')].filter((el) => !el.localName.startsWith('paradedup-'));
  if (own.length === 0) return;
  const el = random.pick(own);
  switch (random.int(6)) {
    case 0:
      el.remove();
      break;
    case 1:
      article.append(el.cloneNode(true));
      break;
    case 2: {
      const copy = doc.createElement('div');
      copy.innerHTML = el.innerHTML;
      el.after(copy);
      break;
    }
    case 3: {
      const text = [...el.childNodes].find((node): node is Text => node.nodeType === 3);
      if (text) text.data = `${text.data.slice(0, 20)} and then something else happened`;
      break;
    }
    case 4: {
      const p = doc.createElement('p');
      p.textContent = 'A brand new paragraph that says something nobody has said on this page before.';
      el.before(p);
      break;
    }
    default: {
      const paragraphs = [...article.querySelectorAll('p')];
      el.after(random.pick(paragraphs).cloneNode(true));
    }
  }
}

/** Every Text node's data, in document order: the page's text, which our shadow roots' words are not part of. */
function pageText(node: Node): string {
  if (node.nodeType === 3) return (node as Text).data;
  return [...node.childNodes].map(pageText).join('');
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

let running: PageController[] = [];
beforeEach(() => {
  fakeBrowser.reset();
  running = [];
});
afterEach(() => {
  for (const controller of running) controller.stop();
});

test.each(Array.from({ length: PAGES }, (_, i) => i + 1))('random page %i: modes give it back exactly; its own edits and copies keep nothing of ours', async (seed) => {
  const win = pageWindow(randomPage(seed));
  // Half the pages paint marks as highlights, half wrap them in elements, as older browsers do.
  if (seed % 2 === 0) addFakeHighlights(win);
  const doc = win.document;
  const original = doc.body.outerHTML;
  const controller = new PageController({ win, plans: storagePlans, report: () => undefined, clock: fastClock, observer: FAST_OBSERVER });
  running.push(controller);
  await controller.start();
  const setMode = async (mode: PageMode) => (await controller.handle({ type: 'set-mode', mode })) as PageState;

  for (const modes of [['collapse', 'highlight', 'off'], ['highlight', 'collapse', 'off']] as const) {
    for (const mode of modes) {
      const state = await setMode(mode);
      if (mode === 'collapse') {
        for (const el of doc.querySelectorAll('[data-paradedup-folded]')) expect(el.getAttribute('data-paradedup'), 'only repeats fold').toBe('repeat');
      }
      expect(state.scan.status).toBe('ready');
    }
    expect(doc.body.outerHTML).toBe(original);
  }

  await setMode(seed % 3 === 0 ? 'highlight' : 'collapse');
  const random = new Prng(seed * 7 + 3);
  for (let i = 0; i < 6; i++) {
    editPage(doc, random);
    if (random.next() < 0.5) await settle();
  }
  await settle();
  const text = pageText(doc.body);
  await setMode('off');
  expect(doc.body.outerHTML).not.toMatch(/paradedup/i);
  expect(pageText(doc.body), 'no text lost or added').toBe(text);
  for (const el of doc.querySelectorAll('[title]')) expect(el.getAttribute('title'), 'only the page’s own titles').toMatch(/^page-\d+$/);
});
