// Deterministic benchmark corpora, grown from the test fixtures by mutation: words of the sample
// article and the multi-script near-repeat cases are recombined into many distinct paragraphs,
// and about a tenth of the paragraphs repeat an earlier one, exactly or with an edit a syndicated
// copy would carry.
import { FILLER, NEAR_REPEATS } from '../support/nearRepeats';
import { sampleLines } from '../support/sample';
import { Prng } from '../support/prng';

export type Script = 'latin' | 'arabic' | 'cjk' | 'cyrillic' | 'devanagari';
export type RepeatKind = 'exact' | 'digits' | 'dropped-word' | 'marks' | 'quotes' | 'spliced';

export interface PlantedRepeat {
  index: number;
  of: number;
  kind: RepeatKind;
}

export interface Corpus {
  texts: string[];
  scripts: Script[];
  planted: PlantedRepeat[];
}

/** Share of paragraphs per script: mostly Latin and Arabic news, some CJK, a little of others. */
const SCRIPT_MIX: [Script, number][] = [
  ['latin', 0.42],
  ['arabic', 0.4],
  ['cjk', 0.13],
  ['cyrillic', 0.03],
  ['devanagari', 0.02],
];
const REPEAT_SHARE = 0.1;
const REPEAT_KINDS: [RepeatKind, number][] = [
  ['exact', 0.3],
  ['digits', 0.15],
  ['dropped-word', 0.2],
  ['marks', 0.1],
  ['quotes', 0.1],
  ['spliced', 0.15],
];
/** Short blocks (captions, one-liners) are about one paragraph in eight on news pages. */
const SHORT_SHARE = 0.12;
/** Invented words per script on top of the fixtures' own, so the vocabulary is news-sized. */
const VOCABULARY_SIZE = 4000;
const TASHKEEL = ['\u064e', '\u064f', '\u0650', '\u0652', '\u0651'];

const SCRIPT_PATTERNS: Record<Script, RegExp> = {
  latin: /^\p{Script=Latin}+$/u,
  arabic: /^\p{Script=Arabic}+$/u,
  cjk: /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+$/u,
  cyrillic: /^\p{Script=Cyrillic}+$/u,
  devanagari: /^[\p{Script=Devanagari}\p{M}]+$/u,
};

function sourceTexts(): string[] {
  return [...sampleLines(), ...NEAR_REPEATS.flatMap((c) => [c.original, c.repeat]), ...FILLER];
}

