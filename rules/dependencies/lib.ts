/** Shared by the dependencies rules: one parse per lockfile and one advisory lookup per run. */
import picomatch from 'picomatch';
import type { RuleContext } from '../../src/model/rule.js';
import type { ParsedDocument, SourceFile } from '../../src/model/document.js';
import type { ProjectContext } from '../../src/engine/project.js';
import { tagYarnDevOnly, type Manifest } from '../../src/lockfiles/dev-only.js';
import { LOCAL_RANGE } from '../../src/lockfiles/yarn.js';
import type { Range } from '../../src/model/location.js';
import type { Severity } from '../../src/model/severity.js';
import type { StandardsRefs } from '../../src/model/standards.js';
import { emptyResult, parseLockfile, lockfileFormat, type LockfileResult, type LockPackage } from '../../src/lockfiles/index.js';
import { KNOWN_LIBRARIES } from '../../src/lockfiles/vendored-libraries.js';
import { pyprojectOptionalGroups, tagPdmDevOnly } from '../../src/lockfiles/python-toml.js';
import { parseCentralVersions, parseProjectFile } from '../../src/lockfiles/dotnet.js';
import { OsvDatabase, matchPackage, packageKey, resolveOsvLocation, type AdvisoryMatch, type Ecosystem, type OsvRecord } from '../../src/osv/index.js';

export const SUPPLY_CHAIN: Omit<StandardsRefs, 'cwe'> = { dsss: ['8', '10'], govuk: ['9', '11'], sbd: ['2', '10'], caf: ['A4', 'B4'] };

/** The 1-based range of a whole line (from `column` when given). */
export function lineRange(ctx: RuleContext, line: number, column = 1): Range {
  const text = ctx.file.lines.lineText(line);
  return { start: { line, column }, end: { line, column: Math.max(column + 1, text.length + 1) } };
}

/** The lockfile of the file being checked (parsed once per run, shared by every rule). */
export function lockfileOf(ctx: RuleContext): LockfileResult {
  return parsedLockfile(ctx.project, ctx.file, ctx.document);
}

function parsedLockfile(project: ProjectContext, file: SourceFile, document: ParsedDocument): LockfileResult {
  return project.memo(`dependencies:lock:${file.path}`, () => {
    if (lockfileFormat(file.path) === 'msbuild') return parsedProjectFile(project, file);
    const lock = parseLockfile(file, document);
    if (lock.graph) {
      const manifests = projectManifests(project, file.path);
      tagYarnDevOnly(lock, manifests);
      // a yarn.lock v1 of only its header records no project: the package.json says whether there is nothing to lock
      if (lock.rootOnly && lock.format === 'yarn.lock v1' && declaresRegistryPackages(manifests)) lock.rootOnly = false;
    }
    if (lock.format === 'pdm.lock') {
      // which of the lock's groups are optional dependencies (production) rather than development groups
      const pyproject = project.readFile(`${dirOf(file.path)}pyproject.toml`)?.text;
      const optional = pyproject === undefined ? undefined : pyprojectOptionalGroups(pyproject);
      if (optional) tagPdmDevOnly(lock, optional);
    }
    return lock;
  });
}

/**
 * A .NET project file in its folder: a packages.lock.json beside it locks the same references more
 * exactly (it is read instead, so nothing is reported twice); otherwise the nearest
 * Directory.Packages.props (the project's folder or a parent, as MSBuild looks it up) supplies the
 * versions of references that do not write one.
 */
function parsedProjectFile(project: ProjectContext, file: SourceFile): LockfileResult {
  const dir = dirOf(file.path);
  if (project.readFile(`${dir}packages.lock.json`)) return { ...emptyResult('project file'), rootOnly: true };
  let central: Map<string, string> | undefined;
  for (let d = dir; ; d = dirOf(d.slice(0, -1))) {
    const props = project.readFile(`${d}Directory.Packages.props`);
    if (props) {
      central = parseCentralVersions(props.text);
      break;
    }
    if (d === '') break;
  }
  return parseProjectFile(file.text, central);
}

/** True when the project's package.json files depend on a package from outside the project (not one of its workspaces, a link or a local path). */
function declaresRegistryPackages(manifests: readonly Manifest[]): boolean {
  const own = new Set(manifests.map((m) => m.name));
  return manifests.some((m) =>
    [m.dependencies, m.optionalDependencies, m.devDependencies].some((deps) => Object.entries(deps ?? {}).some(([name, range]) => !own.has(name) && !LOCAL_RANGE.test(range))),
  );
}

const dirOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '');

/** The package.json beside a lockfile and those of the workspaces it names (`workspaces` globs). */
function projectManifests(project: ProjectContext, lockPath: string): Manifest[] {
  const dir = dirOf(lockPath);
  const root = readManifest(project, `${dir}package.json`);
  if (!root) return [];
  const ws = root.raw.workspaces;
  const globs = (Array.isArray(ws) ? ws : Array.isArray((ws as { packages?: unknown } | undefined)?.packages) ? (ws as { packages: unknown[] }).packages : []).filter((g): g is string => typeof g === 'string');
  // `./packages/*/` and `packages/*` name the same folders
  const normal = (g: string) => g.replace(/^\.\//, '').replace(/\/+$/, '');
  const include = globs.filter((g) => !g.startsWith('!')).map(normal);
  if (!include.length) return [root.manifest];
  const isWorkspace = picomatch(include, { ignore: globs.filter((g) => g.startsWith('!')).map((g) => normal(g.slice(1))) });
  const out = [root.manifest];
  for (const f of project.files) {
    if (!f.path.startsWith(dir) || !f.path.endsWith('/package.json') || f.path.includes('node_modules/')) continue;
    if (!isWorkspace(f.path.slice(dir.length, -'/package.json'.length))) continue;
    const m = readManifest(project, f.path);
    if (m) out.push(m.manifest);
  }
  return out;
}

function readManifest(project: ProjectContext, path: string): { manifest: Manifest; raw: Record<string, unknown> } | undefined {
  const text = project.readFile(path)?.text;
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const deps = (k: string): Record<string, string> | undefined => {
    const v = r[k];
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
  };
  return { raw: r, manifest: { name: typeof r.name === 'string' ? r.name : undefined, dependencies: deps('dependencies'), optionalDependencies: deps('optionalDependencies'), devDependencies: deps('devDependencies') } };
}

/**
 * True when the engine could not parse a JSON/YAML lockfile (its parse-error finding covers it). A
 * YAML file with no document at all (empty, or only comments) is valid YAML and gets no parse error:
 * it is read as a lockfile without content, so it does not pass silently.
 */
export function dataUnparsed(ctx: RuleContext): boolean {
  return ctx.document.format === 'data' && ctx.document.roots.length > 0 && ctx.document.roots[0] === null;
}

/** Registry packages only: linked, workspace, local, git and foreign-registry entries are never matched. */
export function matchable(p: LockPackage): boolean {
  return !p.link && !p.workspace && !p.git && !p.foreign && p.version !== '';
}

const LOWER: Record<Severity, Severity> = { critical: 'high', high: 'medium', medium: 'low', low: 'info', info: 'info' };
export function oneLower(s: Severity): Severity {
  return LOWER[s];
}

export interface PackageAdvisory {
  pkg: LockPackage;
  match: AdvisoryMatch;
}

/** Names per ecosystem in every lockfile of the scan, so each ecosystem's records are read once. */
async function projectNames(ctx: RuleContext): Promise<Map<Ecosystem, Set<string>>> {
  return ctx.project.memo('dependencies:names', async () => {
    const names = new Map<Ecosystem, Set<string>>();
    const add = (r: LockfileResult) => {
      for (const p of r.packages) {
        if (!matchable(p)) continue;
        const set = names.get(p.ecosystem) ?? new Set<string>();
        set.add(p.name);
        names.set(p.ecosystem, set);
      }
    };
    add(lockfileOf(ctx));
    for (const f of ctx.project.files) {
      if (f.kind !== 'lockfile' || f.path === ctx.file.path || !lockfileFormat(f.path)) continue;
      const loaded = await ctx.project.load(f.path);
      if (!loaded) continue;
      add(parsedLockfile(ctx.project, loaded.file, loaded.document));
    }
    return names;
  });
}

const DAY = 86_400_000;

/**
 * The run's OSV database, or undefined when there is none (a notice says so once per run; the scan
 * goes on). The database's date is given once per run, with a warning when it is more than 7 days old.
 */
export function osvDatabaseOf(ctx: RuleContext): { db: OsvDatabase; loc: ReturnType<typeof resolveOsvLocation> } | undefined {
  const loc = resolveOsvLocation(ctx.options, ctx.project.root);
  const db = ctx.project.memo(`dependencies:osv:${loc.path}`, () => new OsvDatabase(loc.path));
  const info = ctx.project.memo(`dependencies:osv-info:${loc.path}`, () => {
    const i = db.info();
    if (!i.exists) {
      ctx.notice(`no OSV database: run saltire db update; dependencies were not checked for advisories (looked in ${loc.path})`, 'warning', 'scan');
    } else {
      const date = i.date?.toISOString().slice(0, 10) ?? 'unknown date';
      const age = i.date ? Math.floor((Date.parse(`${ctx.today}T00:00:00Z`) - i.date.getTime()) / DAY) : undefined;
      ctx.notice(`OSV database ${loc.path} dated ${date}${age !== undefined && age > 7 ? `: it is ${age} days old; run saltire db update for current advisories` : ''}`, age !== undefined && age > 7 ? 'warning' : 'info', 'scan');
    }
    return i;
  });
  return info.exists ? { db, loc } : undefined;
}

/**
 * Advisories of a JavaScript library copied into the repository (its npm package at the version its
 * banner states). Every known library's records are read in one pass over the npm data, once per run.
 */
export async function vendoredLibraryAdvisories(ctx: RuleContext, name: string, version: string): Promise<AdvisoryMatch[] | undefined> {
  const osv = osvDatabaseOf(ctx);
  if (!osv) return undefined;
  const names = KNOWN_LIBRARIES.flatMap((l) => (l.npm ? [l.npm] : []));
  const records: Map<string, OsvRecord[]> = await ctx.project.memo(`dependencies:osv-lookup:${osv.loc.path}:npm-libraries`, () => osv.db.lookup('npm', names));
  const recs = records.get(packageKey('npm', name));
  return recs ? matchPackage('npm', name, version, recs) : [];
}

/** Advisories affecting the lockfile's packages, or undefined when there is no database. */
export async function advisoriesOf(ctx: RuleContext): Promise<PackageAdvisory[] | undefined> {
  const osv = osvDatabaseOf(ctx);
  if (!osv) return undefined;
  const { db, loc } = osv;
  const lock = lockfileOf(ctx);
  const pkgs = lock.packages.filter(matchable);
  if (pkgs.length === 0) return [];
  const names = await projectNames(ctx);
  const out: PackageAdvisory[] = [];
  const seen = new Set<string>();
  for (const eco of new Set(pkgs.map((p) => p.ecosystem))) {
    const records: Map<string, OsvRecord[]> = await ctx.project.memo(`dependencies:osv-lookup:${loc.path}:${eco}`, () => db.lookup(eco, names.get(eco) ?? []));
    for (const p of pkgs.filter((x) => x.ecosystem === eco)) {
      const recs = records.get(packageKey(eco, p.name));
      if (!recs) continue;
      for (const m of matchPackage(eco, p.name, p.version, recs)) {
        // one finding per package version per advisory group in a file
        const k = `${packageKey(eco, p.name)}@${p.version}:${m.ids[0]}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push({ pkg: p, match: m });
      }
    }
  }
  return out;
}

/**
 * What every advisory finding says and records of its advisory: the message (fixed version known or
 * not), the ids, summary, severity and CVSS for the message, and the same as report properties.
 */
export function advisoryFields(match: AdvisoryMatch): { messageId: 'vulnerable' | 'noFix'; data: Record<string, string>; properties: Record<string, unknown> } {
  return {
    messageId: match.fixed.length ? 'vulnerable' : 'noFix',
    data: {
      ids: idList(match),
      summary: match.summary || 'no summary',
      advisorySeverity: match.severity ?? 'unknown',
      cvss: match.cvss !== undefined ? `, CVSS ${match.cvss.toFixed(1)}` : '',
      fixed: match.fixed.join(' or '),
    },
    properties: {
      ids: [...match.ids, ...match.aliases],
      fixed: match.fixed,
      cvss: match.cvss ?? null,
      cvssVector: match.vector ?? null,
      advisorySeverity: match.severity ?? null,
    },
  };
}

/** `GHSA-… (CVE-…)` */
export function idList(m: AdvisoryMatch): string {
  return m.aliases.length ? `${m.ids.join(', ')} (${m.aliases.join(', ')})` : m.ids.join(', ');
}
