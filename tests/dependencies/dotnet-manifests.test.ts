import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sourceFromText } from '../../src/engine/source-file.js';
import { parseDocument } from '../../src/parsers/index.js';
import { lockfileFormat, parseLockfile, type LockfileResult } from '../../src/lockfiles/index.js';
import { exactNugetVersion, parseCentralVersions, parseProjectFile } from '../../src/lockfiles/dotnet.js';
import { kindFromName } from '../../src/discovery/classify.js';
import { scan } from '../../src/engine/scan.js';
import { loadPacks } from '../../src/packs/load.js';
import { fromRoot } from '../../src/paths.js';

const [pack] = await loadPacks(['dependencies'], process.cwd());

async function parse(file: string, text: string): Promise<LockfileResult> {
  const f = sourceFromText(file, file, 'lockfile', text);
  const { document } = await parseDocument(f);
  return parseLockfile(f, document);
}

const brief = (r: LockfileResult) => r.packages.map((p) => `${p.line} ${p.name}@${p.version}${p.dev ? ' dev' : ''}`);
/** A project file with one element per line, so a reference's line is its index in `lines` + 3. */
const project = (...lines: string[]) => ['<Project Sdk="Microsoft.NET.Sdk">', '<ItemGroup>', ...lines, '</ItemGroup>', '</Project>'].join('\n');

describe('.NET manifests: names and kinds', () => {
  it('packages.config, packages.<project>.config and C#/F#/VB project files are read as lockfiles', () => {
    for (const p of ['packages.config', 'src/Web/packages.config', 'src/Web/packages.Council.Web.config', 'src/Api/Api.csproj', 'Rates.fsproj', 'Legacy.vbproj']) {
      expect(kindFromName(p, false), p).toBe('lockfile');
      expect(lockfileFormat(p), p).toBe(/packages(\.[^/]+)?\.config$/.test(p) ? 'packages-config' : 'msbuild');
    }
    for (const p of ['web.config', 'app.config', 'nuget.config', 'Directory.Packages.props', 'Directory.Build.props', 'Api.csproj.user', 'Api.sqlproj']) {
      expect(kindFromName(p, false), p).not.toBe('lockfile');
      expect(lockfileFormat(p), p).toBeUndefined();
    }
  });

  it('exact versions and `[x]` ranges only', () => {
    expect(['1.2.3', '1.0', '4.0.2.206221351', '2.0.0-beta4.22272.1', '1.0.0+abc', '[13.0.1]', ' [ 13.0.1 ] '].map(exactNugetVersion)).toEqual([
      '1.2.3',
      '1.0',
      '4.0.2.206221351',
      '2.0.0-beta4.22272.1',
      '1.0.0+abc',
      '13.0.1',
      '13.0.1',
    ]);
    for (const v of ['1.2.*', '*', '[1.0,2.0)', '(1.0,)', '[1.0,]', '$(JsonVersion)', '', 'latest', '1.2.3 || 2']) expect(exactNugetVersion(v), v).toBeUndefined();
  });
});

describe('packages.config', () => {
  it('reads every package with its exact version; developmentDependency="true" is development-only', async () => {
    const r = await parse(
      'src/Web/packages.config',
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<packages>',
        '  <package id="Newtonsoft.Json" version="10.0.3" targetFramework="net462" />',
        '  <package id="Microsoft.Net.Compilers" version="2.6.1" targetFramework="net462" developmentDependency="true" />',
        '  <package id="Owin" version="1.0" targetFramework="net462" />',
        '  <package id="StackExchange.Redis" version="1.1.608" requireReinstallation="true" />',
        '  <package id="" version="1.0" />',
        '  <package id="NoVersion" />',
        '</packages>',
      ].join('\n'),
    );
    expect(r.format).toBe('packages.config');
    expect(brief(r)).toEqual(['3 Newtonsoft.Json@10.0.3', '4 Microsoft.Net.Compilers@2.6.1 dev', '5 Owin@1.0', '6 StackExchange.Redis@1.1.608']);
    expect(r.problems).toEqual([]);
  });

  it('no packages: a project without NuGet dependencies, not an empty lockfile; another root: unrecognised; broken XML: a problem', async () => {
    expect((await parse('packages.config', '<?xml version="1.0"?>\n<packages />\n')).rootOnly).toBe(true);
    expect((await parse('packages.config', '<configuration><appSettings/></configuration>')).unrecognised).toBe(true);
    const broken = await parse('packages.config', '<packages>\n  <package id="A" version="1.0.0" />\n  <package id="B" version="2.0.0"\n</packages>');
    expect(brief(broken)).toEqual(['2 A@1.0.0']);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0].message).toMatch(/^not well-formed XML/);
    expect(broken.rootOnly).toBe(false);
  });
});

