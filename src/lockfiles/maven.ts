/**
 * Java dependencies (OSV ecosystem Maven, packages named `groupId:artifactId`):
 * - gradle.lockfile (Gradle dependency locking, https://docs.gradle.org/current/userguide/dependency_locking.html):
 *   one `group:artifact:version=configuration,…` line per resolved module (Gradle 4.8–5 wrote one
 *   `gradle/dependency-locks/<configuration>.lockfile` per configuration, of bare coordinates); a module that only test
 *   configurations or build tools' configurations (annotation processors, the Kotlin compiler, code
 *   quality and coverage plugins) resolve is development-only; `empty=…` lists configurations
 *   without dependencies.
 * - pom.xml (https://maven.apache.org/pom.html), read with `saxes` (./xml.ts): not a lockfile, so only what the
 *   file itself decides is read: the direct dependencies (and dependencyManagement and profile
 *   entries) whose version is written there, directly or through `${property}` of this POM
 *   (`${project.*}` from the POM's own elements before `<properties>`, as Maven interpolates). A
 *   version that a parent POM or an imported BOM supplies, a version range or an unknown property is
 *   not read (the project's effective versions need Maven). A dependency on a module of the same build
 *   (`${project.version}`, or the project's own groupId and version) is the project's own, not a
 *   registry package. As Maven builds the model: of two
 *   declarations of one dependency in one list the last is kept; management applies by
 *   groupId:artifactId:type:classifier and supplies a missing scope; the project's own dependencies
 *   take the project's management only (a profile may be inactive), a profile's take its own first.
 *   `test` scope is development-only; `<repositories>` URLs are registries.
 */
import { emptyResult, splitLines, type LockfileResult, type LockPackage } from './types.js';
import { walkXml } from './xml.js';

/**
 * A test configuration, by Gradle's camel-case naming: `test…` (testCompileClasspath,
 * testFixturesRuntimeClasspath) or a `…Test` / `…Tests` word (integrationTestRuntimeClasspath,
 * debugUnitTestRuntimeClasspath, androidTestUtil), but not a word that merely contains the letters
 * (latestDepRuntimeClasspath, attestation).
 */
const TEST_CONFIGURATION = /(?:^test|Test)s?(?![a-z])/;
/**
 * A configuration that only build tools resolve, never part of what the project ships: annotation
 * processors (annotationProcessor, kapt…, ksp…), the Kotlin compiler and its plugins, and the code
 * quality and coverage plugins' own classpaths (spotbugs, spotbugsSlf4j, spotless<hash>, checkstyle,
 * pmd, codenarc, detekt, ktlint, errorprone, jacocoAgent, jacocoAnt, kover).
 */
const TOOL_CONFIGURATION =
  /^(?:annotationProcessor|(?:kapt|ksp|spotbugs|detekt|ktlint|kover)(?:[A-Z]\w*)?|kotlin(?:Compiler|KlibCommonizer|NativeCompilerPlugin|BuildToolsApi)\w*|spotless\d*|checkstyle|pmd|codenarc|errorprone|jacocoAgent|jacocoAnt)$/;
/**
 * Android's development-only variants: the debug build type's configurations (debugRuntimeClasspath,
 * debugCompileClasspath, debugImplementation…) and the lint checks' classpaths (lintChecks,
 * lintClassPath, lintPublish). Instrumented and unit tests (androidTest…, testDebug…) are tests.
 */
const ANDROID_DEV_CONFIGURATION = /^(?:debug|lint)(?![a-z])/;
const devConfiguration = (c: string) => TEST_CONFIGURATION.test(c) || TOOL_CONFIGURATION.test(c) || ANDROID_DEV_CONFIGURATION.test(c);

/**
 * A Gradle lock file. `configuration`: the configuration of a Gradle 4.8–5 per-configuration lock file
 * (`gradle/dependency-locks/testRuntimeClasspath.lockfile`), whose lines are bare coordinates.
 * `buildscript`: a `buildscript-gradle.lockfile`, the build script's own classpath (Gradle plugins and
 * what they need): only the build runs it, so every module of it is development-only.
 */
