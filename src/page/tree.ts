// Which parts of a page hold readable paragraph text, and in what order a reader meets them.
// Works on a live DOM and on linkedom alike: only nodeType, localName, attributes and child lists.
import { BLOCK_TAG, MARK_TAG } from './dom-contract';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_NODE = 9;
export const DOCUMENT_TYPE_NODE = 10;

/** Elements whose box starts a new paragraph: their text never runs into their neighbours'. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog',
  'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav',
  'ol', 'p', 'pre', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead',
  'tr', 'ul', BLOCK_TAG,
]);

/**
 * Subtrees that never hold article text: code, styles, inert templates, form controls, their labels and
 * options, fallback content that is not rendered (noscript, iframe, media), ruby pronunciation, and
 * drawings (svg, math), whose text is labels rather than prose.
 */
const SKIPPED_TAGS = new Set([
  'applet', 'audio', 'base', 'button', 'canvas', 'datalist', 'embed', 'frame', 'frameset', 'head',
  'iframe', 'input', 'label', 'link', 'math', 'meta', 'meter', 'noembed', 'noframes', 'noscript', 'object',
  'optgroup', 'option', 'param', 'progress', 'rp', 'rt', 'script', 'select', 'style', 'svg', 'template',
  'textarea', 'title', 'video',
]);

/** True when the element and everything inside it is left alone: never read, never annotated. */
export function isSkipped(el: Element, tag = el.localName): boolean {
  if (SKIPPED_TAGS.has(tag)) return true;
  // Our own placeholders and UI are not page text; marks and run wrappers hold the page's own text.
  if (tag.startsWith('paradedup-')) return tag !== MARK_TAG && tag !== BLOCK_TAG;
  // ASP.NET WebForms wraps whole pages in one <form> under <body>; any other form is a form.
  if (tag === 'form') return (el.parentNode as Element | null)?.localName !== 'body';
  // A closed <dialog> is not shown.
  if (tag === 'dialog' && !el.hasAttribute('open')) return true;
  // Most elements carry no attributes at all: one call answers for both checks below.
  if (!el.hasAttributes()) return false;
  // hidden="until-found" is collapsed article text the browser reveals on find-in-page: still the page's prose.
  const hidden = el.getAttribute('hidden');
  if (hidden !== null && hidden.toLowerCase() !== 'until-found') return true;
  // Editable regions belong to the user: never read, never touched.
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/**
 * Preformatted text: mostly code, where a changed flag or name is a different listing and a copy is
 * meant. It starts its own box, so it ends paragraphs, but it is never read or annotated.
 */
const PREFORMATTED_TAGS = new Set(['pre', 'listing', 'xmp']);

export function isBlockTag(el: Element): boolean {
  return BLOCK_TAGS.has(el.localName);
}

/** The light-DOM nodes assigned to a `<slot>`, or null when it shows its own children. */
function assignedNodes(el: Element): ArrayLike<Node> | null {
  if (el.localName !== 'slot' || typeof (el as HTMLSlotElement).assignedNodes !== 'function') return null;
  const assigned = (el as HTMLSlotElement).assignedNodes();
  return assigned.length > 0 ? assigned : null;
}

/**
 * The children a reader actually sees, in order (the flat tree): an element hosting an open shadow
 * root shows the shadow tree, and a `<slot>` shows the light-DOM nodes assigned to it, or its own
 * fallback children when none are. Closed shadow roots stay opaque: we read their light DOM.
 */
export function contentChildren(node: Node): ArrayLike<Node> {
  if (node.nodeType === ELEMENT_NODE) {
    const el = node as Element;
    const shadow = el.shadowRoot;
    if (shadow) return shadow.childNodes;
    const assigned = assignedNodes(el);
    if (assigned) return assigned;
  }
  return node.childNodes;
}

/**
 * Steps through the same children as `contentChildren`, by firstChild/nextSibling: browsers are
 * several times slower indexing a NodeList, and linkedom builds a new one on every access.
 */
export class ChildCursor {
  private readonly list: ArrayLike<Node> | null = null;
  private index = 0;
  private following: Node | null;

  constructor(node: Node) {
    let first = node.firstChild;
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const shadow = el.shadowRoot;
      if (shadow) first = shadow.firstChild;
      else this.list = assignedNodes(el);
    }
    this.following = this.list ? null : first;
  }

  next(): Node | null {
    if (this.list) return this.index < this.list.length ? this.list[this.index++] : null;
    const node = this.following;
    if (node) this.following = node.nextSibling;
    return node;
  }
}

