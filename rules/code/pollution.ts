/** Prototype pollution and XML external entities. */
import { calledModuleFunction, containsRequestInput, enclosingFunction, functionName, FUNCTION_NODE_TYPES, isRequestInput, iterationOf, isStatic, isTrue, objectLiteral, objectProperty, propertyKey, reachingDefs, resolveValue, staticNumber, unwrap, walk, type Analysis, type N } from './lib/analysis.js';
import { codeRule, snippet } from './lib/kit.js';

const LODASH_DEEP = new Set(['merge', 'mergeWith', 'defaultsDeep', 'set', 'setWith', 'zipObjectDeep', 'update', 'updateWith']);
const LODASH_MODULES = ['lodash', 'lodash-es', 'underscore'];

/** The function (or file) guards against `__proto__`/`constructor` keys or uses prototype-less objects. */
function guarded(a: Analysis, node: N, within?: N): boolean {
  const scope = (within ?? enclosingFunction(a, node))?.body ?? a.program;
  let found = false;
  walk(scope, (x) => {
    if (found) return true;
    if (x.type === 'Literal' && (x.value === '__proto__' || x.value === 'constructor' || x.value === 'prototype')) found = true;
    if (x.type === 'CallExpression' && x.callee.type === 'MemberExpression' && propertyKey(x.callee) === 'create' && x.arguments[0]?.type === 'Literal' && x.arguments[0].value === null) found = true;
    if (x.type === 'CallExpression' && /^(hasOwnProperty|hasOwn|isSafeKey|isValidKey|freeze)$/.test(propertyKey(x.callee) ?? (x.callee.type === 'Identifier' ? x.callee.name : ''))) found = true;
    return undefined;
  });
  return found;
}

/** The computed key `k` of `X[k]` when it is request input. */
function requestKey(a: Analysis, member: N): N | undefined {
  const m = unwrap(member);
  if (m?.type !== 'MemberExpression' || !m.computed) return undefined;
  return m.property.type !== 'Literal' && isRequestInput(a, m.property) ? m.property : undefined;
}

/**
 * The request-chosen key that selected the object being written to: `X[req.x][k]` directly, or `o[k]`
 * where `o` was read as `X[req.x]` (then `k` must be request input too). Undefined otherwise.
 */
function requestKeyedObject(a: Analysis, object: N, innerKey: N): N | undefined {
  const o = unwrap(object);
  const direct = requestKey(a, o);
  if (direct) return direct;
  if (o.type !== 'Identifier' || !isRequestInput(a, innerKey)) return undefined;
  const b = a.binding(o);
  const values: N[] = [];
  const defs = reachingDefs(a, o);
  if (defs) values.push(...defs.map((d) => d.value));
  else {
    const v = resolveValue(a, o);
    if (v !== o) values.push(v);
  }
  if (!b && !defs) return undefined;
  for (let v of values) {
    // `items = store[id] = {}`: the object is also `store[id]`
    for (v = unwrap(v); v; v = v.type === 'AssignmentExpression' ? unwrap(v.right) : undefined) {
      const k = requestKey(a, v.type === 'AssignmentExpression' ? v.left : v);
      if (k) return k;
      if (v.type !== 'AssignmentExpression') break;
    }
  }
  return undefined;
}

/** Request data reaches the value, also as a property of an object or array literal (`{ prefs: req.body.prefs }`). */
function carriesRequest(a: Analysis, node: N, depth = 0): boolean {
  if (depth > 6) return false;
  if (containsRequestInput(a, node)) return true;
  const n = unwrap(node);
  if (n.type === 'MemberExpression') {
    const k = propertyKey(n);
    const v = k === undefined ? undefined : objectProperty(a, n.object, k);
    return !!v && carriesRequest(a, v, depth + 1);
  }
  const v = unwrap(resolveValue(a, n));
  if (v.type === 'ObjectExpression') return v.properties.some((p: N) => carriesRequest(a, p.type === 'SpreadElement' ? p.argument : p.value, depth + 1));
  if (v.type === 'ArrayExpression') return v.elements.some((e: N) => e && carriesRequest(a, e.type === 'SpreadElement' ? e.argument : e, depth + 1));
  return false;
}

