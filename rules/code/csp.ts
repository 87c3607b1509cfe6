/** A Content-Security-Policy written in code that lets injected script run anyway. */
import { moduleOf, objectLiteral, propertyKey, resolveValue, staticString, unwrap, type Analysis, type N } from './lib/analysis.js';
import { codeRule } from './lib/kit.js';

/** One directive's sources as written, each with the node to report at; `open` when some source cannot be read. */
interface Directive {
  sources: { value: string; node: N }[];
  open: boolean;
}

type Problem = { messageId: 'unsafeInline' | 'unsafeEval' | 'anySource'; source: string; node: N };

/** Host sources that allow script from anywhere (a scheme alone, or `*`). */
const ANY_SOURCE = new Set(['*', 'http:', 'https:', 'data:', 'blob:']);

/**
 * What the policy lets scripts do, from its `script-src` (else `default-src`). `'unsafe-inline'` is
 * ignored by browsers when a nonce or hash is listed (CSP Level 2) or with `'strict-dynamic'`, which
 * also ignores host sources; a directive with a source that cannot be read is not judged.
 */
function judge(directives: Map<string, Directive>): Problem[] {
  const d = directives.get('script-src') ?? directives.get('default-src');
  if (!d || d.open) return [];
  const has = (re: RegExp) => d.sources.some((s) => re.test(s.value.toLowerCase()));
  const strictDynamic = has(/^'strict-dynamic'$/);
  const nonceOrHash = has(/^'(?:nonce-|sha(?:256|384|512)-)/);
  const out: Problem[] = [];
  for (const s of d.sources) {
    const v = s.value.toLowerCase();
    if (v === "'unsafe-inline'" && !nonceOrHash && !strictDynamic) out.push({ messageId: 'unsafeInline', source: s.value, node: s.node });
    else if (v === "'unsafe-eval'") out.push({ messageId: 'unsafeEval', source: s.value, node: s.node });
    else if (ANY_SOURCE.has(v) && !strictDynamic) out.push({ messageId: 'anySource', source: s.value, node: s.node });
  }
  return out;
}

/** A policy header's value (`script-src 'self'; object-src 'none'`): the first of each directive counts, as browsers read it. */
function parseHeader(text: string, node: N): Map<string, Directive> {
  const out = new Map<string, Directive>();
  for (const part of text.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name || out.has(name.toLowerCase())) continue;
    out.set(name.toLowerCase(), { sources: values.filter(Boolean).map((value) => ({ value, node })), open: false });
  }
  return out;
}

/** `scriptSrc` or `'script-src'` → `script-src`. */
function directiveName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).toLowerCase();
}

/** helmet's `directives` object; with `useDefaults` (the default) helmet adds `script-src 'self'` when none is given. */
function helmetDirectives(a: Analysis, options: N): Map<string, Directive> | undefined {
  const opts = objectLiteral(a, options);
  const dirs = opts && objectLiteral(a, opts.props.get('directives')?.value);
  if (!opts || !dirs) return undefined;
  const out = new Map<string, Directive>();
  for (const [key, prop] of dirs.props) {
    const list = unwrap(resolveValue(a, prop.value));
    const items: N[] = list?.type === 'ArrayExpression' ? list.elements : [list];
    const d: Directive = { sources: [], open: false };
    for (const item of items) {
      const value = item && item.type !== 'SpreadElement' ? staticString(a, item) : undefined;
      if (value === undefined) d.open = true;
      else for (const v of value.trim().split(/\s+/).filter(Boolean)) d.sources.push({ value: v, node: item });
    }
    out.set(directiveName(key), d);
  }
  const useDefaults = opts.props.get('useDefaults')?.value;
  const defaults = !useDefaults || !(useDefaults.type === 'Literal' && useDefaults.value === false);
  if (!out.has('script-src') && (defaults || dirs.spread)) out.set('script-src', { sources: [], open: true });
  return out;
}

const HEADER = 'content-security-policy';