/**
 * How an element takes part in its container's paragraph runs:
 * - `text`: an inline element (a, b, span, img…): part of the current run;
 * - `blank`: a skipped element: neither content nor a separator;
 * - `br`: a line break; two of them with only blanks between end a paragraph;
 * - `block`: an element that starts its own box (block tag), which ends the current run;
 * - `preformatted`: a block whose text is not prose (`<pre>`): it ends the run and is never read.
 * Inline elements that hold blocks are promoted to containers by the extractor, not here.
 */
export type ElementRole = 'text' | 'blank' | 'br' | 'block' | 'preformatted';

/** `tag`: the element's localName, when the caller has read it already (every DOM read costs in a content script). */
export function elementRole(el: Element, tag = el.localName): ElementRole {
  if (isSkipped(el, tag)) return 'blank';
  if (tag === 'br') return 'br';
  if (PREFORMATTED_TAGS.has(tag)) return 'preformatted';
  return BLOCK_TAGS.has(tag) ? 'block' : 'text';
}

/** True when `test` holds for `el` or for any element it sits inside, across shadow boundaries. */
export function isWithin(el: Element, test: (ancestor: Element) => boolean): boolean {
  for (let node: Node | null = el; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node.nodeType === ELEMENT_NODE && test(node as Element)) return true;
  }
  return false;
}

/** True when `el` or any element it sits inside is skipped or preformatted: nothing there is read. */
export function isInsideSkipped(el: Element): boolean {
  return isWithin(el, (ancestor) => isSkipped(ancestor) || PREFORMATTED_TAGS.has(ancestor.localName));
}

/** Class names that make an element a pull quote: "pullquote", "pull-quote", "pullQuote", "wp-block-pullquote". */
const PULL_QUOTE_CLASS = /(?:^|[\s_-])pull[_-]?quote(?:$|[\s_-])/i;

/** A pull quote is a sentence or two: an element so named that holds more is a container around the story ("has-pullquote"). */
const MAX_PULL_QUOTE_CHARS = 600;

/**
 * A pull quote marked by its class alone: a `<blockquote>`, `<figure>` or `<div>` that sets a
 * sentence of the story large, often ahead of the paragraph it quotes. It stands beside the story.
 */
export function isPullQuote(el: Element): boolean {
  const className = el.getAttribute('class');
  return className !== null && PULL_QUOTE_CLASS.test(className) && (el.textContent ?? '').length <= MAX_PULL_QUOTE_CHARS;
}

/**
 * A complementary region (`<aside>`, `role="complementary"`, or a class naming a pull quote): a
 * sidebar, a pull quote, a fact box. A reader reads the story before what stands beside it, so its
 * text comes after the main text in reading order, and a sidebar's copy of the lede never makes the
 * story's own lede the repeat.
 */
export function isComplementary(el: Element, tag = el.localName): boolean {
  if (tag === 'aside') return true;
  if (!el.hasAttributes()) return false;
  const role = el.getAttribute('role');
  // The first token is the role; any others are fallbacks for older assistive technology.
  if (role !== null && role.trim().split(/\s+/, 1)[0].toLowerCase() === 'complementary') return true;
  return isPullQuote(el);
}

/** True when `el` is or sits inside a complementary region. */
export function isInsideComplementary(el: Element): boolean {
  return isWithin(el, isComplementary);
}

/** The element holding `node`: its parent element, or for a shadow root's child the host. */
export function parentAcrossShadow(node: Node): Element | null {
  const parent = node.parentNode;
  if (!parent) return null;
  if (parent.nodeType === ELEMENT_NODE) return parent as Element;
  return (parent as ShadowRoot).host ?? null;
}
