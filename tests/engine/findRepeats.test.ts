import { describe, expect, test } from 'vitest';
import { analyze, findRepeats, wordChanges, type Strictness } from '../../src/engine';
import { FILLER, NEAR_REPEATS } from '../support/nearRepeats';
import { sampleLines } from '../support/sample';

const lines = sampleLines();
const flagged = (texts: string[], strictness?: Strictness) =>
  findRepeats(texts, strictness ? { strictness } : {}).blocks.filter((b) => b.status !== 'unique');

describe('the sample article', () => {
  const report = findRepeats(lines);
  const byLine = (line: number) => report.blocks[line - 1];

  test('has 14 blocks', () => {
    expect(lines).toHaveLength(14);
    expect(report.blocks.map((b) => b.id)).toEqual([...Array(14).keys()]);
  });

  test('lines 8 and 11–14 are duplicates of lines 2 and 4–7', () => {
    const pairs: [number, number][] = [[8, 2], [11, 4], [12, 5], [13, 6], [14, 7]];
    for (const [line, of] of pairs) {
      expect(byLine(line)).toMatchObject({ status: 'duplicate', of: of - 1, similarity: 1 });
      expect(byLine(line).repeated).toEqual([{ start: 0, end: lines[line - 1].length, of: of - 1 }]);
    }
  });

  test('line 10 is partial and its repeated range is exactly line 3', () => {
    const block = byLine(10);
    expect(block.status).toBe('partial');
    expect(block.of).toBe(2);
    expect(block.repeated).toHaveLength(1);
    const [range] = block.repeated;
    expect(range.of).toBe(2);
    expect(lines[9].slice(range.start, range.end)).toBe(lines[2]);
    expect(lines[9].slice(0, range.start)).toMatch(/الأحمر\.$/);
    expect(block.similarity).toBeGreaterThan(0.3);
    expect(block.similarity).toBeLessThan(0.5);
  });

  test('nothing else is flagged, at every strictness', () => {
    for (const strictness of ['exact', 'near', 'loose'] as const) {
      expect(flagged(lines, strictness).map((b) => [b.id, b.status])).toEqual([
        [7, 'duplicate'],
        [9, 'partial'],
        [10, 'duplicate'],
        [11, 'duplicate'],
        [12, 'duplicate'],
        [13, 'duplicate'],
      ]);
    }
  });

  test('groups have the first occurrence as canonical', () => {
    expect(report.groups).toEqual([
      { canonical: 1, members: [1, 7] },
      { canonical: 2, members: [2, 9] },
      { canonical: 3, members: [3, 10] },
      { canonical: 4, members: [4, 11] },
      { canonical: 5, members: [5, 12] },
      { canonical: 6, members: [6, 13] },
    ]);
  });
});

describe('near repeats are grouped across scripts', () => {
  test.each(NEAR_REPEATS)('$name', ({ original, repeat }) => {
    expect(repeat).not.toBe(original);
    const report = findRepeats([FILLER[0], original, FILLER[1], repeat]);
    expect(report.blocks[3]).toMatchObject({ status: 'duplicate', of: 1 });
    expect(report.blocks[3].similarity).toBeGreaterThanOrEqual(0.6);
    expect(report.blocks.slice(0, 3).every((b) => b.status === 'unique')).toBe(true);
    expect(report.groups).toEqual([{ canonical: 1, members: [1, 3] }]);
  });
});

/** Drops what ASCII keyboards lack: accents, strokes, the dot-less i and the ligatures. */
const asciiCopy = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[łıøđ]/g, (c) => ({ ł: 'l', ı: 'i', ø: 'o', đ: 'd' })[c]!)
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');

describe('a copy that spells letters the way other keyboards do is the same text', () => {
  test.each([
    ['German, ss for ß', 'Die Stadt schließt die große Straße am Freitag für den Fußballumzug, teilte die Polizei mit.'],
    ['Polish', 'Rząd zatwierdził dziś nowy budżet dla szkół w mieście po długiej debacie, która trwała do późnych godzin.'],
    ['Turkish', 'Hükümet bugün uzun bir tartışmanın ardından şehirdeki okullar için yeni bütçeyi onayladı ve toplantı sürdü.'],
    ['French, oe for œ', "Le ministre a salué l'œuvre du comité et le vœu des élèves, dont la sœur a parlé avec cœur aux journalistes."],
    ['Danish', 'Regeringen godkendte i dag det nye budget for byens skoler efter en lang debat på Ærø, der varede til sent.'],
  ])('%s', (_, original) => {
    const copy = asciiCopy(original);
    expect(copy).not.toBe(original);
    const report = findRepeats([original, FILLER[0], copy]);
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0, similarity: 1 });
  });
});

describe('a copy that writes a letter or a mark the way other writers do is the same text, even under exact', () => {
  test.each([
    [
      'Persian ezafe as ۀ, هٔ or ه',
      'به گفته سخنگوی وزارت خارجه، نمایندهٔ ویژهٔ ایران در امور افغانستان روز دوشنبه با وزیر خارجهٔ طالبان در کابل دیدار کرد و دربارهٔ مسئلهٔ آب رود هیرمند گفت‌وگو کرد.',
      (text: string) => text.replace(/هٔ/g, 'ۀ'),
    ],
    ['Persian ezafe dropped', 'به گفته سخنگوی وزارت خارجه، نمایندهٔ ویژهٔ ایران در امور افغانستان روز دوشنبه با وزیر خارجهٔ طالبان در کابل دیدار کرد.', (text: string) => text.replace(/ۀ|هٔ/g, 'ه')],
    [
      'Hindi ए and ई after a vowel spelled with य',
      'सरकार ने कहा कि नई योजना के लिए आवेदन अगले महीने से लिए जाएंगे और किसानों को समय पर राहत दी जाएगी।',
      (text: string) => text.replace(/ए/g, 'ये').replace(/ई/g, 'यी'),
    ],
    [
      'Hebrew maqaf as a hyphen',
      'בית־המשפט העליון דחה היום את העתירה שהגישו תושבי הכפר נגד החלטת משרד־הביטחון להקים את הגדר בסמוך לבתיהם.',
      (text: string) => text.replace(/־/g, '-'),
    ],
  ])('%s', (_, original, respell) => {
    const copy = respell(original);
    expect(copy).not.toBe(original);
    const report = findRepeats([original, FILLER[0], copy], { strictness: 'exact' });
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0, similarity: 1 });
  });

  test('Hebrew words joined by a maqaf stay two words, as with a hyphen', () => {
    expect(analyze('בית־המשפט העליון').tokens).toBe(analyze('בית המשפט העליון').tokens);
  });
});

