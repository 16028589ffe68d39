// HTML files parse as browsers parse them, so the CLI finds the blocks the content script would.
import { describe, expect, it } from 'vitest';
import { MAX_PARSE5_DEPTH, parseHtmlDocument } from '../../src/cli/html';
import { extractBlocks } from '../../src/page/blocks';

const blocksOf = (html: string) =>
  extractBlocks(parseHtmlDocument(html) as unknown as ParentNode).map(({ tag, text }) => `${tag}: ${text}`);

describe('parseHtmlDocument', () => {
  it('keeps every top-level paragraph of a fragment', () => {
    expect(blocksOf('<p>one</p>\n<p>two</p>\n<div><p>three</p></div>')).toEqual(['p: one', 'p: two', 'p: three']);
  });

  it('keeps what follows </html>, as browsers put it in the body', () => {
    expect(blocksOf('<!doctype html><html><body><p>inside</p></body></html><p>after the end</p>')).toEqual([
      'p: inside',
      'p: after the end',
    ]);
  });

  it('loses nothing to unclosed elements and stray end tags', () => {
    expect(blocksOf('<div><p>one<p>two</div></span></div></div><ul><li>three<li>four</ul><p>five')).toEqual([
      'p: one',
      'p: two',
      'li: three',
      'li: four',
      'p: five',
    ]);
  });

  it('reopens a formatting element left open across paragraphs, as browsers do', () => {
    // htmlparser2's rules nested the second paragraph inside the <b>, which split the first in two.
    expect(blocksOf('<p>first <b>bold text <p>second')).toEqual(['p: first bold text', 'p: second']);
  });

  it('reads an open declarative shadow root as the page shows it, slotted paragraphs in their slots', () => {
    const html =
      '<news-story><template shadowrootmode="open"><p>shadow one</p><slot name="x"></slot><slot></slot></template>' +
      '<p>light default</p><p slot="x">light named</p></news-story><p>after</p>';
    expect(blocksOf(html)).toEqual(['p: shadow one', 'p: light named', 'p: light default', 'p: after']);
  });

  it('keeps a closed root opaque, and reads only the first root a host declares', () => {
    const html =
      '<div><template shadowrootmode="closed"><p>closed inside</p></template><p>light</p></div>' +
      '<section><template shadowrootmode="OPEN"><p>first root</p></template><template shadowrootmode="open"><p>second template</p></template></section>' +
      // A list item cannot hold a shadow root: its template stays a template.
      '<ul><li><template shadowrootmode="open"><p>no host</p></template>item</li></ul>';
    expect(blocksOf(html)).toEqual(['p: light', 'p: first root', 'li: item']);
  });

  it('reads neither template content nor script text, and drops attributes the DOM refuses', () => {
    expect(blocksOf('<template><p>inert</p></template><p "odd"=1 title="t">shown</p><script>var p = "<p>x</p>";</script>')).toEqual([
      'p: shown',
    ]);
  });

  it('parses pages nested past the depth limit with linkedom, and still loses nothing', () => {
    const deep = '<div>'.repeat(MAX_PARSE5_DEPTH + 100);
    expect(blocksOf(`<p>before</p>${deep}<p>deep inside</p>`)).toEqual(['p: before', 'p: deep inside']);
    expect(blocksOf(`<!doctype html><html><body>${deep}<p>deep inside</p></body></html><p>after</p>`)).toEqual([
      'p: deep inside',
      'p: after',
    ]);
  });
});
