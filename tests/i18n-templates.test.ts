import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../src/i18n-templates';

describe('compileTemplate', () => {
  it('fills $1…$9 in one pass: repeated, adjacent or out of order, numbers as text, a missing value as nothing', () => {
    expect(compileTemplate('Repeats paragraph $1: “$2”')([3, 'The talks'])).toBe('Repeats paragraph 3: “The talks”');
    expect(compileTemplate('$2$1 and $1 again')(['a', 'b'])).toBe('ba and a again');
    // A value that looks like a placeholder is shown as it is, never filled again.
    expect(compileTemplate('changed: $1')(['$1 $2'])).toBe('changed: $1 $2');
    expect(compileTemplate('$1 of $2')(['4'])).toBe('4 of ');
    expect(compileTemplate('No placeholders')(['x'])).toBe('No placeholders');
  });
});
