/** What an Express server gives away: helmet protections turned off, the project folder served, stack traces sent. */
import { isFalse, moduleOf, objectLiteral, propertyKey, resolveValue, responseReceiver, runsOnlyWhere, staticString, unwrap, type Analysis, type N } from './lib/analysis.js';
import { codeRule } from './lib/kit.js';
import type { RuleContext } from '../../src/model/rule.js';

/** helmet options that switch off a protection CodeQL and helmet's own documentation single out. */
const HELMET_PROTECTIONS: Record<string, string> = {
  contentSecurityPolicy: 'Content-Security-Policy',
  frameguard: 'X-Frame-Options (clickjacking protection)',
  xFrameOptions: 'X-Frame-Options (clickjacking protection)',
};

export const insecureHelmetConfiguration = codeRule(
  {
    id: 'code/insecure-helmet-configuration',
    title: 'helmet used with its Content-Security-Policy or frame protection turned off',
    description:
      'OWASP A05:2021 Security Misconfiguration. helmet sets a Content-Security-Policy, which limits where scripts may load from and so blunts cross-site scripting, and X-Frame-Options, which stops other sites framing the service to trick users into clicking (clickjacking). Passing `contentSecurityPolicy: false` or `frameguard: false` (`xFrameOptions: false` in helmet 7 and later) removes those headers while the code still looks protected. A policy that needs adjusting should be configured, not switched off.',
    severity: 'medium',
    messages: {
      disabled: '`helmet({ {{key}}: false })` turns off the {{header}} header for every response; configure it instead (for example `contentSecurityPolicy: { directives: { … } }`) so the protection stays on.',
    },
    remediation: 'Remove the `false` and configure the protection: give `contentSecurityPolicy` the directives the pages need (scripts and styles from `\'self\'`, nonces for inline scripts), and keep `frameguard` (or set `frame-ancestors` in the policy).',
    references: ['https://helmetjs.github.io/', 'https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html', 'https://cwe.mitre.org/data/definitions/1021.html', 'https://cwe.mitre.org/data/definitions/693.html'],
    cwe: ['CWE-693', 'CWE-1021'],
    sbd: ['8', '10'],
    equivalents: { codeql: ['js/insecure-helmet-configuration'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const ref = moduleOf(r.a, node.callee);
      if (ref?.module !== 'helmet' || ref.path.length > 0 || !node.arguments[0]) return;
      const options = objectLiteral(r.a, node.arguments[0]);
      if (!options) return;
      for (const [key, prop] of options.props) {
        const header = HELMET_PROTECTIONS[key];
        if (header && isFalse(r.a, prop.value)) r.at(prop, 'disabled', { key, header });
      }
    },
  }),
);

/** Static-file middleware whose first argument is the folder served. */
function staticMiddleware(a: Analysis, call: N): boolean {
  const ref = moduleOf(a, call.callee);
  if (!ref) return false;
  if (ref.module === 'express' && ref.path.join('.') === 'static') return true;
  return (ref.module === 'serve-static' || ref.module === 'koa-static' || ref.module === '@fastify/static') && ref.path.length === 0;
}

/**
 * How many folders the file sits below its project's root: the nearest folder up from it with a
 * `package.json`, else the scan root (`server.js` → 0, `src/server.js` → 1, `apps/api/src/x.js` → 1
 * when `apps/api/package.json` exists).
 */
function depthBelowProject(ctx: RuleContext): number {
  const packageDirs = ctx.shared('code:package-json-folders', () => new Set(ctx.project.files.map((f) => f.path).filter((p) => p === 'package.json' || p.endsWith('/package.json')).map((p) => p.slice(0, -'package.json'.length))));
  const folders = ctx.file.path.split('/').slice(0, -1);
  for (let depth = folders.length; depth > 0; depth--) {
    if (packageDirs.has(`${folders.slice(0, depth).join('/')}/`)) return folders.length - depth;
  }
  return folders.length;
}

/**
 * What a served folder expression stands for, when it is the project's root or its node_modules: the
 * working directory (`'.'`, `process.cwd()`), or `__dirname` climbed (`..`) up to the scan root.
 */
