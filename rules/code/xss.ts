/** Cross-site scripting sinks: DOM HTML sinks and React's dangerouslySetInnerHTML. */
import {
  calledModuleFunction,
  calleeName,
  concatParts,
  containsRequestInput,
  enclosingFunction,
  isStatic,
  memberChain,
  moduleOf,
  objectLiteral,
  propertyKey,
  reachingDefs,
  resolveValue,
  responseReceiver,
  runsOnlyWhere,
  sameValue,
  staticParts,
  staticString,
  unwrap,
  walk,
  iterationOf,
  thisFieldValues,
  type Analysis,
  type N,
} from './lib/analysis.js';
import { HTML_SANITISERS, isSanitised } from './lib/guards.js';
import { codeRule, snippet } from './lib/kit.js';

const HTML_PROPS = new Set(['innerHTML', 'outerHTML']);

/** Methods whose result is a number (or a string of digits): `date.getFullYear()`, `n.toFixed(2)`, `s.indexOf(x)`. */
const NUMERIC_METHODS = new Set([
  'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds', 'getTime',
  'getUTCFullYear', 'getUTCMonth', 'getUTCDate', 'getUTCDay', 'getUTCHours', 'getUTCMinutes', 'getUTCSeconds',
  'toFixed', 'toPrecision', 'indexOf', 'lastIndexOf', 'findIndex', 'charCodeAt', 'codePointAt',
]);
const NUMERIC_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'Boolean']);
/** String methods that only cut, pad or re-case their receiver (markup-free in, markup-free out when the arguments are too). */
const STRING_METHODS = new Set(['substring', 'substr', 'slice', 'charAt', 'toUpperCase', 'toLowerCase', 'toLocaleUpperCase', 'toLocaleLowerCase', 'trim', 'trimStart', 'trimEnd', 'padStart', 'padEnd', 'repeat', 'at']);

/**
 * The value cannot carry markup of anyone's choosing: constants, numbers (arithmetic, `.length`, date parts,
 * `Math.*`), HTML copied from another element, `this` fields only ever assigned constants, and strings joined
 * from such parts.
 */
function markupFree(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 12) return false;
  if (isStatic(a, n) || isSanitised(a, n)) return true;
  const rec = (x: N) => markupFree(a, x, depth + 1);
  switch (n.type) {
    case 'UnaryExpression':
    case 'UpdateExpression':
      return true;
    case 'BinaryExpression':
      return n.operator !== '+' || (rec(n.left) && rec(n.right));
    case 'LogicalExpression':
      return rec(n.left) && rec(n.right);
    case 'ConditionalExpression':
      return rec(n.consequent) && rec(n.alternate);
    case 'TemplateLiteral':
      return n.expressions.every(rec);
    case 'Identifier': {
      const v = resolveValue(a, n);
      if (v !== n) return rec(v);
      const b = a.binding(n);
      // `let msg = '<b>x</b>'; if (c) msg = 'y';`: a variable only ever given markup-free values
      if (b && (b.kind === 'let' || b.kind === 'var') && b.reassigned && !b.path) return everyValueMarkupFree(a, n, b, rec);
      // `labels.forEach((label) => …)`: the callback's element parameter is an element of the array
      if (b?.kind !== 'param' || b.reassigned || !b.decl) return false;
      const it = iterationOf(a, b.decl);
      return !!it && b.paramIndex === it.element && b.decl.params[it.element]?.type === 'Identifier' && rec(it.array);
    }
    case 'CallExpression': {
      const callee = unwrap(n.callee);
      if (callee.type === 'Identifier') return NUMERIC_GLOBALS.has(callee.name) && !a.binding(callee);
      if (callee.type !== 'MemberExpression') return false;
      const obj = unwrap(callee.object);
      const name = propertyKey(callee);
      if (obj.type === 'Identifier' && obj.name === 'Math' && !a.binding(obj)) return true;
      if (name && NUMERIC_METHODS.has(name)) return true;
      if (name === 'toString' || name === 'toLocaleString') return rec(obj);
      if (name && STRING_METHODS.has(name)) return rec(obj) && n.arguments.every((x: N) => x.type !== 'SpreadElement' && rec(x));
      return false;
    }
    case 'MemberExpression': {
      const k = propertyKey(n);
      const obj = unwrap(n.object);
      // HTML serialised from an element already in the page: nothing new is introduced
      if (!n.computed && k && HTML_PROPS.has(k)) return true;
      if (obj.type === 'ThisExpression' && !n.computed) {
        const values = k ? thisFieldValues(a, k) : [];
        return values.length > 0 && values.every((v) => v !== undefined && isStatic(a, v));
      }
      // `labels[i]`, `this.monthLabels[month]`: an element of an array of constants
      if (n.computed) return rec(obj);
      return false;
    }
    default:
      return false;
  }
}

