// What folds along with a quotation: the box it fills (WordPress's pull quote: `<figure><blockquote>
// <p>…</p><cite>The board's chair</cite>`) and the `<cite>`, `<footer>` or `<figcaption>` naming who
// said it. That name is a block too short to report, so folding the paragraph alone left it on
// screen, set large, under the placeholder, in the box's empty frame.
import { FOLD_TAG } from './dom-contract';
import { stepsNumbering } from './numbering';
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
 * Whether the placeholder can take `box`'s place: a floated or positioned box, or an item of a flex
 * or grid container, lies outside the story's flow, and a placeholder there would land in the flow
 * or be laid out as a new item. Without style sheets (linkedom) the markup is all there is.
 */
function liesInFlow(box: Element): boolean {
  const view = box.ownerDocument.defaultView;
  if (typeof view?.getComputedStyle !== 'function') return true;
  const style = view.getComputedStyle(box);
  if ((style.cssFloat || 'none') !== 'none' || style.position === 'absolute' || style.position === 'fixed') return false;
  const parent = box.parentElement;
  return !parent || !/flex|grid/.test(view.getComputedStyle(parent).display ?? '');
}

export interface FoldCompanions {
  /** The outermost quotation box the block fills that lies in the page's flow: it folds whole, its placeholder before it. */
  box: Element | null;
  /** Attribution outside that box (or all of it, with none): hidden with the block. */
  attribution: Element[];
}

/**
 * What folds with `block`: the quotation boxes it fills, from the innermost out, up to the first box
 * that holds anything but it and its attribution.
 */
export function foldCompanions(block: Element): FoldCompanions {
  const levels: { box: Element; attribution: Element[] }[] = [];
  for (let inner = block, box = block.parentElement; box && isQuotationBox(box); inner = box, box = box.parentElement) {
    const beside = attributionBeside(box, inner);
    if (!beside) break;
    levels.push({ box, attribution: beside });
  }
  let fold = levels.length - 1;
  // A numbered figure (a CSS counter) would renumber the figures after it: it keeps its place as well.
  while (fold >= 0 && (!liesInFlow(levels[fold].box) || stepsNumbering(levels[fold].box))) fold--;
  return { box: fold >= 0 ? levels[fold].box : null, attribution: levels.slice(fold + 1).flatMap((level) => level.attribution) };
}
