// Reading order of two nodes, also across (nested) open shadow roots, where compareDocumentPosition
// only says "disconnected". Walks ancestor chains and then siblings, so it relies on nothing but
// parentNode/nextSibling (linkedom's compareDocumentPosition is wrong for nodes added after parsing).

/** A node's parent, or for a shadow root its host: the flat tree's parent. */
function parentOf(node: Node): Node | null {
  return node.parentNode ?? (node as ShadowRoot).host ?? null;
}

/** The node, its parent, its grandparent… up to the top. */
function ancestry(node: Node): Node[] {
  const chain: Node[] = [];
  for (let n: Node | null = node; n; n = parentOf(n)) chain.push(n);
  return chain;
}

/** Order of two different children of one parent. A shadow root comes before the host's light children. */
function compareSiblings(x: Node, y: Node): number {
  if (x.nodeType === 11) return -1;
  if (y.nodeType === 11) return 1;
  // Walk on from both at once: whichever meets the other, or runs out, settles it. Appending
  // (the usual change) is decided in one step, as the newer node is at the end.
  let p: Node | null = x;
  let q: Node | null = y;
  for (;;) {
    p = p.nextSibling;
    if (p === y) return -1;
    if (p === null) return 1;
    q = q.nextSibling;
    if (q === x) return 1;
    if (q === null) return -1;
  }
}

/** Negative when `a` comes before `b` in reading order, positive after, 0 for the same node. */
export function compareReadingOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  const chainA = ancestry(a);
  const chainB = ancestry(b);
  let i = chainA.length - 1;
  let j = chainB.length - 1;
  // Different tops: not in one tree; keep a stable answer rather than a wrong one.
  if (chainA[i] !== chainB[j]) return 0;
  while (i > 0 && j > 0 && chainA[i - 1] === chainB[j - 1]) {
    i--;
    j--;
  }
  // One is an ancestor of the other: the ancestor comes first.
  if (i === 0) return -1;
  if (j === 0) return 1;
  return compareSiblings(chainA[i - 1], chainB[j - 1]);
}
