// The paragraphs of one decoded input: lines of a text file, or the blocks of an HTML page.
import { extractBlocks } from '../page/blocks';
import { collapseWhitespace } from '../page/text';
import { parseHtmlDocument } from './html';
import type { Input } from './input';

export interface Paragraph {
  /** The element's tag; "p" for a line of a text file. */
  tag: string;
  /** Whitespace-collapsed and trimmed, as the engine expects. */
  text: string;
}

/** One paragraph per non-blank line; ids count paragraphs, so blank lines take none. */
function paragraphsOfLines(content: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const line of content.split(/\r\n|\r|\n/)) {
    const text = collapseWhitespace(line);
    if (text) paragraphs.push({ tag: 'p', text });
  }
  return paragraphs;
}

/** A parsed input, ready for block extraction: the slow HTML parse happens here, outside the timed scan. */
export type ParsedInput = { kind: 'html'; root: ParentNode } | { kind: 'text'; content: string };

export function parseInput(input: Input): ParsedInput {
  if (input.kind === 'text') return { kind: 'text', content: input.content };
  return { kind: 'html', root: parseHtmlDocument(input.content) };
}

export function paragraphsOf(parsed: ParsedInput): Paragraph[] {
  if (parsed.kind === 'text') return paragraphsOfLines(parsed.content);
  return extractBlocks(parsed.root).map(({ tag, text }) => ({ tag, text }));
}
