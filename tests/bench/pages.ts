// Pages for the browser half of the benchmark: a long news page built from a generated corpus, and
// the sample article (the PAGE/CLI fixture, or a page made from the sample's lines if it is absent).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sampleLines } from '../support/sample';
import type { Script } from './corpus';

export const SAMPLE_PAGE_PATH = fileURLToPath(new URL('../fixtures/pages/astana-article.ar.html', import.meta.url));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const NAV = ['Home', 'World', 'Politics', 'Business', 'Opinion', 'Sport'];
const CHROME_STYLE = 'body{margin:0;font:17px/1.6 Georgia,serif;color:#222}header,footer{background:#123;color:#fff;padding:.5rem 1rem}header a,footer a{color:#fff;margin-inline-end:1rem}main{max-width:44rem;margin:1rem auto;padding:0 1rem}figure{margin:1rem 0;color:#555}';

/** A long news page: site chrome, then the paragraphs with subheadings, captions and share bars between them, as live blogs and infinite scrolls look. */
export function newsPage(texts: readonly string[], scripts: readonly Script[]): string {
  const body: string[] = [];
  texts.forEach((text, i) => {
    if (i % 25 === 0) body.push(`<h2>Update ${i / 25 + 1}</h2>`);
    const dir = scripts[i] === 'arabic' ? ' dir="rtl"' : '';
    body.push(`<p${dir}>${escapeHtml(text)}</p>`);
    if (i % 40 === 39) body.push('<figure><div style="height:4rem;background:#ddd"></div><figcaption>Photo: agency</figcaption></figure>');
    if (i % 100 === 99) body.push('<div class="share"><a href="#">Share</a> <a href="#">Post</a> <a href="#">Email</a></div>');
  });
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Live: the talks, hour by hour</title><style>${CHROME_STYLE}</style></head>
<body>
<header><nav>${NAV.map((item) => `<a href="#">${item}</a>`).join('')}</nav></header>
<main><article><h1>Live: the talks, hour by hour</h1>
${body.join('\n')}
</article></main>
<footer><a href="#">About</a><a href="#">Contact</a></footer>
</body>
</html>
`;
}

/** The sample article page; when the fixture is not there, the same 14 lines in a plain article. */
export function samplePage(): { html: string; source: 'fixture' | 'generated' } {
  if (existsSync(SAMPLE_PAGE_PATH)) return { html: readFileSync(SAMPLE_PAGE_PATH, 'utf8'), source: 'fixture' };
  const paragraphs = sampleLines().map((line) => `<p>${escapeHtml(line)}</p>`);
  const html = `<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>أستانة</title></head>
<body><main><article>
${paragraphs.join('\n')}
</article></main></body>
</html>
`;
  return { html, source: 'generated' };
}
