import type { Severity } from '../model/severity.js';
import { createGithubClient, GithubError, toGithubError, type GithubClient, type GithubClientOptions } from './client.js';
import { mapWithConcurrency } from '../concurrency.js';
import { REMOTE_CHECK_BY_ID, type RemoteCheckResult, type RemoteStatus } from './remote-checks.js';

export interface PostureOptions extends GithubClientOptions {
  client?: GithubClient;
  /** "Now", for the activity check (tests). */
  now?: Date;
  /** Merged pull requests to look at (default 20). */
  pullRequests?: number;
}

type Fetched<T> = { ok: true; data: T; status: number } | { ok: false; status?: number; error: GithubError; message?: string };

interface RulesetRule {
  type: string;
  parameters?: Record<string, unknown>;
}

interface ClassicProtection {
  required_pull_request_reviews?: { required_approving_review_count?: number } | null;
  required_status_checks?: { contexts?: string[]; checks?: unknown[] } | null;
  allow_force_pushes?: { enabled?: boolean } | null;
  allow_deletions?: { enabled?: boolean } | null;
  enforce_admins?: { enabled?: boolean } | null;
}

/**
 * Run every remote check on one repository. Throws a GithubError when the repository itself cannot be
 * read, the token is rejected or the rate limit is hit; a check whose endpoint the token may not read
 * is `inconclusive`.
 */
