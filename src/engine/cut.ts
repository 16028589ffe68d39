// Where a text may be cut short for display without splitting what a reader sees as one character.

/** Characters that belong with the one before: combining marks (Thai vowels, matras, tashkeel), joiners, variation selectors, emoji skin tones and tags. */
const JOINS_PREVIOUS = /^[\p{M}\u200c\u200d\ufe00-\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/u;
/** Characters that join the one after: ZWJ, and the viramas and stackers that make conjuncts ("स्त"). */
const JOINS_NEXT = /[\u094d\u09cd\u0acd\u0b4d\u0c4d\u0d4d\u1039\u17d2\u200d]$/;

/**
 * The last place at or before `end` where `text` may be cut: a letter keeps its marks ("นี่", "ते"),
 * a conjunct stays whole ("स्त"), and neither a surrogate pair nor an emoji sequence (👨‍👩‍👧, 🙏🏽) is split.
 */
export function safeCut(text: string, end: number): number {
  while (end > 0 && end < text.length) {
    const before = text.charCodeAt(end - 1);
    const inPair = before >= 0xd800 && before <= 0xdbff;
    if (!inPair && !JOINS_NEXT.test(text[end - 1]) && !JOINS_PREVIOUS.test(text.slice(end, end + 2))) break;
    end--;
  }
  return end;
}
