import type { Rule } from '../../../src/model/rule.js';
import { rangeOf } from './lib.js';

/** MAINTAINER is deprecated; LABEL carries the same information in the standard OCI key. */
const rule: Rule = {
  meta: {
    id: 'iac/dockerfile-maintainer-deprecated',
    title: 'Deprecated MAINTAINER instruction',
    description:
      'MAINTAINER has been deprecated since Docker 1.13. Ownership of an image matters for security response (who patches it, who to tell about a vulnerability), and the supported way to record it is a LABEL, ideally the OCI `org.opencontainers.image.authors` key that registries and scanners read.',
    severity: 'info',
    kinds: ['dockerfile'],
    messages: {
      maintainer: 'MAINTAINER {{value}} is deprecated (expected `LABEL org.opencontainers.image.authors="{{value}}"`); replace it with the LABEL.',
    },
    remediation: 'Replace `MAINTAINER <name>` with `LABEL org.opencontainers.image.authors="<name or team address>"`.',
    references: [
      'https://docs.docker.com/reference/dockerfile/#maintainer-deprecated',
      'https://github.com/opencontainers/image-spec/blob/main/annotations.md',
    ],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['1'], caf: ['A3'] },
    equivalents: { hadolint: ['DL4000'], checkov: ['CKV_DOCKER_6'], kics: ['99614418-f82b-4852-a9ae-5051402b741c'], trivy: ['AVD-DS-0022'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    if (ctx.document.format !== 'dockerfile') return;
    for (const inst of ctx.document.dockerfile.getInstructions()) {
      if (inst.getKeyword() !== 'MAINTAINER') continue;
      ctx.report({ messageId: 'maintainer', range: rangeOf(inst), data: { value: (inst.getArgumentsContent() ?? '').trim().replace(/"/g, '\\"') } });
    }
  },
};
export default rule;
