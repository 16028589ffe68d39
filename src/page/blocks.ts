// A page's paragraph blocks, and the way back from a block's text to the text nodes that hold it.
// Shared by the content script (live DOM) and the CLI (linkedom). Every walk is iterative, so
// 5,000-level nesting cannot overflow the stack, and linear in the size of the page.
import { BLOCK_TAG } from './dom-contract';
import { Collapser, CollapsedText, isBlank, type CollapseSink, type Gap } from './text';
import { ChildCursor, DOCUMENT_NODE, ELEMENT_NODE, TEXT_NODE, elementRole, isInsideSkipped, type ElementRole } from './tree';

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
}

/** Characters [start, end) of one text node. */
export interface TextPiece {
  node: Text;
  start: number;
  end: number;
}

/** Element roles found by the extractor's first pass; inline elements holding blocks say `block`. */
type Roles = Map<Element, ElementRole>;

/**
 * Feeds the text a reader sees in `node` to `collapser`, in reading order: text nodes as they are,
 * `<br>` as whitespace, skipped subtrees not at all; stops once the output has `until` characters.
 * The one walker behind both block texts and range location, so the two cannot disagree.
 */
function feedNode(node: Node, collapser: Collapser<Text>, until: number, roles: Roles | null): void {
  if (node.nodeType === TEXT_NODE) {
    collapser.feed(node as Text, (node as Text).data);
    return;
  }
  if (node.nodeType !== ELEMENT_NODE) return;
  const cursors: ChildCursor[] = [];
  let current: Node | null = node;
  while (collapser.length < until) {
    if (current) {
      if (current.nodeType === TEXT_NODE) collapser.feed(current as Text, (current as Text).data);
      else if (current.nodeType === ELEMENT_NODE) {
        const role = roles?.get(current as Element) ?? elementRole(current as Element);
        if (role === 'br') collapser.lineBreak();
        else if (role !== 'blank') cursors.push(new ChildCursor(current));
      }
    }
    const top = cursors[cursors.length - 1];
    if (!top) return;
    current = top.next();
    if (!current) cursors.pop();
  }
}

