// A tiny static server for the fixture pages, on loopback only. The same port answers as
// 127.0.0.1 and as localhost: two hostnames, so per-site settings can be checked across hosts.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomPage } from '../support/random-page';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const HELPERS_FILE = fileURLToPath(new URL('./page/helpers.js', import.meta.url));
export const HELPERS_PATH = '/__e2e__/helpers.js';

/** Pages under this prefix are served with a strict CSP: no page style at all, and scripts only from the page's origin (no eval, no WebAssembly). */
export const CSP_PREFIX = '/csp/';
export const STRICT_CSP = "style-src 'none'; script-src 'self'";
/** `/random/<seed>.html`: the seeded random page of tests/support/random-page.ts, made on request. */
const RANDOM_PAGE = /^\/random\/(\d+)\.html$/;
/** Pages under this prefix may be cached, so the browser can keep them in its back/forward cache; the rest are no-store, which rules that out. */
export const CACHEABLE_PREFIX = '/cacheable/';

export type Host = '127.0.0.1' | 'localhost';

export interface UrlOptions {
  host?: Host;
  csp?: boolean;
  cacheable?: boolean;
}

export interface FixtureServer {
  port: number;
  /** URL of a fixture page, e.g. url('spa.html', { host: 'localhost', csp: true }). */
  url(page: string, options?: UrlOptions): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Loads the test helpers before anything else on the page (after the doctype, so no quirks mode). */
export function injectHelpers(html: string): string {
  const tag = `<script src="${HELPERS_PATH}"></script>`;
  const head = /<head\b[^>]*>/i.exec(html) ?? /<html\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  if (!head) return tag + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + tag + html.slice(at);
}

async function respond(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://fixture').pathname);
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (pathname === HELPERS_PATH) {
    res.writeHead(200, { ...headers, 'content-type': TYPES['.js'] });
    res.end(await readFile(HELPERS_FILE));
    return;
  }
  if (pathname.startsWith(CSP_PREFIX)) {
    headers['content-security-policy'] = STRICT_CSP;
    pathname = pathname.slice(CSP_PREFIX.length - 1);
  } else if (pathname.startsWith(CACHEABLE_PREFIX)) {
    headers['cache-control'] = 'no-cache';
    pathname = pathname.slice(CACHEABLE_PREFIX.length - 1);
  }
  const random = RANDOM_PAGE.exec(pathname);
  if (random) {
    res.writeHead(200, { ...headers, 'content-type': TYPES['.html'] });
    res.end(injectHelpers(randomPage(Number(random[1]))));
    return;
  }
  const file = path.resolve(root, '.' + pathname);
  if (!file.startsWith(root + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  let body: Buffer | string;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': TYPES['.txt'] }).end('not found');
    return;
  }
  if (type.startsWith('text/html')) body = injectHelpers(body.toString('utf8'));
  res.writeHead(200, { ...headers, 'content-type': type });
  res.end(body);
}

export async function startFixtureServer(root = FIXTURES_DIR): Promise<FixtureServer> {
  const resolvedRoot = path.resolve(root);
  const server = http.createServer((req, res) => {
    respond(resolvedRoot, req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (page, { host = '127.0.0.1', csp = false, cacheable = false } = {}) =>
      `http://${host}:${port}${csp ? CSP_PREFIX : cacheable ? CACHEABLE_PREFIX : '/'}${page.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
