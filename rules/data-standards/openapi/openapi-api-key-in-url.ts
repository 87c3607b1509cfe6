import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, HTTP_METHODS, oasDocs, pathEntries, refOf, securitySchemes } from '../../../src/openapi/model.js';
import { API_SECURITY, GDS_API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';

/** Parameter names (lower-cased, `-`/`_` removed) that carry credentials. */
const CREDENTIAL_NAMES = new Set([
  'apikey', 'key', 'token', 'accesstoken', 'authtoken', 'authorization', 'auth', 'refreshtoken', 'idtoken', 'bearer', 'jwt',
  'password', 'passwd', 'pwd', 'secret', 'clientsecret', 'apisecret', 'sessionid', 'sessiontoken', 'subscriptionkey',
]);

/** Credentials (API keys, tokens, passwords) must not travel in the URL. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-api-key-in-url',
    title: 'API key or credential passed in the URL',
    description:
      'URLs are written to server, proxy and CDN access logs, browser history and Referer headers, so an API key, token or password passed as a query or path parameter leaks to everyone who can read those. The GDS API standards and OWASP API2:2023 (broken authentication) ask for credentials to be sent in headers, such as `Authorization`.',
    severity: 'high',
    kinds: ['openapi'],
    messages: {
      scheme: 'Security scheme `{{name}}` sends its API key `in: {{where}}`, so it appears in URLs and logs; send it in a header (`in: header`) instead.',
      param: 'Parameter `{{name}}` (`in: {{where}}`) carries a credential in the URL; send it in the `Authorization` header or another header instead.',
    },
    remediation: 'Use `in: header` for apiKey schemes (or OAuth 2.0 bearer tokens in `Authorization`) and remove credential parameters from query strings and paths.',
    references: [GDS_API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP, 'https://cwe.mitre.org/data/definitions/598.html'],
    standards: { ...API_SECURITY, cwe: ['CWE-598'] },
    equivalents: { spectral: ['owasp:api2:2023-no-api-keys-in-url', 'owasp:api2:2023-no-credentials-in-url'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const schemes = securitySchemes(doc);
      if (isMap(schemes)) {
        for (const e of schemes.entries) {
          if (!isMap(e.value) || str(get(e.value, 'type')) !== 'apiKey') continue;
          const where = entry(e.value, 'in');
          const w = str(where?.value);
          if (where && (w === 'query' || w === 'path')) ctx.report({ messageId: 'scheme', offsets: at(where.value), data: { name: String(e.key.value), where: w } });
        }
      }
      const params = (list: DataNode | undefined) => {
        if (isSeq(list)) list.items.forEach(param);
        else if (isMap(list)) list.entries.forEach((e) => param(e.value));
      };
      const param = (p: DataNode) => {
        if (!isMap(p) || refOf(p) !== undefined) return;
        const w = str(get(p, 'in'));
        const nameNode = get(p, 'name');
        const name = str(nameNode);
        if (!name || !nameNode || (w !== 'query' && w !== 'path')) return;
        if (CREDENTIAL_NAMES.has(name.toLowerCase().replace(/[-_.]/g, ''))) ctx.report({ messageId: 'param', offsets: at(nameNode), data: { name, where: w } });
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
