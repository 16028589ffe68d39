import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args';

describe('parseArgs', () => {
  it('reads flags in either form, and files in order', () => {
    expect(parseArgs(['--json', '--strictness', 'loose', '--min-chars=12', 'a.html', '-', 'b.txt'])).toEqual({
      json: true,
      help: false,
      strictness: 'loose',
      minChars: 12,
      files: ['a.html', '-', 'b.txt'],
    });
    expect(parseArgs(['--strictness=exact', '--min-chars', '0'])).toMatchObject({ strictness: 'exact', minChars: 0, files: [] });
  });

  it('takes --encoding as the name browsers give the encoding', () => {
    expect(parseArgs(['--encoding', 'cp1251', 'a.html']).encoding).toBe('windows-1251');
    expect(parseArgs(['--encoding=Shift_JIS']).encoding).toBe('shift_jis');
    expect(parseArgs(['--encoding=latin1']).encoding).toBe('windows-1252');
  });

  it('takes everything after -- as a file, even names that look like flags', () => {
    expect(parseArgs(['--', '--json', '-x.txt']).files).toEqual(['--json', '-x.txt']);
  });

  it.each([
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['-x'], "unknown option '-x'"],
    [['--strictness', 'fuzzy'], '--strictness must be one of exact, near, loose'],
    [['--strictness'], '--strictness needs a value'],
    [['--min-chars', '-3'], '--min-chars must be a whole number'],
    [['--min-chars', '2.5'], '--min-chars must be a whole number'],
    [['--min-chars', '99999999'], '--min-chars must be a whole number'],
    [['--json=yes'], '--json takes no value'],
    [['--encoding', 'klingon'], "--encoding must name an encoding browsers know (such as windows-1251, shift_jis, gbk), not 'klingon'"],
    [['--encoding'], '--encoding needs a value'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
