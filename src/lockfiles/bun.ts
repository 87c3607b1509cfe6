/**
 * bun.lock, Bun's text lockfile (JSONC, Bun 1.2+; https://bun.sh/docs/install/lockfile), from the
 * engine's data tree. `packages` maps an install key (`react`, `@scope/pkg`, `parent/child` for a
 * nested copy) to a tuple whose first item is the resolution `name@version`:
 * npm `[ "name@1.2.3", registry, INFO, integrity ]`, `workspace:` / `link:` / `file:` local packages,
 * `git+…` and `github:…` sources (INFO, then a tag naming the resolved commit), tarball URLs, and local
 * tarballs by their path (`./pkg.tgz`).
 * `workspaces` holds each workspace's manifest; a package is development-only when the lockfile's
 * graph reaches it from some workspace's devDependencies and from none's dependencies (nothing is
 * tagged when a production dependency cannot be followed).
 */
import type { DataNode } from '../parsers/data/tree.js';
import { get, isMap, isSeq, str } from '../parsers/data/tree.js';
import type { LineIndex } from '../model/location.js';
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { isCommitHash } from './types.js';

const isUrl = (u: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(u);
/** A file-system path (relative, absolute, home or Windows drive), never a registry version. */
const isLocalPath = (spec: string) => /^(\.{1,2}([\\/]|$)|[\\/]|~[\\/]|[a-z]:[\\/])/i.test(spec);

/** `name@version`, the name possibly scoped (`@scope/name@1.0.0`); a git URL's own `@` comes after the name's. */
function splitResolution(res: string): { name: string; spec: string } | undefined {
  const at = res.indexOf('@', 1);
  return at < 0 ? undefined : { name: res.slice(0, at), spec: res.slice(at + 1) };
}

/** The package names an install key is made of: `@babel/core/semver` → ['@babel/core', 'semver']. */
function keyPath(key: string): string[] {
  const parts = key.split('/');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) out.push(parts[i].startsWith('@') && i + 1 < parts.length ? `${parts[i]}/${parts[++i]}` : parts[i]);
  return out;
}

function depNames(info: DataNode | undefined, fields: readonly string[]): string[] {
  return fields.flatMap((f) => {
    const m = get(info, f);
    return isMap(m) ? m.entries.map((e) => String(e.key.value)) : [];
  });
}

