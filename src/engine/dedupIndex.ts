import { analyze, type Analysis, type Sentence } from './analyze';
import { Buckets } from './buckets';
import { simhash } from './simhash';
import { containment, jaccard } from './similarity';
import {
  ANCHORS_PER_BLOCK,
  BUCKET_CAP,
  DEFAULT_OPTIONS,
  MAX_CANDIDATES,
  MIN_SENTENCE_TOKENS,
  SIMHASH_BANDS,
  STRICTNESS,
} from './thresholds';
import type { BlockResult, DedupReport, EngineOptions, Fingerprint, Group, RepeatedRange } from './types';

interface Entry {
  key: number;
  order: number;
  text: string;
  analysis: Analysis;
  fingerprint: Fingerprint;
  /** Long enough to be compared at all. */
  indexed: boolean;
  result: BlockResult;
  /** Earlier blocks this block's result refers to. */
  sources: number[];
}

const BAND_BITS = 64 / SIMHASH_BANDS;
const BAND_MASK = 2 ** BAND_BITS - 1;

function bandKeys(fp: Fingerprint): number[] {
  const keys: number[] = [];
  for (let band = 0; band < SIMHASH_BANDS; band++) {
    const bit = band * BAND_BITS;
    const word = bit < 32 ? fp.lo : fp.hi;
    keys.push(band * 2 ** BAND_BITS + ((word >>> bit % 32) & BAND_MASK));
  }
  return keys;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function sameResult(a: BlockResult, b: BlockResult): boolean {
  if (a.status !== b.status || a.of !== b.of || a.similarity !== b.similarity) return false;
  if (a.repeated.length !== b.repeated.length) return false;
  return a.repeated.every((r, i) => r.start === b.repeated[i].start && r.end === b.repeated[i].end && r.of === b.repeated[i].of);
}

/** Pops keys in document order, so every block is classified after the earlier blocks it may repeat. */
class OrderQueue {
  private readonly heap: number[] = [];
  private readonly queued = new Set<number>();
  constructor(private readonly orderOf: (key: number) => number) {}

  push(key: number): void {
    if (this.queued.has(key)) return;
    this.queued.add(key);
    const heap = this.heap;
    heap.push(key);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.orderOf(heap[parent]) <= this.orderOf(heap[i])) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  }

  pop(): number | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < heap.length && this.orderOf(heap[l]) < this.orderOf(heap[min])) min = l;
        if (r < heap.length && this.orderOf(heap[r]) < this.orderOf(heap[min])) min = r;
        if (min === i) break;
        [heap[min], heap[i]] = [heap[i], heap[min]];
        i = min;
      }
    }
    this.queued.delete(top);
    return top;
  }

  delete(key: number): void {
    if (!this.queued.has(key)) return;
    this.queued.delete(key);
    const at = this.heap.indexOf(key);
    const rest = this.heap.splice(at);
    rest.shift();
    for (const k of rest) {
      this.queued.delete(k);
      this.push(k);
    }
  }
}

/**
 * An incremental index of a page's blocks. Keys are the caller's block ids; `order` is the block's
 * position in the document (smaller is earlier) and decides which occurrence is canonical.
 * Existing blocks must keep their relative order: a block that moves is deleted and set again.
 * Work is proportional to what changed: `set` fingerprints one block, and `report` reclassifies
 * only changed blocks and those whose match they affect.
 */
export class DedupIndex {
  readonly options: EngineOptions;
  private readonly entries = new Map<number, Entry>();
  private readonly orderOf = (key: number) => this.entries.get(key)!.order;
  private readonly sameText = new Buckets(this.orderOf);
  private readonly bands = new Buckets(this.orderOf, BUCKET_CAP);
  private readonly anchors = new Buckets(this.orderOf, BUCKET_CAP);
  private readonly sentences = new Buckets(this.orderOf);
  private readonly dependents = new Map<number, Set<number>>();
  private readonly dirty = new OrderQueue(this.orderOf);
  private ordered: number[] = [];
  private orderedValid = true;

