import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, walk } from '../../../src/parsers/data/tree.js';
import { keyAt, oasDocs, pathEntries } from '../../../src/openapi/model.js';
import { API_STANDARDS, SPECTRAL_OAS } from './common.js';

const SECTIONS_3 = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks'];

/** Reusable components that nothing references are dead weight, or a sign of a broken reference. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-unused-component',
    title: 'Component is never referenced',
    description:
      'A component that no `$ref` uses is not part of the API contract, yet documentation and code generators still publish it, so consumers build against types the API never sends. It often means a reference was mistyped or an operation was removed without its types.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { unused: 'Component `{{name}}` in `{{section}}` is never referenced; use it with `$ref` or remove it.' },
    remediation: 'Remove unused components, or reference them where they were meant to be used.',
    references: [SPECTRAL_OAS, 'https://spec.openapis.org/oas/v3.1.0#components-object'],
    standards: API_STANDARDS,
    equivalents: { spectral: ['oas3-unused-component', 'oas2-unused-definition'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      // A document with no paths is usually a shared component library referenced from other files.
      if (pathEntries(doc).length === 0) continue;
      const refs = new Set<string>();
      walk(doc.root, (node) => {
        if (!isMap(node)) return;
        for (const e of node.entries) {
          if (String(e.key.value) !== '$ref' || !isScalar(e.value)) continue;
          const v = String(e.value.value);
          const hash = v.indexOf('#');
          if (hash >= 0) refs.add(v.slice(hash));
        }
      });
      const decoded = new Set([...refs].map((r) => {
        try {
          return decodeURIComponent(r);
        } catch {
          return r;
        }
      }));
      const sections: [string, ReturnType<typeof get>, string][] = doc.version === '2.0'
        ? [['definitions', get(doc.root, 'definitions'), '#/definitions/'], ['parameters', get(doc.root, 'parameters'), '#/parameters/'], ['responses', get(doc.root, 'responses'), '#/responses/']]
        : SECTIONS_3.map((s) => [`components.${s}`, get(get(doc.root, 'components'), s), `#/components/${s}/`]);
      for (const [section, map, prefix] of sections) {
        if (!isMap(map)) continue;
        for (const e of map.entries) {
          const name = String(e.key.value);
          if (name.startsWith('x-')) continue;
          const ref = prefix + name.replace(/~/g, '~0').replace(/\//g, '~1');
          const used = [...decoded].some((r) => r === ref || r.startsWith(`${ref}/`));
          if (!used) ctx.report({ messageId: 'unused', offsets: keyAt(e), data: { name, section } });
        }
      }
    }
  },
};
export default rule;
