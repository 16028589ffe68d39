import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/cli/input';
import { paragraphsOf, parseInput } from '../../src/cli/paragraphs';

const BOUNDARY = '----MultipartBoundary--Xy12Ab34Cd56Ef78Gh90----';

/** An archive laid out as Chrome's "Webpage, Single File" writes it: folded headers, CRLF lines, the page first. */
function archive(...parts: string[]): Uint8Array {
  const head = [
    'From: <Saved by Blink>',
    'Snapshot-Content-Location: https://news.example/story',
    'Subject: =?utf-8?Q?Caf=C3=A9_prices?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${BOUNDARY}"`,
    '',
    '',
  ];
  const body = parts.map((part) => `--${BOUNDARY}\r\n${part}\r\n`).join('');
  return Buffer.from(`${head.join('\r\n')}${body}--${BOUNDARY}--\r\n`, 'latin1');
}

const STYLE_PART = [
  'Content-Type: text/css',
  'Content-Transfer-Encoding: quoted-printable',
  'Content-Location: https://news.example/a.css',
  '',
  'p { color: red; }',
].join('\r\n');

const texts = (bytes: Uint8Array, name: string) => paragraphsOf(parseInput(decodeInput(bytes, name))).map((p) => p.text);

describe('a page saved as one file (MHTML)', () => {
  it('reads the page out of its quoted-printable part: soft line breaks, =3D and UTF-8 bytes', () => {
    const page = [
      'Content-Type: text/html',
      'Content-ID: <frame-1F2E3D@mhtml.blink>',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Location: https://news.example/story',
      '',
      '<!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; charset=3DUTF-8"></he=',
      'ad><body><p>Caf=C3=A9 owners say the new rules will =E2=80=9Churt=E2=80=9D small shops across the ci=',
      'ty.</p><p>Second paragraph.</p></body></html>',
    ].join('\r\n');
    const bytes = archive(page, STYLE_PART);
    expect(texts(bytes, 'story.mhtml')).toEqual([
      'Café owners say the new rules will “hurt” small shops across the city.',
      'Second paragraph.',
    ]);
    // Known by its headers too, whatever the file is called.
    expect(texts(bytes, 'download')).toEqual(texts(bytes, 'story.mhtml'));
  });

  it('reads a base64 part in the charset the part declares', () => {
    // "السلام عليكم" in windows-1256.
    const arabic = Buffer.from([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3, 0x20, 0xda, 0xe1, 0xed, 0xdf, 0xe3]);
    const html = Buffer.concat([Buffer.from('<p>'), arabic, Buffer.from('</p>')]);
    const page = ['Content-Type: text/html; charset=windows-1256', 'Content-Transfer-Encoding: base64', '', html.toString('base64')].join('\r\n');
    expect(texts(archive(STYLE_PART, page), 'old.mht')).toEqual(['السلام عليكم']);
  });

  it('says so when the archive holds no page', () => {
    const reason = 'a single-file web archive (MHTML) with no HTML page in it';
    expect(() => decodeInput(archive(STYLE_PART), 'styles.mhtml')).toThrow(reason);
    expect(() => decodeInput(Buffer.from('not an archive at all'), 'broken.mht')).toThrow(reason);
  });
});
