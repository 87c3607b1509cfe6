import type { RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';
import { createGithubClient, GithubError, toGithubError, type GithubClient, type GithubClientOptions } from './client.js';
import { mapWithConcurrency } from './org.js';

/**
 * Repository posture that only the GitHub API can tell: branch protection and rulesets, security
 * features, visibility, activity and review practice. These are not rules of the `repository` pack
 * (they have no file to run on); their metadata is `REMOTE_CHECKS`, and `remotePostureChecks` returns
 * one result per check: `pass`, `fail`, or `inconclusive` when the token cannot read what the check needs
 * (the permission is named). An inconclusive check is never a pass.
 */

export type RemoteStatus = 'pass' | 'fail' | 'inconclusive';

export interface RemoteCheckResult {
  ruleId: string;
  severity: Severity;
  message: string;
  status: RemoteStatus;
  /** For `inconclusive`: the fine-grained permission (or access) the check needs. */
  permission?: string;
  /** Facts behind the result (counts, dates, settings) for the JSON report. */
  properties?: Record<string, unknown>;
}

const REFS = {
  protection: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches',
  rulesets: 'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets',
  scorecardBp: 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#branch-protection',
  secretScanning: 'https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning',
  pushProtection: 'https://docs.github.com/en/code-security/secret-scanning/introduction/about-push-protection',
  dependabot: 'https://docs.github.com/en/code-security/dependabot/dependabot-alerts/about-dependabot-alerts',
  openCode: 'https://www.gov.uk/service-manual/technology/making-source-code-open-and-reusable',
  ncscPipeline: 'https://www.ncsc.gov.uk/collection/developers-collection/principles/secure-the-build-and-deployment-pipeline',
};

const SECURE_CHANGE = { dsss: ['8'], govuk: ['9'], sbd: ['10'], caf: ['B4'] };

function meta(m: Omit<RuleMeta, 'kinds' | 'since'>): RuleMeta {
  return { ...m, kinds: ['text'], since: '0.1.0' };
}

/** Metadata of the remote checks (RuleMeta-shaped, so reporters and `explain` can describe them). */
export const REMOTE_CHECKS: RuleMeta[] = [
  meta({
    id: 'repository/github-branch-required-reviews',
    title: 'Default branch does not require pull request reviews',
    description: 'Without a required approving review, anyone with write access (or a stolen token) can put code on the default branch, and from there into production, without a second person seeing it. Branch protection or a ruleset requiring at least one approval makes every change reviewed.',
    severity: 'high',
    messages: { default: '{{message}}' },
    remediation: 'Protect the default branch (a ruleset, or classic branch protection) with "Require a pull request before merging" and at least one required approval; also dismiss stale approvals and require code owner review.',
    references: [REFS.rulesets, REFS.protection, REFS.scorecardBp],
    standards: SECURE_CHANGE,
    equivalents: { scorecard: ['Branch-Protection', 'Code-Review'] },
    security: true,
  }),
  meta({
    id: 'repository/github-branch-required-status-checks',
    title: 'Default branch does not require status checks',
    description: 'Required status checks make the CI build, tests and security scans a condition of merging. Without them a pull request can merge while its checks are failing or before they ran.',
    severity: 'medium',
    messages: { default: '{{message}}' },
    remediation: 'In the default branch\'s ruleset or protection, turn on "Require status checks to pass" and select the CI jobs (build, tests, Saltire).',
    references: [REFS.rulesets, REFS.protection, REFS.scorecardBp],
    standards: SECURE_CHANGE,
    equivalents: { scorecard: ['Branch-Protection', 'CI-Tests'] },
    security: true,
  }),
  meta({
    id: 'repository/github-branch-force-push-blocked',
    title: 'Default branch allows force pushes',
    description: 'A force push rewrites the default branch\'s history: reviewed commits can be replaced by unreviewed ones and evidence of a change removed. Protected branches block force pushes unless explicitly allowed.',
    severity: 'medium',
    messages: { default: '{{message}}' },
    remediation: 'Protect the default branch and block force pushes ("Block force pushes" in a ruleset; leave "Allow force pushes" off in classic protection).',
    references: [REFS.rulesets, REFS.protection, REFS.scorecardBp],
    standards: SECURE_CHANGE,
    equivalents: { scorecard: ['Branch-Protection'] },
    security: true,
  }),
  meta({
    id: 'repository/github-branch-deletion-blocked',
    title: 'Default branch can be deleted',
    description: 'A default branch that can be deleted can be lost with its protection, by mistake or maliciously. Branch protection and rulesets can restrict deletion.',
    severity: 'low',
    messages: { default: '{{message}}' },
    remediation: 'Protect the default branch and restrict deletions ("Restrict deletions" in a ruleset; leave "Allow deletions" off in classic protection).',
    references: [REFS.rulesets, REFS.protection, REFS.scorecardBp],
    standards: SECURE_CHANGE,
    equivalents: { scorecard: ['Branch-Protection'] },
    security: true,
  }),
  meta({
    id: 'repository/github-secret-scanning',
    title: 'Secret scanning is not enabled',
    description: 'GitHub secret scanning alerts on credentials committed to the repository (and, for partner patterns, notifies the issuer so the token can be revoked). It is the backstop for the secrets that reach the repository despite everything else.',
    severity: 'medium',
    messages: { default: '{{message}}' },
    remediation: 'Enable secret scanning in the repository\'s Settings → Code security (or through an organisation security configuration).',
    references: [REFS.secretScanning],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['5', '8'], caf: ['B3', 'C1'] },
    equivalents: {},
    security: true,
  }),
  meta({
    id: 'repository/github-secret-scanning-push-protection',
    title: 'Secret scanning push protection is not enabled',
    description: 'Push protection blocks a push that contains a recognised secret before it lands in the repository, so it never has to be revoked and purged from history.',
    severity: 'low',
    messages: { default: '{{message}}' },
    remediation: 'Enable push protection in Settings → Code security → Secret scanning.',
    references: [REFS.pushProtection],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8', '10'], caf: ['B3'] },
    equivalents: {},
    security: true,
  }),
  meta({
    id: 'repository/github-dependabot-alerts',
    title: 'Dependabot alerts are not enabled',
    description: 'Dependabot alerts tell the team when a dependency in the repository has a published vulnerability. Without them, vulnerable dependencies are noticed only if someone runs a scanner.',
    severity: 'medium',
    messages: { default: '{{message}}' },
    remediation: 'Enable the dependency graph and Dependabot alerts in Settings → Code security.',
    references: [REFS.dependabot],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['2', '10'], caf: ['A4', 'B4'] },
    equivalents: {},
    security: true,
  }),
  meta({
    id: 'repository/github-visibility',
    title: 'Repository is not public',
    description: 'The Digital Scotland and GOV.UK Service Standards and the Technology Code of Practice expect new source code to be open, unless there is a good reason (such as code for fraud detection or unreleased policy) to keep a specific part closed.',
    severity: 'low',
    messages: { default: '{{message}}' },
    remediation: 'Make the repository public once it is safe to (no secrets in its history), or record why this code is an exception to coding in the open.',
    references: [REFS.openCode, 'https://www.gov.uk/government/publications/open-source-guidance/when-code-should-be-open-or-closed'],
    standards: { dsss: ['11'], govuk: ['12'], tcop: ['3'] },
    equivalents: {},
  }),
  meta({
    id: 'repository/github-archived',
    title: 'Repository is archived',
    description: 'An archived repository is read-only: it receives no fixes, dependency updates or security patches. If a live service still runs from it, vulnerabilities will not be fixed.',
    severity: 'low',
    messages: { default: '{{message}}' },
    remediation: 'Unarchive the repository if a service still runs from it, or decommission the service and mark the repository as retired in its README.',
    references: ['https://docs.github.com/en/repositories/archiving-a-github-repository/archiving-repositories', 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#maintained'],
    standards: { dsss: ['8', '13'], govuk: ['9', '14'], sbd: ['10'] },
    equivalents: { scorecard: ['Maintained'] },
    security: true,
  }),
  meta({
    id: 'repository/github-recent-activity',
    title: 'No pushes to the repository for over a year',
    description: 'A repository nobody has pushed to for a year is probably not maintained: its dependencies have drifted and published vulnerabilities in them have not been fixed.',
    severity: 'low',
    messages: { default: '{{message}}' },
    remediation: 'Confirm who maintains the code and bring its dependencies up to date, or archive the repository and decommission what runs from it.',
    references: ['https://github.com/ossf/scorecard/blob/main/docs/checks.md#maintained'],
    standards: { dsss: ['8', '13'], govuk: ['9', '14'], sbd: ['10'] },
    equivalents: { scorecard: ['Maintained'] },
    security: true,
  }),
  meta({
    id: 'repository/github-merged-prs-reviewed',
    title: 'Recent pull requests were merged without review',
    description: 'Whatever the branch settings say, the merged pull requests show the practice: a change merged without an approving review from someone other than its author was not checked by a second person.',
    severity: 'medium',
    messages: { default: '{{message}}' },
    remediation: 'Require at least one approving review on the default branch and stop admins bypassing it; review the listed pull requests after the fact.',
    references: ['https://github.com/ossf/scorecard/blob/main/docs/checks.md#code-review', REFS.rulesets],
    standards: SECURE_CHANGE,
    equivalents: { scorecard: ['Code-Review'] },
    security: true,
  }),
];

const META = new Map(REMOTE_CHECKS.map((m) => [m.id, m]));

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
    const m = META.get(id)!;
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
