/** Web framework configuration: cookies, CORS, CSRF, security headers, redirects, file paths, plain HTTP. */
import {
  calledModuleFunction,
  calleeName,
  containsRequestInput,
  enclosingFunction,
  isFalse,
  isResponseCall,
  isRequestInput,
  memberChain,
  memberName,
  moduleOf,
  objectLiteral,
  propertyKey,
  reachingDefs,
  resolveValue,
  staticPrefix,
  staticString,
  unwrap,
  walk,
  words,
  FUNCTION_NODE_TYPES,
  concatParts,
  encloses,
  sameValue,
  type Analysis,
  type N,
} from './lib/analysis.js';
import { FS_MODULES, isHttpsUpgrade, onlyConstantPath, PATH_SANITISERS, prefixCheckOfRawPath, validatedInFunction } from './lib/guards.js';
import { codeRule, snippet } from './lib/kit.js';

function isLiteral(node: N | undefined, value: unknown): boolean {
  const n = node && unwrap(node);
  return !!n && n.type === 'Literal' && n.value === value;
}

/** A constant number, boolean or short flag word: the value of a marker cookie, not a session or token. */
function isFlagValue(a: Analysis, node: N): boolean {
  const v = unwrap(resolveValue(a, node));
  if (v.type === 'Literal' && (typeof v.value === 'number' || typeof v.value === 'boolean')) return true;
  const s = staticString(a, node);
  return s !== undefined && /^(true|false|yes|no|on|off|y|n|\d{1,3})$/i.test(s);
}

/**
 * The properties of a cookie-options object, with `opts.key = value` assignments made to the same variable
 * before `at` layered on top (`const o = { maxAge }; o.httpOnly = true; res.cookie(n, v, o)`). Each value
 * keeps the node that set it. Undefined when the options are not an object literal.
 */
function optionValues(a: Analysis, node: N | undefined, at: N): { node: N; values: Map<string, { value: N; at: N }>; spread: boolean } | undefined {
  const lit = objectLiteral(a, node);
  if (!lit || !node) return undefined;
  const values = new Map<string, { value: N; at: N }>();
  for (const [k, p] of lit.props) values.set(k, { value: p.value, at: p });
  const id = unwrap(node);
  const b = id.type === 'Identifier' ? a.binding(id) : undefined;
  if (b) {
    for (const x of a.assignments) {
      if (x.operator !== '=' || x.range[1] > at.range[0]) continue;
      const left = unwrap(x.left);
      if (left.type !== 'MemberExpression' || unwrap(left.object).type !== 'Identifier' || a.binding(unwrap(left.object)) !== b) continue;
      const k = propertyKey(left);
      if (k) values.set(k, { value: x.right, at: x });
    }
  }
  return { node: lit.node, values, spread: lit.spread };
}

/**
 * Assignments `opts.<prop>.<key> = value` made before `at` to the object bound to `node`, by key: the express-session
 * README sets `sess.cookie.secure = true` in production after building the options.
 */
function nestedAssignments(a: Analysis, node: N | undefined, prop: string, at: N): Map<string, { value: N; at: N }> {
  const out = new Map<string, { value: N; at: N }>();
  const id = node ? unwrap(node) : undefined;
  const b = id?.type === 'Identifier' ? a.binding(id) : undefined;
  if (!b) return out;
  for (const x of a.assignments) {
    if (x.operator !== '=' || x.range[1] > at.range[0]) continue;
    const left = unwrap(x.left);
    if (left.type !== 'MemberExpression') continue;
    const mid = unwrap(left.object);
    if (mid.type !== 'MemberExpression' || propertyKey(mid) !== prop) continue;
    const base = unwrap(mid.object);
    if (base.type !== 'Identifier' || a.binding(base) !== b) continue;
    const k = propertyKey(left);
    if (k) out.set(k, { value: x.right, at: x });
  }
  return out;
}

/** Anti-CSRF token cookies that client script must read to echo back in a header (Angular's `XSRF-TOKEN`, axios): HttpOnly would break them. */
const CSRF_TOKEN_COOKIE = /^_?(x?csrf|xsrf)([-_]?token)?$/i;

const NON_SENSITIVE_COOKIE = /^(theme|lang|language|locale|i18n|consent|cookie[-_]?(consent|policy|preferences|banner)|cookies[-_]?(policy|preferences)|analytics|_ga|_gid|seen[-_].*|.*[-_]banner|font[-_]?size|contrast|timezone|tz)$/i;

/**
 * A cookie name held in a variable or setting named for the consent cookie (`CONSENT_COOKIE_NAME`,
 * `consentCookieName`, `config.cookiePolicyName`): the cookie-banner choice, a preference like those above.
 */
function namedAsConsentCookie(node: N): boolean {
  const name = memberName(node);
  if (!name) return false;
  const w = words(name);
  return w.includes('consent') || ((w.includes('cookie') || w.includes('cookies')) && (w.includes('policy') || w.includes('preferences')));
}

