// The human-readable output of `npm run scan`: each repeat group, its first occurrence and repeats.
import { rangesNameSources, wordsIn } from '../engine';
import type { ReportBlock, ScanReport } from './report';
import { displayWidth, isolate, painter, printable, truncate, type Colour, type Paint } from './terminal';

export interface TableStyle {
  colour: boolean;
  /** Terminal width in columns; snippets are cut to fit. */
  width: number;
}

/** Snippets stay readable even in a narrow terminal. */
const MIN_SNIPPET_COLUMNS = 20;
/** Each list of a near copy's changed or left-out words takes at most this much of its row: the snippet still shows the paragraph. */
const MAX_CHANGES_COLUMNS = 30;

type Kind = 'first' | 'duplicate' | 'partial';

const KIND_COLOUR: Record<Kind, Colour> = { first: 'green', duplicate: 'yellow', partial: 'magenta' };

interface Row {
  group: string;
  block: string;
  kind: Kind;
  similarity: string;
  /** Where in the block the text repeating the group's first block sits, when not all of it does. */
  range: string;
  /** A near copy's changed words and those it leaves out, so the reader sees at once what differs. */
  changes: string;
  text: string;
}

function percent(similarity: number): string {
  return `${Math.round(similarity * 100)}%`;
}

/**
 * "(changed: 15, bigger; left out: reportedly)" for a near copy, isolated words each cut to a short
 * run; "(excerpt)" for part of its first occurrence, word for word, as the extension says; empty for
 * a copy with neither.
 */
function differencesOf(block: ReportBlock, original: string): string {
  if (block.excerpt) return '(excerpt)';
  const lists = [
    ['changed', wordsIn(block.text, block.changed)],
    ['left out', wordsIn(original, block.dropped)],
  ];
  const named = lists.filter(([, words]) => words).map(([label, words]) => `${label}: ${isolate(truncate(words, MAX_CHANGES_COLUMNS))}`);
  return named.length > 0 ? `(${named.join('; ')})` : '';
}

function rowsOf(report: ScanReport): Row[] {
  const rows: Row[] = [];
  report.groups.forEach((group, index) => {
    group.members.forEach((id, position) => {
      const block = report.blocks[id];
      const base = { group: position === 0 ? String(index + 1) : '', block: `#${id}` };
      if (position === 0) {
        rows.push({ ...base, kind: 'first', similarity: '', range: '', changes: '', text: block.text });
      } else if (rangesNameSources(block)) {
        // Show the part that repeats this group's first block: that is what the reader wants to check.
        const ranges = block.repeated.filter((range) => range.of === group.canonical);
        const shown = ranges[0] ?? { start: 0, end: block.text.length };
        const range = ranges.map((r) => `${r.start}–${r.end}`).join(',');
        rows.push({
          ...base,
          kind: block.status === 'partial' ? 'partial' : 'duplicate',
          similarity: percent(block.similarity),
          range: `[${range}]`,
          changes: '',
          text: block.text.slice(shown.start, shown.end),
        });
      } else {
        const changes = differencesOf(block, report.blocks[block.of!].text);
        rows.push({ ...base, kind: 'duplicate', similarity: percent(block.similarity), range: '', changes, text: block.text });
      }
    });
  });
  return rows;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

type ScanStats = ScanReport['stats'];

function summaryOf({ blocks, duplicates, partial, ms }: ScanStats): string {
  return `${duplicates} repeated, ${partial} partial in ${blocks} ${blocks === 1 ? 'block' : 'blocks'} (${ms.toFixed(1)} ms)`;
}

const HEADINGS = { group: 'group', block: 'block', kind: 'kind', similarity: 'sim', text: 'text' };

function renderRows(rows: readonly Row[], style: TableStyle, paint: Paint): string[] {
  // A fold, not a spread: a spread passes one argument per row, past V8's stack at about 125,000 rows.
  const widthOf = (heading: string, pick: (row: Row) => string) =>
    rows.reduce((width, row) => Math.max(width, displayWidth(pick(row))), displayWidth(heading));
  const groupW = widthOf(HEADINGS.group, (r) => r.group);
  const blockW = widthOf(HEADINGS.block, (r) => r.block);
  const kindW = widthOf(HEADINGS.kind, (r) => r.kind);
  const simW = widthOf(HEADINGS.similarity, (r) => r.similarity);
  const lead = 2 + groupW + 2 + blockW + 2 + kindW + 2 + simW + 2;
  const heading = [
    pad(HEADINGS.group, groupW),
    pad(HEADINGS.block, blockW),
    pad(HEADINGS.kind, kindW),
    pad(HEADINGS.similarity, simW),
    HEADINGS.text,
  ].join('  ');
  const lines = [paint('dim', `  ${heading}`)];
  for (const row of rows) {
    const range = row.range ? `${row.range} ` : row.changes ? `${row.changes} ` : '';
    const snippet = truncate(row.text, Math.max(MIN_SNIPPET_COLUMNS, style.width - lead - displayWidth(range)));
    const kind = paint(KIND_COLOUR[row.kind], pad(row.kind, kindW));
    const similarity = ' '.repeat(simW - displayWidth(row.similarity)) + row.similarity;
    lines.push(`  ${pad(row.group, groupW)}  ${pad(row.block, blockW)}  ${kind}  ${similarity}  ${range}${isolate(snippet)}`);
  }
  return lines;
}

/** The table for one report: a title line, one row per group member, and a summary line. */
export function formatTable(report: ScanReport, style: TableStyle): string {
  const paint = painter(style.colour);
  // Escaped, as in error lines: a control character in a file name is shown, not dropped.
  const lines = [paint('bold', isolate(printable(report.file)))];
  if (report.groups.length === 0) lines.push('  no repeated paragraphs');
  else lines.push(renderRows(rowsOf(report), style, paint).join('\n'));
  lines.push(`  ${paint('bold', summaryOf(report.stats))}`);
  return lines.join('\n');
}

/** The line after the tables of several inputs: their sums, and how many could not be scanned. */
export function formatTotal(scanned: readonly ScanStats[], failed: number, style: TableStyle): string {
  const sum = (pick: (stats: ScanStats) => number) => scanned.reduce((total, stats) => total + pick(stats), 0);
  const total = {
    blocks: sum((stats) => stats.blocks),
    duplicates: sum((stats) => stats.duplicates),
    partial: sum((stats) => stats.partial),
    ms: sum((stats) => stats.ms),
  };
  const files = `${scanned.length} ${scanned.length === 1 ? 'file' : 'files'}`;
  const failures = failed > 0 ? `; ${failed} could not be scanned` : '';
  return painter(style.colour)('bold', `${files}: ${summaryOf(total)}${failures}`);
}
