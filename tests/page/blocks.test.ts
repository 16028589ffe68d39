import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { currentText, extractBlocks, iterateBlocks, locateRange, type PageBlock, type TextPiece } from '../../src/page/blocks';
import { parseHtmlDocument } from '../../src/cli/html';
import { collapseWhitespace } from '../../src/page/text';

function page(body: string): Document {
  return parseHTML(`<!DOCTYPE html><html><head><title>Title</title></head><body>${body}</body></html>`)
    .document as unknown as Document;
}

function texts(root: ParentNode): string[] {
  return extractBlocks(root).map((block) => block.text);
}

function byId(doc: Document, id: string): Element {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
}

/** The raw DOM text behind some pieces, whitespace collapsed: what a reader sees of them. */
function seen(pieces: readonly TextPiece[]): string {
  return collapseWhitespace(pieces.map((p) => p.node.data.slice(p.start, p.end)).join(''));
}

function withoutSpaces(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('extractBlocks: which elements are paragraphs', () => {
  it('makes p, li, blockquote, dt/dd and headings blocks, tagged in lowercase', () => {
    const doc = page(`
      <H1>Headline</H1><h2>Sub</h2><h3>h3</h3><h4>h4</h4><h5>h5</h5><h6>h6</h6>
      <P>Paragraph</P>
      <ul><li>First item</li><li>Second item</li></ul>
      <blockquote>A quote</blockquote>
      <dl><dt>Term</dt><dd>Definition</dd></dl>`);
    expect(extractBlocks(doc).map(({ tag, text, nodes }) => [tag, text, nodes])).toEqual([
      ['h1', 'Headline', null],
      ['h2', 'Sub', null],
      ['h3', 'h3', null],
      ['h4', 'h4', null],
      ['h5', 'h5', null],
      ['h6', 'h6', null],
      ['p', 'Paragraph', null],
      ['li', 'First item', null],
      ['li', 'Second item', null],
      ['blockquote', 'A quote', null],
      ['dt', 'Term', null],
      ['dd', 'Definition', null],
    ]);
  });

  it('reads inline markup as part of its paragraph, without inventing spaces', () => {
    const doc = page('<p>Hello <b>bold</b> <a href="#">link</a><span>!</span> Sp<i>lit</i> word <img alt="x"> end</p>');
    expect(texts(doc)).toEqual(['Hello bold link! Split word end']);
  });

  it('makes div-like elements that hold text directly blocks of their own', () => {
    const doc = page(`
      <div class="story">Breaking: the <b>bridge</b> reopened.</div>
      <section>Section text</section>
      <table><tr><td>Cell one</td><td>Cell <i>two</i></td></tr></table>
      <article>Article text</article>`);
    expect(extractBlocks(doc).map(({ tag, text, nodes }) => [tag, text, nodes])).toEqual([
      ['div', 'Breaking: the bridge reopened.', null],
      ['section', 'Section text', null],
      ['td', 'Cell one', null],
      ['td', 'Cell two', null],
      ['article', 'Article text', null],
    ]);
  });

  it('does not make a container of paragraphs a block', () => {
    const doc = page('<div id="c"><p>One</p> <p>Two</p></div>');
    expect(extractBlocks(doc).map((b) => [b.tag, b.text])).toEqual([
      ['p', 'One'],
      ['p', 'Two'],
    ]);
  });

  it('turns a container’s own text around nested blocks into runs of just that text', () => {
    const doc = page('<div id="c">Intro <b>text</b> <ul><li>Item</li></ul> Outro</div>');
    const container = byId(doc, 'c');
    const blocks = extractBlocks(doc);
    expect(blocks.map((b) => [b.tag, b.text])).toEqual([
      ['div', 'Intro text'],
      ['li', 'Item'],
      ['div', 'Outro'],
    ]);
    const [intro, , outro] = blocks;
    expect(intro.element).toBe(container);
    expect(intro.nodes?.map((n) => n.textContent)).toEqual(['Intro ', 'text']);
    expect(outro.nodes?.map((n) => n.textContent)).toEqual([' Outro']);
    for (const node of [...(intro.nodes ?? []), ...(outro.nodes ?? [])]) expect(node.parentNode).toBe(container);
  });

  it('treats inline wrappers of paragraphs (font, cards) as containers', () => {
    const doc = page(`
      <font face="Arial"><p>First in font</p><p>Second in font</p></font>
      <span class="card"><h3>Card title</h3><p>Card summary</p></span>
      <span>Loose <em>span</em> text</span>`);
    expect(extractBlocks(doc).map((b) => [b.tag, b.text])).toEqual([
      ['p', 'First in font'],
      ['p', 'Second in font'],
      ['h3', 'Card title'],
      ['p', 'Card summary'],
      ['body', 'Loose span text'],
    ]);
  });
});

describe('extractBlocks: <br><br> paragraphs', () => {
  it('splits a container at two or more <br>, keeps single <br> as a space', () => {
    const doc = page(
      '<div id="c">First para<br>second line<br><br>Second para<br> \n <br>Third para<br><br><br>Fourth <b>para</b><br></div>',
    );
    const container = byId(doc, 'c');
    const blocks = extractBlocks(doc);
    expect(blocks.map((b) => b.text)).toEqual(['First para second line', 'Second para', 'Third para', 'Fourth para']);
    for (const block of blocks) {
      expect(block.element).toBe(container);
      expect(block.tag).toBe('div');
      const nodes = block.nodes ?? [];
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) expect(node.parentNode).toBe(container);
      // The breaks themselves belong to no paragraph.
      expect((nodes[0] as Element).localName).not.toBe('br');
      expect((nodes[nodes.length - 1] as Element).localName).not.toBe('br');
    }
    expect(blocks[0].nodes?.map((n) => n.nodeName.toLowerCase())).toEqual(['#text', 'br', '#text']);
  });

  it('ignores breaks before the first text and leaves a single-run container whole', () => {
    const doc = page('<p id="p"><br><br>Only paragraph<br><br></p>');
    const [block] = extractBlocks(doc);
    expect(block.text).toBe('Only paragraph');
    expect(block.element).toBe(byId(doc, 'p'));
    expect(block.nodes).toBeNull();
  });

  it('gives the whitespace of indented markup to no paragraph, between runs or before them', () => {
    const doc = page(`<div id="c">
      <br>
      First para<br>
      second line
      <br><br>
      <!-- note -->
      <b>Second</b> para
      <br> <br>

    </div><div id="d">
      <br>
      Only text
    </div>`);
    const blocks = extractBlocks(doc);
    expect(blocks.map((b) => [b.element.id, b.text])).toEqual([
      ['c', 'First para second line'],
      ['c', 'Second para'],
      ['d', 'Only text'],
    ]);
    const names = (nodes: Node[] | null) => nodes?.map((n) => n.nodeName.toLowerCase());
    expect(names(blocks[0].nodes)).toEqual(['#text', 'br', '#text']);
    expect((blocks[0].nodes![0] as Text).data.trim()).toBe('First para');
    expect(names(blocks[1].nodes)).toEqual(['b', '#text']);
    expect(blocks[2].nodes).toBeNull();
  });

  it('splits breaks inside an inline wrapper by making the wrapper the container', () => {
    const doc = page('<p><span id="s">Alpha<br><br>Beta</span></p>');
    const blocks = extractBlocks(doc);
    expect(blocks.map((b) => [b.tag, b.text])).toEqual([
      ['span', 'Alpha'],
      ['span', 'Beta'],
    ]);
    expect(blocks.every((b) => b.element === byId(doc, 's'))).toBe(true);
  });

  it('keeps Arabic br-separated paragraphs of an older CMS apart', () => {
    const doc = page(
      '<td dir="rtl">قال المتحدث إن الاجتماع انتهى مساء الثلاثاء.<br><br>وأضاف أن الجولة المقبلة ستعقد في الربيع.<br><br>واختتم بالقول إن المحادثات كانت مثمرة.</td>',
    );
    expect(texts(doc)).toEqual([
      'قال المتحدث إن الاجتماع انتهى مساء الثلاثاء.',
      'وأضاف أن الجولة المقبلة ستعقد في الربيع.',
      'واختتم بالقول إن المحادثات كانت مثمرة.',
    ]);
  });
});

