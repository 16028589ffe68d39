// Reading one input of `npm run scan`: a file or stdin, checked and decoded, or a one-line reason why not.
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { latin1 } from './latin1';
import { MHTML_EXTENSIONS, archivedPage, isMhtml } from './mhtml';

/**
 * The largest input scanned: 32 MiB. Real article pages are well under 5 MiB; past this, parsing
 * the page with linkedom takes seconds and gigabytes, so the file is refused before it is read.
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Bytes sniffed to tell a binary file from text. */
const SNIFF_BYTES = 64 * 1024;

/** Share of control characters (other than tab, newlines, form feed) above which bytes are binary. */
const BINARY_CONTROL_SHARE = 0.05;

/** Bytes of an HTML file searched for a `<meta charset>` declaration (the HTML prescan reads 1,024). */
const CHARSET_PRESCAN_BYTES = 4096;

export type InputKind = 'html' | 'text';

export interface Input {
  kind: InputKind;
  content: string;
}

/** Why an input cannot be scanned: printed as `scan: FILE: message`. */
export class InputError extends Error {}

const MIB = 1024 * 1024;

function tooLarge(size: number | null): InputError {
  const what = size === null ? `more than ${MAX_INPUT_BYTES / MIB} MiB` : `${(size / MIB).toFixed(1)} MiB`;
  return new InputError(`too large (${what}; the limit is ${MAX_INPUT_BYTES / MIB} MiB)`);
}

function fsReason(error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new InputError('no such file');
    case 'ENOTDIR':
      return new InputError('no such file (a parent is not a directory)');
    case 'EACCES':
    case 'EPERM':
      return new InputError('permission denied');
    case 'EISDIR':
      return new InputError('is a directory');
    case 'ELOOP':
      return new InputError('too many levels of symbolic links');
    case 'ENAMETOOLONG':
      return new InputError('file name too long');
    default:
      return new InputError(`cannot read it (${code ?? (error as Error).message})`);
  }
}

/** Reads a stream to the end, refusing it as soon as it passes the size limit. */
async function readBounded(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) {
      stream.destroy();
      throw tooLarge(null);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The bytes of `path` (`-`: standard input), after checking it is a readable file of a sane size. */
export async function readBytes(path: string, stdin: Readable): Promise<Buffer> {
  if (path === '-') return readBounded(stdin);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new InputError('is a directory');
    if (info.isFile()) {
      if (info.size > MAX_INPUT_BYTES) throw tooLarge(info.size);
      return await readFile(path);
    }
    // Pipes and devices (`<(cmd)`, /dev/stdin) have no size up front.
    return await readBounded(createReadStream(path));
  } catch (error) {
    throw error instanceof InputError ? error : fsReason(error);
  }
}

/** A subdirectory that could not be listed, and why: the rest of the walk goes on. */
export type Unreadable = (path: string, reason: InputError) => void;

/** Adds the pages and text files under `dir` to `found`, passing over hidden entries and symbolic links. */
async function collectInputs(dir: string, found: string[], unreadable: Unreadable): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      await collectInputs(path, found, unreadable).catch((error: unknown) => unreadable(path, fsReason(error)));
    } else if (entry.isFile() && hasExtension(withoutGzip(entry.name), INPUT_EXTENSIONS)) found.push(path);
  }
}

/**
 * The inputs an argument names: itself, or for a directory the pages and text files in it and in
 * its subdirectories, in path order; a subdirectory that cannot be listed is told to `unreadable`.
 * A path that cannot be read is left to `readBytes` to explain.
 */
export async function inputsOf(path: string, unreadable: Unreadable): Promise<string[]> {
  if (path === '-') return [path];
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) return [path];
  const found: string[] = [];
  let listed = true;
  try {
    await collectInputs(path, found, (dir, reason) => {
      listed = false;
      unreadable(dir, reason);
    });
  } catch (error) {
    throw fsReason(error);
  }
  // With a subdirectory unread, its pages may be there: what could not be read has been said.
  if (found.length === 0 && !listed) return [];
  if (found.length === 0) throw new InputError(`a directory with no pages or text files (${INPUT_EXTENSIONS.join(' ')})`);
  return found.sort();
}

/** The encoding a byte-order mark declares, if the bytes start with one. */
function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** NUL bytes or many control characters: an image, archive or executable, not a page. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if ((b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 127) controls++;
  }
  return controls > n * BINARY_CONTROL_SHARE;
}

function hasExtension(name: string, extensions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return extensions.some((ext) => lower.endsWith(ext));
}

