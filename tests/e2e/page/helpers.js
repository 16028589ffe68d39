// Test helpers the fixture server loads first in every fixture page's <head>, as window.__e2e.
// They run before any page script, so they keep pristine copies of the DOM functions they use:
// hostile fixtures replace prototypes afterwards, and the tests must still read the page truthfully.
// Nothing here touches the DOM; the only global is window.__e2e.
(() => {
  'use strict';
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const outerHTML = getter(Element.prototype, 'outerHTML');
  const shadowRootOf = getter(Element.prototype, 'shadowRoot');
  const nodeData = getter(CharacterData.prototype, 'data');
  const createTreeWalker = Document.prototype.createTreeWalker;
  const nextNode = TreeWalker.prototype.nextNode;
  const querySelectorAll = Element.prototype.querySelectorAll;
  const fragmentQuerySelectorAll = DocumentFragment.prototype.querySelectorAll;
  const documentQuerySelectorAll = Document.prototype.querySelectorAll;
  const matches = Element.prototype.matches;
  const getComputedStyleOf = window.getComputedStyle.bind(window);
  const getClientRects = Element.prototype.getClientRects;
  const getBoundingClientRect = Element.prototype.getBoundingClientRect;
  const getAttribute = Element.prototype.getAttribute;
  const hasAttribute = Element.prototype.hasAttribute;
  const getAnimations = Element.prototype.getAnimations;
  const checkVisibility = Element.prototype.checkVisibility;
  const NativeMutationObserver = window.MutationObserver;
  const push = (list, item) => { list[list.length] = item; };

  let original = null;
  const violations = [];
  // A content script that trips the page's CSP gets reported to the site: none may happen.
  document.addEventListener('securitypolicyviolation', (event) => {
    push(violations, `${event.violatedDirective} ${event.blockedURI}`);
  });
  // document_idle content scripts run after parsing ends, so this is the DOM before any scan.
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive' && original === null) original = outerHTML.call(document.body);
  });

  /** Elements matching `selector` below `root` and in every open shadow root there (hosts before their shadow content). */
  function all(selector, root = document) {
    const found = [];
    const visit = (scope) => {
      const query = scope.nodeType === 1 ? querySelectorAll : scope.nodeType === 9 ? documentQuerySelectorAll : fragmentQuerySelectorAll;
      for (const el of query.call(scope, '*')) {
        if (matches.call(el, selector)) push(found, el);
        const shadow = shadowRootOf.call(el);
        if (shadow) visit(shadow);
      }
    };
    visit(root);
    return found;
  }

  /** The text a reader sees in `node`'s light DOM, whitespace collapsed, as the block extractor reports it. */
  function text(node) {
    if (!node) return '';
    let out = '';
    const walker = createTreeWalker.call(node.ownerDocument || document, node, NodeFilter.SHOW_TEXT);
    for (let t = nextNode.call(walker); t; t = nextNode.call(walker)) out += nodeData.call(t);
    return out.replace(/\s+/g, ' ').trim();
  }

  /** Rendered, with a non-empty box, and not hidden by visibility, opacity or display. */
  function visible(el) {
    if (!el || !el.isConnected) return false;
    if (!checkVisibility.call(el, { visibilityProperty: true, opacityProperty: true })) return false;
    const rects = getClientRects.call(el);
    for (const r of rects) if (r.width > 0 && r.height > 0) return true;
    return false;
  }

  /** At least part of the element's box is inside the viewport. */
  function inViewport(el) {
    const r = getBoundingClientRect.call(el);
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  }

  const LOOK = ['background-color', 'background-image', 'box-shadow', 'outline-style', 'outline-color',
    'border-top-style', 'border-top-color', 'color', 'text-decoration-line', 'display'];
  /** The painted look of an element: what a highlight or a hidden fold would change. */
  function look(el) {
    const style = getComputedStyleOf(el);
    const out = {};
    for (const name of LOOK) out[name] = style.getPropertyValue(name);
    return out;
  }

  /** Every annotated block (through open shadow roots): its status, its expectation and its text. */
  function annotations(root = document) {
    return all('[data-paradedup], [data-expect]', root).map((el) => ({
      tag: el.localName,
      status: getAttribute.call(el, 'data-paradedup'),
      expect: getAttribute.call(el, 'data-expect'),
      folded: hasAttribute.call(el, 'data-paradedup-folded'),
      text: text(el).slice(0, 80),
    }));
  }

  // Records what happens to some elements after a click: attribute changes and animations (a "flash").
  const watched = [];
  const changes = [];
  const observer = new NativeMutationObserver((records) => {
    for (const r of records) push(changes, r.attributeName);
  });
  function watch(elements) {
    watched.length = 0;
    changes.length = 0;
    for (const el of elements) {
      push(watched, el);
      observer.observe(el, { attributes: true });
    }
  }
  function watchReport() {
    let animations = 0;
    for (const el of watched) animations += getAnimations.call(el).length;
    return { attributeChanges: changes.slice(), animations };
  }

  Object.defineProperty(window, '__e2e', {
    value: Object.freeze({
      original: () => original,
      bodyHTML: () => outerHTML.call(document.body),
      all, text, visible, inViewport, look, annotations, watch, watchReport,
      violations: () => violations.slice(),
    }),
  });
})();
