/**
 * Judging AWS role trust policies that federate a shared CI OIDC issuer (GitHub Actions, GitLab.com,
 * HCP Terraform): which issuer a Federated principal names, and whether the statement's conditions on
 * the issuer's `sub` claim limit the callers to one owner. Shared by the Terraform and CloudFormation rules.
 */

export interface CiIssuer {
  /** The issuer host as IAM writes it in provider ARNs and condition keys. */
  host: string;
  name: string;
  /** How `sub` names the owner first, e.g. `repo:octo-org/` (a literal owner followed by the separator). */
  pinned: RegExp;
  /** What `sub` names: repository, project, workspace. */
  what: string;
  /** The claim `sub` starts with, naming the owner. */
  ownerKey: string;
  /** A documented subject, for messages. */
  example: string;
}

const GITHUB = 'token.actions.githubusercontent.com';

/** Issuers that sign tokens for anyone who signs up; per-organisation issuers are left out. */
export const CI_ISSUERS: CiIssuer[] = [
  { host: 'token.actions.githubusercontent.com', name: 'GitHub Actions', what: 'repository', ownerKey: 'repo:', pinned: /^(?:(?:repo|job_workflow_ref):[^*?/:]+\/|repository_owner:[^*?:]+(?::|$)|repository_owner_id:\d+(?::|$)|repository_id:\d+(?::|$))/, example: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
  { host: 'gitlab.com', name: 'GitLab.com', what: 'project', ownerKey: 'project_path:', pinned: /^project_path:[^*?/:]+\//, example: 'project_path:my-group/my-project:ref_type:branch:ref:main' },
  { host: 'app.terraform.io', name: 'HCP Terraform', what: 'workspace', ownerKey: 'organization:', pinned: /^organization:[^*?:]+:/, example: 'organization:my-org:project:my-project:workspace:my-workspace:run_phase:apply' },
];

/**
 * GitHub claims whose values the caller chooses (workflow and environment names, branch names, event
 * context): a repository admin can make `sub` start with one of them through the OIDC subject
 * customization API, so a subject that starts with one matches tokens of repositories anywhere.
 */
const GITHUB_FORGEABLE = /^(?:workflow|environment|ref|ref_type|context|head_ref|base_ref|event_name):/;

/** The issuer a Federated principal (an OIDC provider ARN) names, when it is one of `CI_ISSUERS`. */
export function issuerOfProvider(arn: string): CiIssuer | undefined {
  const m = /:oidc-provider\/([^/]+)$/.exec(arn.trim());
  return m ? CI_ISSUERS.find((i) => i.host === m[1].toLowerCase()) : undefined;
}

/** The issuer whose claims a condition key reads (`token.actions.githubusercontent.com:sub`), and the claim. */
export function issuerOfKey(key: string): { issuer: CiIssuer; claim: string } | undefined {
  const i = key.lastIndexOf(':');
  if (i < 0) return undefined;
  const issuer = CI_ISSUERS.find((x) => x.host === key.slice(0, i).toLowerCase());
  return issuer ? { issuer, claim: key.slice(i + 1).toLowerCase() } : undefined;
}

/**
 * The CI issuers a trust statement trusts: those its Federated principals name, and, when a principal
 * cannot be read (a reference, `!If`), those whose claims its conditions test (`token.actions.githubusercontent.com:aud`).
 */
export function trustedIssuers(federated: string[], conditionKeys: string[], isUnknown: (s: string) => boolean): CiIssuer[] {
  const out = federated.map(issuerOfProvider).filter((i): i is CiIssuer => !!i);
  if (federated.some((f) => isUnknown(f) && !issuerOfProvider(f))) {
    for (const k of conditionKeys) {
      const i = issuerOfKey(k);
      if (i) out.push(i.issuer);
    }
  }
  return [...new Set(out)];
}

export interface TrustCondition {
  test: string;
  key: string;
  values: string[];
}

export type SubVerdict = { kind: 'noSub' } | { kind: 'anyOwner'; values: string[]; test: string } | undefined;

/**
 * Whether a trust statement for `issuer` leaves the callers open: no positive condition on its `sub`
 * claim at all (`noSub`), or every one of them has a value matching subjects of any owner (`anyOwner`):
 * with a wildcard test (`StringLike`), a pattern not starting with a literal owner (`*`, `repo:*`,
 * `repo:*\/name:*`, `repo:org*`); with any test, a GitHub subject starting with a claim the caller chooses.
 * Undefined when the statement narrows the callers or something could not be read (`unknown`).
 */
export function judgeSub(issuer: CiIssuer, conditions: TrustCondition[], isUnknown: (s: string) => boolean): SubVerdict {
  if (conditions.some((c) => isUnknown(c.key) || isUnknown(c.test))) return undefined;
  // the enterprise issuer's keys (`token.actions.githubusercontent.com/<enterprise>:sub`): a key absent from these tokens fails the test
  if (conditions.some((c) => c.key.toLowerCase().startsWith(issuer.host + '/'))) return undefined;
  const subs = conditions.filter((c) => issuerOfKey(c.key)?.issuer === issuer && issuerOfKey(c.key)?.claim !== 'aud' && issuerOfKey(c.key)?.claim !== 'amr');
  // another claim of the issuer (where IAM supports it) may narrow the callers: leave it
  if (subs.some((c) => issuerOfKey(c.key)?.claim !== 'sub')) return undefined;
  const positive = subs.filter((c) => !/not|^null$/i.test(c.test));
  if (positive.length === 0) return { kind: 'noSub' };
  let found: { values: string[]; test: string } | undefined;
  for (const c of positive) {
    const test = c.test.replace(/^for(?:any|all)values:/i, '').replace(/ifexists$/i, '').toLowerCase();
    const wildcard = test === 'stringlike';
    if (c.values.length === 0 || (test !== 'stringlike' && test !== 'stringequals')) return undefined;
    // a value partly unknown (`repo:*/${var.repo}:*`) is judged on its known start, when that already decides
    const open = c.values.filter((v) => {
      const known = isUnknown(v) ? knownStart(v) : v;
      return (wildcard && anyOwnerPattern(issuer, known, known !== v)) || (issuer.host === GITHUB && GITHUB_FORGEABLE.test(known));
    });
    if (open.length === 0) return undefined;
    found ??= { values: open, test: c.test };
  }
  return found ? { kind: 'anyOwner', ...found } : undefined;
}

/**
 * A `StringLike` pattern that matches subjects of owners other than one: it does not start with a literal
 * owner and has a wildcard where the owner goes (GitHub: anywhere, since a repository can reorder its
 * subject's claims; GitLab and HCP Terraform, whose subjects always start with the owner: at the start or in it).
 */
function anyOwnerPattern(issuer: CiIssuer, v: string, partial = false): boolean {
  if (issuer.pinned.test(v) || !/[*?]/.test(v)) return false;
  if (/^[*?]/.test(v)) return true;
  // the owner segment itself has a wildcard (`repo:*`, `repo:octo-org*`, `project_path:*/app`)
  if (v.startsWith(issuer.ownerKey) && /[*?]/.test(v.slice(issuer.ownerKey.length).split(/[/:]/)[0])) return true;
  return issuer.host === GITHUB && !partial;
}

/** The text of a partly known value before its first unknown part. */
function knownStart(v: string): string {
  return v.split(/UNKNOWN-VALUE|\$\{|\u0000/)[0];
}

/** Does an Action list allow `sts:AssumeRoleWithWebIdentity` (`sts:*`, `*`, `sts:AssumeRole*`)? */
export function allowsWebIdentity(actions: string[] | undefined): boolean {
  return !!actions?.some((a) => new RegExp('^' + a.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 'i').test('sts:AssumeRoleWithWebIdentity'));
}
