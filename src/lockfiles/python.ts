/**
 * Python: requirements*.txt (pip's requirements file format,
 * https://pip.pypa.io/en/stable/reference/requirements-file-format/), poetry.lock and Pipfile.lock.
 */
import type { DataNode } from '../parsers/data/tree.js';
import { get, isMap, isSeq, isTrue, str } from '../parsers/data/tree.js';
import type { LineIndex } from '../model/location.js';
import { emptyResult, splitLines, type LockfileResult, type LockPackage } from './types.js';
import * as toml from './toml.js';
import { normalizePypiName } from '../osv/versions.js';

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;
/** A PEP 440 version specifier set: comma-separated `<operator> <version>` clauses (`${VAR}` as pip expands it). */
const CLAUSE = '\\s*(?:===?|!=|~=|>=|<=|>|<)\\s*[\\w.*+!${}-]+\\s*';
const SPECIFIER_SET = new RegExp(`^${CLAUSE}(?:,${CLAUSE})*$`);
const INDEX_OPTIONS = /^(-i|--index-url|--extra-index-url|-f|--find-links)(?:\s+|=)(\S+)/;

/** requirements.txt: only `name==version` pins are packages; everything else is noted. */
export function parseRequirements(text: string): LockfileResult {
  const res = emptyResult('requirements.txt');
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let logical = lines[i];
    // line continuations
    while (/(^|[^\\])\\$/.test(logical) && i + 1 < lines.length) logical = logical.slice(0, -1) + ' ' + lines[++i];
    // pip drops a backslash left on the file's last line
    if (/(^|[^\\])\\$/.test(logical)) logical = logical.slice(0, -1);
    // comments: `#` at the start or after whitespace
    const content = logical.replace(/(^|\s)#.*$/, '').trim();
    if (!content) continue;
    const lineNo = start + 1;
    const raw = lines[start];
    if (content.startsWith('-')) {
      const opt = INDEX_OPTIONS.exec(content);
      if (opt) {
        const col = raw.indexOf(opt[2]);
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(opt[2])) res.urls.push({ url: opt[2], line: lineNo, column: col >= 0 ? col + 1 : undefined, role: 'registry' });
        res.requirements.push({ line: lineNo, text: content, kind: 'option' });
        continue;
      }
      if (/^(-r|--requirement|-c|--constraint)(\s|=)/.test(content)) {
        res.requirements.push({ line: lineNo, text: content, kind: 'include' });
        continue;
      }
      const ed = /^(-e|--editable)(?:\s+|=)(\S+)/.exec(content);
      if (ed) {
        res.requirements.push({ line: lineNo, text: content, kind: 'editable' });
        const g = gitRequirement(ed[2]);
        if (g) res.packages.push({ ecosystem: 'PyPI', name: g.name ?? g.url, version: '', line: lineNo, link: true, git: { url: g.url, ref: g.ref, line: lineNo } });
        continue;
      }
      res.requirements.push({ line: lineNo, text: content, kind: 'option' });
      continue;
    }
    // a URL or path requirement (`git+https://…#egg=x`, `./pkg`, `https://…/x.whl`)
    const url = content.split(/\s+/)[0];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^(\.{1,2}[\\/]|\/|\.$)/.test(url) || /\.(whl|tar\.gz|zip)$/i.test(url)) {
      res.requirements.push({ line: lineNo, text: content, kind: 'url' });
      const g = gitRequirement(url);
      if (g) res.packages.push({ ecosystem: 'PyPI', name: g.name ?? g.url, version: '', line: lineNo, git: { url: g.url, ref: g.ref, line: lineNo } });
      else {
        const w = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? wheelOf(url) : undefined;
        if (w) res.packages.push({ ecosystem: 'PyPI', name: w.name, version: w.version, line: lineNo });
      }
      continue;
    }
    const nm = NAME.exec(content);
    if (!nm) {
      res.problems.push({ line: lineNo, message: `not a requirement, option or URL: "${content.slice(0, 60)}"` });
      continue;
    }
    const name = nm[1];
    // pip reads the requirement up to the first word starting with `-`; the per-requirement options
    // (`--hash`, `--config-settings`/`-C`, `--global-option`) and anything after them follow it
    const firstOption = /\s-/.exec(content);
    const requirement = firstOption ? content.slice(0, firstOption.index) : content;
    const rest = requirement.slice(nm[0].length).split(';')[0].trim();
    // PEP 508 direct reference: `name @ url`
    if (rest.startsWith('@')) {
      const target = rest.slice(1).trim().split(/\s+/)[0];
      res.requirements.push({ line: lineNo, text: content, kind: 'url' });
      const g = gitRequirement(target);
      if (g) res.packages.push({ ecosystem: 'PyPI', name, version: '', line: lineNo, git: { url: g.url, ref: g.ref, line: lineNo } });
      else {
        const w = wheelOf(target);
        if (w && normalizePypiName(w.name) === normalizePypiName(name)) res.packages.push({ ecosystem: 'PyPI', name, version: w.version, line: lineNo });
      }
      continue;
    }
    const spec = rest.replace(/^\(|\)$/g, '').trim();
    const pin = /^===?\s*([^\s,;*]+)$/.exec(spec);
    if (pin) {
      res.packages.push({ ecosystem: 'PyPI', name, version: pin[1], line: lineNo });
      continue;
    }
    if (spec !== '' && !SPECIFIER_SET.test(spec)) {
      res.problems.push({ line: lineNo, message: `cannot read the version specifier "${spec.slice(0, 60)}" of ${name}` });
      continue;
    }
    res.requirements.push({ line: lineNo, text: content, kind: 'unpinned' });
  }
  return res;
}

