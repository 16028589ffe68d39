// Just enough CSS for linkedom to answer what src/page/visibility.ts asks: inline `display` styles
// (and ParaDedup's own fold) decide which elements have a box, `checkVisibility` and
// `getComputedStyle` report it, and a ResizeObserver the test drives stands in for the browser's.
import { ATTR_FOLDED, ATTR_FOLDED_WITH } from '../../src/page/dom-contract';

function ownDisplay(el: Element): string {
  if (el.hasAttribute(ATTR_FOLDED) || el.hasAttribute(ATTR_FOLDED_WITH)) return 'none';
  return /display:\s*([a-z]+)/.exec(el.getAttribute('style') ?? '')?.[1] ?? 'block';
}

/** As the browser answers: false without a box of its own, or inside a `display: none` subtree. */
function checkVisibility(this: Element): boolean {
  if (ownDisplay(this) === 'contents') return false;
  for (let el: Element | null = this; el; el = el.parentElement) if (ownDisplay(el) === 'none') return false;
  return true;
}

export class FakeResizeObserver {
  static readonly all: FakeResizeObserver[] = [];
  readonly observed = new Set<Element>();

  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.all.push(this);
  }

  observe(el: Element): void {
    this.observed.add(el);
  }

  unobserve(el: Element): void {
    this.observed.delete(el);
  }

  disconnect(): void {
    this.observed.clear();
  }

  /** What the browser does after a layout in which these observed elements changed size. */
  resized(elements: Element[]): void {
    const entries = elements.filter((el) => this.observed.has(el)).map((target) => ({ target }) as ResizeObserverEntry);
    if (entries.length > 0) this.callback(entries, this as unknown as ResizeObserver);
  }
}

/** Gives a linkedom window (and the window-like object a test hands the controller) the fake CSS. */
export function addFakeCss(linkedomWindow: Window & typeof globalThis, win: object = linkedomWindow): void {
  Object.defineProperty(linkedomWindow.Element.prototype, 'checkVisibility', { value: checkVisibility, configurable: true });
  const getComputedStyle = (el: Element) => ({ display: ownDisplay(el) });
  Object.assign(linkedomWindow, { getComputedStyle });
  Object.assign(win, { ResizeObserver: FakeResizeObserver, getComputedStyle });
}
