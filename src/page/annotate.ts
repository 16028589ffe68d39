// The Annotator: writes one frame's repeat annotations into the page and takes them out again.
// Everything it adds is recorded, so `clear()` gives the page back its exact original DOM: the same
// nodes (Text objects included), the same attributes in the same order, the same `title`s.
import { scrubCopies } from './copies';
import { foldCompanions, type FoldCompanions } from './fold-companions';
import { stepsNumbering } from './numbering';
import {
  ATTR_FOLDED,
  ATTR_FOLDED_WITH,
  ATTR_GROUP,
  ATTR_OF,
  ATTR_OVER_IMAGE,
  ATTR_SIMILAR,
  ATTR_STATUS,
  ATTR_TINT,
  OWN_ATTRIBUTES,
  type AnnotationStatus,
} from './dom-contract';
import { createFold, setFoldExpanded } from './fold';
import type { HighlightPainter, PaintedSegment, PaintRecord } from './highlights';
import { holdRootStyles, releaseRootStyles, renewRootStyles } from './root-styles';
import { canWrapRun, unwrapRun, wrapRun } from './run-wrapper';
import { unwrapMarks, wrapMarks, type MarkRecord, type TextSegment } from './text-marks';
import { ELEMENT_NODE } from './tree';

/** What the annotator needs to know about a page block. */
export interface BlockHandle {
  /** The element that is the whole block; null for a `<br><br>`-separated run. */
  readonly element: Element | null;
  /** A run's nodes, consecutive siblings (empty when `element` is set). */
  readonly nodes: readonly Node[];
  /** The Text node pieces that hold characters [start, end) of the block's text. */
  locate(start: number, end: number): TextSegment[];
}

export interface MarkAnnotation {
  start: number;
  end: number;
  /** Canonical block id the range repeats. */
  of: number;
  tint: number;
  title: string;
  /** Words of a near copy that its original lacks (painted as changed), rather than a repeated range. */
  changed?: boolean;
}

/** `folded`: hidden behind a placeholder; `expanded`: placeholder kept (offering "hide"), block shown. */
export type FoldState = 'folded' | 'expanded' | null;

export interface BlockAnnotation {
  status: AnnotationStatus;
  group: number;
  tint: number;
  /** Tooltip on the whole block (repeats), or null. */
  title: string | null;
  /** Repeated ranges of a partial block, or the changed words of a near copy. */
  marks: readonly MarkAnnotation[];
  fold: FoldState;
  /** A repeat that is not word for word (a changed number or word): its bar is dashed and its placeholder says "similar". */
  similar?: boolean;
  /** A repeat of part of its original, word for word (a pull quote): its placeholder says "excerpt". */
  excerpt?: boolean;
  /** Such a repeat's changed words, joined, which its placeholder names. */
  changes?: string;
  /** Such a repeat's original's words that it leaves out, joined, which its placeholder names too. */
  dropped?: string;
  /** The block paints a background image of its own: the tint is laid over it rather than put in its place. */
  overImage?: boolean;
}

export interface FoldListener {
  toggle(key: number): void;
  goToFirst(key: number): void;
}

interface Applied {
  handle: BlockHandle;
  annotation: BlockAnnotation;
  /** The element that carries our attributes: the block's own element, or our run wrapper; null for a run painted in place. */
  target: Element | null;
  wrapper: Element | null;
  /** The block's `title` before we set ours: undefined when we never touched it, null when it had none. */
  savedTitle: string | null | undefined;
  /** The `title` we last wrote: one the page wrote since is the page's, and stays. */
  shownTitle: string | null;
  marks: MarkRecord | null;
  /** The marks, when they are painted as highlights instead of wrapped in elements. */
  painted: PaintRecord | null;
  fold: Element | null;
  /** The quotation box and attribution that fold with the block (fold-companions.ts), found when its placeholder is made. */
  companions: FoldCompanions | null;
  /** The shadow root the target sits in, holding the page rules for it; null in the document. */
  styledRoot: ShadowRoot | null;
  /** Whether the target may be folded, once asked: the answer reads its computed style. */
  foldable?: boolean;
  /** A run painted in place because it cannot be wrapped: asked to fold, it stays as it is. */
  unwrappable?: boolean;
}

/**
 * Never folded: table parts can't have a placeholder between them without breaking the table, and
 * hiding an item of a numbered list renumbers every item after it.
 */
const UNFOLDABLE = 'td, th, tr, thead, tbody, tfoot, caption, colgroup, col, ol > li';

/** An editable region inside a block belongs to the user: folding the block would hide it from them. */
const EDITABLE = '[contenteditable]:not([contenteditable="false" i])';

