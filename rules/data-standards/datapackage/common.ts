/**
 * Frictionless Data Package descriptors (v1 and v2): which files are descriptors, their resources,
 * where each resource's data and Table Schema are, and an index from data files to the resources
 * (and schemas) that describe them, built once per scan from the project's files.
 */
import type { DataDocument } from '../../../src/model/document.js';
import type { ProjectContext } from '../../../src/engine/project.js';
import { entry, get, isMap, isSeq, str, type DataMap, type DataNode } from '../../../src/parsers/data/tree.js';

export { OPEN_DATA_STANDARDS } from '../csv/parse.js';
export const DATA_PACKAGE_V1 = 'https://specs.frictionlessdata.io/data-package/';
export const DATA_RESOURCE_V1 = 'https://specs.frictionlessdata.io/data-resource/';
export const TABLE_SCHEMA_V1 = 'https://specs.frictionlessdata.io/table-schema/';
export const DATA_PACKAGE_V2 = 'https://datapackage.org/standard/data-package/';
export const DATA_RESOURCE_V2 = 'https://datapackage.org/standard/data-resource/';
export const TABLE_SCHEMA_V2 = 'https://datapackage.org/standard/table-schema/';
export const CSV_DIALECT_V2 = 'https://datapackage.org/standard/table-dialect/';

/** File names of Data Package descriptors: `datapackage.json|yaml`, `*.datapackage.json`, `*.package.json`. */
export function isDescriptorName(path: string): 'datapackage' | 'package' | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/^(.+\.)?datapackage\.(json|ya?ml)$/.test(name)) return 'datapackage';
  if (/^.+\.package\.(json|ya?ml)$/.test(name)) return 'package';
  return undefined;
}

export interface PackageDoc {
  root: DataMap;
  /** The spec version the descriptor follows: v2 when its `$schema` names a 2.x profile. */
  v2: boolean;
}

/** The Data Package descriptor of a file (a `*.package.json` only when it has `resources`). */
export function packageDoc(document: DataDocument | { format: string }, path: string): PackageDoc | undefined {
  const byName = isDescriptorName(path);
  if (!byName || document.format !== 'data') return undefined;
  const root = (document as DataDocument).roots[0];
  if (!isMap(root)) return undefined;
  if (byName === 'package' && !entry(root, 'resources')) return undefined;
  return { root, v2: isV2(root) };
}

export function isV2(root: DataMap): boolean {
  const s = str(get(root, '$schema')) ?? str(get(root, 'profile')) ?? '';
  return /datapackage\.org\/profiles\/2\.|\/profiles\/2\.\d/.test(s);
}

/** The directory of a file ('' at the root). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export const isUrl = (p: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(p);

/** A descriptor path resolved against its directory, or undefined when it leaves the package (absolute, `..`). */
export function resolvePath(dir: string, p: string): string | undefined {
  if (p.startsWith('/') || /^[a-z]:[\\/]/i.test(p) || p.includes('\\')) return undefined;
  const parts = dir ? dir.split('/') : [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') return undefined;
    parts.push(seg);
  }
  return parts.join('/');
}

export interface ResourceRef {
  /** The resource map and its index in `resources`. */
  resource: DataMap;
  index: number;
  name?: string;
  /** Local data files (path strings, not URLs), each with its node in the descriptor. */
  paths: { path: string; node: DataNode; part: number }[];
}

/** The resources of a descriptor with their local paths. */
export function resources(root: DataMap): ResourceRef[] {
  const list = get(root, 'resources');
  if (!isSeq(list)) return [];
  const out: ResourceRef[] = [];
  list.items.forEach((r, index) => {
    if (!isMap(r)) return;
    const p = get(r, 'path');
    const nodes = isSeq(p) ? p.items : p ? [p] : [];
    const paths = nodes.flatMap((node, part) => {
      const s = str(node);
      return s !== undefined && node.type === 'scalar' && typeof node.value === 'string' && !isUrl(s) ? [{ path: s, node, part }] : [];
    });
    out.push({ resource: r, index, name: str(get(r, 'name')), paths });
  });
  return out;
}

/** What the index knows of one data file: the descriptor, resource and Table Schema that describe it. */
export interface DescribedFile {
  descriptorPath: string;
  root: DataMap;
  v2: boolean;
  resource: DataMap;
  resourceName?: string;
  /** 0 for a single file or the first part of a multipart resource. */
  part: number;
  /** The Table Schema (inline, or loaded from a local file), and where it was written. */
  schema?: DataMap;
  schemaPath?: string;
  /** The CSV dialect (inline, or loaded from a local file). */
  dialect?: DataMap;
}

export interface PackageIndex {
  /** Data file path → the resources that describe it. */
  byData: Map<string, DescribedFile[]>;
  /** External Table Schema file path → the descriptors that reference it. */
  schemaFiles: Map<string, string[]>;
  /** Every descriptor in the scan, loaded. */
  packages: { path: string; root: DataMap; v2: boolean }[];
}

async function loadMap(project: ProjectContext, path: string): Promise<DataMap | undefined> {
  const loaded = await project.load(path);
  const root = loaded?.document.format === 'data' ? loaded.document.roots[0] : undefined;
  return isMap(root) ? root : undefined;
}

/** Every Data Package in the scan, and the data and schema files its resources name (memoised per scan). */
export function packageIndex(project: ProjectContext): Promise<PackageIndex> {
  return project.memo('data-standards:datapackage-index', async () => {
    const index: PackageIndex = { byData: new Map(), schemaFiles: new Map(), packages: [] };
    for (const f of project.files) {
      if (!isDescriptorName(f.path) || (f.kind !== 'json' && f.kind !== 'yaml')) continue;
      const loaded = await project.load(f.path);
      if (!loaded) continue;
      const doc = packageDoc(loaded.document, f.path);
      if (!doc) continue;
      index.packages.push({ path: f.path, root: doc.root, v2: doc.v2 });
      const dir = dirOf(f.path);
      for (const r of resources(doc.root)) {
        let schema: DataMap | undefined;
        let schemaPath: string | undefined;
        const s = get(r.resource, 'schema');
        if (isMap(s)) schema = s;
        else if (typeof str(s) === 'string' && !isUrl(str(s)!)) {
          schemaPath = resolvePath(dir, str(s)!);
          if (schemaPath) {
            index.schemaFiles.set(schemaPath, [...(index.schemaFiles.get(schemaPath) ?? []), f.path]);
            schema = await loadMap(project, schemaPath);
          }
        }
        let dialect: DataMap | undefined;
        const d = get(r.resource, 'dialect');
        if (isMap(d)) dialect = d;
        else if (typeof str(d) === 'string' && !isUrl(str(d)!)) {
          const dp = resolvePath(dir, str(d)!);
          if (dp) dialect = await loadMap(project, dp);
        }
        for (const p of r.paths) {
          const data = resolvePath(dir, p.path);
          if (!data) continue;
          const described: DescribedFile = { descriptorPath: f.path, root: doc.root, v2: doc.v2, resource: r.resource, resourceName: r.name, part: p.part, schema, schemaPath, dialect };
          index.byData.set(data, [...(index.byData.get(data) ?? []), described]);
        }
      }
    }
    return index;
  });
}

/** A resource of a package by name (for foreign keys), with its first local data file. */
export function resourceByName(root: DataMap, dir: string, name: string): { resource: DataMap; path?: string } | undefined {
  const r = resources(root).find((x) => x.name === name);
  if (!r) return undefined;
  const first = r.paths.find((p) => p.part === 0);
  return { resource: r.resource, path: first ? resolvePath(dir, first.path) : undefined };
}
