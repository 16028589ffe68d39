/** The typed arrays the engine grows: its scratch buffers and the index's per-block columns. */
type GrowableArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `array` with room for `length` elements, of the same type; the rest is zeros. */
export function grown<T extends GrowableArray>(array: T, length: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}

/** The first index of `sorted` (ascending) whose value is not below `value`: where `value` is, or would go. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
