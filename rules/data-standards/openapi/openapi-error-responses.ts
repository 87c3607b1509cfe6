import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, type DataEntry } from '../../../src/parsers/data/tree.js';
import { keyAt, oasDocs, operations, resolve, responseEntries } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';

/** RFC 9457 problem details media types, whose structure the RFC defines. */
const PROBLEM_TYPE = /^application\/problem\+(json|xml)\s*(;|$)/i;

/** Operations document client (4xx) and server (5xx) errors, with a body schema. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-error-responses',
    title: 'Operation does not document its error responses',
    description:
      'The GDS API technical and data standards ask APIs to return clear, consistent errors and to document them. An operation that describes no 4xx or 5xx response (nor a `default`) leaves consumers guessing what failures look like, and contract tests cannot check that errors do not leak stack traces or internal details. Error responses should also describe their body, for example an RFC 9457 problem details object.',
    severity: 'low',
    kinds: ['openapi'],
    messages: {
      no4xx: 'The {{method}} operation on {{path}} documents no 4xx (client error) response nor `default`; document the errors a client can cause (e.g. 400, 401, 404, 422).',
      no5xx: 'The {{method}} operation on {{path}} documents no 5xx (server error) response nor `default`; document the server errors (e.g. 500, 503) and their body.',
      noBody: 'Error response `{{status}}` has no {{field}}; describe the error body (e.g. `application/problem+json` with a problem details schema).',
    },
    remediation: 'Add 4xx and 5xx (or `default`) responses to each operation, each with a content schema, ideally a shared `components/responses` error.',
    references: [GDS_API_STANDARDS, 'https://www.rfc-editor.org/rfc/rfc9457', OWASP_API_2023, SPECTRAL_OWASP],
    standards: API_STANDARDS,
    equivalents: { spectral: ['owasp:api8:2023-define-error-responses-500', 'owasp:api8:2023-define-error-validation'] },
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      for (const o of operations(doc)) {
        const responses = entry(o.op, 'responses');
        if (!responses || !isMap(responses.value)) continue;
        const codes = responseEntries(doc, o.op);
        if (codes.length === 0) continue;
        const keys = codes.map((e) => String(e.key.value).toUpperCase());
        const has = (d: string) => keys.some((k) => k === 'DEFAULT' || k.startsWith(d));
        const data = { method: o.method.toUpperCase(), path: o.path };
        if (!has('4')) ctx.report({ messageId: 'no4xx', offsets: keyAt(responses), data });
        if (!has('5')) ctx.report({ messageId: 'no5xx', offsets: keyAt(responses), data });
        if (o.method === 'head') continue;
        for (const e of codes) checkBody(e);
      }
      function checkBody(e: DataEntry): void {
        const status = String(e.key.value).toUpperCase() === 'DEFAULT' ? 'DEFAULT' : String(e.key.value);
        if (!/^[45]/.test(status) && status !== 'DEFAULT') return;
        const r = resolve(doc.root, e.value);
        if (!isMap(r)) return;
        if (doc.version === '2.0') {
          if (!get(r, 'schema')) ctx.report({ messageId: 'noBody', offsets: keyAt(e), data: { status: status.toLowerCase(), field: '`schema`' } });
        } else {
          const content = get(r, 'content');
          // A problem details media type (RFC 9457) defines the body itself; any other needs a schema.
          const ok = isMap(content) && content.entries.some((c) => PROBLEM_TYPE.test(String(c.key.value)) || (isMap(c.value) && get(c.value, 'schema')));
          if (!ok) ctx.report({ messageId: 'noBody', offsets: keyAt(e), data: { status: status.toLowerCase(), field: '`content` with a schema' } });
        }
      }
    }
  },
};
export default rule;
