import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { foldCompanions } from '../../src/page/fold-companions';

const QUOTE = 'Nobody likes paying more, but nobody likes a burst main outside their front door either.';

/** What folds with `#q` in `body`: the box's id or tag, and the attribution's ids; `styles` stands in for the page's computed styles, by id. */
function companions(body: string, styles: Record<string, Partial<CSSStyleDeclaration>> = {}) {
  const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  if (Object.keys(styles).length > 0) {
    Object.assign(document.defaultView as object, { getComputedStyle: (el: Element) => ({ cssFloat: 'none', position: 'static', display: 'block', ...styles[el.id] }) });
  }
  const { box, attribution } = foldCompanions(document.getElementById('q')!);
  return { box: box && (box.id || box.localName), attribution: attribution.map((el) => el.id) };
}

describe('foldCompanions', () => {
  test.each([
    ['WordPress’s pull quote: the whole figure', `<figure id="f" class="wp-block-pullquote"><blockquote><p id="q">${QUOTE}</p><cite>The board’s chair</cite></blockquote></figure>`, 'f'],
    ['a blockquote with its footer, its cite inside', `<blockquote id="b"><p id="q">${QUOTE}</p> <footer>— <cite>Ana Ruiz</cite>, the board’s chair</footer></blockquote>`, 'b'],
    ['a figure with its caption beside the blockquote', `<figure id="f"><blockquote id="q">${QUOTE}</blockquote><!-- credit --><figcaption>Ana Ruiz</figcaption></figure>`, 'f'],
    ['a blockquote holding the quotation alone', `<blockquote id="b"><p id="q">${QUOTE}</p></blockquote>`, 'b'],
    ['a pull quote marked by its class alone', `<div id="d" class="article__pull-quote"><p id="q">${QUOTE}</p><cite>Ana Ruiz</cite></div>`, 'd'],
    ['a blockquote in a figure with a photo: the blockquote, not the photo', `<figure><img src="a.jpg" alt=""><blockquote id="b"><p id="q">${QUOTE}</p><cite>Ana Ruiz</cite></blockquote><figcaption>At the meeting</figcaption></figure>`, 'b'],
  ])('%s folds with the quotation', (_, body, box) => {
    expect(companions(body)).toEqual({ box, attribution: [] });
  });

  test.each([
    ['a blockquote of two paragraphs: its cite names both', `<blockquote><p id="q">${QUOTE}</p><p>And the rates must rise.</p><cite>Ana Ruiz</cite></blockquote>`],
    ['text of the box’s own beside the quotation', `<blockquote><p id="q">${QUOTE}</p>she said, <cite>Ana Ruiz</cite></blockquote>`],
    ['a caption too long to be a name', `<figure><blockquote id="q">${QUOTE}</blockquote><figcaption>${QUOTE} ${QUOTE} ${QUOTE}</figcaption></figure>`],
    ['a cite in an ordinary container, not a quotation box', `<div class="story"><p id="q">${QUOTE}</p><cite>Ana Ruiz</cite></div>`],
    ['a section’s footer', `<section><p id="q">${QUOTE}</p><footer>Filed at 10:42</footer></section>`],
  ])('%s: nothing folds with it', (_, body) => {
    expect(companions(body)).toEqual({ box: null, attribution: [] });
  });

  test('a box out of the flow keeps its place: its attribution folds instead, and an inner box in its flow folds whole', () => {
    const pull = `<figure id="f" class="wp-block-pullquote alignright"><blockquote id="b"><p id="q">${QUOTE}</p><cite id="c">Ana Ruiz</cite></blockquote><figcaption id="fc">At the meeting</figcaption></figure>`;
    expect(companions(pull, { f: { cssFloat: 'right' } })).toEqual({ box: 'b', attribution: ['fc'] });
    expect(companions(pull, { f: { position: 'absolute' } })).toEqual({ box: 'b', attribution: ['fc'] });
    const alone = `<div id="grid"><blockquote id="b"><p id="q">${QUOTE}</p><cite id="c">Ana Ruiz</cite></blockquote></div>`;
    expect(companions(alone, { grid: { display: 'grid' } })).toEqual({ box: null, attribution: ['c'] });
    expect(companions(alone, { grid: { display: 'block' } })).toEqual({ box: 'b', attribution: [] });
  });

  test('a figure numbered by a CSS counter keeps its place, so the figures after it keep their numbers', () => {
    const figure = `<figure id="f"><blockquote id="q">${QUOTE}</blockquote><figcaption id="fc">Ana Ruiz</figcaption></figure>`;
    expect(companions(figure, { f: { counterIncrement: 'figure 1' } })).toEqual({ box: null, attribution: ['fc'] });
    expect(companions(figure, { f: { counterIncrement: 'none' } })).toEqual({ box: 'f', attribution: [] });
  });
});
