// The Node half of the benchmark: fingerprint throughput against simhash-js and a bare read of the
// text, grouping time at three corpus sizes, memory held by the index, and the cost of a rescan.
import { createRequire } from 'node:module';
import { installNodeAnalyzer } from '../../src/cli/nodeAnalyzer';
import { analysesRunInWasm, DedupIndex, findRepeats, fingerprint } from '../../src/engine';
import { analyzeInJavaScript } from '../../src/engine/analyze';
import { generateCorpus, type Corpus } from './corpus';
import { Prng } from '../support/prng';
import { collectGarbage, interleaved, median, medianRatio, sliced, timeMs } from './timing';

const require = createRequire(import.meta.url);
const { SimHash } = require('simhash-js') as { SimHash: new () => { hash(text: string): number } };

export interface Sizes {
  /** Three corpus sizes, each ten times the previous: 1k, 10k, 100k for the real run. */
  corpora: [number, number, number];
  /** Rounds of the bare pass and the engine before the measured ones (see measureThroughput). */
  throughputWarmup: number;
  throughputRounds: number;
  simhashJsRounds: number;
  /** Rounds for the two smaller sizes together, then for the two larger ones interleaved. */
  groupingRounds: [number, number];
  rescanRounds: number;
}

export const FULL: Sizes = {
  corpora: [1_000, 10_000, 100_000],
  throughputWarmup: 10,
  throughputRounds: 9,
  simhashJsRounds: 5,
  groupingRounds: [5, 5],
  rescanRounds: 15,
};

export const TINY: Sizes = {
  corpora: [30, 300, 3_000],
  throughputWarmup: 2,
  throughputRounds: 3,
  simhashJsRounds: 1,
  groupingRounds: [2, 1],
  rescanRounds: 3,
};

export interface Throughput {
  /** The pass `fingerprint` ran: WebAssembly, as the CLI and Firefox run it, unless Node refused it. */
  analyzer: 'wasm' | 'javascript';
  paragraphs: number;
  /** The corpus size in UTF-8 bytes: the unit of every MB/s figure (MB = 10^6 bytes). */
  utf8Bytes: number;
  utf16Units: number;
  engineMs: number;
  /** The engine's time in every round, in order, the warm-up rounds first: how it settled, and how far rounds swing. */
  engineRoundsMs: number[];
  warmupRounds: number;
  simhashJsMs: number;
  barePassMs: number;
  /** The JavaScript pass alone (`analyzeInJavaScript`), as Chromium's content script runs it. */
  javascriptMs: number;
  javascriptMBps: number;
  /** Per-round bare-pass time / JavaScript pass time, median over rounds. */
  javascriptOfBarePass: number;
  engineMBps: number;
  simhashJsMBps: number;
  barePassMBps: number;
  /** Per-round simhash-js time / engine time, median over rounds. */
  vsSimhashJs: number;
  /** Each round's ratio, in round order: how far one round's machine swings it. */
  vsSimhashJsRounds: number[];
  /** Per-round bare-pass time / engine time, median over rounds. */
  ofBarePass: number;
}

export interface Grouping {
  paragraphs: number;
  ms: number;
  msPerThousand: number;
  /** Blocks reported as duplicate or partial. */
  flagged: number;
  /** Repeats the generator planted, and how many of them the engine flagged. */
  planted: number;
  plantedFound: number;
}

export interface IndexCost {
  paragraphs: number;
  /** Memory held by a DedupIndex per paragraph, its tables' buffers included, excluding the paragraph's own text (the page holds that). */
  bytesPerParagraph: number;
  /** Mean text size, for scale. */
  textBytesPerParagraph: number;
  /** set() of RESCAN_BLOCKS new or changed blocks, then report(): every block's result. */
  rescanReportMs: number;
  /** The same, then changes(): only the results that changed. */
  rescanChangesMs: number;
  /** The same, then changes() and groups(): what the content script asks for on a rescan. */
  rescanGroupsMs: number;
}

