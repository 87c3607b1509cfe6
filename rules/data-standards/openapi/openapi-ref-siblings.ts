import type { Rule } from '../../../src/model/rule.js';
import { isMap, walk } from '../../../src/parsers/data/tree.js';
import { keyAt, oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, OAS30_SPEC, SPECTRAL_OAS } from './common.js';

/** In OpenAPI 2.0 and 3.0, keys beside `$ref` are ignored. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-ref-siblings',
    title: 'Keys beside $ref are ignored',
    description:
      'In Swagger 2.0 and OpenAPI 3.0 a Reference Object is replaced by its target, and any other keys written beside `$ref` (a description, `nullable`, `readOnly`, an example) are ignored by tools that follow the specification. Authors expect them to apply, so the published contract differs from the intended one. (OpenAPI 3.1 allows `summary` and `description` siblings, and schema keywords beside `$ref`.)',
    severity: 'low',
    kinds: ['openapi'],
    messages: { sibling: '`{{key}}` beside `$ref` is ignored in OpenAPI {{version}}; wrap the reference in `allOf: [{ $ref: ... }]` and put `{{key}}` beside the `allOf`, or move it into the target.' },
    remediation: 'Use `allOf: [{ $ref: "#/components/schemas/X" }]` with the extra keywords next to `allOf`, or upgrade to OpenAPI 3.1.',
    references: [`${OAS30_SPEC}#reference-object`, SPECTRAL_OAS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['no-$ref-siblings'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      if (doc.version === '3.1') continue;
      walk(doc.root, (node, path) => {
        const last = path[path.length - 1];
        if (last === 'example' || last === 'examples') return false;
        if (!isMap(node) || !node.entries.some((e) => String(e.key.value) === '$ref')) return undefined;
        // `properties: { $ref: ... }` names a property "$ref"; not a reference object.
        if (last === 'properties') return undefined;
        for (const e of node.entries) {
          const k = String(e.key.value);
          if (k !== '$ref') ctx.report({ messageId: 'sibling', offsets: keyAt(e), data: { key: k, version: doc.version } });
        }
        return undefined;
      });
    }
  },
};
export default rule;
