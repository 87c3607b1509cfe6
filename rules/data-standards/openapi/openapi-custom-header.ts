import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, HTTP_METHODS, oasDocs, pathEntries, refOf } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS } from './common.js';

/** Well-known X- headers that are de facto standards, not custom inventions. */
const ESTABLISHED = new Set(['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-request-id', 'x-correlation-id', 'x-api-key', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-http-method-override', 'x-amz-date', 'x-amz-security-token']);

/** RFC 6648 deprecates the `X-` prefix for new parameters. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-custom-header',
    title: 'Header parameter uses the deprecated X- prefix',
    description:
      'RFC 6648 deprecates the `X-` prefix for new HTTP headers: when an "experimental" header becomes standard, everyone is stuck with the X- name. The GDS API standards ask teams to use standard headers where one exists and meaningful names otherwise.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { prefix: 'Header parameter `{{name}}` uses the deprecated `X-` prefix (RFC 6648); use a standard header if one exists, or a meaningful name without `X-`.' },
    remediation: 'Prefer standard headers (`Authorization`, `Idempotency-Key`, `traceparent`, `RateLimit-*`); name new headers without the `X-` prefix.',
    references: ['https://www.rfc-editor.org/rfc/rfc6648', GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const params = (list: DataNode | undefined) => {
        const items = isSeq(list) ? list.items : isMap(list) ? list.entries.map((e) => e.value) : [];
        for (const p of items) {
          if (!isMap(p) || refOf(p) !== undefined || str(get(p, 'in')) !== 'header') continue;
          const nameNode = get(p, 'name');
          const name = str(nameNode);
          if (!name || !nameNode || !/^x-/i.test(name) || ESTABLISHED.has(name.toLowerCase())) continue;
          ctx.report({ messageId: 'prefix', offsets: at(nameNode), data: { name } });
        }
      };
      for (const pe of pathEntries(doc)) {
        if (!isMap(pe.value)) continue;
        params(get(pe.value, 'parameters'));
        for (const m of HTTP_METHODS) params(get(get(pe.value, m), 'parameters'));
      }
      params(doc.version === '2.0' ? get(doc.root, 'parameters') : get(get(doc.root, 'components'), 'parameters'));
    }
  },
};
export default rule;
