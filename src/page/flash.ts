// Briefly flashes an element the user jumped to (the manifest CSS animates ATTR_FLASH), and can take
// keyboard focus there.
import { ATTR_FLASH } from './dom-contract';
import { holdRootStyles, releaseRootStyles } from './root-styles';
import { parentAcrossShadow } from './tree';

const FLASH_MS = 1600;

/**
 * Flashes elements and makes sure none keeps the flash attribute once it's over or cancelled, nor the
 * tabindex lent to an element so that it could take focus once it loses it.
 */
export class Flasher {
  private readonly active = new Map<Element, { timer: ReturnType<typeof setTimeout>; styledRoot: ShadowRoot | null }>();
  private lent: { element: HTMLElement; release: () => void } | null = null;

  /** Flashes `element`; with `focus`, also moves keyboard focus to it, so Tab and a screen reader go on from there. */
  flash(element: Element, { focus = false } = {}): void {
    this.stop(element);
    element.setAttribute(ATTR_FLASH, '');
    // In a shadow root the flash's rules must be there too, even with no annotation holding them.
    const styledRoot = holdRootStyles(element);
    this.active.set(element, { timer: setTimeout(() => this.stop(element), FLASH_MS), styledRoot });
    if (focus) this.focus(element as HTMLElement);
  }

  /** Whether `element` is flashing now. */
  isFlashing(element: Element): boolean {
    return this.active.has(element);
  }

  /** Removes every flash and lent tabindex now (restore must leave no attribute behind). */
  cancelAll(): void {
    for (const element of [...this.active.keys()]) this.stop(element);
    this.lent?.release();
  }

  private focus(element: HTMLElement): void {
    this.lent?.release();
    if (typeof element.focus !== 'function') return;
    // A paragraph takes focus only with a tabindex; -1 keeps it out of the tab order, and it goes when focus leaves.
    if (!element.hasAttribute('tabindex')) {
      element.setAttribute('tabindex', '-1');
      const release = () => {
        element.removeEventListener('blur', release);
        element.removeAttribute('tabindex');
        if (this.lent?.element === element) this.lent = null;
      };
      element.addEventListener('blur', release);
      this.lent = { element, release };
    }
    // The scroll is already under way (smooth where the reader allows it); focus must not jump ahead of it.
    element.focus({ preventScroll: true });
    // Inert or otherwise unfocusable: it never blurs, so the tabindex goes back at once.
    if (element.ownerDocument.activeElement !== element) this.lent?.release();
  }

  private stop(element: Element): void {
    const flash = this.active.get(element);
    if (flash === undefined) return;
    clearTimeout(flash.timer);
    this.active.delete(element);
    element.removeAttribute(ATTR_FLASH);
    if (flash.styledRoot) releaseRootStyles(flash.styledRoot);
  }
}

function scrollBehavior(view: Window | null): ScrollBehavior {
  return (view?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? true) ? 'auto' : 'smooth';
}

/** Scrolls so the element sits mid-screen, without animation for people who asked for reduced motion. */
export function scrollToElement(element: Element): void {
  element.scrollIntoView?.({ block: 'center', behavior: scrollBehavior(element.ownerDocument.defaultView) });
}

/**
 * Scrolls so that consecutive sibling nodes (a run with no element of its own) sit mid-screen: their
 * container first comes into view, then each box between them and the page that scrolls its content
 * (an overflow: auto comment box) centres them, and last the window does.
 */
export function scrollToNodes(nodes: readonly Node[], container: Element): void {
  const doc = container.ownerDocument;
  const view = doc.defaultView;
  container.scrollIntoView?.({ block: 'nearest' });
  if (!view || nodes.length === 0 || typeof doc.createRange !== 'function') return;
  const range = doc.createRange();
  range.setStartBefore(nodes[0]);
  range.setEndAfter(nodes[nodes.length - 1]);
  if (typeof range.getBoundingClientRect !== 'function') return;
  for (let box: Element | null = container; box && box !== doc.documentElement && box !== doc.body; box = parentAcrossShadow(box)) {
    if (box.scrollHeight <= box.clientHeight || !/^(auto|scroll|overlay)$/.test(view.getComputedStyle(box).overflowY)) continue;
    const run = range.getBoundingClientRect();
    const frame = box.getBoundingClientRect();
    // At once, whatever the page's scroll-behavior: the next box and the window measure where this one left the run.
    box.scrollBy?.({ top: run.top + run.height / 2 - (frame.top + box.clientTop + box.clientHeight / 2), behavior: 'instant' });
  }
  const box = range.getBoundingClientRect();
  view.scrollBy({ top: box.top + box.height / 2 - view.innerHeight / 2, behavior: scrollBehavior(view) });
}
