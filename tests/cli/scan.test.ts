// `npm run scan` as a user runs it: a child process, its stdout, stderr and exit status.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../src/cli/html';
import type { ScanReport } from '../../src/cli/report';
import { collapseWhitespace } from '../../src/page/text';
import { isInsideComplementary } from '../../src/page/tree';
import { sampleLines } from '../support/sample';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE_PAGE = join(ROOT, 'tests/fixtures/pages/astana-article.ar.html');
const FSI = '\u2068';
const PDI = '\u2069';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function scan(args: string[], input?: string | Buffer): Run {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/scan.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function reports(run: Run): ScanReport[] {
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ScanReport);
}

const dir = mkdtempSync(join(tmpdir(), 'paradedup-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const lines = sampleLines();

/** Block ids of the 14 sample lines in a report: the blocks whose text is a sample line, in order. */
function lineIds(report: ScanReport): number[] {
  const ids = report.blocks.filter((block) => lines.includes(block.text)).map((block) => block.id);
  expect(ids).toHaveLength(lines.length);
  return ids;
}

/** The sample's verdict, whatever page chrome surrounds it: 8, 11–14 repeat 2, 4–7; 10 repeats 3. */
function expectSampleVerdict(report: ScanReport): void {
  const id = lineIds(report);
  const line = (n: number) => report.blocks[id[n - 1]];
  for (const [repeat, first] of [[8, 2], [11, 4], [12, 5], [13, 6], [14, 7]]) {
    expect(line(repeat)).toMatchObject({ status: 'duplicate', of: id[first - 1], repeated: [{ start: 0, end: lines[repeat - 1].length, of: id[first - 1] }] });
    expect(line(repeat).similarity).toBeGreaterThan(0.9);
  }
  const partial = line(10);
  expect(partial.status).toBe('partial');
  expect(partial.of).toBe(id[2]);
  expect(partial.repeated.map(({ start, end, of }) => [partial.text.slice(start, end), of])).toEqual([[lines[2], id[2]]]);
  expect(report.blocks.filter((block) => block.status !== 'unique').map((block) => block.id)).toEqual(
    [8, 10, 11, 12, 13, 14].map((n) => id[n - 1]),
  );
  expect(report.groups).toEqual(
    [[2, 8], [3, 10], [4, 11], [5, 12], [6, 13], [7, 14]].map(([first, repeat]) => ({
      canonical: id[first - 1],
      members: [id[first - 1], id[repeat - 1]],
    })),
  );
  expect(report.stats).toMatchObject({ blocks: report.blocks.length, duplicates: 5, partial: 1 });
}

/** Fixture pages whose data-expect needs neither their script nor a style sheet. */
const STATIC_FIXTURES = [
  'code-listings.en.html',
  'csp.html',
  'frame-a.html',
  'frame-b.html',
  'glued-unstopped.html',
  'live-blog.en.html',
  'long-article.en.html',
  'news-sidebar.en.html',
  'rtl-mixed.html',
  'sidebar-first.en.html',
  'spaceless-scripts.html',
];

/** What the scan says of each block it flags, in reading order: as data-expect says it, with a partial's repeated text. */
function verdicts(report: ScanReport): string[] {
  const canonicals = new Set(report.groups.map((group) => group.canonical));
  return report.blocks.flatMap((block) => {
    if (canonicals.has(block.id)) return [`first: ${block.text}`];
    if (block.status === 'duplicate') return [`repeat: ${block.text}`];
    if (block.status !== 'partial') return [];
    const marked = block.repeated.map(({ start, end }) => block.text.slice(start, end)).join(' ');
    return [`partial: ${block.text} [${marked}]`];
  });
}

/**
 * The same, from the fixture's data-expect and data-expect-mark attributes (the block whose text is
 * marked) or data-expect-marked (the marked text itself, where it is part of a block): the main
 * text's, then its asides'.
 */
function expectedVerdicts(page: string): string[] {
  const doc = parseHtmlDocument(readFileSync(page, 'utf8'));
  const textOf = (el: Element) => collapseWhitespace(el.textContent ?? '');
  const expecting = [...doc.querySelectorAll('[data-expect]')];
  const inAsides = expecting.filter(isInsideComplementary);
  return [...expecting.filter((el) => !inAsides.includes(el)), ...inAsides].map((el) => {
    const mark = el.getAttribute('data-expect-mark');
    const literal = el.getAttribute('data-expect-marked');
    const marked = mark ? ` [${textOf(doc.querySelector(mark)!)}]` : literal ? ` [${literal}]` : '';
    return `${el.getAttribute('data-expect')}: ${textOf(el)}${marked}`;
  });
}

/** Each case starts Node with tsx: allow for a busy machine. */
const SPAWNS = { timeout: 60_000 };

describe('npm run scan --json', SPAWNS, () => {
  const paragraph = 'The committee approved the new budget for the city schools after a long debate on Tuesday evening.';
  const nearTxt = file(
    'near.txt',
    `${paragraph}\nSomething else entirely different, about the weather in the mountains.\n${paragraph.replace(' long', '')}\n`,
  );
  const statuses = (report: ScanReport) => report.blocks.map((block) => block.status);

  it('reports pages and .txt files, one report per line in argument order, with every block', () => {
    const sampleTxt = file('sample.txt', `${lines.join('\n')}\n`);
    const run = scan(['--json', SAMPLE_PAGE, sampleTxt, nearTxt]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [page, txt, near, ...more] = reports(run);
    expect(more).toEqual([]);
    expect([page.file, txt.file, near.file]).toEqual([SAMPLE_PAGE, sampleTxt, nearTxt]);

    expect(Object.keys(page)).toEqual(['file', 'blocks', 'groups', 'stats']);
    expect(page.blocks.map((block) => block.id)).toEqual(page.blocks.map((_, i) => i));
    for (const block of page.blocks) {
      expect(Object.keys(block)).toEqual(['id', 'tag', 'text', 'status', 'of', 'similarity', 'repeated', 'changed', 'dropped', 'excerpt']);
      expect(block.text).toBe(block.text.replace(/\s+/g, ' ').trim());
      if (block.status === 'unique') expect(block).toMatchObject({ of: null, similarity: 0, repeated: [] });
      // The sample's repeats are word for word: nothing changed or left out.
      expect(block.changed).toEqual([]);
      expect(block.dropped).toEqual([]);
      expect(block.excerpt).toBe(false);
    }
    expect(page.blocks.filter((block) => lines.includes(block.text)).every((block) => block.tag === 'p')).toBe(true);
    expectSampleVerdict(page);

    // A text file is one paragraph per line, tagged "p".
    expect(txt.blocks.map((block) => [block.tag, block.text])).toEqual(lines.map((line) => ['p', line]));
    expectSampleVerdict(txt);

    // Near repeats count at the default strictness; the word one leaves out is a range of the text it repeats.
    expect(statuses(near)).toEqual(['unique', 'unique', 'duplicate']);
    const copy = near.blocks[2];
    expect(copy.changed).toEqual([]);
    expect(copy.dropped.map(({ start, end }) => near.blocks[copy.of!].text.slice(start, end))).toEqual(['long']);
    // A word dropped inside it: a changed copy, not an excerpt.
    expect(copy.excerpt).toBe(false);
  });

  it('scans a directory as the pages and text files in it and its subdirectories, in path order', () => {
    const folder = join(dir, 'saved');
    for (const sub of ['b', 'a/deeper', '.cache']) mkdirSync(join(folder, sub), { recursive: true });
    writeFileSync(join(folder, 'b', 'page.HTML'), readFileSync(SAMPLE_PAGE));
    writeFileSync(join(folder, 'a', 'deeper', 'lines.txt'), `${lines.join('\n')}\n`);
    writeFileSync(join(folder, 'a', 'notes.md'), `${lines.join('\n')}\n`);
    writeFileSync(join(folder, 'a', 'saved.html.gz'), gzipSync(readFileSync(SAMPLE_PAGE)));
    writeFileSync(join(folder, 'a', 'photo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]));
    writeFileSync(join(folder, '.cache', 'old.html'), readFileSync(SAMPLE_PAGE));
    const run = scan(['--json', folder, nearTxt]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const found = reports(run);
    expect(found.map((report) => report.file)).toEqual([
      join(folder, 'a', 'deeper', 'lines.txt'),
      join(folder, 'a', 'saved.html.gz'),
      join(folder, 'b', 'page.HTML'),
      nearTxt,
    ]);
    for (const report of found.slice(0, 3)) expectSampleVerdict(report);
  });

  it('finds the repeats of an HTML fragment, as a browser parses it', () => {
    // Several top-level elements, an unclosed formatting element and a stray end tag: linkedom alone kept only the first <p>.
    const fragment = file('fragment.html', `<p>${paragraph}</p>\n<p>Other news <b>from the coast.</span>\n<p>${paragraph}</p>\n`);
    const [report] = reports(scan(['--json', fragment]));
    expect(report.blocks.map((block) => [block.text, block.status])).toEqual([
      [paragraph, 'unique'],
      ['Other news from the coast.', 'unique'],
      [paragraph, 'duplicate'],
    ]);
    expect(report.groups).toEqual([{ canonical: 0, members: [0, 2] }]);
  });

  it('passes --strictness to the engine', () => {
    expect(statuses(reports(scan(['--json', '--strictness', 'exact', nearTxt]))[0])).toEqual(['unique', 'unique', 'unique']);
  });

  it('passes --min-chars to the engine', () => {
    expect(statuses(reports(scan(['--json', '--min-chars=500', nearTxt]))[0])).toEqual(['unique', 'unique', 'unique']);
  });

  it('reads inputs that declare no charset in the --encoding given', () => {
    // "Привет, мир" and a line of ASCII, in windows-1251 with no declaration.
    const legacy = file('legacy.txt', new Uint8Array([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0, 0x0a, 0x61, 0x62, 0x63]));
    expect(scan(['--json', legacy]).stderr).toMatch(/legacy\.txt: cannot decode it as UTF-8: .*--encoding/);
    const [report] = reports(scan(['--json', '--encoding', 'windows-1251', legacy]));
    expect(report.blocks.map((block) => block.text)).toEqual(['Привет, мир', 'abc']);
  });

  it('agrees with every page the browser tests check, where no script or style sheet decides', () => {
    const pages = STATIC_FIXTURES.map((name) => join(ROOT, 'tests/fixtures/pages', name));
    const run = scan(['--json', ...pages]);
    expect(run.stderr).toBe('');
    reports(run).forEach((report, i) => expect(verdicts(report), STATIC_FIXTURES[i]).toEqual(expectedVerdicts(pages[i])));
  });

  it('reads standard input for -, sniffing HTML', () => {
    const run = scan(['--json', '-'], readFileSync(SAMPLE_PAGE));
    expect(run.status).toBe(0);
    const [report] = reports(run);
    expect(report.file).toBe('<stdin>');
    expectSampleVerdict(report);
  });
});

describe('npm run scan (table)', SPAWNS, () => {
  it('prints the sample’s groups with isolated snippets and a summary', () => {
    const run = scan([]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe(`${FSI}tests/fixtures/pages/astana-article.ar.html${PDI}`);
    expect(rows.filter((row) => /#\d+ +duplicate +100%/.test(row))).toHaveLength(5);
    expect(rows.filter((row) => /#\d+ +partial +\d+%/.test(row))).toHaveLength(1);
    expect(rows.filter((row) => row.includes(FSI)).every((row) => row.endsWith(PDI))).toBe(true);
    expect(rows[rows.length - 1]).toMatch(/^ {2}5 repeated, 1 partial in \d+ blocks \(\d+\.\d ms\)$/);
    // Not a terminal: no colour codes.
    expect(run.stdout).not.toContain('\u001b');
  });

  it('ends several inputs with their sums, counting those that could not be scanned', () => {
    const sampleTxt = file('sums.txt', `${lines.join('\n')}\n`);
    const run = scan([SAMPLE_PAGE, join(dir, 'missing.html'), sampleTxt]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`scan: ${join(dir, 'missing.html')}: no such file\n`);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows.filter((row) => /^ {2}\d+ repeated/.test(row)).map((row) => row.replace(/ \(.*/, ''))).toEqual([
      '  5 repeated, 1 partial in 18 blocks',
      '  5 repeated, 1 partial in 14 blocks',
    ]);
    expect(rows.at(-2)).toBe('');
    expect(rows.at(-1)).toMatch(/^2 files: 10 repeated, 2 partial in 32 blocks \(\d+\.\d ms\); 1 could not be scanned$/);
    // One input, or JSON, has no sums line.
    expect(scan([sampleTxt]).stdout).not.toMatch(/files?:/);
    expect(reports(scan(['--json', SAMPLE_PAGE, sampleTxt]))).toHaveLength(2);
  });
});

describe('npm run scan: bad input', SPAWNS, () => {
  it('gives each bad input one line on stderr, scans the rest, and exits 1', () => {
    const directory = join(dir, 'a-directory.html');
    mkdirSync(directory);
    const huge = file('huge.html', '');
    truncateSync(huge, 50 * 1024 * 1024);
    const inputs: [string, string][] = [
      [join(dir, 'missing.html'), 'no such file'],
      [directory, 'a directory with no pages or text files (.html .htm .xhtml .shtml .mhtml .mht .txt .text)'],
      [file('image.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), 'binary file, not text or HTML'],
      [file('empty.txt', ''), 'empty file'],
      [file('blank.html', '<!DOCTYPE html><html><body>\n  <script>document.title = "x";</script>\n</body></html>'), 'no text blocks found'],
      [file('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a])), 'cannot decode it as UTF-8: invalid byte sequence (save it as UTF-8, declare its charset, or name it with --encoding)'],
      [huge, 'too large (50.0 MiB; the limit is 32 MiB)'],
      // A name with a terminal escape and a line break: written out as escapes, so it neither restyles the terminal nor breaks the line.
      [file('e\u001b[31mred\nline.txt', ''), 'empty file'],
    ];
    const good = file('good.txt', lines.join('\n'));
    const paths = inputs.map(([path]) => path);
    const run = scan(['--json', ...paths.slice(0, 3), good, ...paths.slice(3)]);
    expect(run.status).toBe(1);
    const shown = (path: string) => path.replace('\u001b', '\\u001b').replace('\n', '\\u000a');
    expect(run.stderr.trimEnd().split('\n')).toEqual(inputs.map(([path, reason]) => `scan: ${shown(path)}: ${reason}`));
    const [report, ...more] = reports(run);
    expect(more).toEqual([]);
    expect(report.file).toBe(good);
    expectSampleVerdict(report);
  });

  it('says so for empty standard input', () => {
    const run = scan(['-'], '');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('scan: <stdin>: empty file\n');
    expect(run.stdout).toBe('');
  });

  it('prints the usage line and exits 2 for an unknown flag', () => {
    const run = scan(['--frobnicate', SAMPLE_PAGE]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      "scan: unknown option '--frobnicate'",
      expect.stringMatching(/^usage: npm run scan -- \[--json\] \[--strictness exact\|near\|loose\]/),
    ]);
  });

  it('prints help on --help and exits 0', () => {
    const run = scan(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm run scan -- /);
    expect(run.stdout).toContain('--min-chars N');
  });
});
