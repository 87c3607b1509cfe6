/**
 * pnpm-lock.yaml, from the engine's YAML data tree
 * (https://github.com/pnpm/spec/tree/master/lockfile): lockfile 5.x (`/name/1.2.3_peer` keys),
 * 6.0 (`/name@1.2.3(peer@1.0.0)` keys, `dev: true|false`) and 9.0 (`packages:` keys `name@1.2.3`, the
 * dependency graph in `snapshots:`, dev-only packages found from `importers:` `devDependencies`).
 */
import type { DataNode } from '../parsers/data/tree.js';
import { get, isMap, isTrue, isFalse, str } from '../parsers/data/tree.js';
import type { LineIndex } from '../model/location.js';
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { isGitUrl, splitGitRef } from './git.js';

const NPM_NAME = /^(?:@[^/@]+\/)?[^/@]+$/;

/**
 * Split a package key into name and version (peer suffixes removed); undefined when the key names no
 * registry version (a git or tarball key such as `github.com/user/repo/<commit>`, whose `name` and
 * `version` fields say what it is).
 */
export function splitPnpmKey(rawKey: string): { name: string; version: string } | undefined {
  let key = rawKey;
  if (key.startsWith('/')) key = key.slice(1);
  else {
    // lockfile 5/6: a package from a registry other than the default is keyed by that registry's host
    // (`registry.example.org/foo/1.0.0`, `registry.example.org/@scope/foo@1.0.0`)
    const host = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\//i.exec(key);
    if (host) key = key.slice(host[0].length);
  }
  // lockfile 5.x: name/version or @scope/name/version, with `_peer@x` suffixes
  const v5 = /^((?:@[^/]+\/)?[^/@]+)\/(\d[^/]*)$/.exec(key);
  if (v5) return { name: v5[1], version: v5[2].split('_')[0] };
  const paren = key.indexOf('(');
  if (paren > 0) key = key.slice(0, paren);
  const at = key.indexOf('@', 1);
  if (at > 0) {
    const name = key.slice(0, at);
    return NPM_NAME.test(name) ? { name, version: key.slice(at + 1) } : undefined;
  }
  const slash = key.lastIndexOf('/');
  if (slash <= 0) return undefined;
  const name = key.slice(0, slash);
  const version = key.slice(slash + 1).split('_')[0];
  return NPM_NAME.test(name) && /^\d/.test(version) ? { name, version } : undefined;
}

