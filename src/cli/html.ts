// HTML files are parsed as a browser parses them, so that `npm run scan` finds the blocks the content
// script would find on the same page. linkedom alone (htmlparser2's rules) keeps only the first
// top-level element of a fragment in `documentElement`, drops what follows `</html>`, and nests where
// browsers reopen formatting elements: on broken markup it lost whole paragraphs. parse5 implements
// the HTML standard's tree builder; its tree is copied into a linkedom document, the DOM the
// extractor walks.
import { parseHTML } from 'linkedom';
import { defaultTreeAdapter, parse, type DefaultTreeAdapterMap, type TreeAdapter } from 'parse5';
import { DOCUMENT_TYPE_NODE, ELEMENT_NODE } from '../page/tree';

type Parse5Map = DefaultTreeAdapterMap;
type Parse5Node = Parse5Map['node'];
type Parse5Parent = Parse5Map['parentNode'];

/**
 * Blink's own limit on the tree's depth. parse5 has none, and its scope checks read the whole stack
 * of open elements, so a file of 200,000 unclosed `<div>`s took five and a half minutes. Deeper pages
 * are built by linkedom's parser instead, which took 12–29 s on that file, as it did before parse5.
 */
export const MAX_PARSE5_DEPTH = 512;

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

class TooDeep extends Error {}

/** parse5's default tree, refusing to nest deeper than MAX_PARSE5_DEPTH. */
function depthLimitedAdapter(): TreeAdapter<Parse5Map> {
  const depths = new WeakMap<Parse5Parent, number>();
  const check = (parent: Parse5Parent, node: Parse5Node) => {
    const depth = (depths.get(parent) ?? 0) + 1;
    if (depth > MAX_PARSE5_DEPTH) throw new TooDeep();
    if ('childNodes' in node) depths.set(node, depth);
  };
  return {
    ...defaultTreeAdapter,
    appendChild(parent, node) {
      check(parent, node);
      defaultTreeAdapter.appendChild(parent, node);
    },
    insertBefore(parent, node, reference) {
      check(parent, node);
      defaultTreeAdapter.insertBefore(parent, node, reference);
    },
  };
}

/** The elements the DOM lets a shadow root attach to, besides custom elements. */
const SHADOW_HOSTS = new Set(['article', 'aside', 'blockquote', 'body', 'div', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'main', 'nav', 'p', 'section', 'span']);

/**
 * The mode of the shadow root `template` declares for `parent`, as a browser's parser attaches it:
 * only the first such template of a host that can hold one counts, and the rest stay templates.
 */
function declaredShadowRoot(template: Parse5Map['element'], parent: Node, hosts: WeakSet<Node>): 'open' | 'closed' | null {
  if (template.tagName !== 'template' || parent.nodeType !== ELEMENT_NODE || hosts.has(parent)) return null;
  const mode = template.attrs.find(({ name }) => name === 'shadowrootmode')?.value.toLowerCase();
  if (mode !== 'open' && mode !== 'closed') return null;
  const name = (parent as Element).localName;
  return SHADOW_HOSTS.has(name) || name.includes('-') ? mode : null;
}

/** Copies parse5's tree into `document`, with an explicit stack: broken pages nest deep. */
function copyInto(document: Document, tree: Parse5Map['document']): void {
  const pending: { node: Parse5Node; parent: Node }[] = [];
  const queueChildren = (from: Parse5Parent, to: Node) => {
    for (let i = from.childNodes.length - 1; i >= 0; i--) pending.push({ node: from.childNodes[i], parent: to });
  };
  const shadowHosts = new WeakSet<Node>();
  queueChildren(tree, document);
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { node, parent } = item;
    if (defaultTreeAdapter.isElementNode(node)) {
      const mode = declaredShadowRoot(node, parent, shadowHosts);
      if (mode) {
        shadowHosts.add(parent);
        // An open root is read, as the extension reads it in a page. A closed one is as opaque to
        // the extension as to any script: it reads the host's own children instead.
        if (mode === 'open') queueChildren(defaultTreeAdapter.getTemplateContent(node as Parse5Map['template']), (parent as Element).attachShadow({ mode }));
        continue;
      }
      const element =
        node.namespaceURI === HTML_NAMESPACE
          ? document.createElement(node.tagName)
          : document.createElementNS(node.namespaceURI, node.tagName);
      for (const { name, value } of node.attrs) {
        try {
          element.setAttribute(name, value);
        } catch {
          // A name the DOM refuses (`"a"=1`) is dropped, as it would be by a script copying it; the text stays.
        }
      }
      parent.appendChild(element);
      // A template's content is inert, outside the tree, as in a browser.
      if (node.tagName !== 'template') queueChildren(node, element);
    } else if (defaultTreeAdapter.isTextNode(node)) {
      parent.appendChild(document.createTextNode(node.value));
    } else if (defaultTreeAdapter.isCommentNode(node)) {
      parent.appendChild(document.createComment(node.data));
    }
  }
}

/**
 * linkedom's parse, as a fallback for pages too deep for parse5, with its top-level nodes gathered
 * under one `<html>`, where a browser would put them: the extractor starts at `documentElement`.
 */
function parseWithLinkedom(html: string): Document {
  const { document } = parseHTML(html);
  const top = [...document.childNodes].filter((node) => node.nodeType !== DOCUMENT_TYPE_NODE);
  if (top.length > 1 || (top.length === 1 && top[0] !== document.documentElement)) {
    const root = document.createElement('html');
    for (const node of top) root.appendChild(node);
    document.appendChild(root);
  }
  return document as unknown as Document;
}

/** `html` parsed as a browser would, as a DOM that `extractBlocks` can walk. */
export function parseHtmlDocument(html: string): Document {
  let tree: Parse5Map['document'];
  try {
    tree = parse(html, { treeAdapter: depthLimitedAdapter() });
  } catch (error) {
    if (error instanceof TooDeep) return parseWithLinkedom(html);
    throw error;
  }
  const { document } = parseHTML('');
  copyInto(document as unknown as Document, tree);
  return document as unknown as Document;
}
