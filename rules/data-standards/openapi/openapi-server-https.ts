import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isSeq, str, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, HTTP_METHODS, oasDocs, operations, pathEntries, securitySchemes } from '../../../src/openapi/model.js';
import { API_SECURITY, GDS_API_STANDARDS, OWASP_API_2023, SPECTRAL_OWASP } from './common.js';

/** URLs of an OAuth 2.0 flow. */
const AUTH_URL_KEYS = ['authorizationUrl', 'tokenUrl', 'refreshUrl', 'deviceAuthorizationUrl'];

/** Schemes that use TLS. */
const TLS_SCHEMES = new Set(['https', 'wss']);

/** The scheme of an absolute URL when it is not TLS (`http`, `ws`, `ftp`), lower case; undefined for TLS, relative or templated URLs. */
function plainScheme(url: string): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1].toLowerCase();
  return scheme && !TLS_SCHEMES.has(scheme) ? scheme : undefined;
}

const LOCAL_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|[\w.-]+\.localhost|host\.docker\.internal)$/i;

/** Host of a server URL (template variables left in place). */
function hostOf(url: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*|\{[^}]+\}):\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^/:?#]*)/i.exec(url);
  return m ? m[1] : '';
}

/** Servers and schemes must use TLS (except loopback addresses used for local development). */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-server-https',
    title: 'API server is not HTTPS',
    description:
      'An API served over plain HTTP exposes every request and response, including credentials and personal data, to anyone on the network path, and lets them be altered. The GDS API technical and data standards require APIs to use HTTPS (TLS); the OpenAPI description should only advertise https:// servers (in Swagger 2.0, only `https` or `wss` in `schemes`, globally and on operations that override it), and send clients only to https:// OAuth 2.0 and OpenID Connect endpoints, where passwords, client secrets, authorisation codes and tokens travel.',
    severity: 'high',
    kinds: ['openapi'],
    messages: {
      server: 'Server URL `{{url}}` uses {{scheme}}://; serve the API over HTTPS and list only https:// (or wss://) servers.',
      authUrl: 'Security scheme `{{owner}}` sends clients to `{{url}}` over {{scheme}}://, exposing credentials and tokens; use an https:// URL.',
      variable: 'Server URL `{{url}}` lets its `{{name}}` variable choose {{scheme}}://; offer only `https` (or `wss`) as the scheme.',
      scheme: 'The API lists the `{{scheme}}` scheme; remove it and use `https` (or `wss`) only.',
      opScheme: 'The {{method}} operation on {{path}} lists the `{{scheme}}` scheme, overriding the API\'s schemes; remove it and use `https` (or `wss`) only.',
    },
    remediation: 'Change server URLs to `https://` (keep `http://localhost` only for local development) and, in Swagger 2.0, set `schemes: [https]` (globally and on any operation that overrides it); give OAuth 2.0 flow URLs and `openIdConnectUrl` as https:// URLs.',
    references: [GDS_API_STANDARDS, 'https://www.ncsc.gov.uk/guidance/using-tls-to-protect-data', OWASP_API_2023, SPECTRAL_OWASP],
    standards: { ...API_SECURITY, cwe: ['CWE-319'] },
    equivalents: { spectral: ['owasp:api8:2023-no-server-http', 'owasp:api8:2023-no-scheme-http', 'owasp:api7:2019-security-hosts-https-oas3', 'owasp:api7:2019-security-hosts-https-oas2'], kics: ['2d8c175a-6d90-412b-8b0e-e034ea49a1fe', '9670f240-7b4d-4955-bd93-edaa9fa38b58', 'f30ee711-0082-4480-85ab-31d922d9a2b2'] },
    security: true,
    since: '0.1.0',
  },
  check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      const servers = (list: DataNode | undefined) => {
        if (!isSeq(list)) return;
        for (const s of list.items) {
          const urlNode = get(s, 'url');
          const url = str(urlNode);
          if (!url || !urlNode) continue;
          if (LOCAL_HOST.test(hostOf(url))) continue;
          const v = /^\{([^}]+)\}(:\/\/)?/.exec(url);
          if (v) {
            // A templated scheme (or whole URL) is judged by the values its variable may take (an undefined variable cannot be told).
            const variable = get(get(s, 'variables'), v[1]);
            const options = get(variable, 'enum');
            const values = [get(variable, 'default'), ...(isSeq(options) ? options.items : [])].map((n) => str(n));
            const schemeOf = (x: string) => (v[2] ? x : /^([a-z][a-z0-9+.-]*):\/\//i.exec(x)?.[1])?.toLowerCase();
            const insecure = values
              .filter((x): x is string => x !== undefined && (v[2] !== undefined || !LOCAL_HOST.test(hostOf(x))))
              .map(schemeOf)
              .find((x) => x !== undefined && !TLS_SCHEMES.has(x));
            if (insecure) ctx.report({ messageId: 'variable', offsets: at(urlNode), data: { url, name: v[1], scheme: insecure } });
            continue;
          }
          const scheme = plainScheme(url);
          if (scheme) ctx.report({ messageId: 'server', offsets: at(urlNode), data: { url, scheme } });
        }
      };
      /** OAuth 2.0 endpoints and OpenID Connect discovery URLs (relative ones resolve against the server, checked above). */
      const authUrls = () => {
        const schemes = securitySchemes(doc);
        if (!isMap(schemes)) return;
        const check = (owner: string, node: DataNode | undefined) => {
          const url = str(node);
          const scheme = url === undefined ? undefined : plainScheme(url);
          if (node && url && scheme && !LOCAL_HOST.test(hostOf(url))) ctx.report({ messageId: 'authUrl', offsets: at(node), data: { url, owner, scheme } });
        };
        for (const e of schemes.entries) {
          const name = String(e.key.value);
          if (!isMap(e.value)) continue;
          check(name, get(e.value, 'openIdConnectUrl'));
          const flowMap = get(e.value, 'flows');
          const flows = doc.version === '2.0' ? [e.value] : isMap(flowMap) ? flowMap.entries.map((f) => f.value) : [];
          for (const f of flows) for (const k of AUTH_URL_KEYS) check(name, get(f, k));
        }
      };
      if (doc.version === '2.0') {
        authUrls();
        const host = str(get(doc.root, 'host')) ?? '';
        if (LOCAL_HOST.test(host.replace(/:\d+$/, ''))) continue;
        const plainSchemes = (schemes: DataNode | undefined, data: Record<string, string>, messageId: 'scheme' | 'opScheme') => {
          if (!isSeq(schemes)) return;
          for (const s of schemes.items) {
            const v = (str(s) ?? '').toLowerCase();
            if (v === 'http' || v === 'ws') ctx.report({ messageId, offsets: at(s), data: { ...data, scheme: v } });
          }
        };
        plainSchemes(get(doc.root, 'schemes'), {}, 'scheme');
        // An operation's own `schemes` replaces the global list for that operation.
        for (const o of operations(doc)) plainSchemes(get(o.op, 'schemes'), { method: o.method.toUpperCase(), path: o.path }, 'opScheme');
        continue;
      }
      servers(get(doc.root, 'servers'));
      authUrls();
      // Path items where they are written: paths, webhooks, callbacks (of operations and components), components.pathItems.
      const callbacks = (map: DataNode | undefined, depth: number) => {
        if (isMap(map)) for (const cb of map.entries) if (isMap(cb.value)) for (const e of cb.value.entries) pathItem(e.value, depth + 1);
      };
      const pathItem = (item: DataNode | undefined, depth: number) => {
        if (!isMap(item) || depth > 8) return;
        servers(get(item, 'servers'));
        for (const m of HTTP_METHODS) {
          servers(get(get(item, m), 'servers'));
          callbacks(get(get(item, m), 'callbacks'), depth);
        }
      };
      for (const pe of pathEntries(doc)) pathItem(pe.value, 0);
      const webhooks = get(doc.root, 'webhooks');
      if (isMap(webhooks)) for (const w of webhooks.entries) pathItem(w.value, 0);
      const components = get(doc.root, 'components');
      const pathItems = get(components, 'pathItems');
      if (isMap(pathItems)) for (const p of pathItems.entries) pathItem(p.value, 0);
      callbacks(get(components, 'callbacks'), 0);
    }
  },
};
export default rule;
