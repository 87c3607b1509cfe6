/**
 * Taint-lite for the code pack: one pre-walk of a JS/TS program (shared by the rules through `ctx.shared`) that records parents, scopes
 * and bindings, so rules can resolve an identifier to its `const` initialiser (same file only), tell a
 * static value from a dynamic one, recognise request input and follow imports/requires of modules.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';

/** Nodes are handled structurally: typescript-estree nodes, loosely typed. */
export type N = any;

export interface Binding {
  name: string;
  kind: 'const' | 'let' | 'var' | 'param' | 'import' | 'function' | 'class' | 'catch';
  /** The declarator's initialiser (for destructuring: the whole right-hand side). */
  init?: N;
  /** Property path inside `init` for destructured bindings (`const { a: { b } } = x` → ['a', 'b']). */
  path?: string[];
  /** For imports: module specifier and the imported path ([] for default/namespace). */
  module?: string;
  importPath?: string[];
  /** The declaring node (function/class declarations; for parameters, their function). */
  decl?: N;
  /** For parameters: the position of the parameter in its function. */
  paramIndex?: number;
  reassigned: boolean;
}

export interface Analysis {
  program: TSESTree.Program;
  parent(node: N): N | undefined;
  /** The binding an identifier refers to in its scope (undefined for globals/unresolved). */
  binding(id: N): Binding | undefined;
  /** Every CallExpression and NewExpression, in source order. */
  calls: N[];
  /** Every AssignmentExpression, in source order. */
  assignments: N[];
  /** Module specifiers imported or required anywhere in the file (normalised, `node:` stripped). */
  modules: Set<string>;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const BLOCK_SCOPES = new Set(['Program', 'BlockStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'SwitchStatement', 'StaticBlock', 'TSModuleBlock']);

export function normaliseModule(spec: string): string {
  return spec.replace(/^node:/, '');
}

export function analyse(program: TSESTree.Program): Analysis {
  const parents = new WeakMap<object, N>();
  const scopes = new WeakMap<object, Map<string, Binding>>();
  const calls: N[] = [];
  const assignments: N[] = [];
  const modules = new Set<string>();
  const assignedIds: N[] = [];

  const scopeMap = (node: N): Map<string, Binding> => {
    let m = scopes.get(node);
    if (!m) scopes.set(node, (m = new Map()));
    return m;
  };
  const nearest = (node: N, pred: (n: N) => boolean): N => {
    let cur = node;
    while (cur && !pred(cur)) cur = parents.get(cur);
    return cur ?? program;
  };
  const functionScope = (node: N) => nearest(node, (n) => n.type === 'Program' || FUNCTION_TYPES.has(n.type));
  const blockScope = (node: N) => nearest(node, (n) => BLOCK_SCOPES.has(n.type) || FUNCTION_TYPES.has(n.type));

  const declarePattern = (pattern: N, scope: N, base: Omit<Binding, 'name' | 'path' | 'reassigned'>, path: string[] | undefined): void => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        scopeMap(scope).set(pattern.name, { ...base, name: pattern.name, ...(path && path.length ? { path } : {}), reassigned: false });
        return;
      case 'AssignmentPattern':
        declarePattern(pattern.left, scope, base, path);
        return;
      case 'RestElement':
        declarePattern(pattern.argument, scope, { ...base, init: undefined }, undefined);
        return;
      case 'ObjectPattern':
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') {
            declarePattern(p.argument, scope, { ...base, init: undefined }, undefined);
            continue;
          }
          const key = propertyKey(p);
          declarePattern(p.value, scope, key === undefined ? { ...base, init: undefined } : base, path && key !== undefined ? [...path, key] : undefined);
        }
        return;
      case 'ArrayPattern':
        pattern.elements.forEach((el: N, i: number) => declarePattern(el, scope, base, path ? [...path, String(i)] : undefined));
        return;
      default:
        return;
    }
  };

  const collectTargets = (pattern: N): void => {
    if (!pattern) return;
    switch (pattern.type) {
      case 'Identifier':
        assignedIds.push(pattern);
        return;
      case 'AssignmentPattern':
        collectTargets(pattern.left);
        return;
      case 'RestElement':
        collectTargets(pattern.argument);
        return;
      case 'ObjectPattern':
        for (const p of pattern.properties) collectTargets(p.type === 'RestElement' ? p.argument : p.value);
        return;
      case 'ArrayPattern':
        for (const el of pattern.elements) collectTargets(el);
        return;
      default:
        return;
    }
  };

  const visit = (node: N, parent: N | undefined, depth: number): void => {
    if (!node || typeof node !== 'object' || typeof node.type !== 'string' || depth > 2000) return;
    if (parent) parents.set(node, parent);
    switch (node.type) {
      case 'VariableDeclarator': {
        const decl = parent;
        const kind = decl?.kind === 'const' ? 'const' : decl?.kind === 'var' ? 'var' : 'let';
        const scope = kind === 'var' ? functionScope(parent) : blockScope(parent);
        declarePattern(node.id, scope, { kind, init: node.init ?? undefined }, []);
        if (node.init) trackRequire(node.init);
        break;
      }
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
        if (node.id && parent) scopeMap(blockScope(parent)).set(node.id.name, { name: node.id.name, kind: node.type === 'ClassDeclaration' ? 'class' : 'function', decl: node, reassigned: false });
        break;
      case 'ImportDeclaration': {
        const mod = normaliseModule(String(node.source.value));
        modules.add(mod);
        for (const s of node.specifiers) {
          const importPath = s.type === 'ImportSpecifier' ? [importedName(s)].filter((x) => x !== 'default') : [];
          scopeMap(program).set(s.local.name, { name: s.local.name, kind: 'import', module: mod, importPath, reassigned: false });
        }
        break;
      }
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference?.type === 'TSExternalModuleReference' && node.moduleReference.expression?.type === 'Literal') {
          const mod = normaliseModule(String(node.moduleReference.expression.value));
          modules.add(mod);
          scopeMap(program).set(node.id.name, { name: node.id.name, kind: 'import', module: mod, importPath: [], reassigned: false });
        }
        break;
      case 'CallExpression':
      case 'NewExpression':
        calls.push(node);
        if (node.type === 'CallExpression') trackRequire(node);
        break;
      case 'ImportExpression':
        if (node.source?.type === 'Literal' && typeof node.source.value === 'string') modules.add(normaliseModule(node.source.value));
        break;
      case 'AssignmentExpression':
        assignments.push(node);
        collectTargets(node.left);
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') assignedIds.push(node.argument);
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (node.left.type !== 'VariableDeclaration') collectTargets(node.left);
        break;
      case 'CatchClause':
        if (node.param) declarePattern(node.param, node, { kind: 'catch' }, undefined);
        break;
      default:
        break;
    }
    if (FUNCTION_TYPES.has(node.type)) {
      node.params.forEach((p: N, i: number) => {
        const param = p.type === 'TSParameterProperty' ? p.parameter : p;
        // destructured parameters keep their property path (`({ params }) => …` → params is ['params'] of it)
        const pattern = param.type === 'AssignmentPattern' ? param.left : param;
        declarePattern(param, node, { kind: 'param', decl: node, paramIndex: i }, pattern.type === 'ObjectPattern' ? [] : undefined);
      });
      // A named function expression binds its own name inside itself.
      if (node.type === 'FunctionExpression' && node.id) scopeMap(node).set(node.id.name, { name: node.id.name, kind: 'function', decl: node, reassigned: false });
    }
    for (const key of Object.keys(node)) {
      if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
      const child = node[key];
      if (Array.isArray(child)) for (const c of child) visit(c, node, depth + 1);
      else if (child && typeof child === 'object' && typeof child.type === 'string') visit(child, node, depth + 1);
    }
  };

  function trackRequire(node: N): void {
    const spec = requireSpecifier(node);
    if (spec) modules.add(spec);
  }

  const binding = (id: N): Binding | undefined => {
    if (!id || id.type !== 'Identifier') return undefined;
    let cur = parents.get(id);
    // A function's own parameters are in scope in its body and defaults; a declaration's name is in its scope.
    while (cur) {
      const m = scopes.get(cur);
      const b = m?.get(id.name);
      if (b) return b;
      cur = parents.get(cur);
    }
    return scopes.get(program)?.get(id.name);
  };

  visit(program, undefined, 0);
  for (const id of assignedIds) {
    const b = binding(id);
    if (b) b.reassigned = true;
  }
  const result: Analysis = { program, parent: (n) => parents.get(n), binding, calls, assignments, modules };
  return result;
}

