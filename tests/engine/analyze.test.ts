import { describe, expect, test } from 'vitest';
import { analyze, fingerprint, shingles, type Analysis } from '../../src/engine';
import { Prng } from '../support/prng';

const anchorsOf = (analysis: Analysis) => Array.from({ length: analysis.anchorCount }, (_, i) => analysis.anchor(i));
const sentenceTexts = (text: string) => analyze(text).sentences().map((s) => text.slice(s.start, s.end));

describe('sentences', () => {
  test('splits on terminators followed by a space', () => {
    expect(sentenceTexts('One two three. Four five six! Seven eight?')).toEqual([
      'One two three.',
      'Four five six!',
      'Seven eight?',
    ]);
  });

  test('splits where a letter follows the full stop with no space', () => {
    const text = 'بصفة مراقبين.واتفقت الأطراف المشاركة';
    expect(sentenceTexts(text)).toEqual(['بصفة مراقبين.', 'واتفقت الأطراف المشاركة']);
  });

  test('splits on Arabic, Urdu and CJK terminators', () => {
    expect(sentenceTexts('هل انتهى الاجتماع؟ نعم انتهى')).toEqual(['هل انتهى الاجتماع؟', 'نعم انتهى']);
    expect(sentenceTexts('یہ پہلا جملہ ہے۔ دوسرا جملہ')).toEqual(['یہ پہلا جملہ ہے۔', 'دوسرا جملہ']);
    expect(sentenceTexts('会议在东京举行。双方同意继续谈判！')).toEqual(['会议在东京举行。', '双方同意继续谈判！']);
  });

  test('splits on every sentence terminator Unicode has in the Basic Multilingual Plane', () => {
    const missed: string[] = [];
    for (let c = 0x21; c < 0x10000; c++) {
      const terminator = String.fromCharCode(c);
      if (!/\p{Sentence_Terminal}/u.test(terminator)) continue;
      if (analyze(`alpha beta gamma${terminator}delta epsilon zeta`).sentenceCount !== 2) missed.push(terminator);
    }
    expect(missed).toEqual([]);
    expect(sentenceTexts('सरकार ने बजट को मंजूरी दी। बैठक देर रात तक चली।')).toEqual(['सरकार ने बजट को मंजूरी दी।', 'बैठक देर रात तक चली।']);
    // The ellipsis ends a sentence once, and a run of terminators is one end.
    expect(sentenceTexts('Wait… what?!… Fine‼ Done')).toEqual(['Wait…', 'what?!…', 'Fine‼', 'Done']);
  });

  test('splits Thai and Lao at a space that ends a sentence of about five words, before more of their text', () => {
    const measures = 'รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกร';
    const traffic = 'การจราจรในกรุงเทพติดขัดอย่างหนัก';
    expect(sentenceTexts(`${measures}  ${traffic} `)).toEqual([measures, traffic]);
    const lao = 'ລັດຖະບານໄດ້ປະກາດມາດຕະການໃໝ່ເພື່ອຊ່ວຍເຫຼືອຊາວກະສິກອນ';
    expect(sentenceTexts(`${lao} ການຈະລາຈອນຕິດຂັດ`)).toEqual([lao, 'ການຈະລາຈອນຕິດຂັດ']);
    // Also before a word that starts with a ligature (ໝ is ຫມ).
    expect(sentenceTexts(`${lao} ໝາກໄມ້ລາຄາແພງ`)).toEqual([lao, 'ໝາກໄມ້ລາຄາແພງ']);
    // A short phrase set off by a space ("however") goes on the sentence after it.
    expect(sentenceTexts(`อย่างไรก็ตาม ${traffic}`)).toEqual([`อย่างไรก็ตาม ${traffic}`]);
    // So do numbers, foreign words and brackets.
    const mixed = `${measures} 2024 บริษัท Toyota ขายรถได้  ๕๐ คัน (AFP)`;
    expect(sentenceTexts(mixed)).toEqual([mixed]);
    // A space elsewhere, in Chinese or after a number, is no boundary.
    expect(sentenceTexts('会议在东京举行双方同意继续谈判并在下个月再次会面讨论 双方同意')).toHaveLength(1);
  });

  test('splits Armenian at a colon typed for its full stop, and Amharic at a double colon typed for its', () => {
    expect(sentenceTexts('Նիստը տևեց մինչև ուշ գիշեր: Ընդդիմությունը դեմ քվեարկեց')).toEqual(['Նիստը տևեց մինչև ուշ գիշեր:', 'Ընդդիմությունը դեմ քվեարկեց']);
    // Armenian's question mark sits on the word's stressed vowel, before the full stop.
    expect(sentenceTexts('Ինչու՞ է ուշացել բյուջեն: Ոչ ոք չգիտի')).toEqual(['Ինչու՞ է ուշացել բյուջեն:', 'Ոչ ոք չգիտի']);
    expect(sentenceTexts('ስብሰባው እስከ ምሽት ድረስ ቀጠለ::ተቃዋሚዎች ተቃወሙት::')).toEqual(['ስብሰባው እስከ ምሽት ድረስ ቀጠለ::', 'ተቃዋሚዎች ተቃወሙት::']);
    // Other colons are no boundary: a single one in Amharic, a clock, a colon after Latin text.
    expect(sentenceTexts('ስብሰባው ቀጠለ: ተቃዋሚዎች ተቃወሙት')).toHaveLength(1);
    expect(sentenceTexts('Նիստը սկսվեց 10:30 ին')).toHaveLength(1);
    expect(sentenceTexts('The minister said: we will wait')).toHaveLength(1);
  });

  test('splits Hindi and Bengali at a bar typed for the danda, single or double, but not a bar between Latin words', () => {
    expect(sentenceTexts('सरकार ने बजट को मंजूरी दी| बैठक देर रात तक चली||अगली बैठक कल')).toEqual(['सरकार ने बजट को मंजूरी दी|', 'बैठक देर रात तक चली||', 'अगली बैठक कल']);
    expect(sentenceTexts('সরকার আজ নতুন বাজেট অনুমোদন করেছে| বৈঠক চলেছে')).toEqual(['সরকার আজ নতুন বাজেট অনুমোদন করেছে|', 'বৈঠক চলেছে']);
    expect(sentenceTexts('Home | World | Sport')).toHaveLength(1);
  });

  test('splits Greek at its question mark, a semicolon after Greek text, but no other semicolon', () => {
    const question = 'Γιατί καθυστέρησε η ψήφιση;';
    expect(sentenceTexts(`${question} Η κυβέρνηση δεν απάντησε`)).toEqual([question, 'Η κυβέρνηση δεν απάντησε']);
    expect(sentenceTexts('Πότε θα ψηφιστεί\u037eΚανείς δεν ξέρει')).toEqual(['Πότε θα ψηφιστεί\u037e', 'Κανείς δεν ξέρει']);
    // An accent written apart from its letter.
    expect(sentenceTexts('Τι ει\u0301πε; Τίποτα')).toEqual(['Τι ει\u0301πε;', 'Τίποτα']);
    expect(sentenceTexts('Prices rose; wages did not')).toHaveLength(1);
    expect(sentenceTexts('ارتفعت الأسعار; الأجور لا')).toHaveLength(1);
  });

  test('keeps decimals, initials and closing quotes inside the sentence', () => {
    expect(sentenceTexts('Growth was 3.5 percent in the U.S. economy. He said “yes.” Then left.')).toEqual([
      'Growth was 3.5 percent in the U.S. economy.',
      'He said “yes.”',
      'Then left.',
    ]);
  });

  test('reports ranges of the original text, untouched by normalisation', () => {
    const text = '  عُقِدَت الجولة.  وانتهت\u200f المحادثات ';
    const [first, second] = analyze(text).sentences();
    expect(text.slice(first.start, first.end)).toBe('عُقِدَت الجولة.');
    expect(text.slice(second.start, second.end)).toBe('وانتهت\u200f المحادثات');
  });

  test('a last sentence with no terminator keeps the marks on its last letter', () => {
    expect(sentenceTexts('وصل الوفد. بحضور المراقبينَ ')).toEqual(['وصل الوفد.', 'بحضور المراقبينَ']);
    expect(sentenceTexts('Press the key 1\ufe0f\u20e3')).toEqual(['Press the key 1\ufe0f\u20e3']);
  });

  test('a single letter’s dot ends a sentence only before a capital that is not the next initial', () => {
    expect(sentenceTexts('They moved to Zone B. The ministry agreed. U.S. officials and J. Smith spoke.')).toEqual([
      'They moved to Zone B.',
      'The ministry agreed.',
      'U.S. officials and J.',
      'Smith spoke.',
    ]);
    expect(sentenceTexts('Stay indoors.3 soldiers died.')).toEqual(['Stay indoors.', '3 soldiers died.']);
    expect(sentenceTexts('He batted .300 and paid $.50 a ticket.')).toHaveLength(1);
    expect(sentenceTexts('W 2020 r. żołnierze wrócili, a w 2021 r. Łódź ich powitała.')).toEqual(['W 2020 r. żołnierze wrócili, a w 2021 r.', 'Łódź ich powitała.']);
  });
});

