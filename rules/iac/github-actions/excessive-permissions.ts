import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, jobs, PRIVILEGED_UNTRUSTED_TRIGGERS, WORKFLOW_SYNTAX, workflows } from './workflow.js';

/** Scopes whose write access lets a token change code, releases, packages or other workflows' runs. */
const SENSITIVE_WRITE = new Set(['contents', 'actions', 'packages', 'deployments', 'id-token', 'security-events', 'statuses', 'checks', 'pages', 'attestations']);

/** `write-all`, or write scopes across a workflow triggered by untrusted events. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-excessive-permissions',
    title: 'Workflow grants the GITHUB_TOKEN broad write permissions',
    description:
      '`permissions: write-all` gives the job token write access to every scope: code, releases, packages, workflows\' runs, deployments. In workflows triggered by pull requests from forks, comments or other workflows\' runs (`pull_request_target`, `workflow_run`, `issue_comment`) a workflow-wide write scope is handed to every job that handles untrusted input. Least privilege limits what an injected or compromised step can do.',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      writeAll: '`permissions: write-all` grants the GITHUB_TOKEN write access to every scope; list only the scopes this {{level}} needs (e.g. `contents: read`).',
      untrustedWrite: 'This `{{trigger}}` workflow grants `{{scope}}: write` to every job at the top level; grant it only on the job that needs it and keep the workflow default read-only.',
    },
    remediation:
      'Replace `write-all` with the scopes actually needed. In workflows triggered by untrusted events, set `permissions: { contents: read }` at the top and grant write scopes on the single job that needs them.',
    references: [`${WORKFLOW_SYNTAX}#permissions`, 'https://docs.zizmor.sh/audits/#excessive-permissions', 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#token-permissions'],
    standards: { ...GHA_STANDARDS, sbd: ['10', '7'], cwe: ['CWE-250'] },
    equivalents: { checkov: ['CKV2_GHA_1'], zizmor: ['excessive-permissions'], scorecard: ['Token-Permissions'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const wf of workflows(ctx)) {
      const checkWriteAll = (p: DataNode | undefined, level: string) => {
        if (p && str(p)?.trim() === 'write-all') ctx.report({ messageId: 'writeAll', offsets: [p.start, p.end], data: { level } });
      };
      const top = get(wf.root, 'permissions');
      checkWriteAll(top, 'workflow');
      for (const job of jobs(wf)) checkWriteAll(get(job.node, 'permissions'), 'job');
      const trigger = [...PRIVILEGED_UNTRUSTED_TRIGGERS].find((t) => wf.triggers.has(t));
      if (trigger && isMap(top)) {
        for (const e of top.entries) {
          const scope = String(e.key.value);
          if (SENSITIVE_WRITE.has(scope) && str(e.value) === 'write') {
            ctx.report({ messageId: 'untrustedWrite', severity: 'medium', offsets: [e.key.start, e.value.end], data: { trigger, scope } });
          }
        }
      }
    }
  },
};
export default rule;
