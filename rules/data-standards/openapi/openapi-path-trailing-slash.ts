import type { Rule } from '../../../src/model/rule.js';
import { keyAt, oasDocs, pathEntries } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, SPECTRAL_OAS } from './common.js';

/** Path keys do not end with a slash. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-path-trailing-slash',
    title: 'API path ends with a slash',
    description:
      'A path with a trailing slash (`/applications/`) is a different URL from the one without, and frameworks disagree on whether to redirect, match or reject it. Clients that build URLs from the description then fail intermittently. The GDS API standards ask for simple, predictable URLs.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { slash: 'Path `{{path}}` ends with a slash; remove the trailing slash (`{{fixed}}`).' },
    remediation: 'Remove the trailing slash from the path key and make the server treat the path without it as canonical.',
    references: [SPECTRAL_OAS, GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['path-keys-no-trailing-slash'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const pe of pathEntries(doc)) {
        const path = String(pe.key.value);
        if (path.length > 1 && path.endsWith('/')) ctx.report({ messageId: 'slash', offsets: keyAt(pe), data: { path, fixed: path.replace(/\/+$/, '') || '/' } });
      }
    }
  },
};
export default rule;