describe('sentence keys', () => {
  const keysOf = (text: string) => analyze(text).sentences().map(({ looseKey, exactKey }) => ({ looseKey, exactKey }));
  const [met, renumbered, reordered, otherWord, noNumbers] = [
    'The ministers met 12 times in 2024 before the talks.',
    'The ministers met 13 times in 2024 before the talks.',
    'The ministers met 2024 times in 12 before the talks.',
    'The envoys met 12 times in 2024 before the talks.',
    'The ministers met often before the talks began.',
  ].map((text) => keysOf(`Opening words of another story here. ${text}`)[1]);

  test('the loose key counts every number as one stand-in, so a sentence with its numbers changed keeps it', () => {
    expect(renumbered.looseKey).toBe(met.looseKey);
    expect(reordered.looseKey).toBe(met.looseKey);
    expect(otherWord.looseKey).not.toBe(met.looseKey);
  });

  test('the exact key tells the numbers and their order apart, and a changed word too', () => {
    const exact = [met, renumbered, reordered, otherWord].map((keys) => keys.exactKey);
    expect(new Set(exact).size).toBe(4);
    expect(keysOf('The ministers met 12 times in 2024 before the talks. And more.')[0].exactKey).toBe(met.exactKey);
  });

  test('a sentence without numbers has one key, exact and loose alike', () => {
    expect(noNumbers.exactKey).toBe(noNumbers.looseKey);
    expect(met.exactKey).not.toBe(met.looseKey);
  });
});

