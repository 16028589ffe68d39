import { analyze, shingles, sortShingles, type Analysis } from './analyze';
import { Buckets } from './buckets';
import { inWord, wordChanges, wordCount, type TextRange } from './changes';
import { fmix32, popcount32 } from './hash';
import { sameLetters } from './letters';
import { closingMarkOf, quotationFrom, quotationTo } from './quotations';
import { containment, jaccardAtLeast, longestRunIn } from './similarity';
import {
  BUCKET_CAP,
  DEFAULT_OPTIONS,
  MAX_CANDIDATES,
  maxSimhashDistance,
  MIN_SENTENCE_TOKENS,
  SIMHASH_BANDS,
  STRICTNESS,
} from './thresholds';
import { grown, lowerBound } from './typedArrays';
import type { BlockResult, DedupReport, EngineOptions, Fingerprint, Group, RepeatedRange } from './types';

interface Entry {
  /** The block's place in the index's per-block arrays (`BlockColumns`), reused once it is deleted. */
  id: number;
  /** Also in `BlockColumns.orders`, where candidate checks read it without touching the entry; here for the queue and sorts, which hold entries. */
  order: number;
  /** The block's shingles, sorted: made when the block is first verified, as many never are. */
  shingles: Uint32Array | null;
  key: number;
  text: string;
  analysis: Analysis;
  fingerprint: Fingerprint;
  /** Long enough to be compared at all. */
  indexed: boolean;
  result: BlockResult;
  /** Earlier blocks this block's result refers to. */
  sources: readonly number[];
  /** Waiting in the dirty queue. */
  queued: boolean;
  /**
   * A bit per key, in `forEachBucket`'s order (see `SAME_TEXT_BIT`), set when no earlier block had the
   * key as this one was set. While `addedAt` equals the index's `disorder`, no block set since comes
   * before it, so classifying need not look those keys up: 9 of a block's 12 lookups on the benchmark
   * corpora.
   */
  alone: number;
  addedAt: number;
  /**
   * The sentences inside its quotations (`quotedSentences`), three numbers each: the key, indexed as
   * its own sentences' are, and where it starts and ends in the text. Null for none, as most have.
   */
  quoted: number[] | null;
}

/**
 * Distinct anchor and sentence keys per block, about, on news text (the benchmark corpora give 1.3–2.1
 * and 4.3): what the tables are sized by when the number of blocks is known ahead.
 */
const ANCHOR_KEYS_PER_BLOCK = 2;
const SENTENCE_KEYS_PER_BLOCK = 4;

/** `Entry.alone`'s bits, in `forEachBucket`'s order: the same-text key, the bands, the anchors, the edge keys, the significant sentences, then the quoted ones. */
const SAME_TEXT_BIT = 0;
const FIRST_LIST_BIT = 1;

/** Where a block's edge keys' bits start in `Entry.alone`: after the same-text key's, the bands' and the anchors'. */
function firstEdgeBit(analysis: Analysis): number {
  return FIRST_LIST_BIT + SIMHASH_BANDS + analysis.anchorCount;
}

/** The narrowest band's width; the last band takes the bits left over. */
const BAND_BITS = Math.floor(64 / SIMHASH_BANDS);

/**
 * What a candidate check reads of each block, by block id, in typed arrays: a search meets about
 * nine earlier blocks and verifies fewer than one, so most candidates are dropped without reading
 * their entry, which on a long page is a cache miss each. The SimHash is kept as two int32 words,
 * where the Fingerprint's words above 2^31 are boxed numbers.
 */
class BlockColumns {
  orders: Float64Array;
  /** The candidate search that last looked at the block, so each search verifies it once. */
  visits: Int32Array;
  simhashes: Int32Array;
  shingleCounts: Int32Array;
  /**
   * 1 when the block's last classification found no near match and verified every candidate it had:
   * fewer candidates cannot change its result, so a filling anchor list need not reclassify it.
   */
  unmatched: Uint8Array;
  /** Each block's two edge keys (`edgeKeys`), -1 where it has none. */
  edges: Float64Array;

  constructor(capacity: number) {
    this.orders = new Float64Array(capacity);
    this.visits = new Int32Array(capacity);
    this.simhashes = new Int32Array(2 * capacity);
    this.shingleCounts = new Int32Array(capacity);
    this.unmatched = new Uint8Array(capacity);
    this.edges = new Float64Array(2 * capacity);
  }

  /** Makes room for ids below `size`, doubling. */
  reserve(size: number): void {
    let capacity = this.orders.length;
    if (size <= capacity) return;
    while (capacity < size) capacity *= 2;
    this.orders = grown(this.orders, capacity);
    this.visits = grown(this.visits, capacity);
    this.simhashes = grown(this.simhashes, 2 * capacity);
    this.shingleCounts = grown(this.shingleCounts, capacity);
    this.unmatched = grown(this.unmatched, capacity);
    this.edges = grown(this.edges, 2 * capacity);
  }

  fill(id: number, order: number, analysis: Analysis): void {
    this.orders[id] = order;
    this.visits[id] = 0;
    this.simhashes[2 * id] = analysis.fingerprint.lo;
    this.simhashes[2 * id + 1] = analysis.fingerprint.hi;
    this.shingleCounts[id] = analysis.shingleCount;
    this.unmatched[id] = 0;
    edgeKeys(analysis, this.edges, 2 * id);
  }

  /** How many edge keys block `id` has, its head's and, when another, its tail's. */
  edgeCount(id: number): number {
    const head = this.edges[2 * id];
    return head < 0 ? 0 : head === this.edges[2 * id + 1] ? 1 : 2;
  }

  simhashDistance(a: number, b: number): number {
    const s = this.simhashes;
    return popcount32(s[2 * a] ^ s[2 * b]) + popcount32(s[2 * a + 1] ^ s[2 * b + 1]);
  }
}

/** Shingles at each end of a block that make its edge keys: its first and its last four words. */
const EDGE_SHINGLES = 3;

/**
 * Writes to `out` at `at` a hash of the block's first EDGE_SHINGLES shingles (its head) and one of
 * its last (its tail), or -1 twice where it is too short to keep them whole when glued to new text.
 * A repeat with new text glued on after it starts as the whole block starts, and one with new text
 * before it ends as it ends, however long the new text: so the edge keys meet it where the anchors,
 * the whole block's smallest shingles, may all lie in the new text. Whole runs of shingles, not
 * one: a single shared shingle is a common phrase, and named so many candidates on a long page that
 * classifying took a fifth longer.
 */
function edgeKeys(analysis: Analysis, out: Float64Array, at: number): void {
  out[at] = out[at + 1] = -1;
  const n = analysis.shingleCount;
  if (n <= EDGE_SHINGLES) return;
  let head = EDGE_SEED;
  let tail = EDGE_SEED ^ 1;
  for (let i = 0; i < EDGE_SHINGLES; i++) {
    head = fmix32(head ^ analysis.shingleAt(i));
    tail = fmix32(tail ^ analysis.shingleAt(n - 1 - i));
  }
  out[at] = head >>> 0;
  out[at + 1] = tail >>> 0;
}

