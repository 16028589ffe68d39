// From a batch of page changes to the smallest subtrees whose blocks must be extracted again, so the
// cost of a rescan follows the size of the change, not the size of the page.
import { isOwnElement } from './dom-contract';
import type { PageChanges } from './observer';
import { isBlank } from './text';
import { ELEMENT_NODE, TEXT_NODE, contentChildren, isBlockTag, isInsideSkipped, parentAcrossShadow } from './tree';

/** Does an element hold blocks of its own (a tracked paragraph, or runs of its children)? */
export type HoldsTrackedBlocks = (element: Element) => boolean;

/**
 * The element whose runs a change at `node` can affect: the nearest element holding tracked blocks
 * or, failing that, the nearest block-level element (a new paragraph's own container).
 */
export function containerOf(node: Node, holds: HoldsTrackedBlocks): Element | null {
  let el: Element | null = node.nodeType === ELEMENT_NODE ? (node as Element) : parentAcrossShadow(node);
  while (el) {
    // Our marks and run wrappers hold page text but are not the page's containers: look past them.
    if (!isOwnElement(el) && (holds(el) || isBlockTag(el))) return el;
    el = parentAcrossShadow(el);
  }
  return null;
}

/** True when an inline element holds block-level elements, so it is a paragraph container of its own. */
function holdsBlockElements(root: Element): boolean {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const children = contentChildren(stack.pop()!);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child.nodeType !== ELEMENT_NODE) continue;
      if (isBlockTag(child as Element)) return true;
      stack.push(child);
    }
  }
  return false;
}

function isInside(node: Node, ancestors: ReadonlySet<Node>): boolean {
  for (let el = parentAcrossShadow(node); el; el = parentAcrossShadow(el)) if (ancestors.has(el)) return true;
  return false;
}

/** The subtrees to extract again for a batch of changes, none inside another, none in a skipped region. */
export function changedScopes(changes: PageChanges, holds: HoldsTrackedBlocks): Element[] {
  const scopes = new Set<Element>();
  const addContainer = (node: Node) => {
    const container = containerOf(node, holds);
    if (container) scopes.add(container);
  };

  // An element shown or hidden changes the page's paragraphs as one inserted there would.
  for (const node of [...changes.added, ...changes.toggled]) {
    if (!node.isConnected || isOwnElement(node)) continue;
    const parent = parentAcrossShadow(node);
    if (!parent) continue;
    const container = containerOf(parent, holds);
    // New text in a container, or anything inside a container that has runs: its runs change.
    if (node.nodeType === TEXT_NODE || (container && holds(container))) {
      if (container) scopes.add(container);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE) continue;
    const el = node as Element;
    // A new block-level element (or an inline one wrapping blocks) carries its own paragraphs.
    if (isBlockTag(el) || holdsBlockElements(el)) scopes.add(el);
    else if (container) scopes.add(container);
  }
  for (const element of changes.touched) {
    if (!element.isConnected) continue;
    const container = containerOf(element, holds);
    if (container && holds(container)) scopes.add(container);
    else if (!isOwnElement(element) && element.nodeType === ELEMENT_NODE && hasOwnText(element)) addContainer(element);
  }

  return [...scopes].filter((scope) => !isInside(scope, scopes) && !isInsideSkipped(scope));
}

/** Non-blank text directly inside an element: a container that had no paragraph may now have one. */
function hasOwnText(element: Element): boolean {
  const children = contentChildren(element);
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child.nodeType === TEXT_NODE && !isBlank((child as Text).data)) return true;
  }
  return false;
}