function sameRanges(a: readonly MarkAnnotation[], b: readonly MarkAnnotation[]): boolean {
  return (
    a.length === b.length &&
    a.every((m, i) => m.start === b[i].start && m.end === b[i].end && m.of === b[i].of && m.tint === b[i].tint && Boolean(m.changed) === Boolean(b[i].changed))
  );
}

/** Same titles, mark for mark, of two lists of the same ranges. */
function sameTitles(a: readonly MarkAnnotation[], b: readonly MarkAnnotation[]): boolean {
  return a.every((m, i) => m.title === b[i].title);
}

/**
 * Each mark's title by the canonical block it repeats; null when two marks repeating the same block
 * differ in title, as mark elements are told apart only by that block.
 */
function markTitles(marks: readonly MarkAnnotation[]): Map<number, string> | null {
  const titles = new Map<number, string>();
  for (const mark of marks) {
    if ((titles.get(mark.of) ?? mark.title) !== mark.title) return null;
    titles.set(mark.of, mark.title);
  }
  return titles;
}

/**
 * Equal apart from the fold state and the tooltips (of the block and of its marks): such a change is
 * written in place, as attributes, so a placeholder keeps focus and nothing moves.
 */
function sameShape(a: BlockAnnotation, b: BlockAnnotation): boolean {
  return (
    a.status === b.status &&
    a.group === b.group &&
    a.tint === b.tint &&
    Boolean(a.similar) === Boolean(b.similar) &&
    Boolean(a.excerpt) === Boolean(b.excerpt) &&
    Boolean(a.overImage) === Boolean(b.overImage) &&
    (a.changes ?? '') === (b.changes ?? '') &&
    (a.dropped ?? '') === (b.dropped ?? '') &&
    (a.title === null) === (b.title === null) &&
    sameRanges(a.marks, b.marks) &&
    markTitles(b.marks) !== null
  );
}

/** The elements hidden with a folded block: its quotation box, or the attribution beside it. */
function companionElements({ companions }: Applied): Element[] {
  if (!companions) return [];
  return companions.box ? [companions.box, ...companions.attribution] : companions.attribution;
}

export class Annotator {
  private readonly applied = new Map<number, Applied>();
  private readonly foldKeys = new WeakMap<Element, number>();

  /** `painter`: paints marks as highlights where the browser can; without one, marks are wrapped in elements. */
  constructor(
    private readonly doc: Document,
    private readonly listener: FoldListener,
    private readonly painter: HighlightPainter | null = null,
  ) {}

  get size(): number {
    return this.applied.size;
  }

  /** The element carrying the block's annotation, if it has one. */
  targetOf(key: number): Element | null {
    return this.applied.get(key)?.target ?? null;
  }

  /** Blocks still in the page whose placeholder is not: the page took it out. */
  *lostFolds(): Generator<number> {
    for (const [key, applied] of this.applied) if (applied.fold && !applied.fold.isConnected && applied.target?.isConnected) yield key;
  }

  /** The block's placeholder, if it has one. */
  foldOf(key: number): Element | null {
    return this.applied.get(key)?.fold ?? null;
  }

  /**
   * Whether showing `annotation` on a block costs the whole page a render step: adding or removing
   * nodes (marks wrapped in elements, a run wrapper, a placeholder) makes the browser lay the page out
   * again. Such changes are best made together, in one frame. Highlights insert no node.
   */
  costsWholePage(key: number, handle: BlockHandle, annotation: BlockAnnotation | null): boolean {
    const current = this.applied.get(key);
    if (current && annotation && this.inPlace(current, handle, annotation) && current.annotation.fold === annotation.fold) return false;
    if (current && (current.marks || current.wrapper || current.fold)) return true;
    return annotation !== null && ((annotation.marks.length > 0 && !this.painter) || annotation.fold !== null || handle.element === null);
  }

  /**
   * Shows a block the way `annotation` says (null: no annotation at all). Re-applying what is already
   * shown is free; a change of fold state or tooltips alone keeps the placeholder and marks, so keyboard
   * focus stays on it. Returns false when this block can't be annotated (a run that can't be wrapped).
   */
  apply(key: number, handle: BlockHandle, annotation: BlockAnnotation | null): boolean {
    const current = this.applied.get(key);
    if (current && annotation && this.inPlace(current, handle, annotation)) {
      // A fold shown or hidden in place needs our rules in its root: the page may have reset them since.
      if (current.styledRoot) renewRootStyles(current.styledRoot);
      this.retitle(current, annotation);
      if (current.annotation.fold !== annotation.fold) this.setFold(key, current, annotation.fold);
      current.annotation = annotation;
      return true;
    }
    if (current) this.remove(key);
    if (!annotation) return true;
    return this.add(key, handle, annotation);
  }

