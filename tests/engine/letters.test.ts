import { describe, expect, test } from 'vitest';
import { analyze, findRepeats } from '../../src/engine';
import { sameLetters } from '../../src/engine/letters';
import { FILLER } from '../support/nearRepeats';

describe('sameLetters: the check behind a block key match', () => {
  test('spaces, punctuation, case, marks and half-spaces are no difference; a letter is', () => {
    expect(sameLetters('می‌گوید، «بله».', 'می گوید بله', true)).toBe(true);
    expect(sameLetters('Die Bundes-Regierung', 'die bundesregierung', true)).toBe(true);
    expect(sameLetters('وَقالَ', 'و قال', true)).toBe(true);
    expect(sameLetters('the official ﬁgures', 'The official figures', true)).toBe(true);
    expect(sameLetters('정부는 오늘', '정부는오늘'.normalize('NFD'), true)).toBe(true);
    expect(sameLetters('the cat sat', 'the cat sit', true)).toBe(false);
    expect(sameLetters('the cat sat', 'the cat sat on', true)).toBe(false);
  });

  test('digits count only when asked', () => {
    expect(sameLetters('12 killed in the blast', '15 killed in the blast', true)).toBe(false);
    expect(sameLetters('12 killed in the blast', '١٢ killed in the blast', true)).toBe(true);
    expect(sameLetters('12 killed in the blast', '15 killed in the blast', false)).toBe(true);
  });
});

test('two different paragraphs whose block keys collide are not repeats', () => {
  // Found among 100,000 generated paragraphs (the huge-blocks fixture): the same 32-bit hash of their letters and the same letter count.
  const a = 'Sasagu marfadeze vofapo timar rugumar fafafa detiquopo lojibregu marsa gustobre ruvololo kavofaquo stomarti rufastoji.';
  const b = 'Bremarbre titinefa marrumarbre marrupolin nehasa guhaze brelohasto halin mifaka hamarpoze nelin quotibre posto brebre.';
  expect([analyze(b).looseKey, analyze(b).exactKey]).toEqual([analyze(a).looseKey, analyze(a).exactKey]);
  for (const strictness of ['exact', 'near', 'loose'] as const) {
    expect(findRepeats([a, FILLER[0], b], { strictness }).blocks[2].status).toBe('unique');
  }
});