describe('a copy spaced otherwise is the same text, even under exact', () => {
  test.each([
    // Korean spacing rules are applied unevenly: compounds and bound nouns are written together or apart.
    ['Korean', '정부는 오늘 새로운 경제 대책을 발표하고 물가 상승에 대응하기 위해 가계 지원을 강화하기로 했다.', '정부는 오늘 새로운 경제대책을 발표하고 물가상승에 대응하기 위해 가계지원을 강화하기로 했다.'],
    ['Korean, a space added', '기획재정부 장관은 기자회견에서 이번 대책이 서민 경제에 실질적인 도움이 될 것이라고 말했다.', '기획 재정부 장관은 기자 회견에서 이번 대책이 서민 경제에 실질적인 도움이 될 것 이라고 말했다.'],
    ['Chinese with stray spaces', '国务院新闻办公室今天上午举行新闻发布会，介绍前三季度国民经济运行情况。', '国务院 新闻办公室 今天上午 举行新闻发布会， 介绍前三季度 国民经济运行情况。'],
    ['Japanese with spaces between phrases', '政府は今日、新しい経済対策を発表し、物価高騰に対応するため家計への支援を強化する方針を示した。', '政府は 今日、新しい 経済対策を 発表し、物価高騰に 対応するため 家計への 支援を 強化する 方針を 示した。'],
  ])('%s', (_, original, respaced) => {
    const report = findRepeats([original, FILLER[0], respaced, respaced.normalize('NFD')], { strictness: 'exact' });
    for (const copy of [2, 3]) expect(report.blocks[copy]).toMatchObject({ status: 'duplicate', of: 0, similarity: 1 });
    // Word for word: the placeholder calls it a repeat, naming no change.
    expect(wordChanges(original, respaced)).toEqual({ changed: [], dropped: [] });
  });

  const persian = 'وزیر امور خارجه می‌گوید که گفت‌وگوها با کشورهای همسایه ادامه خواهد داشت و دولت می‌خواهد روابط اقتصادی را گسترش دهد، اما برخی نماینده‌ها به این سیاست‌ها انتقاد کرده‌اند.';
  const arabic = 'وقال وزير الخارجية إن المحادثات ستستمر وأكد أن الحكومة تريد توسيع العلاقات الاقتصادية وتعزيز التعاون مع دول الجوار، ولكن بعض النواب انتقدوا هذه السياسة.';
  test.each([
    // Persian writes a word's parts apart with a zero-width non-joiner, a space or nothing, as writers and editors do.
    ['Persian, half-spaces as spaces', persian, persian.replace(/\u200c/g, ' ')],
    ['Persian, half-spaces left out', persian, persian.replace(/\u200c/g, '')],
    // Some writers set the conjunction و apart from its word.
    ['Arabic, و written apart', arabic, arabic.replace(/(^| )و(?=\S)/g, '$1و ')],
    ['German, a compound written apart', 'Die Bundesregierung hat am Mittwoch den Haushaltsentwurf für das kommende Jahr im Kabinett beschlossen.', 'Die Bundes-Regierung hat am Mittwoch den Haushalts Entwurf für das kommende Jahr im Kabinett beschlossen.'],
  ])('%s, which shares no word pairs with its original', (_, original, respaced) => {
    expect(respaced).not.toBe(original);
    const report = findRepeats([original, FILLER[0], respaced], { strictness: 'exact' });
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0, similarity: 1, repeated: [{ start: 0, end: respaced.length, of: 0 }] });
  });

  test('numbers still decide under exact, and changed ones only lower the similarity under near', () => {
    const original = 'وزیر امور خارجه می‌گوید که ۱۲ دور گفت‌وگو با کشورهای همسایه در سال ۲۰۲۶ برگزار شد و نماینده‌ها از آن استقبال کردند.';
    const respaced = original.replace(/\u200c/g, ' ').replace('۱۲', '۱۴');
    expect(findRepeats([original, FILLER[0], respaced], { strictness: 'exact' }).blocks[2].status).toBe('unique');
    expect(findRepeats([original, FILLER[0], respaced]).blocks[2]).toMatchObject({ status: 'duplicate', of: 0, similarity: 0.99 });
    expect(findRepeats([original, FILLER[0], original.replace(/\u200c/g, ' ')], { strictness: 'exact' }).blocks[2]).toMatchObject({ status: 'duplicate', similarity: 1 });
  });

  test('a space still parts Thai sentences', () => {
    const thai = 'นายกรัฐมนตรีกล่าวว่ารัฐบาลจะเร่งดำเนินการแก้ไขปัญหาค่าครองชีพของประชาชน รัฐมนตรีว่าการกระทรวงการคลังกล่าวเสริม';
    expect(analyze(thai).sentences()).toHaveLength(2);
    expect(analyze(thai.replace(' ', '')).sentences()).toHaveLength(1);
  });
});

describe('a copy in decomposed form (NFD), as some editors and systems save text, is the same text, even under exact', () => {
  test.each([
    ['French', "Le président a salué l'œuvre du comité et les élèves, dont la sœur a parlé avec cœur aux journalistes réunis à Genève."],
    ['Vietnamese', 'Thủ tướng Chính phủ đã chủ trì cuộc họp với các bộ trưởng để thảo luận về tình hình kinh tế và ngân sách năm tới.'],
    ['Persian ezafe ۀ, which decomposes to Kurdish ە', 'به گفته سخنگوی وزارت خارجه، نمایندۀ ویژۀ ایران در امور افغانستان روز دوشنبه با وزیر خارجۀ طالبان در کابل دیدار کرد.'],
    ['Korean, Hangul as jamo', '정부는 오늘 서울에서 열린 기자회견에서 새로운 경제 정책을 발표했으며, 야당은 이에 대해 강하게 비판했다.'],
    ['Japanese, voiced kana', '政府は昨日、東京で記者会見を開き、新しい経済政策について説明した。記者団からは物価対策が十分かどうかを問う質問が相次いだ。'],
    ['Bengali, two-part vowel signs', 'সরকার আজ রাজধানীতে এক সংবাদ সম্মেলনে নতুন বাজেটের ঘোষণা করেছে এবং বিরোধী দল তার কঠোর সমালোচনা করেছে।'],
    ['Tamil, two-part vowel signs', 'போராட்டம் தொடர்ந்த நிலையில் கோவை மாவட்ட போலீசார் இன்று காலை பொதுமக்களிடம் பேச்சுவார்த்தை நடத்தினர், ஆனால் எந்த முடிவும் எட்டப்படவில்லை.'],
    ['Sinhala', 'රජය අද අගනුවර පැවති මාධ්‍ය හමුවකදී නව අයවැය ප්‍රකාශයට පත් කළ අතර විපක්ෂය එය දැඩි ලෙස විවේචනය කළේය.'],
  ])('%s', (_, original) => {
    const copy = original.normalize('NFD');
    expect(copy).not.toBe(original);
    const report = findRepeats([original, FILLER[0], copy], { strictness: 'exact' });
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0, similarity: 1, repeated: [{ start: 0, end: copy.length, of: 0 }] });
  });

  test('half-width katakana, which writes its voicing marks apart, reads as full-width', () => {
    const original = 'ガス料金とデジタル化の補助金について、政府は来週にも新しいプログラムを発表する予定だ。';
    const copy = original.replace(/ガ/g, 'ｶﾞ').replace(/デ/g, 'ﾃﾞ').replace(/ジ/g, 'ｼﾞ').replace(/プ/g, 'ﾌﾟ').replace(/グ/g, 'ｸﾞ');
    const report = findRepeats([original, FILLER[0], copy], { strictness: 'exact' });
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0, similarity: 1 });
  });
});

