/**
 * yarn.lock: the classic v1 format (https://classic.yarnpkg.com/en/docs/yarn-lock) and Yarn Berry
 * (v2+: YAML with `__metadata`, `resolution: "name@npm:1.2.3"`, `linkType: soft` for
 * `workspace:`/`link:`/`portal:` packages; https://yarnpkg.com/protocols).
 */
import type { Pair } from 'yaml';
import { lazy } from '../lazy.js';
import { LineIndex } from '../model/location.js';
import { emptyResult, splitLines, type LockfileResult, type LockPackage } from './types.js';
import { isGitUrl, splitGitRef } from './git.js';

const yaml = lazy<typeof import('yaml')>('yaml');

export function parseYarnLock(text: string): LockfileResult {
  if (/^__metadata:/m.test(text)) return parseBerry(text);
  return parseClassic(text);
}

/** `name@range` → name (a leading `@` belongs to the scope). */
function nameOfSpec(spec: string): { name: string; range: string } {
  const at = spec.indexOf('@', 1);
  return at < 0 ? { name: spec, range: '' } : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  return t;
}

/** Ranges of the project's own or local packages (never fetched from the registry). */
export const LOCAL_RANGE = /^(file:|link:|portal:|workspace:|\.{0,2}\/)/;

function parseClassic(text: string): LockfileResult {
  const res = emptyResult('yarn.lock v1');
  const graph: NonNullable<LockfileResult['graph']> = [];
  const lines = splitLines(text);
  let current: (LockPackage & { range: string }) | undefined;
  let entry: { specs: string[]; deps: [string, string][] } = { specs: [], deps: [] };
  /** The entry's dependency list being read (`dependencies:` or `optionalDependencies:`), if any. */
  let inDeps = false;
  let sawAny = false;
  const flush = () => {
    if (!current) return;
    const { range, ...pkg } = current;
    if (LOCAL_RANGE.test(range)) pkg.link = true;
    if (pkg.version || pkg.git || pkg.link) {
      res.packages.push(pkg);
      graph.push(entry);
    } else res.problems.push({ line: pkg.line, message: `the entry for ${pkg.name} has no version` });
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (/^\s*(#.*)?$/.test(raw)) continue;
    if (!/^\s/.test(raw)) {
      flush();
      if (!raw.trimEnd().endsWith(':')) {
        res.problems.push({ line: i + 1, message: `expected an entry header ending in ":" (got "${raw.trim().slice(0, 60)}")` });
        continue;
      }
      sawAny = true;
      const specs = raw.trimEnd().slice(0, -1).split(/,\s*/).map(unquote);
      entry = { specs, deps: [] };
      inDeps = false;
      const spec0 = nameOfSpec(specs[0]);
      const range = spec0.range;
      let name = spec0.name;
      const alias = /^npm:(@?[^@]+)@/.exec(range);
      if (alias) name = alias[1];
      current = { ecosystem: 'npm', name, version: '', line: i + 1, range };
      if (isGitUrl(range)) {
        const g = splitGitRef(range);
        current.git = { url: g.url, ref: g.ref, line: i + 1 };
      }
      continue;
    }
    if (!current) continue;
    const section = /^ {2}(\S+):\s*$/.exec(raw);
    if (section) {
      const name = unquote(section[1]);
      inDeps = name === 'dependencies' || name === 'optionalDependencies';
      continue;
    }
    const dep = inDeps ? /^ {4}(\S+)\s+(.+)$/.exec(raw) : null;
    if (dep) {
      entry.deps.push([unquote(dep[1]), unquote(dep[2])]);
      continue;
    }
    const m = /^ {2}(\S+)\s+(.+)$/.exec(raw);
    if (!m) continue;
    inDeps = false;
    // npm (v7+) writes yarn.lock with quoted keys too: `"version" "1.2.3"`
    const field = unquote(m[1]);
    const value = unquote(m[2]);
    if (field === 'version') current.version = value;
    else if (field === 'resolved') {
      const col = raw.indexOf(m[2]) + (m[2].startsWith('"') ? 2 : 1);
      if (isGitUrl(value)) {
        const g = splitGitRef(value);
        current.git = { url: g.url, ref: g.ref ?? current.git?.ref, line: i + 1 };
      } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) res.urls.push({ url: value, line: i + 1, column: col, role: 'download', package: current.name });
    }
  }
  flush();
  res.graph = graph;
  // yarn writes just its header for a project without dependencies
  if (!sawAny) {
    if (/yarn lockfile v1/.test(text)) res.rootOnly = true;
    else res.unrecognised = true;
  }
  return res;
}

function parseBerry(text: string): LockfileResult {
  const res = emptyResult('yarn berry');
  const { parseDocument, isMap, isScalar, isPair } = yaml();
  const doc = parseDocument(text, { uniqueKeys: false });
  const idx = new LineIndex(text);
  for (const e of doc.errors) res.problems.push({ line: idx.position(e.pos[0]).line, message: e.message.split('\n')[0] });
  if (!isMap(doc.contents)) return res;
  let workspaces = 0;
  const graph: NonNullable<LockfileResult['graph']> = [];
  for (const item of doc.contents.items as Pair[]) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = String(item.key.value);
    if (key === '__metadata') continue;
    const line = idx.position(item.key.range?.[0] ?? 0).line;
    const v = item.value;
    if (!isMap(v)) continue;
    const field = (k: string): { value: string; line: number; column: number } | undefined => {
      const n = v.get(k, true);
      if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
      const pos = idx.position(n.range?.[0] ?? 0);
      return { value: String(n.value), line: pos.line, column: pos.column };
    };
    const resolution = field('resolution')?.value ?? key.split(/,\s*/)[0];
    const { name, range } = nameOfSpec(resolution);
    const version = field('version')?.value ?? '';
    const pkg: LockPackage = { ecosystem: 'npm', name, version, line };
    const protocol = /^([a-z]+):/.exec(range)?.[1];
    if (protocol === 'workspace') {
      pkg.workspace = true;
      pkg.link = true;
      workspaces++;
    } else if (protocol === 'link' || protocol === 'portal' || protocol === 'file' || protocol === 'exec' || field('linkType')?.value === 'soft') {
      pkg.link = true;
    } else if (isGitUrl(range) || /^git@/.test(range)) {
      const g = splitGitRef(range);
      pkg.git = { url: g.url, ref: g.ref, line: field('resolution')?.line ?? line };
    } else if (/^https?:/.test(range)) {
      const r = field('resolution');
      if (r) res.urls.push({ url: range, line: r.line, role: 'download', package: name });
    }
    res.packages.push(pkg);
    const deps: [string, string][] = [];
    const listed = v.get('dependencies', true);
    if (isMap(listed)) for (const d of listed.items as Pair[]) if (isScalar(d.key) && isScalar(d.value)) deps.push([String(d.key.value), String(d.value.value)]);
    graph.push({ specs: key.split(/,\s*/), deps });
  }
  res.graph = graph;
  // only the project's own workspaces, depending on nothing but each other: a project without
  // dependencies (a workspace needing another package the lock does not hold is a truncated lock)
  const own = new Set(res.packages.map((p) => p.name));
  if (res.packages.length === workspaces && workspaces > 0 && graph.every((g) => g.deps.every(([name, range]) => own.has(name) || /^(workspace|link|portal|file):/.test(range)))) {
    res.rootOnly = true;
  }
  return res;
}