export interface NodeResults {
  sizes: Sizes['corpora'];
  throughput: Throughput;
  grouping: Grouping[];
  /** Grouping time at the largest corpus / at the middle one (100k / 10k in the real run), median of per-round ratios. */
  growth: number | null;
  /** Each round's ratio, in round order: how far one round's machine swings the ratio. */
  growthRounds: number[] | null;
  /** Per round, pages first touched (minor page faults) per 1,000 paragraphs by its middle runs and by its large run. */
  growthFreshPages: { middle: number[]; large: number[] } | null;
  index: IndexCost[];
  /** Rescan time on the largest index / on the middle one, with changes(): 1 means flat. */
  rescanGrowth: number | null;
  /** The same with groups() too, which renumbers every group: it follows the page's repeats. */
  rescanGroupsGrowth: number | null;
}

/** Blocks set per rescan: half of them edited in place, half appended, as on a live page. */
export const RESCAN_BLOCKS = 10;

let sink = 0;

/** Keeps results alive, so no measured work can be optimised away. */
export function benchmarkSink(): number {
  return sink;
}

function utf8Bytes(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + Buffer.byteLength(text, 'utf8'), 0);
}

/** Copies of the strings as flat, sequential strings, the fastest form to read, so the bare pass is a true floor. */
function flat(texts: readonly string[]): string[] {
  return JSON.parse(JSON.stringify(texts)) as string[];
}

/** Paragraphs per turn of the engine and simhash-js: about 0.4 s of simhash-js on the real run's corpus. */
const PEER_SLICE = 2_000;

export function measureThroughput(texts: readonly string[], sizes: Sizes, log: (line: string) => void): Throughput {
  const simhashJs = new SimHash();
  const barePass = () => {
    let all = 0;
    for (let p = 0; p < texts.length; p++) {
      const text = texts[p];
      let h = 0;
      for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
      all ^= h;
    }
    sink ^= all;
  };
  const javascript = () => {
    for (let p = 0; p < texts.length; p++) sink ^= analyzeInJavaScript(texts[p]).fingerprint.lo;
  };
  const engineOver = (from: number, to: number) => {
    for (let p = from; p < to; p++) sink ^= fingerprint(texts[p]).lo;
  };
  const engine = () => engineOver(0, texts.length);
  const peerOver = (from: number, to: number) => {
    for (let p = from; p < to; p++) sink ^= simhashJs.hash(texts[p]);
  };
  log(`throughput: ${texts.length} paragraphs, engine, its JavaScript pass and bare pass`);
  const warmup = sizes.throughputWarmup;
  // Without the collection and the warm-up rounds, the first rounds ran while V8 marked and compacted
  // the corpus generator's garbage, and the engine took up to twice as long in them. Collecting before
  // every round instead made every engine round slower (38-57 ms against 34-37 at 10k).
  collectGarbage();
  const all = interleaved({ barePass, engine, javascript }, { warmup: 0, rounds: warmup + sizes.throughputRounds });
  const fast = { barePass: all.barePass.slice(warmup), engine: all.engine.slice(warmup), javascript: all.javascript.slice(warmup) };
  log('throughput: simhash-js');
  // simhash-js takes a hundred times as long, so the two take turns by slice (see `sliced`): beside whole
  // rounds of 2-3 s, the engine's 20 ms met one moment of the machine, and one run's rounds gave 69, 153
  // and 106. In 18 rounds each way, in three processes, single rounds' ratios had a standard deviation
  // of 6.6 taken whole and 4.7 by slice; five rounds, not three, for the median.
  const slow = sliced({ engine: engineOver, peer: peerOver }, texts.length, PEER_SLICE, { warmup: 1, rounds: sizes.simhashJsRounds });
  const vsSimhashJsRounds = slow.peer.map((ms, round) => ms / slow.engine[round]);
  const bytes = utf8Bytes(texts);
  const engineMs = median(fast.engine);
  const simhashJsMs = median(slow.peer);
  const barePassMs = median(fast.barePass);
  const javascriptMs = median(fast.javascript);
  const mbps = (ms: number) => bytes / 1e6 / (ms / 1000);
  return {
    analyzer: analysesRunInWasm() ? 'wasm' : 'javascript',
    paragraphs: texts.length,
    utf8Bytes: bytes,
    utf16Units: texts.reduce((sum, text) => sum + text.length, 0),
    engineMs,
    engineRoundsMs: all.engine,
    warmupRounds: warmup,
    simhashJsMs,
    barePassMs,
    javascriptMs,
    javascriptMBps: mbps(javascriptMs),
    javascriptOfBarePass: medianRatio(fast.barePass, fast.javascript),
    engineMBps: mbps(engineMs),
    simhashJsMBps: mbps(simhashJsMs),
    barePassMBps: mbps(barePassMs),
    vsSimhashJs: median(vsSimhashJsRounds),
    vsSimhashJsRounds,
    ofBarePass: medianRatio(fast.barePass, fast.engine),
  };
}