/** Starts the edge keys' hash, so that they differ from any shingle's. */
const EDGE_SEED = 0x2545f491;

/**
 * The share of a repeat's shingles a block with new text glued onto it still has: glue costs one
 * shingle at each side it is on (a word-for-word 10-word repeat keeps 8 of its 9), and little else
 * is left for edits. Paragraphs of one subject and vocabulary often reach the near threshold inside
 * one twice their length, with their shared shingles scattered.
 */
const MIN_GLUED_CONTAINMENT = 0.8;

/**
 * The shingles in a row that a sentence cut from a block must share with it: nine words, five more
 * than the head key that named the block. Sentences in one vocabulary share scattered shingles, and
 * a short one can have most of its few there by chance; a copied cut lies there as a run.
 */
const ENCLOSED_RUN = 8;

/** How many of `part`'s anchors are among `shingles`. */
function anchorsFoundIn(part: Analysis, shingles: Uint32Array): number {
  let found = 0;
  for (let a = 0; a < part.anchorCount; a++) if (shingles.includes(part.anchor(a))) found++;
  return found;
}

/**
 * What most blocks hold, shared: unique blocks repeat no ranges and cite no source, and an array
 * apiece was two of the few objects each of a long page's blocks keeps alive.
 */
const NO_RANGES: readonly RepeatedRange[] = Object.freeze([]);
const NO_SOURCES: readonly number[] = Object.freeze([]);
const NO_TEXT_RANGES: readonly TextRange[] = Object.freeze([]);

/** Keys of one block whose slots `warmBuckets` reads ahead; a block's keys beyond these (a long run of sentences) are added unwarmed. */
const WARMED_KEYS = 64;

/** The key of one SimHash band, tagged with the band's number so bands never share keys. */
/** Whether each of a block's ranges names its own source (a partial, or a duplicate made of several repeats), so that each source's group lists it. */
export function rangesNameSources(block: Pick<BlockResult, 'status' | 'repeated'>): boolean {
  return block.status === 'partial' || block.repeated.length > 1;
}

/** A duplicate that is not word for word (a number or a word changed): shown as similar, as its differences may be news. */
export function isSimilarCopy(block: Pick<BlockResult, 'status' | 'similarity'>): boolean {
  return block.status === 'duplicate' && block.similarity < 1;
}

/** Whether a block's changed words can be shown: a similar copy of one paragraph, as one made of several has no one original. */
export function hasChangedWords(block: Pick<BlockResult, 'status' | 'similarity' | 'repeated'>): boolean {
  return isSimilarCopy(block) && block.repeated.length === 1;
}

function bandKey(fp: Fingerprint, band: number): number {
  const from = band * BAND_BITS;
  const width = band === SIMHASH_BANDS - 1 ? 64 - from : BAND_BITS;
  // Bits from..from+width of hi:lo; a band may straddle the two words.
  const bits = from >= 32 ? fp.hi >>> (from - 32) : from + width <= 32 ? fp.lo >>> from : (fp.lo >>> from) | (fp.hi << (32 - from));
  // A band is at most 22 bits wide, so its mask is a small integer: `2 ** width` compiled to a call to pow.
  return band * 0x100000000 + (bits & ((1 << width) - 1));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function sameResult(a: BlockResult, b: BlockResult): boolean {
  if (a.status !== b.status || a.of !== b.of || a.similarity !== b.similarity) return false;
  if (a.repeated.length !== b.repeated.length) return false;
  for (let i = 0; i < a.repeated.length; i++) {
    const r = a.repeated[i];
    const s = b.repeated[i];
    if (r.start !== s.start || r.end !== s.end || r.of !== s.of) return false;
  }
  return true;
}

/** Pops blocks in document order, so every block is classified after the earlier blocks it may repeat. */
class OrderQueue {
  private readonly heap: Entry[] = [];

  push(entry: Entry): void {
    if (entry.queued) return;
    entry.queued = true;
    const heap = this.heap;
    // Sifts a hole up rather than swapping: a destructuring swap allocates an array until the JIT
    // optimises it away, and a page's first scan runs much of its time before that.
    let i = heap.length;
    heap.push(entry);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].order <= entry.order) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = entry;
  }

  pop(): Entry | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const child = l + 1 < n && heap[l + 1].order < heap[l].order ? l + 1 : l;
        if (heap[child].order >= last.order) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    top.queued = false;
    return top;
  }

  delete(entry: Entry): void {
    if (!entry.queued) return;
    entry.queued = false;
    const at = this.heap.indexOf(entry);
    const rest = this.heap.splice(at);
    rest.shift();
    for (const other of rest) {
      other.queued = false;
      this.push(other);
    }
  }
}

/** What a `DedupIndex` reclassified since the previous `changes()` call. */
export interface DedupChanges {
  /** Results of new blocks and of blocks whose result changed, in document order. */
  changed: BlockResult[];
  /** Keys of blocks deleted since (a key deleted and set again is in `changed` instead). */
  removed: number[];
}

/**
 * An incremental index of a page's blocks. Keys are the caller's block ids, fastest when they are
 * small non-negative integers; `order` is the block's position in the document (smaller is earlier)
 * and decides which occurrence is canonical.
 * Existing blocks must keep their relative order: a block that moves is deleted and set again.
 * Work is proportional to what changed: `set` fingerprints one block, and `report`, `changes` and
 * `groups` reclassify only changed blocks and those whose match they affect. `report` then lists
 * every block; `changes` returns only what changed, and `groups` only the repeats, for rescans of
 * long pages.
 */
export class DedupIndex {
  readonly options: EngineOptions;
  /**
   * Entries by key. An array, not a Map: both callers number their blocks 0, 1, 2…, and hashing each
   * key cost about 6 % of `findRepeats`. Any other number still works, as a slower property.
   */
  private readonly entries: (Entry | undefined)[] = [];
  /** Entries by id; ids of deleted entries wait in `freeIds`. */
  private readonly byId: (Entry | undefined)[] = [];
  private readonly freeIds: number[] = [];
  private readonly columns: BlockColumns;
  private readonly sameText: Buckets;
  private readonly bands: Buckets;
  private readonly anchors: Buckets;
  /** Blocks by their head and tail keys (`edgeKeys`), where a repeat with new text glued on is met. */
  private readonly edges: Buckets;
  private readonly sentences: Buckets;
  /** The keys of the block being set and their tables, in `forEachBucket`'s order (`collectKeys`). */
  private readonly keyTables: Buckets[] = [];
  private readonly keyHashes: number[] = [];
  private readonly warmSlots = new Int32Array(WARMED_KEYS);
  /** Where `warmBuckets` leaves what it read, so that the reads are not optimised away. */
  private readonly warmed = { read: 0 };
  private readonly dependents = new Map<number, Set<number>>();
  private readonly dirty = new OrderQueue();
  /** Blocks whose result is duplicate or partial: all that groups are made of. */
  private readonly flagged = new Set<Entry>();
  /** The last groups() answer, until a repeat changes: a rescan that changes none costs no renumbering. */
  private groupsCache: Group[] | null = null;
  private ordered: Entry[] = [];
  private orderedValid = true;
  /** The orders of the blocks long enough to be reported, ascending (`placeOf`); null after any change. */
  private reportableOrders: Float64Array | null = null;
  private searches = 0;
  /** How many blocks were set before the last block in document order: each may precede blocks set earlier. */
  private disorder = 0;
  private lastOrder = -Infinity;
  /** Whether `changes()` has been called: only then are changes recorded for it. */
  private tracking = false;
  private readonly changedKeys = new Set<number>();
  private readonly removedKeys = new Set<number>();
  /** SimHash distances beyond which a candidate is not verified; blocks that share a band are compared on the other bands' bits. */
  private readonly maxDistance: number;
  private readonly maxBandDistance: number;