function feedNodes(nodes: readonly Node[] | ChildCursor, collapser: Collapser<Text>, until = Infinity): void {
  if (nodes instanceof ChildCursor) {
    for (let node = nodes.next(); node && collapser.length < until; node = nodes.next()) {
      feedNode(node, collapser, until, null);
    }
  } else {
    for (let i = 0; i < nodes.length && collapser.length < until; i++) feedNode(nodes[i], collapser, until, null);
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

interface ClassifyFrame {
  element: Element | null;
  children: ChildCursor;
  /** Its inline runs are paragraphs: a block element, or an inline one found to hold blocks. */
  container: boolean;
  /** Consecutive `<br>`s seen (only blank text between). */
  breaks: number;
}

/**
 * First pass: the role of every element that is read, with inline elements (a, span, font, custom
 * elements…) that hold blocks or `<br><br>` breaks promoted to `block`. They must act as containers:
 * a paragraph run is a list of one parent's children, and `<font><p>…</p></font>` or
 * `<a class="card"><h3>…</h3><p>…</p></a>` would otherwise put a run around nested paragraphs.
 */
function classify(element: Element | null, children: ChildCursor): Roles {
  const roles: Roles = new Map();
  const stack: ClassifyFrame[] = [{ element, children, container: true, breaks: 0 }];
  // Each frame is promoted at most once and the climb stops at the first container: linear overall.
  const promoteFrom = (depth: number) => {
    for (let d = depth; d >= 0 && !stack[d].container; d--) {
      stack[d].container = true;
      const el = stack[d].element;
      if (el) roles.set(el, 'block');
    }
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const node = frame.children.next();
    if (!node) {
      stack.pop();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      // Text matters here only between <br>s: there it makes them line breaks, not a paragraph break.
      if (frame.breaks > 0 && !isBlank((node as Text).data)) frame.breaks = 0;
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    const role = elementRole(el);
    roles.set(el, role);
    if (role === 'blank') continue;
    if (role === 'br') {
      if (++frame.breaks === 2) promoteFrom(stack.length - 1);
      continue;
    }
    frame.breaks = 0;
    if (role === 'block') promoteFrom(stack.length - 1);
    stack.push({ element: el, children: new ChildCursor(el), container: role === 'block', breaks: 0 });
  }
  return roles;
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
}

function containerFrame(element: Element | null, children: ChildCursor, firstBlock: number): ContainerFrame {
  return { element, children, run: [], breaks: 0, breakAt: 0, firstBlock, ownRuns: 0 };
}

/** The page's own tag for the text: a run wrapper we inserted reports the container it sits in. */
function tagFor(element: Element): string {
  const parent = element.parentElement;
  return element.localName === BLOCK_TAG && parent ? parent.localName : element.localName;
}

/**
 * A run's text, and the run without its edges that show nothing (blank text, comments, `<br>`,
 * skipped elements), which no paragraph wrapper should take along.
 */
function readRun(run: Node[], roles: Roles): { text: string; nodes: Node[] } {
  const out = new CollapsedText();
  const collapser = new Collapser<Text>(out);
  let first = -1;
  let last = -1;
  for (let i = 0; i < run.length; i++) {
    const node = run[i];
    const before = collapser.length;
    feedNode(node, collapser, Infinity, roles);
    // Inline elements stay even when they show no text: an image belongs to its paragraph.
    const shows = collapser.length > before || (node.nodeType === ELEMENT_NODE && roles.get(node as Element) === 'text');
    if (!shows) continue;
    if (first < 0) first = i;
    last = i;
  }
  const nodes = first === 0 && last === run.length - 1 ? run : run.slice(first, last + 1);
  return { text: out.toString(), nodes };
}

function startOf(root: ParentNode): { element: Element | null; children: () => ChildCursor } | null {
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
    return isInsideSkipped(element) ? null : { element, children: () => new ChildCursor(element) };
  }
  // A shadow root's text belongs to its host; text at a bare fragment's top level has no element
  // to mark, so only the elements below it yield blocks.
  const fragment = node;
  return { element: (fragment as ShadowRoot).host ?? null, children: () => new ChildCursor(fragment) };
}

/**
 * The paragraph blocks under `root` (a document, a shadow root or an element), in reading order.
 *
 * Block elements (p, li, blockquote, dd, headings, div, section, td…) are containers. A container's
 * inline children (text, a, b, span, mark…) form runs: a run ends at a nested block element and at a
 * paragraph break, i.e. two or more `<br>` with only whitespace between, how editors and older CMSs
 * separate paragraphs. A single `<br>` stays inside the paragraph as a space, since it breaks lines
 * of one paragraph (addresses, verse, captions). Each run with text is a block; when it is the only
 * block in its container's whole subtree the block is the container itself (`nodes: null`), so a
 * `<div>` full of `<p>`s is no block, while a `<div>` with its own text before a list yields that text.
 */
export function extractBlocks(root: ParentNode): PageBlock[] {
  const start = startOf(root);
  if (!start) return [];
  const roles = classify(start.element, start.children());
  const blocks: PageBlock[] = [];
  const stack: ContainerFrame[] = [containerFrame(start.element, start.children(), 0)];

  const endRun = (frame: ContainerFrame) => {
    const run = frame.run;
    frame.run = [];
    frame.breaks = 0;
    if (!frame.element || run.length === 0) return;
    const { text, nodes } = readRun(run, roles);
    if (text === '') return;
    blocks.push({ element: frame.element, nodes, tag: tagFor(frame.element), text });
    frame.ownRuns++;
  };

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const node = frame.children.next();
    if (!node) {
      endRun(frame);
      if (frame.ownRuns === 1 && blocks.length - frame.firstBlock === 1) blocks[blocks.length - 1].nodes = null;
      stack.pop();
      continue;
    }
    if (node.nodeType === TEXT_NODE) {
      // Text only needs reading here between <br>s: visible text there makes them line breaks.
      if (frame.breaks > 0 && !isBlank((node as Text).data)) frame.breaks = 0;
      frame.run.push(node);
      continue;
    }
    const role = node.nodeType === ELEMENT_NODE ? roles.get(node as Element) : 'blank';
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
    stack.push(containerFrame(node as Element, new ChildCursor(node), blocks.length));
  }
  return blocks;
}
