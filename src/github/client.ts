import { Octokit } from 'octokit';
import { PACKAGE_VERSION } from '../paths.js';

/**
 * The GitHub client Saltire uses: `octokit`'s `Octokit` (REST methods, pagination, retry and throttling
 * plugins) with bounded waits, request timeouts, a silent logger and errors that never carry the token.
 */

export const DEFAULT_API_URL = 'https://api.github.com';

export interface GithubClientOptions {
  /** A token (classic or fine-grained PAT, GitHub App or Actions token); `GITHUB_TOKEN` when omitted. */
  token?: string;
  /** REST API base URL: `https://api.github.com`, GHES `https://host/api/v3`; `GITHUB_API_URL` when omitted. */
  apiUrl?: string;
  /** Timeout of each API request, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries of a request that failed with a server error or a timeout (default 2). */
  retries?: number;
  /** Longest wait for a rate limit to reset before giving up with an error (default 60 s). */
  maxRateLimitWaitSeconds?: number;
  /** Base of the retry back-off in ms (retry n waits n² × this; default 1000). Tests lower it. */
  retryBaseMs?: number;
}

export type GithubErrorCode =
  | 'invalid-target'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'timeout'
  | 'truncated'
  | 'unsafe-archive'
  | 'too-large'
  | 'network'
  | 'http';

/** An error talking to GitHub, with a message fit for a user (and never containing the token). */
export class GithubError extends Error {
  constructor(
    message: string,
    readonly code: GithubErrorCode,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'GithubError';
  }
}

export interface GithubClient {
  octokit: Octokit;
  apiUrl: string;
  /** True when a token is in use. */
  authenticated: boolean;
  /** Remove the token (and its encodings) from a string. */
  scrub(text: string): string;
}

/** Remove every form of `token` from text: as is, URL-encoded, and base64 in Basic auth. */
export function makeScrubber(token: string | undefined): (text: string) => string {
  if (!token || token.length < 4) return (t) => t;
  const forms = new Set([token, encodeURIComponent(token), Buffer.from(`x-access-token:${token}`).toString('base64'), Buffer.from(token).toString('base64')]);
  return (text) => {
    let out = text;
    for (const f of forms) out = out.split(f).join('***');
    return out;
  };
}

export function tokenFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const t = env.GITHUB_TOKEN?.trim() || env.GH_TOKEN?.trim();
  return t || undefined;
}

export function apiUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** fetch with a timeout for API calls; a request that brings its own signal (downloads) keeps it. */
function timeoutFetch(ms: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(ms) });
}

export function createGithubClient(opts: GithubClientOptions = {}): GithubClient {
  const token = opts.token ?? tokenFromEnv();
  const apiUrl = (opts.apiUrl ?? apiUrlFromEnv()).replace(/\/+$/, '');
  const maxWait = opts.maxRateLimitWaitSeconds ?? 60;
  const allowWait = (retryAfter: number, options: { request?: { retryCount?: number } }) => retryAfter <= maxWait && (options.request?.retryCount ?? 0) === 0;
  const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  const octokit = new Octokit({
    auth: token,
    baseUrl: apiUrl,
    userAgent: `saltire/${PACKAGE_VERSION}`,
    log: silent,
    request: { fetch: timeoutFetch(opts.timeoutMs ?? 30_000), retries: opts.retries ?? 2 },
    retry: { retries: opts.retries ?? 2, ...(opts.retryBaseMs !== undefined ? { retryAfterBaseValue: opts.retryBaseMs } : {}) },
    throttle: {
      onRateLimit: (retryAfter: number, options: { request?: { retryCount?: number } }) => allowWait(retryAfter, options),
      onSecondaryRateLimit: (retryAfter: number, options: { request?: { retryCount?: number } }) => allowWait(retryAfter, options),
      ...(opts.retryBaseMs !== undefined ? { retryAfterBaseValue: opts.retryBaseMs } : {}),
    },
  });
  return { octokit, apiUrl, authenticated: !!token, scrub: makeScrubber(token) };
}

