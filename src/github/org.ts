import picomatch from 'picomatch';
import { createGithubClient, GithubError, toGithubError, type GithubClient, type GithubClientOptions } from './client.js';

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
