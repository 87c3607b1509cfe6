import type { Rule } from '../../../src/model/rule.js';
import { entry, get } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';
import { inputSchemas, schemaLabel } from './limits.js';

/** Input arrays have a maximum number of items. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-array-limit',
    title: 'Input array has no maximum number of items',
    description:
      'An array accepted from clients without `maxItems` lets a single request carry an unbounded number of elements, each of which the API must validate, store or process: an easy denial of service. OWASP API4:2023 (unrestricted resource consumption) recommends limiting the number of elements in arrays. Response schemas, `readOnly` ones and component schemas that only responses reach (an error body, a receipt) are not reported.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { unbounded: 'Array {{what}} has no `maxItems`; set the largest number of items the API will accept.' },
    remediation: 'Add `maxItems` to input arrays and enforce it in the implementation (and paginate large responses).',
    references: [OWASP_API_2023, SPECTRAL_OWASP, 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/'],
    standards: { ...API_STANDARDS, dsss: ['8', '12'], govuk: ['9', '13'], cwe: ['CWE-770'] },
    equivalents: { spectral: ['owasp:api4:2023-array-limit'], kics: ['6998389e-66b2-473d-8d05-c8d71ac4d04d', '99eb2c95-2040-4104-9e7c-e16f7474d218'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const v of inputSchemas(doc, 'array')) {
        if (get(v.schema, 'maxItems') !== undefined) continue;
        const t = entry(v.schema, 'type');
        ctx.report({ messageId: 'unbounded', offsets: v.propertyKey ? at(v.propertyKey) : t ? keyAt(t) : at(v.schema), data: { what: schemaLabel(v) } });
      }
    }
  },
};
export default rule;
