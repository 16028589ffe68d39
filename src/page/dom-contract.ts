// The names ParaDedup writes into pages. The e2e suite and the manifest CSS (styles.css) rely on them.

/** On every annotated block: "repeat" (duplicate), "partial" or "first" (canonical of a group). */
export const ATTR_STATUS = 'data-paradedup';
/** On every annotated block: the index of its group in the frame's report. */
export const ATTR_GROUP = 'data-paradedup-group';
/** Colour slot (0..TINT_COUNT-1) of a group; derived from the canonical block so it stays put across rescans. */
export const ATTR_TINT = 'data-paradedup-tint';
/** On a repeat that is not word for word (a number or a word changed): its bar is dashed, as its differences may be news. */
export const ATTR_SIMILAR = 'data-paradedup-similar';
/** On a repeat or first occurrence with a background image of its own: the tint is laid over it, not put in its place. */
export const ATTR_OVER_IMAGE = 'data-paradedup-over-image';
/** On a folded repeat: hidden by the manifest CSS while its placeholder is shown. */
export const ATTR_FOLDED = 'data-paradedup-folded';
/** On the quotation box or attribution that folds with a repeat (fold-companions.ts): hidden with it. */
export const ATTR_FOLDED_WITH = 'data-paradedup-folded-with';
/** On a `<paradedup-mark>`: the canonical block id the marked sentences repeat. */
export const ATTR_OF = 'data-paradedup-of';
/** On a `<paradedup-mark>` in a near copy: words the paragraph it repeats does not have. */
export const ATTR_CHANGED = 'data-paradedup-changed';
/** Briefly on a block the user jumped to: the manifest CSS flashes it. */
export const ATTR_FLASH = 'data-paradedup-flash';

/** The placeholder inserted right before a folded repeat; its UI lives in an open shadow root. */
export const FOLD_TAG = 'paradedup-fold';
/** Wraps the repeated sentences of a partial block, or a near copy's changed words, where the browser can't paint them as highlights (highlights.ts). */
export const MARK_TAG = 'paradedup-mark';
/** Wraps a `<br><br>`-separated run that is not a whole element, so it can be marked and folded. */
export const BLOCK_TAG = 'paradedup-block';

export const TINT_COUNT = 8;

export type AnnotationStatus = 'repeat' | 'partial' | 'first';

/** Attributes the annotator may set on a page's own elements; restore removes every one of them. */
export const OWN_ATTRIBUTES = [ATTR_STATUS, ATTR_GROUP, ATTR_TINT, ATTR_SIMILAR, ATTR_OVER_IMAGE, ATTR_FOLDED, ATTR_FLASH] as const;

const OWN_TAGS = new Set([FOLD_TAG, MARK_TAG, BLOCK_TAG]);

/** Every attribute name ParaDedup writes into pages, on the page's elements and on its own. */
export const WRITTEN_ATTRIBUTES = [...OWN_ATTRIBUTES, ATTR_FOLDED_WITH, ATTR_OF, ATTR_CHANGED] as const;

/** Matches any element ParaDedup inserts or writes an attribute on. */
export const WRITTEN_SELECTOR = [...OWN_TAGS, ...WRITTEN_ATTRIBUTES.map((name) => `[${name}]`)].join(', ');

type OwnTag = typeof FOLD_TAG | typeof MARK_TAG | typeof BLOCK_TAG;

/**
 * A new element of ours. Custom element names are first come, first served on a page: one the page
 * registered as a component of its own would run its code on ours, so it is refused, and the scan fails
 * with the page as it was.
 */
export function createOwnElement(doc: Document, tag: OwnTag): HTMLElement {
  const el = doc.createElement(tag);
  if (isPageComponent(el)) throw new Error(`the page already uses the element name <${tag}>`);
  return el;
}

/** `:defined` holds for a name the page registered; ours are never registered. DOMs without the selector (linkedom) register nothing. */
function isPageComponent(el: Element): boolean {
  try {
    return el.matches(':defined');
  } catch {
    return false;
  }
}

/** True for the elements ParaDedup inserts into pages (case-insensitive: HTML uppercases tagName). */
export function isOwnElement(node: Node): boolean {
  return node.nodeType === 1 && OWN_TAGS.has((node as Element).localName);
}
