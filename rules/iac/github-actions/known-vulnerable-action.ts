import type { Rule } from '../../../src/model/rule.js';
import { type DataNode, isScalar } from '../../../src/parsers/data/tree.js';
import { actionRepo, GHA_SUPPLY_CHAIN_STANDARDS, usesNodes } from './workflow.js';

interface Advisory {
  ghsa: string;
  cve: string;
  summary: string;
  /** Affected versions: from `introduced` (inclusive) up to `fixed` (exclusive). */
  introduced: number[];
  fixed: number[];
}

/**
 * A small offline list of well-documented advisories of popular actions, from the GitHub Advisory
 * Database (ecosystem "GitHub Actions"). Only version tags are judged: a commit SHA cannot be
 * mapped to a version offline.
 */
const ADVISORIES: Record<string, Advisory[]> = {
  'tj-actions/changed-files': [
    { ghsa: 'GHSA-mrrh-fwg8-r2c3', cve: 'CVE-2025-30066', summary: 'its tags were repointed to a commit that dumped the runner\'s secrets into the build log (March 2025)', introduced: [0], fixed: [46, 0, 1] },
  ],
  'tj-actions/branch-names': [{ ghsa: 'GHSA-8v8w-v8xg-79rf', cve: 'CVE-2023-49291', summary: 'command injection through branch names', introduced: [0], fixed: [7, 0, 7] }],
  'tj-actions/verify-changed-files': [{ ghsa: 'GHSA-ghm2-rq8q-wrhc', cve: 'CVE-2023-52137', summary: 'command injection through file names', introduced: [0], fixed: [17] }],
  'actions/download-artifact': [{ ghsa: 'GHSA-cxww-7g56-2vh6', cve: 'CVE-2024-42471', summary: 'arbitrary file write by path traversal when extracting artifacts', introduced: [4], fixed: [4, 1, 3] }],
  'rlespinasse/github-slug-action': [{ ghsa: 'GHSA-6q4m-7476-932w', cve: 'CVE-2023-27581', summary: 'command injection through branch and tag names', introduced: [4], fixed: [4, 4, 1] }],
  'check-spelling/check-spelling': [{ ghsa: 'GHSA-g86g-chm8-7r2p', cve: 'CVE-2021-32724', summary: 'the GITHUB_TOKEN exposed to pull requests from forks', introduced: [0], fixed: [0, 0, 19] }],
};

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * True when every version a tag can name is affected. `v45` follows the newest 45.x release and
 * `v4.1` the newest 4.1.x, so a partial tag is affected only when the fix is outside its line.
 */
function affected(version: number[], a: Advisory): boolean {
  if (compare(version, a.introduced) < 0 && !(version.length < 3 && compare(version, a.introduced.slice(0, version.length)) === 0)) return false;
  if (version.length >= 3) return compare(version, a.fixed) < 0;
  // the highest version under the prefix is below the fix when the prefix is below the fix's own prefix
  return compare(version, a.fixed.slice(0, version.length)) < 0;
}

/** Actions used at a version tag that a published advisory says is vulnerable. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-known-vulnerable-action',
    title: 'Workflow uses an action version with a published vulnerability',
    description:
      'Some popular actions have had vulnerabilities published in the GitHub Advisory Database: command injection through branch or file names, secrets written to logs, files written outside the workspace, and in March 2025 the compromise of tj-actions/changed-files, whose tags were repointed to code that printed the runner\'s secrets into public build logs. A workflow that still names an affected version runs that code. This rule carries a small offline list of well-documented advisories (tj-actions/changed-files, tj-actions/branch-names, tj-actions/verify-changed-files, actions/download-artifact, rlespinasse/github-slug-action, check-spelling/check-spelling) and judges version tags only: a major tag (`@v45`) counts as its newest release, and a commit SHA is not judged offline. A composite action\'s steps (`action.yml`) are checked too.',
    severity: 'high',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      vulnerable: '`{{uses}}` is affected by {{ghsa}} ({{cve}}: {{summary}}); upgrade to {{fixed}} or later, pinned by commit SHA.',
    },
    remediation: 'Upgrade the action to a fixed release (pinned by full commit SHA, with the version in a comment) and let Dependabot or Renovate keep it current; after a compromise such as tj-actions/changed-files, rotate the secrets the workflow could read.',
    references: ['https://docs.zizmor.sh/audits/#known-vulnerable-actions', 'https://github.com/advisories?query=ecosystem%3Aactions', 'https://github.com/advisories/GHSA-mrrh-fwg8-r2c3'],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-1395'] },
    equivalents: { zizmor: ['known-vulnerable-actions'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const inspect = (n: DataNode | undefined) => {
      if (!isScalar(n) || typeof n.value !== 'string') return;
      const uses = n.value.trim();
      const repo = actionRepo(uses);
      const list = repo ? ADVISORIES[repo] : undefined;
      if (!list) return;
      const ref = uses.includes('@') ? uses.slice(uses.lastIndexOf('@') + 1) : '';
      const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(ref);
      if (!m) return;
      const version = [m[1], m[2], m[3]].filter((x) => x !== undefined).map(Number);
      const hit = list.find((a) => affected(version, a));
      if (hit) ctx.report({ messageId: 'vulnerable', offsets: [n.start, n.end], data: { uses, ghsa: hit.ghsa, cve: hit.cve, summary: hit.summary, fixed: `v${hit.fixed.join('.')}` } });
    };
    for (const n of usesNodes(ctx)) inspect(n);
  },
};
export default rule;
