import { composeJamo, expansion, foldOffset, isWhitespace, kind, Kind, prepareTable } from './charTable';

/**
 * The text as the engine compares it: NFKC compatibility forms, decomposed Hangul composed, lower
 * case, no accents, tashkeel, tatweel or invisible characters, one Arabic alef/yaa/haa, ASCII digits,
 * straight quotes and hyphens, single spaces.
 */
export function normalize(text: string): string {
  prepareTable(text);
  const out: string[] = [];
  let pendingSpace = false;
  const push = (s: string) => {
    if (pendingSpace && out.length > 0) out.push(' ');
    pendingSpace = false;
    out.push(s);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const k = kind[c];
    if (k === Kind.Drop) continue;
    if (isWhitespace(c)) {
      pendingSpace = true;
    } else if (k === Kind.Expand) {
      push(expansion.get(c)!);
    } else if (k === Kind.Jamo) {
      const composed = composeJamo(text, i, text.length);
      push(String.fromCharCode(composed >> 2));
      i += (composed & 3) - 1;
    } else {
      push(String.fromCharCode(c + foldOffset[c]));
    }
  }
  return out.join('');
}
