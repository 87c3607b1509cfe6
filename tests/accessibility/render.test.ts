/**
 * `saltire scan --render <dir | URL>` with real Chromium (Debian's, via playwright-core) against pages
 * served from a local HTTP server on 127.0.0.1 started here. Nothing goes beyond loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import type { ScanResult } from '../../src/model/finding.js';
import { isLoopbackHost, parseMaxPages, parseRenderTarget, urlLabel } from '../../src/render/site.js';
import { wcagFromTags } from '../../src/render/axe.js';
import { CHROMIUM, NO_BROWSER_MESSAGE } from '../support/browser.js';

const SITE: Record<string, string> = {
  'index.html': `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Parking permits</title>
<style>body { font-family: arial, sans-serif; color: #0b0c0c; } .faint { color: #c8c8c8; } .banner { background-image: linear-gradient(90deg, #1d70b8, #ffffff); color: #505a5f; }</style>
</head>
<body><main>
<h1>Parking permits</h1>
<p class="faint">You need your vehicle registration number.</p>
<p class="banner">Applications close on 31 March.</p>
<ul>
  <li><a href="about.html">About permits</a></li>
  <li><a href="guide/">Guide</a></li>
  <li><a href="https://www.example.org/elsewhere">Another site</a></li>
  <li><a href="leaflet.pdf">Leaflet (PDF)</a></li>
</ul>
</main></body>
</html>
`,
  'about.html': `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>About permits</title><link rel="stylesheet" href="https://cdn.example.org/style.css"></head>
<body><main>
<h1>About permits</h1>
<img src="map.png">
<a href="index.html">Home</a> <a href="/">Home again</a> <a href="guide/step-2.html">Step 2</a>
</main></body>
</html>
`,
  'guide/index.html': `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Guide</title></head>
<body><main><h1>Guide</h1><p>Read this first.</p><a href="step-2.html">Step 2</a></main></body></html>
`,
  'guide/step-2.html': `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Step 2</title></head>
<body><main><h1>Step 2</h1><button></button></main></body></html>
`,
};

function writeSite(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-render-'));
  for (const [rel, text] of Object.entries(SITE)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Run the CLI in this process (the test's HTTP server keeps answering), the result as JSON. */
async function scanJson(args: string[]): Promise<{ code: number; result?: ScanResult; stderr: string }> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'saltire-render-out-')), 'result.json');
  const errors: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string | Uint8Array) => (errors.push(String(s)), true)) as typeof process.stderr.write;
  let code: number;
  try {
    code = await main(['node', 'saltire', 'scan', ...args, '--format', `json=${out}`, '--no-cache', '--quiet']);
  } finally {
    process.stderr.write = write;
  }
  let result: ScanResult | undefined;
  try {
    result = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
  } catch {
    result = undefined;
  }
  return { code, result, stderr: errors.join('') };
}