/**
 * A wheel's distribution name and version from its file name at the end of a URL
 * (`{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`; the binary distribution format
 * escapes `-` in both to `_`, so the fields split unambiguously).
 * https://packaging.python.org/en/latest/specifications/binary-distribution-format/
 */
function wheelOf(url: string): { name: string; version: string } | undefined {
  let file = url.split(/[?#]/)[0].split('/').pop() ?? '';
  try {
    file = decodeURIComponent(file);
  } catch {
    return undefined;
  }
  const m = /^([A-Za-z0-9_.]+)-([A-Za-z0-9_.!+]+)(?:-\d[A-Za-z0-9_.]*)?-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+-[A-Za-z0-9_.]+\.whl$/.exec(file);
  return m ? { name: m[1], version: m[2] } : undefined;
}

/** `git+https://host/x.git@ref#egg=name` → url, ref, name. */
function gitRequirement(spec: string): { url: string; ref?: string; name?: string } | undefined {
  const m = /^(git\+[a-z]+:\/\/[^#]+?)(?:@([^@/#]+))?(?:#(.*))?$/i.exec(spec);
  if (!m) return undefined;
  const egg = /(?:^|&)egg=([^&]+)/.exec(m[3] ?? '')?.[1];
  return { url: m[1], ref: m[2], name: egg?.split('[')[0] };
}

/** poetry.lock: `[[package]]` tables (`category = "dev"` in Poetry 1, `groups = [...]` in Poetry 2). */
export function parsePoetryLock(text: string): LockfileResult {
  const res = emptyResult('poetry.lock');
  const { elements, topLevel, problems } = toml.readArrayTables(text, 'package');
  res.problems.push(...problems);
  for (const t of elements) {
    const nv = toml.nameAndVersion(t, res.problems);
    if (!nv) continue;
    const { name, version } = nv;
    const pkg: LockPackage = { ecosystem: 'PyPI', name, version, line: t.line };
    const category = toml.str(t.value, 'category');
    const groups = toml.strings(t.value, 'groups');
    if (category === 'dev' || (groups.length > 0 && !groups.includes('main'))) pkg.dev = true;
    const source = toml.table(t.value, 'source');
    if (source) {
      const type = toml.str(source, 'type');
      const url = toml.str(source, 'url');
      const at = t.position(['source', 'url']) ?? { line: t.line, column: 1 };
      if (type === 'git' && url) pkg.git = { url, ref: toml.str(source, 'resolved_reference') ?? toml.str(source, 'reference'), line: at.line };
      else if (type === 'directory' || type === 'file') pkg.link = true;
      else if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) res.urls.push({ url, line: at.line, column: at.column, role: type === 'url' ? 'download' : 'registry', package: name });
    }
    res.packages.push(pkg);
  }
  if (res.packages.length === 0 && topLevel.has('metadata')) res.rootOnly = true;
  return res;
}

/** Pipfile.lock (JSON): `default` and `develop` maps of name → { version: "==x", … }; `_meta.sources`. */
export function parsePipfileLock(root: DataNode | null, lines: LineIndex): LockfileResult {
  const res = emptyResult('Pipfile.lock');
  if (!isMap(root)) return { ...res, unrecognised: true };
  for (const src of isSeq(get(get(root, '_meta'), 'sources')) ? (get(get(root, '_meta'), 'sources') as { items: DataNode[] }).items : []) {
    const url = get(src, 'url');
    const u = str(url);
    if (url && u && /^[a-z][a-z0-9+.-]*:\/\//i.test(u)) res.urls.push({ url: u, line: lines.position(url.start).line, column: lines.position(url.start).column + 1, role: 'registry' });
  }
  for (const section of ['default', 'develop'] as const) {
    const deps = get(root, section);
    if (!isMap(deps)) continue;
    for (const e of deps.entries) {
      const v = e.value;
      const name = String(e.key.value);
      const line = lines.position(e.key.start).line;
      const pkg: LockPackage = { ecosystem: 'PyPI', name, version: (str(get(v, 'version')) ?? '').replace(/^===?/, ''), line, ...(section === 'develop' ? { dev: true } : {}) };
      const git = get(v, 'git');
      if (git && str(git)) pkg.git = { url: str(git)!, ref: str(get(v, 'ref')), line: lines.position(git.start).line };
      else if (get(v, 'path') || get(v, 'file') || isTrue(get(v, 'editable'))) pkg.link = true;
      if (!pkg.version && !pkg.git && !pkg.link) continue;
      res.packages.push(pkg);
    }
  }
  if (res.packages.length === 0 && get(root, '_meta')) res.rootOnly = true;
  return res;
}