describe('what is not a repeat', () => {
  test('paragraphs on the same story that share phrases', () => {
    const story = [
      'Russia, Turkey and Iran agreed on Tuesday to hold the next round of the Astana talks on Syria in the second half of the year, the Kazakh foreign ministry said.',
      'The Astana talks on Syria have been boycotted by the United States since the fifteenth round, when Washington stopped sending an observer to the Kazakh capital.',
      'Delegations from the Syrian government and the opposition attended the Astana talks on Syria alongside observers from Jordan, Lebanon and Iraq.',
      'The next round of the Astana talks on Syria is expected to focus on detainees, missing persons and the return of refugees to their homes.',
    ];
    for (const strictness of ['exact', 'near', 'loose'] as const) expect(flagged(story, strictness)).toEqual([]);
  });

  test('short boilerplate', () => {
    const boilerplate = ['Share', 'Read more', 'Share', 'Read more', 'اقرأ المزيد', 'اقرأ المزيد', 'Follow us', 'Follow us'];
    // Thai and Khmer write words without spaces, letter by letter: their lines are as short as the English.
    boilerplate.push('แชร์ข่าวนี้ไปยังเพื่อนของคุณ', 'แชร์ข่าวนี้ไปยังเพื่อนของคุณ', 'ติดตามข่าวสารล่าสุดได้ที่นี่', 'ติดตามข่าวสารล่าสุดได้ที่นี่');
    const report = findRepeats(boilerplate);
    expect(report.groups).toEqual([]);
    expect(report.blocks.every((b) => b.status === 'unique')).toBe(true);
  });

  test('different paragraphs written to the same template', () => {
    const template = [
      'Foreign Minister Sergei Lavrov said on Monday that the talks would resume in Astana next month.',
      'Defence Minister Hulusi Akar said on Monday that the operation in northern Syria would continue.',
      'Health Minister Mona Salem said on Monday that the new hospital in Aleppo would open in spring.',
      'Interior Minister Ahmad Vahidi said on Monday that the border crossing would reopen next week.',
    ];
    for (const strictness of ['exact', 'near', 'loose'] as const) expect(flagged(template, strictness)).toEqual([]);
  });

  test('a shared short sentence does not make a paragraph partial', () => {
    const texts = [
      'He said no. The ministers then left the hall without a statement and drove back to their hotels.',
      'He said no. Reporters waited outside the building for several hours before the delegations returned.',
    ];
    expect(flagged(texts)).toEqual([]);
  });
});

describe('strictness', () => {
  const casualties = NEAR_REPEATS.find((c) => c.name === 'changed digits')!;
  const dropped = NEAR_REPEATS.find((c) => c.name === 'a dropped word')!;

  test('exact groups only texts equal after normalisation', () => {
    const quotes = NEAR_REPEATS.find((c) => c.name === 'quote styles')!;
    expect(flagged([quotes.original, quotes.repeat], 'exact')).toHaveLength(1);
    expect(flagged([casualties.original, casualties.repeat], 'exact')).toEqual([]);
    expect(flagged([dropped.original, dropped.repeat], 'exact')).toEqual([]);
  });

  test('near groups changed digits and dropped words, below a perfect score', () => {
    for (const { original, repeat } of [casualties, dropped]) {
      const [block] = flagged([original, repeat], 'near');
      expect(block.status).toBe('duplicate');
      expect(block.similarity).toBeLessThan(1);
    }
  });

  test('loose also groups a paragraph with a rewritten clause', () => {
    const original =
      'The delegations agreed to meet again in the Kazakh capital before the end of the year to review progress on the exchange of detainees.';
    const rewritten =
      'The delegations agreed to meet again in the Kazakh capital early next spring to review what was achieved on the exchange of detainees.';
    expect(flagged([original, rewritten], 'near')).toEqual([]);
    expect(flagged([original, rewritten], 'loose')).toHaveLength(1);
  });

  test('minBlockChars decides what counts as boilerplate', () => {
    const texts = ['Read the full interview here', 'Read the full interview here'];
    expect(findRepeats(texts).groups).toEqual([]);
    expect(findRepeats(texts, { minBlockChars: 10 }).groups).toEqual([{ canonical: 0, members: [0, 1] }]);
  });

  test('a short paragraph in Chinese, Korean or Amharic carries as much as a longer one in Latin letters, and counts as one', () => {
    // 24 Hangul syllables, 20 Han characters, 37 Ethiopic syllables: each short of 40 characters, each a sentence of news.
    for (const text of ['세 나라에서 온 참관인들이 감시단으로 회담에 참석했다.', '来自三个国家的观察员作为监督员出席了会谈。', 'ከሦስት አገሮች የመጡ ታዛቢዎች በውይይቱ ላይ እንደ ተቆጣጣሪ ተገኝተዋል።']) {
      expect(findRepeats([text, FILLER[0], text]).blocks[2]).toMatchObject({ status: 'duplicate', of: 0 });
    }
  });
});

