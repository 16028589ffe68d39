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
  const closest = Element.prototype.closest;
  const parentNodeOf = getter(Node.prototype, 'parentNode');
  const hostOf = getter(ShadowRoot.prototype, 'host');
  const createRange = Document.prototype.createRange;
  const setStart = Range.prototype.setStart;
  const setEnd = Range.prototype.setEnd;
  const rangeRects = Range.prototype.getClientRects;
  const prototypeOf = Object.getPrototypeOf;
  // A range's accessors live on different prototypes of its chain in different browsers.
  const boundaryGetters = (proto) =>
    ['startContainer', 'startOffset', 'endContainer', 'endOffset'].map((name) => {
      for (let p = proto; p; p = prototypeOf(p)) {
        const descriptor = Object.getOwnPropertyDescriptor(p, name);
        if (descriptor) return descriptor.get;
      }
      throw new Error(`no accessor ${name}`);
    });
  const liveBoundaries = boundaryGetters(Range.prototype);
  const staticBoundaries = window.StaticRange ? boundaryGetters(StaticRange.prototype) : null;
  // ParaDedup's highlights, where the browser has the Custom Highlight API: our names are paradedup-<slot>.
  const registry = window.CSS && CSS.highlights;
  const registryForEach = registry && Object.getPrototypeOf(registry).forEach;
  const highlightForEach = window.Highlight && Highlight.prototype.forEach;
  const push = (list, item) => { list[list.length] = item; };

  let original = null;
  const violations = [];
  let restoredFromCache = false;
  // A page the browser brings back from its back/forward cache runs on where it was left, with no new load.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) restoredFromCache = true;
  });
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

  /** Content a style sheet draws in `el`'s `pseudo`: a quoted string (Chromium resolves attr() to one), or attr(name) (Firefox). */
  function generated(el, pseudo) {
    const content = getComputedStyleOf(el, pseudo).content;
    const attr = /^attr\(([\w-]+)\)$/.exec(content);
    if (attr) return getAttribute.call(el, attr[1]) || '';
    const quoted = /^"(.*)"$/s.exec(content);
    return quoted ? quoted[1].replace(/\\(.)/g, '$1') : '';
  }

  /** The words `el` shows: its text, and what its style sheet draws before and after it, whitespace collapsed. */
  function drawn(el) {
    return `${generated(el, '::before')} ${text(el)} ${generated(el, '::after')}`.replace(/\s+/g, ' ').trim();
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

  // Our highlights' names: paradedup-<slot> for repeated text, paradedup-changed for a near copy's changed words.
  const REPEATED = /^paradedup-\d+$/;
  const CHANGED = /^paradedup-changed$/;
  const RUN = /^paradedup-run-(repeat|first)-\d+$/;

  const LOOK = ['background-color', 'background-image', 'box-shadow', 'outline-style', 'outline-color',
    'border-top-style', 'border-top-color', 'color', 'text-decoration-line', 'display'];
  /** The painted look of an element (or of its `pseudo`): what a highlight or a hidden fold would change. */
  function look(el, pseudo) {
    const style = getComputedStyleOf(el, pseudo);
    const out = {};
    for (const name of LOOK) out[name] = style.getPropertyValue(name);
    return out;
  }

  /** Whether `node` is `root` or below it, through shadow roots. */
  function inside(root, node) {
    for (let n = node; n; n = parentNodeOf.call(n) || (n.nodeType === 11 ? hostOf.call(n) : null)) if (n === root) return true;
    return false;
  }

  /** A Range over characters [start, end) of one Text node. */
  function rangeOver(node, start, end) {
    const range = createRange.call(document);
    setStart.call(range, node, start);
    setEnd.call(range, node, end);
    return range;
  }

  function area(rects) {
    let sum = 0;
    for (const r of rects) sum += r.width * r.height;
    return sum;
  }

  /** Our highlight ranges whose name matches `names`, each within one Text node: { node, start, end, name, kind: 'live' | 'static' }. */
  function highlightRanges(names = REPEATED) {
    const found = [];
    if (!registry) return found;
    registryForEach.call(registry, (highlight, name) => {
      if (!names.test(name)) return;
      highlightForEach.call(highlight, (range) => {
        const kind = prototypeOf(range) === Range.prototype ? 'live' : 'static';
        const [startContainer, startOffset, endContainer, endOffset] = kind === 'live' ? liveBoundaries : staticBoundaries;
        const node = startContainer.call(range);
        if (node !== endContainer.call(range) || node.nodeType !== 3) return;
        push(found, { node, start: startOffset.call(range), end: endOffset.call(range), name, kind });
      });
    });
    return found;
  }

  /**
   * ParaDedup's marks of repeated text below `root` (or, with `changed`, of a near copy's changed words):
   * <paradedup-mark> elements, or the ranges it painted as highlights.
   * Each with its text, whether it is rendered, its painted look, and its kind (element, static or live range).
   */
  function marks(root = document, changed = false) {
    const elements = all(changed ? 'paradedup-mark[data-paradedup-changed]' : 'paradedup-mark:not([data-paradedup-changed])', root);
    const found = elements.map((el) => ({ text: text(el), visible: visible(el), look: look(el), kind: 'element' }));
    for (const { node, start, end, name, kind } of highlightRanges(changed ? CHANGED : REPEATED)) {
      if (!inside(root, node)) continue;
      const element = parentNodeOf.call(node);
      push(found, {
        text: nodeData.call(node).slice(start, end).replace(/\s+/g, ' ').trim(),
        visible: visible(element) && area(rangeRects.call(rangeOver(node, start, end))) > 0,
        look: look(element, `::highlight(${name})`),
        kind,
      });
    }
    return found;
  }

  /** `<br><br>`-separated runs ParaDedup painted in place below `root`: each range's text, the run's status, and its painted look. */
  function runs(root = document) {
    const found = [];
    for (const { node, start, end, name } of highlightRanges(RUN)) {
      if (!inside(root, node)) continue;
      push(found, {
        text: nodeData.call(node).slice(start, end).replace(/\s+/g, ' ').trim(),
        status: name.split('-')[2],
        look: look(parentNodeOf.call(node), `::highlight(${name})`),
      });
    }
    return found;
  }

  /** The text of `el` outside ParaDedup's marks, and whether any of it is rendered. */
  function unmarked(el) {
    const painted = highlightRanges();
    let out = '';
    let rendered = 0;
    const walker = createTreeWalker.call(el.ownerDocument || document, el, NodeFilter.SHOW_TEXT);
    for (let node = nextNode.call(walker); node; node = nextNode.call(walker)) {
      if (closest.call(parentNodeOf.call(node), 'paradedup-mark')) continue;
      const data = nodeData.call(node);
      const cuts = painted.filter((r) => r.node === node).sort((a, b) => a.start - b.start);
      let at = 0;
      for (const piece of [...cuts, { start: data.length, end: data.length }]) {
        if (piece.start > at) {
          out += data.slice(at, piece.start);
          rendered += area(rangeRects.call(rangeOver(node, at, piece.start)));
        }
        at = Math.max(at, piece.end);
      }
    }
    return { text: out.replace(/\s+/g, ' ').trim(), rendered: rendered > 0 };
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
      all, text, drawn, visible, inViewport, look, marks, runs, unmarked, annotations, watch, watchReport,
      violations: () => violations.slice(),
      restoredFromCache: () => restoredFromCache,
    }),
  });
})();