function grouping({ texts, planted }: Corpus, times: readonly number[]): Grouping {
  const report = findRepeats(texts);
  const ms = median(times);
  return {
    paragraphs: texts.length,
    ms,
    msPerThousand: (ms / texts.length) * 1000,
    flagged: report.blocks.filter((block) => block.status !== 'unique').length,
    planted: planted.length,
    plantedFound: planted.filter(({ index }) => report.blocks[index].status !== 'unique').length,
  };
}

/** Runs of the middle corpus per round of the growth ratio. */
const MIDDLE_RUNS = 3;

/** Pages the process has touched for the first time so far: on the build machine each costs 13–22 µs, and rounds differ in how many they meet. */
function freshPages(): number {
  return process.resourceUsage().minorPageFault;
}

/** findRepeats() at each size; the two largest run interleaved, for a growth ratio taken within rounds. */
export function measureGrouping(
  corpora: Corpus[],
  sizes: Sizes,
  log: (line: string) => void,
): Pick<NodeResults, 'grouping' | 'growth' | 'growthRounds' | 'growthFreshPages'> {
  const run = (corpus: Corpus) => () => {
    sink ^= findRepeats(corpus.texts).blocks.length;
  };
  const [small, middle, large] = corpora;
  log(`grouping: ${small.texts.length} and ${middle.texts.length} paragraphs`);
  const first = interleaved({ small: run(small), middle: run(middle) }, { warmup: 1, rounds: sizes.groupingRounds[0] });
  if (!large) {
    return { grouping: [grouping(small, first.small), grouping(middle, first.middle)], growth: null, growthRounds: null, growthFreshPages: null };
  }
  log(`grouping: ${middle.texts.length} and ${large.texts.length} paragraphs, interleaved`);
  // The middle size runs MIDDLE_RUNS times per round and counts their mean: one short run's time
  // swung with the machine far more than the long run's, and so did the ratio of the two.
  const middleRuns = () => {
    for (let i = 0; i < MIDDLE_RUNS; i++) run(middle)();
  };
  const fresh = { middle: [] as number[], large: [] as number[] };
  const counting = (job: () => void, paragraphs: number, into: number[]) => () => {
    const before = freshPages();
    job();
    into.push(((freshPages() - before) / paragraphs) * 1000);
  };
  const second = interleaved(
    { middle: counting(middleRuns, MIDDLE_RUNS * middle.texts.length, fresh.middle), large: counting(run(large), large.texts.length, fresh.large) },
    { warmup: 0, rounds: sizes.groupingRounds[1] },
  );
  const secondMiddle = second.middle.map((ms) => ms / MIDDLE_RUNS);
  const growthRounds = second.large.map((ms, round) => ms / secondMiddle[round]);
  return {
    grouping: [grouping(small, first.small), grouping(middle, [...first.middle, ...secondMiddle]), grouping(large, second.large)],
    growth: median(growthRounds),
    growthRounds,
    growthFreshPages: fresh,
  };
}

/** Texts for rescans: fresh paragraphs, exact copies and near copies of the page's own. */
function rescanTexts(page: readonly string[], count: number): string[] {
  const random = new Prng(0xc0ffee);
  const fresh = generateCorpus(count, 0xfeed).texts;
  return fresh.map((text, i) => {
    if (i % 3 === 1) return page[random.int(page.length)];
    if (i % 3 === 2) return page[random.int(page.length)].replace(/ \S+/u, '');
    return text;
  });
}

