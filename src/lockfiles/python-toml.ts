/**
 * Python's TOML lockfiles other than poetry.lock:
 * - uv.lock (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile): `[[package]]` tables
 *   with a `source` inline table (`registry`, `git`, `url`, `path`, `directory`, `editable`,
 *   `virtual`). The project and its workspace members are `editable`/`virtual` sources. uv does not
 *   mark development packages: a package is development-only when the members reach it only through
 *   their `[package.dev-dependencies]` groups or their extras named for development tools (`dev`,
 *   `test`, `docs`, `lint`…).
 * - pdm.lock (https://pdm-project.org/latest/usage/lockfile/): `[[package]]` tables with `groups`
 *   (lock format 4.4.1 and later; `default` is the main group; optional and development groups are
 *   told apart with the project's pyproject.toml, see tagPdmDevOnly), `git`/`revision`,
 *   `path`/`editable` and `url` sources; an entry with `extras` is the same package as the plain one.
 * - pylock.toml (PEP 751, https://packaging.python.org/en/latest/specifications/pylock-toml/):
 *   `[[packages]]` tables with `index`, `vcs`, `directory`, `archive` sources. Groups are expressed as
 *   environment markers, which are not evaluated here, so no package is marked development-only.
 */
import { normalizePypiName } from '../osv/versions.js';
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { nameAndVersion, parseToml, readArrayTables, str, strings, table, type TomlArrayElement } from './toml.js';

type Table = TomlArrayElement['value'];

const isUrl = (u: string | undefined): u is string => !!u && /^[a-z][a-z0-9+.-]*:\/\//i.test(u);

/** A uv dependency reference: `{ name = "x" }`, with `version`/`source` when several versions are locked. */
interface UvDependency {
  name: string;
  version?: string;
}

function uvDependencies(t: Table): UvDependency[] {
  return uvDependencyList(t.dependencies);
}

function uvDependencyList(v: unknown): UvDependency[] {
  if (!Array.isArray(v)) return [];
  const out: UvDependency[] = [];
  for (const d of v) {
    const name = typeof d === 'object' && d !== null ? str(d as Table, 'name') : undefined;
    if (name) out.push({ name, version: str(d as Table, 'version') });
  }
  return out;
}

/** The dependency lists of every group of a `[package.<key>]` table (dev-dependencies, optional-dependencies). */
function uvGroups(t: Table, key: string, keep: (group: string) => boolean = () => true): UvDependency[] {
  const groups = table(t, key);
  return groups ? Object.entries(groups).flatMap(([group, list]) => (keep(group) ? uvDependencyList(list) : [])) : [];
}

/**
 * An extra that by its name holds development tools (`pip install project[dev]`, `[test]`,
 * `[docs]`, `[lint]`): many projects declare their test and documentation tools as
 * `[project.optional-dependencies]` instead of dependency groups, and uv locks them as the
 * project's optional dependencies.
 */
const DEV_EXTRA = /^(?:dev|develop|development|devel|test|tests|testing|lint|linting|docs?|documentation|typing|type-?check(?:ing)?)$/;
const devExtra = (group: string) => DEV_EXTRA.test(normalizePypiName(group));

