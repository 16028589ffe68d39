import { describe, expect, test } from 'vitest';
import { DedupIndex, findRepeats, type DedupReport } from '../../src/engine';
import { generateCorpus } from '../bench/corpus';
import { NEAR_REPEATS } from '../support/nearRepeats';
import { sampleLines } from '../support/sample';
import { Prng } from '../support/prng';

const lines = sampleLines();

/** The report with ids mapped to texts' positions, so incremental and batch runs can be compared. */
function byPosition(report: DedupReport, keys: number[]) {
  const pos = (key: number | null) => (key === null ? null : keys.indexOf(key));
  return {
    blocks: report.blocks.map((b) => ({
      status: b.status,
      of: pos(b.of),
      similarity: b.similarity,
      repeated: b.repeated.map((r) => ({ ...r, of: pos(r.of) })),
    })),
    groups: report.groups.map((g) => ({ canonical: pos(g.canonical), members: g.members.map(pos) })),
  };
}

describe('DedupIndex', () => {
  test('a block appended later that repeats an earlier one is found', () => {
    const index = new DedupIndex();
    lines.slice(0, 7).forEach((text, i) => index.set(i, text, i));
    expect(index.report().groups).toEqual([]);
    index.set(100, lines[7], 7);
    const report = index.report();
    expect(report.blocks.at(-1)).toMatchObject({ id: 100, status: 'duplicate', of: 1 });
    expect(report.groups).toEqual([{ canonical: 1, members: [1, 100] }]);
  });

  test('an earlier copy inserted later becomes the canonical block of the whole group', () => {
    const index = new DedupIndex();
    index.set(1, lines[1], 10);
    index.set(2, lines[7], 20);
    index.set(3, lines[1], 30);
    expect(index.report().groups).toEqual([{ canonical: 1, members: [1, 2, 3] }]);
    index.set(9, lines[1], 5);
    const report = index.report();
    expect(report.groups).toEqual([{ canonical: 9, members: [9, 1, 2, 3] }]);
    expect(report.blocks.map((b) => b.of)).toEqual([null, 9, 9, 9]);
  });

  test('any number is a key, not only the small integers callers use', () => {
    const keys = [4_000_000_000, -3, 0.5, 7];
    const index = new DedupIndex();
    [lines[1], lines[2], lines[1], lines[2]].forEach((text, i) => index.set(keys[i], text, i));
    expect(index.size).toBe(4);
    expect(index.report().groups).toEqual([
      { canonical: 4_000_000_000, members: [4_000_000_000, 0.5] },
      { canonical: -3, members: [-3, 7] },
    ]);
    index.delete(4_000_000_000);
    index.delete(-3);
    expect(index.size).toBe(2);
    expect(index.report().blocks.map((b) => [b.id, b.status])).toEqual([
      [0.5, 'unique'],
      [7, 'unique'],
    ]);
  });

  test('deleting the canonical block promotes the next occurrence', () => {
    const index = new DedupIndex();
    [lines[1], lines[7], lines[1]].forEach((text, i) => index.set(i, text, i));
    index.report();
    index.delete(0);
    const report = index.report();
    expect(report.blocks.map((b) => [b.id, b.status, b.of])).toEqual([
      [1, 'unique', null],
      [2, 'duplicate', 1],
    ]);
    expect(report.groups).toEqual([{ canonical: 1, members: [1, 2] }]);
  });

  test('a changed block is reclassified, and so is the block that repeated it', () => {
    const index = new DedupIndex();
    [lines[1], lines[2], lines[7]].forEach((text, i) => index.set(i, text, i));
    expect(index.report().blocks[2].status).toBe('duplicate');
    index.set(0, lines[3], 0);
    const report = index.report();
    expect(report.blocks.map((b) => b.status)).toEqual(['unique', 'unique', 'unique']);
  });

  test('deleting the source of a partial block makes it unique', () => {
    const index = new DedupIndex();
    lines.forEach((text, i) => index.set(i, text, i));
    expect(index.report().blocks[9].status).toBe('partial');
    index.delete(2);
    expect(index.report().blocks.find((b) => b.id === 9)!.status).toBe('unique');
  });

  test('a repeat set above the paragraph it is glued into, with no sentence end between, makes that paragraph partial until it goes', () => {
    const repeat = lines[2].replace(/\.$/, '');
    const glued = `${repeat}${lines[4]}`;
    const index = new DedupIndex();
    index.set(1, lines[1], 10);
    index.set(2, glued, 20);
    expect(index.report().blocks.map((b) => b.status)).toEqual(['unique', 'unique']);
    index.set(3, repeat, 5);
    const block = index.report().blocks.find((b) => b.id === 2)!;
    expect(block).toMatchObject({ status: 'partial', of: 3 });
    expect(block.repeated.every((r) => r.end <= repeat.length)).toBe(true);
    index.delete(3);
    expect(index.report().blocks.find((b) => b.id === 2)!.status).toBe('unique');
  });

  test('moving blocks without changing their relative order keeps results', () => {
    const index = new DedupIndex();
    lines.forEach((text, i) => index.set(i, text, i * 10));
    const before = index.report();
    lines.forEach((text, i) => index.set(i, text, i * 10 + 5));
    expect(index.report()).toEqual(before);
  });

  test('a block’s place counts the paragraphs before it, not menus, bylines or links too short to report', () => {
    const index = new DedupIndex();
    ['Home', 'World', lines[1], 'Share this story', lines[2], lines[1]].forEach((text, i) => index.set(i, text, i * 10));
    expect([2, 4, 5].map((key) => index.placeOf(key))).toEqual([0, 1, 2]);
    expect(index.placeOf(99)).toBe(-1);
    // A paragraph inserted above moves it; a menu entry does not.
    index.set(6, lines[3], 5);
    index.set(7, 'Sport', 6);
    expect(index.placeOf(4)).toBe(2);
    // A menu entry that grows into a paragraph does, and so does a paragraph removed.
    index.set(0, lines[4], 0);
    expect(index.placeOf(4)).toBe(3);
    index.delete(6);
    expect(index.placeOf(4)).toBe(2);
    // With a shorter minimum, the byline counts as a paragraph too.
    const lenient = new DedupIndex({ minBlockChars: 10 });
    ['Home', 'Share this story', lines[1]].forEach((text, i) => lenient.set(i, text, i));
    expect(lenient.placeOf(2)).toBe(1);
  });

  test('groups are handed back unchanged until a repeat changes, so a rescan renumbers nothing', () => {
    const index = new DedupIndex();
    lines.slice(0, 8).forEach((text, i) => index.set(i, text, i));
    const first = index.groups();
    expect(first).toEqual([{ canonical: 1, members: [1, 7] }]);
    index.set(50, 'A new paragraph about the weather in the capital, long enough to be compared.', 50);
    expect(index.groups()).toBe(first);
    index.set(51, lines[3], 51);
    const second = index.groups();
    expect(second).not.toBe(first);
    expect(second).toEqual([{ canonical: 1, members: [1, 7] }, { canonical: 3, members: [3, 51] }]);
    index.delete(7);
    expect(index.groups()).toEqual([{ canonical: 3, members: [3, 51] }]);
  });

  test('results shown while a long page grows end as if the finished page were classified at once', () => {
    // Pages of 10,000 paragraphs, so that generic phrases fill anchor lists after blocks were
    // classified with them. That revises a shown result a few times a page, or none: three pages.
    let revised = 0;
    for (const seed of [1, 2, 3]) {
      const { texts } = generateCorpus(10_000, seed);
      const growing = new DedupIndex({}, texts.length);
      const shown = new Map<number, string>();
      texts.forEach((text, i) => {
        growing.set(i, text, i);
        if (i % 32 !== 31) return;
        for (const result of growing.changes().changed) {
          const seen = `${result.status} ${result.of}`;
          if (shown.has(result.id) && shown.get(result.id) !== seen) revised++;
          shown.set(result.id, seen);
        }
      });
      const finished = new DedupIndex({}, texts.length);
      texts.forEach((text, i) => finished.set(i, text, i));
      expect(growing.report()).toEqual(finished.report());
    }
    // Results change after they were shown when the list a block matched through fills up.
    expect(revised).toBeGreaterThan(0);
  });

  test('after any sequence of edits it agrees with a fresh scan of the same page', () => {
    // A deterministic pseudo-random walk over inserts, edits and deletes.
    const prng = new Prng(12345);
    const random = (n: number) => prng.int(n);
    // With repeats that end without a full stop, and the paragraphs they are glued into.
    const unstopped = [lines[2], lines[5]].map((line) => line.replace(/\.$/, ''));
    // With an excerpt that stops mid-sentence, and quotations repeated without the words around them or with others, opening or closing a sentence.
    const excerpt = `${lines[3].split(' ').slice(0, 18).join(' ')}…`;
    const quote = 'لن نترك مزارعينا من دون ماء لصيف آخر، وسندافع عن حقنا في النهر';
    const quoting = [
      quote,
      `«${quote}»، قال الوزير للصحفيين.`,
      `وانتهى الاجتماع مساء. «${quote}»، قال المتحدث باسم الوزارة.`,
      `وقال المتحدث باسم الوزارة: «${quote}». ثم عاد إلى العاصمة.`,
    ];
    const pool = [
      ...lines,
      ...NEAR_REPEATS.flatMap((c) => [c.original, c.repeat]),
      ...unstopped,
      `${unstopped[0]}${lines[4]}`,
      `${lines[6]}${unstopped[1]}`,
      excerpt,
      ...quoting,
    ];
    const index = new DedupIndex();
    const page = new Map<number, { text: string; order: number }>();
    let nextKey = 0;
    for (let step = 0; step < 300; step++) {
      const action = random(10);
      const keys = [...page.keys()];
      if (action < 5 || keys.length < 3) {
        const order = random(1_000_000) + random(1000) / 1000;
        const key = nextKey++;
        const text = pool[random(pool.length)];
        page.set(key, { text, order });
        index.set(key, text, order);
      } else if (action < 8) {
        const key = keys[random(keys.length)];
        const text = pool[random(pool.length)];
        page.get(key)!.text = text;
        index.set(key, text, page.get(key)!.order);
      } else {
        const key = keys[random(keys.length)];
        page.delete(key);
        index.delete(key);
      }
      if (step % 10 === 0 || step === 299) {
        const keysInOrder = [...page.entries()].sort((a, b) => a[1].order - b[1].order).map(([key]) => key);
        const fresh = findRepeats(keysInOrder.map((key) => page.get(key)!.text));
        // groups() alone, as a rescan asks for it, before report() lists every block.
        const groups = byPosition({ blocks: [], groups: index.groups() }, keysInOrder).groups;
        expect(groups).toEqual(byPosition(fresh, [...keysInOrder.keys()]).groups);
        expect(byPosition(index.report(), keysInOrder)).toEqual(byPosition(fresh, [...keysInOrder.keys()]));
      }
    }
  });
});