describe('glued paragraphs', () => {
  test('a block made only of earlier sentences is a duplicate', () => {
    const a = 'The talks ended without an agreement on the constitution committee.';
    const b = 'Delegates said they would return to Geneva within two months.';
    const glued = `${b} ${a}`;
    const report = findRepeats([a, b, glued]);
    // It names the block it repeats most of, and keeps where each part comes from.
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0 });
    expect(report.blocks[2].repeated.map((r) => [glued.slice(r.start, r.end), r.of])).toEqual([
      [b, 1],
      [a, 0],
    ]);
    // So it is listed with both: each group counts every copy of its paragraph.
    expect(report.groups.map((g) => g.members)).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  test('a block made only of sentences of one earlier block keeps one range, its whole text', () => {
    const a = 'The talks ended without an agreement on the constitution committee.';
    const b = 'Delegates said they would return to Geneva within two months.';
    const glued = `${b} ${a}`;
    const c = 'Observers from the region described the mood at the venue as tense, with several sessions cut short.';
    const report = findRepeats([`${a} ${c} ${b}`, FILLER[0], glued]);
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0, repeated: [{ start: 0, end: glued.length, of: 0 }] });
  });

  test('a short new sentence glued onto a repeat is news: the block is partial, and the sentence is out of its range', () => {
    const a =
      'The city council approved a new budget on Monday, including funding for three new schools. Critics argued that the proposal ignores the rising cost of housing in the north.';
    for (const fresh of ['The mayor resigned yesterday.', ' He denied it.', ' Two officers were arrested.']) {
      const glued = `${a}${fresh}`;
      const block = findRepeats([a, FILLER[0], glued]).blocks[2];
      expect(block.status, fresh).toBe('partial');
      expect(block.repeated.map((r) => glued.slice(r.start, r.end)), fresh).toEqual([a]);
    }
  });

  test('a repeated sentence cut by an initial or an abbreviation is repeated whole in a partial, in any script; a short new sentence beside it stays out', () => {
    const pairs = [
      [
        'President John F. Kennedy met the delegation in Washington on Monday to discuss the new trade agreement between the two nations.',
        'The talks lasted three hours in the old building.',
      ],
      ['Dr. Smith of St. Mary hospital said the patients were stable and would be released on Friday morning after further tests.', 'The hospital has forty beds.'],
      [
        'The U.S. Senate voted on the bill late on Tuesday evening after a long and heated debate among members of both parties.',
        'Officials in the capital welcomed the result on Wednesday.',
      ],
      ['Президент В. В. Путин встретился с делегацией в Москве в понедельник, чтобы обсудить новое торговое соглашение.', 'Переговоры длились три часа в старом здании.'],
    ];
    for (const [a, fresh] of pairs) {
      for (const glued of [`${fresh} ${a}`, `${a} ${fresh}`]) {
        const block = findRepeats([a, FILLER[0], glued]).blocks[2];
        expect(block.status, glued).toBe('partial');
        expect(block.repeated.map((r) => glued.slice(r.start, r.end)), glued).toEqual([a]);
      }
    }
    const a = 'The minister met the delegation in Washington on Monday to discuss the new trade agreement between the two nations.';
    const glued = `He denied it. ${a}`;
    expect(findRepeats([a, FILLER[0], glued]).blocks[2].repeated.map((r) => glued.slice(r.start, r.end))).toEqual([a]);
  });

  test('short sentences the first occurrence has, with a number changed or a word dropped elsewhere, keep a near copy a duplicate', () => {
    const a =
      'The city council approved a new budget on Monday, including funding for three new schools and a public library. It cost 45 million. He said so. Critics argued that the proposal ignores the rising cost of housing in the north.';
    for (const copy of [a.replace('45', '46').replace(' public', ''), a.replace(' public', ''), a.replace('He said so.', '“He said so!”').replace('three', 'four')]) {
      expect(findRepeats([a, FILLER[0], copy]).blocks[2], copy).toMatchObject({ status: 'duplicate', of: 0 });
    }
  });

  test('a short new sentence glued where the copy left out a sentence of the original is news too: the block is partial', () => {
    const [s1, s2, s3] = [
      'The ministers met in Astana on Monday to discuss the ceasefire along the whole front line.',
      'Observers from three countries attended the talks as monitors for the first time.',
      'A new round of negotiations was agreed for next month in Geneva.',
    ];
    for (const fresh of ['The UN welcomed it.', 'Соглашение приветствовала ООН.', '유엔은 이 합의를 환영했다.']) {
      const copy = fresh + s2;
      const block = findRepeats([`${s1} ${s2} ${s3}`, FILLER[0], copy]).blocks[2];
      expect(block, fresh).toMatchObject({ status: 'partial', of: 0 });
      expect(block.repeated.map((r) => copy.slice(r.start, r.end))).toEqual([s2]);
    }
  });

  test('a short sentence edited in place (a word dropped, changed or moved) keeps a near copy a duplicate, naming the change', () => {
    const l1 = 'The city council approved a new budget on Monday, including funding for three new schools and a public library.';
    const l2 = 'Critics argued that the proposal ignores the rising cost of housing in the northern districts.';
    const pairs = [
      ['He flatly denied it.', 'He denied it.'],
      ['Police arrested him.', 'Police released him.'],
      ['He said so.', 'So he said.'],
    ];
    for (const [before, after] of pairs) {
      const block = findRepeats([`${l1} ${before} ${l2}`, FILLER[0], `${l1} ${after} ${l2}`]).blocks[2];
      expect(block, after).toMatchObject({ status: 'duplicate', of: 0 });
    }
  });

  test('under exact, a short sentence whose number changed is not the same text: the block is partial', () => {
    const l1 = 'The city council approved a new budget on Monday, including funding for three new schools and a public library.';
    const l2 = 'Critics argued that the proposal ignores the rising cost of housing in the northern districts.';
    const copy = `${l1} Toll now 12. ${l2}`;
    const block = findRepeats([`${l1} Toll now 15. ${l2}`, FILLER[0], copy], { strictness: 'exact' }).blocks[2];
    expect(block.status).toBe('partial');
    expect(block.repeated.map((r) => copy.slice(r.start, r.end))).toEqual([l1, l2]);
  });

  test('new text after a sentence ending in a single letter, or starting with a number, is found: the block is partial', () => {
    const vi = 'Thủ tướng cho biết Việt Nam đang trở thành điểm đến hấp dẫn của các nhà đầu tư nước ngoài trong khu vực Đông Nam Á. Trong sáu tháng đầu năm, vốn đầu tư trực tiếp nước ngoài đăng ký mới đạt gần 15 tỷ USD, tăng 13 phần trăm so với cùng kỳ năm ngoái.';
    const en = 'Officials said that if the roads flooded before then, buses would take residents to the shelters in Zone B. The ministry said the evacuation would begin on Friday morning and that every resident of the coastal districts had been told where to go.';
    const ar = 'قالت الشرطة إن الانفجار وقع بعد التاسعة صباحا بقليل قرب السوق المركزي حيث تجمع مئات الأشخاص للتسوق الأسبوعي. وأغلقت فرق الطوارئ الشوارع المحيطة وطلبت من السكان البقاء في منازلهم.';
    const cases = [
      [vi, vi.replace('Á. ', 'Á. Tuy nhiên, giới chuyên gia cảnh báo tình trạng thiếu lao động có tay nghề cao. '), 'Tuy nhiên, giới chuyên gia cảnh báo tình trạng thiếu lao động có tay nghề cao.'],
      [en, en.replace('Zone B. ', 'Zone B.Local schools will stay closed until further notice. '), 'Local schools will stay closed until further notice.'],
      [ar, `${ar}3 جنود قتلوا في الهجوم.`, '3 جنود قتلوا في الهجوم.'],
      [en, `${en}3 soldiers were killed in the attack.`, '3 soldiers were killed in the attack.'],
    ];
    for (const [original, copy, fresh] of cases) {
      const block = findRepeats([original, FILLER[0], copy]).blocks[2];
      expect(block.status, fresh).toBe('partial');
      const at = copy.indexOf(fresh);
      for (const range of block.repeated) expect(range.end <= at || range.start >= at + fresh.length, fresh).toBe(true);
    }
  });

  test('a single letter’s dot before a small letter, the next initial or a caseless word is no sentence end', () => {
    const a = 'The U.S. officials said on Monday that the talks would resume in Geneva after the holiday, with both delegations.';
    const b = 'قال د. محمد الأحمد إن المحادثات ستستأنف في جنيف بعد العطلة بمشاركة الوفدين كاملين وبحضور المراقبين الدوليين.';
    const c = 'Prices rose 3.5 percent in the year to March, the statistics office said on Tuesday morning in its monthly report.';
    for (const text of [a, b, c]) expect(analyze(text).sentences(), text).toHaveLength(1);
  });

  test('a short sentence of either of two repeats glued together is no news', () => {
    const a = 'He said no. The ministers then left the hall without a statement and drove back to their hotels.';
    const b = 'Delegates said they would return to Geneva within two months, once the committee had met again.';
    const report = findRepeats([a, b, `${b} ${a}`]);
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate' });
  });

  test('the sample’s glued paragraph without its full stop, its new text running into the repeat, is partial at every strictness', () => {
    const at = lines[9].indexOf(lines[2]);
    // "…للصليب الأحمرواتفقت…": the repeat's first word is glued to the new text's last.
    const glued = lines[9].slice(0, at - 1) + lines[9].slice(at);
    const texts = lines.map((line, i) => (i === 9 ? glued : line));
    for (const strictness of ['exact', 'near', 'loose'] as const) {
      const block = findRepeats(texts, { strictness }).blocks[9];
      expect(block, strictness).toMatchObject({ status: 'partial', of: 2 });
      expect(block.repeated).toHaveLength(1);
      const [range] = block.repeated;
      expect(range.of).toBe(2);
      // All of line 3 but its glued first word, and nothing of the new text before it.
      expect(glued.slice(range.start, range.end), strictness).toBe(lines[2].slice(lines[2].indexOf(' ') + 1));
    }
  });

  describe('new text glued to a repeat with no sentence end between', () => {
    // Repeats that end without a full stop, as headings, captions and quotes often do, so the glue merges two words.
    const cases: [string, string, string, string][] = [
      [
        'English',
        'Officials from both countries met in the capital on Monday to discuss the border agreement, which has been delayed for two years by disputes over water rights',
        'The ministers signed it later.',
        'The ministers later said they expect to sign a final text before the end of the year, pending approval by parliament.',
      ],
      [
        'Arabic',
        'وانعقدت الجولة الأولى من المسار في العاصمة الكازاخية في كانون الثاني عام 2017 بحضور وفود من النظام والمعارضة ومراقبين من الأمم المتحدة',
        'واتفقت الأطراف على عقد جولة جديدة الشهر المقبل.',
        'واتفقت الأطراف في ختام الاجتماع على عقد جولة جديدة من المحادثات في الشهر المقبل بحضور المراقبين أنفسهم ووفود الدول الضامنة.',
      ],
      [
        'Russian',
        'Министры иностранных дел трёх стран встретились в столице Казахстана во вторник, чтобы обсудить политический процесс в Сирии и обмен задержанными',
        'Следующая встреча пройдёт в Женеве в марте.',
        'Следующая встреча министров пройдёт в Женеве в марте, сообщили в министерстве иностранных дел после окончания закрытого заседания.',
      ],
      [
        'Chinese',
        '俄罗斯、土耳其和伊朗三国外长周二在哈萨克斯坦首都举行会谈，讨论叙利亚政治进程、被拘留者交换以及难民回归等问题',
        '下一轮会谈将于三月在日内瓦举行。',
        '下一轮会谈将于三月在日内瓦举行，届时三国还将邀请联合国特使以及反对派代表出席，共同讨论宪法委员会的工作安排和停火协议的执行情况。',
      ],
      [
        'Hindi',
        'सरकार ने आज लंबी बहस के बाद शहर के स्कूलों के लिए नए बजट को मंजूरी दी और विपक्ष ने इसका कड़ा विरोध किया',
        'अगली बैठक मार्च में होगी।',
        'अगली बैठक मार्च में होगी जिसमें शिक्षकों के वेतन और नए भवनों के निर्माण पर विस्तार से चर्चा की जाएगी, मंत्री ने बताया।',
      ],
    ];
    const filler = FILLER[0];
    test.each(cases)('in %s, a short or a long new text after the repeat, or before it, stays out of the range: the block is partial', (_, repeat, short, long) => {
      for (const fresh of [short, long]) {
        const after = repeat + fresh;
        const before = fresh.replace(/[.。।]$/u, '') + repeat;
        for (const [glued, newStart, newEnd] of [
          [after, repeat.length, after.length],
          [before, 0, before.length - repeat.length],
        ] as const) {
          const block = findRepeats([filler, repeat, glued]).blocks[2];
          expect(block, glued).toMatchObject({ status: 'partial', of: 1 });
          const words = block.repeated.reduce((sum, r) => sum + r.end - r.start, 0);
          // The repeat is marked but for the word the glue merged into the new text, and only it.
          expect(words, glued).toBeGreaterThan(0.8 * repeat.length);
          for (const range of block.repeated) expect(range.end <= newStart || range.start >= newEnd, glued).toBe(true);
        }
      }
    });
  });

  test('a word or a short sentence glued on with no sentence end between, the two words merged, is news too: the block is partial', () => {
    const cases: [string, string][] = [
      ['Officials from both countries met in the capital on Monday to discuss the border agreement, which has been delayed for two years by disputes over water rights', 'He denied it.'],
      ['Officials from both countries met in the capital on Monday to discuss the border agreement, which has been delayed for two years by disputes over water rights', 'Reuters'],
      ['وانعقدت الجولة الأولى من المسار في العاصمة الكازاخية في كانون الثاني عام 2017 بحضور وفود من النظام والمعارضة ومراقبين من الأمم المتحدة', 'ونفى ذلك.'],
      ['Министры иностранных дел трёх стран встретились в столице Казахстана во вторник, чтобы обсудить политический процесс в Сирии и обмен задержанными', 'Он это отрицал.'],
      ['सरकार ने आज लंबी बहस के बाद शहर के स्कूलों के लिए नए बजट को मंजूरी दी और विपक्ष ने इसका कड़ा विरोध किया', 'मंत्री ने इनकार किया।'],
    ];
    for (const [repeat, fresh] of cases) {
      const after = repeat + fresh;
      const before = fresh.replace(/[.।]$/u, '') + repeat;
      for (const [glued, newStart, newEnd] of [
        [after, repeat.length, after.length],
        [before, 0, before.length - repeat.length],
      ] as const) {
        const block = findRepeats([FILLER[0], repeat, glued]).blocks[2];
        expect(block, glued).toMatchObject({ status: 'partial', of: 1 });
        for (const range of block.repeated) expect(range.end <= newStart || range.start >= newEnd, glued).toBe(true);
      }
    }
  });

  test('paragraphs that only begin or end alike are not a repeat with new text glued on', () => {
    const first =
      'Officials from both countries met in the capital on Monday to discuss the border agreement, which has been delayed for two years by disputes over water rights.';
    const texts = [
      first,
      'Officials from both countries met in the capital on Monday to discuss trade, and agreed to cut tariffs on steel and grain by half before the harvest begins in June.',
      'Farmers in the valley say their harvests have shrunk for a decade, and the government has been slow to settle the disputes over water rights.',
    ];
    expect(flagged(texts)).toEqual([]);
    expect(flagged(texts, 'loose')).toEqual([]);
  });

  test('a new paragraph glued between two repeats keeps its new text out of the ranges', () => {
    const a = 'The talks ended without an agreement on the constitution committee.';
    const b = 'Delegates said they would return to Geneva within two months.';
    const glued = `${a}The ceasefire in the north has largely held since March despite shelling.${b}`;
    const report = findRepeats([a, b, glued]);
    const block = report.blocks[2];
    expect(block.status).toBe('partial');
    expect(block.repeated.map((r) => [glued.slice(r.start, r.end), r.of])).toEqual([
      [a, 0],
      [b, 1],
    ]);
    expect(report.groups).toEqual([
      { canonical: 0, members: [0, 2] },
      { canonical: 1, members: [1, 2] },
    ]);
  });

  // The glue is what the line break left: nothing after a terminator, a space where a space ends the sentence.
  const scripts: [string, string, string, string, string][] = [
    ['Hindi', '', 'सरकार ने आज लंबी बहस के बाद शहर के स्कूलों के लिए नए बजट को मंजूरी दी।', 'बैठक देर रात तक चली और विपक्ष ने इसका कड़ा विरोध किया।', 'मौसम विभाग ने पहाड़ों में भारी बर्फबारी की चेतावनी जारी की है।'],
    ['Armenian', '', 'Կառավարությունը այսօր երկար քննարկումից հետո հաստատեց դպրոցների նոր բյուջեն։', 'Նիստը տևեց մինչև ուշ գիշեր և ընդդիմությունը դեմ քվեարկեց։', 'Եղանակի ծառայությունը զգուշացրել է լեռներում առատ ձյան մասին։'],
    ['Amharic', '', 'መንግሥት ዛሬ ረጅም ክርክር ካደረገ በኋላ ለከተማው ትምህርት ቤቶች አዲሱን በጀት አጸደቀ።', 'ስብሰባው እስከ ምሽት ድረስ ቀጠለ እና ተቃዋሚዎች በጣም ተቃወሙት።', 'የሚቲዎሮሎጂ አገልግሎት በተራሮች ላይ ከባድ በረዶ እንደሚጥል አስጠንቅቋል።'],
    // Greek asks with a semicolon.
    ['Greek', '', 'Η κυβέρνηση ενέκρινε σήμερα μετά από μακρά συζήτηση τον νέο προϋπολογισμό για τα σχολεία.', 'Η συνεδρίαση κράτησε ως αργά το βράδυ και η αντιπολίτευση καταψήφισε.', 'Γιατί όμως καθυστέρησε τόσους μήνες η ψήφιση του νέου προϋπολογισμού της πόλης;'],
    // Tibetan's shad is not one of Unicode's sentence terminators, but ends its sentences.
    ['Tibetan', '', 'གཞུང་གིས་དེ་རིང་གྲོས་མོལ་རིང་པོ་བྱས་རྗེས་སློབ་གྲྭའི་འཆར་གཞི་གསར་པ་ཆོག་མཆན་གནང་།', 'ཚོགས་འདུ་དེ་དགོང་མོ་ཕྱི་པོའི་བར་དུ་འཚོགས་ཤིང་ངོ་རྒོལ་ཚོགས་པས་ངོ་རྒོལ་བྱས།', 'གནམ་གཤིས་ལས་ཁུངས་ཀྱིས་རི་བོའི་ཁུལ་དུ་ཁ་བ་ཆེན་པོ་འབབ་རྒྱུའི་ཉེན་བརྡ་བཏང་།'],
    ['Thai', ' ', 'รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากภัยแล้ง', 'โดยจะจัดสรรงบประมาณเพิ่มเติมให้กับจังหวัดที่ประสบปัญหาหนักที่สุด', 'ขณะเดียวกันตลาดหุ้นปิดตัวในแดนบวกเป็นวันที่สามติดต่อกัน'],
    ['Lao', ' ', 'ລັດຖະບານໄດ້ປະກາດມາດຕະການໃໝ່ເພື່ອຊ່ວຍເຫຼືອຊາວກະສິກອນທີ່ໄດ້ຮັບຜົນກະທົບຈາກໄພແຫ້ງແລ້ງ', 'ໂດຍຈະຈັດສັນງົບປະມານເພີ່ມເຕີມໃຫ້ແກ່ແຂວງທີ່ປະສົບບັນຫາໜັກທີ່ສຸດ', 'ໃນຂະນະດຽວກັນຕະຫຼາດຫຼັກຊັບປິດໃນທາງບວກເປັນມື້ທີສາມຕິດຕໍ່ກັນ'],
  ];
  // Keyboards without the script's own terminator: Armenian ends with a colon, Amharic with two, Hindi with a bar.
  for (const [name, own, typed] of [
    ['Hindi', '।', '|'],
    ['Armenian', '։', ':'],
    ['Amharic', '።', '::'],
  ]) {
    const [, glue, ...texts] = scripts.find((row) => row[0] === name)!;
    const [first, second, fresh] = texts.map((text) => text.replaceAll(own, typed));
    scripts.push([`${name}, typed with ${typed}`, glue, first, second, fresh]);
  }
  test.each(scripts)('in %s, new text glued to a repeated sentence keeps out of the range', (_, glue, first, second, fresh) => {
    const glued = `${fresh}${glue}${second}`;
    const report = findRepeats([`${first} ${second}`, FILLER[0], glued]);
    const block = report.blocks[2];
    expect(block.status).toBe('partial');
    expect(block.repeated.map((r) => [glued.slice(r.start, r.end), r.of])).toEqual([[second, 0]]);
  });

  test('a phrase Thai sets off with a space, shared by two paragraphs, does not make the second partial', () => {
    const texts = [
      'อย่างไรก็ตาม รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากภัยแล้ง',
      'อย่างไรก็ตาม ตลาดหุ้นปิดตัวในแดนบวกเป็นวันที่สามติดต่อกันหลังจากนักลงทุนกลับมาซื้อ',
    ];
    expect(flagged(texts)).toEqual([]);
  });

  test('a partial repeat points at the canonical block, not at a later copy', () => {
    const a = 'The talks ended without an agreement on the constitution committee.';
    const report = findRepeats([a, a, `Fresh reporting from the border crossing this morning. ${a}`]);
    expect(report.blocks[2].repeated[0].of).toBe(0);
  });
});