  constructor(options: Partial<EngineOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  get size(): number {
    return this.entries.size;
  }

  set(key: number, text: string, order: number): void {
    const old = this.entries.get(key);
    if (old && old.text === text) {
      old.order = order;
      this.orderedValid = false;
      return;
    }
    if (old) this.delete(key);
    const analysis = analyze(text);
    const fingerprint = simhash(analysis.features);
    const entry: Entry = {
      key,
      order,
      text,
      analysis,
      fingerprint,
      indexed: analysis.weight >= this.options.minBlockChars,
      result: { id: key, status: 'unique', of: null, similarity: 0, repeated: [], fingerprint },
      sources: [],
    };
    this.entries.set(key, entry);
    if (this.orderedValid && (this.ordered.length === 0 || this.orderOf(this.ordered[this.ordered.length - 1]) < order)) {
      this.ordered.push(key);
    } else {
      this.orderedValid = false;
    }
    this.dirty.push(key);
    if (!entry.indexed) return;
    this.forEachBucket(entry, (buckets, hash) => {
      buckets.add(hash, key);
      // Later blocks that share a bucket may now repeat this one instead.
      for (const other of buckets.get(hash)) if (this.orderOf(other) > order) this.dirty.push(other);
    });
  }

  delete(key: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.indexed) this.forEachBucket(entry, (buckets, hash) => buckets.remove(hash, key));
    for (const source of entry.sources) this.dependents.get(source)?.delete(key);
    for (const dependent of this.dependents.get(key) ?? []) this.dirty.push(dependent);
    this.dependents.delete(key);
    this.dirty.delete(key);
    this.entries.delete(key);
    if (this.orderedValid) {
      const at = this.ordered.indexOf(key);
      if (at >= 0) this.ordered.splice(at, 1);
    }
  }

  report(): DedupReport {
    for (let key = this.dirty.pop(); key !== undefined; key = this.dirty.pop()) {
      const entry = this.entries.get(key)!;
      const before = entry.result;
      this.classify(entry);
      if (!sameResult(before, entry.result)) {
        for (const dependent of this.dependents.get(key) ?? []) this.dirty.push(dependent);
      }
    }
    if (!this.orderedValid) {
      this.ordered = [...this.entries.keys()].sort((a, b) => this.orderOf(a) - this.orderOf(b));
      this.orderedValid = true;
    }
    const blocks = this.ordered.map((key) => this.entries.get(key)!.result);
    return { blocks, groups: this.groups(blocks) };
  }

  private forEachBucket(entry: Entry, visit: (buckets: Buckets, hash: number) => void): void {
    visit(this.sameText, this.blockKey(entry.analysis));
    for (const band of bandKeys(entry.fingerprint)) visit(this.bands, band);
    const { features } = entry.analysis;
    for (let i = 0; i < Math.min(ANCHORS_PER_BLOCK, features.length); i++) visit(this.anchors, features[i]);
    for (const sentence of entry.analysis.sentences) {
      if (sentence.tokens >= MIN_SENTENCE_TOKENS) visit(this.sentences, this.sentenceKey(sentence));
    }
  }

  private get digitsMatter(): boolean {
    return STRICTNESS[this.options.strictness].digitsMatter;
  }

  private blockKey(analysis: Analysis): number {
    return this.digitsMatter ? analysis.exactKey : analysis.looseKey;
  }

  private sentenceKey(sentence: Sentence): number {
    return this.digitsMatter ? sentence.exactKey : sentence.looseKey;
  }

  /** The earliest block before `entry` in a bucket list (lists are in document order). */
  private earliestBefore(list: readonly number[], entry: Entry): Entry | undefined {
    const first = list[0] === entry.key ? list[1] : list[0];
    if (first === undefined) return undefined;
    const other = this.entries.get(first)!;
    return other.order < entry.order ? other : undefined;
  }

  private canonicalOf(entry: Entry): number {
    return entry.result.status === 'duplicate' ? entry.result.of! : entry.key;
  }

  private classify(entry: Entry): void {
    const sources: number[] = [];
    entry.result = entry.indexed ? this.classifyByText(entry, sources) : this.unique(entry);
    for (const source of entry.sources) this.dependents.get(source)?.delete(entry.key);
    entry.sources = sources;
    for (const source of sources) {
      let set = this.dependents.get(source);
      if (!set) this.dependents.set(source, (set = new Set()));
      set.add(entry.key);
    }
  }

  private unique(entry: Entry): BlockResult {
    return { id: entry.key, status: 'unique', of: null, similarity: 0, repeated: [], fingerprint: entry.fingerprint };
  }

  private duplicateOf(entry: Entry, source: Entry, similarity: number): BlockResult {
    const of = this.canonicalOf(source);
    return {
      id: entry.key,
      status: 'duplicate',
      of,
      similarity: round3(similarity),
      repeated: [{ start: 0, end: entry.text.length, of }],
      fingerprint: entry.fingerprint,
    };
  }

  /** An earlier block with the same normalised words. */
  private sameTextBefore(entry: Entry): Entry | undefined {
    return this.earliestBefore(this.sameText.get(this.blockKey(entry.analysis)), entry);
  }

