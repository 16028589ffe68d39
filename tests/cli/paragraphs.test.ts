import { describe, expect, test } from 'vitest';
import { paragraphsOf, parseInput } from '../../src/cli/paragraphs';

const texts = (html: string) => paragraphsOf(parseInput({ kind: 'html', content: html })).map((p) => p.text);

describe('paragraphsOf an HTML page', () => {
  test('skips what an inline display:none hides, at any depth, and reads the rest', () => {
    const html = `
      <div style="color: red; DISPLAY : none !important"><section><p>Mobile copy.</p></section></div>
      <div style="display:none"><p>Print copy.</p></div>
      <article style="display: block">
        <p>Visible first.</p>
        <p style="margin: 0;display:none;">Hidden inside.</p>
        <p style="display: nonesuch">Not a display value we know.</p>
        <p>Visible <span style="display:none">with a hidden word</span> inside.</p>
      </article>`;
    expect(texts(html)).toEqual(['Visible first.', 'Not a display value we know.', 'Visible with a hidden word inside.']);
  });

  test('skips what a closed <details> or hidden="until-found" keeps out of sight, as a browser shows the page', () => {
    const html = `
      <details><summary>Background</summary><p>Closed away.</p><div><p>Deeper and closed away.</p></div></details>
      <details open><summary>Timeline</summary><p>Open and shown.</p></details>
      <details><p>No summary, closed away.</p><summary>A summary that is not the first child</summary></details>
      <details open><summary>Outer</summary><details><summary>Inner</summary><p>Inside a closed one.</p></details></details>
      <div hidden="until-found"><p>Found only by searching.</p></div>
      <p hidden="UNTIL-FOUND">Also until found.</p>
      <p>Always shown.</p>`;
    expect(texts(html)).toEqual(['Background', 'Timeline', 'Open and shown.', 'A summary that is not the first child', 'Outer', 'Inner', 'Always shown.']);
  });

  test('a hidden element thousands of levels deep hides only what it holds', () => {
    const depth = 3000;
    const html = `${'<div>'.repeat(depth)}<p>Deep and shown.</p><div style="display:none"><p>Deep and hidden.</p></div>${'</div>'.repeat(depth)}<p>Shallow.</p>`;
    expect(texts(html)).toEqual(['Deep and shown.', 'Shallow.']);
  });
});

describe('paragraphsOf a page in Chinese or Japanese', () => {
  test('reads a paragraph whose source breaks a line between two characters as one run of text, so it repeats its copy exactly', () => {
    const line = '政府は月曜日、大都市のインフラ整備に向けた新しい計画を発表した。';
    expect(texts(`<p>${line}</p><p>${line.slice(0, 7)}\n    ${line.slice(7)}</p>`)).toEqual([line, line]);
  });
});

describe('paragraphsOf a text file', () => {
  test('takes every line break Unicode names as the end of a paragraph', () => {
    const breaks = ['\r\n', '\r', '\n', '\v', '\f', '\u0085', '\u2028', '\u2029'];
    const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    const text = words.map((word, i) => word + (breaks[i] ?? '')).join('');
    expect(paragraphsOf(parseInput({ kind: 'text', content: text })).map((p) => p.text)).toEqual(words);
  });
});