export const insecureCookie = codeRule(
  {
    id: 'code/insecure-cookie',
    title: 'Cookie set without Secure, HttpOnly or SameSite',
    description:
      'OWASP A05:2021 Security Misconfiguration / A07:2021. A cookie without `Secure` is also sent over plain HTTP, where it can be captured; without `HttpOnly` any script injected into the page can read it; without `SameSite` the browser attaches it to cross-site requests, enabling CSRF; `SameSite=None` asks for exactly that and is reported at low severity (browsers treat a cookie without the attribute as `Lax`). Express\'s `res.cookie` sets none of these by default, and express-session does not set `Secure` unless told to. Raw `Set-Cookie` headers (`res.setHeader(\'Set-Cookie\', \'sid=\' + id)`, arrays of them, `cookie.serialize`) are checked for the same attributes, options objects changed after they are built (`opts.httpOnly = false`, and for express-session `sess.cookie = { … }` or `sess.cookie.secure = true` as its README sets it in production) are followed, a browser-side js-cookie/browser-cookies `set` with an explicit `secure: false` is reported, and so is an explicit `secure: false` or `httpOnly: false` on cookie-session or on the csurf secret cookie (`csurf({ cookie: { … } })`); options spread from a literal the file never changes (`{ ...base, httpOnly: true }`) are followed. A marker cookie whose value is a constant (`1`, `true`, `\'yes\'`) holds nothing the attributes protect and is not reported, nor is a missing or disabled HttpOnly on the double-submit CSRF token cookie (`XSRF-TOKEN`) or on preference cookies (theme, language, the cookie-banner choice such as `cookies_policy`, or a cookie whose name is held in a variable named for consent such as `CONSENT_COOKIE_NAME`), which client script must read; their missing `Secure` or `SameSite` is reported at low severity.',
    severity: 'medium',
    messages: {
      missing: '`{{call}}` sets a cookie without {{attributes}}; pass `{ secure: true, httpOnly: true, sameSite: \'lax\' }` (or `strict`).',
      disabled: '`{{call}}` explicitly turns off {{attributes}} for the cookie; set `secure: true`, `httpOnly: true` and `sameSite: \'lax\'` unless client script must read it.',
      session: 'The session cookie of `{{call}}` is missing {{attributes}}; set `cookie: { secure: true, httpOnly: true, sameSite: \'lax\' }` (with `app.set(\'trust proxy\', 1)` behind a proxy).',
      header: 'The `Set-Cookie` header for `{{name}}` set by `{{call}}` lacks {{attributes}}; add `; Secure; HttpOnly; SameSite=Lax` (or build it with `cookie.serialize(name, value, { secure: true, httpOnly: true, sameSite: \'lax\' })`).',
      sameSiteNone: '`{{call}}` sets `SameSite=None`, so browsers send the cookie with requests from any other site (cross-site request forgery); use `sameSite: \'lax\'` or `\'strict\'` unless the cookie must work in third-party frames.',
      client: '`{{call}}` explicitly turns off `Secure` for a cookie set from browser script, so it is also sent over plain HTTP; set `secure: true` and `sameSite: \'lax\'`.',
    },
    remediation: 'Set `secure: true`, `httpOnly: true` and `sameSite: \'lax\'` (or `\'strict\'`) on every session or authentication cookie: `res.cookie(name, value, { secure: true, httpOnly: true, sameSite: \'lax\' })`, `session({ cookie: { secure: true, sameSite: \'lax\' } })`.',
    references: [
      'https://expressjs.com/en/api.html#res.cookie',
      'https://expressjs.com/en/advanced/best-practice-security.html#use-cookies-securely',
      'https://cwe.mitre.org/data/definitions/614.html',
      'https://cwe.mitre.org/data/definitions/1004.html',
      'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/',
    ],
    cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'],
    equivalents: {
      codeql: ['js/clear-text-cookie', 'js/client-exposed-cookie'],
      semgrep: [
        'javascript.express.security.audit.express-cookie-settings.express-cookie-session-no-secure',
        'javascript.express.security.audit.express-cookie-settings.express-cookie-session-no-httponly',
        'javascript.express.security.audit.express-cookie-settings.express-cookie-session-no-samesite',
      ],
      bearer: ['javascript_express_insecure_cookie', 'javascript_express_cookie_missing_http_only'],
    },
  },
  (r) => {
    /** Problems with cookie options: [missing attributes, explicitly disabled attributes]; undefined when unknown. */
    const inspect = (
      opts: N | undefined,
      defaults: { secure: boolean; httpOnly: boolean; sameSite: boolean },
      at: N,
      later?: Map<string, { value: N; at: N }>,
    ): { missing: string[]; disabled: string[]; none?: boolean; node: N | undefined; assigned?: N } | undefined => {
      const missing: string[] = [];
      const disabled: string[] = [];
      if (!opts) {
        if (!defaults.secure) missing.push('Secure');
        if (!defaults.httpOnly) missing.push('HttpOnly');
        if (!defaults.sameSite) missing.push('SameSite');
        return { missing, disabled, node: undefined };
      }
      const lit = optionValues(r.a, opts, at);
      if (!lit || lit.spread) return undefined;
      for (const [k, v] of later ?? []) lit.values.set(k, v);
      // the first assignment after the object was built that turns an attribute off (`sess.cookie.secure = false`)
      let assigned: N | undefined;
      const check = (key: string, label: string, dflt: boolean) => {
        const p = lit.values.get(key);
        if (!p) {
          if (!dflt) missing.push(label);
        } else if (isFalse(r.a, p.value)) {
          disabled.push(label);
          if (p.at.type === 'AssignmentExpression') assigned ??= p.at;
        }
      };
      check('secure', 'Secure', defaults.secure);
      check('httpOnly', 'HttpOnly', defaults.httpOnly);
      check('sameSite', 'SameSite', defaults.sameSite);
      // `sameSite: 'none'`: sent with every cross-site request, weaker than leaving it out (browsers default to Lax)
      const same = lit.values.get('sameSite');
      const none = !!same && staticString(r.a, same.value)?.toLowerCase() === 'none';
      return { missing, disabled, none, node: lit.node, assigned };
    };
    const list = (xs: string[]) => xs.map((x) => `\`${x}\``).join(', ').replace(/, ([^,]*)$/, ' and $1');
    const emit = (node: N, call: string, res: { missing: string[]; disabled: string[]; none?: boolean }, messageMissing: 'missing' | 'session', lowOnly: boolean) => {
      if (res.disabled.length) {
        r.at(node, 'disabled', { call, attributes: list(res.disabled) });
        return;
      }
      if (!res.missing.length) {
        if (res.none) r.at(node, 'sameSiteNone', { call }, 'low');
        return;
      }
      const serious = res.missing.some((m) => m !== 'SameSite');
      r.at(node, messageMissing, { call, attributes: list(res.missing) }, serious && !lowOnly ? undefined : 'low');
    };
    /** `res.cookie(name, value, options)` / `cookie.serialize(name, value, options)`: the options judged; `at` is where assignments to them count until. */
    const cookieCall = (call: N, at: N, label: string) => {
      const args = call.arguments as N[];
      if (args.length < 2 || args.some((x) => x.type === 'SpreadElement')) return;
      // a marker cookie holding a constant (`1`, `true`, 'yes'): no secret to read or capture, nothing the attributes protect
      if (isFlagValue(r.a, args[1])) return;
      const res = inspect(args[2], { secure: false, httpOnly: false, sameSite: false }, at);
      if (!res) return;
      const name = staticString(r.a, args[0]);
      const preference = name !== undefined ? NON_SENSITIVE_COOKIE.test(name) : namedAsConsentCookie(args[0]);
      if ((name !== undefined && CSRF_TOKEN_COOKIE.test(name)) || preference) {
        // the double-submit token, and preference cookies such as the cookie-banner choice that page script
        // reads to decide whether to load analytics, must stay readable by script: HttpOnly does not apply
        res.missing = res.missing.filter((x) => x !== 'HttpOnly');
        res.disabled = res.disabled.filter((x) => x !== 'HttpOnly');
      }
      emit(call, label, res, 'missing', preference);
    };
    /**
     * A raw `Set-Cookie` header: a string (or array of strings) `name=value; Attr; …` whose name and attributes are
     * known, or a `cookie.serialize(name, value, options)` call. Attributes added by unknown parts are not guessed.
     */
    const setCookieHeader = (call: N, value: N, callName: string) => {
      const v = unwrap(resolveValue(r.a, value));
      if (v.type === 'ArrayExpression') {
        for (const e of v.elements) if (e && e.type !== 'SpreadElement') setCookieHeader(call, e, callName);
        return;
      }
      const serializer = v.type === 'CallExpression' ? calledModuleFunction(r.a, v) : undefined;
      if (serializer?.module === 'cookie' && serializer.path.join('.') === 'serialize') {
        cookieCall(v, call, 'cookie.serialize');
        return;
      }
      // text pieces in order; a piece that is not static is null
      const pieces = concatParts(v).map((x) => (typeof x === 'string' ? x : (staticString(r.a, x) ?? null)));
      const head = pieces[0];
      if (typeof head !== 'string' || !head.includes('=')) return;
      const name = head.slice(0, head.indexOf('=')).trim();
      const text = pieces.map((x) => x ?? '\u0000').join('');
      const semi = text.indexOf(';');
      const cookieValue = semi < 0 ? text.slice(text.indexOf('=') + 1) : text.slice(text.indexOf('=') + 1, semi);
      // unknown text among the attributes, or two unknown pieces in the value (`'sid=' + v + attrs`): cannot tell
      if (semi >= 0 ? text.slice(semi).includes('\u0000') : cookieValue.split('\u0000').length > 2) return;
      // a cleared cookie (`sid=; Max-Age=0`) or a constant marker holds nothing to protect
      if (!cookieValue.trim() || /^(true|false|yes|no|on|off|y|n|\d{1,3})$/i.test(cookieValue.trim())) return;
      const attrs = semi < 0 ? [] : text.slice(semi + 1).split(';').map((x) => x.trim().toLowerCase());
      const missing: string[] = [];
      if (!attrs.includes('secure')) missing.push('Secure');
      if (!attrs.includes('httponly') && !CSRF_TOKEN_COOKIE.test(name) && !NON_SENSITIVE_COOKIE.test(name)) missing.push('HttpOnly');
      if (!attrs.some((x) => x.startsWith('samesite'))) missing.push('SameSite');
      if (!missing.length) {
        if (attrs.some((x) => /^samesite\s*=\s*none$/.test(x))) r.at(encloses(call, value) ? value : call, 'sameSiteNone', { call: `${callName}('Set-Cookie')` }, 'low');
        return;
      }
      const serious = missing.some((m) => m !== 'SameSite');
      const inCall = encloses(call, value);
      r.at(inCall ? value : call, 'header', { name, call: `${callName}('Set-Cookie')`, attributes: list(missing) }, serious && !NON_SENSITIVE_COOKIE.test(name) ? undefined : 'low');
    };
    /** `secure: false` / `httpOnly: false` written in cookie options whose defaults are otherwise acceptable. */
    const explicitlyOff = (node: N, opts: ReturnType<typeof optionValues>, call: string) => {
      if (!opts || opts.spread) return;
      const disabled = ['secure', 'httpOnly'].filter((k) => isFalse(r.a, opts.values.get(k)?.value));
      if (!disabled.length) return;
      const first = opts.values.get(disabled[0])!.at;
      // reported on the option when it is written in the call, else on the call (`sess.httpOnly = false; session(sess)`)
      const inCall = encloses(node, first);
      r.at(inCall ? first : node, 'disabled', { call, attributes: list(disabled.map((k) => (k === 'secure' ? 'Secure' : 'HttpOnly'))) });
    };
    return {
      CallExpression(node: N) {
        if (isResponseCall(r.a, node, 'cookie')) {
          cookieCall(node, node, 'res.cookie');
          return;
        }
        if (isResponseCall(r.a, node, ['setHeader', 'append', 'set', 'header']) && node.arguments.length >= 2 && staticString(r.a, node.arguments[0])?.toLowerCase() === 'set-cookie') {
          setCookieHeader(node, node.arguments[1], `res.${calleeName(node)}`);
          return;
        }
        const ref = calledModuleFunction(r.a, node);
        if (!ref) return;
        if ((ref.module === 'js-cookie' || ref.module === 'browser-cookies') && ref.path.length === 1 && ref.path[0] === 'set') {
          // script-set cookies can never be HttpOnly; an explicit `secure: false` is still a choice to send it over HTTP
          const opts = optionValues(r.a, node.arguments[2], node);
          const secure = opts?.values.get('secure');
          if (secure && isFalse(r.a, secure.value) && !isFlagValue(r.a, node.arguments[1] ?? node)) r.at(node, 'client', { call: `${ref.module === 'js-cookie' ? 'Cookies' : 'cookies'}.set` });
          return;
        }
        if (ref.path.length !== 0) return;
        if (ref.module === 'express-session') {
          // options set after the object is built count too: `opts.cookie = { … }`, `sess.cookie.secure = true`
          const opts = optionValues(r.a, node.arguments[0], node);
          if (!opts || opts.spread) return;
          const cookie = opts.values.get('cookie');
          // express-session defaults: httpOnly true, secure false, no SameSite.
          const res = inspect(cookie?.value, { secure: false, httpOnly: true, sameSite: false }, node, nestedAssignments(r.a, node.arguments[0], 'cookie', node));
          if (!res) return;
          emit(res.disabled.length ? (res.assigned ?? cookie?.at ?? node) : node, 'session()', res, 'session', false);
        } else if (ref.module === 'cookie-session') {
          // cookie-session defaults: httpOnly true, secure follows the connection; only explicit `false` is a finding.
          explicitlyOff(node, optionValues(r.a, node.arguments[0], node), 'cookieSession()');
        } else if (ref.module === 'csurf' || ref.module === '@dr.pogodin/csurf') {
          // `csurf({ cookie: { … } })` keeps the token secret in that cookie; as for cookie-session, only explicit `false` is a finding
          const opts = optionValues(r.a, node.arguments[0], node);
          const cookie = opts && !opts.spread ? opts.values.get('cookie') : undefined;
          if (cookie) explicitlyOff(node, optionValues(r.a, cookie.value, node), 'csurf()');
        }
      },
    };
  },
);

