// The page rules inside open shadow roots. Manifest-injected CSS styles the document only, so a shadow
// root holding something we marked adopts one constructed sheet with the same rules (styles.css) for as
// long as it holds any of our marks; the page's own adopted sheets are left as they are.
import pageCss from './styles.css?inline';
import { adoptSheet, dropSheet, sharedSheet } from './shadow-styles';

/** ShadowRoot's node type: a DocumentFragment whose host is set. */
const DOCUMENT_FRAGMENT_NODE = 11;

/** How many of our marks (annotations, flashes) each root holds right now. */
const holds = new WeakMap<ShadowRoot, number>();

/** The shadow root `node` sits in, or null when it is in the document itself. */
function shadowRootOf(node: Node): ShadowRoot | null {
  const root = node.getRootNode();
  return root.nodeType === DOCUMENT_FRAGMENT_NODE && (root as ShadowRoot).host ? (root as ShadowRoot) : null;
}

/**
 * Counts one mark of ours on `node`; in a shadow root, the page rules are adopted there.
 * Returns the root to release later, or null when there is nothing to release (not in a shadow root).
 */
export function holdRootStyles(node: Node): ShadowRoot | null {
  const root = shadowRootOf(node);
  if (!root) return null;
  holds.set(root, (holds.get(root) ?? 0) + 1);
  // Every hold checks (adoption is idempotent): a page that reset its root's adopted sheets gets ours back.
  renewRootStyles(root);
  return root;
}

/** Adopts the page rules again in a root we hold, should the page have reset its adopted sheets since (a theme switch). */
export function renewRootStyles(root: ShadowRoot): void {
  const sheet = sharedSheet(root.ownerDocument, pageCss);
  if (sheet) adoptSheet(root, sheet);
}

/** Releases one hold from holdRootStyles; the root's last one takes the page rules out again. */
export function releaseRootStyles(root: ShadowRoot): void {
  const count = holds.get(root) ?? 0;
  if (count > 1) {
    holds.set(root, count - 1);
    return;
  }
  holds.delete(root);
  const sheet = sharedSheet(root.ownerDocument, pageCss);
  if (sheet) dropSheet(root, sheet);
}