/** The JS heap and the typed arrays' buffers, which live outside it: the index's tables are such arrays. */
function heldBytes(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * `heldBytes` after a full collection, once JavaScript has run for a moment. Right after it was
 * dropped, an index sometimes survived four full collections in a row and was gone once more
 * JavaScript had run (7 of 40 readings); with 50 ms of it first, none of 80 was off.
 */
function settledHeldBytes(): number {
  const until = performance.now() + 50;
  while (performance.now() < until);
  collectGarbage();
  return heldBytes();
}

function buildIndex(texts: readonly string[]): DedupIndex {
  const index = new DedupIndex();
  for (let i = 0; i < texts.length; i++) index.set(i, texts[i], i);
  sink ^= index.report().blocks.length;
  return index;
}

/**
 * Memory an index of `texts` holds: what is freed when it is dropped, measured from the built index
 * down. Measured from before it up, one run read -423 bytes per paragraph: the process had freed
 * more of its earlier garbage during the build than the index took.
 */
function indexBytes(texts: readonly string[]): number {
  const held = (() => {
    const index = buildIndex(texts);
    const bytes = settledHeldBytes();
    sink ^= index.size; // the index stays alive until it has been measured
    return bytes;
  })();
  return held - settledHeldBytes();
}

/** Memory held by an index of the corpus, then rescans of RESCAN_BLOCKS blocks on it. */
export function measureIndex(texts: readonly string[], rounds: number): IndexCost {
  const bytesPerParagraph = indexBytes(texts) / texts.length;
  const index = buildIndex(texts);

  const pool = rescanTexts(texts, RESCAN_BLOCKS * rounds * 3);
  const random = new Prng(0xbe11);
  let nextKey = texts.length;
  let used = 0;
  const rescan = () => {
    for (let i = 0; i < RESCAN_BLOCKS; i++) {
      const text = pool[used++];
      if (i % 2 === 0) {
        const key = random.int(texts.length);
        index.set(key, text, key); // an edited paragraph keeps its place
      } else {
        index.set(nextKey, text, nextKey); // a paragraph appended by infinite scroll
        nextKey++;
      }
    }
  };
  /** Median time of `rounds` rescans, each followed by `finish`. */
  const medianRescan = (finish: () => number) =>
    median(
      Array.from({ length: rounds }, () =>
        timeMs(() => {
          rescan();
          sink ^= finish();
        }),
      ),
    );
  const rescanReportMs = medianRescan(() => index.report().blocks.length);
  sink ^= index.changes().changed.length; // the first call lists every block; rescans follow
  const rescanChangesMs = medianRescan(() => index.changes().changed.length);
  const rescanGroupsMs = medianRescan(() => index.changes().changed.length ^ index.groups().length);
  return {
    paragraphs: texts.length,
    bytesPerParagraph,
    textBytesPerParagraph: utf8Bytes(texts) / texts.length,
    rescanReportMs,
    rescanChangesMs,
    rescanGroupsMs,
  };
}

/** The corpora, each a prefix of the largest (same seed), so sizes differ only in size. */
function corpora(sizes: number[]): Corpus[] {
  const largest = generateCorpus(Math.max(...sizes));
  return sizes.map((n) => ({
    texts: flat(largest.texts.slice(0, n)),
    scripts: largest.scripts.slice(0, n),
    planted: largest.planted.filter((p) => p.index < n),
  }));
}

export function runNodeBenchmark(sizes: Sizes, { skipLargest }: { skipLargest: boolean }, log: (line: string) => void): NodeResults {
  installNodeAnalyzer();
  const measured = skipLargest ? sizes.corpora.slice(0, 2) : sizes.corpora;
  log(`generating corpora (${measured.join(', ')} paragraphs)`);
  const [small, middle, large] = corpora(measured);
  const throughput = measureThroughput(middle.texts, sizes, log);
  const { grouping, growth, growthRounds, growthFreshPages } = measureGrouping(large ? [small, middle, large] : [small, middle], sizes, log);
  const index = (large ? [middle, large] : [middle]).map((corpus) => {
    log(`index memory and rescans: ${corpus.texts.length} paragraphs`);
    return measureIndex(corpus.texts, sizes.rescanRounds);
  });
  return {
    sizes: sizes.corpora,
    throughput,
    grouping,
    growth,
    growthRounds,
    growthFreshPages,
    index,
    rescanGrowth: large ? index[1].rescanChangesMs / index[0].rescanChangesMs : null,
    rescanGroupsGrowth: large ? index[1].rescanGroupsMs / index[0].rescanGroupsMs : null,
  };
}
