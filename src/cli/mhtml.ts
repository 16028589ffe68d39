// Pages saved as one file: MHTML, what Chrome and Edge write for "Webpage, Single File" (.mhtml,
// .mht). A MIME multipart archive whose first HTML part is the page, usually quoted-printable, with
// its images and style sheets in the parts after it.
import { latin1 } from './latin1';

export const MHTML_EXTENSIONS = ['.mhtml', '.mht'];

/** A blank line: where a MIME entity's headers end. */
const HEADERS_END = /\r?\n\r?\n/;

/** A MIME entity's headers, names lower-cased, folded lines joined. */
function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** A parameter of a header value, such as the boundary of `multipart/related; boundary="…"`. */
function parameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : null;
}

/** Splits an entity (as Latin-1, one character a byte) into its headers and its body. */
function splitEntity(entity: string): { headers: Map<string, string>; body: string } | null {
  const end = HEADERS_END.exec(entity);
  if (!end) return null;
  return { headers: parseHeaders(entity.slice(0, end.index)), body: entity.slice(end.index + end[0].length) };
}

/** Quoted-printable to bytes: soft line breaks joined, `=XX` made the byte it names. */
function decodeQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const unescaped = joined.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(unescaped, 'latin1');
}

/** Whether the file's first bytes (as Latin-1) are the headers of an MHTML archive. */
export function isMhtml(head: string): boolean {
  const headers = splitEntity(head)?.headers ?? parseHeaders(head);
  return headers.has('mime-version') && /^multipart\/related\b/i.test(headers.get('content-type') ?? '');
}

export interface ArchivedPage {
  bytes: Buffer;
  /** The charset its part declares, if any; otherwise the page's own `<meta charset>` decides. */
  charset: string | null;
}

/** The page an MHTML archive holds: its first text/html part, out of its transfer encoding; null if none. */
export function archivedPage(bytes: Uint8Array): ArchivedPage | null {
  const archive = splitEntity(latin1(bytes));
  const boundary = archive && parameter(archive.headers.get('content-type') ?? '', 'boundary');
  if (!archive || !boundary) return null;
  // The first piece is the preamble; the closing delimiter's piece starts with "--".
  for (const piece of archive.body.split(`--${boundary}`).slice(1)) {
    if (piece.startsWith('--')) break;
    const part = splitEntity(piece.replace(/^[ \t]*\r?\n/, ''));
    const type = part?.headers.get('content-type') ?? '';
    if (!part || !/^text\/html\b/i.test(type)) continue;
    const body = part.body.replace(/\r?\n$/, '');
    const transfer = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
    const decoded =
      transfer === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : transfer === 'base64'
          ? Buffer.from(body, 'base64')
          : Buffer.from(body, 'latin1');
    return { bytes: decoded, charset: parameter(type, 'charset') };
  }
  return null;
}
