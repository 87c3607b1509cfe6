import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, keys, type DataNode } from '../../../src/parsers/data/tree.js';
import { oasDocs, operations, type OasDoc } from '../../../src/openapi/model.js';
import { API_SECURITY, GDS_API_STANDARDS, SPECTRAL_OAS } from './common.js';

export function securitySchemeNames(doc: OasDoc): Set<string> {
  const defs = doc.version === '2.0' ? get(doc.root, 'securityDefinitions') : get(get(doc.root, 'components'), 'securitySchemes');
  return new Set(keys(defs));
}

/** Security requirements must name schemes that are defined. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-security-defined',
    title: 'Security requirement names an undefined scheme',
    description:
      'A `security` requirement that names a scheme missing from `components.securitySchemes` (or Swagger 2.0 `securityDefinitions`) is invalid: tools ignore it or reject the description, so the operation is documented — and often generated or gateway-enforced — as having no authentication at all.',
    severity: 'high',
    kinds: ['openapi'],
    messages: { undefined: 'Security requirement uses scheme `{{name}}`, which is not defined in {{where}}; define it or fix the name (defined: {{defined}}).' },
    remediation: 'Define every scheme used by `security` under `components.securitySchemes` (Swagger 2.0: `securityDefinitions`), with matching names.',
    references: ['https://spec.openapis.org/oas/v3.1.0#security-requirement-object', SPECTRAL_OAS, GDS_API_STANDARDS],
    standards: { ...API_SECURITY, cwe: ['CWE-306'] },
    equivalents: { spectral: ['oas3-operation-security-defined', 'oas2-operation-security-defined'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const names = securitySchemeNames(doc);
      const where = doc.version === '2.0' ? '`securityDefinitions`' : '`components.securitySchemes`';
      const check = (sec: DataNode | undefined) => {
        if (!isSeq(sec)) return;
        for (const req of sec.items) {
          if (!isMap(req)) continue;
          for (const e of req.entries) {
            const name = String(e.key.value);
            if (!names.has(name)) ctx.report({ messageId: 'undefined', offsets: [e.key.start, e.key.end], data: { name, where, defined: names.size ? [...names].join(', ') : 'none' } });
          }
        }
      };
      check(entry(doc.root, 'security')?.value);
      for (const o of operations(doc)) check(get(o.op, 'security'));
    }
  },
};
export default rule;
