import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { downloadRepository } from '../../src/github/download.js';
import { GithubError } from '../../src/github/client.js';
import { githubTarball, json, makeTar, SHA, startFakeGithub, TOKEN, type FakeGithub } from './support.js';

let gh: FakeGithub;
let tmp: string;

const opts = () => ({ token: TOKEN, apiUrl: gh.url, tmpDir: tmp, retries: 0, timeoutMs: 2000, retryBaseMs: 1 });

function repoRoute(extra: Record<string, unknown> = {}) {
  gh.route('GET', '/repos/example/app', (_q, res) => json(res, 200, { name: 'app', full_name: 'example/app', default_branch: 'main', html_url: 'https://github.com/example/app', ...extra }));
}

function shaRoute(ref = 'main', sha = SHA) {
  gh.route('GET', `/repos/example/app/commits/${encodeURIComponent(ref)}`, (req, res) => {
    if (req.headers.accept !== 'application/vnd.github.sha') return json(res, 415, { message: 'expected the sha media type' });
    res.writeHead(200, { 'content-type': 'application/vnd.github.sha; charset=utf-8' });
    res.end(sha);
  });
}

function tarballRoute(body: Buffer, headers: Record<string, string> = {}, sha = SHA) {
  gh.route('GET', `/repos/example/app/tarball/${sha}`, (_q, res) => {
    res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(body.length), ...headers });
    res.end(body);
  });
}

async function failure(p: Promise<unknown>): Promise<GithubError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GithubError);
    const err = e as GithubError;
    expect(err.message).not.toContain(TOKEN);
    expect(err.message).not.toContain(TOKEN.slice(4, 20));
    expect(JSON.stringify(err)).not.toContain(TOKEN);
    expect(String(err.stack)).not.toContain(TOKEN);
    return err;
  }
  throw new Error('expected a failure');
}

