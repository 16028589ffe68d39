/**
 * Bytes read one character each (Latin-1), without a copy: how headers and charset declarations are
 * found before the text is decoded. `end` past the last byte reads to the end.
 */
export function latin1(bytes: Uint8Array, end = bytes.length): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', 0, end);
}
