import type { RuleMeta } from '../model/rule.js';
import type { Severity } from '../model/severity.js';

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

/** The remote checks' metadata by rule id. */
export const REMOTE_CHECK_BY_ID: ReadonlyMap<string, RuleMeta> = new Map(REMOTE_CHECKS.map((m) => [m.id, m]));
