import { describe, expect, it } from 'vitest';
import { CollapsedText, Collapser, collapseWhitespace, isBlank } from '../../src/page/text';

describe('collapseWhitespace', () => {
  it('collapses runs of spaces, tabs and newlines to one space and trims', () => {
    expect(collapseWhitespace('  one\t\ttwo \n\r\n three  ')).toBe('one two three');
  });

  it('treats NBSP, typographic spaces and the ideographic space as whitespace', () => {
    expect(collapseWhitespace('\u00a0\u00a0قال\u00a0الوزير\u2009اليوم\u3000終わり\u2028')).toBe('قال الوزير اليوم 終わり');
  });

  it('keeps zero-width joiners, non-joiners and soft hyphens, which are not gaps', () => {
    const text = 'می\u200cخواهم co\u00adoperate a\u200db';
    expect(collapseWhitespace(text)).toBe(text);
  });

  it('finds a single gap of each kind anywhere in otherwise collapsed text, and leaves collapsed text as it is', () => {
    const gaps = [' ', '  ', '\t', '\n', '\r', '\u000b', '\u000c', '\u0085', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000'];
    for (const gap of gaps) {
      expect(collapseWhitespace(`one two${gap === ' ' ? '  ' : gap}three`)).toBe('one two three');
      expect(collapseWhitespace(`${gap}one two`)).toBe('one two');
      expect(collapseWhitespace(`one two${gap}`)).toBe('one two');
      expect(collapseWhitespace(`one ${gap}two`)).toBe('one two');
    }
    expect(collapseWhitespace('one two three')).toBe('one two three');
    expect(collapseWhitespace('x')).toBe('x');
  });

  it('drops a source line break between two Chinese or Japanese characters, as a browser shows them, and keeps every other gap', () => {
    expect(collapseWhitespace('政府は月曜日、\n  新しい計画を発表した。')).toBe('政府は月曜日、新しい計画を発表した。');
    expect(collapseWhitespace('东京的天气\r\n今天很好')).toBe('东京的天气今天很好');
    // Past the Basic Multilingual Plane too, and halfwidth kana, enclosed forms and Bopomofo.
    expect(collapseWhitespace('𠀋\n𠀋')).toBe('𠀋𠀋');
    expect(collapseWhitespace('ｱｲｳｴｵ\nｶｷｸｹｺ')).toBe('ｱｲｳｴｵｶｷｸｹｺ');
    expect(collapseWhitespace('㈱東京\n㈱大阪')).toBe('㈱東京㈱大阪');
    expect(collapseWhitespace('ㄅㄆ\nㄇㄈ')).toBe('ㄅㄆㄇㄈ');
    // Hangul compatibility jamo keep theirs.
    expect(collapseWhitespace('ㄱㄴ\nㄷㄹ')).toBe('ㄱㄴ ㄷㄹ');
    // A space someone typed stays; Hangul is written with spaces; Latin and mixed text keep theirs.
    expect(collapseWhitespace('東京 今日')).toBe('東京 今日');
    expect(collapseWhitespace('한국\n사람')).toBe('한국 사람');
    expect(collapseWhitespace('Tokyo\n今日')).toBe('Tokyo 今日');
    expect(collapseWhitespace('one\ntwo')).toBe('one two');
  });

  it('returns an empty string for blank input', () => {
    expect(collapseWhitespace(' \n\t\u00a0 ')).toBe('');
    expect(isBlank(' \n\t\u00a0 ')).toBe(true);
    expect(isBlank(' x ')).toBe(false);
  });
});

describe('Collapser', () => {
  function collapse(pieces: string[]): string {
    const out = new CollapsedText();
    const collapser = new Collapser<number>(out);
    pieces.forEach((piece, i) => collapser.feed(i, piece));
    return out.toString();
  }

  it('collapses whitespace that spans several pieces, and glues pieces without whitespace', () => {
    expect(collapse(['  Hel', 'lo ', ' ', '\n world', '!  '])).toBe('Hello world!');
  });

  it('reads a line break as whitespace but never starts or ends the text with it', () => {
    const out = new CollapsedText();
    const collapser = new Collapser<null>(out);
    collapser.lineBreak();
    collapser.feed(null, 'first');
    collapser.lineBreak();
    collapser.feed(null, 'second');
    collapser.lineBreak();
    expect(out.toString()).toBe('first second');
    expect(collapser.length).toBe('first second'.length);
  });

  it('keeps a <br> between Chinese characters a gap, and drops a source line break across pieces', () => {
    const out = new CollapsedText();
    const collapser = new Collapser<null>(out);
    collapser.feed(null, '东京');
    collapser.lineBreak();
    collapser.feed(null, '今天\n');
    collapser.feed(null, '很好');
    expect(out.toString()).toBe('东京 今天很好');
    expect(collapser.length).toBe('东京 今天很好'.length);
  });

  it('reports where each output character came from', () => {
    const copies: [number, number, number, number][] = [];
    const spaces: [number, [number, number, number][]][] = [];
    const collapser = new Collapser<number>({
      copy: (source, _data, from, to, at) => copies.push([source, from, to, at]),
      space: (at, gaps) => spaces.push([at, gaps.map((g) => [g.source, g.from, g.to])]),
    });
    collapser.feed(0, ' ab  cd e ');
    collapser.lineBreak();
    collapser.feed(1, '\tf');
    expect(copies).toEqual([
      [0, 1, 3, 0],
      [0, 5, 9, 3],
      [1, 1, 2, 8],
    ]);
    // The second run spans the end of one text, a line break and the start of the next.
    expect(spaces).toEqual([
      [2, [[0, 3, 5]]],
      [
        7,
        [
          [0, 9, 10],
          [1, 0, 1],
        ],
      ],
    ]);
  });
});
