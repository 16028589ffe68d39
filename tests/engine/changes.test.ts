import { describe, expect, it } from 'vitest';
import { changedRanges } from '../../src/engine';
import { MAX_CHANGE_CELLS } from '../../src/engine/thresholds';

/** The text of each range `changedRanges` finds in `copy`. */
function changed(original: string, copy: string): string[] {
  return changedRanges(original, copy).map(({ start, end }) => copy.slice(start, end));
}

const STORY = 'Police arrested the man on Monday evening after a long chase through the city centre.';

describe('changedRanges: what a near copy changed', () => {
  it('finds a changed word, a changed number and an added word', () => {
    expect(changed(STORY, STORY.replace('arrested', 'released'))).toEqual(['released']);
    expect(changed('The bill came to 412 million dollars.', 'The bill came to 415 million dollars.')).toEqual(['415']);
    expect(changed('The minister did resign on Friday.', 'The minister did not resign on Friday.')).toEqual(['not']);
  });

  it('marks nothing for a dropped word, or for a copy that is the same once folded', () => {
    expect(changed(STORY, STORY.replace(' evening', ''))).toEqual([]);
    expect(changed('“Quoted” text, with commas.', '"QUOTED" text with commas')).toEqual([]);
    // Tashkeel, tatweel and Arabic-Indic digits are how a copy is written, not what it says.
    expect(changed('وعبر هذا المسار في 2017 توصلت الدول المشاركة', 'وَعَبْرَ هذا المسار في ٢٠١٧ توصلت الدول المشـــاركة')).toEqual([]);
  });

  it('finds changes in every script, a character at a time where words have no spaces', () => {
    expect(changed('وعبر هذا المسار، توصلت الدول المشاركة', 'وعبر هذا الطريق، توصلت الدول المشاركة')).toEqual(['الطريق']);
    expect(changed('东京的天气今天很好，大家都出门了。', '东京的天气明天很好，大家都出门了。')).toEqual(['明']);
    expect(changed('Москва объявила о новых мерах в понедельник.', 'Москва объявила о новых мерах во вторник.')).toEqual(['во вторник']);
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

  it('shows the whole differing middle of copies too long to compare word by word', () => {
    const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
    const side = Math.ceil(Math.sqrt(MAX_CHANGE_CELLS));
    // Changed at both ends: the middle between them is the whole text.
    const long = words('a', side);
    expect(changed(`First ${long} last`, `Opening ${long} closing`)).toEqual([`Opening ${long} closing`]);
    // Within the table, the two words alone.
    const short = words('a', 10);
    expect(changed(`First ${short} last`, `Opening ${short} closing`)).toEqual(['Opening', 'closing']);
  });
});