test('empty and whitespace-only input gives unique blocks and no groups', () => {
  expect(findRepeats([])).toEqual({ blocks: [], groups: [] });
  const report = findRepeats(['', '   ', '']);
  expect(report.blocks.map((b) => b.status)).toEqual(['unique', 'unique', 'unique']);
  expect(report.groups).toEqual([]);
});

describe('an excerpt that stops mid-sentence', () => {
  const story =
    'The regional water board voted on Thursday to raise household rates by nine percent from April, the first increase in more than a decade. The money will pay for replacing ageing pipes that lose a fifth of the treated water before it reaches a single tap.';
  const excerpt = 'The regional water board voted on Thursday to raise household rates by nine percent from April…';

  test('is a similar copy of the paragraph it starts, though far shorter than it', () => {
    const report = findRepeats([story, FILLER[0], excerpt]);
    expect(report.blocks[2]).toMatchObject({ status: 'duplicate', of: 0 });
    expect(report.groups).toEqual([{ canonical: 0, members: [0, 2] }]);
    // Under exact only whole sentences, word for word, repeat.
    expect(flagged([story, FILLER[0], excerpt], 'exact')).toEqual([]);
  });

  test('with new text after it, is partial, only the excerpt marked', () => {
    const fresh = 'Protesters gathered outside the building before the vote and stayed until late in the evening.';
    const glued = `${excerpt} ${fresh}`;
    const block = findRepeats([story, FILLER[0], glued]).blocks[2];
    expect(block).toMatchObject({ status: 'partial', of: 0 });
    expect(block.repeated.map((range) => glued.slice(range.start, range.end))).toEqual([excerpt]);
  });
});

