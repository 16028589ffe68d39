import { describe, expect, test } from 'vitest';
import { installNodeAnalyzer, writeUnitsWithBuffer } from '../../src/cli/nodeAnalyzer';
import { analyze, analyzeInJavaScript } from '../../src/engine/analyze';
import { analysesRunInWasm, writeUnitByUnit } from '../../src/engine/wasm/analyzer';
import { generateCorpus } from '../bench/corpus';
import { dump, trickyStrings } from '../support/analyses';
import { sampleLines } from '../support/sample';

/** What a writer left in a fresh memory, from byte `at` on, as code units. */
function written(factory: typeof writeUnitsWithBuffer, text: string, at: number): number[] {
  const memory = new ArrayBuffer(at + 2 * text.length + 8);
  factory(memory)(text, at);
  return Array.from(new Uint16Array(memory, at, text.length + 2));
}

describe("the CLI's copy of texts into the WebAssembly analyzer", () => {
  test('writes the code units a charCodeAt loop writes, whatever the string is made of', () => {
    const [first] = sampleLines();
    const texts = [
      // V8 keeps Latin-1 text in one byte per character, and copies it out widened.
      'Plain ASCII, then café and naïve.',
      first,
      // A pair of surrogates, and lone ones, which a UTF-8 encoding would replace.
      'emoji \ud83d\ude00 lone \ud800 and \udc00 at the end \ud83d',
      // Strings V8 builds lazily: a concatenation and a slice.
      first + ' ' + 'more words',
      first.slice(7, 60),
      '',
    ];
    for (const text of texts) {
      const expected = [...Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)), 0, 0];
      expect(written(writeUnitsWithBuffer, text, 0x400)).toEqual(expected);
      expect(written(writeUnitByUnit, text, 0x400)).toEqual(expected);
    }
  });

  test('gives the analyses of the JavaScript pass, also once the memory has grown', () => {
    installNodeAnalyzer();
    const paragraphs = generateCorpus(1000).texts;
    // Over 65,536 code units: the module's memory grows, and the writer is made again for the new buffer.
    const long = paragraphs.slice(0, 250).join(' ');
    expect(long.length).toBeGreaterThan(65_536);
    const texts = [...paragraphs, ...sampleLines(), long, ...paragraphs.slice(0, 50), ...trickyStrings(5000, 11)];
    const differing = texts.filter((text) => dump(analyze(text)) !== dump(analyzeInJavaScript(text)));
    expect(differing).toEqual([]);
    expect(analysesRunInWasm()).toBe(true);
  });
});