function importedName(s: N): string {
  return s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value);
}

/** The static key of a property/member (`a`, `'a'`, `['a']`), or undefined when computed. */
export function propertyKey(p: N): string | undefined {
  if (!p) return undefined;
  const key = p.type === 'MemberExpression' ? p.property : p.key;
  const computed = p.computed;
  if (!key) return undefined;
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** `require('x')` → 'x' (normalised). */
export function requireSpecifier(node: N): string | undefined {
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.callee.name !== 'require') return undefined;
  const a = node.arguments[0];
  if (a?.type === 'Literal' && typeof a.value === 'string') return normaliseModule(a.value);
  if (a?.type === 'TemplateLiteral' && a.expressions.length === 0) return normaliseModule(a.quasis[0].value.cooked ?? '');
  return undefined;
}

/** The parts of a `+` concatenation or template literal, in order; empty static parts dropped. */
export function concatParts(node: N, out: Array<string | N> = []): Array<string | N> {
  const n = unwrap(node);
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    concatParts(n.left, out);
    concatParts(n.right, out);
  } else if (n.type === 'TemplateLiteral') {
    n.quasis.forEach((q: N, i: number) => {
      if (q.value.cooked) out.push(q.value.cooked);
      if (i < n.expressions.length) concatParts(n.expressions[i], out);
    });
  } else if (n.type === 'Literal' && typeof n.value === 'string') {
    if (n.value) out.push(n.value);
  } else out.push(n);
  return out;
}

/** Two expressions name the same variable (`p` and `p`) or the same member chain (`req.query.f`). */
export function sameValue(a: Analysis, x: N, y: N): boolean {
  const [u, v] = [unwrap(x), unwrap(y)];
  if (u.type === 'Identifier' || v.type === 'Identifier') return u.type === 'Identifier' && v.type === 'Identifier' && u.name === v.name && a.binding(u) === a.binding(v);
  const [cu, cv] = [memberChain(a, u), memberChain(a, v)];
  return !!cu && !!cv && cu.join('\0') === cv.join('\0');
}

/** How a variable or member is written (`entry.path`), for values without a member chain (members of loop variables); undefined for anything else. */
export function writtenShape(node: N): string | undefined {
  const u = unwrap(node);
  if (u?.type === 'Identifier') return u.name;
  const k = u?.type === 'MemberExpression' ? propertyKey(u) : undefined;
  const base = k === undefined ? undefined : writtenShape(u.object);
  return base === undefined ? undefined : `${base}.${k}`;
}