  /** The earlier block most similar to this one by shingle Jaccard, if any reaches the threshold. */
  private nearestBefore(entry: Entry): { entry: Entry; similarity: number } | undefined {
    const { minJaccard } = STRICTNESS[this.options.strictness];
    if (minJaccard >= 1) return undefined;
    let best: Entry | undefined;
    let bestSimilarity = 0;
    const seen = new Set<number>();
    const consider = (list: readonly number[]) => {
      for (const key of list) {
        if (seen.size >= MAX_CANDIDATES) return;
        if (key === entry.key || seen.has(key)) continue;
        seen.add(key);
        const other = this.entries.get(key)!;
        if (other.order >= entry.order) continue;
        const similarity = jaccard(entry.analysis.features, other.analysis.features);
        if (similarity < minJaccard) continue;
        if (similarity > bestSimilarity || (similarity === bestSimilarity && other.order < best!.order)) {
          best = other;
          bestSimilarity = similarity;
        }
      }
    };
    for (const band of bandKeys(entry.fingerprint)) consider(this.bands.get(band));
    const { features } = entry.analysis;
    for (let i = 0; i < Math.min(ANCHORS_PER_BLOCK, features.length); i++) consider(this.anchors.get(features[i]));
    return best && { entry: best, similarity: bestSimilarity };
  }

  /**
   * Decides per sentence: a sentence repeats when an earlier block has it word for word, or when it
   * lies inside the nearest similar block. All significant sentences repeated makes a duplicate;
   * some makes a partial, so new text glued to a repeat is never folded away.
   */
  private classifyByText(entry: Entry, sources: number[]): BlockResult {
    const same = this.sameTextBefore(entry);
    if (same) {
      sources.push(same.key);
      // 1 is kept for texts whose words all match; changed numbers cost a little.
      return this.duplicateOf(entry, same, same.analysis.exactKey === entry.analysis.exactKey ? 1 : 0.99);
    }
    const near = this.nearestBefore(entry);
    const { minJaccard } = STRICTNESS[this.options.strictness];
    const significant = entry.analysis.sentences.filter((s) => s.tokens >= MIN_SENTENCE_TOKENS);
    if (significant.length === 0) {
      // Too few words per sentence to judge sentences: the block is compared as a whole.
      if (!near) return this.unique(entry);
      sources.push(near.entry.key);
      return this.duplicateOf(entry, near.entry, Math.min(near.similarity, 0.99));
    }
    const ranges: RepeatedRange[] = [];
    let covered = 0;
    for (const sentence of significant) {
      let source = this.earliestBefore(this.sentences.get(this.sentenceKey(sentence)), entry);
      if (!source && near && containment(this.sentenceFeatures(entry, sentence), near.entry.analysis.features) >= minJaccard) {
        source = near.entry;
      }
      if (!source) continue;
      covered++;
      if (!sources.includes(source.key)) sources.push(source.key);
      const of = this.canonicalOf(source);
      const last = ranges[ranges.length - 1];
      if (last && last.of === of && entry.text.slice(last.end, sentence.start).trim() === '') last.end = sentence.end;
      else ranges.push({ start: sentence.start, end: sentence.end, of });
    }
    if (ranges.length === 0) return this.unique(entry);
    if (covered === significant.length) {
      if (near) {
        if (!sources.includes(near.entry.key)) sources.push(near.entry.key);
        return this.duplicateOf(entry, near.entry, Math.min(near.similarity, 0.99));
      }
      const main = ranges.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      const repeatedChars = ranges.reduce((sum, r) => sum + r.end - r.start, 0);
      return this.duplicateOf(entry, this.entries.get(main.of)!, Math.min(repeatedChars / entry.text.length, 0.99));
    }
    const repeatedChars = ranges.reduce((sum, r) => sum + r.end - r.start, 0);
    return {
      id: entry.key,
      status: 'partial',
      of: ranges[0].of,
      similarity: round3(repeatedChars / entry.text.length),
      repeated: ranges,
      fingerprint: entry.fingerprint,
    };
  }

  /** A sentence's own shingles; a one-sentence block's are the block's. */
  private sentenceFeatures(entry: Entry, sentence: Sentence): Uint32Array {
    const { sentences, features } = entry.analysis;
    if (sentences.length === 1) return features;
    return analyze(entry.text.slice(sentence.start, sentence.end)).features;
  }

  private groups(blocks: readonly BlockResult[]): Group[] {
    const byCanonical = new Map<number, number[]>();
    const join = (canonical: number, member: number) => {
      let members = byCanonical.get(canonical);
      if (!members) byCanonical.set(canonical, (members = [canonical]));
      if (members[members.length - 1] !== member) members.push(member);
    };
    for (const block of blocks) {
      if (block.status === 'duplicate') join(block.of!, block.id);
      else if (block.status === 'partial') for (const range of block.repeated) join(range.of, block.id);
    }
    return [...byCanonical.entries()]
      .sort(([a], [b]) => this.orderOf(a) - this.orderOf(b))
      .map(([canonical, members]) => ({ canonical, members }));
  }
}
