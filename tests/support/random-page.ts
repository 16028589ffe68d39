// Seeded random news pages: paragraphs, lists, tables, quotations, <br><br> runs, asides, code and
// forms, in English and Arabic, with exact, near, excerpted and glued repeats. The same seed gives
// the same page, in the unit tests (linkedom) and from the e2e fixture server (real browsers).
import { Prng } from './prng';

const ENGLISH = 'the minister said talks would resume next week after both sides agreed terms on water rights border trade observers council members voted against the plan for a river dam'.split(' ');
const ARABIC = 'قال الوزير إن المحادثات ستستأنف الأسبوع المقبل بعد أن اتفق الطرفان على شروط حقوق المياه والتجارة الحدودية'.split(' ');

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function sentence(random: Prng): string {
  const words = random.next() < 0.3 ? ARABIC : ENGLISH;
  const text = Array.from({ length: random.between(6, 14) }, () => random.pick(words)).join(' ');
  return (words === ENGLISH ? text[0].toUpperCase() + text.slice(1) : text) + random.pick(['.', '.', '!', '?']);
}

/** New text, or, about half the time, an earlier paragraph again: whole, with a word changed, cut short, or glued to new text. */
function paragraph(random: Prng, earlier: string[]): string {
  if (earlier.length > 0 && random.next() < 0.45) {
    const original = random.pick(earlier);
    switch (random.int(5)) {
      case 0:
        return sentence(random) + original;
      case 1:
        return original.replace(/the|على/, 'a');
      case 2:
        return original.split(/(?<=[.!?]) /)[0];
      default:
        return original;
    }
  }
  const text = Array.from({ length: random.between(1, 4) }, () => sentence(random)).join(' ');
  earlier.push(text);
  return text;
}

/** `text` with a random stretch of it inside an inline element, half the time. */
function inline(random: Prng, text: string): string {
  if (random.next() < 0.5 || text.length < 10) return escape(text);
  const start = random.int(text.length / 2);
  const end = start + random.between(1, text.length - start);
  const [open, close] = random.pick([['<a href="#x">', '</a>'], ['<em>', '</em>'], ['<b>', '</b>'], ['<span class="k">', '</span>']]);
  return escape(text.slice(0, start)) + open + escape(text.slice(start, end)) + close + escape(text.slice(end));
}

function block(random: Prng, earlier: string[], depth: number): string {
  const text = () => paragraph(random, earlier);
  switch (random.int(depth > 2 ? 3 : 12)) {
    case 0:
    case 1:
      return `<p>${inline(random, text())}</p>`;
    case 2:
      return `<p title="page-${random.int(100)}">${inline(random, text())}</p>`;
    case 3:
      return `<div>${Array.from({ length: random.between(1, 4) }, () => block(random, earlier, depth + 1)).join(random.pick(['', '\n', ' <!-- x --> ']))}</div>`;
    case 4:
      return `<blockquote><p>${inline(random, text())}</p>${random.next() < 0.5 ? '<cite>A spokesman</cite>' : ''}</blockquote>`;
    case 5:
      return `<figure class="${random.pick(['', 'wp-block-pullquote'])}"><blockquote><p>${escape(text())}</p></blockquote>${random.next() < 0.5 ? '<figcaption>Photo: agency</figcaption>' : ''}</figure>`;
    case 6: {
      const list = random.pick(['ul', 'ol']);
      return `<${list}>${Array.from({ length: random.between(1, 3) }, () => `<li>${inline(random, text())}</li>`).join('')}</${list}>`;
    }
    case 7:
      return `<div>${Array.from({ length: random.between(2, 4) }, () => escape(text())).join('<br><br>')}</div>`;
    case 8:
      return `<table><tr><td>${escape(text())}</td><td>${escape(text())}</td></tr></table>`;
    case 9:
      return `<section><h2>${escape(sentence(random))}</h2>${block(random, earlier, depth + 1)}${block(random, earlier, depth + 1)}</section>`;
    case 10:
      return `<aside><p>${escape(text())}</p></aside>`;
    default:
      return `<p>${escape(text())}<textarea>${escape(text())}</textarea></p><script>var x = 1;</script><pre>${escape(text())}</pre>`;
  }
}

export function randomPage(seed: number): string {
  const random = new Prng(seed);
  const earlier: string[] = [];
  const blocks = Array.from({ length: random.between(4, 16) }, () => block(random, earlier, 0));
  return `<!doctype html><html lang="en"><head><title>t</title></head><body><article>${blocks.join('\n')}</article></body></html>`;
}
