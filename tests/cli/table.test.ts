import { describe, expect, it } from 'vitest';
import { scanInput } from '../../src/cli/report';
import { formatTable } from '../../src/cli/table';
import { displayWidth } from '../../src/cli/terminal';
import { sampleLines } from '../support/sample';

const FSI = '\u2068';
const PDI = '\u2069';

function sampleReport() {
  return scanInput('sample.txt', { kind: 'text', content: sampleLines().join('\n') }, {});
}

/** What a terminal shows: no colour codes; isolates take no column. */
function visible(line: string): string {
  return line.replace(/\u001b\[\d+m/g, '').replace(/[\u2068\u2069]/g, '');
}

describe('formatTable', () => {
  it('lists each group’s first occurrence and repeats with kind and similarity', () => {
    const lines = sampleLines();
    const table = formatTable(sampleReport(), { colour: false, width: 100 });
    const rows = table.split('\n');
    expect(rows[0]).toBe(`${FSI}sample.txt${PDI}`);
    expect(rows.filter((row) => /#\d+ +first\b/.test(row))).toHaveLength(6);
    expect(rows.filter((row) => /#\d+ +duplicate +100%/.test(row))).toHaveLength(5);
    const partial = rows.filter((row) => /#\d+ +partial\b/.test(row));
    expect(partial).toHaveLength(1);
    // The partial row shows where the repeated text sits and starts with it (line 3 of the sample).
    expect(partial[0]).toContain(`[${lines[9].length - lines[2].length}–${lines[9].length}] ${FSI}${lines[2].slice(0, 20)}`);
    expect(rows[rows.length - 1]).toMatch(/^ {2}5 repeated, 1 partial in 14 blocks \(\d+\.\d ms\)$/);
  });

  it('lists two repeats glued into one paragraph under both groups, each row with its part', () => {
    const [first, second] = [sampleLines()[1], sampleLines()[3]];
    const glued = `${first}${second}`;
    const report = scanInput('glued.txt', { kind: 'text', content: [first, second, glued].join('\n') }, {});
    const rows = formatTable(report, { colour: false, width: 200 }).split('\n').filter((row) => row.includes('#2 '));
    expect(rows).toEqual([
      expect.stringContaining(`#2     duplicate  63%  [0–${first.length}] ${FSI}${first.slice(0, 20)}`),
      expect.stringContaining(`#2     duplicate  63%  [${first.length}–${glued.length}] ${FSI}${second.slice(0, 20)}`),
    ]);
  });

  it('shows a near copy’s changed words before its snippet, isolated, within the width', () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth so that larger ships can unload.';
    const copy = text.replace('12', '15').replace('larger', 'أكبر');
    const report = scanInput('near.txt', { kind: 'text', content: [text, copy].join('\n') }, {});
    expect(report.blocks[1].changed.map(({ start, end }) => copy.slice(start, end))).toEqual(['15', 'أكبر']);
    const rows = formatTable(report, { colour: false, width: 90 }).split('\n');
    const row = rows.find((line) => line.includes('#1 '))!;
    expect(row).toContain(`duplicate  ${Math.round(report.blocks[1].similarity * 100)}%  (changed: ${FSI}15, أكبر${PDI}) ${FSI}The harbour`);
    expect(displayWidth(visible(row))).toBeLessThanOrEqual(90);
    // A word-for-word copy has none.
    expect(formatTable(sampleReport(), { colour: false, width: 100 })).not.toContain('changed:');
  });

  it('names the words a near copy leaves out, beside those it changed', () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth so that larger ships can unload.';
    const copy = text.replace('12', '15').replace(' outer', '');
    const report = scanInput('near.txt', { kind: 'text', content: [text, copy].join('\n') }, {});
    const row = formatTable(report, { colour: false, width: 120 }).split('\n').find((line) => line.includes('#1 '))!;
    expect(row).toContain(`(changed: ${FSI}15${PDI}; left out: ${FSI}outer${PDI}) ${FSI}The harbour`);
    const dropOnly = scanInput('drop.txt', { kind: 'text', content: [text, text.replace(' outer', '')].join('\n') }, {});
    expect(formatTable(dropOnly, { colour: false, width: 120 })).toContain(`(left out: ${FSI}outer${PDI}) ${FSI}The harbour`);
  });

  it('calls a copy of part of its first occurrence, word for word, an excerpt, and lists no words', () => {
    const text = 'The harbour board agreed on Tuesday to spend 12 million on the outer berth. Larger ships will then be able to unload at any tide.';
    const report = scanInput('excerpt.txt', { kind: 'text', content: [text, 'Larger ships will then be able to unload at any tide.'].join('\n') }, {});
    expect(report.blocks[1]).toMatchObject({ status: 'duplicate', excerpt: true });
    const row = formatTable(report, { colour: false, width: 120 }).split('\n').find((line) => line.includes('#1 '))!;
    expect(row).toContain(`(excerpt) ${FSI}Larger ships`);
    expect(row).not.toContain('left out');
  });

  it('keeps every row within the terminal width, with each snippet isolated', () => {
    const table = formatTable(sampleReport(), { colour: false, width: 80 });
    for (const row of table.split('\n')) {
      expect(displayWidth(visible(row))).toBeLessThanOrEqual(80);
      if (row.includes(FSI)) expect(row.endsWith(PDI)).toBe(true);
    }
  });

  it('lists more rows than a call takes arguments', () => {
    const twoLines = ['The ceasefire talks resumed in Astana on Monday morning.', 'Observers from both sides said the first round went well.'];
    const lines = Array.from({ length: 140_000 }, (_, i) => twoLines[i % 2]);
    const report = scanInput('log.txt', { kind: 'text', content: lines.join('\n') }, {});
    const rows = formatTable(report, { colour: false, width: 100 }).split('\n');
    expect(rows.filter((row) => /#\d+ +duplicate +100%/.test(row))).toHaveLength(139_998);
    expect(rows[rows.length - 1]).toMatch(/^ {2}139998 repeated, 0 partial in 140000 blocks/);
  }, 30_000);

  it('colours kinds only when asked', () => {
    expect(formatTable(sampleReport(), { colour: true, width: 100 })).toContain('\u001b[33mduplicate\u001b[0m');
    expect(formatTable(sampleReport(), { colour: false, width: 100 })).not.toContain('\u001b');
  });

  it('says so when nothing repeats', () => {
    const report = scanInput('unique.txt', { kind: 'text', content: 'One paragraph.\nAnother one.' }, {});
    expect(formatTable(report, { colour: false, width: 100 }).split('\n').slice(1)).toEqual([
      '  no repeated paragraphs',
      expect.stringMatching(/^ {2}0 repeated, 0 partial in 2 blocks/),
    ]);
    const single = scanInput('one.txt', { kind: 'text', content: 'Only one paragraph here.' }, {});
    expect(formatTable(single, { colour: false, width: 100 })).toMatch(/\n {2}0 repeated, 0 partial in 1 block \(/);
  });
});
