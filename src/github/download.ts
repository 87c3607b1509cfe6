import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import { createGithubClient, GithubError, toGithubError, type GithubClient, type GithubClientOptions } from './client.js';
import { parseGithubTarget, type GithubRepoTarget } from './target.js';
import { TarError, TarExtractor } from './tar.js';

export interface DownloadOptions extends GithubClientOptions {
  /** Parent folder of the extracted checkout (default: the OS temporary folder). */
  tmpDir?: string;
  /** Whole-download timeout in ms (default 10 minutes). */
  downloadTimeoutMs?: number;
  /** Most bytes of extracted content (default 4 GiB). */
  maxBytes?: number;
  /** Reuse a client (e.g. across an organisation's repositories). */
  client?: GithubClient;
}

export interface DownloadedRepository {
  /** The extracted tree (the tarball's top folder stripped): scan this folder. */
  dir: string;
  /** The commit scanned. */
  sha: string;
  /** The ref asked for, or the default branch. */
  ref: string;
  /** Web URL of the tree at that commit (for `ScanResult.source.url`). */
  url: string;
  defaultBranch: string;
  /** Archive entries not extracted (links pointing outside the repository, hard links, …). */
  skipped: { path: string; reason: string }[];
  /** Delete `dir`. */
  cleanup(): Promise<void>;
}

function errorChain(e: unknown): { name?: string; code?: string; message?: string }[] {
  const out: { name?: string; code?: string; message?: string }[] = [];
  for (let x: unknown = e, i = 0; x && i < 6; x = (x as { cause?: unknown }).cause, i++) out.push(x as never);
  return out;
}

/** Errors while streaming and extracting the tarball, as GithubErrors. */
function downloadError(e: unknown, what: string, received: number, expected: number | undefined, client: GithubClient): GithubError {
  if (e instanceof GithubError) return e;
  if (e instanceof TarError) {
    const code = e.code === 'truncated' ? 'truncated' : e.code === 'unsafe' ? 'unsafe-archive' : e.code === 'too-large' ? 'too-large' : 'truncated';
    const hint = e.code === 'unsafe' ? '; the archive was rejected and nothing of it is scanned' : e.code === 'too-large' ? '' : '; try again';
    return new GithubError(`The tarball of ${what} could not be extracted: ${client.scrub(e.message)}${hint}.`, code);
  }
  const chain = errorChain(e);
  const size = expected !== undefined ? `${received} of ${expected} bytes` : `${received} bytes`;
  if (chain.some((x) => x.name === 'TimeoutError' || x.name === 'AbortError')) {
    return new GithubError(`Timed out downloading the tarball of ${what} after ${size}; try again, or raise the download timeout for large repositories.`, 'timeout');
  }
  if (chain.some((x) => x.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(x.message ?? ''))) {
    return new GithubError(`The tarball of ${what} is truncated: the gzip stream ended early after ${size}; try again.`, 'truncated');
  }
  if (chain.some((x) => typeof x.code === 'string' && x.code.startsWith('Z_'))) {
    return new GithubError(`The download of ${what} is not a valid gzip tarball (${client.scrub(chain.find((x) => x.code?.startsWith('Z_'))?.message ?? 'corrupt data')}).`, 'truncated');
  }
  if (chain.some((x) => /terminated|other side closed|premature close|ECONNRESET|socket hang up/i.test(`${x.message ?? ''} ${x.code ?? ''}`))) {
    return new GithubError(`The download of ${what} was cut off after ${size} (connection closed early); the tarball is incomplete, try again.`, 'truncated');
  }
  return toGithubError(e, client, `the tarball of ${what}`);
}

/**
 * Download a repository at a ref (the default branch when none) as GitHub's tarball, resolved to a
 * commit SHA first so the scan names exactly what it scanned, and extract it into a new temporary folder.
 * Truncated, corrupt or unsafe archives are errors; the folder is removed when anything fails.
 */
