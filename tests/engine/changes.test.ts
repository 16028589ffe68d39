import { describe, expect, it } from 'vitest';
import { isExcerpt, wordChanges, wordsIn } from '../../src/engine';
import { MAX_CHANGE_CELLS } from '../../src/engine/thresholds';

/** The text of each range of `copy` that `wordChanges` finds changed. */
function changed(original: string, copy: string): string[] {
  return wordChanges(original, copy).changed.map(({ start, end }) => copy.slice(start, end));
}

/** The text of each range of `original` that `wordChanges` finds left out of `copy`. */
function dropped(original: string, copy: string): string[] {
  return wordChanges(original, copy).dropped.map(({ start, end }) => original.slice(start, end));
}

const STORY = 'Police arrested the man on Monday evening after a long chase through the city centre.';

describe('wordChanges: what a near copy changed', () => {
  it('finds a changed word, a changed number and an added word', () => {
    expect(changed(STORY, STORY.replace('arrested', 'released'))).toEqual(['released']);
    expect(changed('The bill came to 412 million dollars.', 'The bill came to 415 million dollars.')).toEqual(['415']);
    expect(changed('The minister did resign on Friday.', 'The minister did not resign on Friday.')).toEqual(['not']);
  });

  it('reads a copy saved decomposed (NFD) as its original: only what changed is named', () => {
    const korean = '정부는 오늘 서울에서 3개 부처의 새로운 경제 정책을 발표했다.';
    // Korean, spaced unevenly, is compared syllable by syllable, as the analysis reads it.
    expect(changed(korean, korean.replace('서울에서', '부산에서').normalize('NFD'))).toEqual(['부산'.normalize('NFD')]);
    const bengali = 'সরকার আজ রাজধানীতে ৩টি মন্ত্রণালয়ের নতুন বাজেটের ঘোষণা করেছে।';
    expect(changed(bengali, bengali.replace('নতুন', 'পুরোনো').normalize('NFD'))).toEqual(['পুরোনো'.normalize('NFD')]);
  });

  it('names a dropped word as left out, not as changed', () => {
    expect(changed(STORY, STORY.replace(' evening', ''))).toEqual([]);
    expect(dropped(STORY, STORY.replace(' evening', ''))).toEqual(['evening']);
    // A run of them is one range of the original, the spaces between included; each gap its own.
    expect(dropped(STORY, 'Police arrested the man on Monday after a chase through the city centre.')).toEqual(['evening', 'long']);
    expect(dropped(STORY, 'Police arrested the man after a long chase through the city centre.')).toEqual(['on Monday evening']);
    expect(dropped('وعبر هذا المسار، توصلت الدول المشاركة', 'وعبر المسار، توصلت الدول المشاركة')).toEqual(['هذا']);
  });

  it('counts a replaced word as changed only, and an added one leaves nothing out', () => {
    expect(dropped(STORY, STORY.replace('arrested', 'released'))).toEqual([]);
    expect(dropped(STORY, STORY.replace('the man', 'the young man'))).toEqual([]);
    // A drop beside a change elsewhere is still named.
    const copy = 'Police released the man on Monday after a long chase through the city centre.';
    expect(wordChanges(STORY, copy)).toEqual({
      changed: [{ start: 7, end: 15 }],
      dropped: [{ start: STORY.indexOf('evening'), end: STORY.indexOf('evening') + 'evening'.length }],
    });
  });

  it('joins the words of ranges as a reader is shown them', () => {
    const { changed: ranges } = wordChanges('Rescuers pulled three women from the river', 'Rescuers pulled two men from the river late');
    expect(wordsIn('Rescuers pulled two men from the river late', ranges)).toBe('two men, late');
    expect(wordsIn('anything', [])).toBe('');
  });

  it('marks nothing for a copy that is the same once folded', () => {
    expect(changed('“Quoted” text, with commas.', '"QUOTED" text with commas')).toEqual([]);
    // Tashkeel, tatweel and Arabic-Indic digits are how a copy is written, not what it says.
    expect(changed('وعبر هذا المسار في 2017 توصلت الدول المشاركة', 'وَعَبْرَ هذا المسار في ٢٠١٧ توصلت الدول المشـــاركة')).toEqual([]);
  });

  it('finds changes in every script, a character at a time where words have no spaces', () => {
    expect(changed('وعبر هذا المسار، توصلت الدول المشاركة', 'وعبر هذا الطريق، توصلت الدول المشاركة')).toEqual(['الطريق']);
    expect(changed('东京的天气今天很好，大家都出门了。', '东京的天气明天很好，大家都出门了。')).toEqual(['明']);
    expect(changed('Москва объявила о новых мерах в понедельник.', 'Москва объявила о новых мерах во вторник.')).toEqual(['во вторник']);
  });

  it('marks a changed mark with its letter, never alone, in scripts without spaces', () => {
    const thai = 'กรมอุตุนิยมวิทยาประกาศเตือนประชาชนในภาคเหนือให้ระวังอันตรายจากพายุฤดูร้อน';
    expect(changed(thai, thai.replace('เตือน', 'เตื้อน'))).toEqual(['ตื้']);
    expect(changed(thai, thai.replace('ระวัง', 'ระวิง'))).toEqual(['วิ']);
    const khmer = 'ក្រសួងសុខាភិបាលបានប្រកាសនៅថ្ងៃពុធថា ករណីគ្រុនឈាមបានកើនឡើង';
    expect(changed(khmer, khmer.replace('ក្រសួង', 'ក្សសួង'))).toEqual(['ក្ស']);
    const burmese = 'ရန်ကုန်မြို့တွင် ဗုဒ္ဓဟူးနေ့က မိုးသည်းထန်စွာ ရွာသွန်းခဲ့သည်။';
    expect(wordChanges(burmese, burmese.replace('မြို့', 'မို့')).dropped.map(({ start, end }) => burmese.slice(start, end))).toEqual([]);
    expect(changed(burmese, burmese.replace('မြို့', 'မို့'))).toEqual(['မို့']);
  });

  it('gives each run of changed words one range, the spaces between included', () => {
    const copy = 'Rescuers pulled two men from the river late on Sunday night, officials said.';
    expect(changed('Rescuers pulled three women from the river on Sunday night, officials said.', copy)).toEqual(['two men', 'late']);
  });

  it('marks whole words where the two texts part in the middle of one, at either end', () => {
    expect(changed('The council will meet on Monday to vote', 'The council will meet on Mondays to vote')).toEqual(['Mondays']);
    expect(changed('Shares rose 3 percent in early trading', 'Shares rose 13 percent in early trading')).toEqual(['13']);
    expect(changed('Run the tests before you merge', 'Running the tests before you merge')).toEqual(['Running']);
    expect(changed('The storm hit the coast at night', 'The storm hit the coast at nightfall')).toEqual(['nightfall']);
    expect(changed('Police arrested the man', 'Police arrested the man.')).toEqual([]);
  });

  it('pairs the words of copies too long to compare in order by kind alone: only what the other lacks is marked', () => {
    const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
    const side = Math.ceil(Math.sqrt(MAX_CHANGE_CELLS));
    // Changed at both ends: the middle between them is the whole text, past the table.
    const long = words('a', side);
    expect(changed(`First ${long.join(' ')} last`, `Opening ${long.join(' ')} closing`)).toEqual(['Opening', 'closing']);
    expect(changed(`First ${long.join(' ')} last`, `Opening ${[...long].reverse().join(' ')} closing`)).toEqual(['Opening', 'closing']);
    // Within the table, in order: the two words alone.
    const short = words('a', 10).join(' ');
    expect(changed(`First ${short} last`, `Opening ${short} closing`)).toEqual(['Opening', 'closing']);
  });
});

