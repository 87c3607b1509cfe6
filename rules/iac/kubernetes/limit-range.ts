/**
 * Container defaults a LimitRange of the scan gives a namespace. The LimitRanger admission plugin fills
 * a container's missing limits and requests from its namespace's LimitRanges of type Container, after
 * the API defaults each item: a missing `default` (limit) from `max`, a missing `defaultRequest` from
 * `default`, then from `min`.
 */
import { posix } from 'node:path';
import type { ProjectContext } from '../../../src/engine/project.js';
import type { RuleContext } from '../../../src/model/rule.js';
import { get, isMap, items, str } from '../../../src/parsers/data/tree.js';
import type { DataNode } from '../../../src/parsers/data/tree.js';
import { kustomizeNamespaceOf } from './kustomize.js';
import { isPlaceholder } from './workloads.js';

export interface ContainerDefaults {
  limits: Set<string>;
  requests: Set<string>;
}

interface Placed {
  /** The namespace, or undefined when neither the object nor a kustomization sets one. */
  namespace?: string;
  dir: string;
}

/** Where an object goes: its own `metadata.namespace`, else its file's kustomization's. */
async function placement(project: ProjectContext, path: string, obj: DataNode): Promise<Placed> {
  const kns = await kustomizeNamespaceOf(project, path);
  const own = str(get(get(obj, 'metadata'), 'namespace'))?.trim();
  const ns = kns ?? (own || undefined);
  return { namespace: ns && !isPlaceholder(ns) ? ns : undefined, dir: posix.dirname(path) };
}

function resourceNames(node: DataNode | undefined): string[] {
  return isMap(node) ? node.entries.map((e) => str(e.key) ?? '').filter(Boolean) : [];
}

interface LimitRangeDefaults extends Placed, ContainerDefaults {}

async function loadLimitRanges(project: ProjectContext): Promise<LimitRangeDefaults[]> {
  const out: LimitRangeDefaults[] = [];
  for (const f of project.files) {
    if (f.kind !== 'kubernetes' || !/\bkind\s*:\s*["']?LimitRange\b/.test(project.readFile(f.path)?.text ?? '')) continue;
    const loaded = await project.load(f.path);
    if (loaded?.document.format !== 'data') continue;
    for (const root of loaded.document.roots) {
      if (!isMap(root) || str(get(root, 'kind')) !== 'LimitRange') continue;
      const limits = new Set<string>();
      const requests = new Set<string>();
      for (const item of items(get(get(root, 'spec'), 'limits'))) {
        if (str(get(item, 'type')) !== 'Container') continue;
        const defaults = [...resourceNames(get(item, 'default')), ...resourceNames(get(item, 'max'))];
        for (const r of defaults) limits.add(r);
        for (const r of [...defaults, ...resourceNames(get(item, 'defaultRequest')), ...resourceNames(get(item, 'min'))]) requests.add(r);
      }
      if (limits.size + requests.size > 0) out.push({ ...(await placement(project, f.path, root)), limits, requests });
    }
  }
  return out;
}

/**
 * The defaults the LimitRanges of the scan give a workload's containers: those of LimitRanges in the
 * workload's namespace (its own or its kustomization's), or, when neither says a namespace, those in
 * the same folder that do not say one either (applied together into one namespace).
 */
export async function limitRangeDefaults(ctx: RuleContext, workload: DataNode): Promise<ContainerDefaults> {
  const all = await ctx.project.memo('k8s:limit-ranges', () => loadLimitRanges(ctx.project));
  const out: ContainerDefaults = { limits: new Set(), requests: new Set() };
  if (all.length === 0) return out;
  const here = await placement(ctx.project, ctx.file.path, workload);
  for (const lr of all) {
    const same = here.namespace !== undefined ? lr.namespace === here.namespace : lr.namespace === undefined && lr.dir === here.dir;
    if (!same) continue;
    for (const r of lr.limits) out.limits.add(r);
    for (const r of lr.requests) out.requests.add(r);
  }
  return out;
}
