import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { attributionOf } from '../../src/page/attribution';

/** The ids of the elements folded with `#q`, in `body`. */
function attributed(body: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  return attributionOf(document.getElementById('q')!).map((el) => el.id);
}

const QUOTE = 'Nobody likes paying more, but nobody likes a burst main outside their front door either.';

describe('attributionOf', () => {
  test.each([
    ['WordPress’s pull quote', `<figure class="wp-block-pullquote"><blockquote><p id="q">${QUOTE}</p><cite id="c">The board’s chair</cite></blockquote></figure>`, ['c']],
    ['a blockquote’s footer, its cite inside', `<blockquote><p id="q">${QUOTE}</p> <footer id="f">— <cite>Ana Ruiz</cite>, the board’s chair</footer></blockquote>`, ['f']],
    ['a figure’s caption, beside the blockquote', `<figure><blockquote id="q">${QUOTE}</blockquote><figcaption id="c">Ana Ruiz</figcaption></figure>`, ['c']],
    ['a caption and a cite, one in each box', `<figure><blockquote><p id="q">${QUOTE}</p><cite id="c">Ana Ruiz</cite></blockquote><!-- credit --><figcaption id="f">Board meeting, 3 May</figcaption></figure>`, ['c', 'f']],
    ['a pull quote marked by its class alone', `<div class="article__pull-quote"><p id="q">${QUOTE}</p><cite id="c">Ana Ruiz</cite></div>`, ['c']],
  ])('%s: hidden with the quotation', (_, body, ids) => {
    expect(attributed(body)).toEqual(ids);
  });

  test.each([
    ['a blockquote of two paragraphs: its cite names both', `<blockquote><p id="q">${QUOTE}</p><p>And the rates must rise.</p><cite>Ana Ruiz</cite></blockquote>`],
    ['text of the box’s own beside the quotation', `<blockquote><p id="q">${QUOTE}</p>she said, <cite>Ana Ruiz</cite></blockquote>`],
    ['a figure with a photo: the caption is the photo’s', `<figure><img src="a.jpg" alt=""><blockquote id="q">${QUOTE}</blockquote><figcaption>Ana Ruiz at the meeting</figcaption></figure>`],
    ['a caption too long to be a name', `<figure><blockquote id="q">${QUOTE}</blockquote><figcaption>${QUOTE} ${QUOTE} ${QUOTE}</figcaption></figure>`],
    ['a cite in an ordinary container, not a quotation box', `<div class="story"><p id="q">${QUOTE}</p><cite>Ana Ruiz</cite></div>`],
    ['a section’s footer', `<section><p id="q">${QUOTE}</p><footer>Filed at 10:42</footer></section>`],
  ])('%s: stays in sight', (_, body) => {
    expect(attributed(body)).toEqual([]);
  });

  test('a caption of the photo beside it stays, though the blockquote’s own cite goes', () => {
    expect(attributed(`<figure><img src="a.jpg" alt=""><blockquote><p id="q">${QUOTE}</p><cite id="c">Ana Ruiz</cite></blockquote><figcaption>At the meeting</figcaption></figure>`)).toEqual(['c']);
  });
});
