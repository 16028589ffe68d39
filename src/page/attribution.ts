// A quotation's attribution: the `<cite>`, `<footer>` or `<figcaption>` that names who said it
// (WordPress's pull quote: `<figure><blockquote><p>…</p><cite>The board's chair</cite>`). It is
// a block too short to report, so folding the quotation's paragraph alone left the name on screen,
// set large, under the placeholder. Folded with it, it is hidden and shown with it.
import { FOLD_TAG } from './dom-contract';
import { ELEMENT_NODE, TEXT_NODE, isPullQuote } from './tree';

/** Elements that say who is quoted: the `<cite>` of a quotation, a blockquote's `<footer>`, a figure's caption. */
const ATTRIBUTION_TAGS = new Set(['cite', 'footer', 'figcaption']);

/** A name and a role; an element holding more is text of its own, which stays in sight. */
const MAX_ATTRIBUTION_CHARS = 200;

/** Boxes around one quotation and its attribution. Other containers (a section, the article) hold the story. */
function isQuotationBox(el: Element): boolean {
  return el.localName === 'blockquote' || el.localName === 'figure' || isPullQuote(el);
}

/**
 * The children of `box` other than `inner` if they are all attribution (blank text, comments and
 * our placeholders aside; a run we wrapped is the page's text); null when anything else is there:
 * more of the quotation, an image, a caption too long to be a name.
 */
function attributionBeside(box: Element, inner: Element): Element[] | null {
  const found: Element[] = [];
  let chars = 0;
  for (let child = box.firstChild; child; child = child.nextSibling) {
    if (child === inner) continue;
    if (child.nodeType === TEXT_NODE) {
      if ((child as Text).data.trim() !== '') return null;
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const el = child as Element;
    if (el.localName === FOLD_TAG) continue;
    if (!ATTRIBUTION_TAGS.has(el.localName)) return null;
    chars += (el.textContent ?? '').length;
    if (chars > MAX_ATTRIBUTION_CHARS) return null;
    found.push(el);
  }
  return found;
}

/**
 * The attribution elements that belong to `block` alone: those of each quotation box it fills, from
 * the innermost out, up to the first box that holds anything else.
 */
export function attributionOf(block: Element): Element[] {
  const found: Element[] = [];
  for (let inner = block, box = block.parentElement; box && isQuotationBox(box); inner = box, box = box.parentElement) {
    const beside = attributionBeside(box, inner);
    if (!beside) break;
    found.push(...beside);
  }
  return found;
}