function exposedFolder(a: Analysis, node: N, fileDepth: number): 'root' | 'node_modules' | undefined {
  const parts: Array<{ cwd: true } | { dirname: true } | string> = [];
  const collect = (x: N, depth = 0): boolean => {
    const n = unwrap(resolveValue(a, x));
    if (depth > 10 || !n) return false;
    if (n.type === 'Identifier' && n.name === '__dirname' && !a.binding(n)) return (parts.push({ dirname: true }), true);
    if (n.type === 'CallExpression') {
      const callee = unwrap(n.callee);
      if (callee.type === 'MemberExpression' && propertyKey(callee) === 'cwd' && unwrap(callee.object).name === 'process') return (parts.push({ cwd: true }), true);
      const ref = moduleOf(a, callee);
      if (ref?.module === 'path' && (ref.path.join('.') === 'join' || ref.path.join('.') === 'resolve')) return n.arguments.every((arg: N) => collect(arg, depth + 1));
      return false;
    }
    if (n.type === 'BinaryExpression' && n.operator === '+') return collect(n.left, depth + 1) && collect(n.right, depth + 1);
    const s = staticString(a, n);
    if (s === undefined) return false;
    parts.push(s);
    return true;
  };
  if (!collect(node)) return undefined;
  // the first part must anchor the path: the working directory, __dirname or a relative string
  const head = parts[0];
  let up: number;
  if (typeof head === 'string') {
    if (head.startsWith('/')) return undefined;
    up = 0;
  } else if ('cwd' in head) {
    up = 0;
    parts.shift();
  } else {
    up = -fileDepth;
    parts.shift();
  }
  const segments: string[] = [];
  for (const p of parts) {
    if (typeof p !== 'string') return undefined;
    for (const seg of p.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (segments.length) segments.pop();
        else up++;
      } else segments.push(seg);
    }
  }
  if (up !== 0) return undefined;
  if (segments.length === 0) return 'root';
  return segments.length === 1 && segments[0] === 'node_modules' ? 'node_modules' : undefined;
}

export const staticFilesExposeProject = codeRule(
  {
    id: 'code/static-files-expose-project',
    title: 'Static file server serves the project folder or node_modules',
    description:
      'OWASP A01:2021 Broken Access Control / A05:2021 Security Misconfiguration. `express.static` (serve-static, koa-static, @fastify/static) publishes every file under the folder it is given. Given the project\'s own root (`\'.\'`, `process.cwd()`, or `__dirname` of a file at the root), it serves the server\'s source code, `package.json`, `.env` files with their secrets and the `.git` folder to anyone who asks for them by name; given `node_modules`, every installed package. Serve a dedicated folder (`public/`, `dist/`) or the one package folder the pages need (`node_modules/govuk-frontend/dist`).',
    severity: 'high',
    messages: {
      root: 'This static file server publishes the project\'s root folder, so its source code, configuration and any `.env` or `.git` files can be downloaded; serve a dedicated folder such as `path.join(__dirname, \'public\')` instead.',
      node_modules: 'This static file server publishes the whole `node_modules` folder; serve only the package folder the pages need (e.g. `node_modules/govuk-frontend/dist`).',
    },
    remediation: 'Put the files meant for browsers in their own folder and serve that (`app.use(express.static(path.join(__dirname, \'public\')))`); mount package assets one folder at a time.',
    references: ['https://expressjs.com/en/starter/static-files.html', 'https://cwe.mitre.org/data/definitions/219.html', 'https://cwe.mitre.org/data/definitions/548.html'],
    cwe: ['CWE-219', 'CWE-548'],
    equivalents: { codeql: ['js/exposure-of-private-files'] },
  },
  (r) => ({
    CallExpression(node: N) {
      if (!node.arguments[0] || !staticMiddleware(r.a, node)) return;
      const exposed = exposedFolder(r.a, node.arguments[0], depthBelowProject(r.ctx));
      if (exposed) r.at(node, exposed);
    },
  }),
);

/** `res.send(…)`, `res.status(500).json(…)`, `ctx.res.end(…)`: a call that writes the body of an HTTP response. */
const BODY_METHODS = new Set(['send', 'json', 'jsonp', 'end', 'write']);
function isResponseBodyCall(a: Analysis, call: N): boolean {
  const callee = unwrap(call.callee);
  return callee.type === 'MemberExpression' && BODY_METHODS.has(propertyKey(callee) ?? '') && responseReceiver(a, call) !== undefined;
}