  /**
   * `expectedBlocks`: how many blocks the caller is about to set, if it knows. The tables are then
   * sized for them at once: growing them rehashed every key, 40–50 ms of a 10,000-paragraph page.
   */
  constructor(options: Partial<EngineOptions> = {}, expectedBlocks = 0) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.columns = new BlockColumns(Math.max(16, expectedBlocks));
    const orderOf = (id: number) => this.columns.orders[id];
    this.sameText = new Buckets(orderOf, Infinity, expectedBlocks);
    this.bands = new Buckets(orderOf, BUCKET_CAP, expectedBlocks * SIMHASH_BANDS);
    this.anchors = new Buckets(orderOf, BUCKET_CAP, expectedBlocks * ANCHOR_KEYS_PER_BLOCK);
    this.edges = new Buckets(orderOf, BUCKET_CAP, expectedBlocks * 2);
    this.sentences = new Buckets(orderOf, Infinity, expectedBlocks * SENTENCE_KEYS_PER_BLOCK);
    const { minJaccard } = STRICTNESS[this.options.strictness];
    this.maxDistance = maxSimhashDistance(minJaccard, 64);
    this.maxBandDistance = maxSimhashDistance(minJaccard, 64 - BAND_BITS);
  }

  get size(): number {
    return this.byId.length - this.freeIds.length;
  }

  set(key: number, text: string, order: number): void {
    const old = this.entries[key];
    if (old && old.text === text) {
      if (old.order !== order) {
        this.reportableOrders = null;
        old.order = order;
        this.columns.orders[old.id] = order;
        this.dropOrdered();
        this.groupsCache = null;
      }
      return;
    }
    if (old) this.delete(key);
    this.reportableOrders = null;
    if (this.tracking) {
      this.changedKeys.add(key);
      this.removedKeys.delete(key);
    }
    if (order < this.lastOrder) this.disorder++;
    else this.lastOrder = order;
    const analysis = analyze(text);
    const { fingerprint } = analysis;
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.byId.length;
    this.columns.reserve(id + 1);
    this.columns.fill(id, order, analysis);
    const entry: Entry = {
      id,
      order,
      shingles: null,
      key,
      text,
      analysis,
      fingerprint,
      indexed: analysis.weight >= this.options.minBlockChars,
      result: { id: key, status: 'unique', of: null, similarity: 0, repeated: NO_RANGES, fingerprint },
      sources: NO_SOURCES,
      queued: false,
      alone: 0,
      addedAt: this.disorder,
      quoted: null,
    };
    this.entries[key] = entry;
    this.byId[id] = entry;
    if (this.orderedValid) {
      const last = this.ordered.at(-1);
      if (last === undefined || last.order <= order) this.ordered.push(entry);
      else this.dropOrdered();
    }
    this.dirty.push(entry);
    if (!entry.indexed) return;
    entry.quoted = this.quotedSentences(text, analysis);
    const keys = this.collectKeys(entry);
    const { keyTables, keyHashes } = this;
    this.warmBuckets(keys);
    for (let k = 0; k < keys; k++) {
      const buckets = keyTables[k];
      // Later blocks that share a bucket may now repeat this one instead. Lists are in document
      // order, so only their tails are read: appending a block costs nothing here.
      const list = buckets.add(keyHashes[k], id);
      if (list[0] === id && k < 32) entry.alone |= 1 << k;
      const { orders } = this.columns;
      for (let i = list.length - 1; i >= 0 && orders[list[i]] > order; i--) this.dirty.push(this.byId[list[i]]!);
      // A full anchor list stops naming candidates, so blocks that may have found theirs there look
      // again. Most had matched nothing: reclassifying them was a quarter of all classifications.
      if (list.length === buckets.cap && list.includes(id)) {
        const { unmatched } = this.columns;
        for (const member of list) if (unmatched[member] === 0) this.dirty.push(this.byId[member]!);
      }
    }
  }

  delete(key: number): void {
    const entry = this.entries[key];
    if (!entry) return;
    this.reportableOrders = null;
    if (entry.indexed) {
      this.forEachBucket(entry, (buckets, hash) => {
        const rest = buckets.remove(hash, entry.id);
        // An anchor list that is no longer full names candidates again, so its blocks look again.
        if (rest.length === buckets.cap - 1) for (const member of rest) this.dirty.push(this.byId[member]!);
      });
    }
    for (const source of entry.sources) this.dependents.get(source)?.delete(key);
    for (const dependent of this.dependents.get(key) ?? []) this.dirty.push(this.entries[dependent]!);
    this.dependents.delete(key);
    this.dirty.delete(entry);
    if (this.flagged.delete(entry)) this.groupsCache = null;
    this.entries[key] = undefined;
    this.byId[entry.id] = undefined;
    this.freeIds.push(entry.id);
    if (this.tracking) {
      this.changedKeys.delete(key);
      this.removedKeys.add(key);
    }
    if (this.orderedValid) {
      if (this.ordered.at(-1) === entry) this.ordered.pop();
      else this.dropOrdered();
    }
  }

  /**
   * How many blocks long enough to be reported come before block `key` in document order: its place
   * as a reader counts paragraphs, which menus, bylines and "Share" links are not. -1 for no such key.
   */
  placeOf(key: number): number {
    const entry = this.entries[key];
    if (!entry) return -1;
    const orders = (this.reportableOrders ??= Float64Array.from(
      this.inOrder().filter((other) => other.indexed),
      (other) => other.order,
    ));
    return lowerBound(orders, entry.order);
  }

  /** Every block's result in document order, and the groups: O(blocks) however little changed. */
  report(): DedupReport {
    const groups = this.groups();
    return { blocks: this.inOrder().map((entry) => entry.result), groups };
  }

  /**
   * The repeat groups, in document order of their canonical blocks. The same array as last time
   * while no repeat has changed; otherwise made anew in O(repeats), not O(blocks).
   */
  groups(): Group[] {
    this.reclassify();
    if (this.groupsCache === null) {
      const flagged = [...this.flagged].sort((a, b) => a.order - b.order);
      this.groupsCache = this.groupsOf(flagged.map((entry) => entry.result));
    }
    return this.groupsCache;
  }

  /**
   * What changed since the previous call: results of blocks that are new or were reclassified, in
   * document order, and the keys of deleted blocks. The first call returns every block. Its cost
   * follows the change, not the page, so a rescan after a few mutations stays cheap on a long page.
   */
  changes(): DedupChanges {
    this.reclassify();
    if (!this.tracking) {
      this.tracking = true;
      return { changed: this.inOrder().map((entry) => entry.result), removed: [] };
    }
    const changed = [...this.changedKeys].map((key) => this.entries[key]!);
    changed.sort((a, b) => a.order - b.order);
    const removed = [...this.removedKeys];
    this.changedKeys.clear();
    this.removedKeys.clear();
    return { changed: changed.map((entry) => entry.result), removed };
  }

  /**
   * Classifies the blocks set or affected since the last classification, as `report`, `changes` and
   * `groups` do first. Calling it every few blocks while setting many keeps the work near in memory.
   */
  classifyPending(): void {
    this.reclassify();
  }

  /** Classifies dirty blocks in document order; a block whose result changes dirties the blocks that cite it. */
  private reclassify(): void {
    for (let entry = this.dirty.pop(); entry !== undefined; entry = this.dirty.pop()) {
      const before = entry.result;
      this.classify(entry);
      if (!sameResult(before, entry.result)) {
        if (this.tracking) this.changedKeys.add(entry.key);
        if (before.status !== 'unique' || entry.result.status !== 'unique') this.groupsCache = null;
        for (const dependent of this.dependents.get(entry.key) ?? []) this.dirty.push(this.entries[dependent]!);
      }
    }
  }

  /**
   * `ordered` follows changes at its end (appends, as pages grow); any other change drops it, to be
   * sorted again if `report` needs it: splicing a long array on every edit made rescans of long
   * pages grow with the page.
   */
  private dropOrdered(): void {
    this.ordered = [];
    this.orderedValid = false;
  }

  private inOrder(): Entry[] {
    if (!this.orderedValid) {
      this.ordered = this.byId.filter((entry) => entry !== undefined).sort((a, b) => a.order - b.order);
      this.orderedValid = true;
    }
    return this.ordered;
  }

  /** Gathers the block's keys into `keyTables` and `keyHashes`, and returns how many there are. */
  private collectKeys(entry: Entry): number {
    const { keyTables, keyHashes } = this;
    let n = 0;
    this.forEachBucket(entry, (buckets, hash) => {
      keyTables[n] = buckets;
      keyHashes[n++] = hash;
    });
    return n;
  }

  /**
   * Reads the home slot of each of the `keys` collected keys before any is added. On a long page the
   * tables outgrow the cache, and each add waited for memory in turn; read in one loop with nothing
   * between them, the misses overlap (a 100,000-paragraph index built about 8 % faster).
   */
  private warmBuckets(keys: number): void {
    const { keyTables, keyHashes, warmSlots } = this;
    const n = Math.min(keys, WARMED_KEYS);
    for (let i = 0; i < n; i++) warmSlots[i] = keyTables[i].homeOf(keyHashes[i]);
    let read = 0;
    for (let i = 0; i < n; i++) read ^= keyTables[i].wordAt(warmSlots[i]);
    this.warmed.read = read;
  }

  private forEachBucket(entry: Entry, visit: (buckets: Buckets, hash: number) => void): void {
    visit(this.sameText, this.blockKey(entry.analysis));
    for (let band = 0; band < SIMHASH_BANDS; band++) visit(this.bands, bandKey(entry.fingerprint, band));
    const { analysis } = entry;
    for (let i = 0; i < analysis.anchorCount; i++) visit(this.anchors, analysis.anchor(i));
    const edges = this.columns.edgeCount(entry.id);
    for (let k = 0; k < edges; k++) visit(this.edges, this.columns.edges[2 * entry.id + k]);
    for (let i = 0; i < analysis.sentenceCount; i++) {
      if (analysis.sentenceTokens(i) >= MIN_SENTENCE_TOKENS) visit(this.sentences, this.sentenceKey(analysis, i));
    }
    // After the block's own sentences, so that their bits stay where `classifyByText` reads them.
    const { quoted } = entry;
    if (quoted) for (let q = 0; q < quoted.length; q += 3) visit(this.sentences, quoted[q]);
  }

  /**
   * The significant sentences inside the quotations that open or close the block's sentences (see
   * `Entry.quoted`), or null for none. A pull quote, or another paper's story, quotes the words
   * without this block's "she said": each finds the other by them, as by a sentence of its own.
   */
  private quotedSentences(text: string, analysis: Analysis): number[] | null {
    let found: number[] | null = null;
    // Quotations do not overlap: one of several sentences is read once, and no mark is searched from twice.
    let readTo = 0;
    for (let s = 0; s < analysis.sentenceCount; s++) {
      const start = analysis.sentenceStart(s);
      let open = start < readTo ? -1 : start;
      let close = open < 0 ? -1 : quotationFrom(text, open);
      if (close < 0) {
        close = closingMarkOf(text, Math.max(start, readTo), analysis.sentenceEnd(s));
        open = close < 0 ? -1 : quotationTo(text, close, readTo);
        if (open < 0) {
          // Searches from later sentences go back no farther than this one: each sentence is read twice at most.
          readTo = Math.max(readTo, start);
          continue;
        }
      }
      readTo = close + 1;
      const quoted = analyze(text.slice(open + 1, close));
      for (let i = 0; i < quoted.sentenceCount; i++) {
        if (quoted.sentenceTokens(i) < MIN_SENTENCE_TOKENS) continue;
        (found ??= []).push(this.sentenceKey(quoted, i), open + 1 + quoted.sentenceStart(i), open + 1 + quoted.sentenceEnd(i));
      }
    }
    return found;
  }

  /**
   * Whether the key with `bit` (see `Entry.alone`) can be left unread: no earlier block had it when
   * this one was set, and none set since comes before it.
   */
  private aloneWith(entry: Entry, bit: number): boolean {
    return entry.addedAt === this.disorder && bit < 32 && (entry.alone & (1 << bit)) !== 0;
  }

  private get digitsMatter(): boolean {
    return STRICTNESS[this.options.strictness].digitsMatter;
  }

  private blockKey(analysis: Analysis): number {
    return this.digitsMatter ? analysis.exactKey : analysis.looseKey;
  }

  private sentenceKey(analysis: Analysis, i: number): number {
    return this.digitsMatter ? analysis.sentenceExactKey(i) : analysis.sentenceLooseKey(i);
  }

  /** The earliest block before `entry` in a bucket list (lists are in document order). */
  private earliestBefore(list: readonly number[], entry: Entry): Entry | undefined {
    const first = list[0] === entry.id ? list[1] : list[0];
    return first !== undefined && this.columns.orders[first] < entry.order ? this.byId[first] : undefined;
  }

  private canonicalOf(entry: Entry): number {
    return entry.result.status === 'duplicate' ? entry.result.of! : entry.key;
  }

  private classify(entry: Entry): void {
    const sources: number[] = [];
    // Cleared by a search that finds a near match or stops at MAX_CANDIDATES; other paths read no anchor list.
    this.columns.unmatched[entry.id] = 1;
    entry.result = entry.indexed ? this.classifyByText(entry, sources) : this.unique(entry);
    if (entry.result.status === 'unique') this.flagged.delete(entry);
    else this.flagged.add(entry);
    for (const source of entry.sources) this.dependents.get(source)?.delete(entry.key);
    entry.sources = sources.length > 0 ? sources : NO_SOURCES;
    for (const source of sources) {
      let set = this.dependents.get(source);
      if (!set) this.dependents.set(source, (set = new Set()));
      set.add(entry.key);
    }
  }

  /** The block's unique result, the one it has if it was unique already: most blocks are, every time they are classified. */
  private unique(entry: Entry): BlockResult {
    if (entry.result.status === 'unique') return entry.result;
    return { id: entry.key, status: 'unique', of: null, similarity: 0, repeated: NO_RANGES, fingerprint: entry.fingerprint };
  }

  /**
   * `parts`, the block's sentences by source, are kept when some come from another block than
   * `source` (two repeats glued together): the block is then listed with each block it repeats.
   */
  private duplicateOf(entry: Entry, source: Entry, similarity: number, parts?: RepeatedRange[]): BlockResult {
    const of = this.canonicalOf(source);
    return {
      id: entry.key,
      status: 'duplicate',
      of,
      similarity: round3(similarity),
      repeated: parts?.some((part) => part.of !== of) ? parts : [{ start: 0, end: entry.text.length, of }],
      fingerprint: entry.fingerprint,
    };
  }

  /** The earliest block before this one with the same normalised letters, however spaced and punctuated (the block key, checked). */
  private sameTextBefore(entry: Entry): Entry | undefined {
    if (this.aloneWith(entry, SAME_TEXT_BIT)) return undefined;
    const { orders } = this.columns;
    const list = this.sameText.get(this.blockKey(entry.analysis));
    for (let i = 0; i < list.length; i++) {
      const id = list[i];
      if (orders[id] >= entry.order) return undefined;
      const earlier = this.byId[id]!;
      // The same words, as most copies have, give the same SimHash too; other copies have their letters compared.
      const a = earlier.fingerprint;
      const b = entry.fingerprint;
      if ((a.hi === b.hi && a.lo === b.lo) || sameLetters(earlier.text, entry.text, this.digitsMatter)) return earlier;
    }
    return undefined;
  }

  /**
   * The earlier block most similar to this one by shingle Jaccard, if any reaches the threshold.
   * Candidates share a SimHash band or an anchor shingle; those whose SimHash is too far to reach
   * the threshold are dropped, the rest verified once each, at most MAX_CANDIDATES of them, and a
   * verification stops early once it cannot beat the best so far. Full lists are skipped: a key
   * that many blocks share is no evidence.
   */
  private nearestBefore(entry: Entry): { entry: Entry; similarity: number } | undefined {
    const { minJaccard } = STRICTNESS[this.options.strictness];
    if (minJaccard >= 1) return undefined;
    const search = ++this.searches;
    const { columns } = this;
    const { orders, visits, shingleCounts } = columns;
    visits[entry.id] = search;
    const { analysis } = entry;
    const { fingerprint } = analysis;
    const lists = SIMHASH_BANDS + analysis.anchorCount;
    const count = analysis.shingleCount;
    const { maxDistance, maxBandDistance } = this;
    let best: Entry | undefined;
    let bestSimilarity = 0;
    let considered = 0;
    for (let l = 0; l < lists && considered < MAX_CANDIDATES; l++) {
      if (this.aloneWith(entry, FIRST_LIST_BIT + l)) continue;
      const byBand = l < SIMHASH_BANDS;
      const list = byBand ? this.bands.get(bandKey(fingerprint, l)) : this.anchors.get(analysis.anchor(l - SIMHASH_BANDS));
      // A full anchor list is a generic phrase. A full band list is kept: near copies of one paragraph fill it.
      if (!byBand && list.length >= BUCKET_CAP) continue;
      for (let i = 0; i < list.length && considered < MAX_CANDIDATES; i++) {
        const id = list[i];
        // Lists are in document order: the rest come after this block and cannot be its source.
        if (orders[id] >= entry.order) break;
        if (visits[id] === search) continue;
        visits[id] = search;
        considered++;
        if (columns.simhashDistance(entry.id, id) > (byBand ? maxBandDistance : maxDistance)) continue;
        // Below the best so far a candidate cannot win, and an equal one wins only by coming first.
        const needed = best ? bestSimilarity : minJaccard;
        // Similarity is at most the ratio of the set sizes: most candidates stop here, before their shingles are read.
        const size = shingleCounts[id];
        if ((size < count ? size / count : count / size) < needed) continue;
        const other = this.byId[id]!;
        const similarity = jaccardAtLeast(this.shinglesOf(entry), this.shinglesOf(other), needed);
        if (similarity < minJaccard) continue;
        if (similarity > bestSimilarity || (similarity === bestSimilarity && other.order < best!.order)) {
          best = other;
          bestSimilarity = similarity;
        }
      }
    }
    if (best || considered >= MAX_CANDIDATES) columns.unmatched[entry.id] = 0;
    return best && { entry: best, similarity: bestSimilarity };
  }

  /**
   * The earlier block that lies most wholly inside this one, as a repeat with new text glued on where
   * no sentence end parts them: their shingles are too unlike for `nearestBefore` once the new text is
   * as long as the repeat. A candidate starts as this block starts (the same head key) or ends as it
   * ends (the same tail key), and nearly all of its shingles are in this block: those across the glue
   * are lost, so even a word-for-word repeat is not wholly in it. How alike its words must be is
   * `gluedRepeat`'s to judge, at the strictness asked for.
   */
  private containedBefore(entry: Entry): Entry | undefined {
    const search = ++this.searches;
    const { columns } = this;
    const { orders, visits, shingleCounts, edges } = columns;
    visits[entry.id] = search;
    const count = entry.analysis.shingleCount;
    let mine: Uint32Array | undefined;
    const edgeBit = firstEdgeBit(entry.analysis);
    let best: Entry | undefined;
    let bestCount = 0;
    let considered = 0;
    for (let k = 0; k < columns.edgeCount(entry.id) && considered < MAX_CANDIDATES; k++) {
      if (this.aloneWith(entry, edgeBit + k)) continue;
      const key = edges[2 * entry.id + k];
      const list = this.edges.get(key);
      if (list.length >= BUCKET_CAP) continue;
      for (let i = 0; i < list.length && considered < MAX_CANDIDATES; i++) {
        const id = list[i];
        if (orders[id] >= entry.order) break;
        if (visits[id] === search) continue;
        visits[id] = search;
        considered++;
        // The key at the same end, or a block that only shares a phrase with this one.
        if (edges[2 * id + k] !== key) continue;
        const size = shingleCounts[id];
        // A smaller part than the best so far cannot win; one as large as this block is for `nearestBefore`.
        if (size <= bestCount || size >= count) continue;
        const other = this.byId[id]!;
        // Its smallest shingles sample it, so most must be here: cheaper than sorting both blocks' shingles.
        if (anchorsFoundIn(other.analysis, (mine ??= entry.shingles ?? entry.analysis.shingles())) < Math.min(2, other.analysis.anchorCount)) continue;
        // Whole sentences of this block already: the sentence keys have found it.
        if (this.sentencesWithin(other, entry)) continue;
        if (containment(this.shinglesOf(other), this.shinglesOf(entry)) < MIN_GLUED_CONTAINMENT) continue;
        best = other;
        bestCount = size;
      }
    }
    if (best) columns.unmatched[entry.id] = 0;
    return best;
  }

  /**
   * The earlier block that this block's first sentence lies inside, starting as it starts: an excerpt
   * that stops mid-sentence ("…"), or a copy with a word dropped whose smallest shingles are all
   * common phrases, so that no anchor names it. It shares this block's head key, and holds nearly all
   * of the sentence's shingles, ENCLOSED_RUN of them in a row.
   */
  private startsInside(entry: Entry): Entry | undefined {
    const { columns } = this;
    // The head's bit is the first edge key's.
    if (columns.edgeCount(entry.id) === 0 || this.aloneWith(entry, firstEdgeBit(entry.analysis))) return undefined;
    const { orders, edges } = columns;
    const key = edges[2 * entry.id];
    const list = this.edges.get(key);
    if (list.length >= BUCKET_CAP) return undefined;
    const { analysis, text } = entry;
    let own: Uint32Array | undefined;
    let inOrder: Uint32Array | undefined;
    let best: Entry | undefined;
    let bestShare = MIN_GLUED_CONTAINMENT;
    for (let k = 0; k < list.length; k++) {
      const id = list[k];
      if (orders[id] >= entry.order) break;
      // A block that only ends as this one starts.
      if (edges[2 * id] !== key) continue;
      const other = this.byId[id]!;
      const share = containment((own ??= this.sentenceShingles(entry, 0)), this.shinglesOf(other));
      // An equal share wins only by coming first.
      if (share < bestShare || (share === bestShare && best)) continue;
      inOrder ??= analyze(text.slice(analysis.sentenceStart(0), analysis.sentenceEnd(0))).shingles();
      if (longestRunIn(inOrder, this.shinglesOf(other)) < ENCLOSED_RUN) continue;
      best = other;
      bestShare = share;
    }
    if (best) columns.unmatched[entry.id] = 0;
    return best;
  }

  /** Whether each significant sentence of `part` is a sentence of `whole` too, by its key. */
  private sentencesWithin(part: Entry, whole: Entry): boolean {
    const a = part.analysis;
    const b = whole.analysis;
    for (let i = 0; i < a.sentenceCount; i++) {
      if (a.sentenceTokens(i) < MIN_SENTENCE_TOKENS) continue;
      const key = this.sentenceKey(a, i);
      let found = false;
      for (let j = 0; j < b.sentenceCount && !found; j++) found = this.sentenceKey(b, j) === key;
      if (!found) return false;
    }
    return true;
  }

  private shinglesOf(entry: Entry): Uint32Array {
    return (entry.shingles ??= sortShingles(entry.analysis.shingles()));
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
    let significant = 0;
    let covered = 0;
    // Most blocks repeat nothing: no ranges are allocated for them.
    let ranges: RepeatedRange[] | undefined;
    const { analysis } = entry;
    // The significant sentences' bits follow the bands', the anchors' and the edge keys' (see `forEachBucket`).
    const firstSentenceBit = firstEdgeBit(analysis) + this.columns.edgeCount(entry.id);
    // Sentences that only lie inside the near block, with room for new text glued into them where no sentence end parts it.
    let insideNear: TextRange[] | undefined;
    for (let i = 0; i < analysis.sentenceCount; i++) {
      if (analysis.sentenceTokens(i) < MIN_SENTENCE_TOKENS) continue;
      let source = this.aloneWith(entry, firstSentenceBit + significant)
        ? undefined
        : this.earliestBefore(this.sentences.get(this.sentenceKey(analysis, i)), entry);
      significant++;
      // A first sentence cut short or with a word dropped, of a block it starts as, when nothing else is alike.
      if (!source && !near && i === 0 && minJaccard < 1) source = this.startsInside(entry);
      if (!source && near) {
        const own = this.sentenceShingles(entry, i);
        const inside = containment(own, this.shinglesOf(near.entry));
        if (inside >= minJaccard) {
          source = near.entry;
          // Five new words in a row leave at least five shingles that the near block lacks.
          if (Math.round((1 - inside) * own.length) >= MIN_SENTENCE_TOKENS) (insideNear ??= []).push({ start: analysis.sentenceStart(i), end: analysis.sentenceEnd(i) });
        }
      }
      if (!source) continue;
      covered++;
      if (!sources.includes(source.key)) sources.push(source.key);
      const of = this.canonicalOf(source);
      ranges ??= [];
      const last = ranges[ranges.length - 1];
      const start = analysis.sentenceStart(i);
      const end = analysis.sentenceEnd(i);
      if (last && last.of === of && blankBetween(entry.text, last.end, start)) last.end = end;
      else ranges.push({ start, end, of });
    }
    if (entry.quoted && covered < significant) ranges = this.withQuotations(entry, ranges, sources, firstSentenceBit + significant);
    if (significant === 0) {
      // Too few words per sentence to judge sentences: the block is compared as a whole.
      if (!near) return this.unique(entry);
      sources.push(near.entry.key);
      return this.duplicateOf(entry, near.entry, Math.min(near.similarity, 0.99));
    }
    // Each source's changed words, read at most once, for the short sentences below.
    const changedFrom = new Map<number, readonly TextRange[]>();
    if (covered < significant) {
      const part = this.containedBefore(entry);
      if (part) {
        const found = this.gluedRepeat(entry, part, ranges ?? [], minJaccard, changedFrom);
        if (found.length > 0) {
          ranges = found;
          if (!sources.includes(part.key)) sources.push(part.key);
        }
      }
    }
    if (!ranges) return this.unique(entry);
    this.joinShortSentences(entry, ranges, minJaccard >= 1, changedFrom);
    if (near && !sources.includes(near.entry.key)) sources.push(near.entry.key);
    const glued = near ? [...(insideNear ? this.gluedRuns(entry, near.entry, insideNear, changedFrom) : NO_TEXT_RANGES), ...this.gluedEdges(entry, near.entry, minJaccard, changedFrom)] : NO_TEXT_RANGES;
    if (glued.length > 0) ranges = withoutRuns(entry.text, ranges, glued, this.canonicalOf(near!.entry));
    if (ranges.length === 0) return this.unique(entry);
    if (glued.length === 0 && covered === significant && !this.saysMoreThan(entry, sources, minJaccard, changedFrom)) {
      if (near) {
        return this.duplicateOf(entry, near.entry, Math.min(near.similarity, 0.99), ranges);
      }
      const main = ranges.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
      const repeatedChars = ranges.reduce((sum, r) => sum + r.end - r.start, 0);
      return this.duplicateOf(entry, this.entries[main.of]!, Math.min(repeatedChars / entry.text.length, 0.99), ranges);
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

  /**
   * `ranges` with each quoted sentence (see `Entry.quoted`) that an earlier block has, where no range
   * touches it yet: a paragraph whose quotation a pull quote set before it repeats, or another paper's
   * story with its own "said the minister". `firstBit`: the first quoted sentence's in `Entry.alone`.
   */
  private withQuotations(entry: Entry, ranges: RepeatedRange[] | undefined, sources: number[], firstBit: number): RepeatedRange[] | undefined {
    const quoted = entry.quoted!;
    for (let q = 0; q < quoted.length; q += 3) {
      if (this.aloneWith(entry, firstBit + q / 3)) continue;
      const source = this.earliestBefore(this.sentences.get(quoted[q]), entry);
      const start = quoted[q + 1];
      const end = quoted[q + 2];
      if (!source || ranges?.some((range) => range.start < end && start < range.end)) continue;
      if (!sources.includes(source.key)) sources.push(source.key);
      (ranges ??= []).push({ start, end, of: this.canonicalOf(source) });
    }
    return ranges?.sort((a, b) => a.start - b.start);
  }

  /**
   * Widens the repeated ranges over the short sentences (too short to count alone) that touch one and
   * are its source's words there too. An initial or abbreviation cuts a sentence ("President John F.
   * Kennedy met…", "Dr. Smith of St. Mary…", "В. В. Путин"): its first part is a short sentence, and
   * without this the highlight of a partial's repeated text began after it.
   */
  private joinShortSentences(entry: Entry, ranges: RepeatedRange[], strict: boolean, changedFrom: Map<number, readonly TextRange[]>): void {
    const { analysis, text } = entry;
    // A source's changed words are read only for a short sentence that touches one of its ranges.
    const sourceHas = (of: number, start: number, end: number) => !mostlyNew(this.changedWords(entry, of, changedFrom), start, end, strict);
    for (let joined = true; joined; ) {
      joined = false;
      for (let i = 0; i < analysis.sentenceCount; i++) {
        if (!isShortSentence(analysis, i)) continue;
        const start = analysis.sentenceStart(i);
        const end = analysis.sentenceEnd(i);
        const range = ranges.find((r) => (blankBetween(text, end, r.start) || blankBetween(text, r.end, start)) && !(r.start <= start && end <= r.end));
        if (!range || !sourceHas(range.of, start, end)) continue;
        range.start = Math.min(range.start, start);
        range.end = Math.max(range.end, end);
        joined = true;
      }
    }
    // A short sentence joined between two ranges of one source makes them one.
    for (let r = ranges.length - 1; r > 0; r--) {
      const before = ranges[r - 1];
      if (before.of === ranges[r].of && blankBetween(text, before.end, ranges[r].start)) {
        before.end = ranges[r].end;
        ranges.splice(r, 1);
      }
    }
  }

  /**
   * `ranges` with the text of `part` that this block repeats added, where no other range has it yet:
   * the pieces between runs of new words a sentence long (under `exact`, of any new word), each
   * counted as a sentence would be, by its length and by how much of it lies inside `part`. Other
   * pieces are the few words any new text shares with it (the, said).
   */
  private gluedRepeat(entry: Entry, part: Entry, ranges: readonly RepeatedRange[], minJaccard: number, changedFrom: Map<number, readonly TextRange[]>): RepeatedRange[] {
    const { text } = entry;
    // A repeat lies in the block as a run of its shingles, where paragraphs in one vocabulary share only
    // scattered ones: that is read from a fresh copy of them in text order (verifying sorts them), a
    // hundredth of what comparing the two word by word costs.
    if (longestRunIn(analyze(text).shingles(), this.shinglesOf(part)) < MIN_SENTENCE_TOKENS) return [...ranges];
    const of = this.canonicalOf(part);
    // Under `exact` any changed word is new text, so each piece is word for word.
    const newRun = minJaccard >= 1 ? 1 : MIN_SENTENCE_TOKENS;
    const runs = this.changedWords(entry, part.key, changedFrom).filter((run) => wordCount(text, run.start, run.end) >= newRun);
    const pieces = withoutRuns(text, [{ start: 0, end: text.length, of }], [...runs, ...ranges], of);
    const added = pieces.filter(
      (piece) =>
        wordCount(text, piece.start, piece.end) >= MIN_SENTENCE_TOKENS &&
        containment(shingles(text.slice(piece.start, piece.end)), this.shinglesOf(part)) >= minJaccard,
    );
    if (added.length === 0) return [...ranges];
    const joined: RepeatedRange[] = [];
    for (const range of [...ranges, ...added].sort((a, b) => a.start - b.start)) {
      const last = joined[joined.length - 1];
      if (last && last.of === range.of && blankBetween(text, last.end, range.start)) last.end = range.end;
      else joined.push({ ...range });
    }
    return joined;
  }

  /**
   * The runs of new words, a sentence's worth or more, inside the sentences that only lie inside the
   * near block (`spans`): a new paragraph glued to a repeat where no sentence end parts them (a
   * repeat that ends without a full stop, "…water rightsThe ministers said…"). Left in, the whole
   * block would pass for a near copy and be folded, its new text with it.
   */
  private gluedRuns(entry: Entry, near: Entry, spans: readonly TextRange[], changedFrom: Map<number, readonly TextRange[]>): TextRange[] {
    const runs: TextRange[] = [];
    for (const changed of this.changedWords(entry, near.key, changedFrom)) {
      for (const span of spans) {
        const start = Math.max(changed.start, span.start);
        const end = Math.min(changed.end, span.end);
        if (start < end && wordCount(entry.text, start, end) >= MIN_SENTENCE_TOKENS) runs.push({ start, end });
      }
    }
    return runs;
  }

  /**
   * New text of any length glued onto the near block's last word or before its first, the two words
   * merged ("…water rightsHe denied it."): the block's text from its last changed word that begins
   * with that last word, or up to its first changed word that ends with that first word. Fewer than
   * five words would pass for a near copy's change. The texts are read for such a merged word first,
   * as comparing them word by word costs more, and almost no near copy has one.
   */
  private gluedEdges(entry: Entry, near: Entry, minJaccard: number, changedFrom: Map<number, readonly TextRange[]>): TextRange[] {
    const { text } = entry;
    const original = near.text;
    const last = edgeWord(original, false);
    const first = edgeWord(original, true);
    const afterLast = last !== '' && mergedAt(text, last, false);
    const beforeFirst = first !== '' && mergedAt(text, first, true);
    if (!afterLast && !beforeFirst) return [];
    const runs: TextRange[] = [];
    const changed = this.changedWords(entry, near.key, changedFrom);
    // The rest of the near block stands on the repeat's side of the merge, as a near copy keeps it:
    // a common short word ("من", "in") begins many words that are no merge.
    const rest = minJaccard * (wordCount(original, 0, original.length) - 1);
    // Past the merge, all is new text, though a word of it may pair with one of the near block's.
    const merged = changed.findLast(
      (run) => afterLast && text.startsWith(last, run.start) && isWordCharacter(text, run.start + last.length) && wordCount(text, 0, run.start) >= rest,
    );
    if (merged) runs.push({ start: merged.start, end: wordSpan(text, false) });
    const mergedFirst = changed.find(
      (run) => beforeFirst && text.endsWith(first, run.end) && isWordCharacter(text, run.end - first.length - 1) && wordCount(text, run.end, text.length) >= rest,
    );
    if (mergedFirst) runs.push({ start: wordSpan(text, true), end: mergedFirst.end });
    return runs;
  }

  /**
   * Whether the block holds a sentence too short to count as repeated text that is new against every
   * block it repeats (`sources`, by key): "He denied it." glued onto a repeat is still news, so the
   * block is a partial, never folded away. New means mostly words that block does not have there,
   * word by word, also where the copy left out a sentence of the block and the new one stands in its
   * place; under `exact`, any such word. A short sentence edited in place ("He flatly denied it.") is a
   * near copy's change, not new text.
   */
  private saysMoreThan(entry: Entry, sources: readonly number[], minJaccard: number, changedFrom: Map<number, readonly TextRange[]>): boolean {
    const { analysis } = entry;
    const short: number[] = [];
    for (let i = 0; i < analysis.sentenceCount; i++) if (isShortSentence(analysis, i)) short.push(i);
    if (short.length === 0) return false;
    const strict = minJaccard >= 1;
    // Per sentence, whether every source so far finds it new; each source is compared once.
    const newInAll = short.map(() => true);
    for (const key of sources) {
      const fresh = this.changedWords(entry, key, changedFrom);
      short.forEach((i, n) => {
        if (!newInAll[n]) return;
        newInAll[n] = mostlyNew(fresh, analysis.sentenceStart(i), analysis.sentenceEnd(i), strict);
      });
    }
    return newInAll.includes(true);
  }

  /** The words of `entry` that block `of` does not have there, read once per classification into `changedFrom`. */
  private changedWords(entry: Entry, of: number, changedFrom: Map<number, readonly TextRange[]>): readonly TextRange[] {
    let changed = changedFrom.get(of);
    if (!changed) changedFrom.set(of, (changed = wordChanges(this.entries[of]!.text, entry.text).changed));
    return changed;
  }

  /** A sentence's own shingles; a one-sentence block's are the block's. */
  private sentenceShingles(entry: Entry, i: number): Uint32Array {
    const { analysis } = entry;
    if (analysis.sentenceCount === 1) return this.shinglesOf(entry);
    return shingles(entry.text.slice(analysis.sentenceStart(i), analysis.sentenceEnd(i)));
  }

  /** Groups from the duplicate and partial results among `blocks`, which are in document order. */
  private groupsOf(blocks: readonly BlockResult[]): Group[] {
    const byCanonical = new Map<number, number[]>();
    const join = (canonical: number, member: number) => {
      let members = byCanonical.get(canonical);
      if (!members) byCanonical.set(canonical, (members = [canonical]));
      if (members[members.length - 1] !== member) members.push(member);
    };
    for (const block of blocks) {
      if (block.status === 'duplicate') join(block.of!, block.id);
      if (rangesNameSources(block)) for (const range of block.repeated) join(range.of, block.id);
    }
    const groups = [...byCanonical.entries()].map(([canonical, members]) => ({ order: this.entries[canonical]!.order, canonical, members }));
    groups.sort((a, b) => a.order - b.order);
    return groups.map(({ canonical, members }) => ({ canonical, members }));
  }
}

/** A sentence with words, too few to count as repeated text on its own. */
function isShortSentence(analysis: Analysis, i: number): boolean {
  const tokens = analysis.sentenceTokens(i);
  return tokens > 0 && tokens < MIN_SENTENCE_TOKENS;
}

/** Whether [start, end) is mostly words the changed ranges hold (under `strict`, any): new against that source. */
function mostlyNew(changed: readonly TextRange[], start: number, end: number, strict: boolean): boolean {
  const inNew = overlap(changed, start, end);
  return strict ? inNew > 0 : inNew * 2 > end - start;
}

/**
 * `ranges` with the `runs` of new text taken out of those that repeat block `of`, each cut end
 * trimmed of its spaces; a part with no letter or digit left is dropped.
 */
function withoutRuns(text: string, ranges: readonly RepeatedRange[], runs: readonly TextRange[], of: number): RepeatedRange[] {
  let parts = [...ranges];
  for (const run of runs) {
    parts = parts.flatMap((range) => {
      if (range.of !== of || run.end <= range.start || range.end <= run.start) return [range];
      let before = Math.min(run.start, range.end);
      while (before > range.start && /\s/.test(text[before - 1])) before--;
      let after = Math.max(run.end, range.start);
      while (after < range.end && /\s/.test(text[after])) after++;
      return [
        { start: range.start, end: before, of },
        { start: after, end: range.end, of },
      ].filter((part) => /[\p{L}\p{N}]/u.test(text.slice(part.start, part.end)));
    });
  }
  return parts;
}

/** Whether `text` has, at `at`, a character of a word that may go on past it, as `wordChanges` reads words. */
function isWordCharacter(text: string, at: number): boolean {
  return at >= 0 && at < text.length && inWord(text.charCodeAt(at));
}

/** Where `text`'s first word starts (`first`), or its last one ends. */
function wordSpan(text: string, first: boolean): number {
  if (first) {
    let at = 0;
    while (at < text.length && !isWordCharacter(text, at)) at++;
    return at;
  }
  let at = text.length;
  while (at > 0 && !isWordCharacter(text, at - 1)) at--;
  return at;
}

/** `text`'s first or last word, as written. */
function edgeWord(text: string, first: boolean): string {
  if (first) {
    const start = wordSpan(text, true);
    let end = start;
    while (isWordCharacter(text, end)) end++;
    return text.slice(start, end);
  }
  const end = wordSpan(text, false);
  let start = end;
  while (isWordCharacter(text, start - 1)) start--;
  return text.slice(start, end);
}

/** Whether `text` has `word` run into another word: a letter right after it, or (`before`) right before it. */
function mergedAt(text: string, word: string, before: boolean): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (before ? isWordCharacter(text, at - 1) : isWordCharacter(text, at + word.length)) return true;
  }
  return false;
}

/** Whether `text` holds only white space from `from` to `to` (false when `to` comes first). */
function blankBetween(text: string, from: number, to: number): boolean {
  return from <= to && text.slice(from, to).trim() === '';
}

/** How many characters of [start, end) the ranges cover. */
function overlap(ranges: readonly TextRange[], start: number, end: number): number {
  let covered = 0;
  for (const range of ranges) covered += Math.max(0, Math.min(end, range.end) - Math.max(start, range.start));
  return covered;
}
