/** Jaccard similarity of two sorted sets of distinct uint32, by one merge. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/** Share of `part` found in `whole`, both sorted sets of distinct uint32. */
export function containment(part: Uint32Array, whole: Uint32Array): number {
  if (part.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < part.length && j < whole.length) {
    const x = part[i];
    const y = whole[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / part.length;
}