export function parseUvLock(text: string): LockfileResult {
  const res = emptyResult('uv.lock');
  const { elements, topLevel, problems } = readArrayTables(text, 'package');
  res.problems.push(...problems);
  const entries: { pkg: LockPackage; value: Table; member: boolean }[] = [];
  for (const t of elements) {
    const source = table(t.value, 'source');
    const member = source !== undefined && (str(source, 'editable') !== undefined || str(source, 'virtual') !== undefined);
    const local = member || (source !== undefined && (str(source, 'path') !== undefined || str(source, 'directory') !== undefined));
    // uv leaves out the version of a local project whose version is dynamic
    const nv = nameAndVersion(t, res.problems, 'package', local ? '' : undefined);
    if (!nv) continue;
    const { name, version } = nv;
    const pkg: LockPackage = { ecosystem: 'PyPI', name, version, line: t.line };
    if (member) pkg.workspace = true;
    if (local) pkg.link = true;
    const at = (key: string) => t.position(['source', key]) ?? { line: t.line, column: 1 };
    const git = str(source, 'git');
    const registry = str(source, 'registry');
    const url = str(source, 'url');
    if (git) {
      // https://host/repo?rev=main#<resolved commit>
      const hash = git.indexOf('#');
      const base = hash < 0 ? git : git.slice(0, hash);
      pkg.git = { url: base.replace(/\?.*$/, ''), ref: hash < 0 ? /[?&](?:rev|tag|branch)=([^&]+)/.exec(base)?.[1] : git.slice(hash + 1), line: at('git').line };
    } else if (isUrl(registry)) {
      res.urls.push({ url: registry, ...at('registry'), role: 'registry', package: name });
    } else if (isUrl(url)) {
      res.urls.push({ url, ...at('url'), role: 'download', package: name });
    }
    entries.push({ pkg, value: t.value, member });
    res.packages.push(pkg);
  }
  markUvDevOnly(entries);
  // only the workspace members, depending on nothing but each other (a truncated lockfile is not "no dependencies")
  const members = new Set(entries.filter((e) => e.member).map((e) => normalizePypiName(e.pkg.name)));
  const declared = entries.filter((e) => e.member).flatMap((e) => [...uvDependencies(e.value), ...uvGroups(e.value, 'optional-dependencies'), ...uvGroups(e.value, 'dev-dependencies')]);
  if (res.packages.length > 0 && res.packages.every((p) => p.workspace) && declared.every((d) => members.has(normalizePypiName(d.name)))) res.rootOnly = true;
  if (topLevel.size === 0 && res.packages.length === 0 && res.problems.length === 0) res.unrecognised = true;
  return res;
}

/** Development-only: reached from the workspace members only through their dev-dependency groups (nothing is tagged when the production graph cannot be followed). */
function markUvDevOnly(entries: { pkg: LockPackage; value: Table; member: boolean }[]): void {
  const byName = new Map<string, typeof entries>();
  for (const e of entries) {
    const key = normalizePypiName(e.pkg.name);
    byName.set(key, [...(byName.get(key) ?? []), e]);
  }
  let complete = true;
  const resolve = (d: UvDependency) => {
    const found = (byName.get(normalizePypiName(d.name)) ?? []).filter((e) => d.version === undefined || e.pkg.version === d.version);
    if (found.length === 0) complete = false;
    return found;
  };
  // a member's development extras are not production; a registry package's extras are followed
  // whole (which of them a dependency edge asks for is not tracked)
  const extras = (e: (typeof entries)[number], dev: boolean) => uvGroups(e.value, 'optional-dependencies', e.member ? (g) => devExtra(g) === dev : () => !dev);
  const reach = (start: UvDependency[]) => {
    const seen = new Set<(typeof entries)[number]>();
    const queue = start.flatMap(resolve);
    while (queue.length) {
      const e = queue.pop()!;
      if (seen.has(e)) continue;
      seen.add(e);
      queue.push(...uvDependencies(e.value).flatMap(resolve), ...extras(e, false).flatMap(resolve));
    }
    return seen;
  };
  const members = entries.filter((e) => e.member);
  if (members.length === 0) return;
  const main = reach(members.flatMap((m) => [...uvDependencies(m.value), ...extras(m, false)]));
  // a production dependency that cannot be followed would make production packages look development-only
  if (!complete) return;
  const dev = reach(members.flatMap((m) => [...uvGroups(m.value, 'dev-dependencies'), ...extras(m, true)]));
  for (const e of dev) if (!main.has(e) && !e.member) e.pkg.dev = true;
}

export function parsePdmLock(text: string): LockfileResult {
  const res = emptyResult('pdm.lock');
  const { elements, topLevel, problems } = readArrayTables(text, 'package');
  res.problems.push(...problems);
  // PDM locks a package required with extras (`uvicorn[standard]`) as a second entry with `extras`,
  // whose dependencies name the plain entry: one package, whose groups are those of both entries
  const plain = new Map<string, LockPackage>();
  const withExtras: { pkg: LockPackage; key: string }[] = [];
  for (const t of elements) {
    const nv = nameAndVersion(t, res.problems);
    if (!nv) continue;
    const { name, version } = nv;
    const pkg: LockPackage = { ecosystem: 'PyPI', name, version, line: t.line };
    const groups = strings(t.value, 'groups');
    if (groups.length > 0) pkg.groups = groups;
    const git = str(t.value, 'git');
    const url = str(t.value, 'url');
    if (git) pkg.git = { url: git, ref: str(t.value, 'revision') ?? str(t.value, 'ref'), line: (t.position(['git']) ?? t).line };
    else if (str(t.value, 'path') !== undefined) pkg.link = true;
    else if (isUrl(url)) {
      const at = t.position(['url']) ?? { line: t.line, column: 1 };
      res.urls.push({ url, line: at.line, column: at.column, role: 'download', package: name });
    }
    const key = `${normalizePypiName(name)}@${version}`;
    if (strings(t.value, 'extras').length > 0) withExtras.push({ pkg, key });
    else if (!plain.has(key)) plain.set(key, pkg);
    res.packages.push(pkg);
  }
  for (const { pkg, key } of withExtras) {
    const base = plain.get(key);
    if (!base) continue;
    if (pkg.groups) base.groups = [...new Set([...(base.groups ?? []), ...pkg.groups])];
    res.packages.splice(res.packages.indexOf(pkg), 1);
  }
  tagPdmDevOnly(res);
  if (res.packages.length === 0 && topLevel.has('metadata')) res.rootOnly = true;
  if (topLevel.size === 0 && res.packages.length === 0 && res.problems.length === 0) res.unrecognised = true;
  return res;
}

