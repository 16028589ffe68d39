import { lowerBound } from './typedArrays';

/** How many elements two sorted multisets of uint32 share, by one merge. */
function sharedCount(a: Uint32Array, b: Uint32Array): number {
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
  return shared;
}

/** The longest run of consecutive `shingles` (in text order) that `sorted`, a sorted array of uint32, holds. */
export function longestRunIn(shingles: Uint32Array, sorted: Uint32Array): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < shingles.length; i++) {
    run = holds(sorted, shingles[i]) ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

function holds(sorted: Uint32Array, value: number): boolean {
  const at = lowerBound(sorted, value);
  return at < sorted.length && sorted[at] === value;
}

/** Share of `part` found in `whole`, both sorted multisets of uint32. */
export function containment(part: Uint32Array, whole: Uint32Array): number {
  return part.length === 0 ? 0 : sharedCount(part, whole) / part.length;
}

/**
 * Jaccard similarity of two sorted multisets of uint32 when it is at least `min`; otherwise
 * some value below `min`. The merge stops as soon as too few elements remain to reach `min`,
 * which is most of the work saved when verifying candidates that share one generic shingle.
 */
export function jaccardAtLeast(a: Uint32Array, b: Uint32Array, min: number): number {
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0) return 0;
  const total = na + nb;
  const most = na < nb ? na : nb;
  // The fewest shared elements whose similarity, computed exactly as below, reaches `min`.
  let need = Math.max(0, Math.ceil((min * total) / (1 + min)));
  while (need > 0 && (need - 1) / (total - need + 1) >= min) need--;
  while (need <= most && need / (total - need) < min) need++;
  if (need > most) return -1;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < na && j < nb) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else {
      if (x < y) i++;
      else j++;
      if (shared + Math.min(na - i, nb - j) < need) return -1;
    }
  }
  return shared / (total - shared);
}
