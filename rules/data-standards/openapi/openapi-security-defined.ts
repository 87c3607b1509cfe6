import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isSeq, keys, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, oasDocs, operations, resolve, securitySchemes, type OasDoc } from '../../../src/openapi/model.js';
import { API_SECURITY, GDS_API_STANDARDS, SPECTRAL_OAS } from './common.js';


/**
 * The scopes an OAuth2 scheme declares (2.0: `scopes`; 3.x: the union of its flows' `scopes`), or
 * undefined when that cannot be told: not OAuth2 (OpenID Connect scopes live with the provider),
 * a scheme or flow that is missing or malformed (the schema rules report that), or a flow without a
 * `scopes` map.
 */
function declaredScopes(doc: OasDoc, scheme: DataNode | undefined): Set<string> | undefined {
  const s = resolve(doc.root, scheme);
  if (!isMap(s) || str(get(s, 'type')) !== 'oauth2') return undefined;
  if (doc.version === '2.0') {
    const scopes = get(s, 'scopes');
    return isMap(scopes) ? new Set(keys(scopes)) : undefined;
  }
  const flows = get(s, 'flows');
  if (!isMap(flows)) return undefined;
  const out = new Set<string>();
  const used = flows.entries.filter((e) => !String(e.key.value).startsWith('x-'));
  if (used.length === 0) return undefined;
  for (const f of used) {
    const scopes = get(f.value, 'scopes');
    if (!isMap(scopes)) return undefined;
    for (const k of keys(scopes)) out.add(k);
  }
  return out;
}

/**
 * The type of a scheme whose requirements must list no scopes: in Swagger 2.0 and OpenAPI 3.0 only
 * OAuth2 (and, in 3.0, OpenID Connect) requirements carry scopes, and for every other type the array
 * MUST be empty. OpenAPI 3.1 lets other types list role names, so undefined there, as it is for a
 * scheme whose type cannot be read.
 */
function nonOAuthType(doc: OasDoc, scheme: DataNode | undefined): string | undefined {
  if (doc.version === '3.1') return undefined;
  const type = str(get(resolve(doc.root, scheme), 'type'));
  const known = doc.version === '2.0' ? ['basic', 'apiKey'] : ['apiKey', 'http', 'mutualTLS'];
  return type !== undefined && known.includes(type) ? type : undefined;
}

/** Security requirements must name schemes that are defined, and OAuth2 scopes those schemes declare. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-security-defined',
    title: 'Security requirement names an undefined scheme or scope',
    description:
      'A `security` requirement that names a scheme missing from `components.securitySchemes` (or Swagger 2.0 `securityDefinitions`) is invalid: tools ignore it or reject the description, so the operation is documented — and often generated or gateway-enforced — as having no authentication at all. A requirement that asks an OAuth2 scheme for a scope the scheme does not declare among its available scopes cannot be met as written: clients request a token the authorisation server never issues, or gateways enforce a scope no one can hold. In Swagger 2.0 and OpenAPI 3.0 a requirement for any other kind of scheme (API key, HTTP Basic or bearer) must list no scopes: scopes written there restrict nothing, yet readers take the operation to be limited to them.',
    severity: 'high',
    kinds: ['openapi'],
    messages: {
      undefined: 'Security requirement uses scheme `{{name}}`, which is not defined in {{where}}; define it or fix the name (defined: {{defined}}).',
      notOAuth: 'Security requirement lists scopes for `{{name}}`, a `{{type}}` scheme; in OpenAPI {{version}} only OAuth2 and OpenID Connect requirements take scopes and for other schemes the list must be empty, so these are ignored: enforce the permission another way, or use an OAuth2 scheme.',
      scope: 'Security requirement asks for scope `{{scope}}` of OAuth2 scheme `{{name}}`, which the scheme does not declare among its scopes ({{available}}); add it to the scheme\'s `scopes` or fix the name.',
    },
    remediation: 'Define every scheme used by `security` under `components.securitySchemes` (Swagger 2.0: `securityDefinitions`), with matching names, and list every OAuth2 scope a requirement uses in the scheme\'s `scopes`; leave the list empty (`[]`) for API key and HTTP schemes.',
    references: ['https://spec.openapis.org/oas/v3.1.0#security-requirement-object', SPECTRAL_OAS, GDS_API_STANDARDS],
    standards: { ...API_SECURITY, cwe: ['CWE-306'] },
    equivalents: { spectral: ['oas3-operation-security-defined', 'oas2-operation-security-defined'], kics: ['ba239cb9-f342-4c20-812d-7b5a2aa6969e'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const defs = securitySchemes(doc);
      const names = new Set(keys(defs));
      const where = doc.version === '2.0' ? '`securityDefinitions`' : '`components.securitySchemes`';
      const check = (sec: DataNode | undefined) => {
        if (!isSeq(sec)) return;
        for (const req of sec.items) {
          if (!isMap(req)) continue;
          for (const e of req.entries) {
            const name = String(e.key.value);
            if (!names.has(name)) {
              ctx.report({ messageId: 'undefined', offsets: [e.key.start, e.key.end], data: { name, where, defined: names.size ? [...names].join(', ') : 'none' } });
              continue;
            }
            if (!isSeq(e.value)) continue;
            const listed = nonOAuthType(doc, get(defs, name));
            if (listed && e.value.items.length > 0) {
              ctx.report({ messageId: 'notOAuth', offsets: at(e.value.items[0]), data: { name, type: listed, version: doc.version }, severity: 'medium' });
              continue;
            }
            const available = declaredScopes(doc, get(defs, name));
            if (!available) continue;
            for (const item of e.value.items) {
              const scope = str(item);
              if (scope !== undefined && !available.has(scope)) ctx.report({ messageId: 'scope', offsets: at(item), data: { scope, name, available: available.size ? [...available].map((x) => `\`${x}\``).join(', ') : 'none' } });
            }
          }
        }
      };
      check(entry(doc.root, 'security')?.value);
      for (const o of operations(doc)) check(get(o.op, 'security'));
    }
  },
};
export default rule;