/** Whether an origin option reflects any origin: `true`, a RegExp matching all, or `(o, cb) => cb(null, true)`. */
function originReflects(a: Analysis, node: N): boolean {
  const v = resolveValue(a, node);
  if (isLiteral(v, true)) return true;
  if (v.type === 'Literal' && v.regex && (v.regex.pattern === '.*' || v.regex.pattern === '.+')) return true;
  if (v.type === 'ArrowFunctionExpression' || v.type === 'FunctionExpression') {
    const cb = v.params[1]?.type === 'Identifier' ? v.params[1].name : undefined;
    if (!cb) return false;
    const body = v.body.type === 'BlockStatement' ? v.body.body : [{ type: 'ExpressionStatement', expression: v.body }];
    // Unconditional `callback(null, true)` as the only statement.
    if (body.length !== 1 || body[0].type !== 'ExpressionStatement') return false;
    const e = unwrap(body[0].expression);
    return e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === cb && isLiteral(e.arguments[0], null) && isLiteral(e.arguments[1], true);
  }
  return false;
}

const CORS_MODULES = ['cors', '@fastify/cors', 'fastify-cors'];

export const permissiveCors = codeRule(
  {
    id: 'code/permissive-cors',
    title: 'CORS allows any origin with credentials',
    description:
      'OWASP A05:2021 Security Misconfiguration / A01:2021 Broken Access Control. Reflecting any request `Origin` (or allowing `*`) while also sending `Access-Control-Allow-Credentials: true` lets any website the user visits make authenticated requests to the API with the user\'s cookies and read the responses, exposing their data and allowing actions on their behalf. Allowing the `null` origin is as bad: sandboxed iframes and `data:` documents, which any site can create, send `Origin: null`. Response headers are paired within one handler, and a reflected origin that the handler first checks against an allow-list is not reported.',
    severity: 'high',
    messages: {
      reflect: 'CORS reflects every request origin ({{how}}) while allowing credentials, so any website can read authenticated responses; list the allowed origins explicitly.',
      wildcard: 'CORS allows origin `*` together with credentials ({{how}}); browsers refuse this combination and it signals an over-broad policy: list the allowed origins explicitly.',
      null: 'CORS allows the `null` origin while allowing credentials ({{how}}); sandboxed iframes and `data:`/`file:` documents send `Origin: null`, so any website can read authenticated responses: list the allowed origins explicitly and never allow `null`.',
    },
    remediation: 'Configure an explicit allow-list: `cors({ origin: [\'https://www.example.gov.uk\'], credentials: true })`; never reflect the request\'s `Origin` header or use `*` with credentials.',
    references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#credentialed_requests_and_wildcards', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Access-Control-Allow-Origin', 'https://cwe.mitre.org/data/definitions/942.html', 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/'],
    cwe: ['CWE-942'],
    equivalents: { codeql: ['js/cors-misconfiguration-for-credentials'] },
  },
  (r) => {
    const checkOptions = (call: N, optsNode: N | undefined, how: string) => {
      const lit = objectLiteral(r.a, optsNode);
      if (!lit) return;
      const credentials = lit.props.get('credentials');
      const origin = lit.props.get('origin');
      if (!credentials || !isLiteral(credentials.value, true) || !origin) return;
      if (originReflects(r.a, origin.value)) r.at(origin, 'reflect', { how: `${how} with \`origin: ${r.ctx.file.text.slice(origin.value.range[0], origin.value.range[1]).replace(/\s+/g, ' ').slice(0, 30)}\`` });
      else if (staticString(r.a, origin.value) === '*') r.at(origin, 'wildcard', { how }, 'medium');
    };
    // Access-Control-Allow-Origin and -Credentials pair up within one handler: a credentials header in another function does not apply.
    const aca: { origin: N; kind: 'reflect' | 'wildcard' | 'null'; scope: N | undefined }[] = [];
    const credentialScopes = new Set<N | undefined>();
    const header = (name: string | undefined, value: N | undefined, at: N) => {
      if (!name || !value) return;
      const n = name.toLowerCase();
      const scope = enclosingFunction(r.a, at);
      if (n === 'access-control-allow-origin') {
        const s = staticString(r.a, value);
        if (s === '*') aca.push({ origin: at, kind: 'wildcard', scope });
        // Node sends `null` as the text "null": the origin of sandboxed iframes and data: documents
        else if (s === 'null' || isLiteral(resolveValue(r.a, value), null)) aca.push({ origin: at, kind: 'null', scope });
        // reflected, unless the handler first checks it against an allow-list (`ALLOWED.includes(origin)`, `origin in allowed`)
        else if (isRequestInput(r.a, value) && !validatedInFunction(r.a, at, value)) aca.push({ origin: at, kind: 'reflect', scope });
      } else if (n === 'access-control-allow-credentials') {
        if (staticString(r.a, value) === 'true') credentialScopes.add(scope);
      }
    };
    const headerObject = (obj: N | undefined) => {
      const lit = objectLiteral(r.a, obj);
      if (!lit) return;
      for (const [k, p] of lit.props) header(k, p.value, p);
    };
    return {
      CallExpression(node: N) {
        const ref = calledModuleFunction(r.a, node);
        if (ref && CORS_MODULES.includes(ref.module) && ref.path.length === 0) {
          checkOptions(node, node.arguments[0], '`cors()`');
          return;
        }
        if (calleeName(node) === 'register' && node.arguments[0] && CORS_MODULES.includes(moduleOf(r.a, node.arguments[0])?.module ?? '')) {
          checkOptions(node, node.arguments[1], '`@fastify/cors`');
          return;
        }
        const name = calleeName(node);
        if (name === 'enableCors' && unwrap(node.callee).type === 'MemberExpression') {
          checkOptions(node, node.arguments[0], '`enableCors()`');
          return;
        }
        if (unwrap(node.callee).type !== 'MemberExpression') return;
        if (name === 'setHeader' || name === 'header' || name === 'set' || name === 'append' || name === 'setHeaders') {
          if (node.arguments.length >= 2) header(staticString(r.a, node.arguments[0]), node.arguments[1], node);
          else if (node.arguments.length === 1) headerObject(node.arguments[0]);
        } else if (name === 'writeHead') {
          headerObject(node.arguments[node.arguments.length - 1]);
        }
      },
      'Program:exit'() {
        for (const h of aca) {
          if (!credentialScopes.has(h.scope)) continue;
          if (h.kind === 'reflect') r.at(h.origin, 'reflect', { how: '`Access-Control-Allow-Origin` set from the request\'s Origin header' });
          else if (h.kind === 'null') r.at(h.origin, 'null', { how: '`Access-Control-Allow-Origin: null` with `Access-Control-Allow-Credentials: true`' });
          else r.at(h.origin, 'wildcard', { how: '`Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`' }, 'medium');
        }
      },
    };
  },
);

const CSRF_MODULES = ['csurf', 'csrf-csrf', 'lusca', 'csrf-sync', 'tiny-csrf', '@dr.pogodin/csurf', 'csrf', 'express-csrf-double-submit-cookie', 'csrf-token', '@fastify/csrf-protection'];
const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete', 'del']);

/** Identifiers bound to `express()`, `express.Router()` or `Router()` from express. */
function expressObjects(a: Analysis): { apps: Set<N>; routers: Set<N>; appCalls: N[] } {
  const apps = new Set<N>();
  const routers = new Set<N>();
  const appCalls: N[] = [];
  for (const c of a.calls) {
    const ref = calledModuleFunction(a, c);
    if (!ref || ref.module !== 'express') continue;
    if (ref.path.length === 0) appCalls.push(c);
    else if (ref.path.length === 1 && ref.path[0] === 'Router') {
      // nothing else to record here: routers are found through their bindings below
    } else continue;
    const p = a.parent(c);
    if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') {
      const b = a.binding(p.id);
      if (b) (ref.path.length === 0 ? apps : routers).add(b);
    }
  }
  return { apps, routers, appCalls };
}

