import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, str, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionRepo, alwaysTrueCondition, GHA_STANDARDS, HARDENING, isCheckout, jobs, onlyOtherEvents, PRIVILEGED_UNTRUSTED_TRIGGERS, sourceLines, steps, usesOf, workflows } from './workflow.js';

/** A `ref:`/`repository:` that selects the contributor's code rather than the base branch. */
const UNTRUSTED_REF = /github\.event\.pull_request\.head\.(sha|ref)|\)\.head\.(sha|ref|repo\.full_name)\b|github\.head_ref|github\.event\.workflow_run\.(head_sha|head_branch|head_commit\.id)|github\.event\.workflow_run\.pull_requests\[?\.?[^}]*\.head\.(sha|ref)|refs\/pull\/|github\.event\.pull_request\.merge_commit_sha|github\.event\.pull_request\.head\.repo\.full_name|github\.event\.workflow_run\.head_repository\.full_name/i;
const GH_PR_CHECKOUT = /\bgh\s+pr\s+checkout\b|\bgit\s+fetch\b[^\n]*\bpull\/[^\s]*\/(head|merge)\b/;

/**
 * The text a checkout input stands for: its own, plus the `env:` value (step, then job, then
 * workflow) of each `${{ env.NAME }}` it reads, so `ref: ${{ env.HEAD }}` with
 * `HEAD: ${{ github.event.pull_request.head.sha }}` is read as the pull request's head.
 */
function resolvedInput(value: string, maps: (DataNode | undefined)[]): string {
  return value.replace(/\benv\.([A-Za-z_][\w-]*)/g, (whole, name: string) => {
    for (const m of maps) {
      const v = get(m, name);
      if (v !== undefined) return str(v) ?? whole;
    }
    return whole;
  });
}

