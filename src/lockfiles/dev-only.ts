/**
 * Which packages of a yarn.lock only development needs. Neither yarn format records it (Yarn 2+ even
 * lists a workspace's devDependencies among its `dependencies`); the manifests do. A package is
 * dev-only when the lockfile's dependency graph reaches it from some manifest's `devDependencies`
 * and from no manifest's `dependencies` or `optionalDependencies`. When a production dependency
 * cannot be followed through the lockfile, nothing is tagged: an incomplete production set would
 * wrongly make production packages look dev-only.
 */
import type { LockfileResult } from './types.js';
import { LOCAL_RANGE } from './yarn.js';

/** The parts of a package.json that say what it depends on. */
export interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}


/**
 * Tag the dev-only packages of a parsed yarn.lock (`pkg.dev`), given the manifests of the project's
 * root and workspaces. Returns false, tagging nothing, when the graph cannot be followed.
 */
export function tagYarnDevOnly(lock: LockfileResult, manifests: readonly Manifest[]): boolean {
  const graph = lock.graph;
  if (!graph || graph.length !== lock.packages.length || !manifests.length) return false;
  const berry = lock.format === 'yarn berry';
  const bySpec = new Map<string, number>();
  graph.forEach((entry, i) => entry.specs.forEach((s) => bySpec.set(s, i)));
  const workspaces = new Map(manifests.filter((m) => m.name).map((m) => [m.name!, m]));
  /** The entry a dependency resolves to; -1 for the project's own (workspace, local path); undefined when it cannot be found. */
  const resolve = (name: string, range: string): number | undefined => {
    const exact = bySpec.get(`${name}@${range}`) ?? (berry && !/^[a-z]+:/.test(range) ? bySpec.get(`${name}@npm:${range}`) : undefined);
    if (exact !== undefined) return lock.packages[exact].workspace ? -1 : exact;
    // a local source (not in a yarn.lock v1, or not a registry package) ends in the project
    return LOCAL_RANGE.test(range) || workspaces.has(name) ? -1 : undefined;
  };

  const reach = (roots: [string, string][]): Set<number> | undefined => {
    const seen = new Set<number>();
    const seenWorkspaces = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const [name, range] = stack.pop()!;
      const i = resolve(name, range);
      if (i === undefined) return undefined;
      if (i === -1) {
        // another workspace of the project: what it needs in production comes along
        const ws = workspaces.get(name);
        if (ws && !seenWorkspaces.has(name)) {
          seenWorkspaces.add(name);
          stack.push(...production(ws));
        }
        continue;
      }
      if (seen.has(i)) continue;
      seen.add(i);
      stack.push(...graph[i].deps);
    }
    return seen;
  };

  const prod = reach(manifests.flatMap(production));
  if (!prod) return false;
  // a dev root that cannot be followed only leaves its packages untagged
  const dev = new Set<number>();
  for (const m of manifests) {
    for (const root of Object.entries(m.devDependencies ?? {})) {
      const r = reach([root]);
      if (r) for (const i of r) dev.add(i);
    }
  }
  for (const i of dev) if (!prod.has(i)) lock.packages[i].dev = true;
  return true;
}

function production(m: Manifest): [string, string][] {
  return [...Object.entries(m.dependencies ?? {}), ...Object.entries(m.optionalDependencies ?? {})];
}