function receiverBinding(a: Analysis, call: N): unknown {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  let obj = unwrap(callee.object);
  // app.route('/x').post(...)
  while (obj.type === 'CallExpression' && unwrap(obj.callee).type === 'MemberExpression') obj = unwrap(unwrap(obj.callee).object);
  return obj.type === 'Identifier' ? a.binding(obj) : undefined;
}

export const csrfMissing = codeRule(
  {
    id: 'code/csrf-missing',
    title: 'Express app with cookie sessions and state-changing routes but no CSRF protection',
    description:
      'OWASP A01:2021 Broken Access Control. When an Express application authenticates with a session cookie, the browser sends that cookie with requests that other websites trigger. Without a CSRF token check (csurf, csrf-csrf, lusca, csrf-sync) or a `SameSite` session cookie, a page on any site can submit forms to the POST/PUT/PATCH/DELETE routes as the signed-in user. Reported only when the session middleware and the routes are in the same file and nothing in that file mentions CSRF.',
    severity: 'low',
    messages: {
      missing: 'This app uses cookie sessions ({{session}}) and registers state-changing routes such as `{{route}}`, but no CSRF protection is visible; add a CSRF middleware (csrf-csrf, csrf-sync, lusca) or set the session cookie to `sameSite: \'lax\'`/`\'strict\'`.',
    },
    remediation: 'Add CSRF tokens to every state-changing form and request (`csrf-csrf` double-submit or `csrf-sync` synchroniser pattern; GOV.UK Prototype/Frontend apps often use `csrf-sync`), and set the session cookie to `sameSite: \'lax\'` or `\'strict\'`.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/352.html', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/'],
    cwe: ['CWE-352'],
    equivalents: { semgrep: ['javascript.express.security.audit.express-check-csurf-middleware-usage.express-check-csurf-middleware-usage'] },
  },
  (r) => ({
    'Program:exit'() {
      const a = r.a;
      if (!a.modules.has('express')) return;
      if ([...a.modules].some((m) => CSRF_MODULES.includes(m) || /csrf|xsrf/i.test(m))) return;
      // A hand-written token check (any identifier or string naming csrf/xsrf) counts as protection.
      let mentions = false;
      walk(a.program, (x) => {
        if (mentions) return true;
        if ((x.type === 'Identifier' && /csrf|xsrf/i.test(x.name)) || (x.type === 'Literal' && typeof x.value === 'string' && /csrf|xsrf/i.test(x.value)) || (x.type === 'TemplateElement' && /csrf|xsrf/i.test(x.value.raw))) mentions = true;
        return undefined;
      });
      if (mentions) return;
      let session: string | undefined;
      for (const c of a.calls) {
        const ref = calledModuleFunction(a, c);
        if (!ref || ref.path.length !== 0 || (ref.module !== 'express-session' && ref.module !== 'cookie-session')) continue;
        const opts = objectLiteral(a, c.arguments[0]);
        const cookieOpts = ref.module === 'express-session' ? objectLiteral(a, opts?.props.get('cookie')?.value) : opts;
        const same = cookieOpts?.props.get('sameSite')?.value;
        if (same) {
          const s = staticString(a, same);
          if (s === undefined || ['lax', 'strict', 'true'].includes(s.toLowerCase())) return;
        }
        if (opts?.spread || (opts && ref.module === 'express-session' && opts.props.get('cookie') && !cookieOpts)) return;
        session ??= ref.module;
      }
      if (!session) return;
      const { apps, routers } = expressObjects(a);
      const route = a.calls.find((c) => {
        if (c.type !== 'CallExpression') return false;
        const name = calleeName(c);
        if (!name || !STATE_CHANGING.has(name)) return false;
        const b = receiverBinding(a, c);
        return !!b && (apps.has(b) || routers.has(b));
      });
      if (!route) return;
      const name = calleeName(route);
      const path = route.arguments[0] ? staticString(a, route.arguments[0]) : undefined;
      r.at(route, 'missing', { session, route: `${name}(${path !== undefined ? `'${path}'` : '…'})` });
    },
  }),
);

const SECURITY_HEADERS = /content-security-policy|x-frame-options|strict-transport-security|x-content-type-options/i;

export const expressWithoutHelmet = codeRule(
  {
    id: 'code/express-without-helmet',
    title: 'Express server started without security headers (helmet)',
    description:
      'OWASP A05:2021 Security Misconfiguration. Express sends no security headers by default: no Content-Security-Policy, Strict-Transport-Security, X-Content-Type-Options or frame protection, and it advertises itself with `X-Powered-By`. helmet sets sensible values in one line. Reported only when the file creates the app with `express()`, starts it with `.listen`, imports neither helmet nor lusca and sets none of those headers itself.',
    severity: 'low',
    messages: {
      missing: 'This Express app is started without helmet or manual security headers; add `app.use(helmet())` before the routes (configure its Content-Security-Policy for your pages).',
    },
    remediation: 'Install helmet and add `app.use(helmet())` immediately after creating the app; tune `contentSecurityPolicy` for the scripts and styles the service uses; call `app.disable(\'x-powered-by\')`.',
    references: ['https://expressjs.com/en/advanced/best-practice-security.html#use-helmet', 'https://helmetjs.github.io/', 'https://cwe.mitre.org/data/definitions/693.html', 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/'],
    cwe: ['CWE-693'],
    sbd: ['8', '10'],
    equivalents: { bearer: ['javascript_express_helmet_missing'] },
  },
  (r) => ({
    'Program:exit'() {
      const a = r.a;
      if (!a.modules.has('express')) return;
      if (a.modules.has('helmet') || a.modules.has('lusca') || [...a.modules].some((m) => /helmet/.test(m))) return;
      if (SECURITY_HEADERS.test(r.ctx.file.text)) return;
      const { apps, appCalls } = expressObjects(a);
      if (!appCalls.length) return;
      const listens = a.calls.some((c) => {
        if (c.type !== 'CallExpression' || calleeName(c) !== 'listen') return false;
        const b = receiverBinding(a, c);
        if (b && apps.has(b)) return true;
        // http.createServer(app).listen(...) / https.createServer(opts, app)
        const obj = unwrap(unwrap(c.callee).object);
        const v = obj.type === 'Identifier' ? resolveValue(a, obj) : obj;
        if (v?.type === 'CallExpression' && calleeName(v) === 'createServer') return v.arguments.some((x: N) => x.type === 'Identifier' && apps.has(a.binding(x)));
        return false;
      });
      if (!listens) return;
      r.at(appCalls[0], 'missing');
    },
  }),
);

/** The first piece of a URL expression: the left-most `+` operand or template part (through const bindings). */
function leadingPart(a: Analysis, node: N, depth = 0): { static: string } | { node: N } {
  const n = unwrap(node);
  if (depth > 20) return { node: n };
  if (n.type === 'TemplateLiteral') {
    const head = n.quasis[0].value.cooked ?? '';
    if (head || !n.expressions.length) return { static: staticPrefix(a, n) ?? head };
    return leadingPart(a, n.expressions[0], depth + 1);
  }
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const whole = staticPrefix(a, n);
    if (whole) return { static: whole };
    return leadingPart(a, n.left, depth + 1);
  }
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    if (v !== n && (v.type === 'TemplateLiteral' || (v.type === 'BinaryExpression' && v.operator === '+'))) return leadingPart(a, v, depth + 1);
    // `let url = '/items/' + id; if (qs) url += '?' + qs;`: appending keeps the start of the last plain assignment
    const defs = reachingDefs(a, n);
    const last = defs ? defs.map((d) => d.op === '=' && d.definite).lastIndexOf(true) : -1;
    if (defs && last >= 0 && defs.slice(last + 1).every((d) => d.op === '+=')) return leadingPart(a, defs[last].value, depth + 1);
  }
  // `[base, '?q=', x].join('')`: the first element starts the string
  if (n.type === 'CallExpression' && calleeName(n) === 'join' && n.callee.type === 'MemberExpression') {
    const arr = unwrap(resolveValue(a, n.callee.object));
    const first = arr?.type === 'ArrayExpression' ? arr.elements[0] : undefined;
    if (first && first.type !== 'SpreadElement' && staticString(a, first) !== '') return leadingPart(a, first, depth + 1);
  }
  const s = staticString(a, n);
  return s !== undefined ? { static: s } : { node: n };
}

/** The page's own full address (`document.URL`, `location.href`): navigating to it reloads the page, it goes nowhere new. */
const OWN_ADDRESS = new Set(['document.URL', 'document.documentURI', 'location.href', 'window.location.href', 'document.location.href', 'window.document.URL']);
function isOwnAddress(a: Analysis, value: N): boolean {
  const chain = memberChain(a, value);
  return !!chain && OWN_ADDRESS.has(chain.join('.'));
}

/** Express/Router methods that register a handler, optionally under a path. */
const ROUTE_METHODS = new Set(['use', 'all', 'get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options']);