export function parseBunLock(root: DataNode | null, lines: LineIndex): LockfileResult {
  const res = emptyResult('bun.lock');
  const packages = get(root, 'packages');
  const workspaces = get(root, 'workspaces');
  if (!isMap(root) || (!isMap(packages) && !isMap(workspaces))) return { ...res, unrecognised: true };
  const byKey = new Map<string, { pkg: LockPackage; info: DataNode | undefined }>();
  for (const e of isMap(packages) ? packages.entries : []) {
    const key = String(e.key.value);
    const tuple = e.value;
    if (!isSeq(tuple)) continue;
    const resolution = str(tuple.items[0]);
    const parts = resolution ? splitResolution(resolution) : undefined;
    const line = lines.position(e.key.start).line;
    if (!parts) {
      res.problems.push({ line, message: `"${key}" has no name@version resolution` });
      continue;
    }
    const { name, spec } = parts;
    const pkg: LockPackage = { ecosystem: 'npm', name, version: '', line };
    let info: DataNode | undefined;
    if (/^(workspace|link|file|root):/.test(spec) || isLocalPath(spec)) {
      // a local tarball is recorded by its path as written (`./pkg.tgz`, `../pkg.tgz`, `/abs/pkg.tgz`)
      pkg.link = true;
      if (spec.startsWith('workspace:') || spec.startsWith('root:')) pkg.workspace = true;
      info = tuple.items[1];
    } else if (/^(git\+|github:|git:)/.test(spec)) {
      const hash = spec.indexOf('#');
      const tag = str(tuple.items[2]);
      const ref = hash < 0 ? undefined : spec.slice(hash + 1);
      const commit = isCommitHash(ref) ? ref : /(?:^|-)([0-9a-f]{7,40})$/i.exec(tag ?? '')?.[1] ?? ref;
      pkg.git = { url: (hash < 0 ? spec : spec.slice(0, hash)).replace(/^git\+/, ''), ref: commit, line };
      info = tuple.items[1];
    } else if (isUrl(spec)) {
      // a tarball URL: not matched against the registry's advisories
      res.urls.push({ url: spec, line, column: lines.position(tuple.items[0].start).column + 1 + name.length + 1, role: 'download', package: name });
      continue;
    } else {
      pkg.version = spec;
      const registry = str(tuple.items[1]);
      if (registry && isUrl(registry)) res.urls.push({ url: registry, line, column: lines.position(tuple.items[1].start).column + 1, role: 'registry', package: name });
      info = tuple.items[2];
    }
    byKey.set(key, { pkg, info });
    res.packages.push(pkg);
  }
  tagDevOnly(byKey, workspaces);
  // only the workspaces, and everything they depend on is one of them (a truncated lockfile is not "no dependencies")
  const own = new Set(res.packages.filter((p) => p.workspace).map((p) => p.name));
  const members = isMap(workspaces) ? workspaces.entries.map((w) => w.value) : [];
  for (const m of members) {
    const n = str(get(m, 'name'));
    if (n) own.add(n);
  }
  const declared = members.flatMap((m) => depNames(m, ['dependencies', 'devDependencies', 'optionalDependencies']));
  if (res.problems.length === 0 && res.packages.every((p) => p.workspace) && (isMap(workspaces) || res.packages.length > 0) && declared.every((d) => own.has(d))) res.rootOnly = true;
  return res;
}

function tagDevOnly(byKey: Map<string, { pkg: LockPackage; info: DataNode | undefined }>, workspaces: DataNode | undefined): void {
  if (!isMap(workspaces)) return;
  let complete = true;
  /** The key a dependency of the package at `from` resolves to: its own nested copy, a parent's, then the top level. */
  const resolve = (from: string[], dep: string): string | undefined => {
    for (let i = from.length; i >= 0; i--) {
      const key = [...from.slice(0, i), dep].join('/');
      if (byKey.has(key)) return key;
    }
    return undefined;
  };
  /** Everything reachable from the roots; a required dependency that cannot be found makes a strict walk incomplete. */
  const reach = (roots: [from: string[], dep: string][], strict: boolean): Set<string> => {
    const seen = new Set<string>();
    const queue = roots.map(([from, dep]) => [from, dep, true] as [string[], string, boolean]);
    while (queue.length) {
      const [from, dep, required] = queue.pop()!;
      const key = resolve(from, dep);
      if (key === undefined) {
        if (strict && required) complete = false;
        continue;
      }
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = byKey.get(key)!;
      if (entry.pkg.workspace) continue; // a workspace's own manifest is a root of its own
      const path = keyPath(key);
      for (const d of depNames(entry.info, ['dependencies'])) queue.push([path, d, true]);
      // optional and peer dependencies may be left uninstalled (another platform, an optional peer)
      for (const d of depNames(entry.info, ['optionalDependencies', 'peerDependencies'])) queue.push([path, d, false]);
    }
    return seen;
  };
  const members = workspaces.entries.map((e) => ({ scope: str(get(e.value, 'name')), manifest: e.value }));
  const roots = (fields: readonly string[]) => members.flatMap((m) => depNames(m.manifest, fields).map((d) => [m.scope ? [m.scope] : [], d] as [string[], string]));
  const prod = reach(roots(['dependencies', 'optionalDependencies']), true);
  if (!complete) return;
  for (const key of reach(roots(['devDependencies']), false)) {
    const entry = byKey.get(key)!;
    if (!prod.has(key) && !entry.pkg.link) entry.pkg.dev = true;
  }
}
