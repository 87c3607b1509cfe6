import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, walk } from '../../../src/parsers/data/tree.js';
import { keyAt, oasDocs, resolve } from '../../../src/openapi/model.js';
import { API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';

/** A 429 (Too Many Requests) response says when to retry. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-retry-after',
    title: '429 response does not document Retry-After',
    description:
      'When an API rate-limits a client with 429 Too Many Requests, the `Retry-After` header (RFC 9110, RFC 6585) tells well-behaved clients how long to back off. Without it clients retry immediately and in lockstep, making the overload worse. OWASP API4:2023 (unrestricted resource consumption) recommends documenting rate limiting.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { missing: 'The 429 response does not document a `Retry-After` header; add it to `headers` so clients know when to retry.' },
    remediation: 'Add `headers: { Retry-After: { description: ..., schema: { type: integer } } }` to 429 responses (a shared `components/responses/TooManyRequests` works well).',
    references: ['https://www.rfc-editor.org/rfc/rfc6585#section-4', 'https://www.rfc-editor.org/rfc/rfc9110#field.retry-after', OWASP_API_2023, SPECTRAL_OWASP],
    standards: API_STANDARDS,
    equivalents: { spectral: ['owasp:api4:2023-rate-limit-retry-after'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      walk(doc.root, (node, path) => {
        const last = path[path.length - 1];
        if (last === 'example' || last === 'examples' || last === 'properties') return false;
        if (path[path.length - 1] !== 'responses' || !isMap(node)) return undefined;
        for (const e of node.entries) {
          if (String(e.key.value) !== '429') continue;
          const r = resolve(doc.root, e.value);
          if (!isMap(r)) continue;
          const headers = get(r, 'headers');
          const has = isMap(headers) && headers.entries.some((h) => String(h.key.value).toLowerCase() === 'retry-after');
          if (!has) ctx.report({ messageId: 'missing', offsets: keyAt(e) });
        }
        return undefined;
      });
    }
  },
};
export default rule;
