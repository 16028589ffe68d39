// Putting page text in a terminal: bidi isolation, column-aware truncation, optional colour.
import { safeCut } from '../engine';

/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: the text inside takes its own direction and
 * cannot reorder the columns around it, so an Arabic snippet never scrambles the table. */
const FSI = '\u2068';
const PDI = '\u2069';

/** Control characters (terminal escapes, newlines), line and paragraph separators, and bidi marks,
 * embeddings and isolates, which could break out of our isolate or the terminal line. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Characters that take no column: combining marks (Arabic tashkeel, accents) and zero-width formats. */
const ZERO_WIDTH = /^[\p{M}\u200b-\u200f\u2060-\u2064\ufeff]$/u;

/** East Asian wide and fullwidth characters and emoji take two columns. */
const DOUBLE_WIDTH =
  /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]$/u;

const ELLIPSIS = '…';

function columnsOf(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  return DOUBLE_WIDTH.test(char) ? 2 : 1;
}

/** Terminal columns `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += columnsOf(char);
  return width;
}

/**
 * `text` cut to at most `columns` terminal columns, ending in "…" when cut, between whole characters
 * as a reader sees them (a letter with its marks, a conjunct, an emoji sequence).
 */
export function truncate(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  const budget = Math.max(0, columns - 1);
  let width = 0;
  let end = 0;
  for (const char of text) {
    const w = columnsOf(char);
    if (width + w > budget) break;
    width += w;
    end += char.length;
  }
  // Don't leave a space dangling before the ellipsis.
  return text.slice(0, safeCut(text, end)).trimEnd() + ELLIPSIS;
}

/** `text` with control and bidi characters written as escapes (`\u001b`): a file name can neither restyle the terminal nor break a line. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Page text made safe for one terminal line and isolated from the surrounding columns. */
export function isolate(text: string): string {
  return FSI + text.replace(UNSAFE, '') + PDI;
}

export type Colour = 'bold' | 'dim' | 'green' | 'yellow' | 'magenta';

const SGR: Record<Colour, string> = { bold: '1', dim: '2', green: '32', yellow: '33', magenta: '35' };

export type Paint = (colour: Colour, text: string) => string;

/** Paints with ANSI colours, or leaves text plain when colour is off. */
export function painter(enabled: boolean): Paint {
  return enabled ? (colour, text) => `\u001b[${SGR[colour]}m${text}\u001b[0m` : (_colour, text) => text;
}

/** Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org). */
export function wantsColour(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && !env.NO_COLOR;
}