export async function remotePostureChecks(owner: string, repo: string, opts: PostureOptions = {}): Promise<RemoteCheckResult[]> {
  const client = opts.client ?? createGithubClient(opts);
  const { octokit } = client;
  const what = `${owner}/${repo}`;
  const now = opts.now ?? new Date();

  const get = async <T>(route: string, params: Record<string, unknown>, label: string, permission: string): Promise<Fetched<T>> => {
    try {
      const r = await octokit.request(route, { owner, repo, ...params });
      return { ok: true, data: r.data as T, status: r.status };
    } catch (e) {
      const err = toGithubError(e, client, label, permission);
      if (err.code === 'forbidden' || err.code === 'not-found') {
        const data = (e as { response?: { data?: { message?: string } } }).response?.data;
        return { ok: false, status: err.status, error: err, message: typeof data === 'object' && data ? data.message : undefined };
      }
      throw err;
    }
  };

  let r: {
    default_branch: string;
    visibility?: string;
    private?: boolean;
    archived?: boolean;
    pushed_at?: string | null;
    permissions?: { admin?: boolean };
    security_and_analysis?: Record<string, { status?: string } | undefined> | null;
  };
  try {
    r = (await octokit.rest.repos.get({ owner, repo })).data as typeof r;
  } catch (e) {
    throw toGithubError(e, client, `repository ${what}`, 'metadata:read');
  }
  const branch = r.default_branch;
  const admin = r.permissions?.admin === true;
  const out: RemoteCheckResult[] = [];
  const add = (id: string, status: RemoteStatus, message: string, extra: Partial<RemoteCheckResult> = {}) => {
    const m = REMOTE_CHECK_BY_ID.get(id)!;
    out.push({ ruleId: id, severity: extra.severity ?? m.severity, message: client.scrub(message), status, ...(extra.permission ? { permission: extra.permission } : {}), ...(extra.properties ? { properties: extra.properties } : {}) });
  };

  // --- default branch protection: rulesets (readable with read access) and classic protection (admin)
  const rules = await get<RulesetRule[]>('GET /repos/{owner}/{repo}/rules/branches/{branch}', { branch, per_page: 100 }, `the rulesets of ${what}`, 'metadata:read');
  const classic = await get<ClassicProtection>('GET /repos/{owner}/{repo}/branches/{branch}/protection', { branch }, `the branch protection of ${what}`, 'administration:read');
  const rulesKnown = rules.ok;
  const ruleList = rules.ok && Array.isArray(rules.data) ? rules.data : [];
  // 404 "Branch not protected" is a definite answer; other 404s and 403s mean the token cannot tell
  const classicNone = !classic.ok && classic.status === 404 && /not protected/i.test(classic.message ?? '');
  const classicKnown = classic.ok || classicNone;
  const prot: ClassicProtection | undefined = classic.ok ? classic.data : undefined;

  const protectionCheck = (id: string, label: string, byClassic: (p: ClassicProtection) => boolean, byRules: (rs: RulesetRule[]) => boolean, failText: string) => {
    const viaClassic = prot ? byClassic(prot) : false;
    const viaRules = byRules(ruleList);
    if (viaClassic || viaRules) {
      add(id, 'pass', `The default branch ${branch} ${label} (${[viaRules ? 'ruleset' : '', viaClassic ? 'branch protection' : ''].filter(Boolean).join(' and ')}).`);
      return;
    }
    if (classicKnown && rulesKnown) {
      add(id, 'fail', `The default branch ${branch} of ${what} ${failText}`, { properties: { branch, branchProtection: classicNone ? 'none' : 'present', rulesets: ruleList.map((x) => x.type) } });
      return;
    }
    const missing = !classicKnown ? 'administration:read' : 'metadata:read';
    add(id, 'inconclusive', `Could not tell whether the default branch ${branch} of ${what} ${label}: the token cannot read its ${!classicKnown ? 'branch protection' : 'rulesets'} (needs \`${missing}\`).`, { permission: missing });
  };

  protectionCheck(
    'repository/github-branch-required-reviews',
    'requires an approving review before merging',
    (p) => (p.required_pull_request_reviews?.required_approving_review_count ?? 0) >= 1,
    (rs) => rs.some((x) => x.type === 'pull_request' && Number(x.parameters?.required_approving_review_count ?? 0) >= 1),
    'does not require an approving pull request review: enable "Require a pull request before merging" with at least 1 approval in a ruleset or branch protection.',
  );
  protectionCheck(
    'repository/github-branch-required-status-checks',
    'requires status checks to pass',
    (p) => !!p.required_status_checks && ((p.required_status_checks.contexts?.length ?? 0) > 0 || (p.required_status_checks.checks?.length ?? 0) > 0),
    (rs) => rs.some((x) => x.type === 'required_status_checks' && Array.isArray(x.parameters?.required_status_checks) && (x.parameters.required_status_checks as unknown[]).length > 0),
    'does not require any status check: make the CI jobs required status checks in a ruleset or branch protection.',
  );
  protectionCheck(
    'repository/github-branch-force-push-blocked',
    'blocks force pushes',
    (p) => p.allow_force_pushes?.enabled !== true,
    (rs) => rs.some((x) => x.type === 'non_fast_forward'),
    'allows force pushes (it is unprotected, or protection allows them): block force pushes in a ruleset or branch protection.',
  );
  protectionCheck(
    'repository/github-branch-deletion-blocked',
    'cannot be deleted',
    (p) => p.allow_deletions?.enabled !== true,
    (rs) => rs.some((x) => x.type === 'deletion'),
    'can be deleted: restrict deletions in a ruleset or branch protection.',
  );

  // --- security features (security_and_analysis is only on the repository object for admins)
  const sa = r.security_and_analysis ?? undefined;
  const feature = (id: string, key: string, name: string) => {
    const status = sa?.[key]?.status;
    if (status === 'enabled') add(id, 'pass', `${name} is enabled for ${what}.`);
    else if (status === 'disabled') add(id, 'fail', `${name} is disabled for ${what}; enable it in Settings → Code security.`, { properties: { [key]: status } });
    else add(id, 'inconclusive', `Could not tell whether ${name} is enabled for ${what}: GitHub shows security settings only to repository admins (needs \`administration:read\`).`, { permission: 'administration:read' });
  };
  feature('repository/github-secret-scanning', 'secret_scanning', 'Secret scanning');
  feature('repository/github-secret-scanning-push-protection', 'secret_scanning_push_protection', 'Secret scanning push protection');

  const alerts = await get<unknown>('GET /repos/{owner}/{repo}/vulnerability-alerts', {}, `the Dependabot alerts setting of ${what}`, 'administration:read');
  if (alerts.ok) add('repository/github-dependabot-alerts', 'pass', `Dependabot alerts are enabled for ${what}.`);
  else if (alerts.status === 404 && admin) add('repository/github-dependabot-alerts', 'fail', `Dependabot alerts are disabled for ${what}; enable the dependency graph and Dependabot alerts in Settings → Code security.`);
  else add('repository/github-dependabot-alerts', 'inconclusive', `Could not tell whether Dependabot alerts are enabled for ${what}: the setting is visible to repository admins only (needs \`administration:read\`).`, { permission: 'administration:read' });

  // --- visibility, archived, activity
  const visibility = r.visibility ?? (r.private ? 'private' : 'public');
  if (visibility === 'public') add('repository/github-visibility', 'pass', `${what} is public.`);
  else add('repository/github-visibility', 'fail', `${what} is ${visibility}: new code should be open unless there is a recorded reason to keep it closed; make it public once its history holds no secrets.`, { properties: { visibility } });

  if (r.archived) add('repository/github-archived', 'fail', `${what} is archived: it gets no fixes or dependency updates; if a service still runs from it, unarchive it and maintain it.`);
  else add('repository/github-archived', 'pass', `${what} is not archived.`);

  const pushed = r.pushed_at ? new Date(r.pushed_at) : undefined;
  if (!pushed || Number.isNaN(pushed.getTime())) {
    add('repository/github-recent-activity', 'inconclusive', `GitHub did not say when ${what} was last pushed to.`);
  } else {
    const days = Math.floor((now.getTime() - pushed.getTime()) / 86_400_000);
    if (days > 365) add('repository/github-recent-activity', 'fail', `Nothing has been pushed to ${what} for ${days} days (last push ${pushed.toISOString().slice(0, 10)}): confirm it is maintained and update its dependencies, or archive it.`, { properties: { pushedAt: r.pushed_at, days } });
    else add('repository/github-recent-activity', 'pass', `${what} was last pushed to ${days} day${days === 1 ? '' : 's'} ago.`, { properties: { pushedAt: r.pushed_at, days } });
  }

  // --- review practice on the last merged pull requests
  const want = opts.pullRequests ?? 20;
  const merged: { number: number; author?: string }[] = [];
  let pullsDenied: GithubError | undefined;
  for (let page = 1; page <= 3 && merged.length < want; page++) {
    const res = await get<{ number: number; merged_at: string | null; user?: { login?: string } | null; base?: { ref?: string } }[]>(
      'GET /repos/{owner}/{repo}/pulls',
      { state: 'closed', sort: 'updated', direction: 'desc', per_page: 100, page },
      `the pull requests of ${what}`,
      'pull_requests:read',
    );
    if (!res.ok) {
      pullsDenied = res.error;
      break;
    }
    for (const pr of res.data) if (pr.merged_at && merged.length < want) merged.push({ number: pr.number, author: pr.user?.login });
    if (res.data.length < 100) break;
  }
  if (pullsDenied) {
    add('repository/github-merged-prs-reviewed', 'inconclusive', `Could not read the pull requests of ${what} (needs \`pull_requests:read\`).`, { permission: 'pull_requests:read' });
  } else if (!merged.length) {
    add('repository/github-merged-prs-reviewed', 'inconclusive', `${what} has no recently merged pull requests: changes may be pushed straight to the branch, which no review covers.`);
  } else {
    let denied = false;
    const reviewed = await mapWithConcurrency(merged, 4, async (pr) => {
      const res = await get<{ state: string; user?: { login?: string } | null }[]>('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { pull_number: pr.number, per_page: 100 }, `the reviews of ${what}#${pr.number}`, 'pull_requests:read');
      if (!res.ok) {
        denied = true;
        return false;
      }
      return res.data.some((rv) => rv.state === 'APPROVED' && rv.user?.login && rv.user.login !== pr.author);
    });
    const unreviewed = merged.filter((_, i) => !reviewed[i]).map((p) => p.number);
    const props = { merged: merged.length, unreviewed };
    if (denied) {
      add('repository/github-merged-prs-reviewed', 'inconclusive', `Could not read the reviews of ${what}'s pull requests (needs \`pull_requests:read\`).`, { permission: 'pull_requests:read' });
    } else if (!unreviewed.length) {
      add('repository/github-merged-prs-reviewed', 'pass', `All ${merged.length} recently merged pull requests of ${what} had an approving review from someone other than the author.`, { properties: props });
    } else {
      const list = unreviewed.slice(0, 10).map((n) => `#${n}`).join(', ') + (unreviewed.length > 10 ? ', …' : '');
      // a few exceptions (an emergency fix) are low; a habit is medium
      const severity: Severity = unreviewed.length * 2 > merged.length ? 'medium' : 'low';
      add('repository/github-merged-prs-reviewed', 'fail', `${unreviewed.length} of the last ${merged.length} merged pull requests of ${what} had no approving review from someone other than the author (${list}); require an approving review on the default branch.`, { severity, properties: props });
    }
  }
  return out;
}