  /** Takes one block's annotation out of the page. */
  remove(key: number): void {
    const applied = this.applied.get(key);
    if (!applied) return;
    this.applied.delete(key);
    applied.fold?.remove();
    this.showCompanions(applied);
    if (applied.marks) unwrapMarks(applied.marks);
    if (applied.painted) this.painter?.erase(applied.painted);
    const { target } = applied;
    if (target) for (const name of OWN_ATTRIBUTES) target.removeAttribute(name);
    if (target && applied.savedTitle !== undefined && target.getAttribute('title') === applied.shownTitle) {
      if (applied.savedTitle === null) target.removeAttribute('title');
      else target.setAttribute('title', applied.savedTitle);
    }
    if (applied.wrapper) unwrapRun(applied.wrapper);
    if (applied.styledRoot) releaseRootStyles(applied.styledRoot);
  }

  /** Takes every annotation out of the page. */
  clear(): void {
    for (const key of [...this.applied.keys()]) this.remove(key);
  }

  /**
   * Takes our markup out of the page's copies of annotated content under each of `roots` (copies.ts).
   * `alsoOwns`: elements that carry our attributes for someone else (a flash).
   */
  scrubCopies(roots: Iterable<Node>, alsoOwns: (el: Element) => boolean): void {
    // Our own nodes and titles are listed once, and only when a copy turns up.
    let owned: Set<Node> | null = null;
    let titles: Map<string, string | null> | null = null;
    const ownership = {
      owns: (el: Element) => (owned ??= this.ownNodes()).has(el) || alsoOwns(el),
      pageTitle: (title: string) => (titles ??= this.shownTitles()).get(title),
    };
    for (const root of roots) scrubCopies(root, ownership);
  }

  /** Every element that now carries our markup rightly: placeholders, marks, wrappers, and the page's elements we annotate. */
  private ownNodes(): Set<Node> {
    const nodes = new Set<Node>();
    for (const applied of this.applied.values()) {
      if (applied.target) nodes.add(applied.target);
      if (applied.fold) nodes.add(applied.fold);
      for (const el of companionElements(applied)) nodes.add(el);
      for (const { added } of applied.marks?.splits ?? []) for (const node of added) nodes.add(node);
    }
    return nodes;
  }

  /** The page's own title behind each title we show on a block (null: it had none). */
  private shownTitles(): Map<string, string | null> {
    const titles = new Map<string, string | null>();
    for (const { savedTitle, shownTitle } of this.applied.values()) {
      if (shownTitle !== null && savedTitle !== undefined && !titles.has(shownTitle)) titles.set(shownTitle, savedTitle);
    }
    return titles;
  }

  /** Whether `annotation` can be shown by changing attributes of what `applied` already put in the page. */
  private inPlace(applied: Applied, handle: BlockHandle, annotation: BlockAnnotation): boolean {
    // A run is wrapped only while it has a placeholder, and painted in place otherwise.
    if (!applied.target && annotation.fold !== null && !applied.unwrappable) return false;
    if (applied.wrapper && annotation.fold === null && this.painter) return false;
    return applied.handle === handle && sameShape(applied.annotation, annotation);
  }

  /** Writes the tooltips of `annotation` over those `applied` shows (its shape being the same). */
  private retitle(applied: Applied, annotation: BlockAnnotation): void {
    const { target, marks } = applied;
    const title = this.blockTitle(annotation);
    if (target && title !== null && title !== this.blockTitle(applied.annotation)) {
      target.setAttribute('title', title);
      applied.shownTitle = title;
    }
    if (!marks || sameTitles(applied.annotation.marks, annotation.marks)) return;
    const titles = markTitles(annotation.marks)!;
    for (const { added } of marks.splits) {
      for (const node of added) {
        if (node.nodeType !== ELEMENT_NODE) continue;
        const title = titles.get(Number((node as Element).getAttribute(ATTR_OF)));
        if (title !== undefined) (node as Element).setAttribute('title', title);
      }
    }
  }