/** `inner` lies within `outer`'s source range (false when there is no `outer`, e.g. an `if` without `else`). */
export function encloses(outer: N | null | undefined, inner: N): boolean {
  return !!outer && inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** Strip TypeScript wrappers, `ChainExpression` and `await`-free parentheses. */
export function unwrap(node: N): N {
  let n = node;
  while (n) {
    if (n.type === 'TSAsExpression' || n.type === 'TSNonNullExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSTypeAssertion' || n.type === 'ChainExpression' || n.type === 'TSInstantiationExpression') n = n.expression;
    else break;
  }
  return n;
}

/** The value an expression stands for: identifiers with a never-reassigned initialiser are followed. */
export function resolveValue(a: Analysis, node: N, depth = 0): N {
  const n = unwrap(node);
  if (depth > 20 || n?.type !== 'Identifier') return n;
  const b = a.binding(n);
  if (!b || b.reassigned || !b.init || (b.kind !== 'const' && b.kind !== 'let' && b.kind !== 'var')) return n;
  if (b.path && b.path.length) {
    // `const { x } = { x: 'lit' }`
    let cur = resolveValue(a, b.init, depth + 1);
    for (const k of b.path) {
      cur = objectProperty(a, cur, k, depth + 1);
      if (!cur) return n;
    }
    return resolveValue(a, cur, depth + 1);
  }
  return resolveValue(a, b.init, depth + 1);
}

/** `true`, directly or through never-reassigned variables (`const flag = true; … noent: flag`). */
export function isTrue(a: Analysis, node: N | undefined): boolean {
  const v = node && unwrap(resolveValue(a, node));
  return !!v && v.type === 'Literal' && v.value === true;
}

/** `false`, directly or through never-reassigned variables (`const flag = false; … httpOnly: flag`). */
export function isFalse(a: Analysis, node: N | undefined): boolean {
  const v = node && unwrap(resolveValue(a, node));
  return !!v && v.type === 'Literal' && v.value === false;
}

/** Functions that write properties of their first argument. */
const OBJECT_WRITERS = new Set(['assign', 'defineProperty', 'defineProperties', 'set']);

const WRITTEN = new WeakMap<Analysis, Map<Binding, Set<string>>>();

/**
 * Per variable, the properties of its object that the program writes after creating it: `o.p = x`,
 * `o.p.q = x` (both write `p`), `o[k] = x` and `Object.assign(o, …)`/`Object.defineProperty(o, …)`/
 * `Reflect.set(o, …)` (any property: '*'). One pass over the program's assignments and calls.
 */
function writtenProperties(a: Analysis): Map<Binding, Set<string>> {
  let out = WRITTEN.get(a);
  if (out) return out;
  const written = (out = new Map<Binding, Set<string>>());
  const add = (x: N | undefined, key: string) => {
    const n = x && unwrap(x);
    const b = n?.type === 'Identifier' ? a.binding(n) : undefined;
    if (!b) return;
    const set = written.get(b);
    if (set) set.add(key);
    else written.set(b, new Set([key]));
  };
  for (const x of a.assignments) {
    let left = unwrap(x.left);
    if (left.type !== 'MemberExpression') continue;
    while (unwrap(left.object).type === 'MemberExpression') left = unwrap(left.object);
    add(left.object, propertyKey(left) ?? '*');
  }
  for (const c of a.calls) {
    const callee = unwrap(c.callee);
    if (callee.type !== 'MemberExpression' || !OBJECT_WRITERS.has(propertyKey(callee) ?? '')) continue;
    if (['Object', 'Reflect'].includes(memberName(callee.object) ?? '')) add(c.arguments[0], '*');
  }
  WRITTEN.set(a, out);
  return out;
}

/** The value of property `key` of an object literal expression (following const bindings and Object.freeze); undefined when the program writes that property. */
export function objectProperty(a: Analysis, obj: N, key: string, depth = 0): N | undefined {
  const id = unwrap(obj);
  const b = id?.type === 'Identifier' ? a.binding(id) : undefined;
  if (b) {
    const written = writtenProperties(a).get(b);
    if (written && (written.has(key) || written.has('*'))) return undefined;
  }
  let o = resolveValue(a, obj, depth);
  if (o?.type === 'CallExpression' && memberName(o.callee) === 'freeze' && o.arguments.length === 1) o = resolveValue(a, o.arguments[0], depth);
  if (o?.type !== 'ObjectExpression') return undefined;
  let found: N | undefined;
  for (const p of o.properties) {
    if (p.type === 'Property' && propertyKey(p) === key) found = p.value;
  }
  return found;
}

/**
 * An object literal's properties (after resolution), or undefined when it is not a literal. `spread` says whether it has
 * a `...x` whose properties are unknown (a spread of a literal the program never writes to is merged in).
 */
export function objectLiteral(a: Analysis, node: N | undefined, depth = 0): { node: N; props: Map<string, N>; spread: boolean } | undefined {
  if (!node || depth > 10) return undefined;
  const o = resolveValue(a, node);
  // `Object.assign({}, { a: 1 }, { b: 2 })`: later objects' properties win
  if (o?.type === 'CallExpression' && o.callee.type === 'MemberExpression' && memberName(o.callee.object) === 'Object' && propertyKey(o.callee) === 'assign' && o.arguments.length) {
    const props = new Map<string, N>();
    let spread = false;
    for (const x of o.arguments) {
      const lit = x.type === 'SpreadElement' ? undefined : objectLiteral(a, x, depth + 1);
      if (!lit) {
        spread = true;
        continue;
      }
      spread ||= lit.spread;
      for (const [k, p] of lit.props) props.set(k, p);
    }
    return { node: o, props, spread };
  }
  if (o?.type !== 'ObjectExpression') return undefined;
  const props = new Map<string, N>();
  let spread = false;
  for (const p of o.properties) {
    if (p.type === 'SpreadElement') {
      // `{ ...base, x }`: a literal `base` the program never writes to gives its properties, later ones win
      const arg = unwrap(p.argument);
      const b = arg?.type === 'Identifier' ? a.binding(arg) : undefined;
      const inner = (arg?.type === 'ObjectExpression' || (b && !writtenProperties(a).has(b))) ? objectLiteral(a, arg, depth + 1) : undefined;
      if (!inner) {
        spread = true;
        continue;
      }
      spread ||= inner.spread;
      for (const [k, v] of inner.props) props.set(k, v);
      continue;
    }
    const k = propertyKey(p);
    if (k === undefined) spread = true;
    else props.set(k, p);
  }
  return { node: o, props, spread };
}

/** Array methods that call back once per element, by the element's position among the callback's parameters (reduce's accumulator comes first). */
const ELEMENT_PARAMETER: ReadonlyMap<string, number> = new Map([
  ...['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every'].map((m) => [m, 0] as const),
  ['reduce', 1],
  ['reduceRight', 1],
]);

/**
 * When `fn` is the callback of an array iteration (`list.forEach(fn)`, `list.reduce(fn, init)`): the array,
 * the call, and the position of the element among `fn`'s parameters (later parameters are indexes).
 */
export function iterationOf(a: Analysis, fn: N): { array: N; call: N; element: number } | undefined {
  const call = a.parent(fn);
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const element = ELEMENT_PARAMETER.get(propertyKey(callee) ?? '');
  return element === undefined ? undefined : { array: callee.object, call, element };
}

/** Per program, the values written to each property name (`this.x = …`, `obj.x = …`, class fields); `undefined` for `+=`/`??=` and fields without a value. */
const FIELD_VALUES = new WeakMap<Analysis, Map<string, Array<N | undefined>>>();

/**
 * The values a `this.<name>` field may hold: every class field and every `x.<name> = …` assignment in the
 * program (another object may set the same field from outside the class); `undefined` entries are values
 * that cannot be known. Built once per program.
 */
export function thisFieldValues(a: Analysis, name: string): Array<N | undefined> {
  let map = FIELD_VALUES.get(a);
  if (!map) {
    const m = new Map<string, Array<N | undefined>>();
    const add = (k: string | undefined, v: N | undefined) => {
      if (k === undefined) return;
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    };
    walk(a.program, (x) => {
      if (x.type === 'PropertyDefinition' && !x.computed) add(propertyKey(x), x.value ?? undefined);
      else if (x.type === 'AssignmentExpression' && unwrap(x.left).type === 'MemberExpression' && !unwrap(x.left).computed) add(propertyKey(unwrap(x.left)), x.operator === '=' ? x.right : undefined);
      return undefined;
    });
    FIELD_VALUES.set(a, (map = m));
  }
  return map.get(name) ?? [];
}

/** The name of a member's property (`a.b` → 'b'), or of an identifier. */
export function memberName(node: N): string | undefined {
  const n = unwrap(node);
  if (n?.type === 'Identifier') return n.name;
  if (n?.type === 'MemberExpression') return propertyKey(n);
  return undefined;
}

/** The last name of a call's callee (`DOMPurify.sanitize(x)` → 'sanitize'). */
export function calleeName(call: N): string | undefined {
  return call?.type === 'CallExpression' || call?.type === 'NewExpression' ? memberName(call.callee) : undefined;
}

const MAX_DEPTH = 25;

/**
 * The module an expression refers to: `{ module: 'child_process', path: ['exec'] }` for `cp.exec`,
 * `exec` destructured from `require('child_process')`, `import { exec as run }`, `require('x').exec`…
 */
export function moduleOf(a: Analysis, node: N, depth = 0): { module: string; path: string[] } | undefined {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return undefined;
  if (n.type === 'Identifier') {
    const b = a.binding(n);
    if (!b) return undefined;
    if (b.kind === 'import') return { module: b.module!, path: b.importPath ?? [] };
    if (b.reassigned || !b.init) return undefined;
    const base = moduleOf(a, b.init, depth + 1);
    return base ? { module: base.module, path: [...base.path, ...(b.path ?? [])] } : undefined;
  }
  if (n.type === 'MemberExpression') {
    const k = propertyKey(n);
    if (k === undefined) return undefined;
    const base = moduleOf(a, n.object, depth + 1);
    // `require('x').default` / `mod.default` is the module itself under CJS interop.
    return base ? { module: base.module, path: k === 'default' && base.path.length === 0 ? [] : [...base.path, k] } : undefined;
  }
  if (n.type === 'CallExpression') {
    const spec = requireSpecifier(n);
    if (spec) return { module: spec, path: [] };
    // `util.promisify(cp.exec)` runs the same function
    const callee = moduleOf(a, n.callee, depth + 1);
    if (callee?.module === 'util' && callee.path.join('.') === 'promisify' && n.arguments.length === 1) return moduleOf(a, n.arguments[0], depth + 1);
    return undefined;
  }
  if (n.type === 'AwaitExpression' && n.argument?.type === 'ImportExpression') {
    const s = n.argument.source;
    if (s?.type === 'Literal' && typeof s.value === 'string') return { module: normaliseModule(s.value), path: [] };
  }
  return undefined;
}

/**
 * The module function a call invokes: `[module, name]` when the callee is `<module>.<name>` (or a
 * binding of it), e.g. `['child_process', 'exec']`. Sub-paths of a module (`fs.promises.readFile`,
 * `require('fs/promises').readFile`) are returned with the module as written plus the path's head.
 */
export function calledModuleFunction(a: Analysis, call: N): { module: string; path: string[] } | undefined {
  if (call?.type !== 'CallExpression' && call?.type !== 'NewExpression') return undefined;
  return moduleOf(a, call.callee);
}

/** Functions only Node's `crypto` module has; the Web Crypto global `crypto` has none of them. */
const NODE_ONLY_CRYPTO = new Set(['createHash', 'hash', 'createHmac', 'createCipher', 'createDecipher', 'createCipheriv', 'createDecipheriv', 'createSecretKey', 'pseudoRandomBytes', 'prng', 'rng']);

/**
 * The crypto-module function a call invokes. An undeclared `crypto.createHash(…)` (Node REPL global,
 * or a snippet whose require is elsewhere) can only be Node's module, since Web Crypto lacks these names.
 */
export function cryptoFunction(a: Analysis, node: N): { module: string; path: string[] } | undefined {
  const ref = calledModuleFunction(a, node);
  if (ref) return ref;
  const callee = unwrap(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const obj = unwrap(callee.object);
  const k = propertyKey(callee);
  if (obj.type === 'Identifier' && obj.name === 'crypto' && !a.binding(obj) && k && NODE_ONLY_CRYPTO.has(k)) return { module: 'crypto', path: [k] };
  return undefined;
}

/** True when a module function reference is one of `names` from one of `modules` (path of length 1). */
export function isModuleFn(ref: { module: string; path: string[] } | undefined, modules: readonly string[], names: readonly string[]): boolean {
  return !!ref && modules.includes(ref.module) && ref.path.length === 1 && names.includes(ref.path[0]);
}

/** Identifiers whose value is fixed by the environment rather than by a user. */
const TRUSTED_GLOBALS = new Set(['__dirname', '__filename', 'undefined', 'NaN', 'Infinity']);
const STATIC_STRING_METHODS = new Set(['join', 'concat', 'trim', 'toLowerCase', 'toUpperCase', 'toString', 'replace', 'padStart', 'padEnd']);
const PATH_BUILDERS = new Set(['join', 'resolve', 'normalize', 'dirname', 'basename', 'relative']);

/**
 * Static: string/number literals, template literals whose expressions are static, concatenations of
 * statics, `const` bindings to statics, object-literal properties that are static, `__dirname`,
 * `path.join` of statics.
 */
export function isStatic(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return false;
  switch (n.type) {
    case 'Literal':
      return true;
    case 'TemplateLiteral':
      return n.expressions.every((e: N) => isStatic(a, e, depth + 1));
    case 'BinaryExpression':
    case 'LogicalExpression':
      return isStatic(a, n.left, depth + 1) && isStatic(a, n.right, depth + 1);
    case 'UnaryExpression':
      return n.operator === 'typeof' || isStatic(a, n.argument, depth + 1);
    case 'ConditionalExpression':
      return isStatic(a, n.consequent, depth + 1) && isStatic(a, n.alternate, depth + 1);
    case 'ArrayExpression':
      return n.elements.every((e: N) => e && e.type !== 'SpreadElement' && isStatic(a, e, depth + 1));
    case 'Identifier': {
      if (TRUSTED_GLOBALS.has(n.name) && !a.binding(n)) return true;
      const v = resolveValue(a, n);
      return v !== n && isStatic(a, v, depth + 1);
    }
    case 'MemberExpression': {
      if (n.object.type === 'MetaProperty') return true; // import.meta.url / dirname
      const k = propertyKey(n);
      if (k === undefined) return false;
      if (k === 'length') return true;
      const v = objectProperty(a, n.object, k);
      return !!v && isStatic(a, v, depth + 1);
    }
    case 'CallExpression': {
      const name = calleeName(n);
      const args = n.arguments.every((x: N) => x.type !== 'SpreadElement' && isStatic(a, x, depth + 1));
      if (!args) return false;
      const ref = moduleOf(a, n.callee);
      if (ref && ref.module === 'path' && PATH_BUILDERS.has(ref.path[ref.path.length - 1])) return true;
      if (ref && ref.module === 'url' && ref.path[0] === 'fileURLToPath') return true;
      if (n.callee.type === 'MemberExpression' && name && STATIC_STRING_METHODS.has(name)) return isStatic(a, n.callee.object, depth + 1);
      if (n.callee.type === 'Identifier' && (name === 'String' || name === 'Number')) return true;
      return false;
    }
    default:
      return false;
  }
}

/** The string value of a static expression when it can be computed, else undefined. */
export function staticString(a: Analysis, node: N, depth = 0): string | undefined {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return undefined;
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'string' || typeof n.value === 'number' || typeof n.value === 'boolean' ? String(n.value) : undefined;
    case 'TemplateLiteral': {
      let out = n.quasis[0].value.cooked ?? '';
      for (let i = 0; i < n.expressions.length; i++) {
        const v = staticString(a, n.expressions[i], depth + 1);
        if (v === undefined) return undefined;
        out += v + (n.quasis[i + 1].value.cooked ?? '');
      }
      return out;
    }
    case 'BinaryExpression': {
      if (n.operator !== '+') return undefined;
      const l = staticString(a, n.left, depth + 1);
      const r = l === undefined ? undefined : staticString(a, n.right, depth + 1);
      return l === undefined || r === undefined ? undefined : l + r;
    }
    case 'Identifier': {
      const v = resolveValue(a, n);
      return v !== n ? staticString(a, v, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      const k = propertyKey(n);
      const v = k === undefined ? undefined : objectProperty(a, n.object, k);
      return v ? staticString(a, v, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The number an expression stands for when it is written in the code: numeric literals, never-reassigned
 * constants and object-literal properties holding them, and arithmetic of those (`2 ** 14`, `1 << 14`,
 * `100 * 1000`, `Math.pow(2, 14)`). Undefined for anything else.
 */
export function staticNumber(a: Analysis, node: N, depth = 0): number | undefined {
  const n = unwrap(node);
  if (!n || depth > 20) return undefined;
  switch (n.type) {
    case 'Literal':
      return typeof n.value === 'number' ? n.value : undefined;
    case 'Identifier': {
      const v = resolveValue(a, n);
      return v !== n ? staticNumber(a, v, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      const k = propertyKey(n);
      const v = k === undefined ? undefined : objectProperty(a, n.object, k);
      return v ? staticNumber(a, v, depth + 1) : undefined;
    }
    case 'UnaryExpression': {
      const v = n.operator === '-' || n.operator === '+' ? staticNumber(a, n.argument, depth + 1) : undefined;
      return v === undefined ? undefined : n.operator === '-' ? -v : v;
    }
    case 'BinaryExpression': {
      const l = staticNumber(a, n.left, depth + 1);
      const r = l === undefined ? undefined : staticNumber(a, n.right, depth + 1);
      if (l === undefined || r === undefined) return undefined;
      switch (n.operator) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': return r === 0 ? undefined : l / r;
        case '**': return l ** r;
        case '<<': return l << r;
        default: return undefined;
      }
    }
    case 'CallExpression': {
      // Math.pow(2, 14)
      const callee = unwrap(n.callee);
      if (callee.type === 'MemberExpression' && propertyKey(callee) === 'pow' && unwrap(callee.object).type === 'Identifier' && unwrap(callee.object).name === 'Math' && !a.binding(unwrap(callee.object)) && n.arguments.length === 2) {
        const [b, e] = n.arguments.map((x: N) => staticNumber(a, x, depth + 1));
        return b === undefined || e === undefined ? undefined : b ** e;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The leading static text of a string expression (`'http://x/' + y` → 'http://x/'), or undefined. */
export function staticPrefix(a: Analysis, node: N, depth = 0): string | undefined {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return undefined;
  const whole = staticString(a, n);
  if (whole !== undefined) return whole;
  if (n.type === 'TemplateLiteral') return n.quasis[0].value.cooked ?? '';
  if (n.type === 'BinaryExpression' && n.operator === '+') return staticPrefix(a, n.left, depth + 1);
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    return v !== n ? staticPrefix(a, v, depth + 1) : undefined;
  }
  return undefined;
}

/** The static text parts of a string expression (quasis of templates, literal operands of `+`). */
export function staticParts(a: Analysis, node: N, depth = 0): string[] {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return [];
  const s = staticString(a, n);
  if (s !== undefined) return [s];
  if (n.type === 'TemplateLiteral') return [...n.quasis.map((q: N) => q.value.cooked ?? ''), ...n.expressions.flatMap((e: N) => staticParts(a, e, depth + 1))];
  if (n.type === 'BinaryExpression' && n.operator === '+') return [...staticParts(a, n.left, depth + 1), ...staticParts(a, n.right, depth + 1)];
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    return v !== n ? staticParts(a, v, depth + 1) : [];
  }
  return [];
}

/** True when an expression builds a string from parts (template with expressions, `+` with a string). */
export function isStringBuilding(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return false;
  if (n.type === 'TemplateLiteral') return n.expressions.length > 0;
  if (n.type === 'BinaryExpression' && n.operator === '+') return true;
  if (n.type === 'CallExpression' && calleeName(n) === 'concat') return true;
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    return v !== n && isStringBuilding(a, v, depth + 1);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Request input

const REQUEST_PROPS = new Set(['query', 'params', 'body', 'headers', 'cookies', 'signedCookies', 'url', 'originalUrl', 'path', 'files', 'file']);
const LAMBDA_PROPS = new Set(['body', 'queryStringParameters', 'multiValueQueryStringParameters', 'pathParameters', 'headers', 'multiValueHeaders', 'path', 'rawPath', 'rawQueryString', 'cookies']);
const KOA_CTX_PROPS = new Set(['query', 'params', 'headers', 'header', 'querystring', 'url', 'path', 'originalUrl']);
const LOCATION_PROPS = new Set(['search', 'hash', 'href']);
const REQUEST_GETTERS = new Set(['param', 'get', 'header']);
/** Calls that pass their argument's taint through to the result. */
const PASS_THROUGH = new Set(['String', 'decodeURIComponent', 'decodeURI', 'unescape', 'trim', 'toString', 'toLowerCase', 'toUpperCase', 'trimStart', 'trimEnd', 'normalize', 'valueOf', 'at', 'slice', 'substring', 'substr']);

/** The member chain of an expression (`req.query.id` → ['req', 'query', 'id']), expanding const/destructured bindings. */
export function memberChain(a: Analysis, node: N, depth = 0): string[] | undefined {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return undefined;
  if (n.type === 'Identifier') {
    const b = a.binding(n);
    if (b && !b.reassigned && b.init && (b.kind === 'const' || b.kind === 'let' || b.kind === 'var')) {
      const base = memberChain(a, b.init, depth + 1);
      if (base) return [...base, ...(b.path ?? [])];
      return undefined;
    }
    if (b && b.kind !== 'param') return undefined;
    const nest = b?.decl ? nestRequestParameter(a, b.decl, b.paramIndex ?? -1) : undefined;
    if (nest) return [...nest, ...(b?.path ?? [])];
    if (b?.path?.length && b.decl && isRequestParameter(b.decl, b.paramIndex ?? -1)) return ['req', ...b.path];
    return [n.name];
  }
  if (n.type === 'MemberExpression') {
    const base = memberChain(a, n.object, depth + 1);
    if (!base) return undefined;
    return [...base, propertyKey(n) ?? '*'];
  }
  if (n.type === 'ThisExpression') return ['this'];
  return undefined;
}

/**
 * The function's parameter at `index` is an HTTP request: the first parameter typed `Request`
 * (express, `express.Request`) or followed by a parameter named like a response (`res`, `reply`).
 */
function isRequestParameter(fn: N, index: number): boolean {
  if (index !== 0) return false;
  const p = fn.params[0]?.type === 'AssignmentPattern' ? fn.params[0].left : fn.params[0];
  const t = p?.typeAnnotation?.typeAnnotation;
  if (t?.type === 'TSTypeReference') {
    const name = t.typeName.type === 'Identifier' ? t.typeName.name : t.typeName.type === 'TSQualifiedName' ? t.typeName.right.name : undefined;
    if (name === 'Request') return true;
  }
  const second = fn.params[1]?.type === 'AssignmentPattern' ? fn.params[1].left : fn.params[1];
  return second?.type === 'Identifier' && /^(res|response|reply)$/.test(second.name);
}

/** NestJS parameter decorators (from @nestjs/common) and the part of the request each one injects. */
const NEST_DECORATORS: ReadonlyMap<string, string[]> = new Map([
  ['Query', ['req', 'query']],
  ['Param', ['req', 'params']],
  ['Body', ['req', 'body']],
  ['Headers', ['req', 'headers']],
  ['Req', ['req']],
  ['Request', ['req']],
]);
/** Built-in pipes that turn a value into a number, boolean, UUID, enum member or date (no longer free text). */
const NEST_CONVERTING_PIPES = /^Parse(Int|Float|Bool|UUID|Enum|Date)Pipe$/;

/**
 * A NestJS controller parameter decorated with `@Query('q')`, `@Param('id')`, `@Body()`, `@Headers('x')` or
 * `@Req()` (imported from @nestjs/common) is request input: the request chain it stands for, or undefined.
 * A converting pipe (`@Param('id', ParseIntPipe)`) leaves a number or the like, which is not counted.
 */
function nestRequestParameter(a: Analysis, fn: N, index: number): string[] | undefined {
  const raw = fn.params?.[index];
  if (!raw) return undefined;
  const param = raw.type === 'TSParameterProperty' ? raw.parameter : raw;
  const decorators: N[] = [...(raw.decorators ?? []), ...(param !== raw ? (param.decorators ?? []) : [])];
  for (const d of decorators) {
    const call = d.expression;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier') continue;
    const b = a.binding(call.callee);
    if (b?.kind !== 'import' || b.module !== '@nestjs/common') continue;
    const base = NEST_DECORATORS.get(b.importPath?.[0] ?? '');
    if (!base) continue;
    const args: N[] = call.arguments;
    const pipeName = (x: N) => (x.type === 'NewExpression' ? x.callee : x)?.name as string | undefined;
    if (args.some((x) => NEST_CONVERTING_PIPES.test(pipeName(x) ?? ''))) return undefined;
    const key = args[0]?.type === 'Literal' && typeof args[0].value === 'string' ? args[0].value : undefined;
    return key !== undefined && base.length > 1 ? [...base, key] : base;
  }
  return undefined;
}

/** With `server`, only input a server receives counts (not the page's own URL or referrer). */
function chainIsRequest(chain: string[], server = false): boolean {
  const [root, p1, p2] = chain;
  if ((root === 'req' || root === 'request') && p1 !== undefined && REQUEST_PROPS.has(p1)) return true;
  if (root === 'ctx' || root === 'context') {
    if (p1 === 'request' && p2 !== undefined && (REQUEST_PROPS.has(p2) || p2 === 'querystring')) return true;
    if (p1 !== undefined && KOA_CTX_PROPS.has(p1)) return true;
  }
  if (root === 'event' && p1 !== undefined && LAMBDA_PROPS.has(p1)) return true;
  if (root === 'process' && p1 === 'argv') return true;
  if (server) return false;
  if (root === 'location' && p1 !== undefined && LOCATION_PROPS.has(p1)) return true;
  if (root === 'window' && p1 === 'location') return chain.length === 2 || LOCATION_PROPS.has(p2) || p2 === 'pathname';
  if (root === 'document' && (p1 === 'URL' || p1 === 'documentURI' || p1 === 'referrer')) return true;
  if (root === 'document' && p1 === 'location') return chain.length === 2 || LOCATION_PROPS.has(p2) || p2 === 'pathname';
  return false;
}

/** Whether a `new URLSearchParams(...)`/`new URL(...).searchParams` value comes from the page URL or a request. */
function isQueryParams(a: Analysis, node: N, depth: number, server = false): boolean {
  const n = resolveValue(a, node);
  if (!n || depth > MAX_DEPTH) return false;
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'URLSearchParams') {
    const arg = n.arguments[0];
    return isRequestInput(a, arg, depth + 1, server) || (!server && (!arg || !isStatic(a, arg)));
  }
  if (n.type === 'MemberExpression' && propertyKey(n) === 'searchParams') {
    const o = resolveValue(a, n.object);
    if (o?.type === 'NewExpression' && o.callee.type === 'Identifier' && o.callee.name === 'URL') return o.arguments.some((x: N) => isRequestInput(a, x, depth + 1, server));
    return (!server && memberChain(a, n.object)?.[0] === 'location') || chainIsRequest([...(memberChain(a, n.object) ?? []), 'href'], server);
  }
  return false;
}

/**
 * The value is (a part of) request input: `req.query.x`, `req.body`, `ctx.request.body.x`,
 * `event.queryStringParameters.x`, `process.argv[2]`, `location.hash`, `new URLSearchParams(location.search).get('x')`,
 * `req.get('X-Header')` — through const bindings, destructuring, `String()`, `.trim()`, `||` defaults.
 * With `server`, the page's own URL and referrer (browser-side input) do not count.
 */
export function isRequestInput(a: Analysis, node: N, depth = 0, server = false): boolean {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return false;
  switch (n.type) {
    case 'Identifier':
    case 'MemberExpression': {
      const chain = memberChain(a, n);
      if (chain && chainIsRequest(chain, server)) return true;
      if (n.type === 'Identifier') {
        const v = resolveValue(a, n);
        if (v !== n) return isRequestInput(a, v, depth + 1, server);
        const b = a.binding(n);
        if (b && b.path && b.init && !b.reassigned) return isRequestInput(a, b.init, depth + 1, server);
        return false;
      }
      // `req.query.ids[0]`, `process.argv.slice(2)` handled by the chain; `(x || y).z`, `url.parse(req.url, true).query.q` by their base
      let base = n.object;
      while (unwrap(base)?.type === 'MemberExpression') base = unwrap(base).object;
      // a base the chain already named (`loc.protocol` of `const loc = location`) was judged by the chain
      if (unwrap(base)?.type === 'Identifier' && memberChain(a, base)) return false;
      return isRequestInput(a, base, depth + 1, server);
    }
    case 'LogicalExpression':
      return isRequestInput(a, n.left, depth + 1, server) || isRequestInput(a, n.right, depth + 1, server);
    case 'ConditionalExpression':
      return isRequestInput(a, n.consequent, depth + 1, server) || isRequestInput(a, n.alternate, depth + 1, server);
    case 'AwaitExpression':
      return isRequestInput(a, n.argument, depth + 1, server);
    case 'CallExpression': {
      const name = calleeName(n);
      // `url.parse(req.url, true)`, `querystring.parse(req.body)`: the parsed request
      if (name === 'parse') {
        const ref = moduleOf(a, n.callee);
        if (ref && ['url', 'querystring', 'qs'].includes(ref.module) && ref.path.join('.') === 'parse') return n.arguments.length > 0 && isRequestInput(a, n.arguments[0], depth + 1, server);
      }
      if (n.callee.type === 'MemberExpression') {
        const obj = n.callee.object;
        if (name === 'get' || name === 'getAll') {
          if (isQueryParams(a, obj, depth + 1, server)) return true;
        }
        if (name && REQUEST_GETTERS.has(name)) {
          const chain = memberChain(a, obj);
          if (chain && chain.length === 1 && (chain[0] === 'req' || chain[0] === 'request')) return true;
        }
        if (name && PASS_THROUGH.has(name)) return isRequestInput(a, obj, depth + 1, server);
        if (name === 'parse' && memberName(obj) === 'JSON') return n.arguments.length > 0 && isRequestInput(a, n.arguments[0], depth + 1, server);
        if (name === 'from' && memberName(obj) === 'Buffer') return n.arguments.length > 0 && isRequestInput(a, n.arguments[0], depth + 1, server);

        return false;
      }
      if (name && PASS_THROUGH.has(name)) return n.arguments.length > 0 && isRequestInput(a, n.arguments[0], depth + 1, server);
      return false;
    }
    default:
      return false;
  }
}

export interface FlowOptions {
  /** Calls that make a value safe (sanitisers, escapers): the flow stops there. */
  stop?: (call: N) => boolean;
  /** Also follow `path.join/resolve/normalize/dirname/relative` arguments (path rules). */
  throughPath?: boolean;
  /** Calls (beyond the built-in string methods) whose result carries their receiver's taint, e.g. `.replace` that does not neutralise. */
  through?: (call: N) => boolean;
  /** Only input a server receives counts: the page's own URL and referrer (browser-side) do not. */
  serverOnly?: boolean;
  /** Internal: the taint of reassigned variables before the assignment being followed. */
  prior?: Map<unknown, boolean>;
}

/** One assignment that may give a reassigned variable its value at a use. */
export interface Def {
  value: N;
  /** `||=`/`??=` keep the old value or take the new one; `&&=` replaces a truthy value. */
  op: '=' | '+=' | '||=' | '&&=' | '??=';
  /** Runs on every path to the use (a statement of a block around it, in the same function). */
  definite: boolean;
}

/** The key reassigned-variable tracking uses: the binding, or the name of an undeclared (global) variable. */
export function defKey(a: Analysis, id: N): unknown {
  return a.binding(id) ?? `#global:${id.name}`;
}

/**
 * The assignments that reach a use of a `let`/`var` variable that is reassigned (or of an undeclared
 * global that is assigned), in source order: its initialiser, then every `x = …` / `x += …` before the
 * use. Undefined for variables that are not reassigned (those resolve through `resolveValue`).
 */
export function reachingDefs(a: Analysis, id: N): Def[] | undefined {
  if (id?.type !== 'Identifier') return undefined;
  const b = a.binding(id);
  if (b && (!b.reassigned || (b.kind !== 'let' && b.kind !== 'var'))) return undefined;
  const fn = enclosingFunction(a, id);
  const definiteAt = (node: N, stmt: N): boolean => {
    // `x = v;` as a statement of a block that also (transitively) holds the use, in the same function
    if (enclosingFunction(a, node) !== fn) return false;
    const block = a.parent(stmt);
    if (!block || (block.type !== 'BlockStatement' && block.type !== 'Program')) return false;
    for (let cur = a.parent(id); cur; cur = a.parent(cur)) {
      if (cur === block) return true;
      if (FUNCTION_TYPES.has(cur.type)) return false;
    }
    return false;
  };
  const defs: Def[] = [];
  if (b?.init && !b.path) {
    const decl = a.parent(b.init);
    const stmt = decl && a.parent(decl);
    defs.push({ value: b.init, op: '=', definite: !!stmt && stmt.type === 'VariableDeclaration' && definiteAt(decl, stmt) });
  } else if (b && b.path) return undefined;
  let any = false;
  for (const x of a.assignments) {
    if (x.range[1] > id.range[0]) continue;
    const left = unwrap(x.left);
    if (left.type !== 'Identifier' || left.name !== id.name || a.binding(left) !== b) continue;
    if (!['=', '+=', '||=', '&&=', '??='].includes(x.operator)) return undefined;
    any = true;
    const stmt = a.parent(x);
    defs.push({ value: x.right, op: x.operator, definite: (x.operator === '=' || x.operator === '&&=') && stmt?.type === 'ExpressionStatement' && definiteAt(x, stmt) });
  }
  if (!b && !any) return undefined;
  return defs;
}

/** Request input reaches this value directly or inside a template/concatenation/`path.join`. */
export function containsRequestInput(a: Analysis, node: N, opts: FlowOptions = {}, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > MAX_DEPTH) return false;
  if (n.type === 'CallExpression' && opts.stop?.(n)) return false;
  if (isRequestInput(a, n, depth + 1, opts.serverOnly)) return true;
  switch (n.type) {
    case 'TemplateLiteral':
      return n.expressions.some((e: N) => containsRequestInput(a, e, opts, depth + 1));
    case 'BinaryExpression':
      return n.operator === '+' && (containsRequestInput(a, n.left, opts, depth + 1) || containsRequestInput(a, n.right, opts, depth + 1));
    case 'LogicalExpression':
      return containsRequestInput(a, n.left, opts, depth + 1) || containsRequestInput(a, n.right, opts, depth + 1);
    case 'ConditionalExpression':
      return containsRequestInput(a, n.consequent, opts, depth + 1) || containsRequestInput(a, n.alternate, opts, depth + 1);
    case 'ArrayExpression':
      return n.elements.some((e: N) => e && containsRequestInput(a, e.type === 'SpreadElement' ? e.argument : e, opts, depth + 1));
    case 'Identifier': {
      const key = defKey(a, n);
      if (opts.prior?.has(key)) return opts.prior.get(key)!;
      const defs = reachingDefs(a, n);
      if (defs) {
        // Follow the assignments in order: a definite `x = v` replaces the value, others add to it.
        let taint = false;
        for (const d of defs) {
          const prior = new Map(opts.prior);
          prior.set(key, taint);
          const t = containsRequestInput(a, d.value, { ...opts, prior }, depth + 1);
          // `x &&= v` leaves only a falsy old value (nothing to inject) or v
          taint = (d.op === '=' || d.op === '&&=') && d.definite ? t : taint || t;
        }
        return taint;
      }
      const v = resolveValue(a, n);
      return v !== n && containsRequestInput(a, v, opts, depth + 1);
    }
    case 'CallExpression': {
      const name = calleeName(n);
      if (opts.throughPath) {
        const ref = moduleOf(a, n.callee);
        if (ref && ref.module === 'path' && ['join', 'resolve', 'normalize', 'dirname', 'relative', 'toNamespacedPath'].includes(ref.path[ref.path.length - 1])) return n.arguments.some((x: N) => containsRequestInput(a, x, opts, depth + 1));
      }
      if (n.callee.type === 'MemberExpression' && (name === 'concat' || name === 'join' || (name && PASS_THROUGH.has(name)))) {
        return containsRequestInput(a, n.callee.object, opts, depth + 1) || (name === 'concat' && n.arguments.some((x: N) => containsRequestInput(a, x, opts, depth + 1)));
      }
      if (n.callee.type === 'Identifier' && name && PASS_THROUGH.has(name)) return n.arguments.some((x: N) => containsRequestInput(a, x, opts, depth + 1));
      if (n.callee.type === 'MemberExpression' && opts.through?.(n)) return containsRequestInput(a, n.callee.object, opts, depth + 1);
      return false;
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP responses

export const RESPONSE_NAMES = new Set(['res', 'response', 'resp', 'reply']);

/** `res.x(...)`, `response.x(...)`, `ctx.res.x(...)`: the receiver looks like an HTTP response. */
export function isResponseCall(a: Analysis, call: N, method: string | string[]): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const name = propertyKey(callee);
  if (!name || !(Array.isArray(method) ? method.includes(name) : method === name)) return false;
  const chain = memberChain(a, callee.object);
  return !!chain && RESPONSE_NAMES.has(chain[chain.length - 1]);
}

/** Response methods that return the response, so calls chain: `res.status(404).type('html').send(…)`. */
const CHAINED_RESPONSE_METHODS = new Set(['status', 'type', 'contentType', 'set', 'header', 'append', 'cookie', 'clearCookie', 'vary', 'location', 'links', 'attachment']);

/**
 * The response a `res.send(…)`/`write`/`end` call writes to, through chained setters (`res.status(400).send(x)`),
 * and the chained calls passed on the way. Undefined when the receiver does not look like an HTTP response.
 */
export function responseReceiver(a: Analysis, call: N): { chain: string[]; via: N[] } | undefined {
  const via: N[] = [];
  let obj = unwrap(unwrap(call.callee).object);
  while (obj?.type === 'CallExpression' && unwrap(obj.callee).type === 'MemberExpression' && CHAINED_RESPONSE_METHODS.has(propertyKey(unwrap(obj.callee)) ?? '')) {
    via.push(obj);
    obj = unwrap(unwrap(obj.callee).object);
  }
  const chain = obj && memberChain(a, obj);
  return chain && RESPONSE_NAMES.has(chain[chain.length - 1]) ? { chain, via } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Misc

/** Split an identifier into lower-case words (`apiKey` → ['api', 'key'], `DB_PASSWORD` → ['db', 'password']). */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The name a value is stored under: declarator id, assignment target's last name, property key. */
export function targetName(node: N): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression') return propertyKey(node);
  if (node.type === 'Property' || node.type === 'PropertyDefinition') return propertyKey(node);
  return undefined;
}

/** The nearest enclosing function of a node. */
export function enclosingFunction(a: Analysis, node: N): N | undefined {
  let cur = a.parent(node);
  while (cur && !FUNCTION_TYPES.has(cur.type)) cur = a.parent(cur);
  return cur;
}

/** The name a function is known by: its id, the variable/property/method it is assigned to. */
export function functionName(a: Analysis, fn: N): string | undefined {
  if (fn.id?.name) return fn.id.name;
  const p = a.parent(fn);
  if (!p) return undefined;
  if (p.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
  if (p.type === 'Property' || p.type === 'MethodDefinition' || p.type === 'PropertyDefinition') return propertyKey(p);
  if (p.type === 'AssignmentExpression') return targetName(p.left);
  return undefined;
}

/** Walk a subtree (no parents needed), calling `fn` on every node; return true from `fn` to stop descending. */
export function walk(node: N, fn: (n: N) => boolean | void, depth = 0): void {
  if (!node || typeof node !== 'object' || typeof node.type !== 'string' || depth > 2000) return;
  if (fn(node) === true) return;
  for (const key of Object.keys(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range' || key === 'tokens' || key === 'comments') continue;
    const child = node[key];
    if (Array.isArray(child)) for (const c of child) walk(c, fn, depth + 1);
    else if (child && typeof child === 'object' && typeof child.type === 'string') walk(child, fn, depth + 1);
  }
}

export const FUNCTION_NODE_TYPES = FUNCTION_TYPES;

/** Statements that leave the enclosing function or block unconditionally. */
const LEAVING = new Set(['ReturnStatement', 'ThrowStatement']);

/**
 * `node` runs only where a condition holds, as `holds(test, outcome)` judges an `if`/`?:` test with
 * that outcome: inside the consequent of one (`outcome` true), inside its alternate (false), or after
 * `if (test) return|throw;` without `else` earlier in an enclosing block (false). Looks no further
 * out than the enclosing function.
 */
export function runsOnlyWhere(a: Analysis, node: N, holds: (test: N, outcome: boolean) => boolean): boolean {
  const leaves = (x: N) => !!x && (LEAVING.has(x.type) || (x.type === 'BlockStatement' && x.body.length > 0 && LEAVING.has(x.body[x.body.length - 1].type)));
  for (let cur = a.parent(node), prev = node; cur && !FUNCTION_TYPES.has(cur.type); prev = cur, cur = a.parent(cur)) {
    if ((cur.type === 'IfStatement' || cur.type === 'ConditionalExpression') && cur.test !== prev) {
      if (prev === cur.consequent && holds(cur.test, true)) return true;
      if (prev === cur.alternate && holds(cur.test, false)) return true;
    }
    if (cur.type === 'BlockStatement' || cur.type === 'Program') {
      for (const st of cur.body) {
        if (st.range[0] >= node.range[0]) break;
        if (st.type === 'IfStatement' && !st.alternate && leaves(st.consequent) && holds(st.test, false)) return true;
      }
    }
  }
  return false;
}
