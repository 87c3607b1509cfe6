import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, jobs, PRIVILEGED_UNTRUSTED_TRIGGERS, WORKFLOW_SYNTAX, workflows } from './workflow.js';

/** Scopes whose write access lets a token change code, releases, packages or other workflows' runs. */
const SENSITIVE_WRITE = new Set(['contents', 'actions', 'packages', 'deployments', 'id-token', 'security-events', 'statuses', 'checks', 'pages', 'attestations']);

/** `write-all`; write scopes across a workflow triggered by untrusted events, or handed to several jobs at the top level. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-excessive-permissions',
    title: 'Workflow grants the GITHUB_TOKEN broad write permissions',
    description:
      '`permissions: write-all` gives the job token write access to every scope: code, releases, packages, workflows\' runs, deployments. In workflows triggered by pull requests from forks, comments or other workflows\' runs (`pull_request_target`, `workflow_run`, `issue_comment`) a workflow-wide write scope is handed to every job that handles untrusted input. In any workflow with several jobs, a write scope granted at the top level reaches every job that sets no `permissions:` of its own, not just the one that needs it. Least privilege limits what an injected or compromised step can do.',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      writeAll: '`permissions: write-all` grants the GITHUB_TOKEN write access to every scope; list only the scopes this {{level}} needs (e.g. `contents: read`).',
      untrustedWrite: 'This `{{trigger}}` workflow grants `{{scope}}: write` to every job at the top level; grant it only on the job that needs it and keep the workflow default read-only.',
      workflowWrite: '`{{scope}}: write` is granted at the top level of a workflow with {{count}} jobs, so every job without its own `permissions:` gets it; grant it on the job that needs it and keep the workflow default read-only.',
    },
    remediation:
      'Replace `write-all` with the scopes actually needed. Keep the workflow default read-only (`permissions: { contents: read }` at the top) and grant write scopes on the jobs that need them; this matters most in workflows triggered by untrusted events, where every job handles outside input.',
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
      if (!isMap(top)) continue;
      // Outside untrusted triggers, a top-level grant matters when it is shared: the workflow has
      // several jobs and at least one of them inherits the top-level permissions. With a single job
      // the top level is that job's own grant; when every job sets `permissions:` it applies to none.
      const all = jobs(wf);
      const shared = all.length > 1 && all.some((job) => !get(job.node, 'permissions'));
      if (!trigger && !shared) continue;
      for (const e of top.entries) {
        const scope = String(e.key.value);
        if (!SENSITIVE_WRITE.has(scope) || str(e.value) !== 'write') continue;
        if (trigger) ctx.report({ messageId: 'untrustedWrite', severity: 'medium', offsets: [e.key.start, e.value.end], data: { trigger, scope } });
        else ctx.report({ messageId: 'workflowWrite', severity: 'low', offsets: [e.key.start, e.value.end], data: { scope, count: String(all.length) } });
      }
    }
  },
};
export default rule;