interface ResponseLike {
  status?: number;
  headers?: Record<string, string | number | undefined>;
  data?: unknown;
}

function header(resp: ResponseLike | undefined, name: string): string | undefined {
  const v = resp?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

/** "at 2026-01-01T12:00:00Z (in 14 minutes)" from an `x-ratelimit-reset` epoch-seconds header. */
export function describeReset(reset: string | undefined, now = Date.now()): string {
  const secs = Number(reset);
  if (!reset || !Number.isFinite(secs) || secs <= 0) return 'at an unknown time (no x-ratelimit-reset header)';
  const at = new Date(secs * 1000);
  const mins = Math.max(0, Math.ceil((at.getTime() - now) / 60_000));
  return `at ${at.toISOString().replace(/\.\d{3}Z$/, 'Z')} (in ${mins} minute${mins === 1 ? '' : 's'})`;
}

function isTimeout(e: unknown): boolean {
  for (let x: unknown = e, i = 0; x && i < 5; x = (x as { cause?: unknown }).cause, i++) {
    const name = (x as { name?: string }).name;
    const msg = String((x as { message?: string }).message ?? '');
    if (name === 'TimeoutError' || /aborted due to timeout|timed? ?out/i.test(msg)) return true;
  }
  return false;
}

/**
 * Turn whatever octokit or fetch threw into a GithubError with a clear, token-free message.
 * `what` names the thing being fetched (e.g. "repository example/app"); `permission` the
 * fine-grained permission the request needs (named in 403 messages).
 */
export function toGithubError(e: unknown, client: Pick<GithubClient, 'scrub' | 'authenticated'>, what: string, permission = 'contents:read'): GithubError {
  if (e instanceof GithubError) return new GithubError(client.scrub(e.message), e.code, e.status);
  const err = e as { status?: number; message?: string; response?: ResponseLike; name?: string };
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const resp = err?.response;
  const detail = client.scrub(String(err?.message ?? e).split('\n')[0]).slice(0, 200);
  const auth = client.authenticated ? 'the token' : 'an unauthenticated request (set GITHUB_TOKEN)';
  if (isTimeout(e)) return new GithubError(`Timed out fetching ${what} from GitHub; check the network or GITHUB_API_URL and try again.`, 'timeout', status);
  if (status === 404) {
    return new GithubError(`GitHub returned 404 for ${what}: it does not exist, or ${auth} cannot see it (private and internal repositories need a token with \`contents:read\` / the \`repo\` scope).`, 'not-found', 404);
  }
  if (status === 401) {
    return new GithubError(`GitHub rejected the credentials (401${detail ? `: ${detail}` : ''}) while fetching ${what}; check that GITHUB_TOKEN is valid and has not expired.`, 'unauthorized', 401);
  }
  if (status === 403 || status === 429) {
    const remaining = header(resp, 'x-ratelimit-remaining');
    const retryAfter = header(resp, 'retry-after');
    if (remaining === '0') {
      const hint = client.authenticated ? '' : ' Unauthenticated requests get 60 an hour: set GITHUB_TOKEN for 5,000.';
      return new GithubError(`GitHub API rate limit exceeded while fetching ${what}; it resets ${describeReset(header(resp, 'x-ratelimit-reset'))}.${hint}`, 'rate-limited', status);
    }
    if (retryAfter || /secondary rate limit|abuse/i.test(detail) || status === 429) {
      return new GithubError(`GitHub's secondary rate limit stopped the request for ${what}; retry after ${retryAfter ?? 'a minute'} second${retryAfter === '1' ? '' : 's'}, or scan fewer repositories at once.`, 'rate-limited', status);
    }
    return new GithubError(`GitHub refused access to ${what} (403${detail ? `: ${detail}` : ''}); ${auth} needs \`${permission}\` on the repository.`, 'forbidden', 403);
  }
  if (status !== undefined && status >= 400) return new GithubError(`GitHub returned HTTP ${status} for ${what}${detail ? `: ${detail}` : ''}.`, 'http', status);
  return new GithubError(`Could not reach GitHub for ${what}: ${detail || 'network error'}.`, 'network', status);
}
