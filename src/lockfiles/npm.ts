/**
 * package-lock.json / npm-shrinkwrap.json, from the engine's JSON data tree.
 * v2/v3 (`packages` keyed by install path: `node_modules/a/node_modules/b`, workspace folders without a
 * `node_modules/` prefix, `link: true` entries, `dev: true`, `name` for a package installed under an
 * alias); v1 (nested `dependencies`, aliases as `version: "npm:real@1.0.0"`).
 * https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json
 */
import type { DataNode } from '../parsers/data/tree.js';
import { get, isMap, isTrue, str } from '../parsers/data/tree.js';
import type { LineIndex } from '../model/location.js';
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { isGitUrl, splitGitRef } from './git.js';

function line(lines: LineIndex, node: { start: number }): number {
  return lines.position(node.start).line;
}

function isLocalSpec(v: string): boolean {
  return /^(file:|link:)/.test(v);
}

export function parsePackageLock(root: DataNode | null, lines: LineIndex): LockfileResult {
  if (!isMap(root)) return { ...emptyResult('package-lock'), unrecognised: true };
  const version = Number(str(get(root, 'lockfileVersion')) ?? '1');
  const packages = get(root, 'packages');
  if (isMap(packages)) return parseV2(root, packages, lines, version);
  const deps = get(root, 'dependencies');
  const res = emptyResult(`package-lock v${version || 1}`);
  if (!isMap(deps)) {
    res.rootOnly = get(root, 'name') !== undefined || get(root, 'lockfileVersion') !== undefined;
    if (!res.rootOnly) res.unrecognised = true;
    return res;
  }
  walkV1(deps, lines, res);
  return res;
}

function parseV2(root: DataNode, packages: DataNode, lines: LineIndex, version: number): LockfileResult {
  const res = emptyResult(`package-lock v${version}`);
  if (!isMap(packages)) return res;
  // link targets: `node_modules/a` → {link, resolved: "packages/a"}; the target entry holds the version
  const byPath = new Map<string, DataNode>();
  for (const e of packages.entries) byPath.set(String(e.key.value), e.value);
  let sawRoot = false;
  /** What the root and the workspace folders declare they depend on. */
  const declared = new Set<string>();
  const declare = (v: DataNode) => {
    for (const f of DEPENDENCY_FIELDS) {
      const m = get(v, f);
      if (isMap(m)) for (const d of m.entries) declared.add(String(d.key.value));
    }
  };
  for (const e of packages.entries) {
    const key = String(e.key.value);
    const v = e.value;
    if (key === '') {
      sawRoot = true;
      declare(v);
      continue;
    }
    const idx = key.lastIndexOf('node_modules/');
    const ln = line(lines, e.key);
    const dev = isTrue(get(v, 'dev'));
    if (idx < 0) {
      // a workspace folder (or a file: dependency's folder)
      declare(v);
      const name = str(get(v, 'name')) ?? key.split('/').pop() ?? key;
      const ver = str(get(v, 'version')) ?? '';
      res.packages.push({ ecosystem: 'npm', name, version: ver, line: ln, workspace: true, link: true, ...(dev ? { dev } : {}) });
      continue;
    }
    // an alias (`"x": "npm:real@1.0.0"`) is installed under its alias; the entry's `name` is the real package
    const name = str(get(v, 'name')) ?? key.slice(idx + 'node_modules/'.length);
    const resolved = get(v, 'resolved');
    const resolvedStr = str(resolved);
    if (isTrue(get(v, 'link'))) {
      const target = resolvedStr ? byPath.get(resolvedStr) : undefined;
      res.packages.push({ ecosystem: 'npm', name, version: str(get(target, 'version')) ?? '', line: ln, link: true, ...(resolvedStr && !resolvedStr.includes('node_modules/') ? { workspace: true } : {}), ...(dev ? { dev } : {}) });
      continue;
    }
    const ver = str(get(v, 'version'));
    const pkg: LockPackage = { ecosystem: 'npm', name, version: ver ?? '', line: ln, ...(dev ? { dev } : {}) };
    if (resolvedStr && resolved) {
      if (isGitUrl(resolvedStr)) {
        const g = splitGitRef(resolvedStr);
        pkg.git = { url: g.url, ref: g.ref, line: line(lines, resolved) };
      } else if (isLocalSpec(resolvedStr)) pkg.link = true;
      else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(resolvedStr)) res.urls.push({ url: resolvedStr, line: line(lines, resolved), column: lines.position(resolved.start).column + 1, role: 'download', package: name });
    }
    if (!ver && !pkg.git && !pkg.link) continue; // an entry npm could not resolve (e.g. a missing optional)
    res.packages.push(pkg);
  }
  // only the project's own folders, and nothing they depend on is missing (a truncated lockfile is not "no dependencies")
  const own = new Set(res.packages.map((p) => p.name));
  if (sawRoot && res.packages.every((p) => p.workspace) && [...declared].every((d) => own.has(d))) res.rootOnly = true;
  return res;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

function walkV1(deps: DataNode, lines: LineIndex, res: LockfileResult, depth = 0): void {
  if (!isMap(deps) || depth > 200) return;
  for (const e of deps.entries) {
    const v = e.value;
    let name = String(e.key.value);
    let ver = str(get(v, 'version')) ?? '';
    const ln = line(lines, e.key);
    const dev = isTrue(get(v, 'dev'));
    const pkg: LockPackage = { ecosystem: 'npm', name, version: ver, line: ln, ...(dev ? { dev } : {}) };
    if (ver.startsWith('npm:')) {
      // an alias, `npm:real-name@1.0.0`; one without a version names no installed release
      const alias = /^npm:(@?[^@]+)@(.+)$/.exec(ver);
      name = alias?.[1] ?? (ver.slice(4) || name);
      ver = alias?.[2] ?? '';
      pkg.name = name;
      pkg.version = ver;
    }
    const resolved = get(v, 'resolved');
    const resolvedStr = str(resolved);
    if (isLocalSpec(ver)) pkg.link = true;
    else if (isGitUrl(ver)) {
      const g = splitGitRef(ver);
      const ver2 = get(v, 'version');
      pkg.git = { url: g.url, ref: g.ref, line: ver2 ? line(lines, ver2) : ln };
    }
    if (resolved && resolvedStr) {
      if (isGitUrl(resolvedStr) && !pkg.git) {
        const g = splitGitRef(resolvedStr);
        pkg.git = { url: g.url, ref: g.ref, line: line(lines, resolved) };
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(resolvedStr) && !isGitUrl(resolvedStr)) {
        res.urls.push({ url: resolvedStr, line: line(lines, resolved), column: lines.position(resolved.start).column + 1, role: 'download', package: name });
      }
    }
    if (pkg.version || pkg.git || pkg.link) res.packages.push(pkg);
    walkV1(get(v, 'dependencies') ?? null as unknown as DataNode, lines, res, depth + 1);
  }
}