/** Every value the variable is given anywhere (its initialiser and each `=`/`+=`/`||=`… assignment) is markup-free. */
function everyValueMarkupFree(a: Analysis, id: N, b: NonNullable<ReturnType<Analysis['binding']>>, rec: (x: N) => boolean): boolean {
  if (b.init && !rec(b.init)) return false;
  for (const x of a.assignments) {
    const left = unwrap(x.left);
    if (left.type !== 'Identifier' || left.name !== id.name || a.binding(left) !== b) continue;
    if (!['=', '+=', '||=', '&&=', '??='].includes(x.operator) || !rec(x.right)) return false;
  }
  return true;
}

const MARKUP_PROBES = ['<', 'a<b', '1<2', '<a', 'a<', 'A<B', '_<_', '-<-', ' < ', '.<.', '0<a'];

/** The regular expression of a literal, a never-reassigned binding of one, or constant pattern text (`v.match('^\\d+$')`). */
function patternOf(a: Analysis, node: N | undefined, text: boolean): RegExp | undefined {
  const n = node && unwrap(resolveValue(a, node));
  try {
    if (n?.type === 'Literal' && n.regex) return new RegExp(n.regex.pattern, n.regex.flags.replace(/[gy]/g, ''));
    if (text && n?.type === 'Literal' && typeof n.value === 'string') return new RegExp(n.value);
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * What a passing regular-expression test says about `id`: 'clean' when the pattern is anchored (`^…$`) and
 * matches no text with `<` (`/^\d+$/`), 'markup' when it finds a `<` anywhere (`/[<>"'&]/`); `!` and
 * `== null` flip it. Undefined when the test is not a regex test of `id`.
 */
function regexVerdict(a: Analysis, test: N, same: (x: N) => boolean): 'clean' | 'markup' | undefined {
  let t = unwrap(test);
  let flip = false;
  for (;;) {
    if (t.type === 'UnaryExpression' && t.operator === '!') flip = !flip;
    else if (t.type === 'AssignmentExpression' && t.operator === '=') {
      t = unwrap(t.right);
      continue;
    } else if (t.type === 'BinaryExpression' && ['==', '!=', '===', '!=='].includes(t.operator) && unwrap(t.right).type === 'Literal' && unwrap(t.right).value === null) {
      if (t.operator === '==' || t.operator === '===') flip = !flip;
      t = unwrap(t.left);
      continue;
    } else break;
    t = unwrap(t.argument);
  }
  if (t.type !== 'CallExpression' || t.callee.type !== 'MemberExpression') return undefined;
  const name = propertyKey(t.callee);
  let re: RegExp | undefined;
  if ((name === 'test' || name === 'exec') && t.arguments[0] && same(unwrap(t.arguments[0]))) re = patternOf(a, t.callee.object, false);
  else if (name === 'match' && same(unwrap(t.callee.object))) re = patternOf(a, t.arguments[0], true);
  if (!re) return undefined;
  const src = re.source;
  const anchored = src.startsWith('^') && src.endsWith('$') && !src.endsWith('\\$') && !re.multiline && !src.includes('|');
  let verdict: 'clean' | 'markup' | undefined;
  if (anchored && MARKUP_PROBES.every((p) => !re!.test(p))) verdict = 'clean';
  else if (!anchored && re.test('<')) verdict = 'markup';
  if (!verdict) return undefined;
  return flip ? (verdict === 'clean' ? 'markup' : 'clean') : verdict;
}

/** Every part of a concatenated value that could carry markup was tested, before `node`, against a regular expression that rules markup out. */
function partsCheckedMarkupFree(a: Analysis, node: N, value: N): boolean {
  const open = concatParts(value).filter((p): p is N => typeof p !== 'string' && !markupFree(a, p));
  return open.length > 0 && open.every((p) => checkedMarkupFree(a, node, p));
}

/**
 * `id` holds no markup where `node` runs: inside `if (/^\d+$/.test(id))`, in the `else` of `if (/[<>]/.test(id))`,
 * or after `if (!/^\d+$/.test(id)) return;` in an enclosing block.
 */
function checkedMarkupFree(a: Analysis, node: N, id: N): boolean {
  if (id.type !== 'Identifier' || a.binding(id)?.reassigned) return false;
  const same = (x: N) => sameValue(a, x, id);
  return runsOnlyWhere(a, node, (test, outcome) => regexVerdict(a, test, same) === (outcome ? 'clean' : 'markup'));
}


/** A class that extends nothing: its instances are plain objects, not DOM elements. */
function baseClass(node: N | undefined): boolean {
  return !!node && (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && !node.superClass;
}

/**
 * The object is an instance of a class of this file that extends nothing, so its `innerHTML` is an ordinary
 * property: `this` in such a class's methods and field initialisers, or a variable holding `new C(…)`.
 * Classes that extend anything (`HTMLElement`, `LitElement`, a base imported from elsewhere) are elements.
 */
function plainInstance(a: Analysis, obj: N): boolean {
  const o = unwrap(obj);
  if (o.type === 'ThisExpression') {
    let cur = a.parent(o);
    while (cur && cur.type !== 'FunctionExpression' && cur.type !== 'FunctionDeclaration' && cur.type !== 'PropertyDefinition' && cur.type !== 'StaticBlock') cur = a.parent(cur);
    if (cur?.type === 'FunctionExpression') {
      if (a.parent(cur)?.type !== 'MethodDefinition') return false;
      cur = a.parent(cur);
    }
    if (cur?.type !== 'MethodDefinition' && cur?.type !== 'PropertyDefinition') return false;
    return baseClass(a.parent(a.parent(cur)));
  }
  const v = unwrap(resolveValue(a, o));
  if (v?.type !== 'NewExpression') return false;
  const callee = unwrap(v.callee);
  if (callee.type === 'ClassExpression') return baseClass(callee);
  if (callee.type !== 'Identifier') return false;
  const b = a.binding(callee);
  if (b?.kind === 'class') return !b.reassigned && baseClass(b.decl);
  // `const Model = class { … }`
  const c = unwrap(resolveValue(a, callee));
  return c !== callee && c?.type === 'ClassExpression' && baseClass(c);
}

export const domXss = codeRule(
  {
    id: 'code/dom-xss',
    title: 'Non-constant HTML written to the DOM (innerHTML, insertAdjacentHTML, document.write)',
    description:
      'OWASP A03:2021 Injection. Assigning to `innerHTML`/`outerHTML` (also with `+=`, `||=`, `&&=`, `??=`), calling `insertAdjacentHTML`, `Range.createContextualFragment` or `document.write`/`writeln` parses the value as HTML, so any markup in it runs: `<img src=x onerror=…>` executes script in the page with the user\'s session (DOM-based cross-site scripting). Values from the URL (`location.hash`, query parameters) are directly attacker-controlled. Values that cannot carry markup are not reported: constants (also properties of object literals that the program never writes: `o.p = x`, `o[k] = x` or `Object.assign(o, …)` make them non-constant), numbers (arithmetic, `.length`, date parts, `Math.*`), elements of constant arrays (also as the parameter of a `forEach`/`map` callback over one), `this` fields and local variables only ever assigned such values, escaping template tags (`Sanitizer.escapeHTML`…``) and sanitiser calls (DOMPurify, `escapeHtml`), HTML copied from another element\'s `innerHTML`, strings joined from those, and values tested first against a regular expression that rules out `<` (inside `if (/^\\d+$/.test(v))`, the `else` of `if (/[<>]/.test(v))`, or after `if (!/^[a-z-]+$/.test(v)) return`). `document.write` is recognised through a variable holding the document (`const doc = iframe.contentWindow.document`). An `innerHTML` property of an instance of a class in the file that extends nothing (`this.innerHTML` in its methods, `new Snippet().innerHTML`) is an ordinary property, not an element\'s, and is not judged; classes that extend anything (`HTMLElement`, `LitElement`) are.',
    severity: 'medium',
    messages: {
      request: '{{sink}} receives a value from the page URL or request ({{source}}); this is DOM-based XSS. Use `textContent` or build elements with `createElement`, or sanitise with DOMPurify.',
      dynamic: '{{sink}} receives a non-constant value that is parsed as HTML; if it can contain user data this is XSS. Use `textContent`/`createElement`, or sanitise with `DOMPurify.sanitize()`.',
    },
    remediation: 'Set text with `textContent`/`innerText`, build nodes with `document.createElement`, or pass HTML through `DOMPurify.sanitize()` (Trusted Types in production).',
    references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/DOM_based_XSS_Prevention_Cheat_Sheet.html', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-79'],
    equivalents: { eslint: ['no-unsanitized/property', 'no-unsanitized/method', '@microsoft/sdl/no-inner-html', '@microsoft/sdl/no-document-write'], bearer: ['javascript_lang_dangerous_insert_html'] },
  },
  (r) => {
    const check = (node: N, value: N | undefined, sink: string) => {
      if (!value || value.type === 'SpreadElement') return;
      if (markupFree(r.a, value)) return;
      if (partsCheckedMarkupFree(r.a, node, value)) return;
      const source = snippet(r.ctx, value);
      if (containsRequestInput(r.a, value)) r.at(node, 'request', { sink, source }, 'high');
      else r.at(node, 'dynamic', { sink, source });
    };
    return {
      AssignmentExpression(node: N) {
        const left = unwrap(node.left);
        // `&&=`, `||=`, `??=` assign the right-hand value too, when they assign
        if (left.type !== 'MemberExpression' || !['=', '+=', '&&=', '||=', '??='].includes(node.operator)) return;
        const k = propertyKey(left);
        if (!k || !HTML_PROPS.has(k) || plainInstance(r.a, left.object)) return;
        check(node, node.right, `Assigning \`${k}\``);
      },
      CallExpression(node: N) {
        let callee = unwrap(node.callee);
        // `(0, node.insertAdjacentHTML)(…)`: the sequence's last expression is the function called
        if (callee.type === 'SequenceExpression') callee = unwrap(callee.expressions[callee.expressions.length - 1]);
        if (callee.type !== 'MemberExpression') return;
        const name = propertyKey(callee);
        if (name === 'insertAdjacentHTML') check(node, node.arguments[1], '`insertAdjacentHTML`');
        else if (name === 'createContextualFragment') check(node, node.arguments[0], '`createContextualFragment`');
        else if (name === 'write' || name === 'writeln') {
          // `document`, `win.document`, or a variable holding either (`const doc = document`)
          const isDocument = (o: N) => (o.type === 'Identifier' && o.name === 'document' && !r.a.binding(o)) || (o.type === 'MemberExpression' && propertyKey(o) === 'document');
          const obj = unwrap(callee.object);
          const isDoc = isDocument(obj) || (obj.type === 'Identifier' && isDocument(unwrap(resolveValue(r.a, obj))));
          if (!isDoc) return;
          if (node.arguments.length === 0) return;
          const dynamic = node.arguments.find((x: N) => x.type === 'SpreadElement' || !markupFree(r.a, x));
          if (dynamic) check(node, dynamic, `\`document.${name}\``);
        }
      },
    };
  },
);

/** Markup in the constant parts of a string: an opening or closing tag, a comment or a doctype. */
const MARKUP = /<[a-z!/?]/i;

/** The response a `res.send(…)`/`write`/`end` call writes to (see responseReceiver); Fastify's `reply.send('…')` answers a string as text/plain. */
function responseOf(a: Analysis, call: N): { chain: string[]; via: N[] } | undefined {
  const res = responseReceiver(a, call);
  return res && res.chain[res.chain.length - 1] !== 'reply' ? res : undefined;
}

/** The Content-Type a setter call gives (`res.type('text')`, `res.set('Content-Type', t)`, `writeHead(200, { 'content-type': t })`): a string, null when not constant, undefined when the call sets none. */
function contentTypeSet(a: Analysis, call: N): string | null | undefined {
  const name = propertyKey(unwrap(call.callee));
  const text = (x: N | undefined) => (x && x.type !== 'SpreadElement' ? (staticString(a, x) ?? null) : null);
  if (name === 'type' || name === 'contentType') return text(call.arguments[0]);
  const fromObject = (x: N | undefined) => {
    const lit = objectLiteral(a, x);
    const p = lit && [...lit.props.entries()].find(([k]) => k.toLowerCase() === 'content-type');
    return p ? text(p[1].value) : undefined;
  };
  if (name === 'set' || name === 'header' || name === 'setHeader') {
    if (call.arguments.length === 1) return fromObject(call.arguments[0]);
    return staticString(a, call.arguments[0])?.toLowerCase() === 'content-type' ? text(call.arguments[1]) : undefined;
  }
  if (name === 'writeHead') return fromObject(call.arguments[call.arguments.length - 1]);
  return undefined;
}

export const reflectedXss = codeRule(
  {
    id: 'code/reflected-xss',
    title: 'HTML built from request input sent in the response (reflected XSS)',
    description:
      'OWASP A03:2021 Injection. `res.send()` with a string replies as `text/html`, and `res.write()`/`res.end()` send text the browser renders as HTML when it looks like HTML. Building that HTML by joining in a query parameter, body field, header or cookie without escaping it lets an attacker craft a link whose page runs their script with the user\'s session (reflected cross-site scripting). Reported when the constant parts of the string contain markup (a tag, comment or doctype) and request input reaches it without passing through an escaper or sanitiser (escape-html, `he.encode`, DOMPurify, xss, `encodeURIComponent`) or a regular-expression check that rules out `<`. The raw request target (`req.url`, `req.originalUrl`, `req.path`) is not counted: browsers percent-encode `<`, `>` and `"` in the URLs they request and these properties are not decoded. Responses whose Content-Type is set in the handler to something other than HTML or XML (`res.type(\'text\')`, `res.set(\'Content-Type\', \'application/json\')`, `writeHead(200, { \'Content-Type\': \'text/plain\' })`), or set to a value that is not constant, are not reported.',
    severity: 'high',
    messages: {
      request: '`{{call}}` sends HTML built from request input ({{source}}) without escaping it: reflected XSS. Render a template that escapes values (`res.render`), or escape the value with escape-html before joining it into markup.',
    },
    remediation: 'Render HTML through a template engine that escapes by default (`res.render` with Pug, Nunjucks, EJS `<%= %>`), or escape each value (`escape-html`, `he.encode`) before joining it into markup; send data as JSON (`res.json`) rather than HTML where possible.',
    references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html', 'https://expressjs.com/en/api.html#res.send', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-79'],
    equivalents: { semgrep: ['javascript.express.security.audit.xss.direct-response-write.direct-response-write'], bearer: ['javascript_express_cross_site_scripting'] },
  },
  (r) => {
    const stop = (c: N) => HTML_SANITISERS.test(calleeName(c) ?? '') || /^(encodeURIComponent|encodeURI|escapeHtmlEntities|encodeXML|encodeHTMLEntities)$/.test(calleeName(c) ?? '');
    /** The handler sets a Content-Type that is not HTML (or one it works out at run time) on this response before `node`. */
    const notHtml = (node: N, res: { chain: string[]; via: N[] }): boolean => {
      const types: Array<string | null> = [];
      for (const c of res.via) {
        const t = contentTypeSet(r.a, c);
        if (t !== undefined) types.push(t);
      }
      const fn = enclosingFunction(r.a, node);
      walk(fn ? fn.body : r.a.program, (x) => {
        if (x.type !== 'CallExpression' || x.range[0] >= node.range[0]) return undefined;
        const callee = unwrap(x.callee);
        if (callee.type !== 'MemberExpression' || memberChain(r.a, callee.object)?.join('.') !== res.chain.join('.')) return undefined;
        const t = contentTypeSet(r.a, x);
        if (t !== undefined) types.push(t);
        return undefined;
      });
      return types.some((t) => t === null || !/html|xml/i.test(t));
    };
    /**
     * Every piece of request input in the value is the raw request target (`req.url`, `req.originalUrl`, `req.path`):
     * browsers percent-encode `<`, `>` and `"` in the URLs they request, and these properties are not decoded.
     */
    const rawUrlOnly = (x: N, depth = 0): boolean => {
      const n = unwrap(x);
      if (depth > 12 || n.type === 'SpreadElement') return false;
      if (!containsRequestInput(r.a, n, { serverOnly: true, stop })) return true;
      const chain = memberChain(r.a, n);
      if (chain?.length === 2 && (chain[0] === 'req' || chain[0] === 'request') && ['url', 'originalUrl', 'path'].includes(chain[1])) return true;
      if (n.type === 'BinaryExpression' && n.operator === '+') return rawUrlOnly(n.left, depth + 1) && rawUrlOnly(n.right, depth + 1);
      if (n.type === 'TemplateLiteral') return n.expressions.every((e: N) => rawUrlOnly(e, depth + 1));
      if (n.type === 'Identifier') {
        const defs = reachingDefs(r.a, n);
        if (defs) return defs.every((d) => rawUrlOnly(d.value, depth + 1));
        const v = resolveValue(r.a, n);
        return v !== n && rawUrlOnly(v, depth + 1);
      }
      return false;
    };
    /** The constant parts of the string hold markup; for a variable built up with `+=`, the parts of every assignment that reaches it. */
    const hasMarkup = (value: N): boolean => {
      const v = unwrap(value);
      const defs = v.type === 'Identifier' ? reachingDefs(r.a, v) : undefined;
      const values = defs ? defs.map((d) => d.value) : [value];
      return values.some((x) => MARKUP.test(staticParts(r.a, x).join('')));
    };
    return {
      CallExpression(node: N) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const name = propertyKey(callee);
        if (name !== 'send' && name !== 'write' && name !== 'end') return;
        const value = node.arguments[0];
        if (!value || value.type === 'SpreadElement') return;
        const res = responseOf(r.a, node);
        if (!res) return;
        if (!hasMarkup(value)) return;
        if (markupFree(r.a, value) || !containsRequestInput(r.a, value, { serverOnly: true, stop }) || rawUrlOnly(value)) return;
        if (partsCheckedMarkupFree(r.a, node, value)) return;
        if (notHtml(node, res)) return;
        const source = snippet(r.ctx, value);
        r.at(node, 'request', { call: `${res.chain.join('.')}.${name}`, source });
      },
    };
  },
);

/** `true`/`false` written as a literal (through never-reassigned bindings). */
function literalBool(a: Analysis, node: N | undefined): boolean | undefined {
  const v = node && unwrap(resolveValue(a, node));
  return v?.type === 'Literal' && typeof v.value === 'boolean' ? v.value : undefined;
}

/** A function that hands back its first parameter unchanged: `(s) => s`, `function (t) { return t; }`. */
function isIdentityFunction(a: Analysis, node: N): boolean {
  const fn = unwrap(resolveValue(a, node));
  if (!fn || !['ArrowFunctionExpression', 'FunctionExpression'].includes(fn.type) || fn.params[0]?.type !== 'Identifier') return false;
  const param = fn.params[0].name;
  let body = fn.body;
  if (body.type === 'BlockStatement') {
    if (body.body.length !== 1 || body.body[0].type !== 'ReturnStatement') return false;
    body = body.body[0].argument;
  }
  const b = body && unwrap(body);
  return b?.type === 'Identifier' && b.name === param;
}

export const templateEscapingDisabled = codeRule(
  {
    id: 'code/template-escaping-disabled',
    title: 'HTML escaping turned off in a template engine',
    description:
      'OWASP A03:2021 Injection. Template engines escape the values they insert (`{{name}}`) so that text from users is shown as text, not parsed as markup. Turning that off for a whole engine makes every value in every template raw HTML, so any user-controlled value becomes cross-site scripting. Reported: Handlebars `compile`/`precompile` (and express-handlebars `compilerOptions`) with `noEscape: true`; Nunjucks `configure(…)`/`new Environment(…)` and Swig `setDefaults`/`new Swig` with `autoescape: false`; Squirrelly `autoEscaping(false)` or `defaultConfig.autoEscape = false`; `Mustache.escape` replaced with a function that returns its input; and `x.escapeMarkup = false`. Options written as literals only; per-value raw output (`{{{x}}}`, `| safe`) is left to review.',
    severity: 'medium',
    messages: {
      disabled: '{{what}} turns off HTML escaping for every template, so each inserted value is parsed as markup and user data becomes XSS. Keep escaping on and mark only trusted, sanitised values as raw (`{{{x}}}`, `| safe`).',
    },
    remediation: 'Leave the engine\'s escaping on (the default for Handlebars, Nunjucks, Swig and Squirrelly); output raw HTML only for values you have sanitised (DOMPurify, sanitize-html) with the engine\'s per-value syntax.',
    references: ['https://cwe.mitre.org/data/definitions/79.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html', 'https://mozilla.github.io/nunjucks/api.html#configure', 'https://handlebarsjs.com/api-reference/compilation.html', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-79', 'CWE-116'],
    equivalents: { eslint: ['security/detect-disable-mustache-escape'], bearer: ['javascript_lang_handlebars_no_escape'] },
  },
  (r) => {
    /** The options object sets `key` to the literal `value` (escaping off): reported at that property. */
    const option = (opts: N | undefined, key: 'noEscape' | 'autoescape', value: boolean, what: string) => {
      const p = objectLiteral(r.a, opts)?.props.get(key);
      if (p && literalBool(r.a, p.value) === value) r.at(p, 'disabled', { what });
    };
    const noEscape = (opts: N | undefined, what: string) => option(opts, 'noEscape', true, what);
    const autoescapeOff = (opts: N | undefined, what: string) => option(opts, 'autoescape', false, what);
    const on = (node: N) => {
      const ref = calledModuleFunction(r.a, node);
      const fn = ref?.path.join('.');
      if (ref?.module === 'nunjucks' && (fn === 'configure' || fn === 'Environment')) {
        autoescapeOff(node.arguments[node.arguments.length - 1], `nunjucks.${fn}({ autoescape: false })`);
        return;
      }
      if ((ref?.module === 'swig' || ref?.module === 'swig-templates') && (fn === 'setDefaults' || fn === 'Swig')) {
        autoescapeOff(node.arguments[0], `swig.${fn}({ autoescape: false })`);
        return;
      }
      const callee = unwrap(node.callee);
      if (node.type !== 'CallExpression' || callee.type !== 'MemberExpression') return;
      const name = propertyKey(callee);
      // Handlebars.compile(source, { noEscape: true }), hbs.handlebars.precompile(…)
      if (name === 'compile' || name === 'precompile') noEscape(node.arguments[1], `\`${name}(…, { noEscape: true })\``);
      // Squirrelly 7: Sqrl.autoEscaping(false)
      else if (name === 'autoEscaping' && literalBool(r.a, node.arguments[0]) === false) r.at(node, 'disabled', { what: '`autoEscaping(false)`' });
    };
    return {
      CallExpression: on,
      NewExpression: on,
      Property(node: N) {
        // express-handlebars: engine({ compilerOptions: { noEscape: true } })
        if (propertyKey(node) === 'compilerOptions' && node.value.type !== 'AssignmentPattern') noEscape(node.value, '`compilerOptions.noEscape`');
      },
      AssignmentExpression(node: N) {
        if (node.operator !== '=') return;
        const left = unwrap(node.left);
        if (left.type !== 'MemberExpression') return;
        const key = propertyKey(left);
        const chain = memberChain(r.a, left);
        if (key === 'escapeMarkup' && literalBool(r.a, node.right) === false) r.at(node, 'disabled', { what: '`escapeMarkup = false`' });
        else if (key === 'autoEscape' && chain?.[chain.length - 2] === 'defaultConfig' && literalBool(r.a, node.right) === false) r.at(node, 'disabled', { what: '`defaultConfig.autoEscape = false`' });
        else if (key === 'escape' && isIdentityFunction(r.a, node.right)) {
          // Mustache.escape = (text) => text
          const obj = unwrap(left.object);
          const mod = moduleOf(r.a, obj);
          if (mod?.module === 'mustache' || (obj.type === 'Identifier' && obj.name === 'Mustache' && !r.a.binding(obj))) r.at(node, 'disabled', { what: '`Mustache.escape = (text) => text`' });
        }
      },
    };
  },
);

export const reactDangerousHtml = codeRule(
  {
    id: 'code/react-dangerously-set-inner-html',
    title: 'React dangerouslySetInnerHTML with an unsanitised value',
    description:
      'OWASP A03:2021 Injection. `dangerouslySetInnerHTML={{ __html: value }}` bypasses React\'s escaping and inserts `value` as raw HTML. Unless the value is a constant (also `JSON.stringify` of constant objects) or has just been sanitised (DOMPurify, sanitize-html, xss), markup from users, a CMS, Markdown or an API can run script in the page (cross-site scripting).',
    severity: 'medium',
    messages: {
      request: '`dangerouslySetInnerHTML` renders a value from the URL or request ({{source}}) as HTML: XSS. Render it as text (`{value}`) or sanitise with `DOMPurify.sanitize()`.',
      dynamic: '`dangerouslySetInnerHTML` renders a non-constant value ({{source}}) as raw HTML without sanitising it; wrap it in `DOMPurify.sanitize()` (or sanitize-html/xss) or render it as text.',
    },
    remediation: 'Render text as `{value}` so React escapes it; when HTML is required, pass it through `DOMPurify.sanitize()` (or `sanitize-html`, `xss`) immediately before `__html`.',
    references: ['https://react.dev/reference/react-dom/components/common#dangerously-setting-the-inner-html', 'https://cwe.mitre.org/data/definitions/79.html', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-79'],
    equivalents: { eslint: ['react/no-danger'], bearer: ['javascript_react_dangerously_set_inner_html'] },
  },
  (r) => {
    const seen = new Set<N>();
    const checkObject = (obj: N) => {
      const lit = objectLiteral(r.a, obj);
      if (!lit) {
        // dangerouslySetInnerHTML={createMarkup()}: judge the object literals a local, non-reassigned function returns
        for (const ret of localReturns(r.a, obj)) checkObject(ret);
        return;
      }
      const html = lit.props.get('__html');
      if (!html || html.type !== 'Property') return;
      const value = html.value;
      if (seen.has(html)) return; // a markup function used by several elements is reported once
      seen.add(html);
      if (isStatic(r.a, value) || isSanitised(r.a, value) || sanitisedInFunction(r.a, value) || jsonOfConstants(r.a, value)) return;
      const source = snippet(r.ctx, value);
      if (containsRequestInput(r.a, value)) r.at(html, 'request', { source }, 'high');
      else r.at(html, 'dynamic', { source });
    };
    return {
      JSXAttribute(node: N) {
        if (node.name?.type !== 'JSXIdentifier' || node.name.name !== 'dangerouslySetInnerHTML') return;
        if (node.value?.type !== 'JSXExpressionContainer') return;
        checkObject(node.value.expression);
      },
      Property(node: N) {
        // React.createElement('div', { dangerouslySetInnerHTML: { __html: x } })
        if (propertyKey(node) !== 'dangerouslySetInnerHTML' || node.value.type === 'AssignmentPattern') return;
        checkObject(node.value);
      },
    };
  },
);

/** `JSON.stringify(…)` of constants only (`{}`, `{ type: 'x', n: 1 }`): the text is fixed by the program. */
function jsonOfConstants(a: Analysis, node: N): boolean {
  const n = unwrap(resolveValue(a, node));
  if (n?.type !== 'CallExpression' || calleeName(n) !== 'stringify' || n.callee.type !== 'MemberExpression' || unwrap(n.callee.object).name !== 'JSON') return false;
  const constant = (x: N, depth: number): boolean => {
    const v = unwrap(resolveValue(a, x));
    if (!v || depth > 6) return false;
    if (v.type === 'ObjectExpression') return v.properties.every((p: N) => p.type === 'Property' && !p.computed && constant(p.value, depth + 1));
    if (v.type === 'ArrayExpression') return v.elements.every((e: N) => e && e.type !== 'SpreadElement' && constant(e, depth + 1));
    return isStatic(a, v);
  };
  return !!n.arguments[0] && n.arguments[0].type !== 'SpreadElement' && constant(n.arguments[0], 0);
}

/** The object-literal values a call to a local function returns (none when the function is unknown or returns anything else). */
function localReturns(a: Analysis, node: N): N[] {
  const call = unwrap(node);
  if (call.type !== 'CallExpression' || call.arguments.length) return [];
  const callee = unwrap(call.callee);
  if (callee.type !== 'Identifier') return [];
  const b = a.binding(callee);
  if (!b || b.reassigned) return [];
  const fn = b.kind === 'function' ? b.decl : b.kind === 'const' ? resolveValue(a, callee) : undefined;
  if (!fn || !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(fn.type)) return [];
  if (fn.expression) return unwrap(fn.body).type === 'ObjectExpression' ? [fn.body] : [];
  const out: N[] = [];
  let other = false;
  walk(fn.body, (x) => {
    if (x !== fn && ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(x.type)) return true;
    if (x.type === 'ReturnStatement') {
      if (x.argument && objectLiteral(a, x.argument)) out.push(x.argument);
      else other = true;
    }
    return undefined;
  });
  return other ? [] : out;
}

/** `let html = x; html = DOMPurify.sanitize(html)`: a reassigned variable whose every assignment is sanitised. */
function sanitisedInFunction(a: Analysis, node: N): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const b = a.binding(n);
  if (!b || !b.reassigned) return false;
  let all = true;
  let any = false;
  walk(a.program, (x) => {
    if (x.type === 'AssignmentExpression' && x.left.type === 'Identifier' && x.left.name === n.name && a.binding(x.left) === b) {
      any = true;
      if (!isSanitised(a, x.right) && !isStatic(a, x.right)) all = false;
    }
  });
  return any && all;
}
