/** Framework and library misuse: archive extraction, Angular's sanitizer bypass, mass assignment, Host-header links, GraphQL introspection. */
import {
  calledModuleFunction,
  calleeName,
  concatParts,
  enclosingFunction,
  isResponseCall,
  isStatic,
  isTrue,
  memberChain,
  memberName,
  moduleOf,
  objectLiteral,
  propertyKey,
  reachingDefs,
  resolveValue,
  responseReceiver,
  runsOnlyWhere,
  sameValue,
  staticPrefix,
  staticString,
  unwrap,
  walk,
  words,
  writtenShape,
  FUNCTION_NODE_TYPES,
  iterationOf,
  thisFieldValues,
  type Analysis,
  type N,
} from './lib/analysis.js';
import { FS_MODULES, isHttpsUpgrade, isSanitised, onlyConstantPath, prefixCheckOfRawPath, validatedInFunction } from './lib/guards.js';
import { codeRule, isTestPath, snippet } from './lib/kit.js';

// ---------------------------------------------------------------------------------------------
// Zip Slip

/** Archive readers whose entries carry a file name chosen by whoever built the archive. */
const ARCHIVE_MODULES = ['unzip', 'unzipper', 'unzip-stream', 'unzip2', 'tar-stream', 'tar', 'yauzl', 'adm-zip', 'node-stream-zip', 'jszip'];
/** The properties of an `'entry'` event's entry that name it: unzipper/node-tar `path`, yauzl `fileName`, tar-stream/node-stream-zip `name`. */
const ENTRY_EVENT_PROPS = new Set(['path', 'fileName', 'name']);
/** adm-zip entries: `entryName` is the full name (`name` is only its last segment). */
const ADM_ZIP_PROPS = new Set(['entryName', 'rawEntryName']);
/** fs writers and the argument holding the path they create or write. */
const FS_WRITE_TARGET: Record<string, number> = {
  createWriteStream: 0, writeFile: 0, writeFileSync: 0, appendFile: 0, appendFileSync: 0, outputFile: 0, outputFileSync: 0,
  writeJson: 0, writeJsonSync: 0, outputJson: 0, outputJsonSync: 0, mkdir: 0, mkdirSync: 0, mkdirp: 0, mkdirpSync: 0, mkdirs: 0, mkdirsSync: 0,
  ensureDir: 0, ensureDirSync: 0, ensureFile: 0, ensureFileSync: 0, open: 0, openSync: 0,
  copyFile: 1, copyFileSync: 1, rename: 1, renameSync: 1, symlink: 1, symlinkSync: 1, link: 1, linkSync: 1, move: 1, moveSync: 1, copy: 1, copySync: 1,
};

/** What an archive item holds: the properties that name the entry, or `'name'` when the value is the entry's name itself. */
type Item = ReadonlySet<string> | 'name';

/** `new JSZip()`, `await JSZip.loadAsync(buf)`, `await zip.loadAsync(buf)`, or the value a `loadAsync(…).then(…)` callback receives. */
function isJsZip(a: Analysis, node: N, depth = 0): boolean {
  let v = unwrap(resolveValue(a, node));
  if (!v || depth > 8) return false;
  if (v.type === 'AwaitExpression') v = unwrap(v.argument);
  if (v.type === 'NewExpression') return moduleOf(a, v.callee)?.module === 'jszip';
  if (v.type === 'CallExpression' && calleeName(v) === 'loadAsync') {
    const ref = moduleOf(a, v.callee);
    if (ref?.module === 'jszip') return true;
    const callee = unwrap(v.callee);
    return callee.type === 'MemberExpression' && isJsZip(a, callee.object, depth + 1);
  }
  if (v.type === 'Identifier') {
    const b = a.binding(v);
    if (b?.kind !== 'param' || b.paramIndex !== 0 || !b.decl) return false;
    const call = a.parent(b.decl);
    const callee = call?.type === 'CallExpression' ? unwrap(call.callee) : undefined;
    return callee?.type === 'MemberExpression' && propertyKey(callee) === 'then' && isJsZip(a, callee.object, depth + 1);
  }
  return false;
}

/** `new AdmZip(file)` (through const bindings). */
function isAdmZip(a: Analysis, node: N): boolean {
  const v = unwrap(resolveValue(a, node));
  return (v?.type === 'NewExpression' || v?.type === 'CallExpression') && moduleOf(a, v.callee)?.module === 'adm-zip';
}

/**
 * The emitter comes from an archive module: `unzipper.Parse()`, `stream.pipe(unzip.Parse())`, `tar.extract()` (or a
 * binding of it), or the zip file a yauzl `open` callback receives.
 */
function isArchiveReader(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 8) return false;
  if (n.type === 'Identifier') {
    const v = resolveValue(a, n);
    if (v !== n) return isArchiveReader(a, v, depth + 1);
    // yauzl.open(file, opts, (err, zipfile) => zipfile.on('entry', …))
    const b = a.binding(n);
    const call = b?.kind === 'param' && b.decl ? a.parent(b.decl) : undefined;
    return call?.type === 'CallExpression' && ARCHIVE_MODULES.includes(calledModuleFunction(a, call)?.module ?? '');
  }
  if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return false;
  if (ARCHIVE_MODULES.includes(calledModuleFunction(a, n)?.module ?? '')) return true;
  const callee = unwrap(n.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyKey(callee);
  // `src.pipe(unzipper.Parse())` returns the parser; `.on(…)` returns the emitter it was called on
  if (method === 'pipe') return !!n.arguments[0] && isArchiveReader(a, n.arguments[0], depth + 1);
  if (method === 'on' || method === 'once') return isArchiveReader(a, callee.object, depth + 1);
  return false;
}

/**
 * The items of a list of archive entries: adm-zip `getEntries()`, unzipper's `(await unzipper.Open.file(p)).files`,
 * JSZip's `Object.keys(zip.files)` (names) and `Object.values(zip.files)` (entries).
 */
function listItem(a: Analysis, list: N): Item | undefined {
  let v = unwrap(resolveValue(a, list));
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument);
  if (v?.type === 'CallExpression') {
    const callee = unwrap(v.callee);
    if (callee.type !== 'MemberExpression') return undefined;
    const name = propertyKey(callee);
    if (name === 'getEntries' && isAdmZip(a, callee.object)) return ADM_ZIP_PROPS;
    if ((name === 'keys' || name === 'values') && memberName(callee.object) === 'Object' && v.arguments[0]) {
      const files = unwrap(v.arguments[0]);
      if (files.type === 'MemberExpression' && propertyKey(files) === 'files' && isJsZip(a, files.object)) return name === 'keys' ? 'name' : new Set(['name']);
    }
    return undefined;
  }
  if (v?.type === 'MemberExpression' && propertyKey(v) === 'files') {
    let dir = unwrap(resolveValue(a, v.object));
    if (dir?.type === 'AwaitExpression') dir = unwrap(dir.argument);
    const ref = dir?.type === 'CallExpression' ? moduleOf(a, dir.callee) : undefined;
    if (ref?.module === 'unzipper' && ref.path[0] === 'Open') return new Set(['path']);
  }
  return undefined;
}

