import picomatch from 'picomatch';
import type { ProjectContext } from '../../../src/engine/project.js';
import type { DataNode } from '../../../src/parsers/data/tree.js';
import { get, isMap, isScalar, isSeq, str, walk } from '../../../src/parsers/data/tree.js';

/** How a file is read for personal data. */
export type Scope = 'csv' | 'tree' | 'ndjson' | 'xml' | 'sql' | 'text' | 'code' | undefined;

const DATA_FOLDER = /(^|\/)(fixtures?|seeds?|testdata|test-data|__fixtures__|data)\//i;
const CODE_EXT = /\.(js|mjs|cjs|jsx|ts|mts|cts|tsx|py|java|cs|rb|go|kt|scala|php)$/i;
/** Manifests and tool files whose emails and names are deliberate contact details, not personal data held by the service. */
const SKIP_NAME = /^(package\.json|package-lock\.json|npm-shrinkwrap\.json|composer\.json|composer\.lock|bower\.json|yarn\.lock|pnpm-lock\.yaml|pipfile\.lock|poetry\.lock|uv\.lock|pdm\.lock|pylock\.([^.]+\.)?toml|publiccode\.ya?ml|citation\.cff|codemeta\.json|\.zenodo\.json|\.all-contributorsrc|app\.json|manifest\.json|tsconfig[\w.-]*\.json|jsconfig\.json|\.eslintrc[\w.]*|renovate\.json|dependabot\.ya?ml|mkdocs\.ya?ml|_config\.ya?ml|license[\w.-]*|licence[\w.-]*|copying[\w.-]*|authors[\w.-]*|contributors[\w.-]*|maintainers[\w.-]*|notice[\w.-]*|changelog[\w.-]*|changes[\w.-]*|history[\w.-]*|readme[\w.-]*|code_of_conduct[\w.-]*|security[\w.-]*|requirements[\w.-]*\.txt|robots\.txt|humans\.txt|\.mailmap|codeowners)$/i;
const SKIP_PATH = /(^|\/)(node_modules|vendor|\.git|dist|build|coverage|\.github|\.gitlab|\.venv|venv|site-packages|bower_components)\//i;

export function scopeOf(path: string): Scope {
  const lower = path.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  if (SKIP_PATH.test(lower) || SKIP_NAME.test(name) || /\.min\.(js|css)$/.test(name) || name.endsWith('.d.ts')) return undefined;
  if (/\.(csv|tsv)$/.test(name)) return 'csv';
  if (/\.(json|ya?ml|geojson|jsonld)$/.test(name)) return 'tree';
  if (/\.(ndjson|jsonl)$/.test(name)) return 'ndjson';
  if (/\.xml$/.test(name)) return 'xml';
  if (/\.sql$/.test(name)) return 'sql';
  if (/\.(log|txt)$/.test(name)) return 'text';
  if (CODE_EXT.test(name)) return 'code';
  // In fixture and seed folders: data dumps without a data extension (not build files or dotfiles).
  if (DATA_FOLDER.test(lower) && (/\.(dat|psv|out|ldif|vcf|eml)$/.test(name) || (!name.includes('.') && !/^(dockerfile|containerfile|makefile|jenkinsfile|procfile|gemfile|rakefile|vagrantfile|brewfile|license|licence|readme|codeowners)$/.test(name)))) return 'text';
  return undefined;
}

export function isDataScope(s: Scope): boolean {
  return s !== undefined && s !== 'code';
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Resolve a descriptor's relative path (`./a/../b.csv`) against its folder; URLs give undefined. */
export function resolveRelative(fromDir: string, rel: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(rel) || rel.startsWith('/')) return undefined;
  const parts = fromDir ? fromDir.split('/') : [];
  for (const seg of rel.split(/[?#]/)[0].split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

export interface PublishedIndex {
  /** Repository paths listed as published resources, with the descriptor that lists them. */
  paths: Map<string, string>;
  /** Basenames of download URLs (DCAT `downloadURL`, absolute CSVW/Frictionless URLs), with the descriptor. */
  urlNames: Map<string, string>;
}

const DESCRIPTOR = /(^|\/)(datapackage\.json|csv-metadata\.json|[^/]*-metadata\.json|[^/]*\.jsonld|[^/]*(dcat|catalog|catalogue|dataset)[^/]*\.json)$/i;

/** Find open-data descriptors in the scan (Frictionless, CSVW, DCAT) and the files they publish. */
export function publishedIndex(project: ProjectContext): Promise<PublishedIndex> {
  return project.memo('privacy:published', async () => {
    const index: PublishedIndex = { paths: new Map(), urlNames: new Map() };
    for (const f of project.files) {
      if (!DESCRIPTOR.test(f.path) || SKIP_PATH.test(f.path)) continue;
      const loaded = await project.load(f.path);
      if (loaded?.document.format !== 'data') continue;
      const dir = dirOf(f.path);
      const add = (ref: string | undefined) => {
        if (!ref) return;
        const local = resolveRelative(dir, ref);
        if (local) index.paths.set(local, f.path);
        else if (/^https?:\/\//i.test(ref)) {
          const name = baseOf(ref.split(/[?#]/)[0]);
          if (name) index.urlNames.set(name.toLowerCase(), f.path);
        }
      };
      for (const root of loaded.document.roots) {
        if (!root) continue;
        const name = baseOf(f.path).toLowerCase();
        if (name === 'datapackage.json') {
          for (const r of seqOf(get(root, 'resources'))) {
            const p = get(r, 'path');
            if (isSeq(p)) for (const x of p.items) add(str(x));
            else add(str(p));
          }
          continue;
        }
        if (name.endsWith('-metadata.json') || name === 'csv-metadata.json') {
          add(str(get(root, 'url')));
          for (const t of seqOf(get(root, 'tables'))) add(str(get(t, 'url')));
        }
        // DCAT (JSON-LD or plain): any distribution's downloadURL / accessURL
        if (isDcat(root)) {
          walk(root, (node, _path, key) => {
            const k = key ? String(key.value) : '';
            if (/^(dcat:)?downloadURL$|^(dcat:)?accessURL$|^downloadUrl$/i.test(k)) {
              if (isScalar(node)) add(str(node));
              else if (isMap(node)) add(str(get(node, '@id')));
            }
          });
        }
      }
    }
    return index;
  });
}

function seqOf(n: DataNode | undefined): DataNode[] {
  return isSeq(n) ? n.items : [];
}

function isDcat(root: DataNode): boolean {
  let found = false;
  walk(root, (node, _p, key) => {
    if (found) return false;
    const k = key ? String(key.value) : '';
    if ((k === '@type' || k === 'type' || k === '@context') && isScalar(node) && /dcat|Dataset|Distribution/.test(String(node.value))) found = true;
    if ((k === '@type' || k === 'type') && isSeq(node) && node.items.some((i) => /dcat|Dataset/.test(str(i) ?? ''))) found = true;
    if (/^dcat:|^distribution$/.test(k)) found = true;
    return undefined;
  }, 20_000);
  return found;
}

/** The descriptor (or option glob) that publishes a file, when it is published. */
export async function publishedBy(project: ProjectContext, path: string, options: Record<string, unknown>): Promise<string | undefined> {
  const globs = Array.isArray(options.publishedPaths) ? options.publishedPaths.filter((g): g is string => typeof g === 'string' && g.length > 0) : [];
  if (globs.length && picomatch(globs, { dot: true })(path)) return `publishedPaths (${globs.join(', ')})`;
  const index = await publishedIndex(project);
  const direct = index.paths.get(path);
  if (direct) return direct;
  return index.urlNames.get(baseOf(path).toLowerCase());
}
