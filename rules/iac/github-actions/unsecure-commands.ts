import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isTrue, items, type DataNode } from '../../../src/parsers/data/tree.js';
import { actionMetadata, GHA_STANDARDS, jobs, matrixDimension, matrixValues, steps, workflows, type Job } from './workflow.js';

/** ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables the deprecated set-env and add-path workflow commands. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-unsecure-commands',
    title: 'Deprecated unsecure workflow commands re-enabled',
    description:
      'Setting `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` re-enables the `::set-env::` and `::add-path::` log commands that GitHub disabled in 2020 (CVE-2020-15228): anything that can print to the log, such as a pull request title or a test\'s output, can then set environment variables like `NODE_OPTIONS` or `LD_PRELOAD` for later steps and execute code. An `env: ${{ matrix.NAME }}` is read through the job\'s static matrix. A composite action\'s step `env:` (`action.yml`) is checked too.',
    severity: 'high',
    kinds: ['github-workflow', 'github-action'],
    messages: {
      enabled: '`ACTIONS_ALLOW_UNSECURE_COMMANDS` is set to true at {{level}} level, re-enabling the injectable `set-env`/`add-path` commands; remove it and write to `$GITHUB_ENV`/`$GITHUB_PATH` files instead.',
    },
    remediation: 'Remove `ACTIONS_ALLOW_UNSECURE_COMMANDS` and update the action that needed it; set variables with `echo "NAME=value" >> "$GITHUB_ENV"`.',
    references: ['https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/', 'https://github.com/advisories/GHSA-mfwh-5m23-j46w', 'https://docs.zizmor.sh/audits/#insecure-commands'],
    standards: { ...GHA_STANDARDS, cwe: ['CWE-77'] },
    equivalents: { checkov: ['CKV_GHA_1'], zizmor: ['insecure-commands'], octoscan: ['unsecure-commands'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const seen = new Set<number>();
    const inspect = (env: DataNode | undefined, level: string, job?: Job) => {
      // `env: ${{ matrix.NAME }}`: the environment is one of the maps the static matrix lists
      const dim = job ? matrixDimension(env) : undefined;
      if (job && dim) for (const v of matrixValues(job, dim)) inspect(v, 'matrix');
      if (!isMap(env)) return;
      for (const e of env.entries) {
        if (String(e.key.value) === 'ACTIONS_ALLOW_UNSECURE_COMMANDS' && (isTrue(e.value) || /^\s*true\s*$/i.test(String((e.value as { value?: unknown }).value ?? ''))) && !seen.has(e.key.start)) {
          seen.add(e.key.start);
          ctx.report({ messageId: 'enabled', offsets: [e.key.start, e.value.end], data: { level } });
        }
      }
    };
    for (const wf of workflows(ctx)) {
      inspect(get(wf.root, 'env'), 'workflow');
      for (const job of jobs(wf)) {
        inspect(get(job.node, 'env'), 'job', job);
        inspect(get(get(job.node, 'container'), 'env'), 'container', job);
        for (const step of steps(job)) inspect(get(step, 'env'), 'step', job);
      }
    }
    // a composite action's steps (action.yml), which run in the calling job
    for (const a of actionMetadata(ctx)) if (a.using === 'composite') for (const step of items(get(a.runs, 'steps'))) inspect(get(step, 'env'), 'action step');
  },
};
export default rule;