describe('wordChanges: sentences moved', () => {
  it('names neither a moved sentence nor the place it left', () => {
    const a = 'The council approved the budget on Monday. Critics argued that it ignores the cost of housing. He denied it.';
    const moved = 'Critics argued that it ignores the cost of housing. The council approved the budget on Monday. He denied it.';
    expect(wordChanges(a, moved)).toEqual({ changed: [], dropped: [] });
  });

  it('pairs a moved word with one like it, so a sentence moved and written twice is added once', () => {
    const a = 'The council met on Monday. Critics argued. He denied it.';
    const copy = 'Critics argued. Critics argued. The council met on Monday. He denied it.';
    expect(changed(a, copy)).toEqual(['Critics argued']);
    expect(copy.indexOf('Critics argued', 1)).toBe(wordChanges(a, copy).changed[0].start);
  });
});

describe('isExcerpt', () => {
  const STORY_LINE = 'Asked about the protest, the chair said she understood the anger. “Nobody likes paying more, but nobody likes a burst main either,” she said.';
  const excerpt = (original: string, copy: string) => isExcerpt(original, wordChanges(original, copy));

  it('is a run of the original’s words that stops short at its start, its end, or both', () => {
    expect(excerpt(STORY_LINE, 'Nobody likes paying more, but nobody likes a burst main either.')).toBe(true);
    expect(excerpt(STORY_LINE, 'Asked about the protest, the chair said she understood the anger.')).toBe(true);
    expect(excerpt(STORY_LINE, '“Nobody likes paying more, but nobody likes a burst main either,” she said.')).toBe(true);
    expect(excerpt('وقال الوزير إن الحكومة ستدعم المزارعين هذا العام. وأضاف أن الدعم سيشمل الأسمدة والبذور.', 'وأضاف أن الدعم سيشمل الأسمدة والبذور.')).toBe(true);
  });

  it('is not a copy with a word changed, added or dropped inside it, nor one word for word', () => {
    expect(excerpt(STORY_LINE, 'Nobody likes paying more, but nobody likes a broken main either.')).toBe(false);
    expect(excerpt(STORY_LINE, 'Nobody likes paying more, but really nobody likes a burst main either.')).toBe(false);
    expect(excerpt(STORY_LINE, 'Asked about the protest, the chair said she understood. “Nobody likes paying more, but nobody likes a burst main either,” she said.')).toBe(false);
    expect(excerpt(STORY_LINE, STORY_LINE)).toBe(false);
  });
});