/**
 * `res.redirect(req.originalUrl)` (or `req.url`), unchanged: back to the page the browser just asked for, the
 * post/redirect/get step after saving a form. A route on a literal path only runs for targets starting with that
 * path, so the target is a same-site path. Still tainted when this file mounts the handler for every path
 * (`app.use(fn)`, `app.use('/', fn)`, a `*` or regular-expression route): there `//other.example` reaches it.
 */
function isOwnTarget(a: Analysis, value: N): boolean {
  const v = unwrap(value);
  const chain = memberChain(a, v);
  if (v.type !== 'MemberExpression' || !chain || chain.length !== 2 || !['originalUrl', 'url'].includes(chain[1]) || !isRequestInput(a, v)) return false;
  const req = unwrap(v.object);
  const handler = req.type === 'Identifier' ? a.binding(req) : undefined;
  if (handler?.kind !== 'param' || !handler.decl) return false;
  return !mountedForEveryPath(a, handler.decl);
}

function mountedForEveryPath(a: Analysis, fn: N): boolean {
  const refersToFn = (arg: N): boolean => {
    const x = unwrap(arg);
    if (x === fn) return true;
    if (x.type === 'ArrayExpression') return x.elements.some((e: N) => e && refersToFn(e));
    if (x.type !== 'Identifier') return false;
    const b = a.binding(x);
    return !!b && (b.decl === fn || (b.init !== undefined && unwrap(b.init) === fn));
  };
  return a.calls.some((call: N) => {
    const callee = unwrap(call.callee);
    if (call.type !== 'CallExpression' || callee.type !== 'MemberExpression' || !ROUTE_METHODS.has(propertyKey(callee) ?? '')) return false;
    const args = call.arguments as N[];
    if (!args.some(refersToFn)) return false;
    const first = unwrap(args[0]);
    if (first.type === 'Literal' && first.regex) return true;
    const path = staticString(a, first);
    const use = propertyKey(callee) === 'use';
    if (path !== undefined) return path.includes('*') || (use && /^\/?$/.test(path));
    // a path built from pieces (`/${waypoints.START}`) mounts under that path; anything else given to `use` is middleware
    if (first.type === 'TemplateLiteral' || (first.type === 'BinaryExpression' && first.operator === '+')) return (staticPrefix(a, first) ?? '').includes('*');
    return use;
  });
}


/**
 * Request input decides where the redirect goes: it is the whole URL, or the start of it, or it follows
 * only a scheme (`'https://' + host`). A static path prefix like `/items/`, a fixed host (`https://x.gov.uk/`)
 * or a leading value from elsewhere (configuration) fixes the destination's origin.
 */
function redirectTainted(a: Analysis, value: N, serverOnly = false): boolean {
  if (!containsRequestInput(a, value, { serverOnly, stop: (c) => /^(encodeURIComponent|encodeURI|basename)$/.test(calleeName(c) ?? '') })) return false;
  if (isOwnAddress(a, value) || isHttpsUpgrade(a, value)) return false;
  // SSRF (`serverOnly`) keeps `req.url`: an HTTP proxy's request line carries an absolute URL
  if (!serverOnly && isOwnTarget(a, value)) return false;
  const lead = leadingPart(a, value);
  if ('node' in lead) return containsRequestInput(a, lead.node, { serverOnly, stop: (c) => /^(encodeURIComponent|encodeURI|basename)$/.test(calleeName(c) ?? '') });
  const prefix = lead.static;
  if (/^https?:\/\/[^/?#\\@]+[/?#]/i.test(prefix)) return false; // the host is fixed
  if (/^\/[^/\\]/.test(prefix)) return false; // a same-site path
  if (/^[a-z0-9._~-]+[/?#]/i.test(prefix) && !/^[a-z][a-z0-9+.-]*:/i.test(prefix)) return false; // relative path 'items/' + id, 'index.html?q=' + q
  return true;
}

export const openRedirect = codeRule(
  {
    id: 'code/open-redirect',
    title: 'Redirect to a URL taken from the request',
    description:
      'OWASP A01:2021 Broken Access Control. Redirecting to a URL taken from a query parameter, body field or the page URL lets an attacker craft a link on the real service that sends users on to a phishing site (or a `javascript:` URL in the browser). Because the link starts with the trusted domain, users and filters trust it. A NestJS handler decorated with `@Redirect()` goes to the `url` of the object it returns, so that is checked the same way. Redirecting plain HTTP to the same page over HTTPS (`\'https://\' + req.get(\'host\') + req.url`) and reloading the current page (`location = document.URL`, or `res.redirect(req.originalUrl)` after handling a form, the post/redirect/get step) are not reported; the request\'s own URL is still reported where the file mounts the handler for every path (`app.use(fn)`, `app.use(\'/\', fn)`, a `*` or regular-expression route), because a link to `https://service//evil.example` reaches such a handler with a target the browser reads as another host.',
    severity: 'medium',
    messages: {
      server: '`{{call}}` redirects to a URL from the request ({{source}}); redirect only to relative paths you check (e.g. must start with a single `/`) or to an allow-list of destinations.',
      client: 'The page navigates to a URL taken from its own address ({{source}}); validate it against an allow-list or require a same-origin relative path before assigning `location`.',
    },
    remediation: 'Map a short key to a fixed destination, or accept only relative paths (starting with exactly one `/`, no `//` or `\\`) and reject everything else; never pass a raw URL parameter to `res.redirect` or `location`.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/601.html', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/'],
    cwe: ['CWE-601'],
    equivalents: { semgrep: ['javascript.express.security.audit.express-open-redirect.express-open-redirect'], bearer: ['javascript_express_open_redirect', 'javascript_lang_open_redirect'] },
  },
  (r) => {
    const source = (v: N) => snippet(r.ctx, v);
    const isLocation = (n: N): boolean => {
      const chain = memberChain(r.a, n);
      if (!chain) return false;
      const j = chain.join('.');
      return ['location', 'window.location', 'document.location', 'location.href', 'window.location.href', 'document.location.href', 'top.location', 'window.top.location', 'top.location.href'].includes(j);
    };
    return {
      CallExpression(node: N) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const name = propertyKey(callee);
        let value: N | undefined;
        let call = '';
        if (name === 'redirect' && (isResponseCall(r.a, node, 'redirect') || memberChain(r.a, callee.object)?.join('.') === 'ctx')) {
          value = node.arguments[node.arguments.length - 1];
          call = `${memberChain(r.a, callee.object)?.join('.') ?? 'res'}.redirect`;
        } else if (name === 'location' && isResponseCall(r.a, node, 'location')) {
          value = node.arguments[0];
          call = 'res.location';
        } else if ((name === 'assign' || name === 'replace') && isLocation(callee.object)) {
          value = node.arguments[0];
          if (value && value.type !== 'SpreadElement' && redirectTainted(r.a, value) && !validatedInFunction(r.a, node, value)) r.at(node, 'client', { source: source(value) });
          return;
        } else if ((name === 'setHeader' || name === 'set' || name === 'header') && isResponseCall(r.a, node, name) && staticString(r.a, node.arguments[0])?.toLowerCase() === 'location') {
          value = node.arguments[1];
          call = `res.${name}('Location')`;
        } else if (name === 'writeHead' && isResponseCall(r.a, node, 'writeHead')) {
          const lit = objectLiteral(r.a, node.arguments[node.arguments.length - 1]);
          const loc = lit && [...lit.props.entries()].find(([k]) => k.toLowerCase() === 'location');
          value = loc?.[1].value;
          call = 'res.writeHead';
        }
        if (!value || value.type === 'SpreadElement') return;
        if (redirectTainted(r.a, value) && !validatedInFunction(r.a, node, value)) r.at(node, 'server', { call, source: source(value) });
      },
      AssignmentExpression(node: N) {
        if (node.operator !== '=' || !isLocation(unwrap(node.left))) return;
        if (redirectTainted(r.a, node.right) && !validatedInFunction(r.a, node, node.right)) r.at(node, 'client', { source: source(node.right) });
      },
      // NestJS: a handler decorated with `@Redirect()` redirects to the `url` of the object it returns
      ReturnStatement(node: N) {
        const fn = enclosingFunction(r.a, node);
        if (!fn || !nestRedirectHandler(r.a, fn)) return;
        const url = objectLiteral(r.a, node.argument)?.props.get('url')?.value;
        if (url && redirectTainted(r.a, url) && !validatedInFunction(r.a, node, url)) r.at(node, 'server', { call: '@Redirect()', source: source(url) });
      },
    };
  },
);

/** A controller method carrying NestJS's `@Redirect()` (from @nestjs/common), whose returned `{ url }` overrides the decorator's. */
function nestRedirectHandler(a: Analysis, fn: N): boolean {
  const method = a.parent(fn);
  if (method?.type !== 'MethodDefinition') return false;
  return (method.decorators ?? []).some((d: N) => {
    const call = unwrap(d.expression);
    if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier') return false;
    const b = a.binding(call.callee);
    return b?.kind === 'import' && b.module === '@nestjs/common' && b.importPath?.[0] === 'Redirect';
  });
}

/** HTTP client methods named after the verb they send. */
const CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'stream']);
/** Clients called as `client(url, …)` or `client.get(url, …)`. */
const URL_FIRST_CLIENTS = new Set(['axios', 'got', 'request', 'request-promise', 'request-promise-native', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'phin', 'superagent']);

/** HTML escapers and sanitisers: their output cannot add elements that load anything. */
const HTML_ESCAPERS = /^(escape|escapeHtml|escapeHTML|htmlEscape|encodeHTML|encode|sanitize|sanitise|sanitizeHtml|xss|filterXSS|purify|DOMPurify)$/;

/** Modules that drive a headless browser whose pages load URLs from the server's network position. */
const HEADLESS_BROWSERS = ['puppeteer', 'puppeteer-core', 'playwright', 'playwright-core', 'playwright-chromium', 'playwright-firefox', 'playwright-webkit'];

/** A browser page object: the result of `….newPage()` (through `await` and const bindings), or a variable or property named `page`/`…Page`. */
function isBrowserPage(a: Analysis, node: N): boolean {
  let v = unwrap(resolveValue(a, node));
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument);
  if (v?.type === 'CallExpression' && calleeName(v) === 'newPage') return true;
  const name = memberName(node);
  return !!name && words(name).at(-1) === 'page';
}