describe('tokens', () => {
  test('words in spaced scripts, character bigrams in dense ones', () => {
    expect(analyze('the quick brown fox').tokens).toBe(4);
    expect(analyze('东京举行').tokens).toBe(3);
    expect(analyze('東京 and 大阪').tokens).toBe(3);
  });

  test('invisible characters do not split words', () => {
    expect(analyze('co\u00adope\u200brate now').tokens).toBe(2);
  });

  test('short blocks still get shingles, anchors and a fingerprint of their own', () => {
    for (const text of ['Astana', '东']) {
      expect(shingles(text).length).toBeGreaterThan(0);
      expect(analyze(text).anchorCount).toBeGreaterThan(0);
    }
    expect(fingerprint('Astana')).not.toEqual(fingerprint('Almaty'));
  });

  test('shingles are sorted with repeats kept, and anchors are the smallest distinct ones', () => {
    const text = 'the cat sat on the mat and the cat sat on the hat while the dog barked at the cat';
    const sorted = shingles(text);
    expect(sorted.length).toBe(analyze(text).shingleCount);
    expect([...sorted]).toEqual([...sorted].sort((a, b) => a - b));
    expect(new Set(sorted).size).toBeLessThan(sorted.length); // "the cat" and "cat sat" recur
    expect(anchorsOf(analyze(text))).toEqual([...new Set(sorted)].slice(0, 4));
  });

  test('weight counts letters and digits, Han, kana and Hangul syllables double, composed or not', () => {
    expect(analyze('ab, cd!').weight).toBe(4);
    expect(analyze('东京').weight).toBe(4);
    expect(analyze('ข่าว').weight).toBe(4);
    expect(analyze('한국 3일').weight).toBe(7);
    expect(analyze('한국 3일'.normalize('NFD')).weight).toBe(7);
  });
});

describe('kept analyses', () => {
  const snapshot = (analysis: Analysis) => ({
    shingles: [...analysis.shingles()],
    anchors: anchorsOf(analysis),
    sentences: analysis.sentences(),
  });

  test('keep their arrays intact however many analyses follow', () => {
    // Enough paragraphs, of varied lengths, that the shared buffers they are carved from fill up many times.
    const random = new Prng(7);
    const texts = Array.from({ length: 3000 }, () =>
      Array.from({ length: random.between(1, 60) }, () => `w${random.int(500)}${random.next() < 0.1 ? '.' : ''}`).join(' '),
    );
    const kept = texts.map((text) => analyze(text));
    texts.forEach((text, i) => {
      if (i % 3 === 0) shingles(text);
    });
    texts.forEach((text, i) => expect(snapshot(kept[i])).toEqual(snapshot(analyze(text))));
  });
});