const LOOPS = new Set(['ForStatement', 'ForOfStatement', 'ForInStatement', 'WhileStatement', 'DoWhileStatement']);

/** A position rather than a name: a loop counter (`let i = 0`), an iteration callback's index, a number. */
function isIndex(a: Analysis, key: N): boolean {
  const k = unwrap(key);
  if (k.type === 'Literal') return true;
  if (k.type !== 'Identifier') return false;
  const b = a.binding(k);
  if (b?.kind === 'param' && b.decl) {
    const it = iterationOf(a, b.decl);
    return !!it && (b.paramIndex ?? 0) > it.element;
  }
  return !!b?.init && staticNumber(a, b.init) !== undefined;
}

/**
 * Whether a value comes from a parameter of the function (the caller's data): through variables, their
 * reassignments, `for…of` over it, `arr.forEach(item => …)` elements, and calls such as `path.split('.')`.
 */
function fromParameter(a: Analysis, node: N, depth = 0): boolean {
  if (depth > 5 || !node) return false;
  let found = false;
  walk(node, (x) => {
    if (found) return true;
    if (x.type === 'MemberExpression' && !x.computed) {
      found = fromParameter(a, x.object, depth + 1);
      return true;
    }
    if (FUNCTION_NODE_TYPES.has(x.type)) return true;
    if (x.type !== 'Identifier') return undefined;
    const b = a.binding(x);
    if (!b) return undefined;
    if (b.kind === 'param') {
      const it = b.decl && iterationOf(a, b.decl);
      if (!it) found = true;
      else if ((b.paramIndex ?? 0) === it.element) found = fromParameter(a, it.array, depth + 1);
      return true;
    }
    const values: N[] = b.init ? [b.init] : [];
    for (const asg of a.assignments) {
      const left = unwrap(asg.left);
      if (left.type === 'Identifier' && left.name === x.name && a.binding(left) === b) values.push(asg.right);
    }
    // `for (const k of keys)`: the loop variable takes the elements of `keys`
    for (let cur = a.parent(x); cur && !b.init; cur = a.parent(cur)) {
      if ((cur.type === 'ForOfStatement' || cur.type === 'ForInStatement') && cur.left.type === 'VariableDeclaration') {
        const id = cur.left.declarations[0]?.id;
        if (id?.type === 'Identifier' && a.binding(id) === b) values.push(cur.right);
      }
    }
    found = values.some((v) => fromParameter(a, v, depth + 1));
    return true;
  });
  return found;
}

/**
 * `o = o[k]` (also `o = o[k] || (o[k] = {})`, `o = o[k] = o[k] || {}`) inside a loop: the object walks
 * one level down per key. Returns the key, or undefined.
 */
function walkStep(a: Analysis, node: N): N | undefined {
  if (node.operator !== '=' || unwrap(node.left).type !== 'Identifier') return undefined;
  const self = a.binding(unwrap(node.left));
  if (!self) return undefined;
  const step = (v: N): N | undefined => {
    const x = unwrap(v);
    if (x.type === 'MemberExpression' && x.computed && unwrap(x.object).type === 'Identifier' && a.binding(unwrap(x.object)) === self) return x.property;
    if (x.type === 'LogicalExpression' && (x.operator === '||' || x.operator === '??')) return step(x.left);
    if (x.type === 'AssignmentExpression' && x.operator === '=') return step(x.left);
    return undefined;
  };
  return step(node.right);
}

/** The function that owns a loop walk: the first enclosing function that is not an iteration callback; undefined if no loop. */
function walkingFunction(a: Analysis, node: N): N | undefined {
  let looped = false;
  for (let cur = a.parent(node); cur; cur = a.parent(cur)) {
    if (LOOPS.has(cur.type)) looped = true;
    else if (FUNCTION_NODE_TYPES.has(cur.type)) {
      if (!iterationOf(a, cur)) return looped ? cur : undefined;
      looped = true;
    }
  }
  return undefined;
}

