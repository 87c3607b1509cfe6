import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { remotePostureChecks } from '../../src/github/posture.js';
import { REMOTE_CHECKS, type RemoteCheckResult } from '../../src/github/remote-checks.js';
import { GithubError } from '../../src/github/client.js';
import { isKnownCriterion } from '../../src/standards/catalogue.js';
import { STANDARD_KEYS } from '../../src/model/standards.js';
import { json, startFakeGithub, TOKEN, type FakeGithub } from './support.js';

let gh: FakeGithub;
const NOW = new Date('2026-01-01T00:00:00Z');
const opts = () => ({ token: TOKEN, apiUrl: gh.url, retries: 0, timeoutMs: 2000, now: NOW });

function byId(results: RemoteCheckResult[]): Record<string, RemoteCheckResult> {
  return Object.fromEntries(results.map((r) => [r.ruleId.replace('repository/github-', ''), r]));
}

function repo(extra: Record<string, unknown> = {}) {
  gh.route('GET', '/repos/example/app', (_q, res) =>
    json(res, 200, { name: 'app', default_branch: 'main', visibility: 'public', private: false, archived: false, pushed_at: '2025-12-01T10:00:00Z', permissions: { admin: false, push: true, pull: true }, ...extra }),
  );
}

function pulls(prs: { number: number; merged: boolean; author: string }[], reviews: Record<number, { state: string; login: string }[]>) {
  gh.route('GET', '/repos/example/app/pulls', (_q, res) => json(res, 200, prs.map((p) => ({ number: p.number, merged_at: p.merged ? '2025-11-01T00:00:00Z' : null, user: { login: p.author } }))));
  gh.route('GET', /^\/repos\/example\/app\/pulls\/\d+\/reviews$/, (_q, res, url) => {
    const n = Number(url.pathname.split('/')[5]);
    json(res, 200, (reviews[n] ?? []).map((r) => ({ state: r.state, user: { login: r.login } })));
  });
}

beforeEach(async () => {
  gh = await startFakeGithub();
});
afterEach(async () => {
  await gh.close();
});

