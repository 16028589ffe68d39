import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { TINT_COUNT } from '../../src/page/dom-contract';
import { CHANGED_HIGHLIGHT, HighlightPainter, highlightName, runHighlightName } from '../../src/page/highlights';
import { addFakeHighlights, rangeText } from '../support/fake-highlights';

function page(body: string) {
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  const win = { document };
  const registry = addFakeHighlights(win);
  return { document, registry, painter: HighlightPainter.of(win as unknown as Window)! };
}

const painted = (registry: Map<string, Set<AbstractRange>>) =>
  Object.fromEntries([...registry].map(([name, ranges]) => [name, [...ranges].map(rangeText)]));

describe('HighlightPainter', () => {
  test('paints each segment in its colour slot, registered under paradedup-<slot>, and leaves the page as it was', () => {
    const { document, registry, painter } = page('<p>Old sentence here. New text.</p><p>Another old one.</p>');
    const before = document.body.outerHTML;
    const [first, second] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    painter.paint([
      { node: first, start: 0, end: 18, tint: 2 },
      { node: second, start: 0, end: 16, tint: 5 },
    ]);
    expect(painted(registry)).toEqual({ 'paradedup-2': ['Old sentence here.'], 'paradedup-5': ['Another old one.'] });
    expect(document.body.outerHTML).toBe(before);
  });

  test('erasing takes out exactly the ranges of that paint', () => {
    const { document, registry, painter } = page('<p>Old sentence here. New text.</p><p>Another old one.</p>');
    const [first, second] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    const kept = painter.paint([{ node: first, start: 0, end: 18, tint: 1 }]);
    const erased = painter.paint([{ node: second, start: 0, end: 16, tint: 1 }]);
    painter.erase(erased);
    expect(painted(registry)).toEqual({ 'paradedup-1': ['Old sentence here.'] });
    painter.erase(kept);
    expect(painted(registry)).toEqual({ 'paradedup-1': [] });
  });

  test('empty, out-of-range and detached segments paint nothing', () => {
    const { document, registry, painter } = page('<p>Short.</p>');
    const text = document.querySelector('p')!.firstChild as Text;
    const detached = document.createTextNode('Not in the page.');
    const record = painter.paint([
      { node: text, start: 3, end: 3, tint: 0 },
      { node: text, start: 2, end: 99, tint: 0 },
      { node: detached, start: 0, end: 4, tint: 0 },
    ]);
    expect(record.ranges).toEqual([]);
    expect(painted(registry)).toEqual({});
  });

  test('a page that empties the registry, or puts its own highlight under our name, gets ours back at the next paint', () => {
    const { document, registry, painter } = page('<p>Old sentence here.</p><p>Another old one.</p>');
    const [first, second] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    painter.paint([{ node: first, start: 0, end: 18, tint: 0 }]);
    registry.clear();
    painter.paint([{ node: second, start: 0, end: 16, tint: 0 }]);
    expect(painted(registry)).toEqual({ [highlightName(0)]: ['Old sentence here.', 'Another old one.'] });
    registry.set(highlightName(0), new Set());
    painter.paint([{ node: second, start: 0, end: 7, tint: 0 }]);
    expect(painted(registry)[highlightName(0)]).toHaveLength(3);
  });

  test('in forced colours a first occurrence’s run goes unpainted, as the browser would paint it like its repeats; the repeats are still painted', () => {
    const { document } = parseHTML('<!doctype html><html><body><p>First copy of the run.</p><p>First copy of the run.</p></body></html>');
    const forced = { matches: true };
    const win = { document, matchMedia: (query: string) => (query === '(forced-colors: active)' ? forced : { matches: false }) };
    const registry = addFakeHighlights(win);
    const painter = HighlightPainter.of(win as unknown as Window)!;
    const [first, repeat] = [...document.querySelectorAll('p')].map((p) => p.firstChild as Text);
    painter.paint([
      { node: first, start: 0, end: 22, tint: 3, run: 'first' },
      { node: repeat, start: 0, end: 22, tint: 3, run: 'repeat' },
    ]);
    expect(painted(registry)).toEqual({ [runHighlightName('repeat', 3)]: ['First copy of the run.'] });
    forced.matches = false;
    painter.paint([{ node: first, start: 0, end: 22, tint: 3, run: 'first' }]);
    expect(painted(registry)[runHighlightName('first', 3)]).toEqual(['First copy of the run.']);
  });

  test('there is no painter where the browser has no Custom Highlight API', () => {
    const { document } = parseHTML('<p>x</p>');
    expect(HighlightPainter.of({ document } as unknown as Window)).toBeNull();
    expect(HighlightPainter.of({ document, CSS: {} } as unknown as Window)).toBeNull();
    expect(HighlightPainter.of({ document, CSS: { highlights: new Map() } } as unknown as Window)).toBeNull();
    expect(HighlightPainter.of({ document, CSS: { highlights: new Map() }, Highlight: Set } as unknown as Window)).toBeNull();
    const throwing = Object.defineProperty({ document }, 'CSS', { get: () => { throw new Error('denied'); } });
    expect(HighlightPainter.of(throwing as unknown as Window)).toBeNull();
  });
});

describe('the style sheet of the highlights', () => {
  const css = readFileSync(new URL('../../src/page/styles.css', import.meta.url), 'utf8');
  const unforced = css.slice(0, css.indexOf('@media (forced-colors: active)'));
  const rules = new Map([...unforced.matchAll(/::highlight\(([\w-]+)\)\s*\{([^}]*)\}/g)].map(([, name, body]) => [name, body]));

  test('every highlight the painter registers is styled, with colours only: a text decoration or shadow would make Chromium recompute the whole page’s overflow after every change to it', () => {
    const names = [CHANGED_HIGHLIGHT];
    for (let tint = 0; tint < TINT_COUNT; tint++) names.push(highlightName(tint), runHighlightName('repeat', tint), runHighlightName('first', tint));
    for (const name of names) {
      const body = rules.get(name);
      expect(body, `a rule for ::highlight(${name})`).toBeDefined();
      const properties = body!.split(';').map((declaration) => declaration.split(':')[0].trim()).filter(Boolean);
      expect(properties.length, name).toBeGreaterThan(0);
      for (const property of properties) expect(['background-color', 'color'], `${name}: ${property}`).toContain(property);
    }
  });

  test('in forced colours every highlight of a repeat takes the palette’s Mark colours, the system colours Firefox keeps there', () => {
    const forced = css.slice(css.indexOf('@media (forced-colors: active)'));
    const rule = forced.match(/((?:::highlight\([\w-]+\),?\s*)+)\{([^}]*)\}/);
    expect(rule, 'a ::highlight rule for forced colours').not.toBeNull();
    const names = [...rule![1].matchAll(/::highlight\(([\w-]+)\)/g)].map(([, name]) => name);
    const expected = [CHANGED_HIGHLIGHT];
    for (let tint = 0; tint < TINT_COUNT; tint++) expected.push(highlightName(tint), runHighlightName('repeat', tint));
    expect(names.sort()).toEqual(expected.sort());
    expect(rule![2].replace(/\s+/g, ' ').trim()).toBe('background-color: Mark !important; color: MarkText !important;');
  });
});