  private add(key: number, handle: BlockHandle, annotation: BlockAnnotation): boolean {
    // Ranges are located on the untouched DOM, before anything moves or splits.
    const segments: (PaintedSegment & { of: number; title: string })[] = annotation.marks.flatMap((mark) =>
      handle.locate(mark.start, mark.end).map((segment) => ({ ...segment, of: mark.of, tint: mark.tint, title: mark.title, changed: mark.changed })),
    );
    let target = handle.element;
    let wrapper: Element | null = null;
    if (!target) {
      const wrappable = canWrapRun(handle.nodes);
      if (this.painter && (annotation.fold === null || !wrappable)) {
        // A run with no placeholder (or none possible) is painted where it is: a framework that owns its
        // nodes (React rendering text and <br>s) must find them where it put them, or its next update throws.
        const run = annotation.status === 'partial' ? undefined : annotation.status;
        if (run) segments.unshift(...handle.locate(0, Infinity).map((segment) => ({ ...segment, of: key, tint: annotation.tint, title: '', run })));
      } else {
        if (!wrappable) return false;
        target = wrapper = wrapRun(this.doc, handle.nodes);
      }
    }
    // The manifest CSS can't reach into a shadow root: the root gets the same rules while it holds our marks.
    const styledRoot = holdRootStyles(target ?? handle.nodes[0]);
    const applied: Applied = { handle, annotation, target, wrapper, savedTitle: undefined, shownTitle: null, marks: null, painted: null, fold: null, companions: null, styledRoot };
    if (!target && annotation.fold !== null) applied.unwrappable = true;
    this.applied.set(key, applied);
    if (target) this.writeAttributes(applied, target, annotation);
    if (segments.length > 0) {
      if (this.painter) applied.painted = this.painter.paint(segments);
      else applied.marks = wrapMarks(this.doc, segments);
    }
    this.setFold(key, applied, annotation.fold);
    return true;
  }

  private writeAttributes(applied: Applied, target: Element, annotation: BlockAnnotation): void {
    target.setAttribute(ATTR_STATUS, annotation.status);
    target.setAttribute(ATTR_GROUP, String(annotation.group));
    target.setAttribute(ATTR_TINT, String(annotation.tint));
    if (annotation.similar) target.setAttribute(ATTR_SIMILAR, '');
    if (annotation.overImage) target.setAttribute(ATTR_OVER_IMAGE, '');
    const title = this.blockTitle(annotation);
    if (title !== null) {
      applied.savedTitle = target.getAttribute('title');
      target.setAttribute('title', title);
      applied.shownTitle = title;
    }
  }

  /** The block's tooltip: its own, or, for painted marks (a highlight has no tooltip), the marks' titles. */
  private blockTitle(annotation: BlockAnnotation): string | null {
    if (annotation.title !== null || !this.painter || annotation.marks.length === 0) return annotation.title;
    return [...new Set(annotation.marks.map((mark) => mark.title))].join('\n');
  }

  private setFold(key: number, applied: Applied, state: FoldState): void {
    const { target } = applied;
    if (!target) return;
    if (state === null || !this.foldable(applied, target) || !target.parentNode) {
      applied.fold?.remove();
      applied.fold = null;
      target.removeAttribute(ATTR_FOLDED);
      this.showCompanions(applied);
      applied.companions = null;
      return;
    }
    if (!applied.fold) {
      const { tint, similar, excerpt, changes, dropped } = applied.annotation;
      applied.fold = createFold(this.doc, tint, { similar: Boolean(similar), excerpt: Boolean(excerpt), changes: changes ?? '', dropped: dropped ?? '' }, {
        toggle: (fold) => this.fromFold(fold, (k) => this.listener.toggle(k)),
        goToFirst: (fold) => this.fromFold(fold, (k) => this.listener.goToFirst(k)),
      });
      this.foldKeys.set(applied.fold, key);
      applied.companions = foldCompanions(target);
      // A quotation box that folds whole has the placeholder in its place, not inside its empty frame.
      const before = applied.companions.box ?? target;
      before.parentNode!.insertBefore(applied.fold, before);
    }
    setFoldExpanded(applied.fold, state === 'expanded');
    if (state === 'folded') {
      target.setAttribute(ATTR_FOLDED, '');
      for (const el of companionElements(applied)) el.setAttribute(ATTR_FOLDED_WITH, '');
    } else {
      target.removeAttribute(ATTR_FOLDED);
      this.showCompanions(applied);
    }
  }

  private showCompanions(applied: Applied): void {
    for (const el of companionElements(applied)) el.removeAttribute(ATTR_FOLDED_WITH);
  }

  private foldable(applied: Applied, target: Element): boolean {
    applied.foldable ??= !target.matches(UNFOLDABLE) && !stepsNumbering(target);
    return applied.foldable && !target.querySelector(EDITABLE);
  }

  /** Runs `act` for the block a placeholder belongs to, if the placeholder is still ours and current. */
  private fromFold(fold: Element, act: (key: number) => void): void {
    const key = this.foldKeys.get(fold);
    if (key !== undefined && this.applied.get(key)?.fold === fold) act(key);
  }
}
