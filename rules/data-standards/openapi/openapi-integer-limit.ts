import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isScalar, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';
import { inputSchemas, schemaLabel } from './limits.js';

/** A numeric bound: `minimum`/`maximum`, or a numeric `exclusiveMinimum`/`exclusiveMaximum` (JSON Schema 2019+; a boolean one bounds nothing by itself). */
function bounded(s: DataMap, side: 'minimum' | 'maximum'): boolean {
  const exclusive = side === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum';
  const isNumber = (n: DataNode | undefined) => isScalar(n) && typeof n.value === 'number';
  return isNumber(get(s, side)) || isNumber(get(s, exclusive));
}

/** Input integers have a lower and an upper bound. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-integer-limit',
    title: 'Input integer has no minimum or maximum',
    description:
      'An integer accepted from clients without `minimum` and `maximum` (or an `enum` or `const`) takes any value the parser allows: a page size of a billion, a negative quantity or an identifier that overflows its database column. Huge values drive unbounded work (OWASP API4:2023, unrestricted resource consumption) and out-of-range ones reach business logic that never expected them. A documented range lets the gateway and validators reject them early. Response schemas, `readOnly` ones and component schemas that only responses reach (an error body, a receipt) are not reported.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { unbounded: 'Integer {{what}} has no {{missing}}; set the range the API accepts (`minimum` and `maximum`).' },
    remediation: 'Add `minimum` and `maximum` to input integers (for example `minimum: 1, maximum: 100` for a page size) and enforce them in the implementation.',
    references: [OWASP_API_2023, SPECTRAL_OWASP, 'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/'],
    standards: { ...API_STANDARDS, dsss: ['8', '12'], govuk: ['9', '13'], cwe: ['CWE-770', 'CWE-1284'] },
    equivalents: { spectral: ['owasp:api4:2023-integer-limit', 'owasp:api4:2023-integer-limit-legacy'], kics: ['2ea04bef-c769-409e-9179-ee3a50b5c0ac', '203eee11-15b6-4d47-b888-4c7f534967ee', '181bd815-767e-4e95-a24d-bb3c87328e19', 'efd1dfc8-da91-4909-a3f3-c23abc5ec799'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const v of inputSchemas(doc, 'integer')) {
        const s = v.schema;
        if (get(s, 'enum') !== undefined || get(s, 'const') !== undefined) continue;
        const min = bounded(s, 'minimum');
        const max = bounded(s, 'maximum');
        if (min && max) continue;
        const missing = !min && !max ? '`minimum` nor `maximum`' : min ? '`maximum`' : '`minimum`';
        const t = entry(s, 'type');
        ctx.report({ messageId: 'unbounded', offsets: v.propertyKey ? at(v.propertyKey) : t ? keyAt(t) : at(s), data: { what: schemaLabel(v), missing } });
      }
    }
  },
};
export default rule;
