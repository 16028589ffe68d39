// The Custom Highlight API for linkedom, which has neither it nor Range boundaries: a registry that is
// a Map of name to Set of ranges (as the browser's are maplike and setlike), and ranges that keep
// their boundaries and read their text the way a browser's Range over one Text node does.

class FakeRange {
  startContainer!: Node;
  startOffset = 0;
  endContainer!: Node;
  endOffset = 0;

  setStart(node: Node, offset: number): void {
    this.startContainer = node;
    this.startOffset = offset;
  }

  setEnd(node: Node, offset: number): void {
    this.endContainer = node;
    this.endOffset = offset;
  }

  toString(): string {
    return (this.startContainer as Text).data.slice(this.startOffset, this.endOffset);
  }
}

/** Gives a window-like object for a linkedom document the Custom Highlight API; returns its registry. */
export function addFakeHighlights(win: { document: Document }): Map<string, Set<AbstractRange>> {
  const registry = new Map<string, Set<AbstractRange>>();
  (win.document as unknown as { createRange: () => FakeRange }).createRange = () => new FakeRange();
  Object.assign(win, { CSS: { highlights: registry }, Highlight: Set });
  return registry;
}

/** Every range painted, as text, whatever its highlight. */
export function paintedTexts(registry: Map<string, Set<AbstractRange>>): string[] {
  return [...registry.values()].flatMap((ranges) => [...ranges].map(String));
}