/** What parameter `index` of the callback `fn` receives, when it is an archive entry or an entry's name. */
function paramItem(a: Analysis, fn: N, index: number): Item | undefined {
  const call = a.parent(fn);
  if (call?.type !== 'CallExpression' || !call.arguments.includes(fn)) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = propertyKey(callee) ?? '';
  if (method === 'on' || method === 'once') return index === 0 && staticString(a, call.arguments[0]) === 'entry' && isArchiveReader(a, callee.object) ? ENTRY_EVENT_PROPS : undefined;
  // JSZip's `zip.forEach((relativePath, file) => …)`, adm-zip's `zip.forEach((entry) => …)`
  if (method === 'forEach' && isJsZip(a, callee.object)) return index === 0 ? 'name' : index === 1 ? new Set(['name']) : undefined;
  if (method === 'forEach' && isAdmZip(a, callee.object)) return index === 0 ? ADM_ZIP_PROPS : undefined;
  const it = iterationOf(a, fn);
  if (it && index === it.element) return listItem(a, it.array);
  return undefined;
}

/** The `for (const x of list)` / `for (const k in zip.files)` loop around `use` that declares the variable `use` names. */
function loopItem(a: Analysis, use: N): Item | undefined {
  const b = a.binding(use);
  if (!b || b.init) return undefined;
  for (let cur = a.parent(use); cur; cur = a.parent(cur)) {
    if ((cur.type === 'ForOfStatement' || cur.type === 'ForInStatement') && cur.left.type === 'VariableDeclaration') {
      const id = cur.left.declarations[0]?.id;
      if (id?.type !== 'Identifier' || a.binding(id) !== b) continue;
      if (cur.type === 'ForOfStatement') return listItem(a, cur.right);
      const files = unwrap(cur.right);
      return files.type === 'MemberExpression' && propertyKey(files) === 'files' && isJsZip(a, files.object) ? 'name' : undefined;
    }
  }
  return undefined;
}

/** What an identifier holds, when it is an archive entry (or an entry's name): a callback parameter or a loop variable. */
function itemOf(a: Analysis, id: N): { item: Item; path: string[] } | undefined {
  const b = a.binding(id);
  if (!b || b.reassigned) return undefined;
  if (b.kind === 'param' && b.decl && b.paramIndex !== undefined) {
    const item = paramItem(a, b.decl, b.paramIndex);
    return item ? { item, path: b.path ?? [] } : undefined;
  }
  // `const { path: name } = entry`
  if (b.init && b.path?.length === 1 && unwrap(b.init).type === 'Identifier') {
    const inner = itemOf(a, unwrap(b.init));
    return inner && inner.path.length === 0 ? { item: inner.item, path: b.path } : undefined;
  }
  const item = loopItem(a, id);
  return item ? { item, path: [] } : undefined;
}

