import type { Rule } from '../../../src/model/rule.js';
import { entry, get } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, jobs, WORKFLOW_SYNTAX, workflows } from './workflow.js';

/** No `permissions:` at the top, and some job without its own: the GITHUB_TOKEN gets the repository default (often write-all). */
const rule: Rule = {
  meta: {
    id: 'iac/gha-missing-permissions',
    title: 'Workflow does not restrict GITHUB_TOKEN permissions',
    description:
      'Without a `permissions:` block the GITHUB_TOKEN gets the repository or organisation default, which for many repositories (and every repository created before February 2023) is read and write to contents, packages, pull requests and more. A compromised step, dependency or injected script can then push code or publish packages. Declaring least-privilege permissions at the top of the workflow (or on every job) caps the damage.',
    severity: 'medium',
    kinds: ['github-workflow'],
    messages: {
      missing: 'The workflow sets no top-level `permissions:` and job(s) {{jobs}} set none either, so their GITHUB_TOKEN gets the repository default (possibly write-all); add `permissions: contents: read` at the top and grant writes per job.',
    },
    remediation:
      'Add `permissions: { contents: read }` (or `permissions: {}`) at the top of the workflow, and grant only the scopes each job needs in its own `permissions:` block.',
    references: [
      `${WORKFLOW_SYNTAX}#permissions`,
      'https://docs.github.com/en/actions/security-for-github-actions/security-guides/automatic-token-authentication#modifying-the-permissions-for-the-github_token',
      'https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions',
    ],
    standards: { ...GHA_STANDARDS, sbd: ['10', '7'], cwe: ['CWE-250'] },
    equivalents: { scorecard: ['Token-Permissions'], zizmor: ['excessive-permissions'], codeql: ['actions/missing-workflow-permissions'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const wf of workflows(ctx)) {
      if (entry(wf.root, 'permissions')) continue;
      // Reusable workflows get the caller's token; the caller decides (and is checked itself).
      if (wf.triggers.size > 0 && [...wf.triggers].every((t) => t === 'workflow_call')) continue;
      const open = jobs(wf).filter((j) => !get(j.node, 'permissions'));
      if (!open.length) continue;
      const start = wf.root.start;
      ctx.report({ messageId: 'missing', offsets: [start, start + 2], data: { jobs: open.map((j) => `"${j.id}"`).join(', ') } });
    }
  },
};
export default rule;