/** Tests that make code development-only: NODE_ENV, `app.get('env')`, a debug or dev flag. */
const DEV_ONLY = /NODE_ENV|\bget\(\s*['"]env['"]\s*\)|development|\bdev\b|isDev|debug|production|\bprod\b/i;

/** The `.stack` members inside a response body expression, not inside a development-only condition. */
function stackReads(r: { a: Analysis; ctx: { file: { text: string } } }, node: N, found: N[] = []): N[] {
  const n = unwrap(node);
  if (!n || typeof n !== 'object') return found;
  if (n.type === 'MemberExpression' && propertyKey(n) === 'stack' && !n.computed) {
    if (isErrorValue(r.a, n.object)) found.push(n);
    return found;
  }
  if (n.type === 'ConditionalExpression' || n.type === 'LogicalExpression') {
    const test = n.type === 'ConditionalExpression' ? n.test : n.left;
    if (DEV_ONLY.test(r.ctx.file.text.slice(test.range[0], test.range[1]))) return found;
  }
  if (n.type === 'Identifier') {
    // `const body = { stack: err.stack }` built just before
    const v = resolveValue(r.a, n);
    if (v !== n) stackReads(r, v, found);
    return found;
  }
  for (const key of ['arguments', 'properties', 'elements', 'expressions', 'value', 'argument', 'consequent', 'alternate', 'left', 'right', 'quasis']) {
    const child = n[key];
    if (Array.isArray(child)) for (const c of child) stackReads(r, c, found);
    else if (child && typeof child === 'object' && key !== 'quasis') stackReads(r, child, found);
  }
  return found;
}

/** An error object: a `catch` parameter, `new Error(…)`, or a variable named like one (`err`, `error`, `e`, `ex`, `dbError`). */
function isErrorValue(a: Analysis, node: N): boolean {
  const n = unwrap(node);
  if (n.type === 'NewExpression' && /Error$/.test(unwrap(n.callee).name ?? '')) return true;
  if (n.type !== 'Identifier') return false;
  if (a.binding(n)?.kind === 'catch') return true;
  return /^(e|ex|exc|err|error|exception|reason)$|(Error|Err|Exception)$/.test(n.name);
}

/** Whether `node` sits in a block or branch that only runs in development (an `if` whose test names NODE_ENV, …). */
function inDevelopmentBranch(a: Analysis, text: string, node: N): boolean {
  if (runsOnlyWhere(a, node, (test) => DEV_ONLY.test(text.slice(test.range[0], test.range[1])))) return true;
  for (let cur = a.parent(node); cur; cur = a.parent(cur)) {
    if ((cur.type === 'IfStatement' || cur.type === 'ConditionalExpression') && DEV_ONLY.test(text.slice(cur.test.range[0], cur.test.range[1]))) return true;
  }
  return false;
}

export const stackTraceExposure = codeRule(
  {
    id: 'code/stack-trace-exposure',
    title: 'Error stack trace sent in an HTTP response',
    description:
      'OWASP A05:2021 Security Misconfiguration; CWE-209. An error\'s `stack` lists the server\'s file paths, function names, library versions and sometimes the values that failed: a map for an attacker, and no help to a user. Sending it in a response (`res.send(err.stack)`, `res.status(500).json({ error: err.stack })`) publishes it. Responses inside a development-only branch (`if (process.env.NODE_ENV !== \'production\')`, `app.get(\'env\') === \'development\'`) are not reported.',
    severity: 'medium',
    messages: {
      stack: 'This response includes an error\'s stack trace, which tells anyone who triggers the error how the server is built; log the stack on the server and send a generic message (and a reference the user can quote).',
    },
    remediation: 'Log the error with its stack on the server (`logger.error({ err })`), and respond with a generic message and a correlation id; keep detailed error pages behind a development-only check.',
    references: ['https://cwe.mitre.org/data/definitions/209.html', 'https://expressjs.com/en/guide/error-handling.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html'],
    cwe: ['CWE-209', 'CWE-497'],
    equivalents: { codeql: ['js/stack-trace-exposure'] },
  },
  (r) => ({
    CallExpression(node: N) {
      if (!node.arguments.length || !isResponseBodyCall(r.a, node)) return;
      const reads = node.arguments.flatMap((arg: N) => stackReads(r, arg));
      if (reads.length && !inDevelopmentBranch(r.a, r.ctx.file.text, node)) r.at(reads[0], 'stack');
    },
  }),
);
