// A paragraph made of a `<br><br>`-separated run of nodes has no element of its own; to mark or fold
// it, the run moves into a <paradedup-block> wrapper, and moves back, node for node, on restore.
import { BLOCK_TAG, createOwnElement } from './dom-contract';

/** Moving these reloads or interrupts them (frames reload, media stop), so such runs are never wrapped. */
const UNMOVABLE = 'iframe, frame, object, embed, video, audio, canvas';

/** True when the run's nodes can move into a wrapper without side effects on the page. */
export function canWrapRun(nodes: readonly Node[]): boolean {
  if (nodes.length === 0) return false;
  const parent = nodes[0].parentNode;
  for (const node of nodes) {
    if (node.parentNode !== parent) return false;
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (el.matches(UNMOVABLE) || el.querySelector(UNMOVABLE)) return false;
  }
  return parent !== null && !laysOutChildrenApart(parent);
}

/** A flex or grid container makes each child element a box of its own: one wrapper would merge them into one. */
function laysOutChildrenApart(parent: Node): boolean {
  if (parent.nodeType !== 1) return false;
  const display = parent.ownerDocument?.defaultView?.getComputedStyle?.(parent as Element).display ?? '';
  return display.includes('flex') || display.includes('grid');
}

/** Wraps consecutive sibling nodes in a new wrapper element placed where they were. */
export function wrapRun(doc: Document, nodes: readonly Node[]): Element {
  const wrapper = createOwnElement(doc, BLOCK_TAG);
  nodes[0].parentNode!.insertBefore(wrapper, nodes[0]);
  for (const node of nodes) wrapper.appendChild(node);
  return wrapper;
}

/** Puts a wrapper's current children back in its place and removes it. */
export function unwrapRun(wrapper: Element): void {
  const parent = wrapper.parentNode;
  if (parent) {
    while (wrapper.firstChild) parent.insertBefore(wrapper.firstChild, wrapper);
  }
  wrapper.remove();
}
