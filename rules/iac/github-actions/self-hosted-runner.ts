import type { Rule } from '../../../src/model/rule.js';
import { get } from '../../../src/parsers/data/tree.js';
import { EXTERNAL_TRIGGERS, GHA_STANDARDS, HARDENING, jobs, onlyOtherEvents, runnerLabels, workflows } from './workflow.js';

/** Self-hosted runners used by jobs that outside contributors can trigger. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-self-hosted-runner',
    title: 'Self-hosted runner used by a workflow outsiders can trigger',
    description:
      'Self-hosted runners are not wiped between jobs and usually sit inside a private network. In a public repository, anyone can open a pull request or comment that runs a job on them, run arbitrary code, persist on the machine and reach internal systems. GitHub advises never to use self-hosted runners with public repositories; where they are needed, use ephemeral, isolated runners and never on fork-triggered events. A `runs-on: ${{ matrix.NAME }}` is read through the job\'s static matrix (its values and `include` entries, less values an `exclude` entry removes). A job whose `if:` requires `github.event_name` to be an event outsiders cannot cause (`github.event_name == \'push\'`, no `||` or negation) is not reported.',
    severity: 'medium',
    kinds: ['github-workflow'],
    messages: {
      selfHosted: 'Job "{{job}}" runs on a self-hosted runner (`{{labels}}`) but the workflow is triggered by `{{trigger}}`, which outside contributors can start in a public repository; use GitHub-hosted runners for these events or ephemeral, isolated self-hosted runners.',
    },
    remediation: 'Run fork- and comment-triggered jobs on GitHub-hosted runners. If self-hosted runners are required, make them ephemeral (just-in-time, one job each), isolated from internal networks, and restrict them to private repositories with runner groups.',
    references: [`${HARDENING}#hardening-for-self-hosted-runners`, 'https://docs.zizmor.sh/audits/#self-hosted-runner'],
    standards: { ...GHA_STANDARDS, sbd: ['10', '7'], cwe: ['CWE-829'] },
    equivalents: { zizmor: ['self-hosted-runner'], octoscan: ['runner-label'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const wf of workflows(ctx)) {
      const trigger = [...wf.triggers].find((t) => EXTERNAL_TRIGGERS.has(t));
      if (!trigger) continue;
      for (const job of jobs(wf)) {
        // a job that runs only on events outsiders cannot start (`if: github.event_name == 'push'`)
        if (onlyOtherEvents(get(job.node, 'if'), EXTERNAL_TRIGGERS)) continue;
        const r = runnerLabels(job);
        if (!r || !r.labels.includes('self-hosted')) continue;
        const labels = r.matrix ? `matrix.${r.matrix}: ${r.labels.join(', ')}` : r.labels.join(', ');
        ctx.report({ messageId: 'selfHosted', offsets: [r.node.start, r.node.end], data: { job: job.id, labels, trigger } });
      }
    }
  },
};
export default rule;
