import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, MAX_INPUT_BYTES, decodeInput, readBytes } from '../../src/cli/input';

const utf8 = (text: string) => new TextEncoder().encode(text);

function reason(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('decodeInput', () => {
  it('reads .txt as text and .html/.htm as HTML, whatever they start with', () => {
    expect(decodeInput(utf8('<p>not markup here</p>'), 'notes.txt').kind).toBe('text');
    expect(decodeInput(utf8('just words'), 'page.HTM').kind).toBe('html');
  });

  it('sniffs HTML when the name does not say', () => {
    expect(decodeInput(utf8('\n  <!DOCTYPE html><p>x</p>'), '-').kind).toBe('html');
    expect(decodeInput(utf8('first line\nsecond line'), 'README').kind).toBe('text');
  });

  it('honours a byte-order mark: UTF-8 and UTF-16', () => {
    const text = 'قال الوزير';
    expect(decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'a.txt').content).toBe(text);
    const utf16le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(decodeInput(utf16le, 'a.txt').content).toBe(text);
  });

  it('honours the charset an HTML page declares', () => {
    // "السلام" in windows-1256, the charset of many older Arabic sites.
    const arabic = [0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3];
    const page = (meta: string) =>
      new Uint8Array([...utf8(`<html><head>${meta}</head><body><p>`), ...arabic, ...utf8('</p></body></html>')]);
    expect(decodeInput(page('<meta charset="windows-1256">'), 'old.html').content).toContain('<p>السلام</p>');
    expect(
      decodeInput(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'), 'old.html').content,
    ).toContain('<p>السلام</p>');
  });

  it('reads the declaration as browsers prescan it: not inside a comment, nor from a content attribute alone', () => {
    const arabic = [0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3];
    const page = (metas: string) => new Uint8Array([...utf8(`<html><head>${metas}</head><body><p>`), ...arabic, ...utf8('</p></body></html>')]);
    expect(decodeInput(page('<!-- <meta charset="iso-8859-5"> --><meta charset="windows-1256">'), 'old.html').content).toContain('<p>السلام</p>');
    expect(decodeInput(page('<meta name="x" content="charset=utf-8"><meta charset="windows-1256">'), 'old.html').content).toContain('<p>السلام</p>');
    expect(decodeInput(page("<meta content='text/html; charset=windows-1256' http-equiv=content-type>"), 'old.html').content).toContain('<p>السلام</p>');
    expect(decodeInput(page('<meta charset="bogus"><meta charset="windows-1256">'), 'old.html').content).toContain('<p>السلام</p>');
    expect(decodeInput(page('<!--><meta charset="windows-1256"><!-- x -->'), 'old.html').content).toContain('<p>السلام</p>');
    // x-user-defined is read as windows-1252, as browsers show such a page.
    expect(decodeInput(new Uint8Array([...utf8('<meta charset="x-user-defined"><p>'), 0x93, 0x61, 0x94, ...utf8('</p>')]), 'old.html').content).toContain('<p>“a”</p>');
  });

  it('takes an XHTML page’s charset from its XML declaration when no <meta> gives one', () => {
    const page = (declaration: string, meta = '') =>
      new Uint8Array([...utf8(`${declaration}<html xmlns="http://www.w3.org/1999/xhtml"><head>${meta}</head><body><p>`), 0x63, 0x61, 0x66, 0xe9, ...utf8('</p></body></html>')]);
    expect(decodeInput(page('<?xml version="1.0" encoding="ISO-8859-1"?>'), 'old.xhtml').content).toContain('<p>café</p>');
    // A <meta> says more: the XML declaration of a page served as HTML is ignored by browsers.
    expect(reason(() => decodeInput(page("<?xml version='1.0' encoding='ISO-8859-1'?>", '<meta charset="utf-8">'), 'old.xhtml'))).toBe(
      'cannot decode it as UTF-8: invalid byte sequence (its declared charset is wrong)',
    );
  });

  it('reads a windows-1252 page as browsers do: quotes, dashes and € where Latin-1 has controls', () => {
    // "Café “prices” rise – €5…", as a legacy Western European page stores it.
    const text = [0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x70, 0x72, 0x69, 0x63, 0x65, 0x73, 0x94, 0x20, 0x72, 0x69, 0x73, 0x65, 0x20, 0x96, 0x20, 0x80, 0x35, 0x85];
    for (const label of ['windows-1252', 'iso-8859-1', 'latin1']) {
      const page = new Uint8Array([...utf8(`<meta charset="${label}"><p>`), ...text, 0x81, ...utf8('</p>')]);
      expect(decodeInput(page, 'old.html').content).toBe(`<meta charset="${label}"><p>Café “prices” rise – €5…\u0081</p>`);
    }
  });

  it('decompresses a gzipped page or text, within the size limit', () => {
    const page = '<html><head><meta charset="windows-1256"></head><body><p>Page</p></body></html>';
    expect(decodeInput(gzipSync(page), 'saved.html.gz')).toEqual({ kind: 'html', content: page });
    expect(decodeInput(gzipSync('one line\nanother line\n'), 'notes.txt.gz')).toEqual({ kind: 'text', content: 'one line\nanother line\n' });
    expect(reason(() => decodeInput(gzipSync(Buffer.alloc(MAX_INPUT_BYTES + 1, 0x61)), 'bomb.gz'))).toBe('too large once decompressed (the limit is 32 MiB)');
    expect(reason(() => decodeInput(gzipSync(page).subarray(0, 30), 'cut.html.gz'))).toBe('cannot decompress it: unexpected end of file');
  });

  it('refuses bytes that are not valid in their encoding', () => {
    expect(reason(() => decodeInput(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'latin1.txt'))).toBe(
      'cannot decode it as UTF-8: invalid byte sequence (save it as UTF-8, declare its charset, or name it with --encoding)',
    );
  });

  it('reads an input that declares no charset in the --encoding given, where a BOM or a declaration still wins', () => {
    // "Привет, мир" in windows-1251, as an old Russian site saved it without a <meta charset>.
    const cp1251 = [0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x2c, 0x20, 0xec, 0xe8, 0xf0];
    const page = (meta: string) => new Uint8Array([...utf8(`<html><head>${meta}</head><body><p>`), ...cp1251, ...utf8('</p></body></html>')]);
    expect(decodeInput(page(''), 'old.html', 'windows-1251').content).toContain('<p>Привет, мир</p>');
    expect(decodeInput(new Uint8Array(cp1251), 'old.txt', 'windows-1251').content).toBe('Привет, мир');
    expect(decodeInput(gzipSync(new Uint8Array(cp1251)), 'old.txt.gz', 'windows-1251').content).toBe('Привет, мир');
    // The page's own declaration is about the page: it wins over the option.
    expect(decodeInput(page('<meta charset="koi8-r">'), 'old.html', 'windows-1251').content).toContain('<p>оПХБЕР, ЛХП</p>');
    expect(decodeInput(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('мир')]), 'a.txt', 'windows-1251').content).toBe('мир');
    expect(reason(() => decodeInput(new Uint8Array([0x81, 0x20]), 'a.txt', 'shift_jis'))).toBe(
      'cannot decode it as SHIFT_JIS: invalid byte sequence (it is not in the encoding --encoding names)',
    );
  });

  it('names UTF-16 without a byte-order mark, and reads it when --encoding gives its byte order', () => {
    const text = '<p>Harbour news, in UTF-16 with no mark</p>';
    expect(reason(() => decodeInput(Buffer.from(text, 'utf16le'), 'page.html'))).toBe(
      'UTF-16 text without a byte-order mark (read it with --encoding utf-16le, or save it as UTF-8)',
    );
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(reason(() => decodeInput(be, 'page.html'))).toMatch(/--encoding utf-16be/);
    expect(decodeInput(be, 'page', 'utf-16be')).toEqual({ kind: 'html', content: text });
    expect(decodeInput(Buffer.from(text, 'utf16le'), 'page.html', 'utf-16le').content).toBe(text);
  });

  it('names UTF-16 without a byte-order mark, and its byte order, in any script', () => {
    const texts = ['وعبر هذا المسار، توصلت الدول المشاركة إلى اتفاق.', 'Москва объявила о новых мерах в понедельник.', '东京的天气今天很好，大家都出门了。'];
    for (const text of texts) {
      const le = Buffer.from(`${text}\n`.repeat(4), 'utf16le');
      expect(reason(() => decodeInput(le, 'notes.txt')), text).toMatch(/without a byte-order mark \(read it with --encoding utf-16le/);
      expect(reason(() => decodeInput(Buffer.from(le).swap16(), 'notes.txt')), text).toMatch(/without a byte-order mark \(read it with --encoding utf-16be/);
    }
  });

  it('refuses binary files and empty ones', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(reason(() => decodeInput(png, 'image.html'))).toBe('binary file, not text or HTML');
    const controls = new Uint8Array(200).map((_, i) => (i % 4 === 0 ? 0x01 : 0x41));
    expect(reason(() => decodeInput(controls, 'data.txt'))).toBe('binary file, not text or HTML');
    // UTF-8 text with a stray NUL is not UTF-16, whatever its pairs of letters decode to.
    const strayNul = utf8(`${'Hello world, this is text. '.repeat(50)}\u0000`);
    expect(reason(() => decodeInput(strayNul, 'notes.txt'))).toBe('binary file, not text or HTML');
    expect(reason(() => decodeInput(new Uint8Array(0), 'empty.txt'))).toBe('empty file');
  });
});

