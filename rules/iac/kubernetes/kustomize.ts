/**
 * What a kustomization of the scan does to a manifest file: kustomize's namespace transformer sets
 * `metadata.namespace` of every object a kustomization takes in (its own resources and patches, and
 * everything of the kustomizations it includes), whatever the file says.
 */
import { posix } from 'node:path';
import type { RuleContext } from '../../../src/model/rule.js';
import type { ProjectContext } from '../../../src/engine/project.js';
import { get, isMap, isScalar, isSeq, str } from '../../../src/parsers/data/tree.js';
import type { DataNode } from '../../../src/parsers/data/tree.js';

/** The names kustomize looks for in a directory. */
const KUSTOMIZATION_FILE = /^(kustomization\.ya?ml|Kustomization)$/;
/** Fields whose entries name files or directories a kustomization takes in (a string, or a map's `path`). */
const INPUT_FIELDS = ['resources', 'bases', 'components', 'patchesStrategicMerge', 'patches', 'patchesJson6902'];

interface Kustomization {
  dir: string;
  /** `namespace:` as written, trimmed (undefined when absent or empty). */
  namespace?: string;
  /** Inputs resolved against `dir` (remote URLs left out). */
  inputs: Set<string>;
}

function inputsOf(root: DataNode | undefined, dir: string): Set<string> {
  const out = new Set<string>();
  for (const field of INPUT_FIELDS) {
    const list = get(root, field);
    if (!isSeq(list)) continue;
    for (const it of list.items) {
      const ref = isScalar(it) ? str(it) : isMap(it) ? str(get(it, 'path')) : undefined;
      if (!ref || /^[a-z][a-z0-9+.-]*:\/\/|^(github\.com|gitlab\.com|bitbucket\.org)\/|^git@/i.test(ref.trim())) continue;
      out.add(posix.normalize(posix.join(dir, ref.trim())).replace(/\/$/, ''));
    }
  }
  return out;
}

async function loadKustomizations(project: ProjectContext): Promise<Kustomization[]> {
  const out: Kustomization[] = [];
  for (const f of project.files) {
    if (!KUSTOMIZATION_FILE.test(posix.basename(f.path))) continue;
    const loaded = await project.load(f.path);
    const root = loaded?.document.format === 'data' ? loaded.document.roots[0] : undefined;
    if (!isMap(root)) continue;
    const dir = posix.dirname(f.path);
    out.push({ dir, namespace: str(get(root, 'namespace'))?.trim() || undefined, inputs: inputsOf(root, dir) });
  }
  return out;
}

/**
 * The namespace kustomize gives the objects of this file, when a kustomization of the scan takes the
 * file in: one in the file's own directory (a file there that it does not list is not applied through
 * it either), one that lists the file, or one that includes such a kustomization's directory, at any
 * depth. The outermost kustomization's transformer runs last, so a non-default namespace anywhere on
 * the chain is returned unless another one says `default`. Undefined when none sets a namespace.
 */
export async function kustomizeNamespace(ctx: RuleContext): Promise<string | undefined> {
  return kustomizeNamespaceOf(ctx.project, ctx.file.path);
}

/** {@link kustomizeNamespace} for any file of the scan. */
export async function kustomizeNamespaceOf(project: ProjectContext, filePath: string): Promise<string | undefined> {
  const all = await project.memo('k8s:kustomizations', () => loadKustomizations(project));
  if (all.length === 0) return undefined;
  const path = posix.normalize(filePath);
  const dir = posix.dirname(path);
  const seen = new Set<Kustomization>();
  let queue = all.filter((k) => k.dir === dir || k.inputs.has(path));
  const namespaces = new Set<string>();
  while (queue.length > 0) {
    const next: Kustomization[] = [];
    for (const k of queue) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (k.namespace) namespaces.add(k.namespace);
      next.push(...all.filter((outer) => !seen.has(outer) && outer.inputs.has(k.dir)));
    }
    queue = next;
  }
  if (namespaces.has('default')) return 'default';
  return namespaces.values().next().value;
}
