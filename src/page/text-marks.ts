// Wrapping character ranges of Text nodes in <paradedup-mark>, and undoing it so the page gets its
// original Text node objects back, with their original data.
import { ATTR_CHANGED, ATTR_OF, ATTR_TINT, MARK_TAG, createOwnElement } from './dom-contract';

/** [start, end) of one Text node's data. */
export interface TextSegment {
  node: Text;
  start: number;
  end: number;
}

export interface MarkSpec extends TextSegment {
  /** Canonical block id the marked text repeats. */
  of: number;
  tint: number;
  title: string;
  /** Words of a near copy that its original lacks, rather than repeated text. */
  changed?: boolean;
}

/** What wrapping did to one original Text node: it keeps the text before the first mark; `added` holds the rest. */
interface SplitNode {
  node: Text;
  added: Node[];
}

/** Undo information for the marks of one block. */
export interface MarkRecord {
  splits: SplitNode[];
}

/** A segment that can still be marked: non-empty, within its node's text, and its node in a tree. */
export function isMarkable({ node, start, end }: TextSegment): boolean {
  return node.parentNode !== null && start >= 0 && end <= node.data.length && start < end;
}

function makeMark(doc: Document, spec: MarkSpec, text: string): Element {
  const mark = createOwnElement(doc, MARK_TAG);
  mark.setAttribute(ATTR_OF, String(spec.of));
  mark.setAttribute(ATTR_TINT, String(spec.tint));
  mark.setAttribute('title', spec.title);
  if (spec.changed) mark.setAttribute(ATTR_CHANGED, '');
  mark.textContent = text;
  return mark;
}

/** Splits one Text node around its (sorted, non-overlapping) marked ranges without replacing the node itself. */
function splitNode(doc: Document, node: Text, specs: MarkSpec[]): SplitNode {
  const data = node.data;
  const added: Node[] = [];
  let cursor = specs[0].start;
  for (const spec of specs) {
    if (spec.start > cursor) added.push(doc.createTextNode(data.slice(cursor, spec.start)));
    added.push(makeMark(doc, spec, data.slice(spec.start, spec.end)));
    cursor = spec.end;
  }
  if (cursor < data.length) added.push(doc.createTextNode(data.slice(cursor)));
  // The original node keeps what precedes the first mark (possibly nothing): the page's references to it stay valid.
  node.data = data.slice(0, specs[0].start);
  node.after(...added);
  return { node, added };
}

/** Wraps each spec's range in a mark. Empty, out-of-range and overlapping specs are skipped. */
export function wrapMarks(doc: Document, specs: readonly MarkSpec[]): MarkRecord {
  const byNode = new Map<Text, MarkSpec[]>();
  for (const spec of specs) {
    if (!isMarkable(spec)) continue;
    const list = byNode.get(spec.node) ?? [];
    list.push(spec);
    byNode.set(spec.node, list);
  }
  const splits: SplitNode[] = [];
  for (const [node, list] of byNode) {
    list.sort((a, b) => a.start - b.start);
    const disjoint = list.filter((spec, i) => i === 0 || spec.start >= list[i - 1].end);
    splits.push(splitNode(doc, node, disjoint));
  }
  return { splits };
}

/** Merges every split back into its original Text node, keeping any edits the page made to the pieces meanwhile. */
export function unwrapMarks(record: MarkRecord): void {
  for (const { node, added } of record.splits) {
    const attached = added.filter((piece) => piece.parentNode === node.parentNode);
    const data = node.data + attached.map((piece) => piece.textContent ?? '').join('');
    for (const piece of added) piece.parentNode?.removeChild(piece);
    if (node.data !== data) node.data = data;
  }
  record.splits = [];
}
