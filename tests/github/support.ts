import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/** A stand-in for the GitHub REST API on 127.0.0.1 (random port), with routes set per test. */
export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void | Promise<void>;

export interface FakeGithub {
  url: string;
  /** Every request seen: method, path with query, and the Authorization header. */
  requests: { method: string; path: string; authorization?: string }[];
  route(method: string, pattern: string | RegExp, handler: Handler): void;
  close(): Promise<void>;
}

export async function startFakeGithub(): Promise<FakeGithub> {
  const routes: { method: string; pattern: string | RegExp; handler: Handler }[] = [];
  const requests: FakeGithub['requests'] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname + url.search, authorization: req.headers.authorization });
    const r = routes.find((x) => x.method === req.method && (typeof x.pattern === 'string' ? x.pattern === url.pathname : x.pattern.test(url.pathname)));
    if (!r) {
      json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    Promise.resolve(r.handler(req, res, url)).catch((e) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (method, pattern, handler) => routes.unshift({ method, pattern, handler }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

// ---- a tiny tar writer (ustar), for building test tarballs

export interface TarInput {
  name: string;
  /** '0' file (default), '5' folder, '2' symlink, '1' hard link, 'g' pax global header, 'x' pax header. */
  type?: string;
  content?: string | Buffer;
  linkname?: string;
  /** Corrupt the checksum. */
  badChecksum?: boolean;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

export function tarHeader(e: TarInput, size: number): Buffer {
  const h = Buffer.alloc(512);
  let name = e.name;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 1 - 0);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.type === '5' ? 0o755 : 0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(1_700_000_000, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(e.type ?? '0', 156, 'ascii');
  h.write(e.linkname ?? '', 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  if (e.badChecksum) sum += 1;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
  return h;
}

export function paxRecords(values: Record<string, string>): Buffer {
  let out = '';
  for (const [k, v] of Object.entries(values)) {
    const body = ` ${k}=${v}\n`;
    const bytes = Buffer.byteLength(body); // pax record lengths count bytes
    let len = bytes + 1;
    while (String(len).length + bytes !== len) len = String(len).length + bytes;
    out += `${len}${body}`;
  }
  return Buffer.from(out, 'utf8');
}

/** A tar archive of the entries, with end-of-archive blocks unless `end` is false. */
export function makeTar(entries: TarInput[], end = true): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const content = typeof e.content === 'string' ? Buffer.from(e.content) : e.content ?? Buffer.alloc(0);
    parts.push(tarHeader(e, content.length), content, Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  if (end) parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

export const SHA = '0123456789abcdef0123456789abcdef01234567';

/** What GitHub's tarball looks like: a pax global header with the commit, then `owner-repo-sha7/…`. */
export function githubTarball(files: Record<string, string>, opts: { sha?: string; extra?: TarInput[]; end?: boolean } = {}): Buffer {
  const sha = opts.sha ?? SHA;
  const top = `example-app-${sha.slice(0, 7)}`;
  const entries: TarInput[] = [
    { name: 'pax_global_header', type: 'g', content: paxRecords({ comment: sha }) },
    { name: `${top}/`, type: '5' },
    ...Object.entries(files).map(([p, c]) => ({ name: `${top}/${p}`, content: c })),
    ...(opts.extra ?? []).map((e) => ({ ...e, name: `${top}/${e.name}` })),
  ];
  return gzipSync(makeTar(entries, opts.end ?? true));
}

export const TOKEN = 'ghp_TestTokenThatMustNeverLeak0123456789';