/** A later step that runs code from the workspace: a script, a local action, or github-script loading a local module. */
function runsWorkspaceCode(step: DataMap): boolean {
  const uses = usesOf(step) ?? '';
  if (get(step, 'run') !== undefined || uses.startsWith('./')) return true;
  return actionRepo(uses) === 'actions/github-script' && /\b(?:require|import)\s*\(\s*['"`]\.{1,2}\//.test(str(get(get(step, 'with'), 'script')) ?? '');
}

/** An `if:` that only lets pull requests from the base repository itself (not forks) through. */
const SAME_REPO = /head\.repo\.full_name\s*==\s*github\.repository\b|github\.repository\s*==\s*github\.event\.pull_request\.head\.repo\.full_name|head\.repo\.fork\s*(==\s*false|!=\s*true)|!\s*github\.event\.pull_request\.head\.repo\.fork\b/;
function sameRepoOnly(cond: DataNode | undefined): boolean {
  const c = str(cond);
  return !!c && SAME_REPO.test(c) && !/\|\|/.test(c) && !alwaysTrueCondition(c);
}

/** Privileged triggers (pull_request_target, workflow_run, issue_comment) that check out and run the pull request's code. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-untrusted-checkout',
    title: 'Privileged workflow checks out untrusted pull request code',
    description:
      'Workflows triggered by `pull_request_target`, `workflow_run` or `issue_comment` run in the base repository with a write token and access to secrets, even for pull requests from forks. Checking out the pull request\'s head and then building, testing or running any of it (npm install scripts, Makefiles, local actions) hands those privileges to whoever opened the pull request ("pwn request"). The head is recognised in `ref:`/`repository:` directly, through an `env:` variable (`ref: ${{ env.HEAD }}` with `HEAD: ${{ github.event.pull_request.head.sha }}`), or as the `.head.sha`/`.head.ref`/`.head.repo.full_name` of a pull request object a step fetched (`fromJSON(steps.pr.outputs.result).head.sha`); later steps count as running it when they run a script, use a local action, or load a workspace module from `actions/github-script` (`require(\'./…\')`). A job or step whose `if:` requires `github.event_name` to be another event (`github.event_name == \'push\' && …`, no `||` or negation) is skipped on these triggers and is not reported, unless text around its `${{ }}` makes the condition always true (`if: |` followed by `${{ github.event_name == \'push\' }}` and a line break; see iac/gha-always-true-condition).',
    severity: 'critical',
    kinds: ['github-workflow'],
    messages: {
      checkoutThenRun: 'This `{{trigger}}` workflow checks out untrusted pull request code ({{ref}}) and later runs steps on it in job "{{job}}": the contributor\'s code runs with the base repository\'s token and secrets. Use the `pull_request` trigger for building untrusted code, or split into an unprivileged build and a privileged job that never executes the checkout.',
      checkoutOnly: 'This `{{trigger}}` workflow checks out untrusted pull request code ({{ref}}) in job "{{job}}"; any later step that builds or runs it executes attacker code with the base repository\'s token and secrets. Check out the base branch, or use the `pull_request` trigger.',
      ghCheckout: 'This `{{trigger}}` workflow fetches the pull request\'s code with `{{command}}` in job "{{job}}", so later commands run attacker code with the base repository\'s token and secrets; use the `pull_request` trigger for untrusted code.',
    },
    remediation:
      'Build and test pull requests with the unprivileged `pull_request` trigger. If a privileged follow-up is needed (labelling, commenting), run it from `workflow_run` on artifacts treated as data, without checking out or executing the contributor\'s code.',
    references: [
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
      `${HARDENING}#understanding-the-risk-of-script-injections`,
      'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target',
    ],
    standards: { ...GHA_STANDARDS, caf: ['A4', 'B4'], cwe: ['CWE-829', 'CWE-94'] },
    equivalents: { octoscan: ['dangerous-checkout'], scorecard: ['Dangerous-Workflow'], semgrep: ['yaml.github-actions.security.pull-request-target-code-checkout.pull-request-target-code-checkout'], codeql: ['actions/untrusted-checkout/critical', 'actions/untrusted-checkout/high', 'actions/untrusted-checkout/medium'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const wf of workflows(ctx)) {
      const trigger = [...PRIVILEGED_UNTRUSTED_TRIGGERS].find((t) => wf.triggers.has(t));
      if (!trigger) continue;
      for (const job of jobs(wf)) {
        // a job that runs only on other events (e.g. the push half of an on: [push, pull_request_target] workflow)
        if (sameRepoOnly(get(job.node, 'if')) || onlyOtherEvents(get(job.node, 'if'), PRIVILEGED_UNTRUSTED_TRIGGERS)) continue;
        const all = steps(job);
        all.forEach((step, i) => {
          const uses = usesOf(step);
          const later = all.slice(i + 1);
          const runsLater = later.some(runsWorkspaceCode);
          if (sameRepoOnly(get(step, 'if')) || onlyOtherEvents(get(step, 'if'), PRIVILEGED_UNTRUSTED_TRIGGERS)) return;
          if (isCheckout(uses)) {
            const withs = get(step, 'with');
            if (!isMap(withs)) return;
            const envMaps = [get(step, 'env'), get(job.node, 'env'), get(wf.root, 'env')];
            const hit = (['ref', 'repository'] as const)
              .map((k) => get(withs, k))
              .filter((n): n is DataNode => isScalar(n) && UNTRUSTED_REF.test(resolvedInput(str(n) ?? '', envMaps)))
              .sort((a, b) => a.start - b.start)[0];
            if (!hit) return;
            ctx.report({
              messageId: runsLater ? 'checkoutThenRun' : 'checkoutOnly',
              severity: runsLater ? 'critical' : 'high',
              offsets: [hit.start, hit.end],
              data: { trigger, ref: (str(hit) ?? '').trim(), job: job.id },
            });
            return;
          }
          const run = get(step, 'run');
          if (!run) return;
          for (const l of sourceLines(text, run)) {
            const m = GH_PR_CHECKOUT.exec(l.line);
            if (!m) continue;
            ctx.report({ messageId: 'ghCheckout', severity: runsLater || /&&|;|\n/.test(l.line.slice(m.index)) ? 'critical' : 'high', offsets: [l.start + m.index, l.start + m.index + m[0].length], data: { trigger, command: m[0], job: job.id } });
            break;
          }
        });
      }
    }
  },
};
export default rule;
