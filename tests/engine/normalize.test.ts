import { describe, expect, test } from 'vitest';
import { normalize } from '../../src/engine';

describe('normalize', () => {
  test('folds case and compatibility forms', () => {
    expect(normalize('Ｈｅｌｌｏ WORLD')).toBe('hello world');
    expect(normalize('ﬁnance')).toBe('finance');
    expect(normalize('ΟΔΟΣ')).toBe('οδοσ');
  });

  test('folds ß and ẞ to ss, as full case folding does', () => {
    for (const spelling of ['Straße', 'STRASSE', 'Strasse', 'STRAẞE']) expect(normalize(spelling)).toBe('strasse');
  });

  test('spells out œ and æ, and reads letters with a stroke and the dot-less ı as plain letters', () => {
    expect(normalize('Œuvre cœur Æble')).toBe('oeuvre coeur aeble');
    expect(normalize('Łódź DIŞ ısı Ørsted Đakovo Ħamrun')).toBe('lodz dis isi orsted dakovo hamrun');
  });

  test('drops invisible characters and turns NBSP into a space', () => {
    expect(normalize('co\u00adope\u200brate')).toBe('cooperate');
    expect(normalize('a\u200db\u200cc\u200e\u200f\u202bd\u2066e\u2069\ufeff')).toBe('abcde');
    expect(normalize('ten\u00a0years')).toBe('ten years');
  });

  test('collapses whitespace runs', () => {
    expect(normalize('  one \t two\n\nthree  ')).toBe('one two three');
  });

  test('removes tashkeel, superscript alef and tatweel', () => {
    expect(normalize('عُقِدَت')).toBe('عقدت');
    expect(normalize('هٰذا')).toBe('هذا');
    expect(normalize('بـ”صيغة')).toBe('ب"صيغه');
    expect(normalize('مـــراقب')).toBe('مراقب');
  });

  test('unifies alef, yaa and taa marbuta forms', () => {
    expect(normalize('أإآٱا')).toBe('ااااا');
    expect(normalize('مستشفى')).toBe('مستشفي');
    expect(normalize('مدرسة')).toBe('مدرسه');
  });

  test('maps Persian letters to their Arabic forms', () => {
    expect(normalize('کتاب')).toBe('كتاب');
    expect(normalize('ایران')).toBe('ايران');
  });

  test('maps Urdu heh forms to ه, as text typed on an Arabic keyboard has them', () => {
    expect(normalize('شہر')).toBe('شهر');
    expect(normalize('بھی')).toBe(normalize('بهی'));
  });

  test('drops Indic nuktas, precomposed or not', () => {
    expect(normalize('मंज़ूरी')).toBe(normalize('मंजूरी'));
    expect(normalize('\u095b')).toBe('ज');
    expect(normalize('নয়')).toBe(normalize('নয'));
  });

  test('reads the Devanagari candrabindu as the anusvara, as Hindi spells either', () => {
    expect(normalize('गाँव की माँ')).toBe(normalize('गांव की मां'));
  });

  test('turns Arabic-Indic and Persian digits into ASCII', () => {
    expect(normalize('٢٠١٧')).toBe('2017');
    expect(normalize('۲۰۲۲')).toBe('2022');
  });

  test('turns every script’s decimal digits into ASCII', () => {
    expect(normalize('२०२४ ১২ ๒๕๖๗ ၁၉ ０９')).toBe('2024 12 2567 19 09');
  });

  test('unifies quotes and dashes', () => {
    expect(normalize('“Astana” «talks» ‘x’ a–b—c')).toBe('"astana" "talks" \'x\' a-b-c');
    // Ukrainian and Uzbek write their apostrophe as a modifier letter as often as a quote.
    for (const word of ["м'ясо", 'м’ясо', 'мʼясо']) expect(normalize(word)).toBe("м'ясо");
    expect(normalize('oʻzbek')).toBe(normalize('o‘zbek'));
  });

  test('strips Latin accents whether composed or decomposed', () => {
    expect(normalize('Déclaré à São Paulo')).toBe('declare a sao paulo');
    expect(normalize('De\u0301clare\u0301')).toBe('declare');
  });

  test('keeps Han and Hangul whole, composes decomposed Hangul, and drops kana voicing marks as accents, composed or not', () => {
    expect(normalize('がんばる 東京 한국어')).toBe('かんはる 東京 한국어');
    expect(normalize('한국어 읽기'.normalize('NFD'))).toBe('한국어 읽기');
    // Jamo that compose nothing (a vowel alone, a consonant before no vowel) stay as they are.
    expect(normalize('\u1161\u1100 \u1100')).toBe('\u1161\u1100 \u1100');
    expect(normalize('がんばる'.normalize('NFD'))).toBe('かんはる');
    expect(normalize('ｶﾞｽ')).toBe('カス');
  });

  test('spells a two-part vowel sign as its parts, as decomposed text writes it', () => {
    expect(normalize('কোলকাতা')).toBe(normalize('কোলকাতা'.normalize('NFD')));
    expect(normalize('கோவை')).toBe('கோவை'.normalize('NFD'));
  });

  test('expands Arabic presentation-form ligatures', () => {
    expect(normalize('ﻻ')).toBe('لا');
  });
});