export async function downloadRepository(target: GithubRepoTarget | string, opts: DownloadOptions = {}): Promise<DownloadedRepository> {
  const t = typeof target === 'string' ? parseGithubTarget(target) : target;
  if (!t || t.kind !== 'repo') throw new GithubError(`not a GitHub repository target: ${String(target)} (expected github:<owner>/<repo>[@<ref>])`, 'invalid-target');
  const client = opts.client ?? createGithubClient(opts);
  const { octokit } = client;
  const { owner, repo } = t;
  const what = `${owner}/${repo}`;

  let repoData: { default_branch: string; html_url: string };
  try {
    repoData = (await octokit.rest.repos.get({ owner, repo })).data;
  } catch (e) {
    throw toGithubError(e, client, `repository ${what}`, 'metadata:read');
  }
  const ref = t.ref ?? repoData.default_branch;

  let sha: string;
  try {
    const r = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', { owner, repo, ref, headers: { accept: 'application/vnd.github.sha' } });
    const data = r.data as unknown;
    sha = typeof data === 'string' ? data.trim() : String((data as { sha?: unknown })?.sha ?? '');
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 404 || status === 422) throw new GithubError(`The ref "${ref}" was not found in ${what} (no such branch, tag or commit).`, 'not-found', status);
    throw toGithubError(e, client, `ref ${ref} of ${what}`);
  }
  if (!/^[0-9a-f]{40}$/i.test(sha)) throw new GithubError(`GitHub did not return a commit SHA for ${what}@${ref}.`, 'http');
  sha = sha.toLowerCase();

  const dir = await mkdtemp(path.join(opts.tmpDir ?? os.tmpdir(), 'saltire-github-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  let received = 0;
  let expected: number | undefined;
  // undici cancels a fetch body once its Response is garbage-collected, which octokit's result does not
  // hold: keep the Response here until the body has been read (else a GC mid-download ends it early)
  const held = new Set<Response>();
  const holdingFetch: typeof fetch = async (input, init) => {
    const r = await fetch(input, init);
    held.add(r);
    return r;
  };
  try {
    let res;
    try {
      res = await octokit.request('GET /repos/{owner}/{repo}/tarball/{ref}', {
        owner,
        repo,
        ref: sha,
        request: { parseSuccessResponseBody: false, signal: AbortSignal.timeout(opts.downloadTimeoutMs ?? 600_000), fetch: holdingFetch },
      });
    } catch (e) {
      throw toGithubError(e, client, `the tarball of ${what}@${sha.slice(0, 12)}`);
    }
    const headers = res.headers as Record<string, string | undefined>;
    const len = Number(headers['content-length']);
    expected = headers['content-encoding'] || !Number.isFinite(len) || headers['content-length'] === undefined ? undefined : len;
    const body = res.data as unknown as WebReadableStream<Uint8Array> | null;
    if (!body) throw new GithubError(`GitHub returned an empty tarball for ${what}.`, 'truncated');
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        received += chunk.length;
        cb(null, chunk);
      },
    });
    const extractor = new TarExtractor(dir, { strip: 1, maxBytes: opts.maxBytes });
    await pipeline(Readable.fromWeb(body), counter, createGunzip(), extractor);
    held.clear();
    if (expected !== undefined && received !== expected) {
      throw new GithubError(`The download of ${what} is incomplete: received ${received} of ${expected} bytes (content-length); try again.`, 'truncated');
    }
    const result = extractor.result();
    const comment = result.globals.comment?.trim();
    if (comment && /^[0-9a-f]{40}$/i.test(comment) && comment.toLowerCase() !== sha) {
      throw new GithubError(`The tarball of ${what} is for commit ${comment}, not the requested ${sha}.`, 'http');
    }
    return { dir, sha, ref, url: `${repoData.html_url}/tree/${sha}`, defaultBranch: repoData.default_branch, skipped: result.skipped, cleanup };
  } catch (e) {
    await cleanup();
    throw downloadError(e, what, received, expected, client);
  }
}
