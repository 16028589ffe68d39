// Which blocks a reader can see. Pages carry copies of their text that CSS hides: a mobile or print
// version, a template, a closed accordion. Those are not what the reader reads, so a visible
// paragraph must not be folded as a repeat of one, nor an invisible one counted. A hidden block is
// watched, and read once shown. Page only: the CLI has no style sheets, and reads what the markup shows.
import { ATTR_FOLDED, ATTR_FOLDED_WITH } from './dom-contract';

/** The element that lays `el` out: its slot when it is assigned to one, else its parent, across shadow roots. */
function flatParent(el: Element): Element | null {
  return el.assignedSlot ?? el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);
}

/**
 * The element whose box lays out what `el` holds: `el` itself, or for `display: contents` and our own
 * fold, the ancestor whose box holds its content; null when the browser does not render it (a
 * `display: none` or `content-visibility: hidden` subtree). Without `checkVisibility` (linkedom, old
 * browsers) every element lays itself out, as the markup alone cannot tell.
 */
function layoutBoxOf(el: Element): Element | null {
  if (typeof el.checkVisibility !== 'function') return el;
  // hidden="until-found" leaves the element a box but hides what it holds, until find-in-page reveals it.
  if (el.hasAttribute('hidden')) return null;
  for (let node: Element | null = el; node; node = flatParent(node)) {
    if (node.checkVisibility()) return node;
    // Our own fold hides a repeat on purpose, with the quotation box it fills: whether it shows is up to the box's parent.
    if (node.hasAttribute(ATTR_FOLDED)) {
      node = node.closest(`[${ATTR_FOLDED_WITH}]`) ?? node;
      continue;
    }
    // Its attribution too.
    if (node.hasAttribute(ATTR_FOLDED_WITH)) continue;
    // `display: contents` has no box of its own, but its content is laid out in its parent's.
    if (node.ownerDocument.defaultView?.getComputedStyle(node).display !== 'contents') return null;
  }
  return null;
}

/** Runs `run` in a task after `win`'s next rendered frame; at once where nothing renders frames (no `requestAnimationFrame`). */
function afterNextFrame(win: Window & typeof globalThis, run: () => void): void {
  if (typeof win.requestAnimationFrame !== 'function') return run();
  win.requestAnimationFrame(() => win.setTimeout(run, 0));
}

/** True when the browser renders `el`, in a box of its own or in an ancestor's (see `layoutBoxOf`). */
export function isShown(el: Element): boolean {
  return layoutBoxOf(el) !== null;
}

/** Hidden elements watched before the first check for ones the page has removed. */
const PRUNE_FLOOR = 1024;

/** Rescans wanted: elements shown or hidden since they were read. */
export type OnFlip = (elements: Element[]) => void;

/**
 * Tells which of a scan's grouped blocks are hidden, and watches the elements its results rely on:
 * hidden blocks, to read them once shown, and shown grouped blocks, so that a first occurrence
 * hidden later lets its repeats stand on their own and a repeat hidden later stops counting. CSS can
 * show or hide them without any change to the DOM (a class on an ancestor, a media query), so a size
 * observer follows them: showing or hiding an element changes its box from none to some, or back.
 */
export class VisibilityWatch {
  private readonly observer: ResizeObserver | null;
  /** Each watched element, and whether it was shown when last read. */
  private readonly watched = new Map<Element, boolean>();
  /**
   * Shown elements with no box of their own, found so when asked, and the ancestor whose box lays
   * them out: the observer never reports a size for them, so that box is observed in their place, as
   * hiding one changes its size. Not always: text that shares its lines with a neighbour's can go
   * without the box changing at all.
   */
  private readonly boxless = new WeakMap<Element, Element>();
  /** Observed boxes around boxless watched elements, and the elements each stands in for. */
  private readonly standIns = new Map<Element, Set<Element>>();
  private readonly standInOf = new Map<Element, Element>();
  /** Watched hidden elements past which the ones no longer in the page are dropped. */
  private pruneAt = PRUNE_FLOOR;
  /** Counts calls to `followShown` and `clear`: a follow waiting for its frame runs only if none came after it. */
  private followCalls = 0;

  constructor(
    private readonly win: Window & typeof globalThis,
    onFlip: OnFlip,
  ) {
    const Observer = win.ResizeObserver;
    this.observer = typeof Observer === 'function' ? new Observer((entries) => this.check(entries, onFlip)) : null;
  }

  /** True when the block element `el` is hidden; it is then watched, to be read once shown. */
  hiddenBlock(el: Element): boolean {
    const box = layoutBoxOf(el);
    if (box && box !== el) this.boxless.set(el, box);
    if (box) return false;
    if (!this.watched.has(el)) this.watch(el, false);
    return true;
  }

  /**
   * Follows these shown elements (the grouped blocks), and of the shown ones only these, from the task
   * after the next frame: the browser measures each newly observed element in the frame that follows,
   * 10-30 ms for the groups of a 10,000-paragraph page, which fell in the frame that painted the annotations.
   */
  followShown(elements: ReadonlySet<Element>): void {
    const call = ++this.followCalls;
    afterNextFrame(this.win, () => {
      if (call === this.followCalls) this.follow(elements);
    });
  }

  private follow(elements: ReadonlySet<Element>): void {
    for (const [el, shown] of this.watched) {
      if (shown && !elements.has(el)) this.unwatch(el);
    }
    for (const el of elements) if (!this.watched.has(el)) this.watch(el, true);
  }

  /** Stops watching everything (a full scan reads the page afresh). */
  clear(): void {
    this.followCalls++;
    this.observer?.disconnect();
    this.watched.clear();
    this.standIns.clear();
    this.standInOf.clear();
    this.pruneAt = PRUNE_FLOOR;
  }

  private check(entries: readonly ResizeObserverEntry[], onFlip: OnFlip): void {
    const flipped: Element[] = [];
    const look = (target: Element) => {
      const was = this.watched.get(target);
      if (was === undefined) return;
      if (!target.isConnected) this.unwatch(target);
      else if (isShown(target) !== was) {
        this.unwatch(target);
        flipped.push(target);
      }
    };
    for (const { target } of entries) {
      look(target);
      const leaning = this.standIns.get(target);
      if (leaning) for (const el of [...leaning]) look(el);
    }
    if (flipped.length > 0) onFlip(flipped);
  }

  private watch(el: Element, shown: boolean): void {
    if (!this.observer) return;
    if (!shown && this.watched.size >= this.pruneAt) this.prune();
    this.watched.set(el, shown);
    this.observer.observe(el);
    const box = shown ? this.boxless.get(el) : undefined;
    if (!box) return;
    this.standInOf.set(el, box);
    const leaning = this.standIns.get(box);
    if (leaning) leaning.add(el);
    else {
      this.standIns.set(box, new Set([el]));
      this.observer.observe(box);
    }
  }

  private unwatch(el: Element): void {
    this.watched.delete(el);
    if (!this.standIns.has(el)) this.observer?.unobserve(el);
    const box = this.standInOf.get(el);
    if (!box) return;
    this.standInOf.delete(el);
    const leaning = this.standIns.get(box)!;
    leaning.delete(el);
    if (leaning.size > 0) return;
    this.standIns.delete(box);
    if (!this.watched.has(box)) this.observer?.unobserve(box);
  }

  /** Drops elements the page has removed: a page that keeps adding hidden content must not make us hold it all. */
  private prune(): void {
    for (const el of this.watched.keys()) if (!el.isConnected) this.unwatch(el);
    this.pruneAt = Math.max(PRUNE_FLOOR, 2 * this.watched.size);
  }
}