/** Snapshot/package id of a dependency reference from an importer or snapshot (`1.2.3(peer)` or `link:..`). */
function depId(name: string, ref: string): string | undefined {
  if (/^(link:|file:|workspace:)/.test(ref)) return undefined;
  if (ref.startsWith('/')) return ref.slice(1);
  // an alias or non-registry ref is already a full id (`other@1.0.0`, `name@https://…`)
  if (/^(@?[^@(]+)@/.test(ref) && !/^\d/.test(ref)) return ref;
  return `${name}@${ref}`;
}

function stripPeers(id: string): string {
  const i = id.indexOf('(');
  return i > 0 ? id.slice(0, i) : id;
}

/**
 * pnpm-lock.yaml may hold two YAML documents (pnpm 11+): an "env" document first, with config
 * dependencies and the pnpm version the project pins (`configDependencies`,
 * `packageManagerDependencies`), then the project's own lockfile. Both install packages, so both are
 * read (https://pnpm.io/lockfile).
 */
export function parsePnpmDocuments(roots: readonly (DataNode | null)[], lines: LineIndex): LockfileResult {
  const docs = roots.filter((r): r is DataNode => isMap(r));
  if (docs.length <= 1) return parsePnpmLock(docs[0] ?? roots[0] ?? null, lines);
  const parts = docs.map((d) => parsePnpmLock(d, lines));
  const res = emptyResult(parts[parts.length - 1].format);
  for (const p of parts) {
    res.packages.push(...p.packages);
    res.problems.push(...p.problems);
    res.urls.push(...p.urls);
  }
  res.rootOnly = res.packages.length === 0 && parts.some((p) => p.rootOnly);
  if (parts.every((p) => p.unrecognised)) res.unrecognised = true;
  return res;
}

export function parsePnpmLock(root: DataNode | null, lines: LineIndex): LockfileResult {
  if (!isMap(root)) return { ...emptyResult('pnpm-lock'), unrecognised: true };
  const version = str(get(root, 'lockfileVersion')) ?? '';
  const res = emptyResult(`pnpm-lock ${version}`);
  const packages = get(root, 'packages');
  const snapshots = get(root, 'snapshots');
  const devOnly = isMap(snapshots) ? devOnlyFromGraph(root, snapshots) : undefined;
  if (isMap(packages)) {
    for (const e of packages.entries) {
      const key = String(e.key.value);
      const v = e.value;
      const split = splitPnpmKey(key);
      const name = str(get(v, 'name')) ?? split?.name;
      const ver = str(get(v, 'version')) ?? split?.version ?? '';
      if (!name) {
        res.problems.push({ line: lines.position(e.key.start).line, message: `cannot read a package name from the key "${key}"` });
        continue;
      }
      const pkg: LockPackage = { ecosystem: 'npm', name, version: ver, line: lines.position(e.key.start).line };
      if (isTrue(get(v, 'dev'))) pkg.dev = true;
      else if (!isFalse(get(v, 'dev')) && devOnly?.has(stripPeers(key.replace(/^\//, '')))) pkg.dev = true;
      const resolution = get(v, 'resolution');
      const type = str(get(resolution, 'type'));
      const tarball = get(resolution, 'tarball');
      const tarballStr = str(tarball);
      if (type === 'git') {
        const repo = get(resolution, 'repo');
        pkg.git = { url: str(repo) ?? '', ref: str(get(resolution, 'commit')), line: lines.position((repo ?? resolution!).start).line };
      } else if (type === 'directory') {
        pkg.link = true;
      } else if (tarballStr && tarball) {
        if (isGitUrl(tarballStr)) {
          const g = splitGitRef(tarballStr);
          pkg.git = { url: g.url, ref: g.ref, line: lines.position(tarball.start).line };
        } else if (tarballStr.startsWith('file:')) pkg.link = true;
        else res.urls.push({ url: tarballStr, line: lines.position(tarball.start).line, column: lines.position(tarball.start).column, role: 'download', package: name });
      }
      if (/^(file:|link:)/.test(ver)) pkg.link = true;
      res.packages.push(pkg);
    }
  }
  if (res.packages.length === 0 && (get(root, 'importers') || get(root, 'lockfileVersion')) && !declaresPackages(root)) res.rootOnly = true;
  return res;
}

/** True when the project (the importers, or the root of lockfile 5/6) depends on something other than its own workspace links. */
function declaresPackages(root: DataNode): boolean {
  const importers = get(root, 'importers');
  const projects: DataNode[] = isMap(importers) ? importers.entries.map((e) => e.value) : [root];
  return projects.some((imp) =>
    ['dependencies', 'devDependencies', 'optionalDependencies'].some((section) => {
      const deps = get(imp, section);
      return isMap(deps) && deps.entries.some((d) => !/^(link:|workspace:)/.test(str(get(d.value, 'version')) ?? str(d.value) ?? ''));
    }),
  );
}

/** lockfile 9: packages reachable only through importers' devDependencies. */
function devOnlyFromGraph(root: DataNode, snapshots: DataNode): Set<string> {
  const importers = get(root, 'importers');
  const roots: DataNode[] = isMap(importers) ? importers.entries.map((e) => e.value) : [root];
  const prod: string[] = [];
  const dev: string[] = [];
  for (const imp of roots) {
    for (const [section, out] of [['dependencies', prod], ['optionalDependencies', prod], ['devDependencies', dev]] as const) {
      const deps = get(imp, section);
      if (!isMap(deps)) continue;
      for (const d of deps.entries) {
        const ref = str(get(d.value, 'version')) ?? str(d.value);
        const id = ref ? depId(String(d.key.value), ref) : undefined;
        if (id) out.push(id);
      }
    }
  }
  const reach = (starts: string[]): Set<string> => {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const snap = get(snapshots, id);
      for (const section of ['dependencies', 'optionalDependencies']) {
        const deps = get(snap, section);
        if (!isMap(deps)) continue;
        for (const d of deps.entries) {
          const ref = str(d.value);
          const next = ref ? depId(String(d.key.value), ref) : undefined;
          if (next && !seen.has(next)) stack.push(next);
        }
      }
    }
    return new Set([...seen].map(stripPeers));
  };
  const prodSet = reach(prod);
  return new Set([...reach(dev)].filter((id) => !prodSet.has(id)));
}
