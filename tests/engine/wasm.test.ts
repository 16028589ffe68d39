import { afterEach, describe, expect, test, vi } from 'vitest';
import { compileAnalyzer } from '../../src/cli/wasm-compile';
import { analyze, analyzeInJavaScript } from '../../src/engine/analyze';
import { analysesRunInWasm, createWasmPass, installWasmAnalyzer } from '../../src/engine/wasm/analyzer';
import { ANALYZER_WASM } from '../../src/engine/wasm/binary';
import { generateCorpus } from '../bench/corpus';
import { dump, trickyStrings } from '../support/analyses';
import { sampleLines } from '../support/sample';

describe('the WebAssembly analyzer', () => {
  test('is the module its AssemblyScript compiles to (`npm run generate:wasm` after changing it)', async () => {
    expect(Buffer.from(await compileAnalyzer()).toString('base64')).toBe(ANALYZER_WASM);
  }, 30_000);

  test('once installed, starts with the first analysis, and gives the JavaScript pass\'s for a mixed-script corpus, the sample and tricky strings', () => {
    installWasmAnalyzer();
    // Nothing compiled yet: a frame with no paragraphs never pays for the module.
    expect(analysesRunInWasm()).toBe(false);
    analyze('The first paragraph starts it.');
    expect(analysesRunInWasm()).toBe(true);
    const pass = createWasmPass()!;
    const paragraphs = generateCorpus(3000).texts;
    // And one text of 100,000 code units or so, for which the module grows its memory.
    const prose = [...paragraphs, ...sampleLines(), '', paragraphs.slice(0, 250).join(' ')];
    expect(prose.at(-1)!.length).toBeGreaterThan(65_536);
    const tricky = trickyStrings(20_000, 5);
    // The comparison below compares two passes: the WebAssembly one took every paragraph, and all
    // but the few tricky strings whose ligatures expand into more tokens than they have characters.
    expect(prose.filter((text) => pass(text) === null)).toEqual([]);
    expect(tricky.filter((text) => pass(text) === null).length).toBeLessThan(tricky.length / 100);
    // Every sentence terminator, which both passes list in a switch of their own.
    const terminators = Array.from({ length: 0x10000 - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => /\p{Sentence_Terminal}/u.test(c));
    const sentences = terminators.map((t) => `Word one two${t}three four${t} five.`);
    // Thai and Lao, where a space may end a sentence: before a word that starts with a ligature (ໝ),
    // or a number after two spaces.
    const long = 'รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกร';
    const lao = 'ລັດຖະບານໄດ້ປະກາດມາດຕະການໃໝ່ເພື່ອຊ່ວຍເຫຼືອຊາວກະສິກອນ';
    const spaced = [
      `${long}  การจราจร ${long} ติดขัด 2024 `,
      `ในปี 2024 ${long} Toyota. ขายรถ ๕๐ คัน”`,
      `${lao} ການຈະລາຈອນ ${lao} ໝາກໄມ້ ${lao} ໜຶ່ງ`,
      `${long}  ๕๐ ${long}\u00a0${long}`,
      'ก ข. ค!  ง',
    ];
    // Terminators typed in ASCII: Greek's semicolon after its letters, an accent between them or not,
    // Armenian's colon, Amharic's double one and the danda's bar.
    const standIns = ['Γιατί; Διότι. Τι\u0301; τέλος', ';αρχή; x; ά;;', 'Πότε\u037eΤώρα', 'Նիստը: Ինչու՞: 10:30 ա:', 'ቀጠለ::ተቃወሙት:: ቀጠለ: ::ሀ:::', ':::', 'दी| चली||कल |x| ক|||', '|'];
    const texts = [...prose, ...tricky, ...sentences, ...spaced, ...standIns];
    const differing = texts.filter((text) => dump(analyze(text)) !== dump(analyzeInJavaScript(text)));
    expect(differing).toEqual([]);
  });

  test('leaves to JavaScript the texts it has no room for, and goes on with the next', () => {
    const pass = createWasmPass()!;
    const crowded = [
      // A sentence every three characters: more than it keeps room for.
      'ab.'.repeat(2000),
      // A character that expands into four dense ones makes more tokens than the text has code units.
      '㍿'.repeat(50),
      // Longer than it takes at all.
      'word '.repeat(60_000),
    ];
    for (const text of crowded) {
      expect(pass(text)).toBeNull();
      expect(dump(analyze(text))).toBe(dump(analyzeInJavaScript(text)));
    }
    expect(pass('Back to a short paragraph.')).not.toBeNull();
  });
});

describe('where WebAssembly is refused', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  test('the installed pass fails quietly, and analyses run in JavaScript with the same results', async () => {
    // What a content security policy without 'wasm-unsafe-eval' does to compiling.
    class RefusingModule {
      constructor() {
        throw new WebAssembly.CompileError("WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because 'wasm-eval' is not an allowed source");
      }
    }
    vi.stubGlobal('WebAssembly', { ...WebAssembly, Module: RefusingModule });
    vi.resetModules();
    const engine = await import('../../src/engine');
    engine.installWasmAnalyzer();
    const [text] = sampleLines();
    expect(dump(engine.analyze(text))).toBe(dump(analyzeInJavaScript(text)));
    expect(engine.analysesRunInWasm()).toBe(false);
  });
});
