/**
 * packages.lock.json, NuGet's lock file (https://learn.microsoft.com/nuget/consume-packages/package-references-in-project-files#locking-dependencies),
 * from the engine's JSON data tree: `dependencies` maps each target framework (and runtime,
 * `net8.0/linux-x64`) to packages with their `type` (Direct, Transitive, CentralTransitive, Project)
 * and `resolved` version. A package locked for several targets is listed once per version; `Project`
 * entries are the solution's own projects. The file does not mark development packages, but a test
 * project has a lock file of its own and references a test SDK, runner or framework directly
 * (TEST_PACKAGES): everything such a lock file holds is development-only.
 */
import type { DataNode } from '../parsers/data/tree.js';
import { get, isMap, str } from '../parsers/data/tree.js';
import type { LineIndex } from '../model/location.js';
import { emptyResult, type LockfileResult } from './types.js';

/**
 * Packages a test project references directly (test SDKs, runners and frameworks): a project, or a
 * lock file, that references one holds tests, and everything it brings in is development-only.
 */
export const TEST_PACKAGES = /^(?:microsoft\.net\.test\.sdk|xunit(?:\.v3)?|xunit\.runner\.visualstudio|nunit|nunit3testadapter|mstest(?:\.testframework|\.testadapter|\.sdk)?|tunit)$/i;

export function parseNugetLock(root: DataNode | null, lines: LineIndex): LockfileResult {
  const res = emptyResult('packages.lock.json');
  const targets = get(root, 'dependencies');
  if (!isMap(root) || !isMap(targets)) return { ...res, unrecognised: true };
  const seen = new Set<string>();
  let sawTarget = false;
  let testProject = false;
  for (const target of targets.entries) {
    if (!isMap(target.value)) continue;
    sawTarget = true;
    for (const e of target.value.entries) {
      const name = String(e.key.value);
      const type = str(get(e.value, 'type'));
      if (type === 'Direct' && TEST_PACKAGES.test(name)) testProject = true;
      const version = str(get(e.value, 'resolved')) ?? '';
      const key = `${name.toLowerCase()}@${version}@${type === 'Project' ? 'project' : ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const line = lines.position(e.key.start).line;
      if (type === 'Project') res.packages.push({ ecosystem: 'NuGet', name, version, line, link: true, workspace: true });
      else if (version) res.packages.push({ ecosystem: 'NuGet', name, version, line });
    }
  }
  if (testProject) for (const p of res.packages) if (!p.workspace) p.dev = true;
  if (sawTarget && res.packages.every((p) => p.workspace)) res.rootOnly = true;
  return res;
}