const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml', '.shtml'];
const TEXT_EXTENSIONS = ['.txt', '.text'];
/** What a directory given as an argument is searched for. */
const INPUT_EXTENSIONS = [...HTML_EXTENSIONS, ...MHTML_EXTENSIONS, ...TEXT_EXTENSIONS];

/** Markup starts with a tag (or doctype or comment) after any leading whitespace. */
function startsWithMarkup(text: string): boolean {
  return /^[\s\uFEFF]*</.test(text);
}

/** The canonical name of a charset label, or null when the runtime knows no such encoding. */
function encodingNamed(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

const META_TAG = /<meta(?=[\s/>])([^>]*)>?/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The encoding a declared label names, x-user-defined read as windows-1252 as browsers then show the page; null for a label no encoding answers to. */
function prescanEncoding(label: string | undefined): string | null {
  if (!label) return null;
  return label.toLowerCase() === 'x-user-defined' ? 'windows-1252' : encodingNamed(label);
}

/**
 * The encoding of the first charset a `<meta>` declares, as the HTML prescan reads them: outside
 * comments, from a `charset` attribute, or from a `content` one only beside `http-equiv="content-type"`.
 * A label no encoding answers to is passed over, as browsers go on to the next declaration.
 */
function metaEncoding(head: string): string | null {
  // `<!-->` and `<!--->` close themselves, as the prescan reads them.
  const text = head.replace(/<!--(?:-?>|[\s\S]*?(?:-->|$))/g, '');
  for (const [, inside] of text.matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const [, name, ...values] of inside.matchAll(ATTRIBUTE)) {
      const key = name.toLowerCase();
      if (!attributes.has(key)) attributes.set(key, values.find((value) => value !== undefined) ?? '');
    }
    const charset = prescanEncoding(attributes.get('charset')?.trim());
    if (charset) return charset;
    if (attributes.get('http-equiv')?.trim().toLowerCase() !== 'content-type') continue;
    const fromContent = prescanEncoding(/charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(attributes.get('content') ?? '')?.[1]);
    if (fromContent) return fromContent;
  }
  return null;
}

/**
 * The charset an HTML page declares in a `<meta>` near its start, per the HTML prescan; failing
 * that, in an XML declaration, which an XHTML page saved from the browser may carry alone.
 */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes, CHARSET_PRESCAN_BYTES);
  const encoding = metaEncoding(head) ?? prescanEncoding(/^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head)?.[1]);
  // A page that reached us as bytes and says UTF-16 without a BOM is really ASCII-compatible (HTML spec).
  return encoding?.startsWith('utf-16') ? 'utf-8' : encoding;
}

/**
 * What windows-1252 (and the labels latin1 and iso-8859-1, which the Encoding Standard maps to it)
 * has at bytes 0x80–0x9F, where it differs from Latin-1: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – —
 * ˜ ™ š › œ ž Ÿ, and five C1 controls it leaves as they are.
 */
const WINDOWS_1252_C1 =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

/**
 * Node 20's TextDecoder reads windows-1252 as Latin-1 (nodejs/node#60888): a legacy Western page's
 * curly quotes, dashes and € came out as invisible C1 controls. Every byte is a character, so this
 * never fails.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return latin1(bytes).replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]);
}

/** Where an input's encoding came from, which says what to do when its bytes do not fit. */
type EncodingSource = 'declared' | 'option' | 'default';

const DECODE_HINTS: Record<EncodingSource, string> = {
  declared: 'its declared charset is wrong',
  option: 'it is not in the encoding --encoding names',
  default: 'save it as UTF-8, declare its charset, or name it with --encoding',
};

function decode(bytes: Uint8Array, encoding: string, source: EncodingSource = 'declared'): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`cannot decode it as ${encoding.toUpperCase()}: invalid byte sequence (${DECODE_HINTS[source]})`);
  }
}

/** What text is made of: letters, marks, digits, and what parts their words and sentences. */
const WORD_UNIT = /[\p{L}\p{M}\p{N}]/u;
const PARTING_UNIT = /[\p{P}\p{Zs}\t\n\r]/u;

/** Whether nearly all of `text`'s characters are what text is made of, its words parted now and then (in every script, by punctuation at least). */
function readsAsText(text: string): boolean {
  let words = 0;
  let partings = 0;
  let units = 0;
  for (const char of text) {
    units++;
    if (WORD_UNIT.test(char)) words++;
    else if (PARTING_UNIT.test(char)) partings++;
  }
  return units > 0 && words + partings >= units * 0.9 && partings >= units / 100;
}