describe('readBytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paradedup-input-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const none = Readable.from([]);

  async function failure(path: string, stdin: Readable = none): Promise<string> {
    const error = await readBytes(path, stdin).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }

  it('reads a file and standard input', async () => {
    writeFileSync(join(dir, 'a.txt'), 'hello');
    expect((await readBytes(join(dir, 'a.txt'), none)).toString()).toBe('hello');
    expect((await readBytes('-', Readable.from([Buffer.from('from '), Buffer.from('stdin')]))).toString()).toBe('from stdin');
  });

  it('names what is wrong with a path', async () => {
    expect(await failure(join(dir, 'missing.html'))).toBe('no such file');
    expect(await failure(dir)).toBe('is a directory');
  });

  it('refuses an oversized file from its size alone, and oversized stdin as soon as it passes the limit', async () => {
    const huge = join(dir, 'huge.html');
    writeFileSync(huge, '');
    truncateSync(huge, 50 * 1024 * 1024);
    expect(await failure(huge)).toBe('too large (50.0 MiB; the limit is 32 MiB)');
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    const endless = Readable.from((function* () {
      for (let i = 0; i <= MAX_INPUT_BYTES / chunk.length; i++) yield chunk;
    })());
    expect(await failure('-', endless)).toBe('too large (more than 32 MiB; the limit is 32 MiB)');
  });
});
