import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sourceFromText } from '../../src/engine/source-file.js';
import { parseDocument } from '../../src/parsers/index.js';
import { parseLockfile, type LockfileResult } from '../../src/lockfiles/index.js';
import { pyprojectOptionalGroups, tagPdmDevOnly } from '../../src/lockfiles/python-toml.js';
import { fromRoot } from '../../src/paths.js';

async function parse(path: string, text: string): Promise<LockfileResult> {
  const file = sourceFromText(path, path, 'lockfile', text);
  const { document } = await parseDocument(file);
  return parseLockfile(file, document);
}

const fixture = (rel: string) => readFileSync(fromRoot('fixtures/dependencies', rel), 'utf8');
const brief = (r: LockfileResult) => r.packages.map((p) => `${p.line} ${p.name}@${p.version}${p.dev ? ' dev' : ''}${p.link ? ' link' : ''}${p.workspace ? ' workspace' : ''}${p.git ? ` git:${p.git.ref ?? ''}` : ''}${p.foreign ? ' foreign' : ''}${p.indirect ? ' indirect' : ''}`);

describe('lockfile parsers', () => {
  it('package-lock v3: install paths, dev, link and workspace entries', async () => {
    const r = await parse('package-lock.json', fixture('vulnerable-package/fail/npm-v3/package-lock.json'));
    expect(r.format).toBe('package-lock v3');
    expect(brief(r)).toEqual([
      '14 lodash@4.17.15',
      '19 minimist@1.2.5',
      '23 mkdirp@0.5.1 dev',
      '28 minimist@0.0.8 dev',
      '33 elliptic@6.5.3',
      '38 @council/forms@0.1.0 link workspace',
      '42 @council/forms@0.1.0 link workspace',
      '47 lodash@4.17.10',
      '50 saltire-test-prerelease@2.0.0-rc.1',
    ]);
    expect(r.urls.map((u) => `${u.line}:${u.column} ${u.package}`)).toEqual(['16:20 lodash', '21:20 minimist', '30:20 minimist', '35:20 elliptic']);
  });

  it('package-lock v1: nested dependencies, file: links and npm: aliases', async () => {
    const r = await parse('sub/npm-shrinkwrap.json', fixture('vulnerable-package/fail/npm-v1/package-lock.json'));
    expect(brief(r)).toEqual(['7 lodash@4.17.11', '11 mkdirp@0.5.1 dev', '16 minimist@0.0.8 dev', '22 local-lib@file:../local-lib link', '25 lodash@4.17.4']);
  });

  it('a lockfile whose project declares dependencies but records no package for them is not "root only"', async () => {
    const rootOnly = async (path: string, text: string) => (await parse(path, text)).rootOnly;
    // truncated: the project needs packages the lockfile does not hold
    expect(await rootOnly('package-lock.json', '{ "lockfileVersion": 3, "packages": { "": { "name": "x", "devDependencies": { "jest": "^29" } } } }')).toBe(false);
    expect(await rootOnly('pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      jest:\n        specifier: ^29\n        version: 29.7.0\n")).toBe(false);
    expect(await rootOnly('pnpm-lock.yaml', "lockfileVersion: 5.4\nspecifiers:\n  jest: ^29\ndevDependencies:\n  jest: 29.7.0\n")).toBe(false);
    expect(await rootOnly('bun.lock', '{ "lockfileVersion": 1, "workspaces": { "": { "name": "x", "optionalDependencies": { "fsevents": "^2" } } }, "packages": {} }')).toBe(false);
    expect(await rootOnly('uv.lock', 'version = 1\n\n[[package]]\nname = "x"\nversion = "1.0"\nsource = { virtual = "." }\n\n[package.dev-dependencies]\ndev = [{ name = "pytest" }]\n')).toBe(false);
    expect(await rootOnly('Gemfile.lock', 'GEM\n  remote: https://rubygems.org/\n  specs:\n\nDEPENDENCIES\n  rails\n')).toBe(false);
    expect(await rootOnly('Gemfile.lock', 'GEM\n  remote: https://rubygems.org/\n  specs:\n\nDEPENDENCIES\n\nBUNDLED WITH\n   2.5.11\n')).toBe(true);
    expect(await rootOnly('Cargo.lock', 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "serde",\n]\n')).toBe(false);
    expect(await rootOnly('Cargo.lock', 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "core 0.1.0",\n]\n\n[[package]]\nname = "core"\nversion = "0.1.0"\n')).toBe(true);
    expect(await rootOnly('yarn.lock', '__metadata:\n  version: 8\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n    lodash: "npm:^4.17.21"\n  linkType: soft\n')).toBe(false);
    expect(await rootOnly('yarn.lock', '__metadata:\n  version: 8\n\n"app@workspace:.":\n  version: 0.0.0-use.local\n  resolution: "app@workspace:."\n  dependencies:\n    core: "workspace:^"\n  linkType: soft\n\n"core@workspace:^, core@workspace:core":\n  version: 0.0.0-use.local\n  resolution: "core@workspace:core"\n  linkType: soft\n')).toBe(true);
    // workspaces that depend only on each other: still a project without dependencies
    expect(await rootOnly('package-lock.json', '{ "lockfileVersion": 3, "packages": { "": { "name": "x", "dependencies": { "@x/a": "*" } }, "node_modules/@x/a": { "resolved": "a", "link": true }, "a": { "name": "@x/a", "version": "1.0.0" } } }')).toBe(true);
    expect(await rootOnly('pnpm-lock.yaml', "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      '@x/a':\n        specifier: workspace:*\n        version: link:a\n  a: {}\n")).toBe(true);
    expect(await rootOnly('bun.lock', '{ "lockfileVersion": 1, "workspaces": { "": { "name": "x", "dependencies": { "@x/a": "workspace:*" } }, "a": { "name": "@x/a" } }, "packages": { "@x/a": ["@x/a@workspace:a"] } }')).toBe(true);
    expect(await rootOnly('uv.lock', 'version = 1\n\n[[package]]\nname = "x"\nversion = "1.0"\nsource = { virtual = "." }\ndependencies = [{ name = "Y_Lib" }]\n\n[[package]]\nname = "y-lib"\nversion = "1.0"\nsource = { editable = "lib" }\n')).toBe(true);
  });

  it('package-lock with only the root is a project without dependencies', async () => {
    const r = await parse('package-lock.json', fixture('lockfile-empty/pass/npm/package-lock.json'));
    expect(r.packages).toEqual([]);
    expect(r.rootOnly).toBe(true);
  });

  it('yarn.lock v1: headers with several specs, aliases, file: links', async () => {
    const r = await parse('yarn.lock', fixture('vulnerable-package/fail/yarn-classic/yarn.lock'));
    expect(brief(r)).toEqual(['5 @types/node@14.18.63', '10 elliptic@6.5.3', '15 lodash@4.17.15', '22 minimist@1.2.0', '26 local-thing@4.17.0 link']);
    expect(r.urls[0]).toMatchObject({ line: 7, column: 13, role: 'download', package: '@types/node' });
  });

  it('yarn berry: resolutions, workspace and link protocols, git commits', async () => {
    const r = await parse('yarn.lock', fixture('vulnerable-package/fail/yarn-berry/yarn.lock'));
    expect(r.format).toBe('yarn berry');
    expect(brief(r)).toEqual(['9 lodash@4.17.15', '17 minimist@1.2.5', '23 lodash-local@0.0.0-use.local link', '29 app@0.0.0-use.local link workspace']);
    const g = await parse('yarn.lock', fixture('git-dependency/fail/yarn/yarn.lock'));
    expect(brief(g)).toEqual(['4 forms@1.0.0 git:main', '11 pinned@1.0.0 git:0123456789abcdef0123456789abcdef01234567']);
  });

  it('pnpm-lock v6: /name@version keys with peer suffixes and dev flags', async () => {
    const r = await parse('pnpm-lock.yaml', fixture('vulnerable-package/fail/pnpm-v6/pnpm-lock.yaml'));
    expect(brief(r)).toEqual(['20 lodash@4.17.15', '26 minimist@0.0.8 dev', '30 mkdirp@0.5.1 dev', '38 elliptic@6.5.3']);
  });

  it('pnpm-lock v9: dev-only packages found through importers and snapshots', async () => {
    const r = await parse('pnpm-lock.yaml', fixture('vulnerable-package/fail/pnpm-v9/pnpm-lock.yaml'));
    expect(brief(r)).toEqual(['31 lodash@4.17.15', '36 minimist@0.0.8 dev', '40 minimist@1.2.5', '43 mkdirp@0.5.1 dev']);
  });

  it('pnpm-lock v5: /name/version_peer keys', async () => {
    const r = await parse('pnpm-lock.yaml', "lockfileVersion: 5.4\n\npackages:\n\n  /@babel/core/7.20.0_supports-color@8.1.1:\n    resolution: {integrity: sha512-x}\n    dev: true\n\n  /lodash/4.17.15:\n    resolution: {tarball: http://registry.example/lodash-4.17.15.tgz}\n    dev: false\n");
    expect(brief(r)).toEqual(['5 @babel/core@7.20.0 dev', '9 lodash@4.17.15']);
    expect(r.urls.map((u) => `${u.line} ${u.url}`)).toEqual(['10 http://registry.example/lodash-4.17.15.tgz']);
  });

  it('requirements.txt: == pins only; other lines are noted', async () => {
    const r = await parse('requirements-dev.txt', fixture('vulnerable-package/fail/python/requirements.txt'));
    expect(brief(r)).toEqual(['5 Jinja2@3.1.2', '7 markupsafe@2.1.3', '10 saltire_test.PEP440@1.9.post3', '11 saltire-test-pep440@2.0rc1', '13 saltire-test-pep440@2.1', '14 saltire-test-pep440@2.1.post1', '16 jinja2@ link git:3.1.2']);
    expect(r.requirements.map((n) => `${n.line} ${n.kind}`)).toEqual(['2 option', '15 unpinned', '16 editable']);
    expect(r.urls).toMatchObject([{ line: 2, column: 13, url: 'https://pypi.org/simple', role: 'registry' }]);
    expect(r.problems).toEqual([]);
  });

  it('requirements.txt: every form pip accepts parses without problems', async () => {
    const r = await parse('requirements.txt', fixture('lockfile-unparsable/pass/requirements.txt'));
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['9 repo@ link git:0123456789abcdef0123456789abcdef01234567', '11 pkg@1.0', '12 requests@2.31.0', '15 name_with.dots@1.0']);
  });

  it('poetry.lock: [[package]] tables, dev groups, sources', async () => {
    const r = await parse('poetry.lock', fixture('vulnerable-package/fail/poetry/poetry.lock'));
    expect(brief(r)).toEqual(['4 jinja2@3.1.2', '22 saltire-test-pep440@1.0', '32 saltire-test-pep440-fork@1.0 link']);
    const dev = await parse('poetry.lock', '[[package]]\nname = "pytest"\nversion = "8.0.0"\ncategory = "dev"\n\n[[package]]\nname = "black"\nversion = "24.1.0"\ngroups = ["lint"]\n\n[[package]]\nname = "django"\nversion = "4.2.0"\ngroups = ["main", "dev"]\n');
    expect(brief(dev)).toEqual(['1 pytest@8.0.0 dev', '6 black@24.1.0 dev', '11 django@4.2.0']);
  });

  it('bun.lock (JSONC): resolutions, nested copies, workspaces, development-only closure, git tags', async () => {
    const r = await parse('bun.lock', fixture('vulnerable-package/fail/bun/bun.lock'));
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual([
      '23 @council/forms@ link workspace', '26 elliptic@6.5.3', '29 lodash@4.17.15', '32 minimist@1.2.5', '34 mkdirp@0.5.1 dev', '39 minimist@0.0.8 dev',
      '41 date-picker@ git:0123456789abcdef0123456789abcdef01234567',
    ]);
    const text = `{
  "lockfileVersion": 1,
  "workspaces": { "": { "name": "app", "dependencies": { "a": "^1" }, "devDependencies": { "@types/b": "^2", "a": "^1" } } },
  "packages": {
    "a": ["a@1.0.0", "http://registry.example.org/", { "dependencies": { "c": "^1" }, "peerDependencies": { "missing-peer": "*" } }, "sha512-x"],
    "@types/b": ["@types/b@2.0.0", "", { "dependencies": { "c": "^2" } }, "sha512-x"],
    "@types/b/c": ["c@2.0.0", "", {}, "sha512-x"],
    "c": ["c@1.0.0", "", {}, "sha512-x"],
    "tar": ["tar@https://example.org/tar-1.0.0.tgz", {}],
    "forms": ["forms@git+https://github.com/example/forms.git#main", {}, "0123456789abcdef0123456789abcdef01234567"],
  },
}`;
    const g = await parse('bun.lock', text);
    expect(brief(g)).toEqual(['5 a@1.0.0', '6 @types/b@2.0.0 dev', '7 c@2.0.0 dev', '8 c@1.0.0', '10 forms@ git:0123456789abcdef0123456789abcdef01234567']);
    expect(g.urls.map((u) => `${u.line}:${u.column} ${u.role} ${u.url}`)).toEqual(['5:23 registry http://registry.example.org/', '9:18 download https://example.org/tar-1.0.0.tgz']);
    // a production dependency missing from the lockfile: nothing is tagged development-only
    const broken = await parse('bun.lock', '{ "workspaces": { "": { "dependencies": { "gone": "1" }, "devDependencies": { "d": "1" } } }, "packages": { "d": ["d@1.0.0", "", {}, ""] } }');
    expect(brief(broken)).toEqual(['1 d@1.0.0']);
    expect((await parse('bun.lock', '{ "lockfileVersion": 1, "workspaces": { "": { "name": "empty" } }, "packages": {} }')).rootOnly).toBe(true);
  });

  it('gradle.lockfile: coordinates, test-only configurations, empty configurations', async () => {
    const r = await parse('gradle.lockfile', fixture('vulnerable-package/fail/gradle/gradle.lockfile'));
    expect(r.problems).toEqual([]);
    expect(brief(r)).toEqual(['4 com.fasterxml.jackson.core:jackson-databind@2.15.2', '6 org.apache.logging.log4j:log4j-core@2.14.1', '8 org.apache.logging.log4j:log4j-core@2.13.3 dev', '9 org.apache.logging.log4j:log4j-core@2.15.0 dev', '11 org.apache.logging.log4j:log4j-core@2.12.1 dev']);
    const bad = await parse('gradle.lockfile', 'org.example:only-two=compileClasspath\n');
    expect(bad.problems).toEqual([{ line: 1, message: 'expected group:artifact:version=configurations' }]);
    expect((await parse('gradle.lockfile', '# header\nempty=compileClasspath,runtimeClasspath\n')).rootOnly).toBe(true);
  });

  it('pom.xml: literal and property versions, dependencyManagement, test scope, BOM imports and unknown versions left out', async () => {
    const r = await parse('pom.xml', fixture('vulnerable-package/fail/maven/pom.xml'));
    expect(brief(r)).toEqual(['21 org.apache.logging.log4j:log4j-core@2.14.1', '42 org.apache.logging.log4j:log4j-core@2.14.1', '48 org.apache.logging.log4j:log4j-core@2.12.1 dev']);
    const pom = (body: string) => `<project><modelVersion>4.0.0</modelVersion>${body}</project>`;
    const inherited = await parse('pom.xml', pom('<parent><groupId>scot.example</groupId><version>3.1.0</version></parent><dependencies><dependency><groupId>${project.groupId}</groupId><artifactId>forms</artifactId><version>${project.version}</version></dependency><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${pom.version}</version></dependency></dependencies><repositories><repository><id>old</id><url>http://repo.example.org/maven2</url></repository></repositories>'));
    // versioned with the project itself: modules of this build, not registry packages
    expect(brief(inherited)).toEqual(['1 scot.example:forms@3.1.0 link workspace', '1 a:b@3.1.0 link workspace']);
    expect(inherited.urls).toMatchObject([{ url: 'http://repo.example.org/maven2', role: 'registry' }]);
    const managedOnly = await parse('pom.xml', pom('<dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId></dependency></dependencies>'));
    expect(managedOnly.packages).toEqual([]);
    expect(managedOnly.rootOnly).toBe(true);
    const broken = await parse('pom.xml', '<project><dependencies><dependency>\n<groupId>a</groupId>\n</project>');
    expect(broken.problems[0]?.message).toMatch(/^not well-formed XML/);
    expect((await parse('pom.xml', '<settings><mirrors/></settings>')).unrecognised).toBe(true);
  });

  it('packages.lock.json (NuGet): targets, runtimes and project references', async () => {
    const r = await parse('packages.lock.json', fixture('vulnerable-package/fail/nuget/packages.lock.json'));
    expect(brief(r)).toEqual(['5 Newtonsoft.Json@12.0.3', '11 Serilog@3.1.1', '16 Council.Permits.Core@ link workspace']);
    expect((await parse('packages.lock.json', '{ "version": 1, "dependencies": { "net8.0": {} } }')).rootOnly).toBe(true);
    expect((await parse('packages.lock.json', '{ "name": "not a lock file" }')).unrecognised).toBe(true);
  });

  it('bun.lock: a local tarball is recorded by its path, which is no registry version; its own dependencies are followed', async () => {
    const text = `{
  "lockfileVersion": 1,
  "workspaces": { "": { "name": "app", "dependencies": { "vendored": "./vendor/vendored-1.0.0.tgz", "abs": "/srv/pkgs/abs.tgz", "up": "../up.tgz" }, "devDependencies": { "helper": "^1" } } },
  "packages": {
    "vendored": ["vendored@./vendor/vendored-1.0.0.tgz", { "dependencies": { "helper": "^1" } }, "sha512-x"],
    "abs": ["abs@/srv/pkgs/abs.tgz", {}, "sha512-x"],
    "up": ["up@../up.tgz", {}, "sha512-x"],
    "helper": ["helper@1.2.0", "", {}, "sha512-x"],
  },
}`;
    const r = await parse('bun.lock', text);
    // helper is also needed by the production tarball, so it is not development-only
    expect(brief(r)).toEqual(['5 vendored@ link', '6 abs@ link', '7 up@ link', '8 helper@1.2.0']);
    expect(r.problems).toEqual([]);
  });

  it('uv.lock: a member’s extras named for development tools are development-only; its other extras are production', async () => {
    // as i-dot-ai/themefinder locks its `[project.optional-dependencies]` dev and docs extras
    const reg = 'source = { registry = "https://pypi.org/simple" }';
    const text = [
      '[[package]]', 'name = "themefinder"', 'version = "0.8.2"', 'source = { editable = "." }', 'dependencies = [{ name = "tenacity" }, { name = "tiktoken" }]',
      '[package.optional-dependencies]', 'dev = [{ name = "pytest" }, { name = "sentence-transformers" }]', 'docs = [{ name = "mkdocs" }]', 'pdf = [{ name = "extra-lib" }]',
      '[[package]]', 'name = "tenacity"', 'version = "9.1.4"', reg,
      '[[package]]', 'name = "tiktoken"', 'version = "0.12.0"', reg, 'dependencies = [{ name = "regex" }]',
      '[[package]]', 'name = "regex"', 'version = "2026.1.15"', reg,
      '[[package]]', 'name = "pytest"', 'version = "8.4.2"', reg,
      '[[package]]', 'name = "sentence-transformers"', 'version = "5.2.2"', reg, 'dependencies = [{ name = "regex" }, { name = "tqdm" }]',
      '[package.optional-dependencies]', 'train = [{ name = "accelerate" }]',
      '[[package]]', 'name = "tqdm"', 'version = "4.67.1"', reg,
      '[[package]]', 'name = "accelerate"', 'version = "1.2.0"', reg,
      '[[package]]', 'name = "mkdocs"', 'version = "1.6.1"', reg,
      '[[package]]', 'name = "extra-lib"', 'version = "3.0"', reg,
    ].join('\n');
    const r = await parse('uv.lock', text);
    expect(r.packages.map((p) => `${p.name}${p.dev ? ' dev' : ''}`)).toEqual([
      'themefinder', 'tenacity', 'tiktoken', 'regex', 'pytest dev', 'sentence-transformers dev', 'tqdm dev', 'accelerate dev', 'mkdocs dev', 'extra-lib',
    ]);
  });

  it('uv.lock: workspace members, development-only closure, registry and git sources', async () => {
    const r = await parse('uv.lock', fixture('vulnerable-package/fail/uv/uv.lock'));
    expect(brief(r)).toEqual(['5 council-forms@0.3.0 link workspace', '28 forms-core@ link workspace', '36 jinja2@3.1.2', '45 markupsafe@2.1.3', '51 saltire-test-pep440@1.5 dev']);
    expect(r.urls.map((u) => `${u.line}:${u.column} ${u.role}`)).toEqual(['39:24 registry', '48:24 registry', '54:24 registry']);
    const text = [
      '[[package]]', 'name = "app"', 'version = "1.0"', 'source = { editable = "." }', 'dependencies = [{ name = "shared" }, { name = "lib", version = "2.0", source = { registry = "https://pypi.org/simple" } }]',
      '[package.optional-dependencies]', 'pdf = [{ name = "extra-lib" }]',
      '[package.dev-dependencies]', 'dev = [{ name = "pytest" }, { name = "shared" }, { name = "lib", version = "1.0", source = { registry = "https://pypi.org/simple" } }]',
      '[[package]]', 'name = "shared"', 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }',
      '[[package]]', 'name = "Lib"', 'version = "1.0"', 'source = { registry = "https://pypi.org/simple" }',
      '[[package]]', 'name = "lib"', 'version = "2.0"', 'source = { registry = "https://pypi.org/simple" }',
      '[[package]]', 'name = "extra_lib"', 'version = "3.0"', 'source = { registry = "https://pypi.org/simple" }',
      '[[package]]', 'name = "pytest"', 'version = "8.0.0"', 'source = { registry = "https://pypi.org/simple" }', 'dependencies = [{ name = "pluggy" }]',
      '[[package]]', 'name = "pluggy"', 'version = "1.5.0"', 'source = { registry = "https://pypi.org/simple" }',
      '[[package]]', 'name = "forms"', 'version = "0.1.0"', 'source = { git = "https://github.com/example/forms?rev=main#0123456789abcdef0123456789abcdef01234567" }',
      '[[package]]', 'name = "wheel-only"', 'version = "0.2.0"', 'source = { url = "http://downloads.example.org/wheel_only-0.2.0-py3-none-any.whl" }',
    ].join('\n');
    const g = await parse('uv.lock', text);
    expect(brief(g)).toEqual([
      '1 app@1.0 link workspace', '10 shared@1.0', '14 Lib@1.0 dev', '18 lib@2.0', '22 extra_lib@3.0', '26 pytest@8.0.0 dev', '31 pluggy@1.5.0 dev',
      '35 forms@0.1.0 git:0123456789abcdef0123456789abcdef01234567', '39 wheel-only@0.2.0',
    ]);
    expect(g.packages[7].git?.url).toBe('https://github.com/example/forms');
    expect(g.urls.at(-1)).toMatchObject({ line: 42, role: 'download', url: 'http://downloads.example.org/wheel_only-0.2.0-py3-none-any.whl' });
    expect((await parse('uv.lock', 'version = 1\n\n[[package]]\nname = "app"\nversion = "1.0"\nsource = { virtual = "." }\n')).rootOnly).toBe(true);
  });

  it('pdm.lock: groups, path and git sources', async () => {
    const r = await parse('pdm.lock', fixture('vulnerable-package/fail/pdm/pdm.lock'));
    expect(brief(r)).toEqual(['14 jinja2@3.1.2', '27 markupsafe@2.1.3', '34 saltire-test-pep440@1.0 dev', '39 saltire-test-pep440-fork@1.0 link']);
    const g = await parse('pdm.lock', '[metadata]\nlock_version = "4.4"\n\n[[package]]\nname = "forms"\nversion = "0.1.0"\ngit = "https://github.com/example/forms"\nref = "main"\nrevision = "0123456789abcdef0123456789abcdef01234567"\n');
    expect(brief(g)).toEqual(['4 forms@0.1.0 git:0123456789abcdef0123456789abcdef01234567']);
    expect((await parse('pdm.lock', '[metadata]\nlock_version = "4.4"\n')).rootOnly).toBe(true);
  });

  it('pdm.lock: an entry with extras is the plain package again; optional groups named in pyproject.toml are production', async () => {
    const text = [
      '[metadata]', 'groups = ["default", "docs", "server"]', 'lock_version = "4.5.0"', '',
      '[[package]]', 'name = "gunicorn"', 'version = "22.0.0"', 'groups = ["server"]', '',
      '[[package]]', 'name = "Sphinx"', 'version = "7.3.7"', 'groups = ["docs"]', '',
      '[[package]]', 'name = "sphinx"', 'version = "7.3.7"', 'extras = ["docs"]', 'groups = ["default"]', 'dependencies = ["sphinx==7.3.7"]', '',
      '[[package]]', 'name = "sphinx-rtd-theme"', 'version = "2.0.0"', 'extras = ["dark"]', 'groups = ["docs"]',
    ].join('\n');
    const r = await parse('pdm.lock', text);
    // the lockfile alone: every group but default reads as development
    expect(brief(r)).toEqual(['5 gunicorn@22.0.0 dev', '10 Sphinx@7.3.7', '22 sphinx-rtd-theme@2.0.0 dev']);
    expect(r.packages[1].groups).toEqual(['docs', 'default']);
    const optional = pyprojectOptionalGroups('[project]\nname = "app"\n\n[project.optional-dependencies]\nServer = ["gunicorn"]\n\n[dependency-groups]\ndocs = ["sphinx"]\n');
    expect(optional).toEqual(['Server']);
    tagPdmDevOnly(r, optional);
    expect(brief(r)).toEqual(['5 gunicorn@22.0.0', '10 Sphinx@7.3.7', '22 sphinx-rtd-theme@2.0.0 dev']);
    // an extra named for development tools is development, as in uv.lock
    tagPdmDevOnly(r, ['Server', 'docs']);
    expect(brief(r)).toEqual(['5 gunicorn@22.0.0', '10 Sphinx@7.3.7', '22 sphinx-rtd-theme@2.0.0 dev']);
    expect(pyprojectOptionalGroups('[project\n')).toBeUndefined();
  });

  it('pylock.toml (PEP 751): index, directory, vcs and archive sources; named locks', async () => {
    const r = await parse('pylock.toml', fixture('vulnerable-package/fail/pylock/pylock.toml'));
    expect(brief(r)).toEqual(['8 jinja2@3.1.2', '14 markupsafe@2.1.3', '19 saltire-test-pep440@ link']);
    const g = await parse('pylock.docs.toml', 'lock-version = "1.0"\n\n[[packages]]\nname = "forms"\nvcs = { type = "git", url = "https://github.com/example/forms", requested-revision = "main", commit-id = "0123456789abcdef0123456789abcdef01234567" }\n\n[[packages]]\nname = "bundle"\nversion = "1.0"\narchive = { url = "http://example.org/bundle-1.0.tar.gz", hashes = { sha256 = "00" } }\n');
    expect(brief(g)).toEqual(['3 forms@ git:0123456789abcdef0123456789abcdef01234567', '7 bundle@1.0']);
    expect(g.urls).toMatchObject([{ line: 10, role: 'download' }]);
    // only the project's own folder (pip lock .): a project without dependencies
    const self = await parse('pylock.toml', 'lock-version = "1.0"\ncreated-by = "pip"\npackages = [\n  { name = "council-site", directory = { path = ".", editable = true } },\n]\n');
    expect(brief(self)).toEqual(['3 council-site@ link workspace']);
    expect(self.rootOnly).toBe(true);
    expect((await parse('pylock.toml', '')).unrecognised).toBe(true);
  });

  it('Pipfile.lock: default and develop sections', async () => {
    const r = await parse('Pipfile.lock', fixture('vulnerable-package/fail/pipenv/Pipfile.lock'));
    expect(brief(r)).toEqual(['11 jinja2@3.1.2', '17 markupsafe@2.1.3', '20 saltire-test-pep440@1.5 dev']);
    expect(r.urls.map((u) => u.line)).toEqual([7]);
  });

  it('go.mod: require lines and blocks, indirect, replace', async () => {
    const r = await parse('go.mod', fixture('vulnerable-package/fail/go/go.mod'));
    expect(brief(r)).toEqual(['6 golang.org/x/text@v0.3.7', '9 github.com/google/uuid@v1.6.0', '11 golang.org/x/text@v0.3.0 indirect']);
    const local = await parse('go.mod', fixture('vulnerable-package/pass/go/go.mod'));
    expect(brief(local)).toEqual(['6 golang.org/x/text@v0.14.0', '7 golang.org/x/crypto@v0.17.0 indirect', '10 golang.org/x/net@v0.0.0-20220722155237-a158d28d115b link']);
  });

  it('Cargo.lock: workspace members, crates.io and other registries, git sources', async () => {
    const r = await parse('Cargo.lock', fixture('vulnerable-package/fail/cargo/Cargo.lock'));
    expect(brief(r)).toEqual(['5 council-api@0.1.0 link workspace', '13 saltire-test-crate@0.5.3', '19 saltire-test-crate@0.5.4 foreign']);
    const g = await parse('Cargo.lock', '[[package]]\nname = "x"\nversion = "1.0.0"\nsource = "git+https://github.com/o/x?branch=main#0123456789abcdef0123456789abcdef01234567"\n');
    expect(brief(g)).toEqual(['1 x@1.0.0 git:0123456789abcdef0123456789abcdef01234567']);
  });

  it('Gemfile.lock: GEM, GIT and PATH specs; dependencies are not packages', async () => {
    const r = await parse('Gemfile.lock', fixture('vulnerable-package/fail/ruby/Gemfile.lock') + '\nPATH\n  remote: .\n  specs:\n    council (0.1.0)\n');
    expect(brief(r)).toEqual(['5 saltire-test-gem@1.0.0 git:0123456789abcdef0123456789abcdef01234567', '10 rack@3.0.8', '11 saltire-test-gem@1.2.0.rc1-x86_64-linux', '26 council@0.1.0 link']);
    expect(r.urls.map((u) => `${u.line} ${u.role}`)).toEqual(['2 source', '8 registry']);
  });

  it('composer.lock: packages and packages-dev', async () => {
    const r = await parse('composer.lock', fixture('vulnerable-package/fail/composer/composer.lock'));
    expect(brief(r)).toEqual(['5 saltire-test/package@v2.3.0', '11 monolog/monolog@3.5.0', '17 saltire-test/package@2.0.0-RC1 dev']);
  });

  it('text formats report malformed lines as problems', async () => {
    expect((await parse('yarn.lock', fixture('lockfile-unparsable/fail/yarn/yarn.lock'))).problems.map((p) => p.line)).toEqual([8, 12]);
    expect((await parse('go.mod', fixture('lockfile-unparsable/fail/go/go.mod'))).problems.map((p) => p.line)).toEqual([8]);
    expect((await parse('Cargo.lock', fixture('lockfile-unparsable/fail/cargo/Cargo.lock'))).problems.map((p) => p.line)).toEqual([4]);
  });

  it('package-lock v2/v3: a package installed under an alias is its real package (the entry\'s name)', async () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'app' }, 'node_modules/old-ms': { name: 'ms', version: '0.7.1' }, 'node_modules/old-ms/node_modules/debug-fork': { name: '@council/debug', version: '2.6.8', dev: true }, 'node_modules/ms': { version: '2.1.3' } } }, null, 1);
    expect(brief(await parse('package-lock.json', lock))).toEqual(['7 ms@0.7.1', '11 @council/debug@2.6.8 dev', '16 ms@2.1.3']);
  });

  it('yarn.lock written by npm: quoted field names', async () => {
    const r = await parse('yarn.lock', '"left-pad@^1.3.0", "left-pad@~1.3.0":\n  "resolved" "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz"\n  "version" "1.3.0"\n');
    expect(brief(r)).toEqual(['1 left-pad@1.3.0']);
    expect(r.problems).toEqual([]);
    expect(r.urls).toMatchObject([{ line: 2, column: 15, package: 'left-pad' }]);
  });

  it('pnpm-lock v5/v6: keys of other registries carry the host; git and tarball keys give no version', async () => {
    const lock = 'lockfileVersion: 5.4\n\npackages:\n  npm.example.org/ms/2.1.3:\n    resolution: {integrity: sha512-x}\n  npm.example.org/@council/forms/1.0.0_react@18.2.0:\n    resolution: {integrity: sha512-x}\n  npm.example.org:8443/debug@4.3.4(supports-color@8.1.1):\n    resolution: {integrity: sha512-x}\n  github.com/council/forms/0123456789abcdef0123456789abcdef01234567:\n    resolution: {tarball: https://codeload.github.com/council/forms/tar.gz/0123456789abcdef0123456789abcdef01234567}\n    name: forms\n    version: 2.0.0\n  /ms/branch:\n    resolution: {integrity: sha512-x}\n';
    const r = await parse('pnpm-lock.yaml', lock);
    expect(brief(r)).toEqual(['4 ms@2.1.3', '6 @council/forms@1.0.0', '8 debug@4.3.4', '10 forms@2.0.0 git:0123456789abcdef0123456789abcdef01234567']);
    expect(r.problems.map((p) => p.line)).toEqual([14]);
  });

  it('go.mod: a replacement for the required version wins over one for every version, in either order', async () => {
    const mod = (a: string, b: string) => `module example.org/app\n\nrequire golang.org/x/net v0.17.0\n\n${a}\n${b}\n`;
    const versioned = 'replace golang.org/x/net v0.17.0 => golang.org/x/net v0.23.0';
    const every = 'replace golang.org/x/net => ../net';
    expect(brief(await parse('go.mod', mod(every, versioned)))).toEqual(['3 golang.org/x/net@v0.23.0']);
    expect(brief(await parse('go.mod', mod(versioned, every)))).toEqual(['3 golang.org/x/net@v0.23.0']);
    expect(brief(await parse('go.mod', mod('replace golang.org/x/net v0.16.0 => golang.org/x/net v0.23.0', every)))).toEqual(['3 golang.org/x/net@v0.17.0 link']);
  });

  it('requirements.txt: a direct reference to a wheel is that wheel\'s version', async () => {
    const r = await parse('requirements.txt', [
      'Django @ https://files.example.org/whl/Django-4.2.1-py3-none-any.whl#sha256=abc',
      'https://download.example.org/cpu/torch-2.1.0%2Bcpu-cp311-cp311-linux_x86_64.whl',
      'mylib @ https://files.example.org/whl/otherlib-1.0.0-py3-none-any.whl',
      'zope.interface @ https://files.example.org/zope_interface-5.4.0-1-cp39-cp39-win_amd64.whl',
      'requests @ https://files.example.org/requests-2.31.0.tar.gz',
      './wheels/attrs-23.1.0-py3-none-any.whl',
    ].join('\n'));
    expect(brief(r)).toEqual(['1 Django@4.2.1', '2 torch@2.1.0+cpu', '4 zope.interface@5.4.0']);
    expect(r.requirements.map((n) => `${n.line} ${n.kind}`)).toEqual(['1 url', '2 url', '3 url', '4 url', '5 url', '6 url']);
  });

  it('pnpm-lock with an env document first (pnpm 11+): packages of both documents are read', async () => {
    const env = "---\nlockfileVersion: '9.0'\nimporters:\n  .:\n    packageManagerDependencies:\n      pnpm:\n        specifier: 12.0.0\n        version: 12.0.0\npackages:\n  pnpm@12.0.0:\n    resolution: {integrity: sha512-p}\nsnapshots:\n  pnpm@12.0.0: {}\n";
    const project = "---\nlockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      ms:\n        specifier: ^2.1.0\n        version: 2.1.3\n    devDependencies:\n      debug:\n        specifier: ^4.0.0\n        version: 4.3.4\npackages:\n  debug@4.3.4:\n    resolution: {integrity: sha512-d}\n  ms@2.1.3:\n    resolution: {integrity: sha512-m}\nsnapshots:\n  debug@4.3.4:\n    dependencies:\n      ms: 2.1.3\n  ms@2.1.3: {}\n";
    const r = await parse('pnpm-lock.yaml', env + project);
    expect(r.format).toBe('pnpm-lock 9.0');
    expect(brief(r)).toEqual(['10 pnpm@12.0.0', '27 debug@4.3.4 dev', '29 ms@2.1.3']);
  });

  it('requirements.txt: the requirement ends at its first option (pip), whatever follows', async () => {
    const r = await parse('requirements.txt', [
      'alpha==1.0 -C editable_mode=compat',
      'beta==2.0 --hash=sha256:0a1b words-after-the-options',
      'gamma==3.0 --hash=',
      'delta==4.0 --config-settings --hash=sha256:0a1b',
      'epsilon[extra] == 5.0 ; python_version >= "3.8" --hash=sha256:0a1b',
      'zeta==6.0 not-an-option --hash=sha256:0a1b',
    ].join('\n'));
    expect(brief(r)).toEqual(['1 alpha@1.0', '2 beta@2.0', '3 gamma@3.0', '4 delta@4.0', '5 epsilon@5.0']);
    expect(r.problems.map((p) => p.line)).toEqual([6]);
  });

  it('requirements.txt: a backslash on the last line (no line after it) is dropped, as pip does', async () => {
    const r = await parse('requirements.txt', 'alpha==1.0\nbeta==2.0 \\');
    expect(brief(r)).toEqual(['1 alpha@1.0', '2 beta@2.0']);
    expect(r.problems).toEqual([]);
  });

  it('yarn.lock v1: repository page URLs and ssh:// URLs ending in .git are git sources, not registry packages', async () => {
    const r = await parse('yarn.lock', [
      '# yarn lockfile v1',
      '',
      '"tool@https://github.com/owner/tool#main":',
      '  version "2.0.0"',
      '  resolved "https://github.com/owner/tool#0123456789abcdef0123456789abcdef01234567"',
      '',
      'helper@1.0.0, "helper@ssh://git.example.org/team/helper.git#1.0.0":',
      '  version "1.0.0"',
      '  resolved "ssh://git.example.org/team/helper.git#89abcdef0123456789abcdef0123456789abcdef"',
      '',
      '"archive@https://github.com/owner/archive/archive/v3.0.0.tar.gz":',
      '  version "3.0.0"',
      '  resolved "https://github.com/owner/archive/archive/v3.0.0.tar.gz"',
    ].join('\n'));
    expect(brief(r)).toEqual(['3 tool@2.0.0 git:0123456789abcdef0123456789abcdef01234567', '7 helper@1.0.0 git:89abcdef0123456789abcdef0123456789abcdef', '11 archive@3.0.0']);
    expect(r.urls.map((u) => u.url)).toEqual(['https://github.com/owner/archive/archive/v3.0.0.tar.gz']);
  });

  it('package-lock v1: an npm: alias without a version is not read as a package with the alias as its version', async () => {
    const r = await parse('package-lock.json', JSON.stringify({ lockfileVersion: 1, dependencies: { short: { version: 'npm:real-name' }, empty: { version: 'npm:' }, ok: { version: 'npm:@scope/real@1.2.3' } } }, null, 2));
    expect(brief(r)).toEqual(['10 @scope/real@1.2.3']);
  });

  it('go.mod: an empty block written on one line (`require ()`) is not a malformed line', async () => {
    const r = await parse('go.mod', 'module example.org/app\n\nrequire ()\nreplace ( )\n\nrequire golang.org/x/text v0.14.0\n');
    expect(brief(r)).toEqual(['6 golang.org/x/text@v0.14.0']);
    expect(r.problems).toEqual([]);
  });
});
