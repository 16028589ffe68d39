import { sampleLines } from './sample';

const [, , , line4, line5] = sampleLines();

export interface NearRepeatCase {
  name: string;
  original: string;
  repeat: string;
}

const english =
  'The foreign ministers of Russia, Turkey and Iran met in the Kazakh capital on Tuesday to discuss the political process in Syria, the exchange of detainees and the return of refugees, officials said after the closed session ended late in the evening.';
const french =
  'Le président a déclaré mercredi que les négociations reprendraient à Genève après une pause de plusieurs mois, selon un communiqué publié à l’issue de la réunion des délégués.';
const chinese = '俄罗斯、土耳其和伊朗三国外长周二在哈萨克斯坦首都举行会谈，讨论叙利亚政治进程、被拘留者交换以及难民回归等问题，会议持续到深夜。';
const japanese = 'ロシア、トルコ、イランの外相は火曜日、カザフスタンの首都で会談し、シリアの政治プロセスと難民の帰還について協議した。';
const russian =
  'Министры иностранных дел России, Турции и Ирана встретились во вторник в столице Казахстана, чтобы обсудить политический процесс в Сирии и возвращение беженцев.';
const hindi =
  'रूस, तुर्की और ईरान के विदेश मंत्रियों ने मंगलवार को कज़ाखस्तान की राजधानी में सीरिया की राजनीतिक प्रक्रिया और शरणार्थियों की वापसी पर चर्चा की।';
// Thai sets off clauses with spaces and writes no space between words.
const thai =
  'เมื่อวันที่ 12 มีนาคม รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากภัยแล้งในภาคตะวันออกเฉียงเหนือ โดยจะจัดสรรงบประมาณเพิ่มเติมให้กับจังหวัดที่ประสบปัญหาหนักที่สุด';
const casualties =
  'Nine people were killed and 23 injured when the bridge collapsed on Route 9 early on Sunday, according to the regional emergency service, which said rescue teams were still searching the river in 2024.';

/** Pairs a reader would call the same paragraph: each must be grouped, in every script. */
export const NEAR_REPEATS: NearRepeatCase[] = [
  {
    name: 'Arabic with tashkeel added',
    original: line4,
    repeat: line4.replace('بدأ مسار', 'بَدَأَ مَسَارُ').replace('انعقدت لقاءات', 'انْعَقَدَتْ لِقَاءَاتُ'),
  },
  { name: 'Arabic with tatweel', original: line5, repeat: line5.replace('المشاركة', 'المشـــاركة').replace('مرات', 'مـرات') },
  {
    name: 'Arabic hamza and alef forms',
    original: line4,
    repeat: line4.replace('أستانة', 'استانة').replace('إيران', 'ايران').replace('اتجهت', 'إتجهت'),
  },
  {
    name: 'Arabic with Arabic-Indic digits',
    original: line4,
    repeat: line4.replace('2017', '٢٠١٧').replace('21 جولة', '٢١ جولة').replace('2022', '٢٠٢٢'),
  },
  { name: 'changed digits', original: casualties, repeat: casualties.replace('23 injured', '27 injured').replace('in 2024', 'in 2025') },
  { name: 'Arabic changed digits', original: line4, repeat: line4.replace('21 جولة', '22 جولة') },
  {
    name: 'quote styles',
    original: 'The minister called the talks “constructive” and said the next round would be “decisive” for the region’s future.',
    repeat: 'The minister called the talks "constructive" and said the next round would be «decisive» for the region\'s future.',
  },
  { name: 'Arabic quote styles', original: line5, repeat: line5.replace('“خفض التصعيد”', '«خفض التصعيد»') },
  {
    name: 'NBSP, ZWJ and soft hyphens',
    original: english,
    repeat: english.replace('Kazakh capital', 'Kazakh\u00a0capital').replace('political', 'poli\u00adtical').replace('refugees', 'refu\u200dgees'),
  },
  { name: 'spacing', original: english, repeat: english.replace(/ /g, '  ').replace(', ', ' , ') },
  { name: 'a dropped word', original: english, repeat: english.replace('closed ', '') },
  { name: 'an added word', original: english, repeat: english.replace('met in', 'reportedly met in') },
  { name: 'Arabic dropped word', original: line4, repeat: line4.replace('سياسيًا ', '') },
  { name: 'stripped Latin accents', original: french, repeat: french.normalize('NFD').replace(/[\u0300-\u036f]/g, '') },
  { name: 'Chinese with a changed character', original: chinese, repeat: chinese.replace('周二', '周三') },
  { name: 'Chinese with half-width punctuation', original: chinese, repeat: chinese.replace(/，/g, ',').replace('。', '.') },
  { name: 'Japanese with an added word', original: japanese, repeat: japanese.replace('会談し', '正式に会談し') },
  { name: 'Cyrillic with a dropped word', original: russian, repeat: russian.replace('политический ', '') },
  { name: 'Devanagari with a dropped word', original: hindi, repeat: hindi.replace('राजनीतिक ', '') },
  { name: 'Thai with a dropped word', original: thai, repeat: thai.replace('เพิ่มเติม', '') },
  { name: 'Thai with Thai digits and a space dropped', original: thai, repeat: thai.replace('12', '๑๒').replace('เฉียงเหนือ โดย', 'เฉียงเหนือโดย') },
];

/** Unrelated filler, so a pair is found among other paragraphs rather than alone. */
export const FILLER = [
  'Markets in the region closed higher on Thursday as investors weighed new data on inflation and factory output.',
  'أعلنت وزارة الصحة عن افتتاح ثلاثة مستشفيات جديدة في المحافظات الشمالية خلال الشهر المقبل.',
];
