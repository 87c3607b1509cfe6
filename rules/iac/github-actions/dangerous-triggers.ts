import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionRepo, GHA_STANDARDS, jobs, steps, usesOf, workflows } from './workflow.js';

const DANGEROUS: Record<string, string> = {
  pull_request_target: 'runs for pull requests from forks with the base repository\'s token and secrets',
  workflow_run: 'runs after another workflow (which forks can start) with the base repository\'s token and secrets',
};

/** Actions that only read the event's metadata and never run the pull request's code. */
const SAFE_ACTIONS = new Set(['actions/labeler', 'actions/first-interaction']);

/** The node naming a trigger in `on:` (a scalar, a list item or a map key). */
function triggerNode(on: DataNode | undefined, name: string): DataNode | undefined {
  if (isScalar(on)) return on.value === name ? on : undefined;
  if (isSeq(on)) return on.items.find((i) => isScalar(i) && i.value === name);
  if (isMap(on)) return on.entries.find((e) => e.key.value === name)?.key;
  return undefined;
}

/** pull_request_target and workflow_run: privileged runs that outsiders can start. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-dangerous-triggers',
    title: 'Workflow uses a privileged trigger that forks can start',
    description:
      '`pull_request_target` and `workflow_run` run in the context of the base repository, with a token that can write to it and access to its secrets, yet a pull request from any fork can start them. They are hard to use safely: checking out or building the pull request\'s code, interpolating its title or branch name into a script, or trusting artifacts it produced hands that access to the fork\'s author (iac/gha-untrusted-checkout, iac/gha-template-injection and iac/gha-untrusted-artifact report those patterns). This rule reports the trigger itself, at low severity, so that each use is reviewed; `pull_request` (no secrets, read-only token for forks) is the safe default. A workflow whose every step is an action that only reads the event\'s metadata (actions/labeler, actions/first-interaction) is not reported.',
    severity: 'low',
    kinds: ['github-workflow'],
    messages: {
      trigger: 'The workflow is triggered by `{{trigger}}`, which {{what}}; use `pull_request` if it needs no secrets or write access, otherwise never run or interpolate the pull request\'s code or text, and keep `permissions:` minimal.',
    },
    remediation:
      'Prefer `pull_request`. If the workflow needs write access or secrets (labelling, commenting), keep it to steps that do not check out, build or interpolate the pull request\'s content, set minimal `permissions:`, and pass results from an unprivileged `pull_request` workflow as data only.',
    references: [
      'https://docs.zizmor.sh/audits/#dangerous-triggers',
      'https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/',
      'https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#pull_request_target',
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-829'] },
    equivalents: { zizmor: ['dangerous-triggers'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const wf of workflows(ctx)) {
      const all = jobs(wf);
      const allSteps = all.flatMap((j) => steps(j));
      // a workflow of only metadata-reading actions (and no reusable workflow calls) runs no outside code
      const safe = all.length > 0 && all.every((j) => !get(j.node, 'uses')) && allSteps.length > 0 && allSteps.every((s) => SAFE_ACTIONS.has(actionRepo(usesOf(s) ?? '') ?? ''));
      if (safe) continue;
      for (const [trigger, what] of Object.entries(DANGEROUS)) {
        if (!wf.triggers.has(trigger)) continue;
        const node = triggerNode(wf.on?.value, trigger);
        if (node) ctx.report({ messageId: 'trigger', offsets: [node.start, node.end], data: { trigger, what } });
      }
    }
  },
};
export default rule;
