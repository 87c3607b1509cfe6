import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, isTrue } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs, operations, WRITE_METHODS } from '../../../src/openapi/model.js';
import { API_SECURITY, GDS_API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';

const PUBLIC_FLAGS = ['x-public', 'x-unauthenticated', 'x-no-auth'];

/** Operations that change state must require authentication. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-write-unprotected',
    title: 'Write operation does not require authentication',
    description:
      'A POST, PUT, PATCH or DELETE operation with no security requirement (none applied globally or on the operation, `security: []`, or an empty `{}` alternative that makes authentication optional) lets anyone change or delete data. Even open-data APIs should authenticate writes. Broken authentication is OWASP API2:2023; the GDS API standards require authentication and authorisation to be designed in.',
    severity: 'high',
    kinds: ['openapi'],
    messages: {
      none: 'The {{method}} operation on {{path}} changes state but no security requirement applies to it; add `security` (globally or on the operation) naming a defined scheme.',
      empty: 'The {{method}} operation on {{path}} sets `security: []`, turning authentication off for a write; require a scheme, or mark a deliberately public endpoint with `x-public: true`.',
      optional: 'The {{method}} operation on {{path}} lists an empty `{}` security requirement, which makes authentication optional for a write; remove it.',
    },
    remediation: 'Apply a security scheme (OAuth 2.0/OpenID Connect, or mutual TLS for service-to-service) to every write operation. Mark an endpoint that is deliberately anonymous (e.g. a public feedback form) with `x-public: true`.',
    references: [GDS_API_STANDARDS, 'https://spec.openapis.org/oas/v3.1.0#security-requirement-object', OWASP_API_2023, SPECTRAL_OWASP],
    standards: { ...API_SECURITY, sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-306'] },
    equivalents: { spectral: ['owasp:api2:2023-write-restricted'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const global = entry(doc.root, 'security');
      for (const o of operations(doc)) {
        if (!WRITE_METHODS.has(o.method)) continue;
        if (PUBLIC_FLAGS.some((f) => isTrue(get(o.op, f)) || isTrue(get(o.pathItem, f)))) continue;
        const own = entry(o.op, 'security');
        const sec = own ?? global;
        const data = { method: o.method.toUpperCase(), path: o.path };
        if (!sec || !isSeq(sec.value)) {
          if (!sec) ctx.report({ messageId: 'none', offsets: keyAt(o.entry), data });
          continue;
        }
        if (sec.value.items.length === 0) {
          ctx.report({ messageId: own ? 'empty' : 'none', offsets: own ? keyAt(own) : keyAt(o.entry), data });
          continue;
        }
        const anon = sec.value.items.find((r) => isMap(r) && r.entries.length === 0);
        if (anon) ctx.report({ messageId: 'optional', offsets: own ? at(anon) : keyAt(o.entry), data });
      }
    }
  },
};
export default rule;
