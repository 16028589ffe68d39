/**
 * Per-code-unit normalisation: the hot loop reads two arrays per character, the kind and the
 * offset to the folded character (an offset, so runs decode with fill()). The table is derived
 * from Unicode data when it is generated (table/derive.ts) and each 256 code units are decoded when
 * a text first uses them, so no page pays for Unicode work or for scripts it does not show, and
 * Chrome and Firefox fold text identically whatever their Unicode versions.
 */
import { decodePage, PAGE_SIZE } from './table/codec';
import { ENCODED_PAGES } from './table/data';
import { Kind } from './table/kind';

export { composeJamo, Hangul, isWhitespace, Kind } from './table/kind';

/** Kind.Unbuilt until the code unit's page is decoded. */
export const kind = new Uint8Array(0x10000);
/** Folded code unit minus the code unit; meaningless for Drop and Expand. */
export const foldOffset = new Int32Array(0x10000);
export const expansion = new Map<number, string>();

function ensurePage(page: number): void {
  if (kind[page * PAGE_SIZE] !== Kind.Unbuilt) return;
  try {
    decodePage(ENCODED_PAGES[page], page, kind, foldOffset, expansion);
  } catch (error) {
    // Half a page must not pass for decoded.
    kind.fill(Kind.Unbuilt, page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    throw error;
  }
  // Expansions are fed through the table too, and their characters may live on other pages.
  const first = page * PAGE_SIZE;
  for (let c = first; c < first + PAGE_SIZE; c++) {
    if (kind[c] !== Kind.Expand) continue;
    const out = expansion.get(c)!;
    for (let i = 0; i < out.length; i++) ensurePage(out.charCodeAt(i) >>> 8);
  }
}

/** The kind of code unit `c`, decoding its page first if needed: for loops that read `kind` directly and meet `Kind.Unbuilt`. */
export function kindOf(c: number): Kind {
  ensurePage(c >>> 8);
  return kind[c] as Kind;
}

/** The kind of code unit `c`, read from the table, its page decoded first only when it is not yet. */
export function kindAt(c: number): Kind {
  const k = kind[c] as Kind;
  return k === Kind.Unbuilt ? kindOf(c) : k;
}

/** Decodes the pages that `text` needs; call before reading `kind` and `foldOffset` for it. */
export function prepareTable(text: string): void {
  let lastPage = -1;
  for (let i = 0; i < text.length; i++) {
    const page = text.charCodeAt(i) >>> 8;
    if (page !== lastPage) {
      ensurePage(page);
      lastPage = page;
    }
  }
}