/**
 * PDM's lock groups: `default` is the project's own dependencies; the others are its optional
 * dependency groups (extras, `[project.optional-dependencies]`) and its development groups
 * (`[dependency-groups]`, `[tool.pdm.dev-dependencies]`), which the lockfile does not tell apart.
 * Given the names of the optional groups (from pyproject.toml), a package is development-only when
 * each of its groups is neither `default` nor an optional group (other than one named for
 * development tools); without them, when it is not in `default`.
 */
export function tagPdmDevOnly(lock: LockfileResult, optionalGroups?: readonly string[]): void {
  // an extra named for development tools (`dev`, `test`, `docs`…) is development, as in uv.lock
  const production = new Set(['default', ...(optionalGroups ?? []).filter((g) => !devExtra(g))].map(normalizePypiName));
  for (const p of lock.packages) {
    const groups = p.groups ?? [];
    if (groups.length > 0 && groups.every((g) => !production.has(normalizePypiName(g)))) p.dev = true;
    else delete p.dev;
  }
}

/** The optional dependency groups (extras) a pyproject.toml declares; undefined when it cannot be read. */
export function pyprojectOptionalGroups(text: string): string[] | undefined {
  try {
    const doc = parseToml(text);
    return Object.keys(table(table(doc, 'project'), 'optional-dependencies') ?? {});
  } catch {
    return undefined;
  }
}

export function parsePylock(text: string): LockfileResult {
  const res = emptyResult('pylock.toml');
  const { elements, topLevel, problems } = readArrayTables(text, 'packages');
  res.problems.push(...problems);
  for (const t of elements) {
    const vcs = table(t.value, 'vcs');
    const directory = table(t.value, 'directory');
    const archive = table(t.value, 'archive');
    // PEP 751: version is optional for VCS, directory and archive sources
    const nv = nameAndVersion(t, res.problems, 'packages', vcs || directory || archive ? '' : undefined);
    if (!nv) continue;
    const { name, version } = nv;
    const pkg: LockPackage = { ecosystem: 'PyPI', name, version, line: t.line };
    const index = str(t.value, 'index');
    if (vcs) {
      const at = t.position(['vcs']) ?? t;
      pkg.git = { url: str(vcs, 'url') ?? str(vcs, 'path') ?? '', ref: str(vcs, 'commit-id') ?? str(vcs, 'requested-revision'), line: at.line };
    } else if (directory) {
      pkg.link = true;
      // the lock's own folder is the project itself
      if (/^\.?\/?$/.test(str(directory, 'path') ?? '')) pkg.workspace = true;
    }
    else if (archive && str(archive, 'path') !== undefined && !isUrl(str(archive, 'url'))) pkg.link = true;
    else if (archive && isUrl(str(archive, 'url'))) res.urls.push({ url: str(archive, 'url')!, line: (t.position(['archive']) ?? t).line, role: 'download', package: name });
    if (isUrl(index)) {
      const at = t.position(['index']) ?? { line: t.line, column: 1 };
      res.urls.push({ url: index, line: at.line, column: at.column, role: 'registry', package: name });
    }
    if (!version && !pkg.git && !pkg.link) continue;
    res.packages.push(pkg);
  }
  if (topLevel.has('lock-version') && res.packages.every((p) => p.workspace)) res.rootOnly = true;
  if (topLevel.size === 0 && res.packages.length === 0 && res.problems.length === 0) res.unrecognised = true;
  return res;
}
