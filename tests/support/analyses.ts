// What the tests of the two analysis passes compare them on.
import type { Analysis } from '../../src/engine/analyze';
import { Prng } from './prng';

/** Everything an analysis says, in one comparable string. */
export function dump(analysis: Analysis): string {
  return JSON.stringify({
    weight: analysis.weight,
    tokens: analysis.tokens,
    shingles: Array.from(analysis.shingles()),
    fingerprint: [analysis.fingerprint.hi, analysis.fingerprint.lo],
    keys: [analysis.looseKey, analysis.exactKey],
    anchors: Array.from({ length: analysis.anchorCount }, (_, i) => analysis.anchor(i)),
    sentences: analysis.sentences(),
  });
}

/**
 * Strings made of what the pass treats specially: spaces of several kinds, terminators, closers,
 * initials and decimals, ligatures that expand (into letters, dense characters, a whole phrase),
 * marks and invisibles it drops, digits of two scripts, dense characters, surrogates (a pair, a lone one),
 * Hangul, composed and decomposed.
 */
export function trickyStrings(count: number, seed: number): string[] {
  const pieces = [' ', '  ', '\u3000', '\n', '.', '. ', '!', '?', '…', '。', '"', ')', '”', 'J.', 'U.S.', '3', '3.5', '١٢', 'a', 'B', 'word', 'é', 'ß', 'İ', 'ǅ', 'Ⅻ', 'ﬁ', 'ſt', 'ﻻ', '㍿', 'ﷺ', '\u0651', 'ـ', '\u200d', '\u00ad', '中', '文', 'カ', '\ud83d\ude00', '\ud800', 'Ꭰ',
    // Capitals of each cased script and small letters where Latin Extended's pairs turn, after a single letter's dot.
    'Ω', 'Д', 'Ա', 'Ạ', 'ż', 'Ź', 'ł', 'Ł', 'ẞ', 'ẚ', 'B. T', 'x.3', ' .3', 'ก\u0e48', '\u20e3',
    // Hangul: syllables, a circled one, expansions holding a syllable and a jamo, jamo that compose (two
    // and three) and ones that do not; kana voicing; a two-part vowel sign.
    '한', '국', '가', '㉮', '㈜', '㈀', '\u1112\u1161\u11ab', '\u1100\u1161', '\u1161', '\u11ab', '\u1100\u200d\u1161', '한.3', 'が', 'ｶﾞ', 'ো'];
  const random = new Prng(seed);
  return Array.from({ length: count }, () => Array.from({ length: random.int(40) }, () => random.pick(pieces)).join(''));
}