beforeEach(async () => {
  gh = await startFakeGithub();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'saltire-gh-test-'));
});
afterEach(async () => {
  await gh.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('downloadRepository', () => {
  it('resolves the default branch to a commit, downloads and extracts the tarball', async () => {
    repoRoute();
    shaRoute('main');
    tarballRoute(githubTarball({ 'README.md': '# App\n', 'src/index.js': 'console.log(1);\n' }, { extra: [{ name: 'docs/', type: '5' }, { name: 'link-to-readme', type: '2', linkname: 'README.md' }] }));
    const r = await downloadRepository('github:example/app', opts());
    expect(r.sha).toBe(SHA);
    expect(r.ref).toBe('main');
    expect(r.defaultBranch).toBe('main');
    expect(r.url).toBe(`https://github.com/example/app/tree/${SHA}`);
    expect(readFileSync(path.join(r.dir, 'README.md'), 'utf8')).toBe('# App\n');
    expect(readFileSync(path.join(r.dir, 'src/index.js'), 'utf8')).toBe('console.log(1);\n');
    expect(existsSync(path.join(r.dir, 'docs'))).toBe(true);
    expect(readlinkSync(path.join(r.dir, 'link-to-readme'))).toBe('README.md');
    expect(r.dir.startsWith(tmp)).toBe(true);
    // the token went to the API as a credential, and nowhere else
    expect(gh.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    await r.cleanup();
    expect(existsSync(r.dir)).toBe(false);
  });

  it('resolves an explicit ref (tag or branch with a slash)', async () => {
    repoRoute();
    const sha = 'fedcba9876543210fedcba9876543210fedcba98';
    shaRoute('release/v1.2', sha);
    tarballRoute(githubTarball({ 'a.txt': 'a\n' }, { sha }), {}, sha);
    const r = await downloadRepository({ kind: 'repo', owner: 'example', repo: 'app', ref: 'release/v1.2' }, opts());
    expect(r).toMatchObject({ sha, ref: 'release/v1.2' });
    expect(gh.requests.map((q) => q.path)).toEqual(['/repos/example/app', '/repos/example/app/commits/release%2Fv1.2', `/repos/example/app/tarball/${sha}`]);
  });

  it('says when the ref does not exist', async () => {
    repoRoute();
    gh.route('GET', /\/commits\//, (_q, res) => json(res, 422, { message: 'No commit found for SHA: nope' }));
    const err = await failure(downloadRepository('github:example/app@nope', opts()));
    expect(err.code).toBe('not-found');
    expect(err.message).toContain('"nope" was not found in example/app');
  });

  it('404: not found or no access', async () => {
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('not-found');
    expect(err.message).toMatch(/404 for repository example\/app: it does not exist, or the token cannot see it/);
  });

  it('401: bad credentials, with the token scrubbed even when the server echoes it', async () => {
    gh.route('GET', '/repos/example/app', (_q, res) => json(res, 401, { message: `Bad credentials: ${TOKEN}` }));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('unauthorized');
    expect(err.message).toContain('Bad credentials: ***');
    expect(err.message).toContain('check that GITHUB_TOKEN is valid');
  });

  it('403 rate limit: names the reset time', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    gh.route('GET', '/repos/example/app', (_q, res) => json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(reset) }));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('rate-limited');
    expect(err.message).toContain(new Date(reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(err.message).toMatch(/in (59|60) minutes/);
  });

  it('403 without a rate limit: names the permission', async () => {
    gh.route('GET', '/repos/example/app', (_q, res) => json(res, 403, { message: 'Resource not accessible by personal access token' }));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('forbidden');
    expect(err.message).toContain('`metadata:read`');
  });

  it('times out a request that never answers', async () => {
    gh.route('GET', '/repos/example/app', () => {
      /* never respond */
    });
    const err = await failure(downloadRepository('github:example/app', { ...opts(), timeoutMs: 150 }));
    expect(err.code).toBe('timeout');
    expect(err.message).toContain('Timed out');
  });

  it('truncated download: fewer bytes than content-length', async () => {
    repoRoute();
    shaRoute();
    const full = githubTarball({ 'README.md': 'x'.repeat(5000) });
    gh.route('GET', `/repos/example/app/tarball/${SHA}`, (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(full.length) });
      res.write(full.subarray(0, Math.floor(full.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('truncated');
    expect(err.message).toMatch(/cut off|truncated|incomplete/);
    expect(readdirSync(tmp)).toEqual([]); // the partial folder is removed
  });

  it('truncated download: the gzip stream ends early (chunked, no content-length)', async () => {
    repoRoute();
    shaRoute();
    const full = githubTarball({ 'README.md': 'y'.repeat(5000) });
    gh.route('GET', `/repos/example/app/tarball/${SHA}`, (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-gzip' });
      res.end(full.subarray(0, full.length - 12));
    });
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('truncated');
    expect(err.message).toContain('gzip stream ended early');
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('truncated download: a complete gzip of a tar without its end blocks', async () => {
    repoRoute();
    shaRoute();
    tarballRoute(githubTarball({ 'README.md': 'z\n' }, { end: false }));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('truncated');
    expect(err.message).toContain('no end-of-archive blocks');
  });

  it('rejects an archive with a path that climbs out (..)', async () => {
    repoRoute();
    shaRoute();
    tarballRoute(gzipSync(makeTar([{ name: 'top/' , type: '5' }, { name: 'top/../../evil.sh', content: 'rm -rf /\n' }])));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('unsafe-archive');
    expect(err.message).toContain('contains ".."');
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(path.join(tmp, '..', 'evil.sh'))).toBe(false);
  });

  it('rejects an absolute path', async () => {
    repoRoute();
    shaRoute();
    tarballRoute(gzipSync(makeTar([{ name: '/etc/cron.d/evil', content: 'x' }])));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.code).toBe('unsafe-archive');
    expect(err.message).toContain('is absolute');
  });

  it('does not create links that point outside the repository, and lists them as skipped', async () => {
    repoRoute();
    shaRoute();
    tarballRoute(githubTarball({ 'README.md': '#\n' }, { extra: [{ name: 'passwd', type: '2', linkname: '/etc/passwd' }, { name: 'up', type: '2', linkname: '../../..' }, { name: 'hard', type: '1', linkname: 'README.md' }] }));
    const r = await downloadRepository('github:example/app', opts());
    expect(existsSync(path.join(r.dir, 'passwd'))).toBe(false);
    expect(existsSync(path.join(r.dir, 'up'))).toBe(false);
    expect(r.skipped.map((s) => s.path).sort()).toEqual(['hard', 'passwd', 'up']);
    await r.cleanup();
  });

  it('rejects a tarball whose commit differs from the one resolved', async () => {
    repoRoute();
    shaRoute();
    tarballRoute(githubTarball({ 'a': 'a' }, { sha: 'ffffffffffffffffffffffffffffffffffffffff' }));
    const err = await failure(downloadRepository('github:example/app', opts()));
    expect(err.message).toContain('not the requested');
  });

  it('uses GITHUB_API_URL and GITHUB_TOKEN from the environment', async () => {
    repoRoute();
    shaRoute();
    tarballRoute(githubTarball({ 'a.txt': 'a' }));
    const saved = { url: process.env.GITHUB_API_URL, token: process.env.GITHUB_TOKEN };
    process.env.GITHUB_API_URL = gh.url;
    process.env.GITHUB_TOKEN = TOKEN;
    try {
      const r = await downloadRepository('github:example/app', { tmpDir: tmp, retries: 0 });
      expect(r.sha).toBe(SHA);
      expect(gh.requests[0].authorization).toBe(`token ${TOKEN}`);
      await r.cleanup();
    } finally {
      if (saved.url === undefined) delete process.env.GITHUB_API_URL;
      else process.env.GITHUB_API_URL = saved.url;
      if (saved.token === undefined) delete process.env.GITHUB_TOKEN;
      else process.env.GITHUB_TOKEN = saved.token;
    }
  });
});
