// A page's copies of annotated content. A page script that clones a marked paragraph, or writes
// markup it read from one (`innerHTML`), copies our attributes and elements, of which no record
// says how to undo them: restore would leave them behind for good, a folded copy hidden and a
// tint that never goes. So they are taken out of a copy as soon as it is seen, leaving what the
// page's own content would have been.
import { ATTR_STATUS, BLOCK_TAG, FOLD_TAG, MARK_TAG, WRITTEN_ATTRIBUTES, WRITTEN_SELECTOR } from './dom-contract';
import { DOCUMENT_NODE, ELEMENT_NODE } from './tree';

export interface CopyOwnership {
  /** True for our own live elements and the page's elements we annotate now: they are not copies. */
  owns(el: Element): boolean;
  /** The page's own title of a block we showed `title` on; undefined when `title` is not one of ours. */
  pageTitle(title: string): string | null | undefined;
}

/** Takes our markup out of the copies under `root` (itself included), keeping the page's content in place. */
export function scrubCopies(root: Node, ownership: CopyOwnership): void {
  if (root.nodeType !== ELEMENT_NODE && root.nodeType !== DOCUMENT_NODE) return;
  const found = [...(root as ParentNode).querySelectorAll(WRITTEN_SELECTOR)];
  if (root.nodeType === ELEMENT_NODE && (root as Element).matches(WRITTEN_SELECTOR)) found.unshift(root as Element);
  for (const el of found) if (!ownership.owns(el)) scrubCopy(el, ownership);
}

function scrubCopy(el: Element, ownership: CopyOwnership): void {
  const tag = el.localName;
  // A copied placeholder has no shadow root, so no controls: an empty box that does nothing.
  if (tag === FOLD_TAG) {
    el.remove();
    return;
  }
  // A copied mark or run wrapper holds the page's copied text: it goes, its contents stay where it was.
  if (tag === MARK_TAG || tag === BLOCK_TAG) {
    el.replaceWith(...el.childNodes);
    return;
  }
  const title = el.hasAttribute(ATTR_STATUS) ? el.getAttribute('title') : null;
  for (const name of WRITTEN_ATTRIBUTES) el.removeAttribute(name);
  if (title === null) return;
  const own = ownership.pageTitle(title);
  if (own === null) el.removeAttribute('title');
  else if (own !== undefined) el.setAttribute('title', own);
}
