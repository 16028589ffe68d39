import { describe, expect, it } from 'vitest';
import { displayWidth, isolate, painter, printable, truncate, wantsColour } from '../../src/cli/terminal';

describe('isolate', () => {
  it('wraps text in first-strong isolate … pop directional isolate', () => {
    expect(isolate('مرحبا')).toBe('\u2068مرحبا\u2069');
  });

  it('drops terminal escapes, newlines and bidi controls that could escape the isolate', () => {
    expect(isolate('a\u001b[31mb\nc\u2069d\u202ee')).toBe('\u2068a[31mbcde\u2069');
  });
});

describe('printable', () => {
  it('writes control and bidi characters as escapes, and leaves the rest', () => {
    expect(printable('e\u001b[31mred\nline\u202e.txt')).toBe('e\\u001b[31mred\\u000aline\\u202e.txt');
    expect(printable('a\u200fb\u061cc\u2028d\u2029e')).toBe('a\\u200fb\\u061cc\\u2028d\\u2029e');
    expect(printable('تقرير 2026.html')).toBe('تقرير 2026.html');
  });
});

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('cuts to the column budget, ellipsis included', () => {
    const cut = truncate('The quick brown fox jumps', 10);
    expect(cut).toBe('The quick…');
    expect(displayWidth(cut)).toBeLessThanOrEqual(10);
  });

  it('counts Arabic diacritics as zero width and never separates them from their letter', () => {
    const text = 'عُقِدَتْ أحدث جولة';
    const cut = truncate(text, 5);
    expect(cut).toBe('عُقِدَتْ…');
    expect(displayWidth(cut)).toBe(5);
  });

  it('never splits an emoji sequence: a skin tone or a family stays whole, or goes', () => {
    expect(truncate('Family day 👨‍👩‍👧 at the park', 14)).toBe('Family day…');
    expect(truncate('Thanks 🙏🏽 to all of you', 10)).toBe('Thanks…');
  });

  it('counts CJK as two columns and never splits a surrogate pair', () => {
    expect(truncate('会议持续到深夜', 7)).toBe('会议持…');
    const cut = truncate('😀😀😀😀', 5);
    expect(cut).toBe('😀😀…');
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe('colour', () => {
  it('is on only for a terminal without NO_COLOR', () => {
    expect(wantsColour(true, {})).toBe(true);
    expect(wantsColour(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(false, {})).toBe(false);
    expect(wantsColour(undefined, {})).toBe(false);
  });

  it('paints with ANSI codes only when enabled', () => {
    expect(painter(true)('yellow', 'x')).toBe('\u001b[33mx\u001b[0m');
    expect(painter(false)('yellow', 'x')).toBe('x');
  });
});
