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

/** A window for `document` with the Custom Highlight API, and its registry to look into. */
export function fakeHighlightWindow(document: Document): { win: Window; registry: Map<string, Set<AbstractRange>> } {
  const registry = new Map<string, Set<AbstractRange>>();
  (document as unknown as { createRange: () => FakeRange }).createRange = () => new FakeRange();
  const win = { document, CSS: { highlights: registry }, Highlight: Set };
  return { win: win as unknown as Window, registry };
}
