// Which blocks paint an image of their own behind their text: a gradient, a photo. Our tint is a
// background image, so on such a block it would take the place of the page's (light text on a dark
// gradient would be left on a pale tint); there the tint is laid over the box instead (styles.css).

/** What each block's background was when first read, before any tint of ours could be read back instead. */
export class OwnBackgrounds {
  private readonly known = new WeakMap<Element, boolean>();

  /** Reads `el`'s background once; best asked while the page's style is clean, before our writes. */
  note(el: Element): void {
    if (this.known.has(el)) return;
    const view = el.ownerDocument.defaultView;
    const image = typeof view?.getComputedStyle === 'function' ? view.getComputedStyle(el).backgroundImage : undefined;
    this.known.set(el, Boolean(image) && image !== 'none');
  }

  /** True when `el` was read with a background image of its own. */
  hasImage(el: Element): boolean {
    return this.known.get(el) === true;
  }
}
