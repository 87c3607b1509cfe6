import picomatch from 'picomatch';
import { createGithubClient, GithubError, toGithubError, type GithubClient, type GithubClientOptions } from './client.js';

/**
 * Map over items with at most `limit` calls of `fn` in flight; results keep the input order. The first
 * rejection rejects the whole map (no new calls start after it): catch inside `fn` to carry on past a
 * failing item, e.g. one repository of an organisation that cannot be downloaded.
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const n = Math.max(1, Math.floor(limit) || 1);
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i], i);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return results;
}

export interface OrgRepository {
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  visibility: string;
  pushedAt?: string;
  htmlUrl: string;
}

export interface ListOrgOptions extends GithubClientOptions {
  client?: GithubClient;
  /** Glob patterns (picomatch) on the repository name, or `owner/name` when a pattern has a slash; default all. */
  include?: string[];
  /** Glob patterns of repositories to leave out. */
  exclude?: string[];
  /** Include archived repositories (default false). */
  archived?: boolean;
  /** Include forks (default true). */
  forks?: boolean;
}

interface ApiRepo {
  name: string;
  full_name: string;
  owner?: { login?: string } | null;
  default_branch?: string;
  archived?: boolean;
  fork?: boolean;
  visibility?: string;
  private?: boolean;
  pushed_at?: string | null;
  html_url: string;
}

function matcher(patterns: string[] | undefined): ((name: string, full: string) => boolean) | undefined {
  if (!patterns?.length) return undefined;
  const ms = patterns.map((p) => ({ slash: p.includes('/'), m: picomatch(p, { nocase: true, dot: true }) }));
  return (name, full) => ms.some(({ slash, m }) => m(slash ? full : name));
}

/**
 * Every repository of an organisation (falling back to a user account of that name), paginated,
 * filtered by include/exclude globs, archived and fork flags, sorted by name.
 */
export async function listOrganisationRepositories(org: string, opts: ListOrgOptions = {}): Promise<OrgRepository[]> {
  const client = opts.client ?? createGithubClient(opts);
  const { octokit } = client;
  let repos: ApiRepo[];
  try {
    repos = (await octokit.paginate('GET /orgs/{org}/repos', { org, type: 'all', per_page: 100 })) as ApiRepo[];
  } catch (e) {
    const err = toGithubError(e, client, `organisation ${org}`, 'metadata:read');
    if (err.code !== 'not-found') throw err;
    try {
      repos = (await octokit.paginate('GET /users/{username}/repos', { username: org, type: 'owner', per_page: 100 })) as ApiRepo[];
    } catch (e2) {
      const err2 = toGithubError(e2, client, `organisation or user ${org}`, 'metadata:read');
      throw err2.code === 'not-found' ? new GithubError(`GitHub has no organisation or user "${org}" that the ${client.authenticated ? 'token' : 'unauthenticated request'} can see.`, 'not-found', 404) : err2;
    }
  }
  const inc = matcher(opts.include);
  const exc = matcher(opts.exclude);
  return repos
    .filter((r) => (opts.archived ? true : !r.archived))
    .filter((r) => (opts.forks === false ? !r.fork : true))
    .filter((r) => (inc ? inc(r.name, r.full_name) : true))
    .filter((r) => (exc ? !exc(r.name, r.full_name) : true))
    .map((r) => ({
      owner: r.owner?.login ?? r.full_name.split('/')[0],
      name: r.name,
      fullName: r.full_name,
      defaultBranch: r.default_branch ?? 'main',
      archived: !!r.archived,
      fork: !!r.fork,
      visibility: r.visibility ?? (r.private ? 'private' : 'public'),
      ...(r.pushed_at ? { pushedAt: r.pushed_at } : {}),
      htmlUrl: r.html_url,
    }))
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}
