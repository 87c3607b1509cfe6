/**
 * Guards shared by the request-flow rules: the checks, sanitisers and constant comparisons that make a
 * value from the request safe to use at a sink (validators in the same function, constant-only paths,
 * resolved path prefixes, HTML sanitisers, the HTTP-to-HTTPS redirect), and names that mean a password.
 */
import {
  calleeName,
  concatParts,
  enclosingFunction,
  encloses,
  isRequestInput,
  isStatic,
  memberChain,
  moduleOf,
  propertyKey,
  resolveValue,
  runsOnlyWhere,
  sameValue,
  staticString,
  unwrap,
  walk,
  words,
  writtenShape,
  FUNCTION_NODE_TYPES,
  type Analysis,
  type N,
} from './analysis.js';

const VALIDATOR_NAMES = /^(startsWith|includes|has|hasOwnProperty|hasOwn|test|match|indexOf|validate\w*|is(Safe|Valid|Local|Relative|Allowed|Trusted|Internal|SameOrigin|Whitelisted|Allowlisted)\w*)$/i;

/**
 * Whether a check that holds (`true` for a passing check) makes its test true: `!check` and
 * `X[v] == undefined` flip it; `a && check` keeps it; under `||` it is unknown (undefined).
 */
function checkPolarity(a: Analysis, check: N, test: N): boolean | undefined {
  let passes = true;
  for (let cur = check; cur && cur !== test; ) {
    const p = a.parent(cur);
    if (!p) return undefined;
    if (p.type === 'UnaryExpression' && p.operator === '!') passes = !passes;
    else if (p.type === 'LogicalExpression') {
      if (p.operator !== '&&') return undefined;
    } else if (p.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(p.operator)) {
      const other = unwrap(p.left === cur ? p.right : p.left);
      const nullish = (other.type === 'Identifier' && other.name === 'undefined') || (other.type === 'Literal' && other.value === null) || (other.type === 'UnaryExpression' && other.operator === 'void');
      const falsy = other.type === 'Literal' && other.value === false;
      const minusOne = other.type === 'UnaryExpression' && other.operator === '-' && other.argument.type === 'Literal' && other.argument.value === 1;
      if (!nullish && !falsy && !minusOne) return undefined;
      if (p.operator === '==' || p.operator === '===') passes = !passes;
    } else if (!['TSAsExpression', 'TSNonNullExpression', 'ChainExpression'].includes(p.type)) return undefined;
    cur = p;
  }
  return passes;
}

/**
 * The function around `node` validates `value` (allow-list lookup, `startsWith`, URL checks, `in`) — unless
 * the only such check is the test of an `if`/`?:` and `node` sits in the branch taken when the check fails
 * (`if (isLocalUrl(t)) res.redirect(t); else res.redirect(t);` still reports the second redirect).
 */
