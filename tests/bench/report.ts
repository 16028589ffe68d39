// The benchmark's output: a table for people, or the JSON of issue 5 with the details beside it.
import type { BrowserResults } from './browser';
import { RESCAN_BLOCKS, type NodeResults } from './node';

/** The targets of issue 5. */
export const TARGETS = {
  ofBarePass: 0.33,
  vsSimhashJs: 100,
  growth100kOver10k: 12,
  scanMs: 300,
  longestTaskMs: 50,
  sampleScanMs: 5,
} as const;

export interface BenchResults {
  node: NodeResults | null;
  browser: BrowserResults | null;
  /** Why a part could not be measured. */
  errors: string[];
}

const round = (value: number, digits = 3) => Number(value.toPrecision(digits));

export function toJson(results: BenchResults): object {
  const { node, browser } = results;
  return {
    ratios: node && {
      vsSimhashJs: round(node.throughput.vsSimhashJs),
      ofBarePass: round(node.throughput.ofBarePass),
      growth100kOver10k: node.growth === null ? null : round(node.growth),
    },
    browser: browser && {
      pageParagraphs: browser.page.paragraphs,
      scanMs: round(browser.page.scanMs),
      longestTaskMs: round(browser.page.longestTaskMs),
      longestTaskButCaptureMs: round(browser.page.longestTaskButCaptureMs),
      longestTracedTaskMs: round(browser.page.longestTracedTaskMs),
      sampleScanMs: round(browser.sample.scanMs),
      longestFrameMs: round(browser.page.longestFrameMs),
    },
    targets: TARGETS,
    details: { node, browser },
    ...(results.errors.length > 0 ? { errors: results.errors } : {}),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const check = (ok: boolean) => (ok ? 'met' : 'MISSED');
const spread = (values: readonly number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`;

/** Long-task entries exist only for tasks over 50 ms: 0 means there was none. */
const task = (value: number) => (value === 0 ? 'none > 50 ms' : ms(value));

function nodeTables(node: NodeResults): string[] {
  const t = node.throughput;
  return [
    `Fingerprinting ${t.paragraphs} paragraphs (${(t.utf8Bytes / 1e6).toFixed(2)} MB UTF-8, ${t.utf16Units} UTF-16 units), median of interleaved rounds`,
    `after a full collection and ${t.warmupRounds} warm-up rounds; engine rounds ${spread(t.engineRoundsMs.slice(0, t.warmupRounds))} ms warming up, ${spread(t.engineRoundsMs.slice(t.warmupRounds))} ms measured`,
    table([
      ['', 'time', 'MB/s (UTF-8)'],
      ['bare charCodeAt pass', ms(t.barePassMs), t.barePassMBps.toFixed(1)],
      [`engine fingerprint() (${t.analyzer})`, ms(t.engineMs), t.engineMBps.toFixed(1)],
      ['engine, JavaScript pass (Chromium)', ms(t.javascriptMs), t.javascriptMBps.toFixed(1)],
      ['simhash-js hash()', ms(t.simhashJsMs), t.simhashJsMBps.toFixed(2)],
    ]),
    '',
    'Grouping and verification: findRepeats()',
    table([
      ['paragraphs', 'time', 'per 1k', 'flagged', 'planted repeats found'],
      ...node.grouping.map((g) => [String(g.paragraphs), ms(g.ms), ms(g.msPerThousand), String(g.flagged), `${g.plantedFound}/${g.planted}`]),
    ]),
    '',
    `DedupIndex: memory, and rescans (set() of ${RESCAN_BLOCKS} new or edited blocks, then the results)`,
    table([
      ['paragraphs', 'index bytes/paragraph', 'text bytes/paragraph', 'rescan + report()', 'rescan + changes()', 'rescan + changes() + groups()'],
      ...node.index.map((i) => [
        String(i.paragraphs),
        i.bytesPerParagraph.toFixed(0),
        i.textBytesPerParagraph.toFixed(0),
        ms(i.rescanReportMs),
        ms(i.rescanChangesMs),
        ms(i.rescanGroupsMs),
      ]),
    ]),
  ];
}

/** Where the settings prefetch ran: it starts before the start mark, so it is shown beside the scan, not in it. */
function prefetchRow(label: string, p: BrowserResults['page']): string[] {
  const prefetch = p.prefetch;
  if (!prefetch) return [label, 'none', '', '', '', '', '', '', ''];
  const answered = Number.isNaN(prefetch.answeredMs)
    ? 'not within the scan'
    : prefetch.answeredMs <= 0
      ? `${ms(-prefetch.answeredMs)} before start`
      : `${ms(prefetch.answeredMs)} after start`;
  const ofLoads = (value: number, loads: number) => (loads === 0 ? 'no load' : `${ms(value)} (${loads} of ${prefetch.loads})`);
  return [
    label,
    `${ms(prefetch.leadMs)} before start`,
    ms(prefetch.runMs),
    answered,
    ms(prefetch.roundTripMs),
    Number.isNaN(prefetch.idleRoundTripMs) ? 'not measured' : ms(prefetch.idleRoundTripMs),
    `${prefetch.staleLoads}/${prefetch.loads}`,
    ofLoads(prefetch.afterAnswerMs, prefetch.waitedLoads),
    ofLoads(prefetch.readyScanMs, prefetch.readyLoads),
  ];
}

function browserTable(browser: BrowserResults): string[] {
  const row = (label: string, p: BrowserResults['page']) => [
    `${label} (${p.paragraphs} paragraphs)`,
    p.analyzer ?? 'not marked',
    ms(p.scanMs),
    task(p.longestTaskMs),
    p.pageTextCaptureMs === 0 ? 'none' : ms(p.pageTextCaptureMs),
    task(p.longestTaskButCaptureMs),
    task(p.longestFrameMs),
    task(Math.max(...p.loads.map((l) => l.longestTaskOfLoadMs))),
  ];
  const phasesRow = (label: string, p: BrowserResults['page']) => {
    const phased = p.loads.filter((l) => l.phases).length;
    if (!p.phases) return [label, 'no marks', '', '', `0/${p.loads.length}`];
    return [label, ms(p.phases.readMs), ms(p.phases.indexMs), ms(p.phases.showMs), `${phased}/${p.loads.length}`];
  };
  const fonts =
    browser.scriptsWithoutFont === null
      ? 'Fonts: not checked (no fontconfig to ask)'
      : browser.scriptsWithoutFont.length === 0
        ? "Fonts: every script of the pages has one on this machine"
        : `Fonts: none on this machine for ${browser.scriptsWithoutFont.join(', ')}; without CJK fonts, the long page loaded about five times slower and its scans took a tenth to a third longer (FINDINGS.md, *Fonts*)`;
  return [
    `Chromium ${browser.chromium}, extension ${browser.extensionDir}, median of loads`,
    fonts,
    table([
      ['page', 'analyzer', 'scan (start→done)', 'longest task during scan', "Chromium's text capture in it", 'longest task but that', 'longest frame during scan', 'longest task of any load'],
      row('generated page', browser.page),
      row('sample article', browser.sample),
    ]),
    '',
    'Settings prefetch (document_start script, before the start mark: not part of the scan time above), median of loads',
    table([
      ['page', 'began', 'own run', 'storage answered', 'read→answer', 'read→answer, page idle', 'loads read again (stale)', 'answer→done, loads that waited', 'scan, loads with settings ready'],
      prefetchRow('generated page', browser.page),
      prefetchRow('sample article', browser.sample),
    ]),
    '',
    "The first scan's phases (in each load they add up to its scan time; a wait for the settings counts as indexing), median of loads",
    table([
      ['page', 'read blocks', 'index and classify', 'show results', 'loads with marks'],
      phasesRow('generated page', browser.page),
      phasesRow('sample article', browser.sample),
    ]),
  ];
}

function targetsTable({ node, browser }: BenchResults): string[] {
  const rows: string[][] = [];
  if (node) {
    const t = node.throughput;
    const [, middle, large] = node.sizes;
    rows.push(['ofBarePass (bare-pass time / engine time)', t.ofBarePass.toFixed(3), `≥ ${TARGETS.ofBarePass}`, check(t.ofBarePass >= TARGETS.ofBarePass)]);
    rows.push(['vsSimhashJs (times faster)', t.vsSimhashJs.toFixed(1), `≥ ${TARGETS.vsSimhashJs}`, check(t.vsSimhashJs >= TARGETS.vsSimhashJs)]);
    rows.push(['  its rounds, lowest to highest', spread(t.vsSimhashJsRounds), '', '']);
    if (node.growth !== null) {
      rows.push([`growth ${large / 1000}k over ${middle / 1000}k`, node.growth.toFixed(2), `≤ ${TARGETS.growth100kOver10k}`, check(node.growth <= TARGETS.growth100kOver10k)]);
      // The median hides how far single rounds swing with the machine; the range shows it.
      if (node.growthRounds) rows.push(['  its rounds, lowest to highest', spread(node.growthRounds), '', '']);
      // Fresh memory is what the rounds swing with on the build machine, so each round's count is shown beside its ratio.
      if (node.growthRounds && node.growthFreshPages) {
        const { middle: m, large: l } = node.growthFreshPages;
        const byRound = node.growthRounds.map((ratio, i) => `${ratio.toFixed(1)} (${m[i].toFixed(0)}/${l[i].toFixed(0)})`);
        rows.push([`  by round: ratio (pages first touched per 1,000 paragraphs, ${middle / 1000}k/${large / 1000}k runs)`, byRound.join(', '), '', '']);
      }
    }
    if (node.rescanGrowth !== null) rows.push([`rescan growth ${large / 1000}k over ${middle / 1000}k, changes()`, node.rescanGrowth.toFixed(2), '≈ 1', '']);
    if (node.rescanGroupsGrowth !== null) {
      rows.push([`rescan growth ${large / 1000}k over ${middle / 1000}k, changes() + groups()`, node.rescanGroupsGrowth.toFixed(2), '', '']);
    }
  }
  if (browser) {
    rows.push([`scanMs (${browser.page.paragraphs} paragraphs)`, browser.page.scanMs.toFixed(1), `≤ ${TARGETS.scanMs}`, check(browser.page.scanMs <= TARGETS.scanMs)]);
    rows.push(['longestTaskMs', browser.page.longestTaskMs.toFixed(1), `≤ ${TARGETS.longestTaskMs}`, check(browser.page.longestTaskMs <= TARGETS.longestTaskMs)]);
    // Chromium captures the page's text in a frame after the load event, extension or not; on this static page, the frame of our annotations.
    rows.push(["  the longest but Chromium's page-text capture", browser.page.longestTaskButCaptureMs.toFixed(1), `≤ ${TARGETS.longestTaskMs}`, check(browser.page.longestTaskButCaptureMs <= TARGETS.longestTaskMs)]);
    // The observer may leave tasks out (Chromium 156's omits the capture's); the trace has every one.
    rows.push(['longest main-thread task in the trace', browser.page.longestTracedTaskMs.toFixed(1), `≤ ${TARGETS.longestTaskMs}`, check(browser.page.longestTracedTaskMs <= TARGETS.longestTaskMs)]);
    rows.push(["  the longest but Chromium's page-text capture", browser.page.longestTracedTaskButCaptureMs.toFixed(1), `≤ ${TARGETS.longestTaskMs}`, check(browser.page.longestTracedTaskButCaptureMs <= TARGETS.longestTaskMs)]);
    // A long task entry leaves out the rendering our DOM writes cause; the frame includes it.
    rows.push(['longest frame, rendering included', browser.page.longestFrameMs.toFixed(1), `≤ ${TARGETS.longestTaskMs}`, check(browser.page.longestFrameMs <= TARGETS.longestTaskMs)]);
    rows.push(['sampleScanMs', browser.sample.scanMs.toFixed(2), `≤ ${TARGETS.sampleScanMs}`, check(browser.sample.scanMs <= TARGETS.sampleScanMs)]);
  }
  return rows.length === 0 ? [] : ['Targets (issue 5)', table([['measure', 'value', 'target', ''], ...rows])];
}

export function toTable(results: BenchResults): string {
  const sections = [
    ...(results.node ? [nodeTables(results.node)] : []),
    ...(results.browser ? [browserTable(results.browser)] : []),
    targetsTable(results),
    results.errors.map((error) => `ERROR: ${error}`),
  ].filter((section) => section.length > 0);
  return sections.map((section) => section.join('\n')).join('\n\n');
}