export function parseGradleLockfile(text: string, configuration?: string, buildscript = false): LockfileResult {
  const res = emptyResult(buildscript ? 'buildscript-gradle.lockfile' : 'gradle.lockfile');
  let sawEmpty = false;
  splitLines(text).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = configuration === undefined ? line.lastIndexOf('=') : -1;
    const coords = eq < 0 ? line : line.slice(0, eq);
    const configurations = configuration !== undefined ? [configuration] : eq < 0 ? [] : line.slice(eq + 1).split(',').map((c) => c.trim()).filter(Boolean);
    if (coords === 'empty') {
      sawEmpty = true;
      return;
    }
    const parts = coords.split(':');
    if (parts.length !== 3 || parts.some((p) => !p.trim()) || (eq < 0 && configuration === undefined)) {
      res.problems.push({ line: i + 1, message: configuration === undefined ? 'expected group:artifact:version=configurations' : 'expected group:artifact:version' });
      return;
    }
    const pkg: LockPackage = { ecosystem: 'Maven', name: `${parts[0]}:${parts[1]}`, version: parts[2], line: i + 1 };
    if (buildscript || (configurations.length > 0 && configurations.every(devConfiguration))) pkg.dev = true;
    res.packages.push(pkg);
  });
  // a legacy per-configuration file with no coordinates is a configuration that resolves nothing
  if (res.packages.length === 0 && (sawEmpty || (configuration !== undefined && res.problems.length === 0))) res.rootOnly = true;
  return res;
}

interface PomDependency {
  groupId?: string;
  artifactId?: string;
  version?: string;
  scope?: string;
  type?: string;
  classifier?: string;
  line: number;
  /** Depth of its `<dependency>` element: only that element's own children are its fields. */
  depth: number;
  managed: boolean;
  /** The list the declaration belongs to: '' for the project's own, `profile N` for the Nth profile's. */
  list: string;
}

/** The element paths whose `<dependency>` children declare dependencies (relative to `project`). */
const DEPENDENCY_LISTS = new Set(['project/dependencies', 'project/dependencyManagement/dependencies', 'project/profiles/profile/dependencies', 'project/profiles/profile/dependencyManagement/dependencies']);
const REPOSITORY_URLS = new Set(['project/repositories/repository/url', 'project/pluginRepositories/pluginRepository/url', 'project/profiles/profile/repositories/repository/url', 'project/distributionManagement/repository/url']);
const DEPENDENCY_FIELDS = new Set(['groupId', 'artifactId', 'version', 'scope', 'type', 'classifier']);
/**
 * A version this reader cannot judge: an unresolved property, a range (`[1.0,2.0)`), blanks, or XML
 * it could not decode (an undefined entity such as `&v;`).
 */
const NOT_A_VERSION = /[\s$[\](),{}&;<>]/;