describe('--render target parsing (no browser)', () => {
  it('allows only loopback hosts and file: URLs without --allow-remote', () => {
    for (const h of ['127.0.0.1', '127.8.9.10', 'localhost', '[::1]', 'LOCALHOST']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['10.0.0.1', '192.168.1.1', 'example.org', '128.0.0.1', 'localhost.example.org', '127.0.0.1.nip.io', '[::2]']) expect(isLoopbackHost(h), h).toBe(false);
    expect(parseRenderTarget('http://127.0.0.1:8080/site/', '/', false)).toMatchObject({ kind: 'url' });
    expect(parseRenderTarget('http://localhost/', '/', false)).toMatchObject({ kind: 'url' });
    expect(() => parseRenderTarget('https://www.gov.scot/', '/', false)).toThrow(/only loopback .* add --allow-remote to render www\.gov\.scot/);
    expect(() => parseRenderTarget('http://192.168.1.1/', '/', false)).toThrow(/--allow-remote/);
    expect(parseRenderTarget('https://www.gov.scot/', '/', true)).toMatchObject({ kind: 'url' });
    expect(() => parseRenderTarget('ftp://127.0.0.1/', '/', true)).toThrow(/http\(s\): or file: URL/);
  });

  it('takes a folder, a page on disk or a file: URL', () => {
    const dir = writeSite();
    expect(parseRenderTarget(dir, '/', false)).toMatchObject({ kind: 'dir', dir });
    expect(parseRenderTarget(`file://${dir}/about.html`, '/', false)).toMatchObject({ kind: 'file', dir, start: 'about.html' });
    expect(() => parseRenderTarget(path.join(dir, 'missing'), '/', false)).toThrow(/does not exist/);
    expect(parseMaxPages('3')).toBe(3);
    expect(() => parseMaxPages('0')).toThrow(/at least 1/);
    expect(() => parseMaxPages('lots')).toThrow(/whole number/);
  });

  it('labels pages by a host-independent path relative to the start page', () => {
    const start = new URL('http://127.0.0.1:9999/site/index.html');
    expect(urlLabel(new URL('http://127.0.0.1:9999/site/about.html'), start)).toBe('about.html');
    expect(urlLabel(new URL('http://127.0.0.1:9999/site/'), start)).toBe('./');
    expect(urlLabel(new URL('http://127.0.0.1:9999/site/guide/'), start)).toBe('guide/');
    expect(urlLabel(new URL('http://127.0.0.1:9999/other.html?x=1'), start)).toBe('../other.html?x=1');
  });

  it('reads WCAG criteria from axe tags', () => {
    expect(wcagFromTags(['cat.color', 'wcag2aa', 'wcag143', 'wcag2411', 'wcag21aa', 'ACT'])).toEqual(['1.4.3', '2.4.11']);
  });

  it('refuses a remote URL with exit 2 and a one-line reason, before any browser starts', async () => {
    const r = await scanJson(['--render', 'https://www.example.org/']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^saltire: error: --render https:\/\/www\.example\.org: only loopback \(127\.0\.0\.0\/8, ::1, localhost\) and file: URLs are rendered; add --allow-remote/);
    expect((await scanJson(['--render', 'http://10.1.2.3:8080/'])).code).toBe(2);
  });

  it('--render-max-pages and --allow-remote need a --render target', async () => {
    const r = await scanJson([writeSite(), '--render-max-pages', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/go with --render <dir \| URL>/);
  });

  it('a URL without Chromium: one line, exit 2', async () => {
    const prev = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const r = await scanJson(['--render', 'http://127.0.0.1:9/']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^saltire: error: --render needs Chromium/);
    } finally {
      if (prev === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = prev;
    }
  });
});

describe.skipIf(!CHROMIUM)(CHROMIUM ? '--render with Chromium' : `--render with Chromium (${NO_BROWSER_MESSAGE})`, () => {
  let dir: string;
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  /** The URL-mode run, shared by the tests that read it. */
  let urlRun: ReturnType<typeof scanJson>;

  beforeAll(async () => {
    dir = writeSite();
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      let rel = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
      if (rel === '' || rel.endsWith('/')) rel += 'index.html';
      const text = SITE[rel];
      if (text === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('URL mode: renders the page and the same-origin pages it links to, breadth-first; rendered checks only', async () => {
    requests.length = 0;
    const r = await (urlRun = scanJson(['--render', base, '--fail-on', 'high']));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const result = r.result!;
    // "/" and "/index.html" are one page; the PDF and the other site are not loaded
    expect(result.notices.map((n) => n.message)).toContain(`--render ${base}: 4 pages rendered in headless Chromium and checked with axe-core`);
    expect(requests.some((u) => u.includes('leaflet.pdf'))).toBe(false);
    expect(result.stats.filesScanned).toBe(0);
    expect(result.stats.pagesRendered).toBe(4);
    expect(result.target).toBe(base);
    const keys = result.findings.map((f) => `${f.file} ${f.ruleId} ${(f.properties as { axe: string }).axe}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        './ accessibility/axe-rendered color-contrast',
        './ accessibility/axe-needs-review color-contrast',
        'about.html accessibility/axe-rendered image-alt',
        'guide/step-2.html accessibility/axe-rendered button-name',
      ]),
    );
    expect(result.findings.every((f) => f.ruleId.startsWith('accessibility/axe-'))).toBe(true);
    expect(result.findings.some((f) => f.file.includes('127.0.0.1'))).toBe(false);
    const img = result.findings.find((f) => f.file === 'about.html')!;
    expect(img.range.start).toEqual({ line: 1, column: 1 });
    expect(img.message).toMatch(/^axe `image-alt` \(critical\) at `img`: Images must have alternative text/);
    expect(img.evidence).toBe('<img src="map.png">');
    expect(img.properties).toMatchObject({ url: `${base}about.html`, selector: 'img', wcag: ['1.1.1'], act: expect.arrayContaining(['23a2a8']) });
    expect(img.severity).toBe('high');
    // the stylesheet on another host was blocked, and the run says so
    expect(result.notices.some((n) => /requests? to cdn\.example\.org (was|were) blocked .*--allow-remote/.test(n.message))).toBe(true);
    expect(result.rulesRun).toEqual(expect.arrayContaining([{ id: 'accessibility/axe-rendered', files: 4 }, { id: 'accessibility/axe-needs-review', files: 4 }]));
    // fingerprints do not depend on the port
    const again = await scanJson(['--render', base.replace('127.0.0.1', 'localhost'), '--fail-on', 'none']);
    expect(again.result!.findings.map((f) => f.fingerprint).sort()).toEqual(result.findings.map((f) => f.fingerprint).sort());
  }, 240_000);

  it('URL mode: --render-max-pages caps the crawl and says what was left out', async () => {
    const r = await scanJson(['--render', `${base}index.html`, '--render-max-pages', '2', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const files = [...new Set(r.result!.findings.map((f) => f.file))].sort();
    expect(files).toEqual(['about.html', 'index.html']);
    expect(r.result!.notices.map((n) => n.message).join('\n')).toMatch(/^--render .*index\.html: \d+ more same-origin page URLs? linked from the rendered pages (was|were) not loaded \(--render-max-pages 2\)$/m);
  }, 240_000);

  it('needs-review: axe "incomplete" is an info finding saying a person must check it, never a pass', async () => {
    const r = await urlRun;
    const review = r.result!.findings.filter((f) => f.ruleId === 'accessibility/axe-needs-review');
    expect(review.length).toBeGreaterThan(0);
    const f = review.find((x) => (x.properties as { axe: string }).axe === 'color-contrast')!;
    expect(f.severity).toBe('info');
    expect(f.message).toMatch(/^axe `color-contrast` could not decide at `.+`: .+\. A person must check it: Element's background color could not be determined due to a background gradient\./);
    expect(f.properties).toMatchObject({ needsReview: true, wcag: ['1.4.3'] });
    expect(f.evidence).toContain('class="banner"');
  }, 240_000);

  it('folder mode: every page of the folder, exact source lines, alongside the static checks of that folder', async () => {
    const r = await scanJson(['--render', dir, '--packs', 'accessibility', '--fail-on', 'none']);
    expect(r.stderr).toBe('');
    const result = r.result!;
    expect(result.stats.filesScanned).toBe(4);
    const at = (file: string, id: string) => result.findings.filter((f) => f.file === file && f.ruleId === id).map((f) => `${f.range.start.line}:${f.range.start.column} ${(f.properties as { axe?: string } | undefined)?.axe ?? ''}`.trim());
    expect(at('about.html', 'accessibility/axe-rendered')).toEqual(['6:1 image-alt']);
    expect(at('about.html', 'accessibility/img-alt')).toEqual(['6:1']);
    expect(at('index.html', 'accessibility/axe-rendered').filter((x) => !x.endsWith('target-size'))).toEqual(['8:1 color-contrast']);
    expect(at('index.html', 'accessibility/axe-needs-review')).toEqual(['9:1 color-contrast']);
    expect(at('guide/step-2.html', 'accessibility/axe-rendered')).toEqual(['3:28 button-name']);
    const review = result.findings.find((f) => f.ruleId === 'accessibility/axe-needs-review')!;
    expect(review.evidence).toBe('<p class="banner">Applications close on 31 March.</p>');
    expect(result.notices.map((n) => n.message)).toContain(`--render ${dir}: 4 pages rendered in headless Chromium and checked with axe-core`);
  }, 240_000);

  it('folder mode with a positional target: static scan of the target, rendered checks of the folder', async () => {
    const other = mkdtempSync(path.join(os.tmpdir(), 'saltire-render-static-'));
    writeFileSync(path.join(other, 'page.html'), '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body><img src="a.png"></body></html>\n');
    const r = await scanJson([other, '--render', dir, '--render-max-pages', '1', '--packs', 'accessibility', '--fail-on', 'none']);
    const result = r.result!;
    expect(result.stats.filesScanned).toBe(1);
    expect(result.findings.filter((f) => f.ruleId === 'accessibility/img-alt').map((f) => f.file)).toEqual(['page.html']);
    // folder pages are named relative to the scan's base, and only one was rendered (the first, sorted)
    expect([...new Set(result.findings.filter((f) => f.ruleId.startsWith('accessibility/axe-')).map((f) => f.file))]).toEqual([path.relative(other, path.join(dir, 'about.html')).split(path.sep).join('/')]);
  }, 240_000);

  it('inline suppressions apply to rendered findings of pages on disk', async () => {
    const site = writeSite();
    writeFileSync(path.join(site, 'about.html'), SITE['about.html'].replace('<img src="map.png">', '<!-- saltire-ignore-next-line accessibility/axe-rendered -- decorative map, alt added in the CMS -->\n<img src="map.png">'));
    const r = await scanJson(['--render', path.join(site, 'about.html'), '--render-max-pages', '1', '--fail-on', 'none']);
    // a page path with no positional target is also scanned statically, as that one file
    expect(r.result!.findings.filter((f) => f.ruleId === 'accessibility/axe-rendered' && f.file.endsWith('about.html'))).toEqual([]);
    expect(r.result!.suppressed.some((f) => f.ruleId === 'accessibility/axe-rendered' && f.file.endsWith('about.html'))).toBe(true);
    expect(r.result!.findings.some((f) => f.ruleId === 'accessibility/img-alt' && f.file.endsWith('about.html'))).toBe(true);
  }, 240_000);
});
