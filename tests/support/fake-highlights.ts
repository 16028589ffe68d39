// The Custom Highlight API for linkedom, which has neither it nor StaticRange: a registry that is a
// Map of name to Set of ranges (as the browser's are maplike and setlike), and static ranges that keep
// their boundaries, as the browser's do.

class FakeStaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;

  constructor(init: StaticRangeInit) {
    this.startContainer = init.startContainer;
    this.startOffset = init.startOffset;
    this.endContainer = init.endContainer;
    this.endOffset = init.endOffset;
  }
}

/** Gives a window-like object for a linkedom document the Custom Highlight API; returns its registry. */
export function addFakeHighlights(win: object): Map<string, Set<AbstractRange>> {
  const registry = new Map<string, Set<AbstractRange>>();
  Object.assign(win, { CSS: { highlights: registry }, Highlight: Set, StaticRange: FakeStaticRange });
  return registry;
}

/** The text a range over one Text node covers. */
export function rangeText(range: AbstractRange): string {
  return (range.startContainer as Text).data.slice(range.startOffset, range.endOffset);
}

/** Every range painted, as text, whatever its highlight. */
export function paintedTexts(registry: Map<string, Set<AbstractRange>>): string[] {
  return [...registry.values()].flatMap((ranges) => [...ranges].map(rangeText));
}