describe('remotePostureChecks', () => {
  it('branch protection 403 and no rulesets → inconclusive, naming administration:read (never a pass)', async () => {
    repo();
    gh.route('GET', '/repos/example/app/rules/branches/main', (_q, res) => json(res, 200, []));
    gh.route('GET', '/repos/example/app/branches/main/protection', (_q, res) => json(res, 403, { message: 'Resource not accessible by personal access token' }));
    pulls([], {});
    const r = byId(await remotePostureChecks('example', 'app', opts()));
    for (const id of ['branch-required-reviews', 'branch-required-status-checks', 'branch-force-push-blocked', 'branch-deletion-blocked']) {
      expect(r[id].status, id).toBe('inconclusive');
      expect(r[id].permission).toBe('administration:read');
      expect(r[id].message).toContain('needs `administration:read`');
    }
    // security_and_analysis is absent for non-admins; vulnerability-alerts 404 without admin cannot tell
    expect(r['secret-scanning']).toMatchObject({ status: 'inconclusive', permission: 'administration:read' });
    expect(r['dependabot-alerts']).toMatchObject({ status: 'inconclusive', permission: 'administration:read' });
    expect(r['merged-prs-reviewed'].status).toBe('inconclusive');
  });

  it('rulesets that cover everything pass even when classic protection is unreadable', async () => {
    repo();
    gh.route('GET', '/repos/example/app/rules/branches/main', (_q, res) =>
      json(res, 200, [
        { type: 'pull_request', parameters: { required_approving_review_count: 1 } },
        { type: 'required_status_checks', parameters: { required_status_checks: [{ context: 'ci' }] } },
        { type: 'non_fast_forward' },
        { type: 'deletion' },
      ]),
    );
    gh.route('GET', '/repos/example/app/branches/main/protection', (_q, res) => json(res, 403, { message: 'Forbidden' }));
    pulls([], {});
    const r = byId(await remotePostureChecks('example', 'app', opts()));
    for (const id of ['branch-required-reviews', 'branch-required-status-checks', 'branch-force-push-blocked', 'branch-deletion-blocked']) expect(r[id].status, id).toBe('pass');
  });

  it('an unprotected branch fails every protection check; admin settings are judged', async () => {
    repo({
      permissions: { admin: true },
      visibility: 'private',
      private: true,
      archived: true,
      pushed_at: '2024-06-01T00:00:00Z',
      security_and_analysis: { secret_scanning: { status: 'disabled' }, secret_scanning_push_protection: { status: 'enabled' } },
    });
    gh.route('GET', '/repos/example/app/rules/branches/main', (_q, res) => json(res, 200, []));
    gh.route('GET', '/repos/example/app/branches/main/protection', (_q, res) => json(res, 404, { message: 'Branch not protected' }));
    gh.route('GET', '/repos/example/app/vulnerability-alerts', (_q, res) => json(res, 404, { message: 'Not Found' }));
    pulls(
      [
        { number: 1, merged: true, author: 'dev1' },
        { number: 2, merged: true, author: 'dev2' },
        { number: 3, merged: false, author: 'dev3' },
        { number: 4, merged: true, author: 'dev1' },
      ],
      { 1: [{ state: 'APPROVED', login: 'dev2' }], 2: [{ state: 'APPROVED', login: 'dev2' }], 4: [{ state: 'COMMENTED', login: 'dev2' }] },
    );
    const r = byId(await remotePostureChecks('example', 'app', opts()));
    for (const id of ['branch-required-reviews', 'branch-required-status-checks', 'branch-force-push-blocked', 'branch-deletion-blocked']) expect(r[id].status, id).toBe('fail');
    expect(r['secret-scanning'].status).toBe('fail');
    expect(r['secret-scanning-push-protection'].status).toBe('pass');
    expect(r['dependabot-alerts'].status).toBe('fail');
    expect(r.visibility).toMatchObject({ status: 'fail', severity: 'low' });
    expect(r.archived.status).toBe('fail');
    expect(r['recent-activity']).toMatchObject({ status: 'fail', severity: 'low' });
    expect(r['recent-activity'].message).toContain('579 days');
    // #2 was approved only by its author; #4 only commented on
    expect(r['merged-prs-reviewed']).toMatchObject({ status: 'fail', severity: 'medium', properties: { merged: 3, unreviewed: [2, 4] } });
  });

  it('classic protection settings are read when the token may', async () => {
    repo({ security_and_analysis: { secret_scanning: { status: 'enabled' }, secret_scanning_push_protection: { status: 'disabled' } } });
    gh.route('GET', '/repos/example/app/rules/branches/main', (_q, res) => json(res, 200, []));
    gh.route('GET', '/repos/example/app/branches/main/protection', (_q, res) =>
      json(res, 200, {
        required_pull_request_reviews: { required_approving_review_count: 2 },
        required_status_checks: { strict: true, contexts: [], checks: [] },
        allow_force_pushes: { enabled: false },
        allow_deletions: { enabled: true },
      }),
    );
    gh.route('GET', '/repos/example/app/vulnerability-alerts', (_q, res) => {
      res.writeHead(204);
      res.end();
    });
    pulls([{ number: 9, merged: true, author: 'a' }], { 9: [{ state: 'APPROVED', login: 'b' }] });
    const r = byId(await remotePostureChecks('example', 'app', opts()));
    expect(r['branch-required-reviews'].status).toBe('pass');
    expect(r['branch-required-status-checks'].status).toBe('fail');
    expect(r['branch-force-push-blocked'].status).toBe('pass');
    expect(r['branch-deletion-blocked'].status).toBe('fail');
    expect(r['secret-scanning'].status).toBe('pass');
    expect(r['secret-scanning-push-protection'].status).toBe('fail');
    expect(r['dependabot-alerts'].status).toBe('pass');
    expect(r['merged-prs-reviewed'].status).toBe('pass');
    expect(r.visibility.status).toBe('pass');
    expect(r['recent-activity'].status).toBe('pass');
  });

  it('a rate limit is an error, not an inconclusive check', async () => {
    repo();
    gh.route('GET', '/repos/example/app/rules/branches/main', (_q, res) => json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 7200) }));
    const err = await remotePostureChecks('example', 'app', opts()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubError);
    expect((err as GithubError).code).toBe('rate-limited');
    expect((err as GithubError).message).not.toContain(TOKEN);
  });

  it('REMOTE_CHECKS: unique ids, known criteria, one result per check', async () => {
    const ids = REMOTE_CHECKS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of REMOTE_CHECKS) {
      expect(m.id).toMatch(/^repository\/github-[a-z0-9-]+$/);
      expect(m.description.length).toBeGreaterThanOrEqual(40);
      for (const k of STANDARD_KEYS) for (const c of m.standards[k] ?? []) expect(isKnownCriterion(k, c), `${m.id} ${k} ${c}`).toBe(true);
    }
    repo();
    gh.route('GET', '/repos/example/app/rules/branches/main', (_q, res) => json(res, 200, []));
    pulls([], {});
    const results = await remotePostureChecks('example', 'app', opts());
    expect(results.map((r) => r.ruleId).sort()).toEqual([...ids].sort());
  });
});

describe('remoteFindings', () => {
  it('turns fails into findings and inconclusive checks into notices', async () => {
    const { remoteFindings } = await import('../../src/github/source.js');
    const out = remoteFindings(
      [
        { ruleId: 'repository/github-archived', severity: 'low', status: 'fail', message: 'example/app is archived' },
        { ruleId: 'repository/github-secret-scanning', severity: 'medium', status: 'inconclusive', message: 'needs `administration:read`', permission: 'administration:read' },
        { ruleId: 'repository/github-visibility', severity: 'low', status: 'pass', message: 'public' },
      ],
      'example/app',
      'README.md',
    );
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ ruleId: 'repository/github-archived', pack: 'repository', file: 'README.md', severity: 'low', standards: { dsss: ['8', '13'] } });
    expect(out.findings[0].fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(out.notices).toEqual([{ level: 'warning', ruleId: 'repository/github-secret-scanning', message: 'needs `administration:read`' }]);
  });
});
