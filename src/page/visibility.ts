// Which blocks a reader can see. Pages carry copies of their text that CSS hides: a mobile or print
// version, a template, a closed accordion. Those are not what the reader reads, so a visible
// paragraph must not be folded as a repeat of one, nor an invisible one counted. A hidden block is
// watched, and read once shown. Page only: the CLI has no style sheets, and reads what the markup shows.
import { ATTR_FOLDED } from './dom-contract';

/** The element that lays `el` out: its slot when it is assigned to one, else its parent, across shadow roots. */
function flatParent(el: Element): Element | null {
  return el.assignedSlot ?? el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host || null);
}

/**
 * True when the browser renders `el`: it has a box, outside any `display: none` or
 * `content-visibility: hidden` subtree. Without `checkVisibility` (linkedom, old browsers) every
 * element counts as shown, as the markup alone cannot tell.
 */
export function isShown(el: Element): boolean {
  if (typeof el.checkVisibility !== 'function') return true;
  // hidden="until-found" leaves the element a box but hides what it holds, until find-in-page reveals it.
  if (el.hasAttribute('hidden')) return false;
  for (let node: Element | null = el; node; node = flatParent(node)) {
    if (node.checkVisibility()) return true;
    // Our own fold hides a repeat on purpose: whether it shows is up to its parent.
    if (node.hasAttribute(ATTR_FOLDED)) continue;
    // `display: contents` has no box of its own, but its content is laid out in its parent's.
    if (node.ownerDocument.defaultView?.getComputedStyle(node).display !== 'contents') return false;
  }
  return false;
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
  /** Watched hidden elements past which the ones no longer in the page are dropped. */
  private pruneAt = PRUNE_FLOOR;

  constructor(win: Window & typeof globalThis, onFlip: OnFlip) {
    const Observer = win.ResizeObserver;
    this.observer = typeof Observer === 'function' ? new Observer((entries) => this.check(entries, onFlip)) : null;
  }

  /** True when the block element `el` is hidden; it is then watched, to be read once shown. */
  hiddenBlock(el: Element): boolean {
    if (isShown(el)) return false;
    if (!this.watched.has(el)) this.watch(el, false);
    return true;
  }

  /** Follows these shown elements (the grouped blocks), and of the shown ones only these. */
  followShown(elements: ReadonlySet<Element>): void {
    for (const [el, shown] of this.watched) {
      if (shown && !elements.has(el)) this.unwatch(el);
    }
    for (const el of elements) if (!this.watched.has(el)) this.watch(el, true);
  }

  /** Stops watching everything (a full scan reads the page afresh). */
  clear(): void {
    this.observer?.disconnect();
    this.watched.clear();
    this.pruneAt = PRUNE_FLOOR;
  }

  private check(entries: readonly ResizeObserverEntry[], onFlip: OnFlip): void {
    const flipped: Element[] = [];
    for (const { target } of entries) {
      const was = this.watched.get(target);
      if (was === undefined) continue;
      if (!target.isConnected) this.unwatch(target);
      else if (isShown(target) !== was) {
        this.unwatch(target);
        flipped.push(target);
      }
    }
    if (flipped.length > 0) onFlip(flipped);
  }

  private watch(el: Element, shown: boolean): void {
    if (!this.observer) return;
    if (!shown && this.watched.size >= this.pruneAt) this.prune();
    this.watched.set(el, shown);
    this.observer.observe(el);
  }

  private unwatch(el: Element): void {
    this.watched.delete(el);
    this.observer?.unobserve(el);
  }

  /** Drops elements the page has removed: a page that keeps adding hidden content must not make us hold it all. */
  private prune(): void {
    for (const el of this.watched.keys()) if (!el.isConnected) this.unwatch(el);
    this.pruneAt = Math.max(PRUNE_FLOOR, 2 * this.watched.size);
  }
}