export function validatedInFunction(a: Analysis, node: N, value: N, accept: (check: N) => boolean = () => true): boolean {
  const fn = enclosingFunction(a, node);
  if (!fn) return false;
  const v = unwrap(value);
  const target = v.type === 'Identifier' ? v.name : undefined;
  // a value without a member chain (a call, a member of a loop variable) is matched by its written shape, never by an empty chain
  const chain = memberChain(a, v);
  const text = chain ? JSON.stringify(chain) : undefined;
  const vShape = text === undefined ? writtenShape(v) : undefined;
  const sameMember = (y: N) => (text !== undefined ? JSON.stringify(memberChain(a, y) ?? null) === text : vShape !== undefined && writtenShape(y) === vShape);
  const mentions = (x: N): boolean => {
    let m = false;
    walk(x, (y) => {
      if ((target && y.type === 'Identifier' && y.name === target) || (y.type === 'MemberExpression' && sameMember(y))) m = true;
      return m || undefined;
    });
    return m;
  };
  /** A branch leaves the function or loop (`return`, `throw`, `continue`, `break` outside nested functions). */
  const exits = (branch: N | null | undefined): boolean => {
    let out = false;
    walk(branch, (y) => {
      if (out || FUNCTION_NODE_TYPES.has(y.type)) return true;
      if (['ReturnStatement', 'ThrowStatement', 'ContinueStatement', 'BreakStatement'].includes(y.type)) out = true;
      return undefined;
    });
    return out;
  };
  /**
   * The check does not cover `node`: it is the test of an `if`/`?:` and `node` is in the branch taken when the
   * check fails, the test of a later `if`, or of an earlier `if` whose failing branch does not leave.
   */
  const doesNotCover = (check: N): boolean => {
    for (let cur = a.parent(check), prev = check; cur && cur !== fn; prev = cur, cur = a.parent(cur)) {
      if ((cur.type === 'IfStatement' || cur.type === 'ConditionalExpression') && cur.test === prev) {
        const passes = checkPolarity(a, check, cur.test);
        if (passes === undefined) return false;
        if (encloses(cur.consequent, node)) return !passes;
        if (encloses(cur.alternate, node)) return passes;
        if (cur.type !== 'IfStatement') return false;
        if (node.range[1] <= cur.range[0]) return true; // an `if` further down does not guard what ran before it
        return !exits(passes ? cur.alternate : cur.consequent);
      }
    }
    return false;
  };
  const inTest = (x: N): boolean => {
    for (let cur = a.parent(x), prev = x; cur && cur !== fn; prev = cur, cur = a.parent(cur)) {
      if ((cur.type === 'IfStatement' || cur.type === 'ConditionalExpression' || cur.type === 'WhileStatement') && cur.test === prev) return true;
      if (cur.type.endsWith('Statement') || cur.type.endsWith('Declaration') || cur.type === 'VariableDeclarator') return false;
    }
    return false;
  };
  let found = false;
  walk(fn.body, (x) => {
    if (found) return true;
    let check: N | undefined;
    if (x.type === 'CallExpression' && VALIDATOR_NAMES.test(calleeName(x) ?? '') && mentions(x)) check = x;
    // `target in ALLOWED`, `ALLOWED[target]` tested in a condition
    else if (x.type === 'BinaryExpression' && x.operator === 'in' && mentions(x.left)) check = x;
    else if (x.type === 'MemberExpression' && x.computed && mentions(x.property) && !mentions(x.object) && inTest(x)) check = x;
    if (check && accept(check) && !doesNotCover(check)) found = true;
    return undefined;
  });
  return found;
}

/**
 * `'https://' + req.get('host') + req.url`: the HTTP-to-HTTPS redirect. The host is the one the browser itself
 * asked for and the path is the request's own, so the destination is the same page over HTTPS.
 */
export function isHttpsUpgrade(a: Analysis, value: N): boolean {
  const parts = concatParts(resolveValue(a, value));
  if (parts.length !== 3 || typeof parts[0] !== 'string' || !/^https:\/\/$/i.test(parts[0]) || typeof parts[1] === 'string' || typeof parts[2] === 'string') return false;
  const path = memberChain(a, parts[2]);
  if (!path || path.length !== 2 || !['url', 'originalUrl'].includes(path[1]) || !isRequestInput(a, parts[2])) return false;
  const req = path[0];
  const host = unwrap(parts[1]);
  if (host.type === 'CallExpression') {
    const callee = unwrap(host.callee);
    const on = callee.type === 'MemberExpression' ? memberChain(a, callee.object) : undefined;
    return !!on && on.length === 1 && on[0] === req && ['get', 'header'].includes(propertyKey(callee) ?? '') && staticString(a, host.arguments[0])?.toLowerCase() === 'host';
  }
  const chain = memberChain(a, host);
  return !!chain && chain[0] === req && (chain.slice(1).join('.') === 'headers.host' || (chain.length === 2 && ['hostname', 'host'].includes(chain[1])));
}

export const FS_MODULES = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'original-fs'];

export const PATH_SANITISERS = /^(basename|extname|sanitize|sanitizeFilename|sanitiseFilename|sanitizePath|filenamify|parseInt|Number|encodeURIComponent)$/;

/**
 * `p.startsWith('/srv/')`, `p.indexOf('secret') === -1` on a path that was not resolved first: `/srv/../etc`
 * passes, so such a check does not validate a file path (it does after `path.resolve`/`normalize`/`realpath`).
 */
export function prefixCheckOfRawPath(a: Analysis, check: N, value: N): boolean {
  if (check.type !== 'CallExpression' || !/^(startsWith|endsWith|indexOf|lastIndexOf|includes|match)$/.test(calleeName(check) ?? '')) return false;
  const recv = unwrap(unwrap(check.callee).object);
  if (!sameValue(a, recv, value)) return false;
  const resolved = unwrap(resolveValue(a, recv));
  if (resolved.type === 'CallExpression') {
    const ref = moduleOf(a, resolved.callee);
    if (ref && ((ref.module === 'path' && ['resolve', 'normalize', 'join'].includes(ref.path[ref.path.length - 1])) || (FS_MODULES.includes(ref.module) && /^realpath/.test(ref.path[ref.path.length - 1])))) return false;
  }
  return true;
}

