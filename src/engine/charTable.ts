/**
 * Per-code-unit normalisation: the hot loop reads two arrays per character, the kind and the
 * offset to the folded character (an offset, so runs decode with fill()). The table is derived
 * from Unicode data when it is generated (table/derive.ts) and decoded here once, so no page pays
 * for Unicode work, and Chrome and Firefox fold text identically whatever their Unicode versions.
 */
import { decodeTable } from './table/codec';
import { ENCODED_TABLE } from './table/data';

export { isWhitespace, Kind } from './table/kind';

export const kind = new Uint8Array(0x10000);
/** Folded code unit minus the code unit; meaningless for Drop and Expand. */
export const foldOffset = new Int32Array(0x10000);
export const expansion = new Map<number, string>();
decodeTable(ENCODED_TABLE, kind, foldOffset, expansion);
