import type { Rule } from '../../../src/model/rule.js';
import { entry, get } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';
import { BOUNDED_FORMATS, boundedPattern, inputSchemas, schemaLabel, str } from './limits.js';

/** Input strings have a maximum length. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-string-limit',
    title: 'Input string has no maximum length',
    description:
      'A string accepted from clients without `maxLength` (or an `enum`, `const`, bounded `format` or fully anchored `pattern`) can be megabytes long: it lets one request exhaust memory, storage or downstream services. OWASP API4:2023 (unrestricted resource consumption) recommends limiting the size of every input, and a documented limit lets the gateway and validators reject oversize values early. Response schemas, `readOnly` ones and component schemas that only responses reach (an error body, a receipt) are not reported.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { unbounded: 'String {{what}} has no `maxLength` (nor `enum`, `const` or a bounded format/pattern); set a realistic `maxLength`.' },
    remediation: 'Add `maxLength` to input strings (for example 255 for names, 2000 for free text), and enforce it in the implementation.',
    references: [OWASP_API_2023, SPECTRAL_OWASP, 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/'],
    standards: { ...API_STANDARDS, dsss: ['8', '12'], govuk: ['9', '13'], cwe: ['CWE-770'] },
    equivalents: { spectral: ['owasp:api4:2023-string-limit'], kics: ['8c8261c2-19a9-4ef7-ad37-b8bc7bdd4d85', '2ec86e48-ab90-4cb6-a131-0502afd1f442'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const v of inputSchemas(doc, 'string')) {
        const s = v.schema;
        if (get(s, 'maxLength') !== undefined || get(s, 'enum') !== undefined || get(s, 'const') !== undefined) continue;
        if (BOUNDED_FORMATS.has(str(get(s, 'format')) ?? '') || boundedPattern(str(get(s, 'pattern')))) continue;
        const t = entry(s, 'type');
        ctx.report({ messageId: 'unbounded', offsets: v.propertyKey ? at(v.propertyKey) : t ? keyAt(t) : at(s), data: { what: schemaLabel(v) } });
      }
    }
  },
};
export default rule;
