import type { Rule } from '../../../src/model/rule.js';
import { get, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { alwaysTrueCondition, GHA_STANDARDS, jobs, PRIVILEGED_UNTRUSTED_TRIGGERS, stepHosts, steps, workflows, WORKFLOW_SYNTAX } from './workflow.js';

/** A job or step `if:` that mixes `${{ }}` with other text, which GitHub evaluates as a non-empty string: always true. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-always-true-condition',
    title: 'Job or step condition is always true',
    description:
      'GitHub evaluates a job\'s or step\'s `if:` as an expression, with or without `${{ }}`. But when the value holds `${{ }}` and anything else (a space, the line break that a `|` or `>` block scalar ends with, `${{ a }} && ${{ b }}`, or a comparison written around the braces such as `github.ref == \'refs/heads/${{ env.BRANCH }}\'`), the value is a string template: the expression is substituted into the text and the resulting non-empty string counts as true. The job or step then runs whatever the condition says, so a guard meant to keep it to the base repository, to a trusted author, to a label or to one event silently lets everything through. In workflows that forks, comments or other workflows\' runs can start (`pull_request_target`, `workflow_run`, `issue_comment`) such a guard usually protects secrets or a write token, and the finding is high. Expressions side by side with nothing between them (`${{ a }}${{ b }}`) can still give an empty string and are not reported. The `if:` of a job\'s image `snapshot:` and composite actions\' steps (`action.yml`) are checked too.',
    severity: 'medium',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      block:
        'This `if:` is a `|`/`>` block scalar whose `${{ }}` is followed by a line break, so GitHub reads it as the non-empty string "{{condition}}\\n" and the {{level}} always runs; use `|-`/`>-`, or drop the `${{ }}` (an `if:` is an expression already).',
      text: '`if: {{condition}}` has text outside its `${{ }}`, so GitHub substitutes the expression into a string, which is non-empty and so always true: the {{level}} always runs. Write the whole condition as one expression without `${{ }}` (e.g. `github.ref == format(\'refs/heads/{0}\', env.BRANCH)`).',
    },
    remediation:
      'Write the condition as a single expression: without `${{ }}` (`if: github.event.pull_request.head.repo.full_name == github.repository`), or with one `${{ }}` around all of it and nothing else in the value. In block scalars use the strip indicator (`if: |-`, `if: >-`), and build strings inside the expression with `format()` rather than around it.',
    references: [
      `${WORKFLOW_SYNTAX}#jobsjob_idif`,
      'https://github.com/actions/runner/issues/1173',
      'https://codeql.github.com/codeql-query-help/actions/actions-if-expression-always-true-high/',
      'https://docs.zizmor.sh/audits/#unsound-condition',
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-571'] },
    equivalents: { zizmor: ['unsound-condition'], actionlint: ['if-cond'], codeql: ['actions/if-expression-always-true/critical', 'actions/if-expression-always-true/high'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const inspect = (cond: DataNode | undefined, level: string, privileged: boolean) => {
      if (!isScalar(cond) || typeof cond.value !== 'string') return;
      const why = alwaysTrueCondition(cond.value);
      if (!why) return;
      const shown = cond.value.trim().replace(/\s+/g, ' ');
      ctx.report({
        messageId: why,
        ...(privileged ? { severity: 'high' as const } : {}),
        offsets: [cond.start, cond.end],
        data: { condition: shown.length > 120 ? `${shown.slice(0, 117)}...` : shown, level },
      });
    };
    for (const wf of workflows(ctx)) {
      const privileged = [...PRIVILEGED_UNTRUSTED_TRIGGERS].some((t) => wf.triggers.has(t));
      for (const job of jobs(wf)) {
        inspect(get(job.node, 'if'), `job "${job.id}"`, privileged);
        // a larger runner's custom-image snapshot, taken when its `if:` holds
        inspect(get(get(job.node, 'snapshot'), 'if'), `image snapshot of job "${job.id}"`, privileged);
      }
    }
    // steps of every job, and of a composite action (which runs on its caller's event: not known to be privileged)
    for (const { wf, job } of stepHosts(ctx)) {
      const privileged = [...PRIVILEGED_UNTRUSTED_TRIGGERS].some((t) => wf.triggers.has(t));
      for (const step of steps(job)) inspect(get(step, 'if'), 'step', privileged);
    }
  },
};
export default rule;