/** The fixtures' words of one script, most frequent first, as a ranked vocabulary starts. */
function sourceWords(script: Script): string[] {
  const words = new Map<string, number>();
  const add = (word: string) => words.set(word, (words.get(word) ?? 0) + 1);
  for (const text of sourceTexts()) {
    for (const raw of text.split(/[\s\p{P}\d]+/u)) {
      const word = raw.normalize('NFC').replace(/[\u064b-\u065f\u0640]/g, '');
      if (!SCRIPT_PATTERNS[script].test(word)) continue;
      if (script !== 'cjk') {
        add(script === 'latin' ? word.toLowerCase() : word);
        continue;
      }
      // Dense scripts have no spaces: their "words" are the fixtures' runs cut into 1–3 characters.
      for (let i = 0; i < word.length; i++) for (let n = 1; n <= 3 && i + n <= word.length; n++) add(word.slice(i, i + n));
    }
  }
  return [...words.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
}

/** The fixtures' sentences, which the generator reuses (shuffled or with new numbers) now and then. */
function sourceSentences(script: Script): string[] {
  const sentences: string[] = [];
  for (const text of sourceTexts()) {
    for (const sentence of text.split(/(?<=[.!?؟。！？])\s*/u)) {
      // A sentence of this script: it starts with one of its words, and any other words are Latin (names, acronyms).
      const words = sentence.match(/\p{L}+/gu) ?? [];
      const [first] = words;
      const ofScript = first !== undefined && SCRIPT_PATTERNS[script].test(first);
      if (ofScript && words.every((w) => SCRIPT_PATTERNS[script].test(w) || SCRIPT_PATTERNS.latin.test(w))) sentences.push(sentence.trim());
    }
  }
  return sentences;
}

/** Fixture words first (the frequent ones), then invented words spliced from two of them. */
function vocabulary(script: Script, random: Prng): string[] {
  const base = sourceWords(script);
  const words = new Set(base);
  while (words.size < VOCABULARY_SIZE) {
    const a = random.pick(base);
    const b = random.pick(base);
    const word = a.slice(0, random.between(1, a.length)) + b.slice(random.int(b.length));
    if (word.length >= 2 && word.length <= 14) words.add(word);
  }
  return [...words];
}

function pickWeighted<T>(random: Prng, weighted: readonly [T, number][]): T {
  let r = random.next();
  for (const [item, weight] of weighted) {
    r -= weight;
    if (r < 0) return item;
  }
  return weighted[weighted.length - 1][0];
}

function shuffled<T>(random: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function randomNumber(random: Prng): string {
  return random.chance(0.3) ? String(random.between(1990, 2030)) : String(random.between(1, 999));
}

class ParagraphWriter {
  private readonly vocabularies = new Map<Script, string[]>();
  private readonly sentences = new Map<Script, string[]>();

  constructor(private readonly random: Prng) {
    for (const [script] of SCRIPT_MIX) {
      this.vocabularies.set(script, vocabulary(script, random));
      this.sentences.set(script, sourceSentences(script));
    }
  }

  paragraph(script: Script): string {
    const random = this.random;
    const target = random.chance(SHORT_SHARE)
      ? random.between(40, 150)
      : 150 + Math.floor(((random.next() + random.next()) / 2) * 450); // news paragraphs: 150–600, mostly mid-length
    const joiner = script === 'cjk' ? '' : ' ';
    let text = '';
    while (text.length < target) {
      const sentence = this.sentence(script, target - text.length);
      text = text ? text + joiner + sentence : sentence;
    }
    return text.replace(/\s+/g, ' ').trim(); // blocks reach the engine whitespace-collapsed
  }

  private sentence(script: Script, room: number): string {
    const random = this.random;
    const fixtures = this.sentences.get(script)!;
    if (fixtures.length > 0 && random.chance(0.05)) return this.mutatedFixture(random.pick(fixtures), script);
    const words = this.vocabularies.get(script)!;
    const dense = script === 'cjk';
    const count = Math.max(dense ? 4 : 3, Math.min(dense ? random.between(6, 18) : random.between(6, 24), Math.ceil(room / (dense ? 2 : 6))));
    const parts: string[] = [];
    for (let i = 0; i < count; i++) {
      let word = words[random.zipf(words.length)];
      if (random.chance(0.04)) word = randomNumber(random);
      else if (!dense && random.chance(0.03)) word = `“${word}”`;
      if (i > 2 && i < count - 2 && random.chance(0.06)) word += dense ? '，' : script === 'arabic' ? '،' : ',';
      parts.push(word);
    }
    if (script === 'latin') parts[0] = parts[0][0].toUpperCase() + parts[0].slice(1);
    const end = dense ? (random.chance(0.9) ? '。' : '？') : script === 'arabic' && random.chance(0.1) ? '؟' : random.chance(0.95) ? '.' : '?';
    return parts.join(dense ? '' : ' ') + end;
  }

  /** A real sentence of the fixtures, mostly with its words (or dense characters) shuffled, else its numbers swapped. */
  private mutatedFixture(sentence: string, script: Script): string {
    const random = this.random;
    if (random.chance(0.9)) {
      const body = sentence.replace(/[.!?؟。？！]$/u, '');
      return script === 'cjk' ? shuffled(random, [...body]).join('') + '。' : shuffled(random, body.split(' ')).join(' ') + '.';
    }
    const renumbered = sentence.replace(/\d+/g, () => randomNumber(random));
    return renumbered === sentence ? sentence.replace(/[.!?؟。]$/u, '') + (script === 'cjk' ? `${randomNumber(random)}。` : ` ${randomNumber(random)}.`) : renumbered;
  }
}

/** The edits a syndicated or re-posted paragraph carries. */
function repeatOf(random: Prng, text: string, script: Script, kind: RepeatKind, fresh: () => string): string {
  switch (kind) {
    case 'exact':
      return text;
    case 'digits': {
      const numbers = text.match(/\d+/g);
      if (!numbers) return text;
      const target = random.int(numbers.length);
      let n = 0;
      return text.replace(/\d+/g, (digits) => (n++ === target ? String((Number(digits) + random.between(1, 9)) % 10000) : digits));
    }
    case 'dropped-word': {
      if (script === 'cjk') {
        const at = random.int(text.length - 2) + 1;
        return text.slice(0, at) + text.slice(at + 1);
      }
      const words = text.split(' ');
      if (words.length < 4) return text;
      words.splice(random.between(1, words.length - 2), 1);
      return words.join(' ');
    }
    case 'marks': {
      if (script === 'arabic') return text.replace(/[\u0621-\u064a]/g, (letter) => (random.chance(0.3) ? letter + random.pick(TASHKEEL) : letter));
      // Other scripts: the invisible characters that copy-paste and CMSs leave behind.
      return text.replace(/ /g, (space) => (random.chance(0.1) ? '\u200b' + space : space)).replace(/(\p{L})(\p{L})/u, '$1\u00ad$2');
    }
    case 'quotes':
      return text.replace(/[“”"]/g, (q) => (q === '”' ? '»' : q === '“' ? '«' : '"')).replace(/[,،，]/g, (c) => (random.chance(0.5) ? c : ''));
    case 'spliced': {
      // New text glued to a repeat: the engine must mark it partial, not fold the new part away.
      const lead = fresh();
      const sentence = lead.match(/^.*?[.!?؟。？]/u)?.[0] ?? lead;
      return script === 'cjk' ? sentence + text : `${sentence} ${text}`;
    }
  }
}

export function generateCorpus(paragraphs: number, seed = 0x5eed): Corpus {
  const random = new Prng(seed);
  const writer = new ParagraphWriter(random);
  const texts: string[] = [];
  const scripts: Script[] = [];
  const planted: PlantedRepeat[] = [];
  for (let i = 0; i < paragraphs; i++) {
    if (i > 0 && random.chance(REPEAT_SHARE)) {
      // Repeats mostly echo recent paragraphs (same article, same scroll), sometimes far ones.
      const of = i - 1 - random.zipf(i);
      const kind = pickWeighted(random, REPEAT_KINDS);
      texts.push(repeatOf(random, texts[of], scripts[of], kind, () => writer.paragraph(scripts[of])));
      scripts.push(scripts[of]);
      planted.push({ index: i, of, kind });
      continue;
    }
    const script = pickWeighted(random, SCRIPT_MIX);
    texts.push(writer.paragraph(script));
    scripts.push(script);
  }
  return { texts, scripts, planted };
}
