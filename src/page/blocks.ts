// A page's paragraph blocks, and the way back from a block's text to the text nodes that hold it.
// Shared by the content script (live DOM) and the CLI (linkedom). Every walk is iterative, so
// 5,000-level nesting cannot overflow the stack, and linear in the size of the page.
import { BLOCK_TAG } from './dom-contract';
import { Collapser, CollapsedText, collapseWhitespace, isBlank, type CollapseSink, type Gap } from './text';
import { ChildCursor, DOCUMENT_NODE, ELEMENT_NODE, TEXT_NODE, elementRole, isComplementary, isInsideComplementary, isInsideSkipped, isWithin, type ElementRole } from './tree';

export interface PageBlock {
  /** The paragraph element, or the container of a run of its children. */
  element: Element;
  /**
   * The run: consecutive children of `element` (of its shadow root when it hosts one), e.g. one
   * `<br><br>`-separated paragraph or the text a div holds before its first nested block. Null when
   * the block is the whole element.
   */
  nodes: Node[] | null;
  /** Lowercase tag of the element holding the text (the page's own container for a `<paradedup-block>`). */
  tag: string;
  /** The text a reader sees, whitespace runs collapsed to one space and trimmed. */
  text: string;
  /** Inside a complementary region (tree.ts): read after every block of the main text. */
  complementary: boolean;
}

/** Characters [start, end) of one text node. */
export interface TextPiece {
  node: Text;
  start: number;
  end: number;
}

/** Characters of a run that sit inside links. */
interface LinkTally {
  chars: number;
}

/** An anchor without `href` is a fragment target, not a link. */
function isLink(el: Element, tag: string): boolean {
  return tag === 'a' && el.hasAttribute('href');
}

/** More text than a teaser card holds (a headline and a summary). */
const MAX_CARD_CHARS = 1000;

/**
 * A link whose blocks are navigation: a teaser card, with a headline and at most one paragraph.
 * A link around more is a page's unclosed `<a>`, which a browser's parser carries on around, or
 * into, every paragraph after it: those are the article's.
 */
function isCardLink(el: Element, tag: string): boolean {
  return isLink(el, tag) && (el.textContent?.length ?? 0) <= MAX_CARD_CHARS && el.getElementsByTagName('p').length < 2;
}

