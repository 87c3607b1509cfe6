/**
 * Java dependencies (OSV ecosystem Maven, packages named `groupId:artifactId`):
 * - gradle.lockfile (Gradle dependency locking, https://docs.gradle.org/current/userguide/dependency_locking.html):
 *   one `group:artifact:version=configuration,…` line per resolved module; a module that only test
 *   configurations resolve is development-only; `empty=…` lists configurations without dependencies.
 * - pom.xml (https://maven.apache.org/pom.html), read with `saxes`: not a lockfile, so only what the
 *   file itself decides is read: the direct dependencies (and dependencyManagement and profile
 *   entries) whose version is written there, directly or through `${property}` of this POM. A
 *   version that a parent POM or an imported BOM supplies, a version range or an unknown property is
 *   not read (the project's effective versions need Maven). `test` scope is development-only;
 *   `<repositories>` URLs are registries.
 */
import { lazy } from '../lazy.js';
import { emptyResult, splitLines, type LockfileResult, type LockPackage } from './types.js';

const saxes = lazy<typeof import('saxes')>('saxes');

const TEST_CONFIGURATION = /test/i;

export function parseGradleLockfile(text: string): LockfileResult {
  const res = emptyResult('gradle.lockfile');
  let sawEmpty = false;
  splitLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.lastIndexOf('=');
    const coords = eq < 0 ? line : line.slice(0, eq);
    const configurations = eq < 0 ? [] : line.slice(eq + 1).split(',').map((c) => c.trim()).filter(Boolean);
    if (coords === 'empty') {
      sawEmpty = true;
      return;
    }
    const parts = coords.split(':');
    if (parts.length !== 3 || parts.some((p) => !p.trim()) || eq < 0) {
      res.problems.push({ line: i + 1, message: 'expected group:artifact:version=configurations' });
      return;
    }
    const pkg: LockPackage = { ecosystem: 'Maven', name: `${parts[0]}:${parts[1]}`, version: parts[2], line: i + 1 };
    if (configurations.length > 0 && configurations.every((c) => TEST_CONFIGURATION.test(c))) pkg.dev = true;
    res.packages.push(pkg);
  });
  if (res.packages.length === 0 && sawEmpty) res.rootOnly = true;
  return res;
}

interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  type?: string;
  line: number;
  managed: boolean;
}

/** The element paths whose `<dependency>` children declare dependencies (relative to `project`). */
const DEPENDENCY_LISTS = new Set(['project/dependencies', 'project/dependencyManagement/dependencies', 'project/profiles/profile/dependencies', 'project/profiles/profile/dependencyManagement/dependencies']);
const REPOSITORY_URLS = new Set(['project/repositories/repository/url', 'project/pluginRepositories/pluginRepository/url', 'project/profiles/profile/repositories/repository/url', 'project/distributionManagement/repository/url']);

export function parsePom(text: string): LockfileResult {
  const res = emptyResult('pom.xml');
  const stack: string[] = [];
  const properties = new Map<string, string>();
  const deps: PomDependency[] = [];
  let current: PomDependency | undefined;
  let textBuf = '';
  let textLine = 0;
  let sawProject = false;
  let error = false;
  const parser = new (saxes().SaxesParser)({ xmlns: false, position: true });
  parser.on('error', (e) => {
    if (error) return;
    error = true;
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(e.message);
    res.problems.push({ line: m ? Number(m[1]) : parser.line, message: `not well-formed XML: ${m ? m[3] : e.message}` });
  });
  parser.on('opentag', (tag) => {
    const name = tag.name.slice(tag.name.indexOf(':') + 1);
    stack.push(name);
    if (stack.length === 1) sawProject = name === 'project';
    const path = stack.join('/');
    if (name === 'dependency' && DEPENDENCY_LISTS.has(stack.slice(0, -1).join('/'))) {
      current = { line: parser.line, managed: path.includes('dependencyManagement') };
    }
    textBuf = '';
    textLine = parser.line;
  });
  parser.on('text', (t) => {
    textBuf += t;
  });
  parser.on('cdata', (t) => {
    textBuf += t;
  });
  parser.on('closetag', () => {
    const path = stack.join('/');
    const name = stack[stack.length - 1];
    const value = textBuf.trim();
    if (current && stack.length >= 2 && stack[stack.length - 2] === 'dependency') {
      if (name === 'groupId' || name === 'artifactId' || name === 'version' || name === 'scope' || name === 'type') current[name] = value;
    } else if (name === 'dependency' && current) {
      deps.push(current);
      current = undefined;
    } else if (stack.length === 3 && stack[1] === 'properties') {
      properties.set(name, value);
    } else if (path === 'project/version' || path === 'project/groupId' || path === 'project/artifactId') {
      properties.set(`project.${name}`, value);
    } else if (path === 'project/parent/version' || path === 'project/parent/groupId') {
      properties.set(`project.parent.${name}`, value);
    } else if (REPOSITORY_URLS.has(path) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      res.urls.push({ url: value, line: textLine, role: 'registry' });
    }
    stack.pop();
    textBuf = '';
  });
  try {
    parser.write(text).close();
  } catch {
    // reported by the error handler
  }
  if (!sawProject) return error ? res : { ...res, unrecognised: true };
  // a project without its own version inherits the parent's
  if (!properties.has('project.version') && properties.has('project.parent.version')) properties.set('project.version', properties.get('project.parent.version')!);
  if (!properties.has('project.groupId') && properties.has('project.parent.groupId')) properties.set('project.groupId', properties.get('project.parent.groupId')!);

  /** A value with its `${property}` references replaced (repeatedly; an unknown one stays as written). */
  const resolve = (v: string | undefined): string | undefined => {
    let out = v;
    for (let depth = 0; out !== undefined && out.includes('${') && depth < 10; depth++) {
      const next: string = out.replace(/\$\{([^}]+)\}/g, (whole, key: string) => properties.get(key) ?? properties.get(key.replace(/^pom\./, 'project.')) ?? whole);
      if (next === out) break;
      out = next;
    }
    return out;
  };
  const managed = new Map<string, string>();
  for (const d of deps) {
    const group = resolve(d.groupId);
    const version = resolve(d.version);
    if (d.managed && group && d.artifactId && version) managed.set(`${group}:${resolve(d.artifactId)}`, version);
  }
  const seen = new Set<string>();
  for (const d of deps) {
    const group = resolve(d.groupId);
    const artifact = resolve(d.artifactId);
    if (!group || !artifact || d.scope === 'import' || d.type === 'pom') continue;
    const name = `${group}:${artifact}`;
    const version = resolve(d.version) ?? managed.get(name);
    // unknown property, a version range or a version supplied by a parent or BOM: not read
    if (!version || /[$[\](),]/.test(version)) continue;
    const key = `${name}@${version}@${d.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    res.packages.push({ ecosystem: 'Maven', name, version, line: d.line, ...(d.scope === 'test' ? { dev: true } : {}) });
  }
  // a POM is a manifest: when no version is written in it (all from a parent or BOM) there is nothing to judge
  if (res.packages.length === 0) res.rootOnly = true;
  return res;
}