export const cspUnsafeScript = codeRule(
  {
    id: 'code/csp-unsafe-script-source',
    title: 'Content-Security-Policy lets injected script run',
    description:
      'OWASP A05:2021 Security Misconfiguration. A Content-Security-Policy is a second line of defence against cross-site scripting: it stops script the page did not intend from running. A `script-src` (or, without one, `default-src`) that lists `\'unsafe-inline\'` allows every inline `<script>` and event-handler attribute, which is exactly what injected markup uses; `\'unsafe-eval\'` allows `eval` and `new Function` on strings; a bare `*`, `https:`, `http:`, `data:` or `blob:` source allows script from any site. Policies set with helmet (`contentSecurityPolicy: { directives: … }`, `helmet.contentSecurityPolicy(…)`) and literal header values (`res.setHeader(\'Content-Security-Policy\', …)`, a `{ key: \'Content-Security-Policy\', value: … }` header entry) are read. `\'unsafe-inline\'` beside a nonce or hash, or with `\'strict-dynamic\'`, is ignored by browsers and not reported, nor are host sources with `\'strict-dynamic\'`, report-only policies, or directives with a source that cannot be read (a nonce function).',
    severity: 'medium',
    messages: {
      unsafeInline: 'The Content-Security-Policy\'s {{directive}} allows {{source}}, so injected inline script runs; remove it and give the page\'s own inline scripts a nonce (`\'nonce-…\'`) or hash, or move them to files.',
      unsafeEval: 'The Content-Security-Policy\'s {{directive}} allows {{source}}, so strings can run as code (`eval`, `new Function`, string timers); remove it and replace the code that needs it.',
      anySource: 'The Content-Security-Policy\'s {{directive}} allows script from {{source}} (any site); list the hosts scripts come from, or use nonces with `\'strict-dynamic\'`.',
    },
    remediation: "Set `script-src 'self'` plus nonces or hashes for the inline scripts the pages need (helmet: `scriptSrc: [\"'self'\", (req, res) => `'nonce-${res.locals.nonce}'`]`); drop `'unsafe-inline'`, `'unsafe-eval'` and scheme-only sources.",
    references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src', 'https://www.w3.org/TR/CSP3/#directive-script-src', 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html', 'https://helmetjs.github.io/'],
    cwe: ['CWE-693', 'CWE-79'],
    sbd: ['8', '10'],
    equivalents: {},
  },
  (r) => {
    const report = (directives: Map<string, Directive>) => {
      const directive = directives.has('script-src') ? 'script-src' : 'default-src';
      for (const p of judge(directives)) r.at(p.node, p.messageId, { directive: `\`${directive}\``, source: `\`${p.source}\`` });
    };
    /** A header value given as a literal (or a constant). */
    const header = (name: N | undefined, value: N | undefined) => {
      if (!name || !value || staticString(r.a, name)?.toLowerCase() !== HEADER) return;
      const text = staticString(r.a, value);
      if (text !== undefined) report(parseHeader(text, value));
    };
    return {
      CallExpression(node: N) {
        const ref = moduleOf(r.a, node.callee);
        if (ref?.module === 'helmet' && node.arguments[0]) {
          // helmet({ contentSecurityPolicy: { directives } }) and helmet.contentSecurityPolicy({ directives })
          if (ref.path.length === 0) {
            const csp = objectLiteral(r.a, node.arguments[0])?.props.get('contentSecurityPolicy')?.value;
            const dirs = csp && helmetDirectives(r.a, csp);
            if (dirs) report(dirs);
          } else if (ref.path.join('.') === 'contentSecurityPolicy') {
            const dirs = helmetDirectives(r.a, node.arguments[0]);
            if (dirs) report(dirs);
          }
          return;
        }
        // res.setHeader / res.set / res.header / reply.header(name, value)
        const callee = unwrap(node.callee);
        if (callee.type === 'MemberExpression' && ['setHeader', 'set', 'header', 'append'].includes(propertyKey(callee) ?? '') && node.arguments.length === 2) header(node.arguments[0], node.arguments[1]);
      },
      ObjectExpression(node: N) {
        for (const p of node.properties) {
          if (p.type !== 'Property') continue;
          // { 'Content-Security-Policy': '…' } in a headers object
          if (propertyKey(p)?.toLowerCase() === HEADER) {
            const text = staticString(r.a, p.value);
            if (text !== undefined) report(parseHeader(text, p.value));
          }
        }
        // { key: 'Content-Security-Policy', value: '…' } (Next.js headers(), CloudFront-style header lists)
        const keyProp = node.properties.find((p: N) => p.type === 'Property' && propertyKey(p) === 'key');
        const valueProp = node.properties.find((p: N) => p.type === 'Property' && propertyKey(p) === 'value');
        if (keyProp && valueProp) header(keyProp.value, valueProp.value);
      },
    };
  },
);
