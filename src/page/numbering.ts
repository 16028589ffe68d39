// Numbered elements: hiding one renumbers every one after it, so they are never folded.
/** Markers that say nothing of an item's place: hiding one of these items renumbers nothing. */
const UNNUMBERED_MARKERS = new Set(['disc', 'circle', 'square', 'none', 'disclosure-open', 'disclosure-closed']);

/**
 * Whether hiding `el` would renumber what follows it: an item of a list shown with numbers (an `ol`,
 * or a `ul` styled `decimal`), or an element that steps a CSS counter (numbered paragraphs, steps).
 */
export function stepsNumbering(el: Element): boolean {
  const view = el.ownerDocument.defaultView;
  if (typeof view?.getComputedStyle !== 'function') return false;
  const own = view.getComputedStyle(el);
  const marker = own.listStyleType ?? '';
  const before = view.getComputedStyle(el, '::before');
  if (own.display === 'list-item') {
    if (!UNNUMBERED_MARKERS.has(marker) && !marker.startsWith('"')) return true;
    // A list styled `none` or `disc` that writes its numbers itself, from the item's own counter.
    const showsCounter = (style: CSSStyleDeclaration) => (style.content ?? '').includes('counter(');
    if (showsCounter(before) || showsCounter(view.getComputedStyle(el, '::marker'))) return true;
  }
  const steps = (style: CSSStyleDeclaration) => Boolean(style.counterIncrement) && style.counterIncrement !== 'none';
  return steps(own) || steps(before) || steps(view.getComputedStyle(el, '::after'));
}
