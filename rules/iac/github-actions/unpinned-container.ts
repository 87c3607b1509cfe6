import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, type DataNode } from '../../../src/parsers/data/tree.js';
import { GHA_SUPPLY_CHAIN_STANDARDS, jobs, matrixDimension, matrixValues, WORKFLOW_SYNTAX, workflows, type Job } from './workflow.js';

/** `container:` and `services:` images with no tag or `:latest`. */
const rule: Rule = {
  meta: {
    id: 'iac/gha-unpinned-container',
    title: 'Job container or service image not pinned',
    description:
      'A job `container:` or `services:` image with no tag, or the `latest` tag, pulls whatever was last pushed: builds stop being reproducible and a compromised or replaced image runs inside the job with its token and secrets. A version tag, or better a `@sha256:` digest, fixes what runs. An `image: ${{ matrix.NAME }}` (or `container: ${{ matrix.NAME }}`) is read through the job\'s static matrix and reported at the matrix entry.',
    severity: 'low',
    kinds: ['github-workflow'],
    messages: {
      unpinned: 'The {{where}} image `{{image}}` {{why}}; pin a version tag or, better, a digest (`{{name}}:<version>@sha256:<digest>`).',
    },
    remediation: 'Reference images by version and digest (`postgres:16.4@sha256:…`) and let Dependabot or Renovate update them.',
    references: [`${WORKFLOW_SYNTAX}#jobsjob_idcontainer`, 'https://docs.zizmor.sh/audits/#unpinned-images', 'https://github.com/ossf/scorecard/blob/main/docs/checks.md#pinned-dependencies'],
    standards: { ...GHA_SUPPLY_CHAIN_STANDARDS, cwe: ['CWE-829'] },
    equivalents: { zizmor: ['unpinned-images'], scorecard: ['Pinned-Dependencies'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    const inspect = (spec: DataNode | undefined, where: string, job: Job) => {
      const node = isMap(spec) ? get(spec, 'image') : spec;
      if (!isScalar(node) || typeof node.value !== 'string') return;
      // `image: ${{ matrix.NAME }}`: each image the static matrix lists
      const dim = matrixDimension(node);
      if (dim) {
        for (const v of matrixValues(job, dim)) if (!isMap(v)) inspect(v, `${where} (through \`matrix.${dim}\`)`, job);
        return;
      }
      const image = node.value.trim();
      if (!image || image.includes('${{') || image.includes('@sha256:')) return;
      const lastSlash = image.lastIndexOf('/');
      const colon = image.indexOf(':', lastSlash + 1);
      const name = colon < 0 ? image : image.slice(0, colon);
      const tag = colon < 0 ? '' : image.slice(colon + 1);
      if (tag && tag !== 'latest') return;
      ctx.report({ messageId: 'unpinned', offsets: [node.start, node.end], data: { where, image, name, why: tag ? 'uses the floating `latest` tag' : 'has no tag (so `latest`)' } });
    };
    for (const wf of workflows(ctx)) {
      for (const job of jobs(wf)) {
        inspect(get(job.node, 'container'), 'job container', job);
        const services = get(job.node, 'services');
        if (isMap(services)) for (const e of services.entries) inspect(e.value, `service "${String(e.key.value)}"`, job);
      }
    }
  },
};
export default rule;
