// Hostnames as a reader writes them. Pages and settings hold internationalised names in punycode
// (xn--bcher-kva.de), which is how URLs report them; the popup and the options page show bücher.de.
// Punycode's decoder (RFC 3492), as browsers ship none.

// Punycode's parameters (RFC 3492, section 5).
const BASE = 36, T_MIN = 1, T_MAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
const ACE_PREFIX = 'xn--';

/** The bias for the next delta: RFC 3492, section 6.1. */
function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

/** A punycode digit's value (a-z 0-25, 0-9 26-35), or -1. Hostnames reach here in lower case. */
function digitValue(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 26;
  return -1;
}

/** The Unicode of a label's punycode (after "xn--"), or null when it is not valid punycode. */
function decodeLabel(encoded: string): string | null {
  const delimiter = encoded.lastIndexOf('-');
  const output: number[] = [];
  for (let at = 0; at < delimiter; at++) {
    const c = encoded.charCodeAt(at);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = delimiter + 1; at < encoded.length; ) {
    const before = i;
    for (let weight = 1, k = BASE; ; k += BASE) {
      if (at >= encoded.length) return null;
      const digit = digitValue(encoded.charCodeAt(at++));
      if (digit < 0) return null;
      i += digit * weight;
      // A crafted label can make the index grow without bound.
      if (i > 0x7fffffff) return null;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      weight *= BASE - threshold;
    }
    const length = output.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** A label in Unicode when it is punycode that decodes to something; else as it is. */
function readableLabel(label: string): string {
  if (!label.startsWith(ACE_PREFIX)) return label;
  return decodeLabel(label.slice(ACE_PREFIX.length)) || label;
}

/** `host` with each punycode label in Unicode; a label that does not decode stays as it is. */
export function readableHost(host: string): string {
  return host.includes(ACE_PREFIX) ? host.split('.').map(readableLabel).join('.') : host;
}