export function parsePom(text: string): LockfileResult {
  const res = emptyResult('pom.xml');
  const properties = new Map<string, string>();
  /** `project.*` values from the POM's own elements: Maven reads these before `<properties>`. */
  const model = new Map<string, string>();
  const deps: PomDependency[] = [];
  let current: PomDependency | undefined;
  let profiles = 0;
  // Maven refuses a POM it cannot parse: what was complete before the first error is kept, nothing after it
  // (past an error the element structure is a guess: an unclosed <dependency> would absorb the next one's fields)
  const { root, error } = walkXml(
    text,
    res,
    (e) => {
      const path = e.path.join('/');
      if (path === 'project/profiles/profile') profiles++;
      if (e.name === 'dependency' && DEPENDENCY_LISTS.has(e.path.slice(0, -1).join('/'))) {
        current = { line: e.line, depth: e.path.length, managed: path.includes('dependencyManagement'), list: e.path[1] === 'profiles' ? `profile ${profiles}` : '' };
      }
    },
    (e, value) => {
      const path = e.path.join('/');
      const depth = e.path.length;
      if (current && depth === current.depth + 1) {
        if (DEPENDENCY_FIELDS.has(e.name)) current[e.name as 'groupId'] = value;
      } else if (current && depth === current.depth) {
        deps.push(current);
        current = undefined;
      } else if (depth === 3 && e.path[1] === 'properties') {
        properties.set(e.name, value);
      } else if (path === 'project/version' || path === 'project/groupId' || path === 'project/artifactId') {
        model.set(`project.${e.name}`, value);
      } else if (path === 'project/parent/version' || path === 'project/parent/groupId' || path === 'project/parent/artifactId') {
        model.set(`project.parent.${e.name}`, value);
      } else if (REPOSITORY_URLS.has(path) && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        res.urls.push({ url: value, line: e.line, role: 'registry' });
      }
    },
  );
  if (root !== 'project') return error ? res : { ...res, unrecognised: true };
  // a project without its own version or groupId inherits the parent's
  const ownVersion = model.get('project.version');
  if (!model.has('project.version') && model.has('project.parent.version')) model.set('project.version', model.get('project.parent.version')!);
  if (!model.has('project.groupId') && model.has('project.parent.groupId')) model.set('project.groupId', model.get('project.parent.groupId')!);

  /** A property's value: `project.*` (or the old `pom.*`) from the POM's elements first, then `<properties>`. */
  const lookup = (key: string): string | undefined => {
    const projectKey = key.replace(/^pom\./, 'project.');
    return model.get(projectKey) ?? properties.get(key) ?? properties.get(projectKey);
  };
  /** A value with its `${property}` references replaced (repeatedly; an unknown one stays as written). */
  const resolve = (v: string | undefined): string | undefined => {
    let out = v;
    for (let depth = 0; out !== undefined && out.includes('${') && depth < 10; depth++) {
      const next: string = out.replace(/\$\{([^}]+)\}/g, (whole, key: string) => lookup(key) ?? whole);
      if (next === out) break;
      out = next;
    }
    return out;
  };
  /** Maven's management key: groupId:artifactId:type:classifier (type `jar` when not written). */
  const managementKey = (d: PomDependency, r: (v: string | undefined) => string | undefined) => `${r(d.groupId)}:${r(d.artifactId)}:${r(d.type) || 'jar'}:${r(d.classifier) ?? ''}`;
  const raw = (v: string | undefined) => v;

  // dependencyManagement per list (the project's, each profile's): a later entry for the same key replaces an earlier one
  const managed = new Map<string, Map<string, PomDependency>>();
  for (const d of deps) {
    if (!d.managed) continue;
    if (!managed.has(d.list)) managed.set(d.list, new Map());
    managed.get(d.list)!.set(managementKey(d, resolve), d);
  }
  // a dependency declared twice in one list: Maven keeps the last declaration (and warns)
  const lastDeclaration = new Map<string, PomDependency>();
  for (const d of deps) if (!d.managed) lastDeclaration.set(`${d.list}|${managementKey(d, raw)}`, d);

  const seen = new Set<string>();
  for (const d of deps) {
    if (!d.managed && lastDeclaration.get(`${d.list}|${managementKey(d, raw)}`) !== d) continue;
    const group = resolve(d.groupId);
    const artifact = resolve(d.artifactId);
    // an `import`-scoped BOM only supplies versions; a `pom`-type dependency otherwise is a real one (its dependencies come along)
    if (!group || !artifact || resolve(d.scope) === 'import') continue;
    const name = `${group}:${artifact}`;
    // a profile's declarations take its own management first; the project's own never take a profile's
    const key = managementKey(d, resolve);
    const entry = d.managed ? undefined : (managed.get(d.list)?.get(key) ?? managed.get('')?.get(key));
    const version = resolve(d.version) || resolve(entry?.version);
    // unknown property, a version range or a version supplied by a parent or BOM: not read
    if (!version || NOT_A_VERSION.test(version)) continue;
    const scope = resolve(d.scope) || resolve(entry?.scope);
    const seenKey = `${name}@${version}@${d.line}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    const pkg: LockPackage = { ecosystem: 'Maven', name, version, line: d.line, ...(scope === 'test' ? { dev: true } : {}) };
    // a module of this build (the reactor): versioned with the project itself, not fetched from a registry
    const written = d.version ?? entry?.version;
    if (/^\$\{(?:project\.|pom\.)?version\}$/.test(written?.trim() ?? '') || (ownVersion !== undefined && group === model.get('project.groupId') && version === resolve(ownVersion))) {
      pkg.workspace = true;
      pkg.link = true;
    }
    res.packages.push(pkg);
  }
  // a POM is a manifest: when no version is written in it (all from a parent or BOM), or only the
  // build's own modules are, there is nothing to judge
  if (res.packages.every((p) => p.workspace)) res.rootOnly = true;
  return res;
}