/** How many different high bytes `text`'s code units have: text keeps to a script or two, each a block of code points. */
function blocksUsed(text: string): number {
  const seen = new Set<number>();
  for (let i = 0; i < text.length; i++) seen.add(text.charCodeAt(i) >> 8);
  return seen.size;
}

/**
 * UTF-16 without a byte-order mark, which browsers do not read either: its byte order, or null.
 * Read in its own order, such text keeps to the blocks of a script or two, whatever the script; read
 * in the other, or as binary data, it scatters over many, or fails to decode.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1);
  // Text as it is, with a stray NUL: not UTF-16, whatever its pairs of letters would decode to.
  if (readsAsText(utf8OrEmpty(sample))) return null;
  let best: 'utf-16le' | 'utf-16be' | null = null;
  let fewest = Infinity;
  for (const order of ['utf-16le', 'utf-16be'] as const) {
    let text: string;
    try {
      text = new TextDecoder(order, { fatal: true }).decode(sample);
    } catch {
      continue;
    }
    const blocks = blocksUsed(text);
    if (readsAsText(text) && blocks < fewest) {
      best = order;
      fewest = blocks;
    }
  }
  return best;
}

/** The bytes as UTF-8 (a character cut short at the end of the sample aside), or '' when they are not. */
function utf8OrEmpty(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return '';
  }
}

function binaryFile(bytes: Uint8Array): InputError {
  const order = bomlessUtf16(bytes);
  return new InputError(
    order ? `UTF-16 text without a byte-order mark (read it with --encoding ${order}, or save it as UTF-8)` : 'binary file, not text or HTML',
  );
}

/** `page.html` for `page.html.gz`: what the file is once decompressed. */
function withoutGzip(name: string): string {
  return name.replace(/\.gz$/i, '');
}

/** A gzip stream (as crawlers may store a page), decompressed within the size limit. */
function gunzip(bytes: Uint8Array): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_INPUT_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(`too large once decompressed (the limit is ${MAX_INPUT_BYTES / MIB} MiB)`);
    }
    throw new InputError(`cannot decompress it: ${(error as Error).message}`);
  }
}

/** The page a single-file archive (MHTML) holds, decoded as its part or its own `<meta charset>` says. */
function decodeArchivedPage(bytes: Uint8Array, fallback: string | undefined): Input {
  const page = archivedPage(bytes);
  if (!page) throw new InputError('a single-file web archive (MHTML) with no HTML page in it');
  const declared = page.charset === null ? null : encodingNamed(page.charset);
  return declared ? { kind: 'html', content: decode(page.bytes, declared) } : decodeInput(page.bytes, 'page.html', fallback);
}

/**
 * Turns raw bytes into text and decides how to read it, once a gzip stream is decompressed:
 * `.html`/`.htm` (or content starting with a tag) is HTML, an MHTML archive the page it holds,
 * anything else one paragraph per line. A BOM, an HTML `<meta charset>` or an XML declaration
 * chooses the encoding; otherwise `fallback` (the `--encoding` option) does, or it must be UTF-8.
 */
export function decodeInput(bytes: Uint8Array, name: string, fallback?: string): Input {
  if (bytes.length === 0) throw new InputError('empty file');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return decodeInput(gunzip(bytes), withoutGzip(name), fallback);
  const head = latin1(bytes, 1024);
  if (hasExtension(name, MHTML_EXTENSIONS) || isMhtml(head)) return decodeArchivedPage(bytes, fallback);
  const bom = bomEncoding(bytes);
  // UTF-16 cannot declare itself in ASCII: an --encoding of UTF-16 stands in for its byte-order mark.
  const wideOption = bom === null && fallback?.startsWith('utf-16') === true;
  const wide = wideOption || (bom !== null && bom.startsWith('utf-16'));
  // UTF-16 text is full of NUL bytes: judge it after decoding instead.
  if (!wide && looksBinary(bytes)) throw binaryFile(bytes);
  const named = hasExtension(name, HTML_EXTENSIONS) ? 'html' : hasExtension(name, TEXT_EXTENSIONS) ? 'text' : null;
  const mayBeHtml = named === 'html' || (named === null && !wide && startsWithMarkup(head));
  const declared = bom ?? (mayBeHtml && !wideOption ? declaredCharset(bytes) : null);
  const content = declared
    ? decode(bytes, declared)
    : fallback
      ? decode(bytes, fallback, 'option')
      : decode(bytes, 'utf-8', 'default');
  if (wide && content.includes('\u0000')) throw new InputError('binary file, not text or HTML');
  return { kind: named ?? (startsWithMarkup(content) ? 'html' : 'text'), content };
}