/**
 * The URL (or options object) an outgoing HTTP request is sent to, and a label for the call: `axios.get(url)`,
 * `fetch(url)`, `got(url)`, `request({ uri })`, `needle('get', url)`, `http.get(url | { host })`, `undici.request(url)`.
 */
function outgoingTarget(a: Analysis, node: N): { value: N; call: string } | undefined {
  const args = node.arguments as N[];
  const pick = (i: number, call: string) => (args[i] && args[i].type !== 'SpreadElement' ? { value: args[i], call } : undefined);
  const ref = calledModuleFunction(a, node);
  if (!ref) {
    const c = unwrap(node.callee);
    if (c.type === 'Identifier' && c.name === 'fetch' && !a.binding(c)) return pick(0, 'fetch');
    // puppeteer/playwright `page.goto(url)`: the server's headless browser loads the address
    if (c.type === 'MemberExpression' && propertyKey(c) === 'goto' && HEADLESS_BROWSERS.some((m) => a.modules.has(m)) && isBrowserPage(a, c.object)) return pick(0, 'page.goto');
    return undefined;
  }
  const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  const label = [ref.module, ...path].join('.');
  if (URL_FIRST_CLIENTS.has(ref.module)) {
    if (path.length === 0) return ref.module === 'superagent' ? pick(1, label) : pick(0, label);
    return path.length === 1 && CLIENT_METHODS.has(path[0]) ? pick(0, label) : undefined;
  }
  if (ref.module === 'needle') return path.length === 0 ? pick(1, label) : path.length === 1 && CLIENT_METHODS.has(path[0]) ? pick(0, label) : undefined;
  if (ref.module === 'undici' || ref.module === 'urllib') return path.length === 1 && ['fetch', 'request', 'stream', 'curl'].includes(path[0]) ? pick(0, label) : undefined;
  if (ref.module === 'http' || ref.module === 'https') return path.length === 1 && (path[0] === 'get' || path[0] === 'request') ? pick(0, label) : undefined;
  if (ref.module === 'follow-redirects') return path.length === 2 && ['http', 'https'].includes(path[0]) && ['get', 'request'].includes(path[1]) ? pick(0, label) : undefined;
  return undefined;
}

export const serverSideRequestForgery = codeRule(
  {
    id: 'code/ssrf',
    title: 'Server-side request to a URL taken from the request (SSRF)',
    description:
      'OWASP A10:2021 Server-Side Request Forgery. When the address an HTTP client (fetch, axios, got, request, needle, superagent, undici, urllib, `http.get`/`https.request`, or a puppeteer/playwright `page.goto`) connects to comes from a query parameter, body field or header, a caller can make the server reach what only it can reach: internal services, admin interfaces, or the cloud metadata endpoint (`http://169.254.169.254/`) that hands out credentials. Reported when request input decides the host: it is the whole URL, starts it, follows only the scheme (`\'https://\' + host`), or is the `host`/`hostname` of an options object. The same holds for HTML from the request given to `page.setContent` (its images, frames and scripts load from the server) and script text built from it given to `page.evaluate`/`evaluateOnNewDocument` (a function with the input as its argument is not reported). A fixed origin followed by input in the path or query (`\'https://api.example.com/users/\' + id`) and URLs checked first in the handler (an allow-list `includes`/`has`, `startsWith`, `isAllowed…(url)`) are not reported.',
    severity: 'high',
    messages: {
      request: '`{{call}}` sends a request to an address taken from the request ({{source}}), so a caller can point the server at internal services or cloud metadata (SSRF). Choose the host from an allow-list (map a key to a fixed URL), or parse the URL and check its host against one before the request.',
      html: '`{{call}}` renders HTML built from the request ({{source}}) in the server\'s headless browser, so the images, frames, styles and scripts in it load whatever the caller names from the server\'s network (SSRF, local files). Escape the input (`escape-html`) into a fixed template, and intercept the page\'s requests to allow only your own origin.',
      script: '`{{call}}` runs script built from the request ({{source}}) in the server\'s headless browser, where it can fetch internal addresses and cloud metadata (SSRF). Pass a function instead and hand it the input as an argument (`page.evaluate((v) => …, value)`), which is sent as data.',
    },
    remediation: 'Do not let callers choose the host: map their input to a fixed set of destinations, or parse the URL with `new URL()` and require its protocol and host to be on an allow-list before sending; block private and link-local addresses at the network layer too.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/918.html', 'https://owasp.org/Top10/A10_2021-Server-Side_Request_Forgery_%28SSRF%29/'],
    cwe: ['CWE-918'],
    equivalents: { bearer: ['javascript_express_server_side_request_forgery', 'javascript_lang_http_url_using_user_input'] },
  },
  (r) => {
    const source = (v: N) => snippet(r.ctx, v);
    /** The part of the target request input decides the destination through, if any. */
    const taintedPart = (target: N): N | undefined => {
      const opts = objectLiteral(r.a, target);
      if (!opts) return redirectTainted(r.a, target, true) ? target : undefined;
      for (const key of ['url', 'uri', 'baseURL', 'href']) {
        const p = opts.props.get(key);
        if (p && redirectTainted(r.a, p.value, true)) return p.value;
      }
      for (const key of ['host', 'hostname']) {
        const p = opts.props.get(key);
        if (p && containsRequestInput(r.a, p.value, { serverOnly: true })) return p.value;
      }
      return undefined;
    };
    /** puppeteer/playwright `page.setContent(html)` and `page.evaluate(string)`: the server's browser renders or runs what the caller sent. */
    const pageContent = (node: N): boolean => {
      const c = unwrap(node.callee);
      const method = c.type === 'MemberExpression' ? propertyKey(c) : undefined;
      const kind = method === 'setContent' ? 'html' : method === 'evaluate' || method === 'evaluateOnNewDocument' ? 'script' : undefined;
      const arg = node.arguments[0];
      if (!kind || !arg || arg.type === 'SpreadElement' || !HEADLESS_BROWSERS.some((m) => r.a.modules.has(m)) || !isBrowserPage(r.a, c.object)) return false;
      // a function is serialised and its arguments passed as data: `page.evaluate((v) => …, req.query.v)`
      if (FUNCTION_NODE_TYPES.has(unwrap(resolveValue(r.a, arg)).type)) return true;
      if (!containsRequestInput(r.a, arg, { serverOnly: true, stop: (x) => HTML_ESCAPERS.test(calleeName(x) ?? '') }) || validatedInFunction(r.a, node, arg)) return true;
      r.at(node, kind, { call: `page.${method}`, source: source(arg) });
      return true;
    };
    const on = (node: N) => {
      if (pageContent(node)) return;
      const target = outgoingTarget(r.a, node);
      if (!target) return;
      const part = taintedPart(target.value);
      if (!part || validatedInFunction(r.a, node, part)) return;
      r.at(node, 'request', { call: target.call, source: source(part) });
    };
    return { CallExpression: on };
  },
);