/** The test only passes when `value` equals one of a few constants: `v === 'a'`, `v === 'a' || v === 'b'`. */
function equalsConstants(a: Analysis, test: N, same: (x: N) => boolean, negated: boolean): boolean {
  const t = unwrap(test);
  if (t.type === 'LogicalExpression' && t.operator === (negated ? '&&' : '||')) return equalsConstants(a, t.left, same, negated) && equalsConstants(a, t.right, same, negated);
  if (t.type !== 'BinaryExpression' || !(negated ? ['!==', '!='] : ['===', '==']).includes(t.operator)) return false;
  const [l, r] = [unwrap(t.left), unwrap(t.right)];
  return (same(l) && staticString(a, r) !== undefined) || (same(r) && staticString(a, l) !== undefined);
}

/**
 * `node` only runs when the path value equals a constant: inside `if (p === 'a.txt' || p === 'b.txt')`, in the
 * `else` of `if (p !== 'a.txt')`, or after `if (p !== 'a' && p !== 'b') return;` in an enclosing block.
 */
export function onlyConstantPath(a: Analysis, node: N, value: N): boolean {
  const v = unwrap(value);
  if (v.type !== 'Identifier') return false;
  return runsOnlyWhere(a, node, (test, outcome) => equalsConstants(a, test, (x) => sameValue(a, x, v), !outcome));
}

/** Sanitiser and escaper calls whose output is safe HTML. */
export const HTML_SANITISERS = /^(sanitize|sanitise|sanitizeHtml|sanitizeHTML|sanitiseHtml|purify|xss|filterXSS|escape|escapeHtml|escapeHTML|htmlEscape|encodeHTML|encode|escapeXml|DOMPurify|insane|trustedHTML|unwrapSafeHTML)$/;

/** The value is a sanitiser's output, directly or through a const binding; or contains only sanitised/static parts. */
export function isSanitised(a: Analysis, node: N, depth = 0): boolean {
  const n = resolveValue(a, node);
  if (!n || depth > 10) return false;
  if (n.type === 'CallExpression') {
    const name = calleeName(n) ?? '';
    if (HTML_SANITISERS.test(name)) return true;
    // `DOMPurify(window).sanitize(x)` handled by name; `purify.sanitize(x, cfg).toString()`
    if (name === 'toString' && n.callee.type === 'MemberExpression') return isSanitised(a, n.callee.object, depth + 1);
    return false;
  }
  // an escaping template tag: `Sanitizer.escapeHTML`<em>${name}</em>``, `escapeHtml`…``
  if (n.type === 'TaggedTemplateExpression') {
    const tag = unwrap(n.tag);
    const name = tag.type === 'Identifier' ? tag.name : tag.type === 'MemberExpression' ? propertyKey(tag) : undefined;
    return !!name && HTML_SANITISERS.test(name);
  }
  if (n.type === 'TemplateLiteral') return n.expressions.every((e: N) => isStatic(a, e) || isSanitised(a, e, depth + 1));
  if (n.type === 'BinaryExpression' && n.operator === '+') return (isStatic(a, n.left) || isSanitised(a, n.left, depth + 1)) && (isStatic(a, n.right) || isSanitised(a, n.right, depth + 1));
  if (n.type === 'ConditionalExpression') return (isStatic(a, n.consequent) || isSanitised(a, n.consequent, depth + 1)) && (isStatic(a, n.alternate) || isSanitised(a, n.alternate, depth + 1));
  return false;
}

/** A value named like a password (not a hash of one, a reset token or a salt). */
export function isPasswordName(name: string | undefined): boolean {
  if (!name) return false;
  const w = words(name);
  const password = w.some((x) => x === 'password' || x === 'passwd' || x === 'pwd' || x === 'passphrase' || x === 'pass' || x === 'pw');
  return password && !w.some((x) => /^(hash|hashed|digest|salt|token|reset|otp|code|policy|length|len|min|max|field|label|confirm|confirmation|expiry|expires|url|path|file|hint|count|attempts|rule|regex|pattern|type)$/.test(x));
}
