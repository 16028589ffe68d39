// Painting the repeated sentences of partial blocks with the CSS Custom Highlight API: ranges over the
// page's own Text nodes, painted by the ::highlight() rules of styles.css. Nothing is inserted, so the
// page's text nodes stay whole (a framework that owns them never sees them split), and the browser
// repaints without laying the page out again: wrapping the marks in elements made a 10,000-paragraph
// page lay out 23,000 objects again, 100-150 ms in one frame.
import { isMarkable, type TextSegment } from './text-marks';

/** The highlight of colour slot `tint`: `::highlight(paradedup-<tint>)` in styles.css. */
export function highlightName(tint: number): string {
  return `paradedup-${tint}`;
}

/** The highlight of a near copy's changed words, whatever its group's colour. */
export const CHANGED_HIGHLIGHT = 'paradedup-changed';

/** The highlight of a whole `<br><br>`-separated run, a repeat or a first occurrence, in colour slot `tint`. */
export function runHighlightName(status: RunStatus, tint: number): string {
  return `paradedup-run-${status}-${tint}`;
}

export type RunStatus = 'repeat' | 'first';

/** The parts of Highlight and HighlightRegistry used here, so that tests can stand in for them. */
interface HighlightSet {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): unknown;
  priority?: number;
}

interface HighlightRegistryLike {
  get(name: string): unknown;
  set(name: string, highlight: HighlightSet): unknown;
}

type HighlightWindow = {
  matchMedia?: (query: string) => { matches: boolean };
  CSS?: { highlights?: HighlightRegistryLike };
  Highlight?: new () => HighlightSet;
  StaticRange?: new (init: StaticRangeInit) => AbstractRange;
};

export interface PaintedSegment extends TextSegment {
  tint: number;
  changed?: boolean;
  /** Part of a whole run painted as a repeat or first occurrence, rather than a mark. */
  run?: RunStatus;
}

/** What one block's paint added, to be erased later. */
export interface PaintRecord {
  ranges: { highlight: HighlightSet; range: AbstractRange }[];
}

export class HighlightPainter {
  /** Our highlight per name, made when first used. */
  private readonly highlights = new Map<string, HighlightSet>();

  private constructor(
    private readonly registry: HighlightRegistryLike,
    private readonly HighlightOf: new () => HighlightSet,
    private readonly StaticRangeOf: new (init: StaticRangeInit) => AbstractRange,
    private readonly forcedColors: { matches: boolean } | null,
  ) {}

  /**
   * A painter for `win`'s document, or null where the browser has no Custom Highlight API (marks are
   * then wrapped in elements). The constructors are `win`'s own: in Firefox a content script's
   * `window` is an Xray of the page's, and what is made there belongs to the page's document.
   */
  static of(win: Window): HighlightPainter | null {
    try {
      const { CSS, Highlight, StaticRange, matchMedia } = win as unknown as HighlightWindow;
      const registry = CSS?.highlights;
      if (!registry || typeof Highlight !== 'function' || typeof StaticRange !== 'function') return null;
      const forcedColors = typeof matchMedia === 'function' ? matchMedia.call(win, '(forced-colors: active)') : null;
      return new HighlightPainter(registry, Highlight, StaticRange, forcedColors);
    } catch {
      // A window whose CSS namespace can't even be read gets marks as elements.
      return null;
    }
  }

  /**
   * Paints each segment in its slot's colour, or as changed words. Empty and out-of-range segments
   * are skipped. The ranges are static: the browser updates every live Range on every change to the
   * page's nodes, and with the 342 marks of the benchmark's page, a page's own insertions and removals
   * of a node cost ten times as much (Chromium: 2,000 of each pair 34-39 ms, against 3-6 ms). A static
   * range does not follow edits; the observer rescans an edited block, and it is painted again.
   */
  paint(segments: readonly PaintedSegment[]): PaintRecord {
    const record: PaintRecord = { ranges: [] };
    for (const segment of segments) {
      if (!isMarkable(segment)) continue;
      const { node, start, end, tint, changed, run } = segment;
      // In forced colours Chromium paints every highlight in the palette's Highlight colour, so a first
      // occurrence would look like its repeats: it goes unpainted, as Firefox leaves it then.
      if (run === 'first' && this.forcedColors?.matches) continue;
      const range = new this.StaticRangeOf({ startContainer: node, startOffset: start, endContainer: node, endOffset: end });
      const highlight = this.highlightOf(changed ? CHANGED_HIGHLIGHT : run ? runHighlightName(run, tint) : highlightName(tint));
      highlight.add(range);
      record.ranges.push({ highlight, range });
    }
    return record;
  }

  erase(record: PaintRecord): void {
    for (const { highlight, range } of record.ranges) highlight.delete(range);
    record.ranges = [];
  }

  private highlightOf(name: string): HighlightSet {
    let highlight = this.highlights.get(name);
    if (!highlight) {
      this.highlights.set(name, (highlight = new this.HighlightOf()));
      // A near copy's changed words lie inside its run's tint: they are painted over it, whichever came first.
      if (name === CHANGED_HIGHLIGHT) highlight.priority = 1;
    }
    // Registered again whenever the page took it out of the registry or put another under our name.
    if (this.registry.get(name) !== highlight) this.registry.set(name, highlight);
    return highlight;
  }
}