const FS_FNS = new Set([
  'readFile', 'readFileSync', 'createReadStream', 'createWriteStream', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync',
  'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'readdir', 'readdirSync', 'open', 'openSync', 'copyFile', 'copyFileSync',
  'rename', 'renameSync', 'outputFile', 'outputFileSync', 'readJson', 'readJsonSync', 'readJSON', 'remove', 'removeSync', 'writeJson', 'writeJsonSync',
]);
/** A regular expression literal (or `new RegExp('…', flags)` with constant text) as a RegExp, else undefined. */
function regexOf(a: Analysis, node: N | undefined): RegExp | undefined {
  const n = node && unwrap(resolveValue(a, node));
  try {
    if (n?.type === 'Literal' && n.regex) return new RegExp(n.regex.pattern, n.regex.flags);
    if ((n?.type === 'NewExpression' || n?.type === 'CallExpression') && n.callee.type === 'Identifier' && n.callee.name === 'RegExp' && !a.binding(n.callee)) {
      const src = staticString(a, n.arguments[0]);
      const flags = n.arguments[1] === undefined ? '' : staticString(a, n.arguments[1]);
      if (src !== undefined && flags !== undefined) return new RegExp(src, flags);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * `x.replace(re, s)` keeps x's path-traversal taint unless what it leaves cannot climb directories: it removes
 * every `/` (a global pattern, tried on sample paths), strips the leading `../` of a `path.normalize`d path,
 * or removes every `..` from a path checked not to be absolute. Removing only dots, or one occurrence,
 * leaves absolute paths and `....//` tricks working. Unknown patterns and replacer functions are not followed.
 */
function replaceKeepsPath(a: Analysis, call: N): boolean {
  const name = calleeName(call);
  if (name !== 'replace' && name !== 'replaceAll') return false;
  const by = staticString(a, call.arguments[1]);
  if (by === undefined) return false;
  const re = regexOf(a, call.arguments[0]);
  const text = re ? undefined : staticString(a, call.arguments[0]);
  if (!re && text === undefined) return false;
  const apply = (sample: string) => {
    if (re) {
      re.lastIndex = 0;
      return name === 'replaceAll' || re.global ? sample.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), by) : sample.replace(re, by);
    }
    return name === 'replaceAll' ? sample.split(text!).join(by) : sample.replace(text!, by);
  };
  if (!apply('/srv/a/../b//c\\d').includes('/')) return false;
  const recv = unwrap(resolveValue(a, unwrap(call.callee).object));
  const normalized = recv?.type === 'CallExpression' && moduleOf(a, recv.callee)?.module === 'path' && calleeName(recv) === 'normalize';
  if (normalized && !apply('../../x/y').includes('..')) return false;
  if (!apply('a/../b/..../c/...').includes('..') && notAbsoluteHere(a, call, unwrap(call.callee).object)) return false;
  return true;
}


/** `node` runs only when `value` is not an absolute path: inside `if (!path.isAbsolute(value))` (or its `else`). */
function notAbsoluteHere(a: Analysis, node: N, value: N): boolean {
  const isCheck = (t: N): boolean => {
    const c = unwrap(t);
    return c.type === 'CallExpression' && calleeName(c) === 'isAbsolute' && moduleOf(a, c.callee)?.module === 'path' && !!c.arguments[0] && sameValue(a, c.arguments[0], value);
  };
  for (let cur = a.parent(node), prev = node; cur && !FUNCTION_NODE_TYPES.has(cur.type); prev = cur, cur = a.parent(cur)) {
    if (cur.type !== 'IfStatement' && cur.type !== 'ConditionalExpression') continue;
    const t = unwrap(cur.test);
    if (prev === cur.consequent && t.type === 'UnaryExpression' && t.operator === '!' && isCheck(t.argument)) return true;
    if (prev === cur.alternate && isCheck(t)) return true;
  }
  return false;
}

/**
 * Express's `res.sendFile`/`res.download` without `root` answer 403 to any path with a `..` segment (the
 * `send` module), so request input appended to a fixed start cannot climb out of it. It can when the
 * input starts the path (an absolute path) or when `path.join`/`resolve`/`normalize` folds the `..` away
 * before the call.
 */
function sendFileEscapes(a: Analysis, arg: N, tainted: (v: N) => boolean, depth = 0): boolean {
  const n = unwrap(arg);
  if (depth > 10) return true;
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    return v !== n ? sendFileEscapes(a, v, tainted, depth + 1) : true;
  }
  const fixedStart = (first: N | undefined, text?: string) => (text !== undefined && text !== '') || (!!first && !tainted(first) && isStaticStart(a, first));
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    let left = n;
    while (unwrap(left).type === 'BinaryExpression' && unwrap(left).operator === '+') left = unwrap(left).left;
    return !fixedStart(left);
  }
  if (n.type === 'TemplateLiteral') return !fixedStart(n.expressions[0], n.quasis[0].value.cooked ?? '');
  return true;
}

/** A value that is fixed by the program (a constant, `__dirname`, `path.resolve('x')`), not by a request. */
function isStaticStart(a: Analysis, node: N): boolean {
  const s = staticPrefix(a, node);
  if (s) return true;
  const v = unwrap(resolveValue(a, node));
  if (v.type === 'Identifier' && ['__dirname', '__filename'].includes(v.name) && !a.binding(v)) return true;
  if (v.type === 'CallExpression') {
    const ref = moduleOf(a, v.callee);
    if (ref?.module === 'path' || (ref?.module === 'process' && ref.path[0] === 'cwd')) return v.arguments.every((x: N) => x.type !== 'SpreadElement' && isStaticStart(a, x));
    const c = unwrap(v.callee);
    if (c.type === 'MemberExpression' && memberChain(a, c)?.join('.') === 'process.cwd') return true;
  }
  return false;
}

/** fs functions that create or write the file they are given. */
const FS_WRITERS = /^(createWriteStream|writeFile|writeFileSync|appendFile|appendFileSync|outputFile|outputFileSync|writeJson|writeJsonSync|copyFile|copyFileSync|rename|renameSync|mkdir|mkdirSync|mkdirp|mkdirs|ensureDir|ensureDirSync|ensureFile|ensureFileSync|symlink|symlinkSync)$/;

export const pathTraversal = codeRule(
  {
    id: 'code/path-traversal',
    title: 'File path built from request input (path traversal)',
    description:
      'OWASP A01:2021 Broken Access Control. Passing a request parameter into `fs.readFile`, `createReadStream`, `res.sendFile` or `res.download` (directly or through `path.join`) lets `../` sequences or an absolute path reach any file the process can read or write: configuration, keys, other users\' uploads. `path.join` does not stop traversal; only `path.basename` or a resolved-prefix check does (`startsWith` on the raw, unresolved input does not). Not reported: a path compared to constants first, a `.replace` that removes every `/` (or every `..` from a path checked not to be absolute), input appended to a fixed start for `res.sendFile`/`res.download` without `root`, which refuse any path with a `..` segment, and `res.sendFile`/`res.download` given an options object the file does not show (`res.sendFile(name, options)` with `options` passed in or imported, or built with a spread), which may set `root`. Archive entry names written to disk (Zip Slip) are `code/zip-slip`\'s.',
    severity: 'high',
    messages: {
      fs: '`{{fn}}` opens a path built from request input ({{source}}); strip directories with `path.basename()` or resolve the path and check it stays inside the intended folder.',
      send: '`{{fn}}` serves a path built from request input ({{source}}) without a `root` option; use `res.sendFile(path.basename(name), { root: dir })` or check the resolved path stays inside the folder.',
      root: '`{{fn}}` takes its `root` folder from request input ({{source}}), so the caller chooses which folder is served; use a fixed `root` and pass only the file name from the request.',
    },
    remediation: 'Use `path.basename()` on file names from users, or `const p = path.resolve(base, input); if (!p.startsWith(base + path.sep)) reject`, and for Express pass `{ root: dir }` to `res.sendFile`/`res.download`.',
    references: ['https://owasp.org/www-community/attacks/Path_Traversal', 'https://cwe.mitre.org/data/definitions/22.html', 'https://expressjs.com/en/api.html#res.sendFile', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/'],
    cwe: ['CWE-22'],
    equivalents: { eslint: ['security/detect-non-literal-fs-filename'], bearer: ['javascript_express_path_traversal'] },
  },
  (r) => {
    const tainted = (v: N) => containsRequestInput(r.a, v, { throughPath: true, stop: (c) => PATH_SANITISERS.test(calleeName(c) ?? ''), through: (c) => replaceKeepsPath(r.a, c) });
    const source = (v: N) => snippet(r.ctx, v);
    const guarded = (node: N, v: N) => onlyConstantPath(r.a, node, v) || validatedInFunction(r.a, node, v, (check) => !prefixCheckOfRawPath(r.a, check, v));
    return {
      CallExpression(node: N) {
        const arg = node.arguments[0];
        if (!arg || arg.type === 'SpreadElement') return;
        const ref = calledModuleFunction(r.a, node);
        if (ref && FS_MODULES.includes(ref.module)) {
          const fn = ref.path[ref.path.length - 1];
          const ok = (ref.path.length === 1 || (ref.path.length === 2 && ref.path[0] === 'promises')) && (FS_FNS.has(fn) || FS_WRITERS.test(fn));
          if (!ok) return;
          const fnName = `${ref.module === 'fs/promises' ? 'fs.promises' : ref.module}.${ref.path.join('.')}`;
          if (tainted(arg) && !guarded(node, arg)) r.at(node, 'fs', { fn: fnName, source: source(arg) });
          return;
        }
        if (isResponseCall(r.a, node, ['sendFile', 'download', 'sendfile'])) {
          // an options object the file does not show (a parameter, an import, a spread) may carry `root`: cannot tell
          if (node.arguments.slice(1).some((x: N) => unseenOptions(r.a, x))) return;
          const opts = node.arguments.slice(1).map((x: N) => objectLiteral(r.a, x)).find(Boolean);
          const root = opts?.props.get('root');
          if (root) {
            // With `root`, send rejects `..` segments and keeps absolute paths under it, unless the request picks the root.
            const rv = root.type === 'Property' ? root.value : undefined;
            if (rv && tainted(rv)) r.at(node, 'root', { fn: `res.${calleeName(node)}`, source: source(rv) });
            return;
          }
          if (tainted(arg) && sendFileEscapes(r.a, arg, tainted) && !guarded(node, arg)) r.at(node, 'send', { fn: `res.${calleeName(node)}`, source: source(arg) });
        }
      },
    };
  },
);

/**
 * Whether an argument after the path of `res.sendFile`/`res.download` is an options object whose contents are not
 * visible here and so may carry `root`: `res.sendFile(name, options)` with `options` imported or passed in, or built
 * with a spread. Only values named like options count; others (a download name, a callback) are not guessed to be.
 */
function unseenOptions(a: Analysis, arg: N): boolean {
  if (arg.type === 'SpreadElement') return true;
  const lit = objectLiteral(a, arg);
  if (lit) return lit.spread && !lit.props.has('root');
  const v = unwrap(resolveValue(a, arg));
  const name = v.type === 'Identifier' ? v.name : v.type === 'MemberExpression' ? propertyKey(v) : v.type === 'CallExpression' ? calleeName(v) : undefined;
  return !!name && /^(get)?(opts?|options|config|settings)$|(Opts|Options|Config|Settings)$/i.test(name);
}

const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|::1|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|169\.254\.\d+\.\d+|host\.docker\.internal|[^.]+|.*\.(localhost|local|internal|test|example|invalid|svc|lan|home|corp)|(www\.)?example\.(com|org|net)|.*\.cluster\.local)$/i;
const HTTP_CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'del']);