describe('a quotation repeated without the words around it', () => {
  // Pull quotes: the quotation alone, set apart from the paragraph that says who said it.
  const pullQuotes: [string, string, string][] = [
    [
      'English',
      'After hours of debate the delegations signed a preliminary agreement on sharing the river. “We will not let our farmers go without water for another summer,” the minister told reporters outside the hall.',
      'We will not let our farmers go without water for another summer.',
    ],
    [
      'Arabic',
      'وبعد ساعات من النقاش وقعت الوفود اتفاقا أوليا بشأن تقاسم مياه النهر. «لن نترك مزارعينا من دون ماء لصيف آخر، وسندافع عن حقنا في النهر»، قال الوزير للصحفيين خارج القاعة.',
      'لن نترك مزارعينا من دون ماء لصيف آخر، وسندافع عن حقنا في النهر',
    ],
    [
      'Russian',
      'После долгих споров делегации подписали предварительное соглашение о разделе воды реки. «Мы не оставим наших фермеров без воды ещё на одно лето», — сказал министр журналистам.',
      '«Мы не оставим наших фермеров без воды ещё на одно лето»',
    ],
    [
      'German',
      'Nach stundenlanger Debatte unterzeichneten die Delegationen ein vorläufiges Abkommen über das Flusswasser. „Wir lassen unsere Bauern keinen weiteren Sommer ohne Wasser“, sagte der Minister vor dem Saal.',
      'Wir lassen unsere Bauern keinen weiteren Sommer ohne Wasser.',
    ],
    [
      'Chinese',
      '经过数小时的辩论，各代表团签署了一项关于分享河水的初步协议。“我们绝不会让农民在又一个夏天没有水可用，无论付出什么代价，”部长在会场外对记者说。',
      '我们绝不会让农民在又一个夏天没有水可用，无论付出什么代价。',
    ],
    [
      'Japanese',
      '数時間の議論の末、各代表団は川の水の分配に関する暫定合意に署名した。「私たちは農民をもう一夏も水のないままにはしないし、川への権利を最後まで守る」と大臣は記者団に述べた。',
      '私たちは農民をもう一夏も水のないままにはしないし、川への権利を最後まで守る',
    ],
    [
      'Hindi',
      'घंटों की बहस के बाद प्रतिनिधिमंडलों ने नदी के पानी के बंटवारे पर एक प्रारंभिक समझौते पर हस्ताक्षर किए। “हम अपने किसानों को एक और गर्मी तक पानी के बिना नहीं छोड़ेंगे,” मंत्री ने पत्रकारों से कहा।',
      'हम अपने किसानों को एक और गर्मी तक पानी के बिना नहीं छोड़ेंगे।',
    ],
  ];

  /** The quotation alone, after the paragraph, is a repeat of it under every strictness: its words are the quotation's, word for word. */
  function expectRepeatOfQuotingParagraph(paragraph: string, quote: string): void {
    for (const strictness of ['exact', 'near', 'loose'] as const) {
      const report = findRepeats([paragraph, FILLER[0], quote], { strictness });
      expect(report.blocks[2], strictness).toMatchObject({ status: 'duplicate', of: 0 });
      expect(report.groups, strictness).toEqual([{ canonical: 0, members: [0, 2] }]);
    }
  }

  test.each(pullQuotes)('in %s, a pull quote without its attribution is a repeat of the paragraph that quotes it, at every strictness', (_, paragraph, quote) => {
    expectRepeatOfQuotingParagraph(paragraph, quote);
  });

  test('a pull quote set first is the first occurrence, and the paragraph that quotes it is partial, its other words unmarked', () => {
    const [, paragraph, quote] = pullQuotes[0];
    const block = findRepeats([quote, FILLER[0], paragraph]).blocks[2];
    expect(block).toMatchObject({ status: 'partial', of: 0 });
    const marked = block.repeated.map((range) => paragraph.slice(range.start, range.end));
    expect(marked).toEqual([paragraph.slice(paragraph.indexOf('“') + 1, paragraph.indexOf('”'))]);
  });

  test('another story that quotes the same words with its own attribution is partial, its quotation marked', () => {
    const [, paragraph] = pullQuotes[0];
    const other = 'Talks resume in May. “We will not let our farmers go without water for another summer,” said the minister, who flew back to the capital on Tuesday.';
    const block = findRepeats([paragraph, FILLER[0], other]).blocks[2];
    expect(block).toMatchObject({ status: 'partial', of: 0 });
    expect(block.repeated.map((range) => other.slice(range.start, range.end))).toEqual(['We will not let our farmers go without water for another summer,']);
  });

  // The same quotation where it closes the sentence that says who said it: "He said: “…”", the usual
  // form in Arabic, German or Russian news, or where only the speaker follows it, as in Chinese and
  // Japanese (「…」と述べた。). The sentence after it keeps it from being a glued repeat.
  const closingQuotes: [string, string, string][] = [
    [
      'English',
      'The minister told reporters outside the hall: “We will not let our farmers go without water for another summer.” He then flew back to the capital.',
      'We will not let our farmers go without water for another summer.',
    ],
    [
      'Arabic',
      'وقال الوزير للصحفيين خارج القاعة: «لن نترك مزارعينا من دون ماء لصيف آخر، وسندافع عن حقنا في النهر». ثم عاد إلى العاصمة مساء أمس.',
      'لن نترك مزارعينا من دون ماء لصيف آخر، وسندافع عن حقنا في النهر',
    ],
    [
      'German',
      'Der Minister sagte vor dem Saal: „Wir lassen unsere Bauern keinen weiteren Sommer ohne Wasser.“ Danach flog er in die Hauptstadt zurück.',
      'Wir lassen unsere Bauern keinen weiteren Sommer ohne Wasser.',
    ],
    [
      'Russian',
      'Министр заявил журналистам у зала: «Мы не оставим наших фермеров без воды ещё на одно лето». Затем он улетел обратно в столицу.',
      'Мы не оставим наших фермеров без воды ещё на одно лето.',
    ],
    [
      'Chinese',
      '部长在会场外对记者表示，“我们绝不会让农民在又一个夏天没有水可用，无论付出什么代价”，并呼吁各方合作。随后他返回了首都。',
      '我们绝不会让农民在又一个夏天没有水可用，无论付出什么代价。',
    ],
    [
      'Japanese',
      '大臣は会場の外で記者団に「私たちは農民をもう一夏も水のないままにはしないし、川への権利を最後まで守る」と述べた。その後、大臣は首都に戻った。',
      '私たちは農民をもう一夏も水のないままにはしないし、川への権利を最後まで守る',
    ],
    [
      'Hindi',
      'मंत्री ने पत्रकारों से कहा, "हम अपने किसानों को एक और गर्मी तक पानी के बिना नहीं छोड़ेंगे।" इसके बाद वे राजधानी लौट गए।',
      'हम अपने किसानों को एक और गर्मी तक पानी के बिना नहीं छोड़ेंगे।',
    ],
  ];

  test.each(closingQuotes)('in %s, a quotation that closes a sentence is found by its pull quote, at every strictness', (_, paragraph, quote) => {
    expectRepeatOfQuotingParagraph(paragraph, quote);
  });

  test.each(closingQuotes)('in %s, with its pull quote set first, only the quotation is marked in the paragraph', (_, paragraph, quote) => {
    const block = findRepeats([quote, FILLER[0], paragraph]).blocks[2];
    expect(block).toMatchObject({ status: 'partial', of: 0 });
    const marked = block.repeated.map((range) => paragraph.slice(range.start, range.end)).join('');
    expect(marked.length).toBeGreaterThan(0);
    // Inside the marks: neither who said it nor what followed is marked.
    expect(paragraph.slice(paragraph.search(/[“«„"「]/) + 1)).toContain(marked);
    expect(quote).toContain(marked.replace(/[.।]$/, ''));
  });

  test('a quotation too short for a sentence, or an apostrophe, repeats nothing', () => {
    const texts = [
      '“A bad idea,” the minister called the plan, and he said the farmers don’t trust it either.',
      'A bad idea, the farmers said of the new plan for sharing the river during the dry season this summer.',
      '“We will not let our farmers go without water for another summer, whatever it costs,” the minister said.',
      'Officials said they would meet again on Monday to discuss how much water each country may take.',
      'The plan, he said, was drawn up in a hurry by “the usual people”. Nobody asked the farmers about it.',
      'The usual people were not asked about the plan for sharing the river, the farmers told the students’.',
    ];
    for (const strictness of ['exact', 'near', 'loose'] as const) expect(flagged(texts, strictness)).toEqual([]);
  });
});
