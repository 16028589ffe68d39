import { domainToASCII, domainToUnicode } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readableHost } from '../../src/ui/readable-host';

describe('readableHost', () => {
  test('writes punycode labels in Unicode, as Node decodes them, and leaves the rest as they are', () => {
    const names = ['bücher.de', 'президент.рф', '中国.cn', 'مثال.إختبار', 'ไทยรัฐ.com', 'ελληνικά.gr', '日本語.jp', 'faß.de', 'www.münchen.de', '💩.la', 'news.example.com', '127.0.0.1'];
    for (const name of names) {
      const ascii = domainToASCII(name);
      expect(readableHost(ascii), ascii).toBe(domainToUnicode(ascii));
    }
    expect(readableHost('xn--bcher-kva.de')).toBe('bücher.de');
  });

  test('keeps a label that is not valid punycode', () => {
    for (const host of ['xn--.com', 'xn--zzzzzzzzzzzzzzzzzzzzzzzz.com', 'xn--99999999.example', 'xn--a_b.example', 'xn--ü.example']) {
      expect(readableHost(host)).toBe(host);
    }
  });
});