/** A full stop at the end, before any closing quotes or brackets (Latin and Arabic, Chinese and Japanese, Urdu, Hindi). */
const ENDS_WITH_FULL_STOP = /[.\u3002\uff0e\u06d4\u0964][\s"'\u201d\u2019\u00bb)\]]*$/;

/**
 * Whether mostly-link text still reads as prose: headlines and menu items end without a full stop,
 * while a paragraph does, as do those an unclosed `<a>` ran on into.
 */
function endsLikeProse(text: string): boolean {
  return ENDS_WITH_FULL_STOP.test(text);
}

/** True when `el` is a card link or sits inside one (across shadow boundaries). */
function isInsideLink(el: Element): boolean {
  return isWithin(el, (ancestor) => isCardLink(ancestor, ancestor.localName));
}

/**
 * Feeds the text a reader sees in `node` to `collapser`, in reading order: text nodes as they are,
 * `<br>` as whitespace, skipped subtrees not at all; stops once the output has `until` characters.
 * The one walker behind both block texts and range location, so the two cannot disagree.
 */
function feedNode(node: Node, collapser: Collapser<Text>, until: number, links: LinkTally | null = null): void {
  if (node.nodeType === TEXT_NODE) {
    collapser.feed(node as Text, (node as Text).data);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const cursors: ChildCursor[] = [];
  /** How many cursors were open when the walk entered a link, or 0 outside links. */
  let linkDepth = 0;
  let current: Node | null = node;
  while (collapser.length < until) {
    if (current) {
      if (current.nodeType === TEXT_NODE) {
        const before = collapser.length;
        collapser.feed(current as Text, (current as Text).data);
        if (linkDepth > 0) links!.chars += collapser.length - before;
      } else if (current.nodeType === ELEMENT_NODE) {
        const el = current as Element;
        const tag = el.localName;
        const role = elementRole(el, tag);
        if (role === 'br') collapser.lineBreak();
        else if (role !== 'blank' && role !== 'preformatted') {
          cursors.push(new ChildCursor(current));
          if (links && linkDepth === 0 && isLink(el, tag)) linkDepth = cursors.length;
        }
      }
    }
    const top = cursors[cursors.length - 1];
    if (!top) return;
    current = top.next();
    if (!current) {
      cursors.pop();
      if (cursors.length < linkDepth) linkDepth = 0;
    }
  }
}

function feedNodes(nodes: readonly Node[] | ChildCursor, collapser: Collapser<Text>, until = Infinity): void {
  if (nodes instanceof ChildCursor) {
    for (let node = nodes.next(); node && collapser.length < until; node = nodes.next()) {
      feedNode(node, collapser, until);
    }
  } else {
    for (let i = 0; i < nodes.length && collapser.length < until; i++) feedNode(nodes[i], collapser, until);
  }
}

/** What a block's text is read from: its run, or all of its element's children. */
function contentOf(block: PageBlock): readonly Node[] | ChildCursor {
  return block.nodes ?? new ChildCursor(block.element);
}

/** The block's text as the DOM reads now; differs from `block.text` once the page changed it. */
export function currentText(block: PageBlock): string {
  const out = new CollapsedText();
  feedNodes(contentOf(block), new Collapser<Text>(out));
  return out.toString();
}

/** Collects the text-node pieces behind output characters [start, end). */
class PieceCollector implements CollapseSink<Text> {
  readonly pieces: TextPiece[] = [];

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {}

  copy(node: Text, _data: string, from: number, to: number, at: number): void {
    const start = Math.max(this.start, at);
    const end = Math.min(this.end, at + (to - from));
    if (start < end) this.add(node, from + (start - at), from + (end - at));
  }

  space(at: number, gaps: readonly Gap<Text>[]): void {
    if (at < this.start || at >= this.end) return;
    // Every part of the collapsed run is covered; a <br> in it has no text behind it.
    for (const gap of gaps) this.add(gap.source, gap.from, gap.to);
  }

  private add(node: Text, start: number, end: number): void {
    const last = this.pieces[this.pieces.length - 1];
    if (last && last.node === node && last.end === start) last.end = end;
    else this.pieces.push({ node, start, end });
  }
}

/**
 * The text-node pieces holding characters [start, end) of `block.text`, in order, adjacent pieces of
 * one node merged. Whitespace the text collapsed away between covered characters is covered too, so
 * wrapping each piece wraps exactly what a reader sees as that part of the text.
 */
export function locateRange(block: PageBlock, start: number, end: number): TextPiece[] {
  const from = Math.max(0, start);
  const to = Math.min(end, block.text.length);
  if (from >= to) return [];
  const collector = new PieceCollector(from, to);
  feedNodes(contentOf(block), new Collapser<Text>(collector), to);
  return collector.pieces;
}

/** Nodes visited between two pause points of `iterateBlocks`: a few microseconds of work. */
const NODES_PER_STEP = 64;

interface InlineFrame {
  element: Element;
  children: ChildCursor;
  /** Consecutive `<br>`s seen (only blank text between). */
  breaks: number;
}

/**
 * Whether an inline element (a, span, font, custom elements…) holds paragraphs of its own: a block
 * element, or a `<br><br>` break, reached through inline elements only. Such an element must act as a
 * container: a paragraph run is a list of one parent's children, and `<font><p>…</p></font>` or
 * `<a class="card"><h3>…</h3><p>…</p></a>` would otherwise put a run around nested paragraphs.
 * Every inline element whose answer the walk learns is remembered in `promoted` (true: it holds
 * paragraphs), so each is walked once however deeply such elements nest.
 */
function holdsParagraphs(element: Element, promoted: Map<Element, boolean>): boolean {
  const known = promoted.get(element);
  if (known !== undefined) return known;
  const stack: InlineFrame[] = [{ element, children: new ChildCursor(element), breaks: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const node = frame.children.next();
    if (!node) {
      promoted.set(frame.element, false);
      stack.pop();
      continue;
    }
    let found = false;
    if (node.nodeType === TEXT_NODE) {
      // Text matters here only between <br>s: there it makes them line breaks, not a paragraph break.
      if (frame.breaks > 0 && !isBlank((node as Text).data)) frame.breaks = 0;
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const role = elementRole(el);
      if (role === 'br') found = ++frame.breaks === 2;
      else if (role === 'block' || role === 'preformatted') found = true;
      else if (role === 'text') {
        frame.breaks = 0;
        const inner = promoted.get(el);
        if (inner === undefined) stack.push({ element: el, children: new ChildCursor(el), breaks: 0 });
        else found = inner;
      }
    }
    if (found) {
      // Every inline element on the way down holds the paragraphs too.
      for (const open of stack) promoted.set(open.element, true);
      return true;
    }
  }
  return false;
}

interface ContainerFrame {
  element: Element | null;
  children: ChildCursor;
  /** The run being collected: children since the last block child or paragraph break. */
  run: Node[];
  /** Consecutive `<br>`s at the end of the run, and the run's length before the first of them. */
  breaks: number;
  breakAt: number;
  /** `blocks.length` when the container was entered, and how many of its own runs became blocks. */
  firstBlock: number;
  ownRuns: number;
  /** Whether text that is not read here (preformatted, navigation, a region read later) sits anywhere inside: then the container is never its one block, which would fold that text too. */
  holdsUnread: boolean;
  /** Whether the container is a teaser card's link or inside one: none of its text is a paragraph. */
  inLink: boolean;
}

function containerFrame(element: Element | null, children: ChildCursor, firstBlock: number, inLink: boolean): ContainerFrame {
  return { element, children, run: [], breaks: 0, breakAt: 0, firstBlock, ownRuns: 0, holdsUnread: false, inLink };
}

/** The page's own tag for the text: a run wrapper we inserted reports the container it sits in. */
function tagFor(element: Element, tag = element.localName): string {
  return tag === BLOCK_TAG ? (element.parentElement?.localName ?? tag) : tag;
}

/**
 * A run's text, how much of it is link text, and the run without its edges that show nothing (blank
 * text, comments, `<br>`, skipped elements), which no paragraph wrapper should take along.
 */
function readRun(run: Node[]): { text: string; linkChars: number; nodes: Node[] } {
  const out = new CollapsedText();
  const collapser = new Collapser<Text>(out);
  const links: LinkTally = { chars: 0 };
  let first = -1;
  let last = -1;
  for (let i = 0; i < run.length; i++) {
    const node = run[i];
    const before = collapser.length;
    feedNode(node, collapser, Infinity, links);
    // Inline elements stay even when they show no text: an image belongs to its paragraph.
    const shows = collapser.length > before || (node.nodeType === ELEMENT_NODE && elementRole(node as Element) === 'text');
    if (!shows) continue;
    if (first < 0) first = i;
    last = i;
  }
  const nodes = first === 0 && last === run.length - 1 ? run : run.slice(first, last + 1);
  return { text: out.toString(), linkChars: links.chars, nodes };
}

/**
 * The text of a block element that holds nothing but text (most paragraphs), read in one call: the
 * content script sees the page through wrappers of its own, made for every node it touches, and
 * skipping them for the text nodes saves a good part of a scan. Null when the element holds elements
 * or shows another tree (a shadow root, a slot's assigned nodes).
 */
function textOnly(element: Element, tag: string): string | null {
  if (element.childElementCount !== 0 || tag === 'slot' || element.shadowRoot) return null;
  return collapseWhitespace(element.textContent ?? '');
}

function startOf(root: ParentNode): { element: Element | null; children: ChildCursor; inLink: boolean } | null {
  let node = root as unknown as Node;
  const doc = node.nodeType === DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
  // designMode makes the whole document editable: it belongs to the user.
  if (doc?.designMode === 'on') return null;
  if (node.nodeType === DOCUMENT_NODE) {
    const html = (node as Document).documentElement;
    if (!html) return null;
    node = html;
  }
  if (node.nodeType === ELEMENT_NODE) {
    const element = node as Element;
    return isInsideSkipped(element) ? null : { element, children: new ChildCursor(element), inLink: isInsideLink(element) };
  }
  // A shadow root's text belongs to its host; text at a bare fragment's top level has no element
  // to mark, so only the elements below it yield blocks.
  const fragment = node;
  const host = (fragment as ShadowRoot).host ?? null;
  return { element: host, children: new ChildCursor(fragment), inLink: host !== null && isInsideLink(host) };
}

/**
 * The paragraph blocks under `root` (a document, a shadow root or an element), in reading order,
 * one at a time: the generator also yields `undefined` every few dozen nodes, so a caller can check
 * its time budget and pause (between two steps the page may change; what changed is the caller's
 * to rescan). A single block's text is read in one step.
 *
 * Block elements (p, li, blockquote, dd, headings, div, section, td…) are containers. A container's
 * inline children (text, a, b, span, mark…) form runs: a run ends at a nested block element and at a
 * paragraph break, i.e. two or more `<br>` with only whitespace between, how editors and older CMSs
 * separate paragraphs. A single `<br>` stays inside the paragraph as a space, since it breaks lines
 * of one paragraph (addresses, verse, captions). Each run with text is a block; when it is the only
 * block in its container's whole subtree the block is the container itself (`nodes: null`), so a
 * `<div>` full of `<p>`s is no block, while a `<div>` with its own text before a list yields that text.
 * Complementary regions (asides) are read after the rest, each whole, in the order they come.
 */
export function* iterateBlocks(root: ParentNode): Generator<PageBlock | undefined, void, undefined> {
  const start = startOf(root);
  if (!start) return;
  const promoted = new Map<Element, boolean>();
  /** An element's role among its container's children: inline elements that hold paragraphs are containers too. */
  const roleOf = (el: Element, tag: string): ElementRole => {
    const role = elementRole(el, tag);
    return role === 'text' && holdsParagraphs(el, promoted) ? 'block' : role;
  };
  const stack: ContainerFrame[] = [containerFrame(start.element, start.children, 0, start.inLink)];
  /** Whether the walk is inside a complementary region; until it is, the regions it meets wait in `deferred`. */
  let complementary = start.element !== null && isInsideComplementary(start.element);
  const deferred: { element: Element; inLink: boolean }[] = [];
  /** Blocks found so far; the latest is held back until the next, as its container may still claim it whole. */
  let found = 0;
  let latest: PageBlock | null = null;
  /** Blocks that can no longer change, to hand out. */
  const settled: PageBlock[] = [];
  const addBlock = (block: PageBlock) => {
    // A new block settles the previous one: its container now holds two blocks, or has ended.
    if (latest) settled.push(latest);
    latest = block;
    found++;
  };

  const endRun = (frame: ContainerFrame) => {
    const run = frame.run;
    frame.run = [];
    frame.breaks = 0;
    if (!frame.element || run.length === 0) return;
    const { text, linkChars, nodes } = readRun(run);
    if (text === '') return;
    // Text that is mostly links is navigation (menus, related stories): a headline listed twice is no repeated paragraph.
    // Inside a link (a teaser card) it is navigation however it ends: a card's summary is often the story's lede.
    if (frame.inLink || (linkChars * 2 > text.length && !endsLikeProse(text))) {
      frame.holdsUnread = true;
      return;
    }
    addBlock({ element: frame.element, nodes, tag: tagFor(frame.element), text, complementary });
    frame.ownRuns++;
  };

  let budget = NODES_PER_STEP;
  let next = 0;
  while (stack.length > 0 || next < deferred.length) {
    if (stack.length === 0) {
      // The main text is read: now each complementary region it held, whole, from its children as they are now.
      complementary = true;
      const region = deferred[next++];
      stack.push(containerFrame(region.element, new ChildCursor(region.element), found, region.inLink));
    }
    if (settled.length > 0) {
      budget = NODES_PER_STEP;
      for (const block of settled) yield block;
      settled.length = 0;
    } else if (--budget === 0) {
      budget = NODES_PER_STEP;
      yield;
    }
    const frame = stack[stack.length - 1];
    const node = frame.children.next();
    if (!node) {
      endRun(frame);
      if (frame.ownRuns === 1 && found - frame.firstBlock === 1 && !frame.holdsUnread) latest!.nodes = null;
      stack.pop();
      if (frame.holdsUnread && stack.length > 0) stack[stack.length - 1].holdsUnread = true;
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      if (frame.run.length === 0) {
        // Blank text starts no run, as a reader sees nothing there: most pages indent their markup,
        // and reading each gap between two paragraphs as a run of its own costs a good part of a scan.
        if (!isBlank((node as Text).data)) frame.run.push(node);
        continue;
      }
      // Text only needs reading here between <br>s: visible text there makes them line breaks.
      if (frame.breaks > 0 && !isBlank((node as Text).data)) frame.breaks = 0;
      frame.run.push(node);
      continue;
    }
    const tag = node.nodeType === ELEMENT_NODE ? (node as Element).localName : '';
    const role = tag ? roleOf(node as Element, tag) : 'blank';
    if (role === 'blank') {
      // Comments and skipped elements start no run; inside one they keep its nodes contiguous.
      if (frame.run.length > 0) frame.run.push(node);
      continue;
    }
    if (role === 'br') {
      // A <br> before anything else only adds whitespace: it starts no run.
      if (frame.run.length === 0) continue;
      if (frame.breaks === 0) frame.breakAt = frame.run.length;
      frame.run.push(node);
      if (++frame.breaks === 2) {
        frame.run.length = frame.breakAt;
        endRun(frame);
      }
      continue;
    }
    frame.breaks = 0;
    if (role === 'text') {
      frame.run.push(node);
      continue;
    }
    endRun(frame);
    if (role === 'preformatted') {
      frame.holdsUnread = true;
      continue;
    }
    // A reader meets an aside after the story: it is read once the rest is, and its container is never one block around it.
    if (!complementary && isComplementary(node as Element, tag)) {
      deferred.push({ element: node as Element, inLink: frame.inLink });
      frame.holdsUnread = true;
      continue;
    }
    const inLink = frame.inLink || isCardLink(node as Element, tag);
    const text = textOnly(node as Element, tag);
    if (text === null) stack.push(containerFrame(node as Element, new ChildCursor(node), found, inLink));
    else if (text === '') continue;
    else if (inLink) frame.holdsUnread = true;
    // The element is its only block, as its own frame would have found.
    else addBlock({ element: node as Element, nodes: null, tag: tagFor(node as Element, tag), text, complementary });
  }
  yield* settled;
  if (latest) yield latest;
}

/** Every paragraph block under `root`, in reading order (see `iterateBlocks`), in one go. */
export function extractBlocks(root: ParentNode): PageBlock[] {
  const blocks: PageBlock[] = [];
  for (const block of iterateBlocks(root)) if (block) blocks.push(block);
  return blocks;
}