describe('SDK-style project files', () => {
  it('Include and Update with Version as an attribute or a child element; $(Property) from the file; floating versions and ranges skipped', async () => {
    const text = [
      '<Project Sdk="Microsoft.NET.Sdk">',
      '<PropertyGroup><JsonVersion>12.0.3</JsonVersion></PropertyGroup>',
      '<ItemGroup>',
      '<PackageReference Include="Newtonsoft.Json" Version="$(JsonVersion)" />',
      '<PackageReference Include="Serilog">',
      '  <Version>3.1.1</Version>',
      '</PackageReference>',
      '<PackageReference Update="FSharp.Core" Version="8.0.400" />',
      '<PackageReference Include="Polly" Version="[8.2.1]" />',
      '<PackageReference Include="Floating" Version="1.2.*" />',
      '<PackageReference Include="Ranged" Version="[1.0,2.0)" />',
      '<PackageReference Include="Unknown" Version="$(DefinedElsewhere)" />',
      '<PackageReference Include="Unversioned" />',
      '<PackageReference Remove="Removed" />',
      '</ItemGroup>',
      '</Project>',
    ].join('\n');
    const r = await parse('src/Api/Api.csproj', text);
    expect(r.format).toBe('project file');
    expect(brief(r)).toEqual(['4 Newtonsoft.Json@12.0.3', '5 Serilog@3.1.1', '8 FSharp.Core@8.0.400', '9 Polly@8.2.1']);
  });

  it('PrivateAssets="all" (attribute or element) is development-only; other PrivateAssets values are not', async () => {
    const r = await parse(
      'A.csproj',
      project(
        '<PackageReference Include="StyleCop.Analyzers" Version="1.1.118" PrivateAssets="All" />',
        '<PackageReference Include="Microsoft.VisualStudio.Threading.Analyzers" Version="17.12.19"><PrivateAssets>all</PrivateAssets></PackageReference>',
        '<PackageReference Include="Partly" Version="1.0.0" PrivateAssets="compile;build" />',
      ),
    );
    expect(brief(r)).toEqual(['3 StyleCop.Analyzers@1.1.118 dev', '4 Microsoft.VisualStudio.Threading.Analyzers@17.12.19 dev', '5 Partly@1.0.0']);
  });

  it('a test project (a test SDK, framework or adapter referenced, or IsTestProject) is development-only throughout', async () => {
    for (const runner of ['Microsoft.NET.Test.Sdk', 'xunit', 'xunit.v3', 'NUnit', 'MSTest.TestFramework', 'MSTest', 'TUnit']) {
      const r = await parse('tests/A.Tests/A.Tests.csproj', project(`<PackageReference Include="${runner}" Version="1.0.0" />`, '<PackageReference Include="Newtonsoft.Json" Version="12.0.1" />'));
      expect(r.packages.every((p) => p.dev), runner).toBe(true);
    }
    const flagged = await parse('A.csproj', '<Project><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup><ItemGroup><PackageReference Include="A" Version="1.0.0" /></ItemGroup></Project>');
    expect(flagged.packages[0].dev).toBe(true);
    // a library that only mentions test words is not a test project
    const lib = await parse('A.csproj', project('<PackageReference Include="NUnit.Analyzers" Version="3.10.0" />', '<PackageReference Include="xunit.abstractions" Version="2.0.3" />'));
    expect(lib.packages.some((p) => p.dev)).toBe(false);
  });

  it('Central Package Management: versions from Directory.Packages.props ($(Property) resolved there), VersionOverride first', () => {
    const central = parseCentralVersions(
      [
        '<Project>',
        '<PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally><EfVersion>9.0.10</EfVersion></PropertyGroup>',
        '<ItemGroup>',
        '<PackageVersion Include="Newtonsoft.Json" Version="12.0.1" />',
        '<PackageVersion Include="Microsoft.EntityFrameworkCore" Version="$(EfVersion)" />',
        '<PackageVersion Include="Floating" Version="2.*" />',
        '</ItemGroup>',
        '</Project>',
      ].join('\n'),
    );
    expect([...central]).toEqual([
      ['newtonsoft.json', '12.0.1'],
      ['microsoft.entityframeworkcore', '9.0.10'],
      ['floating', '2.*'],
    ]);
    const r = parseProjectFile(
      project(
        '<PackageReference Include="newtonsoft.json" />',
        '<PackageReference Include="Microsoft.EntityFrameworkCore" VersionOverride="8.0.0" />',
        '<PackageReference Include="Floating" />',
        '<PackageReference Include="NotCentral" />',
      ),
      central,
    );
    expect(brief(r)).toEqual(['3 newtonsoft.json@12.0.1', '4 Microsoft.EntityFrameworkCore@8.0.0']);
  });

  it('nothing readable (no references, only floating versions, versions from elsewhere): not an empty lockfile; not MSBuild: unrecognised', async () => {
    expect((await parse('A.csproj', project('<ProjectReference Include="..\\B\\B.csproj" />'))).rootOnly).toBe(true);
    expect((await parse('A.csproj', project('<PackageReference Include="A" Version="1.*" />', '<PackageReference Include="B" />'))).rootOnly).toBe(true);
    // an old-style (non-SDK) project: references with HintPaths, packages in packages.config
    const legacy = await parse('A.csproj', '<?xml version="1.0"?>\n<Project ToolsVersion="15.0" xmlns="http://schemas.microsoft.com/developer/msbuild/2003"><ItemGroup><Reference Include="Newtonsoft.Json, Version=12.0.0.0"><HintPath>..\\packages\\Newtonsoft.Json.12.0.2\\lib\\net45\\Newtonsoft.Json.dll</HintPath></Reference></ItemGroup></Project>');
    expect(legacy.rootOnly).toBe(true);
    expect(legacy.packages).toEqual([]);
    expect((await parse('A.csproj', '<notaproject/>')).unrecognised).toBe(true);
  });
});