/**
 * A deep-set helper: a loop walks `o = o[k]` along keys from the function's parameters, and the function
 * then writes `o[key] = value` with a key from its parameters too and a non-constant value, with no `__proto__`/`constructor` check
 * (CodeQL js/prototype-pollution-utility). A path of `__proto__.x` writes `x` on `Object.prototype`.
 */
function unsafePathWalk(a: Analysis, node: N): { key: N; fn: N } | undefined {
  const key = walkStep(a, node);
  if (!key || isIndex(a, key) || isStatic(a, key)) return undefined;
  const fn = walkingFunction(a, node);
  if (!fn || !fromParameter(a, key) || guarded(a, node, fn)) return undefined;
  const self = a.binding(unwrap(node.left));
  const writes = a.assignments.some((w: N) => {
    const left = unwrap(w.left);
    if (w.operator !== '=' || left.type !== 'MemberExpression' || !left.computed || w.range[0] < fn.range[0] || w.range[1] > fn.range[1]) return false;
    if (unwrap(left.object).type !== 'Identifier' || a.binding(unwrap(left.object)) !== self || isIndex(a, left.property) || isStatic(a, left.property)) return false;
    // the caller names the property written too (`__proto__.isAdmin`), not only the path to it
    if (!fromParameter(a, left.property)) return false;
    const v = unwrap(w.right);
    return v.type !== 'ObjectExpression' && v.type !== 'ArrayExpression' && v.type !== 'AssignmentExpression' && !isStatic(a, v);
  });
  return writes ? { key, fn } : undefined;
}

export const prototypePollution = codeRule(
  {
    id: 'code/prototype-pollution',
    title: 'Object key or deep merge controlled by request input (prototype pollution)',
    description:
      'OWASP A08:2021 Software and Data Integrity Failures / A03:2021. Writing `obj[key1][key2] = value` where `key1` comes from the request (directly, or `o = obj[key1]; o[key2] = value`), or deep-merging/setting request data with lodash `merge`, `set`, `defaultsDeep` and similar, or a deep-set helper that walks an object along keys from its caller (`o = o[key]` in a loop) and then writes to it without refusing `__proto__`, `constructor` and `prototype`, lets a key of `__proto__` or `constructor.prototype` add properties to `Object.prototype` for the whole process. That can bypass authorisation checks (`isAdmin`), crash the service or reach code execution through template engines and child_process options.',
    severity: 'medium',
    messages: {
      key: 'A nested object property is written below a key taken from the request ({{source}}); with `__proto__` it lands on `Object.prototype`. Reject `__proto__`, `constructor` and `prototype`, or use a `Map`/`Object.create(null)`.',
      path: '`{{fn}}` walks into an object along keys from its caller ({{source}}) and then writes to it, with no check for `__proto__`, `constructor` or `prototype`; a path such as `__proto__.isAdmin` sets a property on `Object.prototype`. Skip those keys (or stop at own properties) before descending.',
      merge: '`{{fn}}` merges or sets request data ({{source}}) deeply into an object; validate the input against a schema that forbids `__proto__`/`constructor` keys, or copy only known fields.',
    },
    remediation: 'Validate request bodies against a schema that only allows known keys; store user-keyed data in a `Map` or `Object.create(null)`; refuse `__proto__`, `constructor` and `prototype` keys; keep lodash up to date.',
    references: ['https://cwe.mitre.org/data/definitions/1321.html', 'https://github.com/HoLyVieR/prototype-pollution-nsec18', 'https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/'],
    cwe: ['CWE-1321'],
    equivalents: { eslint: ['security/detect-object-injection'], semgrep: ['javascript.lang.security.audit.prototype-pollution.prototype-pollution-assignment.prototype-pollution-assignment', 'javascript.lang.security.audit.prototype-pollution.prototype-pollution-loop.prototype-pollution-loop'], codeql: ['js/prototype-pollution-utility'] },
  },
  (r) => {
    const source = (v: N) => snippet(r.ctx, v);
    return {
      AssignmentExpression(node: N) {
        const walked = unsafePathWalk(r.a, node);
        if (walked) {
          r.at(node, 'path', { fn: functionName(r.a, walked.fn) ?? 'This function', source: source(walked.key) });
          return;
        }
        // `obj[a][b] = v` with `a` = '__proto__' writes `b` on Object.prototype; a single `obj[a] = v` only
        // changes obj's own prototype, so a nested write with a request-chosen outer key is what is reported.
        const left = unwrap(node.left);
        if (left.type !== 'MemberExpression' || !left.computed) return;
        const inner = unwrap(left.property);
        if (inner.type === 'Literal' || (inner.type === 'TemplateLiteral' && !inner.expressions.length)) return;
        const outer = requestKeyedObject(r.a, left.object, inner);
        if (!outer || guarded(r.a, node)) return;
        r.at(node, 'key', { source: source(outer) });
      },
      CallExpression(node: N) {
        const ref = calledModuleFunction(r.a, node);
        let fn: string | undefined;
        if (ref && LODASH_MODULES.includes(ref.module) && ref.path.length === 1 && LODASH_DEEP.has(ref.path[0])) fn = `_.${ref.path[0]}`;
        else if (ref && /^lodash[./](merge|mergewith|defaultsdeep|set|setwith|zipobjectdeep)$/i.test(ref.module) && ref.path.length === 0) fn = ref.module;
        else if (ref && ['deep-extend', 'merge-deep', 'mixin-deep', 'defaults-deep', 'dot-prop', 'set-value', 'deep-set', 'object-path'].includes(ref.module) && (ref.path.length === 0 || (ref.path.length === 1 && ['set', 'merge'].includes(ref.path[0])))) fn = [ref.module, ...ref.path].join('.');
        else if (!ref) {
          // the `_` global (lodash loaded by a script tag)
          const c = unwrap(node.callee);
          if (c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === '_' && !r.a.binding(c.object) && LODASH_DEEP.has(propertyKey(c) ?? '')) fn = `_.${propertyKey(c)}`;
        }
        if (!fn) return;
        // The target (first argument) is written; any later argument carrying request data is the risk.
        const tainted = node.arguments.slice(1).find((x: N) => x.type !== 'SpreadElement' && carriesRequest(r.a, x));
        if (!tainted || guarded(r.a, node)) return;
        r.at(node, 'merge', { fn, source: source(tainted) });
      },
    };
  },
);

