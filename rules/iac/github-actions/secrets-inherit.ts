import type { Rule } from '../../../src/model/rule.js';
import { get, str } from '../../../src/parsers/data/tree.js';
import { GHA_SUPPLY_CHAIN_STANDARDS, isSameRepoUses, jobs, workflows } from './workflow.js';

/** `secrets: inherit` hands every secret to a reusable workflow from another repository. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-secrets-inherit',
    title: 'All secrets passed to a reusable workflow from another repository',
    description:
      '`secrets: inherit` passes every repository, environment and organisation secret to the called workflow, whatever it actually needs. When that workflow lives in another repository, anyone who can change it (or move the ref it is called at) can read them all. Passing the named secrets it needs limits the blast radius and documents the dependency.',
    severity: 'medium',
    kinds: ['github-workflow'],
    messages: {
      inherit: 'Job "{{job}}" passes all secrets (`secrets: inherit`) to `{{uses}}`, a workflow outside this repository; pass only the secrets it needs (`secrets: { NAME: ${{ secrets.NAME }} }`).',
    },
    remediation: 'Replace `secrets: inherit` with an explicit map of the secrets the called workflow declares under `on.workflow_call.secrets`.',
    references: [
      'https://docs.github.com/en/actions/sharing-automations/reusing-workflows#passing-inputs-and-secrets-to-a-reusable-workflow',
      'https://docs.zizmor.sh/audits/#secrets-inherit',
    ],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, caf: ['A4', 'B3'], cwe: ['CWE-200'] },
    equivalents: { zizmor: ['secrets-inherit'], codeql: ['actions/secrets-inherit'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const wf of workflows(ctx)) {
      for (const job of jobs(wf)) {
        const uses = str(get(job.node, 'uses'))?.trim();
        const secrets = get(job.node, 'secrets');
        if (!uses || isSameRepoUses(uses) || !secrets || str(secrets)?.trim() !== 'inherit') continue;
        ctx.report({ messageId: 'inherit', offsets: [secrets.start, secrets.end], data: { job: job.id, uses } });
      }
    }
  },
};
export default rule;
