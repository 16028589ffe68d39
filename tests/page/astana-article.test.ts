import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findRepeats } from '../../src/engine';
import { extractBlocks } from '../../src/page/blocks';
import { sampleLines } from '../support/sample';

const PAGE = fileURLToPath(new URL('../fixtures/pages/astana-article.ar.html', import.meta.url));

function load(): Document {
  return parseHTML(readFileSync(PAGE, 'utf8')).document as unknown as Document;
}

describe('the sample article page', () => {
  it('is a right-to-left Arabic page whose article holds the 14 sample lines, byte for byte', () => {
    const doc = load();
    expect(doc.documentElement.getAttribute('lang')).toBe('ar');
    expect(doc.documentElement.getAttribute('dir')).toBe('rtl');
    const paragraphs = [...doc.querySelectorAll('article > p')].map((p) => p.innerHTML);
    expect(paragraphs).toEqual(sampleLines());
  });

  it('yields every sample line as a paragraph block, in order, among the page chrome', () => {
    const blocks = extractBlocks(load());
    const lines = sampleLines();
    const article = blocks.filter((block) => block.element.parentElement?.localName === 'article' && block.tag === 'p');
    expect(article.map((block) => block.text)).toEqual(lines);
    const texts = blocks.map((block) => block.text);
    expect(texts).toContain('© 2024 أخبار المشرق. جميع الحقوق محفوظة.');
    // The menu, the share links and the most-read list are links, not paragraphs.
    for (const link of ['الرئيسية', 'شارك تويتر فيسبوك', 'موسم الزيتون في إدلب', 'اقرأ المزيد']) expect(texts).not.toContain(link);
  });

  it('has exactly the sample’s repeats: lines 8 and 11–14 duplicate 2 and 4–7, line 10 repeats line 3', () => {
    const blocks = extractBlocks(load());
    const lines = sampleLines();
    const report = findRepeats(blocks.map((block) => block.text));
    const article = blocks.filter((block) => block.element.parentElement?.localName === 'article' && block.tag === 'p');
    const idOfLine = (n: number) => blocks.indexOf(article[n - 1]);
    const flagged = report.blocks.filter((block) => block.status !== 'unique');
    expect(flagged.map((block) => [block.id, block.status, block.of])).toEqual([
      [idOfLine(8), 'duplicate', idOfLine(2)],
      [idOfLine(10), 'partial', idOfLine(3)],
      [idOfLine(11), 'duplicate', idOfLine(4)],
      [idOfLine(12), 'duplicate', idOfLine(5)],
      [idOfLine(13), 'duplicate', idOfLine(6)],
      [idOfLine(14), 'duplicate', idOfLine(7)],
    ]);
    const partial = flagged[1];
    expect(partial.repeated.map(({ start, end }) => blocks[partial.id].text.slice(start, end))).toEqual([lines[2]]);
  });
});
