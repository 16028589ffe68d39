// Seeded random pages (paragraphs, lists, tables, quotations, <br><br> runs, asides, code, forms, in
// English and Arabic, with exact, near, excerpted and glued repeats) through the controller: every
// mode change gives the page back exactly, and a page that edits and copies its annotated content
// is left, once ParaDedup is off, with its own content and nothing of ours.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageMode, PageState } from '../../src/messages';
import { PageController, type PlanSource } from '../../src/page/controller';
import { loadPagePlan, watchPagePlan } from '../../src/settings';
import { addFakeHighlights } from '../support/fake-highlights';
import { pageWindow } from '../support/page-window';
import { Prng } from '../support/prng';

const plans: PlanSource = { load: loadPagePlan, watch: watchPagePlan };
const clock = { now: () => performance.now(), yield: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) };
const OBSERVER = { debounceMs: 5, maxWaitMs: 20, stormThreshold: 200 };
const PAGES = 40;

const ENGLISH = 'the minister said talks would resume next week after both sides agreed terms on water rights border trade observers council members voted against the plan for a river dam'.split(' ');
const ARABIC = 'قال الوزير إن المحادثات ستستأنف الأسبوع المقبل بعد أن اتفق الطرفان على شروط حقوق المياه والتجارة الحدودية'.split(' ');

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function sentence(random: Prng): string {
  const words = random.next() < 0.3 ? ARABIC : ENGLISH;
  const text = Array.from({ length: random.between(6, 14) }, () => random.pick(words)).join(' ');
  return (words === ENGLISH ? text[0].toUpperCase() + text.slice(1) : text) + random.pick(['.', '.', '!', '?']);
}

/** New text, or, about half the time, an earlier paragraph again: whole, with a word changed, cut short, or glued to new text. */
function paragraph(random: Prng, earlier: string[]): string {
  if (earlier.length > 0 && random.next() < 0.45) {
    const original = random.pick(earlier);
    switch (random.int(5)) {
      case 0:
        return sentence(random) + original;
      case 1:
        return original.replace(/the|على/, 'a');
      case 2:
        return original.split(/(?<=[.!?]) /)[0];
      default:
        return original;
    }
  }
  const text = Array.from({ length: random.between(1, 4) }, () => sentence(random)).join(' ');
  earlier.push(text);
  return text;
}

/** `text` with a random stretch of it inside an inline element, half the time. */
function inline(random: Prng, text: string): string {
  if (random.next() < 0.5 || text.length < 10) return escape(text);
  const start = random.int(text.length / 2);
  const end = start + random.between(1, text.length - start);
  const [open, close] = random.pick([['<a href="#x">', '</a>'], ['<em>', '</em>'], ['<b>', '</b>'], ['<span class="k">', '</span>']]);
  return escape(text.slice(0, start)) + open + escape(text.slice(start, end)) + close + escape(text.slice(end));
}

function block(random: Prng, earlier: string[], depth: number): string {
  const text = () => paragraph(random, earlier);
  switch (random.int(depth > 2 ? 3 : 12)) {
    case 0:
    case 1:
      return `<p>${inline(random, text())}</p>`;
    case 2:
      return `<p title="page-${random.int(100)}">${inline(random, text())}</p>`;
    case 3:
      return `<div>${Array.from({ length: random.between(1, 4) }, () => block(random, earlier, depth + 1)).join(random.pick(['', '\n', ' <!-- x --> ']))}</div>`;
    case 4:
      return `<blockquote><p>${inline(random, text())}</p>${random.next() < 0.5 ? '<cite>A spokesman</cite>' : ''}</blockquote>`;
    case 5:
      return `<figure class="${random.pick(['', 'wp-block-pullquote'])}"><blockquote><p>${escape(text())}</p></blockquote>${random.next() < 0.5 ? '<figcaption>Photo: agency</figcaption>' : ''}</figure>`;
    case 6: {
      const list = random.pick(['ul', 'ol']);
      return `<${list}>${Array.from({ length: random.between(1, 3) }, () => `<li>${inline(random, text())}</li>`).join('')}</${list}>`;
    }
    case 7:
      return `<div>${Array.from({ length: random.between(2, 4) }, () => escape(text())).join('<br><br>')}</div>`;
    case 8:
      return `<table><tr><td>${escape(text())}</td><td>${escape(text())}</td></tr></table>`;
    case 9:
      return `<section><h2>${escape(sentence(random))}</h2>${block(random, earlier, depth + 1)}${block(random, earlier, depth + 1)}</section>`;
    case 10:
      return `<aside><p>${escape(text())}</p></aside>`;
    default:
      return `<p>${escape(text())}<textarea>${escape(text())}</textarea></p><script>var x = 1;</script><pre>${escape(text())}</pre>`;
  }
}

function randomPage(seed: number): string {
  const random = new Prng(seed);
  const earlier: string[] = [];
  const blocks = Array.from({ length: random.between(4, 16) }, () => block(random, earlier, 0));
  return `<!doctype html><html lang="en"><head><title>t</title></head><body><article>${blocks.join('\n')}</article></body></html>`;
}

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
  const controller = new PageController({ win, plans, report: () => undefined, clock, observer: OBSERVER });
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