describe('.NET manifests in a scan', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const write = (rel: string, text: string) => {
    const p = path.join(dir!, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  };
  const run = async () => {
    const rules = Object.fromEntries(pack.rules.map((r) => [r.meta.id, { options: { osvDb: fromRoot('fixtures/dependencies/osv-db') } }]));
    const result = await scan({ targets: [dir!], cwd: dir!, packs: [pack], config: { config: { rules } as never, hash: 't' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-06-01' });
    return result.findings.map((f) => `${f.ruleId} ${f.file}:${f.range.start.line} ${f.severity}`).sort();
  };

  it('the nearest Directory.Packages.props supplies versions; a packages.lock.json beside a project replaces its references', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-dotnet-'));
    write('Directory.Packages.props', '<Project><ItemGroup><PackageVersion Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup></Project>');
    write('legacy/Directory.Packages.props', '<Project><ItemGroup><PackageVersion Include="Newtonsoft.Json" Version="12.0.1" /></ItemGroup></Project>');
    write('src/Api/Api.csproj', project('<PackageReference Include="Newtonsoft.Json" />'));
    write('legacy/src/Old/Old.csproj', project('<PackageReference Include="Newtonsoft.Json" />'));
    write('locked/Locked.csproj', project('<PackageReference Include="Newtonsoft.Json" Version="11.0.1" />'));
    write('locked/packages.lock.json', JSON.stringify({ version: 1, dependencies: { 'net8.0': { 'Newtonsoft.Json': { type: 'Direct', requested: '[13.0.3, )', resolved: '13.0.3' } } } }, null, 2));
    expect(await run()).toEqual(['dependencies/vulnerable-package legacy/src/Old/Old.csproj:3 high']);
  });
});
