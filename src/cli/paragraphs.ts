// The paragraphs of one decoded input: lines of a text file, or the blocks of an HTML page.
import { extractBlocks } from '../page/blocks';
import { collapseWhitespace } from '../page/text';
import { parseHtmlDocument } from './html';
import type { Input } from './input';

export interface Paragraph {
  /** The element's tag; "p" for a line of a text file. */
  tag: string;
  /** Whitespace-collapsed and trimmed, as the engine expects. */
  text: string;
}

/** Every line break Unicode names (CR LF, CR, LF, VT, FF, NEL, the line and paragraph separators). */
const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/;

/** One paragraph per non-blank line; ids count paragraphs, so blank lines take none. */
function paragraphsOfLines(content: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const line of content.split(LINE_BREAK)) {
    const text = collapseWhitespace(line);
    if (text) paragraphs.push({ tag: 'p', text });
  }
  return paragraphs;
}

/** A parsed input, ready for block extraction: the slow HTML parse happens here, outside the timed scan. */
export type ParsedInput = { kind: 'html'; root: ParentNode } | { kind: 'text'; content: string };

export function parseInput(input: Input): ParsedInput {
  if (input.kind === 'text') return { kind: 'text', content: input.content };
  return { kind: 'html', root: parseHtmlDocument(input.content) };
}

/** `display: none` in a style attribute: the one CSS a page read without its style sheets still shows. */
const INLINE_DISPLAY_NONE = /(?:^|;)\s*display\s*:\s*none\s*(?:!\s*important\s*)?(?:;|$)/i;

/** Whether `el` is the first `<summary>` among its siblings: all of a closed `<details>` that shows. */
function isDetailsSummary(el: Element): boolean {
  if (el.localName !== 'summary') return false;
  for (let before = el.previousElementSibling; before; before = before.previousElementSibling) {
    if (before.localName === 'summary') return false;
  }
  return true;
}

/**
 * True when the markup alone hides `el`, as a browser hides it by its own style sheet: an inline
 * `display: none`, `hidden="until-found"` (other `hidden` values are never read at all), or a place
 * inside a closed `<details>` other than its summary. The extension finds each of these hidden too.
 */
function hidesItself(el: Element): boolean {
  if (!el.hasAttributes() && el.parentElement?.localName !== 'details') return false;
  if (INLINE_DISPLAY_NONE.test(el.getAttribute('style') ?? '')) return true;
  if (el.getAttribute('hidden')?.toLowerCase() === 'until-found') return true;
  const parent = el.parentElement;
  return parent?.localName === 'details' && !parent.hasAttribute('open') && !isDetailsSummary(el);
}

/**
 * True when `el`, or an element it sits in, is hidden by its markup (`hidesItself`). Answers are
 * kept per element, so a deep page costs one look per element rather than one per level for every block.
 */
function hiddenInMarkup(el: Element, known: Map<Element, boolean>): boolean {
  const path: Element[] = [];
  let hidden = false;
  for (let node: Element | null = el; node; node = node.parentElement) {
    const answer = known.get(node);
    if (answer !== undefined) {
      hidden = answer;
      break;
    }
    path.push(node);
    if (hidesItself(node)) {
      hidden = true;
      break;
    }
  }
  // Every element on the way up shares the answer: none hid itself before the one that decided.
  for (const node of path) known.set(node, hidden);
  return hidden;
}

export function paragraphsOf(parsed: ParsedInput): Paragraph[] {
  if (parsed.kind === 'text') return paragraphsOfLines(parsed.content);
  const known = new Map<Element, boolean>();
  return extractBlocks(parsed.root)
    .filter((block) => !hiddenInMarkup(block.element, known))
    .map(({ tag, text }) => ({ tag, text }));
}
