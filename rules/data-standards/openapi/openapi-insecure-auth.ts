import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, str } from '../../../src/parsers/data/tree.js';
import { at, keyAt, oasDocs, refOf, securitySchemes } from '../../../src/openapi/model.js';
import { API_SECURITY, GDS_API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';

/** HTTP authentication schemes (IANA registry names, compared lower-cased) that are outdated or weak, and why. */
const WEAK_HTTP = new Map<string, string>([
  ['digest', 'a challenge-response over a password, usually MD5, that makes the server keep password equivalents'],
  ['negotiate', 'SPNEGO, meant for Kerberos on intranets, can fall back to NTLM'],
  ['oauth', 'OAuth 1.0 request signing, superseded by OAuth 2.0'],
]);

/** OAuth 2.0 grant types the OAuth 2.0 Security Best Current Practice (RFC 9700) rules out, and what it says. */
const WEAK_FLOWS = new Map<string, string>([
  ['password', 'forbids (the client handles the user\'s password, and it cannot be protected by multi-factor authentication)'],
  ['implicit', 'advises against (the access token is returned in the URL, where it leaks, and cannot be sender-constrained)'],
]);

/** Security schemes use modern authentication: no HTTP Basic, Digest, Negotiate or OAuth 1.0, no OAuth 2.0 password or implicit grants. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-insecure-auth',
    title: 'Security scheme uses an outdated or weak authentication method',
    description:
      'HTTP Basic authentication sends a long-lived password, only base64-encoded, with every request: it cannot be scoped, expired or protected by multi-factor authentication, and it is exposed wherever requests are logged or TLS is terminated. HTTP Digest (MD5), Negotiate (Kerberos/NTLM) and OAuth 1.0 are outdated. The OAuth 2.0 password grant gives the client the user\'s password, and the implicit grant returns tokens in the URL; the OAuth 2.0 Security Best Current Practice (RFC 9700) forbids the first and advises against the second. The GDS API technical and data standards recommend OAuth 2.0 and OpenID Connect, and OWASP API2:2023 (broken authentication) names weak authentication methods.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      basic: 'Security scheme `{{name}}` uses HTTP Basic authentication, which sends a reusable password with every request; use OAuth 2.0 (bearer tokens) or OpenID Connect instead.',
      weakHttp: 'Security scheme `{{name}}` uses the HTTP `{{scheme}}` authentication scheme, which is outdated: {{why}}; use OAuth 2.0 (bearer tokens) or OpenID Connect instead.',
      flow: 'OAuth 2.0 scheme `{{name}}` offers the `{{flow}}` flow, which the OAuth 2.0 Security Best Current Practice (RFC 9700) {{why}}; use the authorization code flow with PKCE (client credentials for machine-to-machine calls).',
    },
    remediation: 'Replace HTTP Basic, Digest, Negotiate and OAuth 1.0 schemes with OAuth 2.0 bearer tokens or OpenID Connect, and replace the password and implicit OAuth 2.0 flows with the authorization code flow with PKCE (or client credentials for services).',
    references: [GDS_API_STANDARDS, 'https://www.rfc-editor.org/rfc/rfc9700', 'https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/', OWASP_API_2023, SPECTRAL_OWASP],
    standards: { ...API_SECURITY, cwe: ['CWE-522', 'CWE-1390'] },
    equivalents: { spectral: ['owasp:api2:2023-no-http-basic', 'owasp:api2:2023-auth-insecure-schemes'], kics: ['68e5fcac-390c-4939-a373-6074b7be7c71', 'a4247b11-890b-45df-bf42-350a7a3af9be', 'f525cc92-9050-4c41-a75c-890dc6f64449', '1bc3205c-0d60-44e6-84f3-44fbf4dac5b3', '3979b0a4-532c-4ea7-86e4-34c090eaa4f2', '2da46be4-4317-4650-9285-56d7103c4f93', '39cb32f2-3a42-4af0-8037-82a7a9654b6c'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const schemes = securitySchemes(doc);
      if (!isMap(schemes)) continue;
      for (const e of schemes.entries) {
        const s = e.value;
        if (!isMap(s) || refOf(s) !== undefined) continue;
        const name = String(e.key.value);
        const typeNode = get(s, 'type');
        const type = str(typeNode);
        if (doc.version === '2.0') {
          if (type === 'basic' && typeNode) ctx.report({ messageId: 'basic', offsets: at(typeNode), data: { name } });
          const flowNode = get(s, 'flow');
          const flow = str(flowNode);
          const why = flow === undefined ? undefined : WEAK_FLOWS.get(flow);
          if (type === 'oauth2' && flowNode && flow && why) ctx.report({ messageId: 'flow', offsets: at(flowNode), data: { name, flow, why } });
          continue;
        }
        if (type === 'http') {
          const schemeNode = get(s, 'scheme');
          const scheme = (str(schemeNode) ?? '').trim();
          if (!schemeNode) continue;
          // Authentication scheme names are case-insensitive (RFC 9110 section 11.1).
          if (scheme.toLowerCase() === 'basic') ctx.report({ messageId: 'basic', offsets: at(schemeNode), data: { name } });
          const why = WEAK_HTTP.get(scheme.toLowerCase());
          if (why) ctx.report({ messageId: 'weakHttp', offsets: at(schemeNode), data: { name, scheme, why } });
        } else if (type === 'oauth2') {
          const flows = get(s, 'flows');
          if (!isMap(flows)) continue;
          for (const [flow, why] of WEAK_FLOWS) {
            const f = entry(flows, flow);
            if (f) ctx.report({ messageId: 'flow', offsets: keyAt(f), data: { name, flow, why } });
          }
        }
      }
    }
  },
};
export default rule;