/** A browser `XMLHttpRequest` object: `new XMLHttpRequest()` (the global, not a local class of that name), directly or through a const binding. */
function isXhr(a: Analysis, node: N): boolean {
  const v = unwrap(resolveValue(a, node));
  const c = v?.type === 'NewExpression' ? unwrap(v.callee) : undefined;
  return c?.type === 'Identifier' && c.name === 'XMLHttpRequest' && !a.binding(c);
}
const HTTP_MODULES = ['axios', 'got', 'superagent', 'node-fetch', 'request', 'needle', 'undici', 'cross-fetch', 'isomorphic-fetch', 'ky', 'phin', 'http', 'https'];

/** The host of an `http://`/`ws://` URL prefix, when the prefix shows all of it. */
function plainHost(prefix: string, whole: boolean): string | undefined {
  const m = /^(?:http|ws):\/\/([^/?#\s]*)(.?)/i.exec(prefix);
  if (!m) return undefined;
  const hostPort = m[1];
  if (!whole && !m[2]) return undefined; // 'http://' + host: cannot tell the host
  const host = hostPort.replace(/^[^@]*@/, '').replace(/:\d*$/, '');
  return host || undefined;
}

export const insecureTransport = codeRule(
  {
    id: 'code/insecure-transport',
    title: 'Request sent over plain HTTP to a remote host',
    description:
      'OWASP A02:2021 Cryptographic Failures. A `fetch`/axios/`http.request` call (or `XMLHttpRequest.open`) to an `http://` (or `ws://`) URL sends the request, any credentials or tokens in it, and the response in clear text, where anyone on the network path can read or change them. Node\'s `http.request`/`http.get` with an options object naming a remote `hostname` is plain HTTP too. Loopback, private-network and example hosts are ignored, as is the `https` module (it rejects `http:` URLs); the finding is low because some internal networks are trusted.',
    severity: 'low',
    messages: {
      plain: '`{{call}}` uses plain `{{scheme}}://{{host}}`; use `https://` (or `wss://`) so the request and response are encrypted.',
    },
    remediation: 'Use `https://`/`wss://` URLs for every remote service; keep base URLs in configuration with an HTTPS default.',
    references: ['https://cwe.mitre.org/data/definitions/319.html', 'https://www.ncsc.gov.uk/collection/cloud/using-cloud-services-securely/using-tls-to-protect-data', 'https://owasp.org/Top10/A02_2021-Cryptographic_Failures/'],
    cwe: ['CWE-319'],
    equivalents: { bearer: ['javascript_lang_http_insecure', 'javascript_lang_websocket_insecure'] },
  },
  (r) => {
    const check = (node: N, url: N | undefined, call: string) => {
      if (!url || url.type === 'SpreadElement') return;
      const whole = staticString(r.a, url);
      const prefix = whole ?? staticPrefix(r.a, url);
      if (!prefix) return;
      const host = plainHost(prefix, whole !== undefined);
      if (!host || LOCAL_HOST.test(host)) return;
      r.at(node, 'plain', { call, scheme: prefix.slice(0, prefix.indexOf(':')).toLowerCase(), host });
    };
    const on = (node: N) => {
      const callee = unwrap(node.callee);
      if (node.type === 'NewExpression') {
        if (callee.type === 'Identifier' && (callee.name === 'WebSocket' || callee.name === 'EventSource') && !r.a.binding(callee)) check(node, node.arguments[0], `new ${callee.name}`);
        return;
      }
      if (callee.type === 'Identifier' && callee.name === 'fetch' && !r.a.binding(callee)) {
        check(node, node.arguments[0], 'fetch');
        return;
      }
      let ref = calledModuleFunction(r.a, node);
      if (!ref && callee.type === 'MemberExpression') {
        // Node's REPL globals / snippets without the require: an undeclared `http.get(…)`, `https.request(…)`
        const obj = unwrap(callee.object);
        const k = propertyKey(callee);
        if (obj.type === 'Identifier' && (obj.name === 'http' || obj.name === 'https') && !r.a.binding(obj) && (k === 'get' || k === 'request')) ref = { module: obj.name, path: [k] };
      }
      // the axios global of a page that loads it with a script tag: `axios({ url: 'http://…' })`
      if (!ref && callee.type === 'Identifier' && callee.name === 'axios' && !r.a.binding(callee)) ref = { module: 'axios', path: [] };
      if (ref && HTTP_MODULES.includes(ref.module)) {
        const fn = ref.path[ref.path.length - 1];
        // https.get('http://…') throws ERR_INVALID_PROTOCOL: nothing is sent in clear text
        if (ref.module === 'https') return;
        // got.stream('http://…')
        const gotStream = ref.module === 'got' && ref.path[0] === 'stream' && (ref.path.length === 1 || (ref.path.length === 2 && HTTP_CLIENT_METHODS.has(fn)));
        if (ref.path.length === 0 || gotStream || (ref.path.length === 1 && HTTP_CLIENT_METHODS.has(fn))) {
          const first = node.arguments[0];
          const cfg = objectLiteral(r.a, first);
          const name = [ref.module, ...ref.path].join('.');
          if (cfg && ref.module === 'http' && !cfg.props.has('url')) {
            // http.request({ hostname, port, path }): Node's http module speaks plain HTTP to that host
            if (cfg.spread || cfg.props.has('protocol') || cfg.props.has('agent') || cfg.props.has('createConnection') || cfg.props.has('socketPath')) return;
            const hv = cfg.props.get('hostname')?.value ?? cfg.props.get('host')?.value;
            const host = hv && staticString(r.a, hv);
            if (host && !LOCAL_HOST.test(host.replace(/:\d*$/, ''))) r.at(node, 'plain', { call: name, scheme: 'http', host });
            return;
          }
          if (cfg) check(node, cfg.props.get('url')?.value ?? cfg.props.get('baseURL')?.value, name);
          else check(node, first, name);
        } else if (ref.path.length === 1 && fn === 'create' && ref.module === 'axios') {
          check(node, objectLiteral(r.a, node.arguments[0])?.props.get('baseURL')?.value, 'axios.create');
        }
        return;
      }
      // const xhr = new XMLHttpRequest(); xhr.open('GET', 'http://…')
      if (callee.type === 'MemberExpression' && propertyKey(callee) === 'open' && isXhr(r.a, callee.object)) {
        check(node, node.arguments[1], 'XMLHttpRequest.open');
        return;
      }
      // Angular HttpClient and instances: this.http.get('http://…'), httpClient.post(…)
      if (callee.type === 'MemberExpression') {
        const name = propertyKey(callee);
        const obj = unwrap(callee.object);
        const chain = memberChain(r.a, obj) ?? (obj.type === 'Identifier' ? [obj.name] : undefined);
        const last = chain?.[chain.length - 1];
        if (name && HTTP_CLIENT_METHODS.has(name) && last && words(last).some((w) => w === 'http' || w === 'axios' || w === 'client')) check(node, node.arguments[0], `${last}.${name}`);
      }
    };
    return { CallExpression: on, NewExpression: on };
  },
);
