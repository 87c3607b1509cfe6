import type { Rule } from '../../../src/model/rule.js';
import { keyAt, oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, OAS_SPEC } from './common.js';

/** Swagger 2.0 is superseded by OpenAPI 3. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-swagger-2',
    title: 'API is described with Swagger 2.0',
    description:
      'Swagger 2.0 (OpenAPI 2) was superseded by OpenAPI 3.0 in 2017. The UK government recommends OpenAPI 3 for describing RESTful APIs; OpenAPI 3 describes request bodies, content negotiation, servers, callbacks and security schemes that Swagger 2.0 cannot, and current tooling targets it.',
    severity: 'low',
    kinds: ['openapi'],
    messages: { outdated: 'This API description uses Swagger {{version}}; migrate it to OpenAPI 3 (3.0.3 or 3.1), the open standard the government recommends.' },
    remediation: 'Convert the description to OpenAPI 3 (e.g. with swagger2openapi) and review the result: `servers`, `components` and `requestBody` replace `host`/`basePath`, `definitions` and body parameters.',
    references: ['https://www.gov.uk/government/publications/recommended-open-standards-for-government/describing-restful-apis-with-openapi-3', OAS_SPEC, GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: {},
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      if (doc.version !== '2.0') continue;
      ctx.report({ messageId: 'outdated', offsets: keyAt(doc.versionEntry), data: { version: String((doc.versionEntry.value as { value?: unknown }).value ?? '2.0') } });
    }
  },
};
export default rule;
