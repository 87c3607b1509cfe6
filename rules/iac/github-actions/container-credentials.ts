import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { GHA_STANDARDS, jobs, WORKFLOW_SYNTAX, workflows } from './workflow.js';

/** A registry password written into the workflow instead of read from secrets. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-container-credentials',
    title: 'Hard-coded registry password for a job container or service',
    description:
      'The `credentials.password` of a job `container:` or a `services:` entry authenticates to the image registry. Written literally in the workflow, it is readable by everyone who can read the repository and stays in its history; it belongs in an encrypted secret.',
    severity: 'high',
    kinds: ['github-workflow'],
    messages: {
      hardcoded: 'The {{where}} registry password is written in the workflow; store it as a secret and use `password: ${{ secrets.REGISTRY_PASSWORD }}` (then rotate the exposed one).',
    },
    remediation: 'Move the password to an Actions secret, reference it as `${{ secrets.NAME }}` (or `${{ github.token }}` for ghcr.io), and rotate the value that was committed.',
    references: [`${WORKFLOW_SYNTAX}#jobsjob_idcontainercredentials`, 'https://docs.zizmor.sh/audits/#hardcoded-container-credentials'],
    standards: { ...GHA_STANDARDS, caf: ['B2', 'B3'], cwe: ['CWE-798'] },
    equivalents: { zizmor: ['hardcoded-container-credentials'], actionlint: ['credentials'], octoscan: ['credentials'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const inspect = (spec: DataNode | undefined, where: string) => {
      if (!isMap(spec)) return;
      const pw = get(get(spec, 'credentials'), 'password');
      if (!isScalar(pw) || pw.value === null || pw.value === '') return;
      const value = String(pw.value);
      if (value.includes('${{')) return;
      ctx.report({ messageId: 'hardcoded', offsets: [pw.start, pw.end], data: { where }, secrets: [value] });
    };
    for (const wf of workflows(ctx)) {
      for (const job of jobs(wf)) {
        inspect(get(job.node, 'container'), 'job container');
        const services = get(job.node, 'services');
        if (isMap(services)) for (const e of services.entries) inspect(e.value, `service "${String(e.key.value)}"`);
      }
    }
  },
};
export default rule;
