import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listOrganisationRepositories } from '../../src/github/org.js';
import { mapWithConcurrency } from '../../src/concurrency.js';
import { GithubError } from '../../src/github/client.js';
import { json, startFakeGithub, TOKEN, type FakeGithub } from './support.js';

let gh: FakeGithub;
const opts = () => ({ token: TOKEN, apiUrl: gh.url, retries: 0, timeoutMs: 2000 });

function repos(names: string[], extra: (n: string) => Record<string, unknown> = () => ({})) {
  return names.map((n) => ({ name: n, full_name: `scotgov/${n}`, owner: { login: 'scotgov' }, default_branch: 'main', archived: false, fork: false, visibility: 'public', html_url: `https://github.com/scotgov/${n}`, ...extra(n) }));
}

beforeEach(async () => {
  gh = await startFakeGithub();
});
afterEach(async () => {
  await gh.close();
});

describe('listOrganisationRepositories', () => {
  it('follows Link pagination and applies include/exclude/archived filters', async () => {
    const pages = [
      repos(['apply-service', 'Design-System', 'old-site'], (n) => (n === 'old-site' ? { archived: true } : {})),
      repos(['apply-api', 'infra-live', 'sandbox-x']),
      repos(['apply-frontend'], () => ({ fork: true })),
    ];
    gh.route('GET', '/orgs/scotgov/repos', (_q, res, url) => {
      const page = Number(url.searchParams.get('page') ?? '1');
      expect(url.searchParams.get('per_page')).toBe('100');
      const link = page < pages.length ? `<${gh.url}/orgs/scotgov/repos?per_page=100&type=all&page=${page + 1}>; rel="next", <${gh.url}/orgs/scotgov/repos?per_page=100&type=all&page=${pages.length}>; rel="last"` : '';
      json(res, 200, pages[page - 1], link ? { link } : {});
    });
    const all = await listOrganisationRepositories('scotgov', opts());
    expect(all.map((r) => r.name)).toEqual(['apply-api', 'apply-frontend', 'apply-service', 'Design-System', 'infra-live', 'sandbox-x']);
    expect(gh.requests.filter((q) => q.path.startsWith('/orgs/')).length).toBe(3);

    const withArchived = await listOrganisationRepositories('scotgov', { ...opts(), archived: true });
    expect(withArchived.map((r) => r.name)).toContain('old-site');

    const filtered = await listOrganisationRepositories('scotgov', { ...opts(), include: ['apply-*', 'design-*'], exclude: ['*-frontend'], forks: false });
    expect(filtered.map((r) => r.name)).toEqual(['apply-api', 'apply-service', 'Design-System']);

    const byFullName = await listOrganisationRepositories('scotgov', { ...opts(), include: ['scotgov/infra-*'] });
    expect(byFullName.map((r) => r.fullName)).toEqual(['scotgov/infra-live']);
    expect(byFullName[0]).toMatchObject({ owner: 'scotgov', defaultBranch: 'main', archived: false, visibility: 'public' });
  });

  it('falls back to a user account, and says when neither exists', async () => {
    gh.route('GET', '/users/someone/repos', (_q, res) => json(res, 200, repos(['dotfiles'])));
    expect((await listOrganisationRepositories('someone', opts())).map((r) => r.name)).toEqual(['dotfiles']);
    const err = await listOrganisationRepositories('nobody', opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubError);
    expect((err as GithubError).code).toBe('not-found');
    expect((err as GithubError).message).toContain('no organisation or user "nobody"');
  });

  it('401 on the listing is an error without the token', async () => {
    gh.route('GET', '/orgs/scotgov/repos', (_q, res) => json(res, 401, { message: 'Bad credentials' }));
    const err = (await listOrganisationRepositories('scotgov', opts()).catch((e: unknown) => e)) as GithubError;
    expect(err.code).toBe('unauthorized');
    expect(err.message).not.toContain(TOKEN);
  });
});

describe('mapWithConcurrency', () => {
  it('keeps order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n * 3));
      running--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
    expect(peak).toBe(3);
  });

  it('rejects on the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('handles an empty list', async () => {
    expect(await mapWithConcurrency([], 4, async () => 1)).toEqual([]);
  });
});