describe('extractBlocks: what is never read', () => {
  it('skips code, styles, templates, form controls, editable and hidden regions, drawings', () => {
    const doc = page(`
      <p>Visible one</p>
      <script>var secret = "script text";</script>
      <style>p { color: red }</style>
      <template><p>Template text</p></template>
      <noscript><p>Noscript text</p></noscript>
      <textarea>Textarea text</textarea>
      <input value="Input text">
      <select><option>Option text</option></select>
      <button>Button text</button>
      <div><form><p>Comment form text</p></form></div>
      <div contenteditable="true"><p>Editable text</p></div>
      <div contenteditable><p>Also editable</p></div>
      <p contenteditable="false">Not editable</p>
      <svg><text>Svg text</text></svg>
      <math><mi>Math text</mi></math>
      <p hidden>Hidden text</p>
      <div hidden="until-found"><p>Found on search</p></div>
      <dialog><p>Closed dialog</p></dialog>
      <dialog open><p>Open dialog</p></dialog>
      <iframe>Iframe fallback</iframe>
      <p>Visible <ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby> two</p>`);
    expect(texts(doc)).toEqual(['Visible one', 'Not editable', 'Found on search', 'Open dialog', 'Visible 漢字 two']);
  });

  it('reads a <form> that wraps the whole page (ASP.NET WebForms)', () => {
    const doc = page(
      '<form id="aspnetForm" method="post"><div><p>Article in a page form</p><input type="hidden" value="x"></div><p><label for="q">Search the archive of past articles</label><input id="q"></p></form>',
    );
    // A control's label is the form's, not prose: never read, so never folded away from its field.
    expect(texts(doc)).toEqual(['Article in a page form']);
  });

  it('never reads preformatted text (code listings), which still ends the paragraph before it', () => {
    const doc = page(`
      <p>Run the first command:</p>
      <pre><code>tool --show-type-layout src/lib.rs</code></pre>
      <div id="mixed">Text before a listing<pre>tool --show-coverage</pre>and text after it</div>
      <li id="item">Or this one:<div><listing>tool --check</listing></div></li>
      <span>Inline lead<pre>tool --inline</pre>inline tail</span>
      <xmp><p>Markup shown as text</p></xmp>`);
    const blocks = extractBlocks(doc);
    expect(blocks.map((block) => block.text)).toEqual([
      'Run the first command:',
      'Text before a listing',
      'and text after it',
      'Or this one:',
      'Inline lead',
      'inline tail',
    ]);
    // A container holding a listing is never its own one block: folding it would fold the listing.
    expect(blocks.filter((block) => block.nodes === null).map((block) => block.tag)).toEqual(['p']);
    for (const block of blocks) expect(currentText(block)).toBe(block.text);
  });

  it('returns nothing for a root inside preformatted text', () => {
    const doc = page('<pre id="code">line one\n\nline two</pre><p>Other</p>');
    expect(extractBlocks(byId(doc, 'code'))).toEqual([]);
  });

  it('never reads navigation: text that is mostly links', () => {
    const doc = page(`
      <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
      <p>The bridge reopened on <a href="/mon">Monday</a>, three years after it closed.</p>
      <ul class="related"><li><a href="/a2">Engineers warn other bridges face the same problem</a></li></ul>
      <p>Read more: <a href="/a3">Ferry operators brace for a drop in passengers</a></p>
      <p>Mostly <b><a href="/b">one long link <i>in the middle</i> of the line</a></b> here</p>
      <a class="card" href="/a0"><h3>Bridge reopens</h3><div><p>The bridge reopened on Monday</p></div></a>
      <p><a name="top">A named anchor is not a link</a>, so this is prose.</p>
      <p><a href="/x">Half</a> Half</p>`);
    expect(texts(doc)).toEqual([
      'The bridge reopened on Monday, three years after it closed.',
      'A named anchor is not a link, so this is prose.',
      'Half Half',
    ]);
  });

  it('reads the paragraphs an unclosed link runs on around, or into, but never a teaser card’s', () => {
    const story = [
      'The council approved the budget on Tuesday.',
      'Officials said the new tolls would take effect in March.',
      'Residents asked whether the tolls would fall again once the bridge was paid for?',
      '« Nous avons voté le budget. »',
    ];
    const navigation = `<ul><li><a href="/a">A headline that ends without a full stop</a></li></ul>
      <a class="card" href="/b"><h3>Bridge reopens</h3><p>The bridge reopened to traffic on Monday.</p></a>`;
    const parse = (html: string) => parseHtmlDocument(`<!DOCTYPE html><html><body>${html}</body></html>`);
    // With whitespace between paragraphs, a browser's parser carries the unclosed <a> around the paragraphs after it.
    const around = parse(`<p>${story[0]} See <a href="/x">the full text</p>\n${story.slice(1).map((text) => `<p>${text}</p>`).join('\n')}\n${navigation}`);
    expect(around.querySelector('a[href="/x"] > p')).not.toBeNull();
    expect(texts(around)).toEqual([`${story[0]} See the full text`, ...story.slice(1)]);
    // Without it, the parser opens the <a> again inside each paragraph: then a full stop tells prose from a headline.
    const into = parse(`<p>${story[0]} See <a href="/x">the full text</p>${story.slice(1).map((text) => `<p>${text}</p>`).join('')}${navigation}`);
    expect(into.querySelector('p > a[href="/x"]:only-child')).not.toBeNull();
    expect(texts(into)).toEqual([`${story[0]} See the full text`, story[1], story[3]]);
  });

  it('never takes a container whole when links sit beside its one paragraph: folding it would fold them too', () => {
    const doc = page(`
      <div id="story">The council approved the budget on Tuesday after a long debate.<br><br><a href="/more">More stories from the council chamber</a></div>
      <div id="plain">The council approved the budget on Tuesday after a long debate.</div>`);
    const [story, plain] = extractBlocks(doc);
    expect(story.text).toBe('The council approved the budget on Tuesday after a long debate.');
    expect(story.element).toBe(byId(doc, 'story'));
    expect(story.nodes?.map((node) => node.textContent)).toEqual(['The council approved the budget on Tuesday after a long debate.']);
    expect(plain.nodes).toBeNull();
  });

  it('returns nothing for a root inside a link', () => {
    const doc = page('<a id="card" href="/a"><div><p id="p">Teaser text of a linked story</p></div></a><p>Other</p>');
    expect(extractBlocks(byId(doc, 'p'))).toEqual([]);
    const host = doc.createElement('news-teaser');
    byId(doc, 'card').appendChild(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Teaser inside a shadow root</p>';
    expect(extractBlocks(shadow)).toEqual([]);
  });

  it('returns nothing for a root inside a skipped region', () => {
    const doc = page('<div contenteditable="true"><p id="p">Editable</p></div><p>Other</p>');
    expect(extractBlocks(byId(doc, 'p'))).toEqual([]);
  });
});

describe('extractBlocks: annotated pages read the same', () => {
  it('reads marks and run wrappers, never our placeholders', () => {
    const original = page(`
      <p>Alpha beta. Gamma delta.</p>
      <div>One run here<br><br>Two run here</div>`);
    const annotated = page(`
      <p data-paradedup="partial">Alpha beta. <paradedup-mark data-paradedup-of="0">Gamma delta.</paradedup-mark></p>
      <div>One run here<br><br><paradedup-fold tabindex="0" role="button">Repeated paragraph · show</paradedup-fold><paradedup-block data-paradedup="repeat" data-paradedup-folded>Two run here</paradedup-block></div>`);
    const fold = annotated.querySelector('paradedup-fold');
    fold?.attachShadow({ mode: 'open' }).append(annotated.createTextNode('Repeated paragraph · show · go to first'));
    const before = extractBlocks(original);
    const after = extractBlocks(annotated);
    expect(after.map((b) => [b.tag, b.text])).toEqual(before.map((b) => [b.tag, b.text]));
    expect(after.map((b) => b.text)).toEqual(['Alpha beta. Gamma delta.', 'One run here', 'Two run here']);
    // The wrapped run is now an element of its own: the annotator marks it directly.
    expect(after[2].element.localName).toBe('paradedup-block');
    expect(after[2].nodes).toBeNull();
  });
});

describe('extractBlocks: text', () => {
  it('decodes entities and collapses whitespace, NBSP included', () => {
    const doc = page('<p>\n   a&amp;b &lt;c&gt; &#1575;&nbsp;&nbsp;d\t\te  &quot;q&quot;\n</p>');
    expect(texts(doc)).toEqual(['a&b <c> ا d e "q"']);
  });

  it('keeps right-to-left and mixed-direction text exactly, diacritics and all', () => {
    const text = 'عُقدت أحدث جولة من مسار “أستانة” في 25 من كانون الثاني (Astana 21).';
    const doc = page(`<p dir="rtl">عُقدت <b>أحدث</b> جولة من مسار “<a href="#">أستانة</a>” في 25 من كانون الثاني <span dir="ltr">(Astana 21)</span>.</p>`);
    expect(texts(doc)).toEqual([text]);
  });

  it('reads blocks in reading order', () => {
    const doc = page('<h1>1</h1><div>2<p>3</p>4<ul><li>5<ol><li>6</li></ol>7</li></ul></div><p>8</p>');
    expect(texts(doc)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
});

describe('extractBlocks: complementary regions come after the main text', () => {
  const flags = (blocks: readonly PageBlock[]) => blocks.map((block) => `${block.text}${block.complementary ? ' (aside)' : ''}`);

  it('reads asides and role="complementary" regions after the rest, each whole, in the order they come', () => {
    const doc = page(`
      <aside><h2>Top story</h2><p>a1</p><aside><p>a2 nested</p></aside><p>a3</p></aside>
      <div role="Complementary navigation"><p>r1</p></div>
      <main><p>m1</p><aside class="pullquote"><p>q1</p></aside><p>m2</p><span role="complementary">inline</span> m3</main>
      <footer><p>f1</p></footer>`);
    expect(flags(extractBlocks(doc))).toEqual([
      'm1', 'm2', 'inline m3', 'f1',
      'Top story (aside)', 'a1 (aside)', 'a2 nested (aside)', 'a3 (aside)', 'r1 (aside)', 'q1 (aside)',
    ]);
  });

  it('reads a pull quote marked by its class alone after the rest, but not a container so named around the story', () => {
    const doc = page(`
      <article class="has-pullquote">
        <p>m1</p>
        <figure class="wp-block-pullquote alignwide"><blockquote><p>q1</p><cite>c1</cite></blockquote></figure>
        <blockquote class="pull-quote"><p>q2</p></blockquote>
        <div class="article__pullQuote">q3</div>
        <blockquote class="quote"><p>m2</p></blockquote>
        <div class="pushquote pullquotes">m3</div>
        <p>${'m4 '.repeat(200).trim()}</p>
      </article>`);
    expect(flags(extractBlocks(doc)).map((flag) => flag.replace(/^(m4) .*/, '$1'))).toEqual([
      'm1', 'm2', 'm3', 'm4', 'q1 (aside)', 'c1 (aside)', 'q2 (aside)', 'q3 (aside)',
    ]);
  });

  it('never takes a container whole around an aside it holds: folding it would fold the aside too', () => {
    const doc = page('<div id="box">Only text of its own<aside>Aside text</aside></div>');
    const blocks = extractBlocks(doc);
    expect(flags(blocks)).toEqual(['Only text of its own', 'Aside text (aside)']);
    expect(blocks[0].nodes).not.toBeNull();
    expect(blocks[1].element.localName).toBe('aside');
    expect(blocks[1].nodes).toBeNull();
  });

  it('reads a root inside an aside as complementary, in plain document order', () => {
    const doc = page('<p>main</p><aside><div id="inside"><p>one</p><aside><p>two</p></aside><p>three</p></div></aside>');
    expect(flags(extractBlocks(byId(doc, 'inside')))).toEqual(['one (aside)', 'two (aside)', 'three (aside)']);
  });

  it('leaves the blocks of a page without asides as they were', () => {
    const doc = page('<header><p>h</p></header><nav><p>n</p></nav><main><p>m</p></main>');
    expect(flags(extractBlocks(doc))).toEqual(['h', 'n', 'm']);
  });
});

describe('extractBlocks: shadow DOM', () => {
  it('reads open shadow roots in place, and a closed one’s light DOM', () => {
    const doc = page('<p>Before</p><article-body id="open">Light text unseen</article-body><x-closed id="closed"><p>Closed light</p></x-closed><p>After</p>');
    const shadow = byId(doc, 'open').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>Shadow paragraph one</p><p>Shadow <b>paragraph</b> two</p>';
    byId(doc, 'closed').attachShadow({ mode: 'closed' }).innerHTML = '<p>Closed shadow</p>';
    expect(texts(doc)).toEqual(['Before', 'Shadow paragraph one', 'Shadow paragraph two', 'Closed light', 'After']);
  });

  it('shows slotted light-DOM nodes where their slot is', () => {
    const doc = page('<news-card id="host"><span id="light">Slotted story text</span></news-card>');
    const host = byId(doc, 'host');
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<h2>Card heading</h2><p>Lead: <slot></slot></p>';
    const slot = shadow.querySelector('slot') as HTMLSlotElement;
    // linkedom does not assign slots; a browser would assign the host's children like this.
    slot.assignedNodes = () => [byId(doc, 'light')];
    const blocks = extractBlocks(doc);
    expect(blocks.map((b) => b.text)).toEqual(['Card heading', 'Lead: Slotted story text']);
    const pieces = locateRange(blocks[1], 6, blocks[1].text.length);
    expect(pieces.map((p) => p.node.parentNode)).toEqual([byId(doc, 'light')]);
  });
});

describe('extractBlocks: hostile sizes', () => {
  it('handles 5,000 levels of nesting without overflowing', () => {
    const depth = 5000;
    const doc = page(
      `${'<div>'.repeat(depth)}Deep div text${'</div>'.repeat(depth)}<p>${'<span>'.repeat(depth)}Deep span text${'</span>'.repeat(depth)}</p>`,
    );
    const blocks = extractBlocks(doc);
    expect(blocks.map((b) => [b.tag, b.text])).toEqual([
      ['div', 'Deep div text'],
      ['p', 'Deep span text'],
    ]);
    expect(locateRange(blocks[1], 5, 9).map((p) => p.node.data.slice(p.start, p.end))).toEqual(['span']);
  });

  it('extracts 100,000 blocks', { timeout: 60_000 }, () => {
    const count = 100_000;
    const doc = page(Array.from({ length: count }, (_, i) => `<p>Paragraph ${i}</p>`).join(''));
    const blocks = extractBlocks(doc);
    expect(blocks).toHaveLength(count);
    expect(blocks[0].text).toBe('Paragraph 0');
    expect(blocks[count - 1].text).toBe(`Paragraph ${count - 1}`);
  });

  it('extracts 50,000 br-separated paragraphs of one container', { timeout: 60_000 }, () => {
    const count = 50_000;
    const doc = page(`<div>${Array.from({ length: count }, (_, i) => `Run ${i}`).join('<br><br>')}</div>`);
    const blocks = extractBlocks(doc);
    expect(blocks).toHaveLength(count);
    expect(blocks[count - 1].text).toBe(`Run ${count - 1}`);
  });

  it('reads a single 5 MB text node and maps ranges deep inside it', () => {
    const words = 1_000_000;
    const doc = page(`<p>${'word '.repeat(words)}</p>`);
    const [block] = extractBlocks(doc);
    expect(block.text.length).toBe(words * 5 - 1);
    const [piece] = locateRange(block, 4_000_000, 4_000_009);
    expect(piece.node.data.slice(piece.start, piece.end)).toBe('word word');
  });
});

describe('iterateBlocks: reading a page in steps', () => {
  const story = (count: number) =>
    Array.from({ length: count }, (_, i) => `<p>Paragraph <b>${i}</b> of the story</p><div><span>Aside ${i}</span><p>Inner ${i}</p></div>`).join('');

  it('hands out the blocks extractBlocks returns, in order, one step at a time', () => {
    const doc = page(story(300));
    const steps = [...iterateBlocks(doc)];
    const blocks = steps.filter((step): step is PageBlock => step !== undefined);
    expect(blocks.map((b) => [b.tag, b.text, b.nodes === null])).toEqual(
      extractBlocks(doc).map((b) => [b.tag, b.text, b.nodes === null]),
    );
  });

  it('pauses regularly where there is no text at all, so a caller is never stuck in one long step', () => {
    const doc = page(`${'<div><span></span>'.repeat(3000)}${'</div>'.repeat(3000)}<p>The end</p>`);
    const steps = [...iterateBlocks(doc)];
    expect(steps.filter((step) => step === undefined).length).toBeGreaterThan(50);
    expect(steps.filter((step) => step !== undefined).map((b) => b!.text)).toEqual(['The end']);
  });

  it('reads the page as it is when it gets there: a paragraph added during a pause is found', () => {
    const doc = page(story(300));
    const steps = iterateBlocks(doc);
    const first = steps.next();
    expect(first.done).toBe(false);
    const late = doc.createElement('p');
    late.textContent = 'Added while paused';
    doc.body.append(late);
    const rest = [...steps].filter((step): step is PageBlock => step !== undefined);
    expect(rest.at(-1)?.text).toBe('Added while paused');
  });

  it('reads an aside as it is once the main text is read, not as it was when the walk passed it', () => {
    const doc = page(`<aside id="side"><p>Old teaser</p></aside>${story(300)}`);
    const steps = iterateBlocks(doc);
    expect(steps.next().done).toBe(false);
    byId(doc, 'side').replaceChildren(doc.createElement('p'));
    byId(doc, 'side').firstElementChild!.textContent = 'New teaser';
    const rest = [...steps].filter((step): step is PageBlock => step !== undefined);
    expect(rest.filter((block) => block.complementary).map((block) => block.text)).toEqual(['New teaser']);
  });
});

describe('locateRange', () => {
  const markup = '<p id="p">  Hello <b>wor</b>ld,\n   <i>this  is</i> a<br>\n<a href="#">test</a>&nbsp;&nbsp;of <span>ranges</span>. </p>';

  function only(doc: Document): PageBlock {
    const [block] = extractBlocks(doc);
    return block;
  }

  it('maps a range across inline markup to the text nodes behind it', () => {
    const block = only(page(markup));
    expect(block.text).toBe('Hello world, this is a test of ranges.');
    const start = block.text.indexOf('world');
    const pieces = locateRange(block, start, start + 'world, this'.length);
    expect(pieces.map((p) => p.node.data.slice(p.start, p.end))).toEqual(['wor', 'ld,\n   ', 'this']);
  });

  it('covers exactly the characters asked for, for every range of the text', () => {
    const block = only(page(markup));
    const { text } = block;
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 1; end <= text.length; end++) {
        const pieces = locateRange(block, start, end);
        const raw = pieces.map((p) => p.node.data.slice(p.start, p.end)).join('');
        expect(withoutSpaces(raw), `[${start}, ${end})`).toBe(withoutSpaces(text.slice(start, end)));
        for (const piece of pieces) {
          expect(piece.start).toBeLessThan(piece.end);
          expect(piece.end).toBeLessThanOrEqual(piece.node.data.length);
        }
      }
    }
  });

  it('returns pieces in document order, one per text node', () => {
    const block = only(page(markup));
    const pieces = locateRange(block, 0, block.text.length);
    const nodes = pieces.map((p) => p.node);
    expect(new Set(nodes).size).toBe(nodes.length);
    // Every part of a collapsed run is covered: the newline after the <br>, and both NBSPs
    // (linkedom gives each entity its own text node).
    expect(pieces.map((p) => p.node.data.slice(p.start, p.end)).join('|')).toBe(
      'Hello |wor|ld,\n   |this  is| a|\n|test|\u00a0|\u00a0|of |ranges|.',
    );
  });

  it('maps the repeated sentence of a glued paragraph', () => {
    const first = 'عقدت أحدث جولة في 25 من كانون الثاني الماضي بحضور مراقبين.';
    const repeat = 'واتفقت الأطراف المشاركة حينها على عقد الجولة المقبلة.';
    const block = only(page(`<p>${first.replace('جولة', '<b>جولة</b>')}${repeat}</p>`));
    expect(block.text).toBe(first + repeat);
    const pieces = locateRange(block, first.length, block.text.length);
    expect(pieces.map((p) => p.node.data.slice(p.start, p.end))).toEqual([repeat]);
  });

  it('maps ranges of a <br><br> run within the run only', () => {
    const doc = page('<div>Same words here<br><br>Same words <em>here</em></div>');
    const [, second] = extractBlocks(doc);
    const pieces = locateRange(second, 5, 15);
    expect(pieces.map((p) => p.node.data.slice(p.start, p.end))).toEqual(['words ', 'here']);
    expect(pieces[1].node.parentNode?.nodeName.toLowerCase()).toBe('em');
  });

  it('clamps ranges outside the text and returns nothing for empty ones', () => {
    const block = only(page('<p>Short text</p>'));
    expect(seen(locateRange(block, -5, 100))).toBe('Short text');
    expect(locateRange(block, 3, 3)).toEqual([]);
    expect(locateRange(block, 8, 2)).toEqual([]);
  });

  it('finds the same text again after the page wrapped part of it', () => {
    const doc = page('<p id="p">Alpha beta. Gamma delta.</p>');
    const block = only(doc);
    const [piece] = locateRange(block, 12, 24);
    // What the annotator does: the marked characters move into a <paradedup-mark>.
    const { data } = piece.node;
    const mark = doc.createElement('paradedup-mark');
    mark.append(data.slice(piece.start, piece.end));
    piece.node.data = data.slice(0, piece.start);
    piece.node.after(mark, data.slice(piece.end));
    expect(currentText(block)).toBe(block.text);
    expect(only(doc).text).toBe(block.text);
    byId(doc, 'p').append(' Epsilon.');
    expect(currentText(block)).toBe('Alpha beta. Gamma delta. Epsilon.');
  });
});
