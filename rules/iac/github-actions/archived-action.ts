import type { Rule } from '../../../src/model/rule.js';
import { type DataNode, isScalar } from '../../../src/parsers/data/tree.js';
import { actionRepo, GHA_SUPPLY_CHAIN_STANDARDS, usesNodes } from './workflow.js';

/**
 * Action repositories their owners have archived (read-only on GitHub: no fixes, security ones
 * included), with the maintained replacement their README names. `owner/*` covers an owner's
 * every repository.
 */
const ARCHIVED: Record<string, string> = {
  'actions/setup-ruby': 'ruby/setup-ruby',
  'actions/create-release': 'softprops/action-gh-release or `gh release create`',
  'actions/upload-release-asset': 'softprops/action-gh-release or `gh release upload`',
  'actions/setup-elixir': 'erlef/setup-beam',
  'actions/setup-haskell': 'haskell-actions/setup',
  'actions-rs/*': 'dtolnay/rust-toolchain, or `cargo` commands run directly',
};

/** Steps and reusable workflows that use an archived (unmaintained) action repository. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-archived-action',
    title: 'Workflow uses an archived action',
    description:
      'An archived repository is read-only: its owner no longer fixes bugs or vulnerabilities in it, and its dependencies (often an old Node.js runtime GitHub has deprecated) are never updated. A workflow that keeps using it runs unmaintained code with the job\'s token and secrets. Reported: the GitHub-owned actions/setup-ruby, actions/create-release, actions/upload-release-asset, actions/setup-elixir and actions/setup-haskell, and every actions-rs/* action, all archived by their owners, each with the replacement their README names. Matching ignores case and the ref. A composite action\'s steps (`action.yml`) are checked too.',
    severity: 'low',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      archived: '`{{uses}}` is archived by its owner and no longer maintained (no security fixes); replace it with {{replacement}}.',
    },
    remediation: 'Replace the action with the maintained alternative its repository names (e.g. ruby/setup-ruby for actions/setup-ruby, softprops/action-gh-release or the `gh` CLI for actions/create-release, dtolnay/rust-toolchain for actions-rs/toolchain).',
    references: ['https://docs.zizmor.sh/audits/#archived-uses', 'https://docs.github.com/en/repositories/archiving-a-github-repository/archiving-repositories'],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-1104'] },
    equivalents: { zizmor: ['archived-uses'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const inspect = (n: DataNode | undefined) => {
      if (!isScalar(n) || typeof n.value !== 'string') return;
      const uses = n.value.trim();
      const repo = actionRepo(uses);
      if (!repo) return;
      const replacement = ARCHIVED[repo] ?? ARCHIVED[`${repo.split('/')[0]}/*`];
      if (replacement) ctx.report({ messageId: 'archived', offsets: [n.start, n.end], data: { uses, replacement } });
    };
    for (const n of usesNodes(ctx)) inspect(n);
  },
};
export default rule;
