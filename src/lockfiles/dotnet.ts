/**
 * .NET manifests, read when a project has no packages.lock.json (most do not): like pom.xml, a
 * manifest, not a lock file, so only exact versions it writes are read; floating versions (`1.2.*`)
 * and ranges (`[1.0,2.0)`) are not guessed, and transitive packages need `dotnet restore`.
 *
 * - `packages.config` (.NET Framework's NuGet, https://learn.microsoft.com/nuget/reference/packages-config):
 *   `<package id version developmentDependency? allowedVersions?/>`, always exact versions.
 * - SDK-style project files (`*.csproj`, `*.fsproj`, `*.vbproj`,
 *   https://learn.microsoft.com/nuget/consume-packages/package-references-in-project-files):
 *   `<PackageReference Include|Update="…" Version="…"/>` (or `<Version>` as a child element), with
 *   Central Package Management (https://learn.microsoft.com/nuget/consume-packages/central-package-management):
 *   a reference without a version takes the `<PackageVersion Include Version>` of the nearest
 *   `Directory.Packages.props`; `VersionOverride` replaces it. `$(Property)` references are resolved
 *   from the file's own `<PropertyGroup>`s (a property defined elsewhere is not guessed).
 *   `PrivateAssets="all"` references (analyzers, source generators, build tools) do not flow to
 *   consumers or the output: development-only. So is every package of a test project (one that
 *   references a test runner or framework: Microsoft.NET.Test.Sdk, xunit, NUnit, MSTest, TUnit, or
 *   says `<IsTestProject>true</IsTestProject>`), as in packages.lock.json.
 */
import { emptyResult, type LockfileResult, type LockPackage } from './types.js';
import { walkXml } from './xml.js';
import { TEST_PACKAGES } from './nuget.js';

/**
 * An exact NuGet version (`1.2.3`, `1.2.3.4`, `2.0.0-beta.1`, with build metadata), or the exact
 * range `[1.2.3]`. Returns the version, or undefined for a floating version or a range.
 */
export function exactNugetVersion(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  const inner = /^\[\s*([^,\]]+?)\s*\]$/.exec(t)?.[1] ?? t;
  return /^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(inner) ? inner : undefined;
}

/** packages.config: every `<package>` has an exact version; `developmentDependency="true"` is development-only. */
export function parsePackagesConfig(text: string): LockfileResult {
  const res = emptyResult('packages.config');
  const { root, error } = walkXml(text, res, (e) => {
    if (e.name !== 'package' || e.path.length !== 2 || e.path[0] !== 'packages') return;
    const name = e.attrs.id?.trim();
    const version = exactNugetVersion(e.attrs.version);
    if (!name || !version) return;
    res.packages.push({ ecosystem: 'NuGet', name, version, line: e.line, ...(/^true$/i.test(e.attrs.developmentdependency ?? '') ? { dev: true } : {}) });
  });
  if (root !== 'packages') return error ? res : { ...res, unrecognised: true };
  // a packages.config with no packages is a project without NuGet dependencies
  if (res.packages.length === 0 && !error) res.rootOnly = true;
  return res;
}

/** The `<PackageVersion Include Version>` items of a Directory.Packages.props, by lower-case name (`$(Property)` resolved from its own properties). */
export function parseCentralVersions(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  const raw: [string, string][] = [];
  const props = new Map<string, string>();
  const scratch = emptyResult('Directory.Packages.props');
  walkXml(
    text,
    scratch,
    (e) => {
      if (e.name === 'PackageVersion' && e.path[e.path.length - 2] === 'ItemGroup') {
        const name = (e.attrs.include ?? e.attrs.update)?.trim();
        if (name && e.attrs.version !== undefined) raw.push([name, e.attrs.version]);
      }
    },
    (e, value) => {
      if (e.path.length === 3 && e.path[1] === 'PropertyGroup') props.set(e.name.toLowerCase(), value);
    },
  );
  for (const [name, v] of raw) versions.set(name.toLowerCase(), resolveProperties(v, props));
  return versions;
}

/** `$(Name)` replaced from the properties (case-insensitive, as MSBuild); an unknown one stays. */
function resolveProperties(v: string, props: Map<string, string>): string {
  let out = v;
  for (let depth = 0; out.includes('$(') && depth < 10; depth++) {
    const next = out.replace(/\$\(([\w.-]+)\)/g, (whole, key: string) => props.get(key.toLowerCase()) ?? whole);
    if (next === out) break;
    out = next;
  }
  return out;
}

interface Reference {
  name: string;
  line: number;
  version?: string;
  versionOverride?: string;
  privateAssets?: string;
  /** An `Update` of an item included elsewhere (the SDK, Directory.Build.props). */
  update: boolean;
}

/**
 * An SDK-style project file's PackageReferences. `central`: the versions of the nearest
 * Directory.Packages.props, when there is one.
 */
export function parseProjectFile(text: string, central?: ReadonlyMap<string, string>): LockfileResult {
  const res = emptyResult('project file');
  const refs: Reference[] = [];
  const props = new Map<string, string>();
  let current: Reference | undefined;
  let currentDepth = 0;
  let testProject = false;
  const { root, error } = walkXml(
    text,
    res,
    (e) => {
      if (e.name === 'PackageReference' && e.path[e.path.length - 2] === 'ItemGroup') {
        const name = (e.attrs.include ?? e.attrs.update)?.trim();
        current = undefined;
        if (!name) return;
        current = { name, line: e.line, version: e.attrs.version, versionOverride: e.attrs.versionoverride, privateAssets: e.attrs.privateassets, update: e.attrs.include === undefined };
        currentDepth = e.path.length;
        refs.push(current);
      }
    },
    (e, value) => {
      if (current && e.path.length === currentDepth + 1) {
        if (e.name === 'Version') current.version = value;
        else if (e.name === 'VersionOverride') current.versionOverride = value;
        else if (e.name === 'PrivateAssets') current.privateAssets = value;
      } else if (current && e.path.length === currentDepth) {
        current = undefined;
      } else if (e.path.length === 3 && e.path[1] === 'PropertyGroup') {
        props.set(e.name.toLowerCase(), value);
      }
    },
  );
  if (root !== 'Project') return error ? res : { ...res, unrecognised: true };
  if (/^true$/i.test(props.get('istestproject') ?? '')) testProject = true;
  for (const r of refs) if (!r.update && TEST_PACKAGES.test(r.name)) testProject = true;
  const seen = new Set<string>();
  for (const r of refs) {
    const written = r.versionOverride ?? r.version ?? central?.get(r.name.toLowerCase());
    const version = exactNugetVersion(written === undefined ? undefined : resolveProperties(written, props));
    // a floating version, a range, an unknown property or no version at all: not read
    if (!version) continue;
    const key = `${r.name.toLowerCase()}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const pkg: LockPackage = { ecosystem: 'NuGet', name: r.name, version, line: r.line };
    if (testProject || /^\s*all\s*$/i.test(r.privateAssets ?? '')) pkg.dev = true;
    res.packages.push(pkg);
  }
  // a manifest: when it writes no readable version (none, floating, ranges), there is nothing to judge
  if (res.packages.length === 0 && !error) res.rootOnly = true;
  return res;
}
