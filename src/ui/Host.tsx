// A site's hostname as a reader writes it (bücher.de), with the punycode the browser uses
// (xn--bcher-kva.de) as its tooltip where the two differ.
import { readableHost } from './readable-host';

export function Host({ name }: { name: string }) {
  const readable = readableHost(name);
  return (
    <span dir="ltr" title={readable === name ? undefined : name}>
      {readable}
    </span>
  );
}