export const xmlExternalEntities = codeRule(
  {
    id: 'code/xxe',
    title: 'XML parsed with external entity expansion enabled (XXE)',
    description:
      'OWASP A05:2021 Security Misconfiguration. libxmljs/libxmljs2 `parseXml` with `noent: true` substitutes entities, including external ones, so a document declaring `<!ENTITY x SYSTEM "file:///etc/passwd">` makes the server read local files or fetch internal URLs (server-side request forgery) and return them in the parsed result.',
    severity: 'high',
    messages: {
      noent: '`{{fn}}` is called with `noent: true`, which expands external entities (XXE); remove `noent` (it defaults to off) and set `nonet: true`.',
    },
    remediation: 'Parse untrusted XML with entity substitution off: remove `noent: true` from libxmljs options (and set `nonet: true`), or use a parser without DTD support.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/611.html', 'https://owasp.org/Top10/A05_2021-Security_Misconfiguration/'],
    cwe: ['CWE-611'],
    equivalents: { codeql: ['js/xxe'], bearer: ['javascript_express_xml_external_entity_vulnerability'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const ref = calledModuleFunction(r.a, node);
      if (!ref || !['libxmljs', 'libxmljs2', 'libxml-xsd'].includes(ref.module)) return;
      const name = ref.path.join('.');
      if (!['parseXml', 'parseXmlString', 'parseXmlAsync', 'parseHtml', 'parseHtmlString', 'Document.fromXml', 'parseXmlFile'].includes(name)) return;
      const opts = objectLiteral(r.a, node.arguments[1]);
      const noent = opts?.props.get('noent');
      if (noent && isTrue(r.a, noent.value)) r.at(noent, 'noent', { fn: `${ref.module}.${name}` });
    },
  }),
);
