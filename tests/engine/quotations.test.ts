import { describe, expect, test } from 'vitest';
import { closingMarkOf, quotationFrom, quotationTo } from '../../src/engine/quotations';

/** The quotation that opens `text` at its first mark, if any. */
function quotedAt(text: string, mark: string): string | null {
  const at = text.indexOf(mark);
  const end = quotationFrom(text, at);
  return end < 0 ? null : text.slice(at + 1, end);
}

describe('quotationFrom', () => {
  test('reads to each script’s closing mark', () => {
    expect(quotedAt('“We will not give up the river,” the minister said.', '“')).toBe('We will not give up the river,');
    expect(quotedAt('„Wir geben den Fluss nicht auf“, sagte der Minister.', '„')).toBe('Wir geben den Fluss nicht auf');
    expect(quotedAt('„Nie oddamy rzeki”, powiedział minister.', '„')).toBe('Nie oddamy rzeki');
    expect(quotedAt('«Мы не отдадим реку», — сказал министр.', '«')).toBe('Мы не отдадим реку');
    expect(quotedAt('»Vi opgiver ikke floden«, sagde han.', '»')).toBe('Vi opgiver ikke floden');
    expect(quotedAt('«لن نتخلى عن النهر أبدا»، قال الوزير.', '«')).toBe('لن نتخلى عن النهر أبدا');
    expect(quotedAt('「川をあきらめることはない」と大臣は述べた。', '「')).toBe('川をあきらめることはない');
    expect(quotedAt('"We will not give up the river," he said.', '"')).toBe('We will not give up the river,');
  });

  test('a quotation ends at its first closing mark, even with one inside it', () => {
    expect(quotedAt('“He told me ‘never again’ and left the room,” she said.', '“')).toBe('He told me ‘never again’ and left the room,');
  });

  test('a closing mark farther than a few sentences away closes nothing, so unclosed marks cost no pass over the rest of the text each', () => {
    const long = `“${'We will not give up the river. '.repeat(100)}” he said.`;
    expect(quotationFrom(long, 0)).toBe(-1);
    const unclosed = '“We will not give up the river. '.repeat(2000);
    for (let at = 0; at < unclosed.length; at += 32) expect(quotationFrom(unclosed, at)).toBe(-1);
  });

  test('no mark, an unclosed one, a short quoted term or a whole paragraph in quotes gives none', () => {
    expect(quotationFrom('We will not give up the river, he said.', 0)).toBe(-1);
    expect(quotedAt('“We will never, he began, and then stopped.', '“')).toBeNull();
    expect(quotedAt('“Deal” was the word of the day.', '“')).toBeNull();
    expect(quotedAt('«Мы не отдадим реку никому и никогда».', '«')).toBeNull();
    expect(quotedAt(' — «Мы не отдадим реку никому и никогда»! ', '«')).toBeNull();
  });
});

/** The quotation that closes the sentence from `start` to `end` of `text` (all of it by default), read back from its closing mark, if any. */
function quotedBefore(text: string, start = 0, end = text.length): string | null {
  const close = closingMarkOf(text, start, end);
  const open = close < 0 ? -1 : quotationTo(text, close, 0);
  return open < 0 ? null : text.slice(open + 1, close);
}

describe('closingMarkOf, read back by quotationTo', () => {
  test('reads back from the mark that closes a sentence to the one that opens its quotation', () => {
    expect(quotedBefore('The minister said: “We will not give up the river.”')).toBe('We will not give up the river.');
    expect(quotedBefore('وقال الوزير: «لن نتخلى عن النهر أبدا».')).toBe('لن نتخلى عن النهر أبدا');
    expect(quotedBefore('Министр сказал: «Мы не отдадим реку».')).toBe('Мы не отдадим реку');
    expect(quotedBefore('He said: "We will not give up the river."')).toBe('We will not give up the river.');
    expect(quotedBefore('部长说：“我们不会放弃这条河流。”')).toBe('我们不会放弃这条河流。');
  });

  test('in Chinese and Japanese, who spoke may follow the quotation before the sentence ends', () => {
    expect(quotedBefore('大臣は「川をあきらめることはない」と述べた。')).toBe('川をあきらめることはない');
    expect(quotedBefore('大臣は「川をあきらめることはない」と記者団に語った。')).toBe('川をあきらめることはない');
    expect(quotedBefore('部长表示，“我们不会放弃这条河流”，并呼吁各方合作。')).toBe('我们不会放弃这条河流');
    // Farther from the sentence's end, the quotation is inside the sentence.
    expect(quotedBefore('大臣は「川をあきらめることはない」と述べ、会場を後にして首都へ向かった。')).toBeNull();
  });

  test('elsewhere, a quotation that closes a few words before its sentence does is inside it, and not read', () => {
    expect(quotedBefore('The minister said “we will not give up the river” on Friday.')).toBeNull();
  });

  test('a German quotation closed by “ after the full stop, which starts the next sentence, is read too', () => {
    const text = 'Der Minister sagte: „Wir geben den Fluss nicht auf.“ Dann ging er.';
    expect(quotedBefore(text, 0, text.indexOf('.') + 1)).toBe('Wir geben den Fluss nicht auf.');
  });

  test('passes over a quotation inside the quotation to its own opening mark', () => {
    expect(quotedBefore('She said: “He told me ‘never again’ and left the room.”')).toBe('He told me ‘never again’ and left the room.');
  });

  test('an apostrophe, a sentence ending in a letter, or a short quoted term closes no quotation', () => {
    expect(quotedBefore('The plan was drawn up without asking the students’.')).toBeNull();
    expect(quotedBefore('The plan was drawn up without asking the students.')).toBeNull();
    expect(quotedBefore('The plan was drawn up by “the few”.')).toBeNull();
  });

  test('a mark with a letter right after it opens a quotation, glued to the sentence before, and closes none', () => {
    const text = 'He called it "a river we share" and left."We will not give up the river," she said.';
    expect(quotedBefore(text, 0, text.indexOf('left.') + 5)).toBeNull();
  });
});

describe('quotationTo', () => {
  test('looks back no farther than `from`, nor past a few sentences', () => {
    const text = 'He said: “We will not give up the river.”';
    const close = text.length - 1;
    expect(quotationTo(text, close, 0)).toBe(text.indexOf('“'));
    expect(quotationTo(text, close, text.indexOf('“') + 1)).toBe(-1);
    const far = `“${'We will not give up the river. '.repeat(100)}”`;
    expect(quotationTo(far, far.length - 1, 0)).toBe(-1);
  });
});
