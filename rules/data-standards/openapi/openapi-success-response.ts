import type { Rule } from '../../../src/model/rule.js';
import { entry, isMap } from '../../../src/parsers/data/tree.js';
import { keyAt, oasDocs, operations, responseEntries } from '../../../src/openapi/model.js';
import { API_STANDARDS, OAS_SPEC, SPECTRAL_OAS } from './common.js';

/** Every operation documents at least one success (2xx) or redirect (3xx) response. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-success-response',
    title: 'Operation documents no success response',
    description:
      'An operation whose responses are all errors does not say what a successful call returns, so clients cannot be generated or tested against it. The OpenAPI specification expects the response for a successful operation call to be documented.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: { missing: 'The {{method}} operation on {{path}} documents no 2xx or 3xx response; document what a successful call returns.' },
    remediation: 'Add the success response (e.g. `200` with its content schema, `201` for creation, `204` for no content).',
    references: [`${OAS_SPEC}#responses-object`, SPECTRAL_OAS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['operation-success-response'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const o of operations(doc)) {
        const responses = entry(o.op, 'responses');
        if (!responses || !isMap(responses.value)) continue;
        const codes = responseEntries(doc, o.op).map((e) => String(e.key.value));
        if (codes.length === 0 || codes.some((c) => /^[23]/.test(c))) continue;
        ctx.report({ messageId: 'missing', offsets: keyAt(responses), data: { method: o.method.toUpperCase(), path: o.path } });
      }
    }
  },
};
export default rule;