/** The archive entry name (`entry.path`, `header.name`, `zipEntry.entryName`, a JSZip file name) that reaches this path, through joins, concatenation and variables; not through `path.basename` or other calls. */
function archiveEntryName(a: Analysis, node: N, depth = 0): N | undefined {
  const n = unwrap(node);
  if (!n || depth > 15 || n.type === 'SpreadElement') return undefined;
  const rec = (x: N) => archiveEntryName(a, x, depth + 1);
  switch (n.type) {
    case 'MemberExpression': {
      const obj = unwrap(n.object);
      if (obj.type !== 'Identifier') return undefined;
      const held = itemOf(a, obj);
      return held && held.path.length === 0 && held.item !== 'name' && held.item.has(propertyKey(n) ?? '') ? n : undefined;
    }
    case 'Identifier': {
      const held = itemOf(a, n);
      if (held) {
        if (held.item === 'name') return held.path.length === 0 ? n : undefined;
        return held.path.length === 1 && held.item.has(held.path[0]) ? n : undefined;
      }
      const defs = reachingDefs(a, n);
      if (defs) {
        for (const d of defs) {
          const hit = rec(d.value);
          if (hit) return hit;
        }
        return undefined;
      }
      const v = resolveValue(a, n);
      return v !== n ? rec(v) : undefined;
    }
    case 'BinaryExpression':
      return n.operator === '+' ? (rec(n.left) ?? rec(n.right)) : undefined;
    case 'TemplateLiteral':
      return n.expressions.map(rec).find(Boolean);
    case 'CallExpression': {
      const ref = moduleOf(a, n.callee);
      if (ref?.module === 'path' && ['join', 'resolve', 'normalize', 'dirname'].includes(ref.path[ref.path.length - 1])) return n.arguments.map(rec).find(Boolean);
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A regular expression (literal) or string argument that looks for `..`. */
function looksForDotDot(a: Analysis, arg: N | undefined): boolean {
  const v = arg && unwrap(resolveValue(a, arg));
  if (!v) return false;
  if (v.type === 'Literal' && v.regex) return /\\\.\\\.|\.\.|\[\.\]\[\.\]/.test(v.regex.pattern);
  return staticString(a, v)?.includes('..') === true;
}

/**
 * A check that keeps an entry inside the folder: a `..` search (`name.includes('..')`, `/\.\./.test(name)`), an
 * allow-list lookup of the name, a `startsWith` on the resolved target (not on the raw name), or an `is…`/`validate…`
 * call. Filters on the extension or a raw prefix do not count.
 */
function containsCheck(a: Analysis, check: N, value: N): boolean {
  if (check.type !== 'CallExpression') return true; // `name in allowed`, `allowed[name]`
  const name = calleeName(check) ?? '';
  const callee = unwrap(check.callee);
  const recv = callee.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
  const onValue = !!recv && sameOrShape(a, recv, value);
  if (['includes', 'indexOf', 'lastIndexOf', 'match', 'search'].includes(name)) return onValue ? looksForDotDot(a, check.arguments[0]) : true;
  if (name === 'test') return looksForDotDot(a, recv);
  if (name === 'endsWith') return false;
  if (name === 'startsWith' && recv) {
    // only a resolved path shows where it lands: `path.resolve(root, name).startsWith(root)`, not `name.startsWith('assets/')`
    const resolved = unwrap(resolveValue(a, recv));
    const ref = resolved.type === 'CallExpression' ? moduleOf(a, resolved.callee) : undefined;
    if (ref && ((ref.module === 'path' && ['resolve', 'normalize', 'join'].includes(ref.path[ref.path.length - 1])) || (FS_MODULES.includes(ref.module) && /^realpath/.test(ref.path[ref.path.length - 1])))) return true;
    return !onValue && !prefixCheckOfRawPath(a, check, value);
  }
  return true;
}

/** The same variable or member chain, or (for members of loop variables, which have no chain) the same `a.b` written. */
function sameOrShape(a: Analysis, x: N, y: N): boolean {
  if (sameValue(a, x, y)) return true;
  const s = writtenShape(x);
  return s !== undefined && s.includes('.') && s === writtenShape(y);
}

/** `path.relative(base, target)` of the path (or the entry name) tested in a condition in the function: `if (rel.startsWith('..') || path.isAbsolute(rel))`. */
function relativeChecked(a: Analysis, node: N, values: N[]): boolean {
  const fn = enclosingFunction(a, node);
  if (!fn) return false;
  const inTest = (x: N): boolean => {
    for (let cur = a.parent(x), prev = x; cur && cur !== fn; prev = cur, cur = a.parent(cur)) {
      if ((cur.type === 'IfStatement' || cur.type === 'ConditionalExpression') && cur.test === prev) return true;
    }
    return false;
  };
  let found = false;
  walk(fn.body, (x) => {
    if (found) return true;
    if (x.type !== 'CallExpression' || calleeName(x) !== 'relative' || moduleOf(a, x.callee)?.module !== 'path') return undefined;
    let mentions = false;
    walk({ type: 'Args', list: x.arguments }, (y) => {
      if (values.some((v) => (y.type === 'Identifier' || y.type === 'MemberExpression') && sameOrShape(a, y, v))) mentions = true;
      return mentions || undefined;
    });
    if (!mentions) return undefined;
    if (inTest(x)) found = true;
    const p = a.parent(x);
    if (!found && p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') {
      const b = a.binding(p.id);
      walk(fn.body, (y) => {
        if (found) return true;
        if (y.type === 'Identifier' && y !== p.id && a.binding(y) === b && inTest(y)) found = true;
        return undefined;
      });
    }
    return undefined;
  });
  return found;
}

export const zipSlip = codeRule(
  {
    id: 'code/zip-slip',
    title: 'Archive entry written to the path its own name gives (Zip Slip)',
    description:
      'OWASP A01:2021 Broken Access Control. An archive\'s entry names are chosen by whoever built the archive: an entry called `../../.ssh/authorized_keys` or `/etc/cron.d/job`, joined to the extraction folder and written with `fs.createWriteStream`, `writeFile`, `mkdir` (or adm-zip\'s `extractEntryTo` with a target folder built from the name), lands outside that folder and can overwrite code, configuration or keys. Reported in the function that reads the name: unzipper/unzip/node-tar/tar-stream/yauzl/node-stream-zip `entry` events (`entry.path`, `header.name`, `entry.fileName`), adm-zip `getEntries()` (`entryName`), unzipper `Open` directories (`file.path`) and JSZip (`zip.forEach((relativePath, file) => …)`, `Object.keys(zip.files)`, `file.name`). Not reported: names passed through `path.basename` or any other call, and writes the function guards with a containment check (a `..` search, `startsWith` on the resolved target, a `path.relative` test, an allow-list lookup). High-level extraction (`zip.extractAllTo`, `tar.x`, `unzipper.Extract`) checks names itself and is not reported, except node-tar given `preservePaths: true`, which turns that check off.',
    severity: 'high',
    messages: {
      preservePaths: '`{{fn}}` is given `preservePaths: true`, which extracts entries with absolute names, `..` segments and paths through symbolic links wherever they point (Zip Slip); remove the option so node-tar keeps every entry inside `cwd`.',
      archive: '`{{fn}}` writes to a path named by an archive entry ({{source}}); an entry called `../../x` or `/etc/x` lands outside the extraction folder (Zip Slip). Resolve the target and check it stays inside the folder (`if (!target.startsWith(root + path.sep)) skip`), or skip entries whose name is absolute or contains `..`.',
    },
    remediation: 'Resolve each target with `const target = path.resolve(root, entry.path)` and skip the entry unless `target.startsWith(root + path.sep)`; or use the library\'s own extraction (`zip.extractAllTo`, `tar.x({ cwd })`, `unzipper.Extract({ path })`), which rejects such names.',
    references: ['https://security.snyk.io/research/zip-slip-vulnerability', 'https://codeql.github.com/codeql-query-help/javascript/js-zipslip/', 'https://cwe.mitre.org/data/definitions/22.html', 'https://owasp.org/Top10/A01_2021-Broken_Access_Control/'],
    cwe: ['CWE-22'],
    equivalents: { codeql: ['js/zipslip'] },
  },
  (r) => {
    const guarded = (node: N, target: N, entry: N) =>
      onlyConstantPath(r.a, node, target) || [target, entry].some((v) => validatedInFunction(r.a, node, v, (check) => containsCheck(r.a, check, v))) || relativeChecked(r.a, node, [target, entry]);
    const check = (node: N, target: N | undefined, fn: string) => {
      if (!target || target.type === 'SpreadElement') return;
      const entry = archiveEntryName(r.a, target);
      if (entry && !guarded(node, target, entry)) r.at(node, 'archive', { fn, source: snippet(r.ctx, entry) });
    };
    return {
      CallExpression(node: N) {
        if (!ARCHIVE_MODULES.some((m) => r.a.modules.has(m))) return;
        const ref = calledModuleFunction(r.a, node);
        // node-tar keeps absolute and `..` names only when told to
        if (ref?.module === 'tar' && ref.path.length === 1 && (ref.path[0] === 'x' || ref.path[0] === 'extract')) {
          const opt = objectLiteral(r.a, node.arguments[0])?.props.get('preservePaths');
          if (opt?.type === 'Property' && isTrue(r.a, opt.value)) r.at(opt, 'preservePaths', { fn: `tar.${ref.path[0]}` });
          return;
        }
        if (ref && (FS_MODULES.includes(ref.module) || ref.module === 'mkdirp')) {
          const fn = ref.module === 'mkdirp' ? 'mkdirp' : ref.path[ref.path.length - 1];
          const ok = ref.module === 'mkdirp' ? ref.path.length <= 1 : ref.path.length === 1 || (ref.path.length === 2 && ref.path[0] === 'promises');
          if (!ok || !(fn in FS_WRITE_TARGET)) return;
          const name = ref.module === 'mkdirp' ? 'mkdirp' : `${ref.module === 'fs/promises' ? 'fs.promises' : ref.module}.${ref.path.join('.')}`;
          check(node, node.arguments[ref.module === 'mkdirp' ? 0 : FS_WRITE_TARGET[fn]], name);
          return;
        }
        // adm-zip keeps the entry's own name inside targetPath, but not a targetPath built from the name
        const callee = unwrap(node.callee);
        if (callee.type === 'MemberExpression' && propertyKey(callee) === 'extractEntryTo' && r.a.modules.has('adm-zip')) check(node, node.arguments[1], 'extractEntryTo');
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Angular DomSanitizer bypass

const BYPASS_METHODS = /^bypassSecurityTrust(Html|Style|Script|Url|ResourceUrl)$/;

/** A constant (also a `this` field only ever given constants) or a sanitiser's output, also as either side of a `??`/`||` default (`sanitize(…) ?? ''`). */
function trusted(a: Analysis, node: N, depth = 0): boolean {
  if (isStatic(a, node) || isSanitised(a, node)) return true;
  const v = unwrap(resolveValue(a, node));
  if (v?.type === 'MemberExpression' && !v.computed && unwrap(v.object).type === 'ThisExpression') {
    const values = thisFieldValues(a, propertyKey(v) ?? '');
    return values.length > 0 && values.every((x) => x !== undefined && isStatic(a, x));
  }
  return depth < 4 && v?.type === 'LogicalExpression' && trusted(a, v.left, depth + 1) && trusted(a, v.right, depth + 1);
}

export const angularBypassSecurity = codeRule(
  {
    id: 'code/angular-bypass-security',
    title: 'Angular DomSanitizer bypassed for a value that is not a constant',
    description:
      'OWASP A03:2021 Injection (cross-site scripting). Angular escapes or sanitises every value bound into a template; `DomSanitizer.bypassSecurityTrustHtml`, `…Script`, `…Style`, `…Url` and `…ResourceUrl` mark a value as already safe, so Angular inserts it untouched. Given anything but a constant (an API response, a route parameter, a pipe\'s input) the bypass becomes an XSS hole: markup with event handlers, a `javascript:` URL, or an iframe `src` on another site. Reported when the file imports from `@angular/platform-browser` and the value is not a constant (nor a component field only ever given constants), not the output of a sanitiser (`DomSanitizer.sanitize`, DOMPurify), and, for URLs, does not start with a fixed `https://host/` or `/path`.',
    severity: 'medium',
    messages: {
      bypass: '`{{method}}` marks a value that is not a constant ({{source}}) as safe, so Angular will not sanitise it; bind the value normally and let Angular sanitise it, or sanitise it first (`this.sanitizer.sanitize(SecurityContext.HTML, value)` / DOMPurify) and bypass only for constants.',
    },
    remediation: 'Remove the bypass and bind the value (`[innerHTML]="html"` is sanitised automatically); where trusted markup or an embed URL is genuinely needed, build it from constants (a fixed `https://www.youtube-nocookie.com/embed/` plus a validated id) or sanitise it before the call.',
    references: ['https://angular.dev/best-practices/security#bypass-security-apis', 'https://angular.dev/api/platform-browser/DomSanitizer', 'https://cwe.mitre.org/data/definitions/79.html', 'https://owasp.org/Top10/A03_2021-Injection/'],
    cwe: ['CWE-79'],
    equivalents: { eslint: ['@microsoft/sdl/no-angular-bypass-sanitizer'], semgrep: ['typescript.angular.security.audit.angular-domsanitizer.angular-bypasssecuritytrust'] },
  },
  (r) => ({
    CallExpression(node: N) {
      const callee = unwrap(node.callee);
      if (callee.type !== 'MemberExpression') return;
      const method = propertyKey(callee) ?? '';
      if (!BYPASS_METHODS.test(method) || !r.a.modules.has('@angular/platform-browser')) return;
      // a stand-in object written in the file (`{ bypassSecurityTrustHtml: (v) => v }`) is not Angular's sanitizer
      if (unwrap(resolveValue(r.a, callee.object)).type === 'ObjectExpression') return;
      const arg = node.arguments[0];
      if (!arg || arg.type === 'SpreadElement' || trusted(r.a, arg)) return;
      if (/Url$/.test(method)) {
        const prefix = staticPrefix(r.a, arg);
        // a fixed origin (or a same-site path) decides where the URL points
        if (prefix && (/^https:\/\/[^/?#\\@]+[/?#]/i.test(prefix) || /^\/[^/\\]/.test(prefix))) return;
      }
      r.at(node, 'bypass', { method, source: snippet(r.ctx, arg) });
    },
  }),
);

// ---------------------------------------------------------------------------------------------
// Mass assignment

const MONGOOSE_LIKE = ['mongoose', 'sequelize', '@sequelize/core'];
/** Model methods whose first argument is the new record's values. */
const CREATE_METHODS = new Set(['create', 'insertMany', 'build', 'bulkCreate', 'upsert']);
/** Model methods whose second argument is the update (Mongoose: filter/id first). */
const UPDATE_METHODS = new Set(['findByIdAndUpdate', 'findOneAndUpdate', 'updateOne', 'updateMany', 'replaceOne', 'findOneAndReplace']);
/** Finders whose result is one model instance. */
const FINDERS = new Set(['findById', 'findOne', 'findByPk', 'findOneOrFail', 'findOneBy', 'findOneByOrFail']);
/** Instance methods that copy every property of their argument onto the record. */
const INSTANCE_SETTERS = new Set(['set', 'update', 'overwrite', 'updateOne']);
/** A module specifier naming a models file or folder: `../models/user`, `./user.model`, `@/models`. */
const MODELS_FILE = /^(\.{1,2}\/|[@~]\/|src\/)(.*[/.])?(models?|entity|entities)(\/|\.|$)/i;

/** A Prisma client: `new PrismaClient()`, or a value named `prisma` (`import { prisma } from '../lib/db'`, `this.prisma`). */
function isPrismaClient(a: Analysis, node: N): boolean {
  const v = unwrap(resolveValue(a, node));
  if (v?.type === 'NewExpression' && moduleOf(a, v.callee)?.module === '@prisma/client') return true;
  const chain = memberChain(a, node) ?? [];
  const last = chain[chain.length - 1] ?? memberName(node);
  return !!last && words(last).includes('prisma');
}

/**
 * The value is an ORM model (a class whose `create`/`new` writes a record): a `mongoose.model(…)` or
 * `sequelize.define(…)` result, a class extending Sequelize's or Mongoose's `Model`, a TypeORM repository
 * (`dataSource.getRepository(User)`), or a capitalised (or `…Model`) value imported from a models file.
 */
function isModel(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 8) return false;
  const ref = moduleOf(a, n);
  if (ref) {
    if (!MODELS_FILE.test(ref.module)) return false;
    const name = ref.path[ref.path.length - 1] ?? memberName(n) ?? '';
    return /^[A-Z]/.test(name) || /Model$/.test(name);
  }
  if (n.type === 'Identifier') {
    const b = a.binding(n);
    if (b?.kind === 'class' && b.decl?.superClass) {
      const sup = moduleOf(a, b.decl.superClass);
      return !!sup && MONGOOSE_LIKE.includes(sup.module) && sup.path[sup.path.length - 1] === 'Model';
    }
  }
  const v = unwrap(resolveValue(a, n));
  if (v !== n && v?.type !== 'CallExpression') return v ? isModel(a, v, depth + 1) : false;
  if (v?.type !== 'CallExpression') return false;
  const fn = calledModuleFunction(a, v);
  if (fn?.module === 'mongoose' && fn.path[fn.path.length - 1] === 'model') return true;
  const callee = unwrap(v.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyKey(callee);
  const recv = unwrap(resolveValue(a, callee.object));
  const recvRef = recv?.type === 'CallExpression' || recv?.type === 'NewExpression' ? moduleOf(a, recv.callee) : undefined;
  // mongoose.createConnection(uri).model('User', schema)
  if (method === 'model') return recvRef?.module === 'mongoose';
  // new Sequelize(…).define('User', { … })
  if (method === 'define') return !!recvRef && (recvRef.module === 'sequelize' || recvRef.module === '@sequelize/core');
  if (method === 'getRepository' || method === 'getMongoRepository') {
    const entity = v.arguments[0] && moduleOf(a, v.arguments[0]);
    return a.modules.has('typeorm') || a.modules.has('@mikro-orm/core') || (!!entity && MODELS_FILE.test(entity.module));
  }
  return false;
}

/** A model instance: `await User.findById(id)`, `await repo.findOneBy({ id })`, `new User(…)`. */
function isModelInstance(a: Analysis, node: N): boolean {
  let v = unwrap(resolveValue(a, node));
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument);
  if (v?.type === 'NewExpression') return isModel(a, v.callee);
  if (v?.type !== 'CallExpression') return false;
  const callee = unwrap(v.callee);
  return callee.type === 'MemberExpression' && FINDERS.has(propertyKey(callee) ?? '') && isModel(a, callee.object);
}

/** The parameter is injected by a NestJS (or routing-controllers) decorator such as `@Body()`: a DTO its pipes may have checked and stripped. */
function decoratedParameter(a: Analysis, node: N): boolean {
  const id = unwrap(node);
  const b = id?.type === 'Identifier' ? a.binding(id) : undefined;
  if (b?.kind !== 'param' || !b.decl || b.paramIndex === undefined) return false;
  const raw = b.decl.params[b.paramIndex];
  const param = raw?.type === 'TSParameterProperty' ? raw.parameter : raw;
  return !!(raw?.decorators?.length || param?.decorators?.length);
}

/** The whole request body (`req.body`, `ctx.request.body`), or an object spreading it (`{ ...req.body, owner }`). */
function wholeBody(a: Analysis, node: N, depth = 0): boolean {
  const n = unwrap(node);
  if (!n || depth > 6) return false;
  if (n.type === 'Identifier' || n.type === 'MemberExpression') {
    const chain = memberChain(a, n);
    if (chain && !decoratedParameter(a, n)) {
      const [root, p1, p2] = chain;
      if ((root === 'req' || root === 'request') && (p1 === 'body' || p1 === 'payload') && chain.length === 2) return true;
      if ((root === 'ctx' || root === 'context') && p1 === 'request' && p2 === 'body' && chain.length === 3) return true;
    }
    const v = resolveValue(a, n);
    return v !== n && wholeBody(a, v, depth + 1);
  }
  if (n.type === 'ObjectExpression') return n.properties.some((p: N) => p.type === 'SpreadElement' && wholeBody(a, p.argument, depth + 1));
  // `await request.json()` (fetch Request: Next.js route handlers, Remix, Hono's `c.req.json()`)
  if (n.type === 'AwaitExpression') {
    const call = unwrap(n.argument);
    const callee = call?.type === 'CallExpression' ? unwrap(call.callee) : undefined;
    const on = callee?.type === 'MemberExpression' && propertyKey(callee) === 'json' ? memberChain(a, callee.object) : undefined;
    return !!on && ['req', 'request'].includes(on[on.length - 1]) && on.length <= 2;
  }
  // Object.assign({}, req.body)
  if (n.type === 'CallExpression' && memberName(unwrap(n.callee).object) === 'Object' && calleeName(n) === 'assign') return n.arguments.slice(1).some((x: N) => x.type !== 'SpreadElement' && wholeBody(a, x, depth + 1));
  return false;
}

/** Calls that check or strip a request body against a schema. */
const VALIDATORS = /^(validate\w*|parse|parseAsync|safeParse|safeParseAsync|assert\w*|check\w*|sanitize\w*|plainToInstance|plainToClass|transformAndValidate|cast)$/;
/** Route middleware whose name says it validates the body: `validate(schema)`, `celebrate({ … })`, `checkSchema(…)`, express-validator `body('x')`. */
const VALIDATING_MIDDLEWARE = /valid|celebrate|schema|sanitiz|\bbody\(|\bcheck\(/i;

/** The handler around `node` checks the body first (a schema `.parse`/`validate` of it), or is registered behind validating middleware. */
function bodyValidated(a: Analysis, text: string, node: N): boolean {
  const fn = enclosingFunction(a, node);
  if (!fn) return false;
  let found = false;
  walk(fn.body, (x) => {
    if (found) return true;
    if (x.type === 'CallExpression' && VALIDATORS.test(calleeName(x) ?? '') && x.arguments.some((arg: N) => arg.type !== 'SpreadElement' && wholeBody(a, arg))) found = true;
    return undefined;
  });
  if (found) return true;
  const reg = a.parent(fn);
  if (reg?.type !== 'CallExpression' || !reg.arguments.includes(fn)) return false;
  return reg.arguments.some((x: N) => x !== fn && x.type !== 'Literal' && VALIDATING_MIDDLEWARE.test(text.slice(x.range[0], x.range[1])));
}

export const massAssignment = codeRule(
  {
    id: 'code/mass-assignment',
    title: 'Whole request body written to a database model (mass assignment)',
    description:
      'OWASP API3:2023 Broken Object Property Level Authorization / A04:2021 Insecure Design. Passing `req.body` whole to `Model.create`, `new Model(…)`, `Model.update`, `findByIdAndUpdate`, a Prisma `data:` or `Object.assign(record, req.body)` stores every field the caller sends, including ones the form never shows: `role: \'admin\'`, `isVerified: true`, another user\'s `ownerId`, a price. Reported only where the receiver is known to be a model: a `mongoose.model(…)` or `sequelize.define(…)` result, a class extending Sequelize\'s or Mongoose\'s `Model`, a TypeORM repository, a Prisma client, or a capitalised (or `…Model`) value imported from a models file; a record found with `findById`/`findOne`/`findByPk` for instance methods (`doc.set(req.body)`, `Object.assign(doc, req.body)` followed by `doc.save()`). Not reported: picked fields (`{ name, email }`, `_.pick(req.body, …)`), a schema check of the body in the handler (`schema.parse(req.body)`, `validate(req.body)`) or validating middleware on the route, and NestJS `@Body()` DTOs, whose validation pipe may strip unknown fields.',
    severity: 'medium',
    messages: {
      create: '`{{call}}` writes the whole request body ({{source}}) to the database, so a caller can set any field of the record (a role, an owner, a verified flag); copy only the fields the form allows (`const { name, email } = req.body`) or validate the body with a schema that strips unknown keys.',
      assign: '`{{call}}` copies every property of the request body ({{source}}) onto a database record before it is saved, so a caller can set any field (a role, an owner, a verified flag); copy only the fields the form allows, or validate the body with a schema that strips unknown keys.',
    },
    remediation: 'Pick the allowed fields explicitly (`User.create({ name: req.body.name, email: req.body.email })` or `_.pick(req.body, [\'name\', \'email\'])`), or parse the body with a schema that drops unknown keys (zod `.strip()`, Joi `stripUnknown`, class-validator `whitelist: true`) before writing it.',
    references: ['https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html', 'https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/', 'https://cwe.mitre.org/data/definitions/915.html'],
    cwe: ['CWE-915'],
    equivalents: {},
  },
  (r) => {
    const report = (node: N, body: N | undefined, messageId: 'create' | 'assign', call: string) => {
      if (!body || body.type === 'SpreadElement' || !wholeBody(r.a, body) || bodyValidated(r.a, r.ctx.file.text, node)) return;
      r.at(body, messageId, { call, source: snippet(r.ctx, body) });
    };
    /** `doc.save()` called after `node` in the same function. */
    const savedAfter = (node: N, doc: N): boolean => {
      const fn = enclosingFunction(r.a, node);
      let saved = false;
      walk(fn ? fn.body : r.a.program, (x) => {
        if (saved) return true;
        if (x.type === 'CallExpression' && x.range[0] > node.range[1] && calleeName(x) === 'save' && unwrap(x.callee).type === 'MemberExpression' && sameValue(r.a, unwrap(x.callee).object, doc)) saved = true;
        return undefined;
      });
      return saved;
    };
    return {
      NewExpression(node: N) {
        if (isModel(r.a, node.callee)) report(node, node.arguments[0], 'create', `new ${snippet(r.ctx, node.callee, 30)}()`);
      },
      CallExpression(node: N) {
        const callee = unwrap(node.callee);
        if (callee.type !== 'MemberExpression') return;
        const method = propertyKey(callee) ?? '';
        const args = node.arguments as N[];
        const label = `${snippet(r.ctx, callee, 40)}()`;
        // Object.assign(doc, req.body); await doc.save()
        if (method === 'assign' && memberName(callee.object) === 'Object' && args.length >= 2 && args[0].type !== 'SpreadElement') {
          const target = unwrap(args[0]);
          if ((target.type === 'Identifier' || target.type === 'MemberExpression') && (isModelInstance(r.a, target) || savedAfter(node, target))) {
            const body = args.slice(1).find((x) => x.type !== 'SpreadElement' && wholeBody(r.a, x));
            if (body) report(node, body, 'assign', 'Object.assign');
          }
          return;
        }
        // Prisma: prisma.user.create({ data: req.body })
        if (['create', 'update', 'upsert', 'createMany', 'updateMany'].includes(method) && unwrap(callee.object).type === 'MemberExpression' && isPrismaClient(r.a, unwrap(callee.object).object)) {
          const opts = objectLiteral(r.a, args[0]);
          for (const key of ['data', 'create', 'update']) {
            const p = opts?.props.get(key);
            if (p?.type === 'Property') report(node, p.value, 'create', label);
          }
          return;
        }
        if (isModel(r.a, callee.object)) {
          if (CREATE_METHODS.has(method) || method === 'save' || method === 'insert') report(node, args[0], 'create', label);
          else if (UPDATE_METHODS.has(method)) report(node, args[1], 'create', label);
          else if (method === 'update' || method === 'merge') {
            // Sequelize `Model.update(values, { where })`; Mongoose `Model.update(filter, update)`; TypeORM `repo.update(id, values)`, `repo.merge(entity, values)`
            const where = objectLiteral(r.a, args[1])?.props.has('where');
            report(node, where ? args[0] : args[1], 'create', label);
          }
          return;
        }
        if (INSTANCE_SETTERS.has(method) && isModelInstance(r.a, callee.object)) report(node, args[0], 'assign', label);
      },
    };
  },
);

// ---------------------------------------------------------------------------------------------
// Host header poisoning

/** Request headers that carry the host the client asked for. */
const HOST_HEADERS = new Set(['host', 'x-forwarded-host', 'x-host', 'x-forwarded-server']);

/**
 * The host the request names: `req.headers.host`, `req.get('host')`, `req.hostname`, `ctx.host`; or, with `origin`,
 * a whole origin the request decides (Koa's `ctx.origin`/`ctx.href`).
 */
function hostRead(a: Analysis, node: N, depth = 0): 'host' | 'origin' | undefined {
  const n = unwrap(node);
  if (!n || depth > 8) return undefined;
  if (n.type === 'CallExpression') {
    const callee = unwrap(n.callee);
    if (callee.type !== 'MemberExpression' || !['get', 'header', 'getHeader'].includes(propertyKey(callee) ?? '')) return undefined;
    const key = staticString(a, n.arguments[0])?.toLowerCase();
    if (!key || !HOST_HEADERS.has(key)) return undefined;
    const on = memberChain(a, callee.object);
    if (on && on.length === 1 && ['req', 'request', 'ctx', 'context'].includes(on[0])) return 'host';
    // fetch Request headers (`request.headers.get('host')`) and Next.js `headers().get('host')`
    if (on && on.length === 2 && ['req', 'request'].includes(on[0]) && on[1] === 'headers') return 'host';
    let obj = unwrap(resolveValue(a, callee.object));
    if (obj?.type === 'AwaitExpression') obj = unwrap(obj.argument);
    return obj?.type === 'CallExpression' && moduleOf(a, obj.callee)?.module === 'next/headers' ? 'host' : undefined;
  }
  if (n.type === 'LogicalExpression') return hostRead(a, n.left, depth + 1) ?? hostRead(a, n.right, depth + 1);
  if (n.type === 'ConditionalExpression') return hostRead(a, n.consequent, depth + 1) ?? hostRead(a, n.alternate, depth + 1);
  if (n.type === 'Identifier' || n.type === 'MemberExpression') {
    const chain = memberChain(a, n);
    const [root, ...rest] = chain ?? [];
    const isCtx = root === 'ctx' || root === 'context';
    if (root === 'req' || root === 'request' || isCtx) {
      const tail = isCtx && rest[0] === 'request' ? rest.slice(1) : rest;
      const j = tail.join('.');
      if (j === 'host' || j === 'hostname') return 'host';
      if (tail.length === 2 && (tail[0] === 'headers' || tail[0] === 'header') && HOST_HEADERS.has(tail[1].toLowerCase())) return 'host';
      if (isCtx && (j === 'origin' || j === 'href')) return 'origin';
    }
    if (n.type === 'Identifier') {
      const v = resolveValue(a, n);
      if (v !== n) return hostRead(a, v, depth + 1);
    }
  }
  return undefined;
}

/** Where a value goes: an email, a response body, a redirect (`open-redirect` for those code/open-redirect judges), a log line. */
type Use = 'email' | 'redirect' | 'response' | 'log' | 'open-redirect';

/** Response methods that send a page (HTML a shared cache may keep); JSON API self and paging links (`res.json({ next })`) are not counted. */
const PAGE_METHODS = ['send', 'end', 'write', 'render'];

/** What a call does with an argument: sends an email (by its name or receiver: `sendMail`, `sgMail.send`, `sendResetEmail`), writes a response, redirects, logs. */
function callUse(a: Analysis, call: N): Use | undefined {
  const callee = unwrap(call.callee);
  const name = calleeName(call) ?? '';
  const recv = callee.type === 'MemberExpression' ? (memberChain(a, callee.object) ?? [memberName(callee.object) ?? '']) : [];
  const recvWords = recv.flatMap((x) => words(x));
  if (recv[0] === 'console' || recvWords.some((w) => w === 'log' || w === 'logger' || w === 'logging') || ['log', 'debug', 'info', 'warn', 'trace'].includes(name)) return 'log';
  if (words(name).some((w) => w === 'mail' || w === 'email' || w === 'mailer') || (['send', 'sendMail', 'create', 'sendEmail', 'deliver'].includes(name) && recvWords.some((w) => w === 'mail' || w === 'email' || w === 'emails' || w === 'mailer' || w === 'transporter' || w === 'transport' || w === 'ses' || w === 'postmark' || w === 'mailgun'))) return 'email';
  if (callee.type !== 'MemberExpression') return undefined;
  // Express/Koa redirects to a request-chosen host are code/open-redirect's findings
  if (name === 'redirect' && (isResponseCall(a, call, 'redirect') || recv.join('.') === 'ctx')) return 'open-redirect';
  if (name === 'location' && isResponseCall(a, call, 'location')) return 'open-redirect';
  if (['setHeader', 'set', 'header'].includes(name) && isResponseCall(a, call, name) && staticString(a, call.arguments[0])?.toLowerCase() === 'location') return 'open-redirect';
  if (name === 'redirect' && ['NextResponse', 'Response'].includes(recv.join('.'))) return 'redirect';
  if (PAGE_METHODS.includes(name) && responseReceiver(a, call)) return 'response';
  return undefined;
}

/** Calls whose result carries their receiver or argument's text: `url.toString()`, `new URL(path, base)`, `encodeURI(url)`. */
function passesThrough(a: Analysis, parent: N, cur: N): boolean {
  if (parent.type === 'NewExpression') return unwrap(parent.callee).type === 'Identifier' && unwrap(parent.callee).name === 'URL';
  if (parent.type === 'MemberExpression') return parent.object === cur && ['href', 'toString', 'concat', 'replace', 'trim', 'origin', 'toJSON'].includes(propertyKey(parent) ?? '');
  if (parent.type === 'CallExpression') {
    if (unwrap(parent.callee) === cur) return true; // `url.toString()` after the member step
    const name = calleeName(parent);
    return !!name && ['encodeURI', 'String', 'format', 'resolve'].includes(name) && (name !== 'format' || moduleOf(a, parent.callee)?.module === 'url');
  }
  return false;
}

/** Every place a built URL reaches within a few steps: through concatenation, object literals, variables and returns. */
function usesOf(a: Analysis, node: N, seen: Set<N>, depth = 0): Use[] {
  if (depth > 6 || seen.has(node)) return [];
  seen.add(node);
  let cur = node;
  for (let p = a.parent(cur); p; cur = p, p = a.parent(cur)) {
    if (p.type === 'TemplateLiteral' || (p.type === 'BinaryExpression' && p.operator === '+') || p.type === 'ArrayExpression' || p.type === 'AwaitExpression' || p.type === 'ChainExpression' || p.type === 'TSAsExpression' || p.type === 'TSNonNullExpression') continue;
    if ((p.type === 'ConditionalExpression' && p.test !== cur) || p.type === 'LogicalExpression') continue;
    if (p.type === 'Property' && p.value === cur) continue;
    if (p.type === 'ObjectExpression' || p.type === 'SpreadElement') continue;
    if (p.type === 'JSXExpressionContainer' || p.type === 'JSXAttribute' || p.type === 'JSXElement' || p.type === 'JSXOpeningElement') continue;
    if (p.type === 'TaggedTemplateExpression' && p.quasi === cur) continue;
    if (passesThrough(a, p, cur)) continue;
    break;
  }
  const p = a.parent(cur);
  if (!p) return [];
  if ((p.type === 'CallExpression' || p.type === 'NewExpression') && p.arguments.includes(cur)) {
    const use = p.type === 'CallExpression' ? callUse(a, p) : undefined;
    return use ? [use] : [];
  }
  const refs = (id: N): Use[] => {
    const b = a.binding(id);
    if (!b) return [];
    const out: Use[] = [];
    walk(a.program, (x) => {
      if (x.type === 'Identifier' && x !== id && x.range[0] > id.range[0] && a.binding(x) === b) {
        const xp = a.parent(x);
        // the name being declared or written, not read
        if (!(xp?.type === 'VariableDeclarator' && xp.id === x) && !(xp?.type === 'AssignmentExpression' && xp.left === x)) out.push(...usesOf(a, x, seen, depth + 1));
      }
      return undefined;
    });
    return out;
  };
  if (p.type === 'VariableDeclarator' && p.init === cur && p.id.type === 'Identifier') return refs(p.id);
  if (p.type === 'AssignmentExpression' && p.right === cur) {
    let left = unwrap(p.left);
    while (left.type === 'MemberExpression') left = unwrap(left.object);
    return left.type === 'Identifier' ? refs(left) : [];
  }
  // function resetLink(req, token) { return `https://${req.headers.host}/reset/${token}`; }
  const fn = p.type === 'ReturnStatement' ? enclosingFunction(a, p) : FUNCTION_NODE_TYPES.has(p.type) && p.body === cur ? p : undefined;
  if (fn) {
    const fp = a.parent(fn);
    const id = fn.id ?? (fp?.type === 'VariableDeclarator' && fp.id.type === 'Identifier' ? fp.id : undefined);
    if (!id) return [];
    const b = a.binding(id);
    const out: Use[] = [];
    for (const c of a.calls) {
      const ce = unwrap(c.callee);
      if (ce.type === 'Identifier' && ce.name === id.name && a.binding(ce) === b) out.push(...usesOf(a, c, seen, depth + 1));
    }
    return out;
  }
  return [];
}

/** A whole string-building expression (`` `${…}` `` or `a + b`) the node is a direct piece of. */
function outermostBuild(a: Analysis, node: N): N | undefined {
  let cur = node;
  let built: N | undefined;
  for (let p = a.parent(cur); p; cur = p, p = a.parent(cur)) {
    if (p.type === 'TemplateLiteral' || (p.type === 'BinaryExpression' && p.operator === '+')) built = p;
    else if (!['TSAsExpression', 'TSNonNullExpression', 'ChainExpression'].includes(p.type)) break;
  }
  return built;
}

export const hostHeaderPoisoning = codeRule(
  {
    id: 'code/host-header-poisoning',
    title: 'Absolute URL built from the request\'s Host header',
    description:
      'OWASP A04:2021 Insecure Design / A05:2021; CWE-640 Weak Password Recovery Mechanism. The `Host` header (and `X-Forwarded-Host`, `req.hostname`, Koa\'s `ctx.host`/`ctx.origin`) is whatever the client sends. A password-reset or sign-in link built as `` `${req.protocol}://${req.get(\'host\')}/reset/${token}` `` and emailed to a user points at the attacker\'s site when the attacker requests the reset for the victim with `Host: evil.example`: the victim clicks, and the token goes to the attacker (password-reset poisoning). Links in responses and redirects can be poisoned the same way through shared caches. Reported where such a URL is built (the host right after `://`) and then reaches an email-sending call (high), a page sent in a response (`res.send`, `res.render`, `res.write`) or a `NextResponse.redirect` (low). Not reported: a host checked against an allow-list in the function, the HTTPS upgrade of the same request (`\'https://\' + req.get(\'host\') + req.url`), hosts only logged, JSON responses (API self and paging links), and Express/Koa redirects (`res.redirect`, `ctx.redirect`, a `Location` header), which `code/open-redirect` reports.',
    severity: 'medium',
    messages: {
      email: 'This URL takes its host from the request\'s Host header ({{source}}) and is sent by email, so a reset or sign-in link can point at an attacker\'s site (password-reset poisoning); build links from a configured base URL (`process.env.APP_URL`) instead.',
      response: 'This URL takes its host from the request\'s Host header ({{source}}) and is sent in a page, where a shared cache can serve the poisoned link to other users; build links from a configured base URL instead.',
      redirect: 'This redirect URL takes its host from the request\'s Host header ({{source}}); a cached redirect can send other users to an attacker\'s site. Redirect to a path, or build the URL from a configured base URL.',
    },
    remediation: 'Keep the service\'s public base URL in configuration (`const base = process.env.APP_URL`) and build every absolute link from it; if the host must come from the request, check it against an allow-list of the service\'s own hostnames first.',
    references: ['https://portswigger.net/web-security/host-header/exploiting/password-reset-poisoning', 'https://codeql.github.com/codeql-query-help/javascript/js-host-header-forgery-in-email-generation/', 'https://cwe.mitre.org/data/definitions/640.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html'],
    cwe: ['CWE-640', 'CWE-20'],
    equivalents: { codeql: ['js/host-header-forgery-in-email-generation'] },
  },
  (r) => {
    const done = new Set<N>();
    const check = (node: N) => {
      const kind = hostRead(r.a, node);
      if (!kind) return;
      const built = outermostBuild(r.a, node);
      if (!built || done.has(built)) return;
      // the host must start the URL's authority: right after `://`, or (a whole origin) the first piece
      const parts = concatParts(built);
      const i = parts.findIndex((x) => typeof x !== 'string' && (x === node || x === unwrap(node)));
      if (i < 0) return;
      const before = parts.slice(0, i).map((x) => (typeof x === 'string' ? x : (staticString(r.a, x) ?? '\u0000'))).join('');
      if (kind === 'host' ? !/:\/\/$/.test(before) : i !== 0) return;
      done.add(built);
      if (validatedInFunction(r.a, built, node)) return;
      const uses = new Set(usesOf(r.a, built, new Set()));
      const source = snippet(r.ctx, node);
      if (uses.has('email')) r.at(built, 'email', { source }, 'high');
      else if (isHttpsUpgrade(r.a, built)) return;
      else if (uses.has('redirect')) r.at(built, 'redirect', { source }, 'low');
      else if (uses.has('response')) r.at(built, 'response', { source }, 'low');
    };
    return { MemberExpression: check, CallExpression: check, Identifier: check };
  },
);

// ---------------------------------------------------------------------------------------------
// GraphQL introspection and IDEs

const APOLLO_MODULES = [
  '@apollo/server', 'apollo-server', 'apollo-server-express', 'apollo-server-koa', 'apollo-server-hapi', 'apollo-server-fastify', 'apollo-server-lambda',
  'apollo-server-micro', 'apollo-server-cloud-functions', 'apollo-server-azure-functions', 'apollo-server-cloudflare',
];
/** Conditions that make code development-only. */
const DEV_ONLY = /NODE_ENV|\bget\(\s*['"]env['"]\s*\)|development|\bdev\b|isDev|debug|production|\bprod\b|isProd/i;

export const graphqlIntrospectionEnabled = codeRule(
  {
    id: 'code/graphql-introspection-enabled',
    title: 'GraphQL introspection or GraphiQL turned on for every environment',
    description:
      'OWASP API8:2023 Security Misconfiguration; CWE-200. Introspection answers `__schema` queries with every type, field, argument and mutation of the API, including internal or unfinished ones no client uses, and GraphiQL serves an in-browser explorer built on it. Apollo Server turns introspection off when `NODE_ENV` is `production`; `introspection: true` turns it back on there. express-graphql, koa-graphql and mercurius do not limit introspection, and `graphiql: true` also publishes the explorer. The schema is not a secret and hiding it is not access control, so the finding is low: it matters because it hands an attacker a complete map of operations to probe for missing authorisation checks and expensive queries. Reported for the literal `true` only: a value decided by the environment (`introspection: process.env.NODE_ENV !== \'production\'`), a variable, code inside a development-only branch, and test files are not reported.',
    severity: 'low',
    messages: {
      introspection: '`{{call}}` is given `{{option}}`, which keeps schema introspection on in production; use `introspection: process.env.NODE_ENV !== \'production\'` (or leave it out: Apollo Server turns it off in production).',
      graphiql: '`{{call}}` is given `{{option}}`, which serves the GraphiQL explorer (and its schema introspection) in every environment; enable it only outside production (`graphiql: process.env.NODE_ENV !== \'production\'`).',
    },
    remediation: 'Decide introspection and GraphiQL from the environment (`introspection: process.env.NODE_ENV !== \'production\'`), or add a validation rule such as graphql-js\'s `NoSchemaIntrospectionCustomRule` in production; keep authorisation checks on every resolver whether or not the schema is visible.',
    references: ['https://www.apollographql.com/docs/apollo-server/api/apollo-server#introspection', 'https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html#introspection-graphiql', 'https://cwe.mitre.org/data/definitions/200.html', 'https://owasp.org/API-Security/editions/2023/en/0xa8-security-misconfiguration/'],
    cwe: ['CWE-200'],
    sbd: ['7', '8'],
    equivalents: {},
  },
  (r) => {
    const devOnly = (node: N) => runsOnlyWhere(r.a, node, (test) => DEV_ONLY.test(r.ctx.file.text.slice(test.range[0], test.range[1])));
    const flag = (node: N, opts: N | undefined, key: 'introspection' | 'graphiql', call: string, strings: string[] = []) => {
      const lit = objectLiteral(r.a, opts);
      const prop = lit?.props.get(key);
      if (!prop || prop.type !== 'Property') return;
      const on = isTrue(r.a, prop.value) || strings.includes(staticString(r.a, prop.value) ?? '\u0000') || (key === 'graphiql' && unwrap(resolveValue(r.a, prop.value)).type === 'ObjectExpression');
      if (!on || devOnly(node)) return;
      r.at(prop, key, { call, option: snippet(r.ctx, prop, 60) });
    };
    const on = (node: N) => {
      if (isTestPath(r.ctx.file.path)) return;
      const ref = calledModuleFunction(r.a, node);
      if (node.type === 'NewExpression') {
        if (ref && APOLLO_MODULES.includes(ref.module) && ref.path.join('.') === 'ApolloServer') flag(node, node.arguments[0], 'introspection', 'new ApolloServer()');
        return;
      }
      if (ref?.module === '@nestjs/graphql' && ref.path.join('.') === 'GraphQLModule.forRoot') flag(node, node.arguments[0], 'introspection', 'GraphQLModule.forRoot()');
      else if (ref && (ref.module === 'express-graphql' || ref.module === 'koa-graphql') && (ref.path.length === 0 || ref.path.join('.') === 'graphqlHTTP')) flag(node, node.arguments[0], 'graphiql', 'graphqlHTTP()');
      else if (calleeName(node) === 'register' && node.arguments[0] && moduleOf(r.a, node.arguments[0])?.module === 'mercurius' && moduleOf(r.a, node.arguments[0])?.path.length === 0) flag(node, node.arguments[1], 'graphiql', 'register(mercurius)', ['graphiql']);
    };
    return { NewExpression: on, CallExpression: on };
  },
);
