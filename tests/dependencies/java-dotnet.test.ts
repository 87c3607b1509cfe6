import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sourceFromText } from '../../src/engine/source-file.js';
import { parseDocument } from '../../src/parsers/index.js';
import { lockfileFormat, parseLockfile, type LockfileResult } from '../../src/lockfiles/index.js';
import { comparatorFor } from '../../src/osv/versions.js';
import { fromRoot } from '../../src/paths.js';

async function parse(path: string, text: string): Promise<LockfileResult> {
  const file = sourceFromText(path, path, 'lockfile', text);
  const { document } = await parseDocument(file);
  return parseLockfile(file, document);
}

const brief = (r: LockfileResult) => r.packages.map((p) => `${p.line} ${p.name}@${p.version}${p.dev ? ' dev' : ''}`);
const dep = (g: string, a: string, v?: string, extra = '') => `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>${v === undefined ? '' : `<version>${v}</version>`}${extra}</dependency>`;
/** A POM with one element per line, so that each dependency's line is its index in `lines` + 1. */
const pom = (...lines: string[]) => ['<project>', ...lines, '</project>'].join('\n');

describe('Maven ordering (ComparableVersion as of Maven 3.9)', () => {
  const c = comparatorFor('Maven', 'ECOSYSTEM');
  const expectOrder = (a: string, b: string, want: -1 | 0 | 1) => {
    expect(c(a, b), `${a} vs ${b}`).toBe(want);
    expect(c(b, a), `${b} vs ${a}`).toBe(want === 0 ? 0 : -want);
  };

  it('a qualifier after a dot is read as after a hyphen (MNG-7644)', () => {
    // Spring-style `.RC1` and Maven-style `-RC2` pre-releases of one release order by their numbers
    expectOrder('5.3.0.RC1', '5.3.0-RC2', -1);
    expectOrder('5.3.0-RC2', '5.3.0', -1);
    expectOrder('3.0.0.M1', '3.0.0-M2', -1);
    for (const q of ['beta', 'rc', 'jre', 'Final']) {
      expectOrder(`2-${q}`, `2.0.${q}`, 0);
      expectOrder(`2.0.${q}`, `2.0.0.${q}`, 0);
    }
    expectOrder('2.0.a', '2-1', -1);
  });

  it('a qualifier with its number (`sp1`, `sp-1`, `ga-1`) is one item', () => {
    expectOrder('1.0.final-redhat', '1.0-sp1-redhat', -1);
    expectOrder('1.0.final-redhat', '1.0-sp-1-redhat', -1);
    expectOrder('1.0-sp-1', '1.0-sp1', 0);
    expectOrder('1-rc-2', '1-rc10', -1);
    // a qualified number sorts below a plain one in the same place
    expectOrder('1-ga-1', '1-1', -1);
    expectOrder('1-sp', '1-sp1', -1);
  });

  it('release qualifiers sort as the release, and leading zeros and case do not matter', () => {
    for (const v of ['4.1.77.Final', '4.1.77.GA', '4.1.77-release', '4.1.77.0', '004.01.77']) expectOrder(v, '4.1.77', 0);
    expectOrder('1.0.0-alpha1', '1.0.0-ALPHA1', 0);
    expectOrder('5.2.0.RELEASE', '5.2.1.RELEASE', -1);
    expectOrder('1-0.alpha', '1', -1);
  });

  it('very long numbers and over-long versions', () => {
    expectOrder('20190126.230843', '1234567890.12345', -1);
    expectOrder('123456789012345.1H.5-beta', '12345678901234567890.1H.5-beta', -1);
    // Maven refuses version strings over 256 characters; such a version is not ordered
    expect(c(`1${'-a'.repeat(200)}`, '1')).toBeUndefined();
  });
});

describe('NuGet ordering', () => {
  it('a fourth number outranks any pre-release label of the three-number version', () => {
    const c = comparatorFor('NuGet', 'ECOSYSTEM');
    expect(c('1.0.0-pre', '1.0.0.1-alpha')).toBe(-1);
    expect(c('1.0.0', '1.0.0.1-alpha')).toBe(-1);
    expect(c('1.0.0.1-alpha', '1.0.0.1-pre')).toBe(-1);
    expect(c('1.0.0-beta.x.y.5.79.0', '1.0.0-BETA.X.Y.5.790.0')).toBe(-1);
  });
});

describe('pom.xml as Maven reads it', () => {
  it('${project.version} is the POM’s own version even when a property has that name', async () => {
    const r = await parse('pom.xml', pom('<version>1.0</version>', '<properties><project.version>9.9</project.version></properties>', '<dependencies>', dep('scot.example', 'forms', '${project.version}'), '</dependencies>'));
    expect(brief(r)).toEqual(['5 scot.example:forms@1.0']);
  });

  it('a dependency without a version takes the project’s management, never an inactive profile’s', async () => {
    const r = await parse(
      'pom.xml',
      pom(
        '<dependencyManagement><dependencies>',
        dep('org.apache.logging.log4j', 'log4j-core', '2.17.1'),
        '</dependencies></dependencyManagement>',
        '<dependencies>',
        dep('org.apache.logging.log4j', 'log4j-core'),
        '</dependencies>',
        '<profiles><profile><id>old</id>',
        '<dependencyManagement><dependencies>',
        dep('org.apache.logging.log4j', 'log4j-core', '2.14.1'),
        '</dependencies></dependencyManagement>',
        '<dependencies>',
        dep('org.apache.logging.log4j', 'log4j-api'),
        '</dependencies>',
        '</profile></profiles>',
      ),
    );
    // line 10 is the profile's own managed entry, read as written; the profile's log4j-api has no version anywhere
    expect(brief(r)).toEqual(['3 org.apache.logging.log4j:log4j-core@2.17.1', '6 org.apache.logging.log4j:log4j-core@2.17.1', '10 org.apache.logging.log4j:log4j-core@2.14.1']);
    const onlyProfile = await parse('pom.xml', pom('<dependencies>', dep('a', 'b'), '</dependencies>', '<profiles><profile><dependencyManagement><dependencies>', dep('a', 'b', '1.0'), '</dependencies></dependencyManagement></profile></profiles>'));
    expect(brief(onlyProfile)).toEqual(['6 a:b@1.0']);
    // a profile's dependency takes its own profile's management before the project's
    const inProfile = await parse('pom.xml', pom('<dependencyManagement><dependencies>', dep('a', 'b', '1.0'), '</dependencies></dependencyManagement>', '<profiles><profile>', '<dependencyManagement><dependencies>', dep('a', 'b', '2.0'), '</dependencies></dependencyManagement>', '<dependencies>', dep('a', 'b'), '</dependencies>', '</profile></profiles>'));
    expect(brief(inProfile)).toEqual(['3 a:b@1.0', '7 a:b@2.0', '10 a:b@2.0']);
  });

  it('management applies by groupId, artifactId, type and classifier, and supplies the scope', async () => {
    const r = await parse(
      'pom.xml',
      pom(
        '<dependencyManagement><dependencies>',
        dep('a', 'b', '1.0', '<scope>test</scope>'),
        dep('a', 'c', '2.0', '<classifier>tests</classifier>'),
        '</dependencies></dependencyManagement>',
        '<dependencies>',
        dep('a', 'b'),
        dep('a', 'b', undefined, '<type>test-jar</type>'),
        dep('a', 'c'),
        dep('a', 'c', undefined, '<classifier>tests</classifier><scope>compile</scope>'),
        '</dependencies>',
      ),
    );
    expect(brief(r)).toEqual(['3 a:b@1.0 dev', '4 a:c@2.0', '7 a:b@1.0 dev', '10 a:c@2.0']);
  });

  it('of two declarations of one dependency in one list, Maven builds with the last', async () => {
    const r = await parse('pom.xml', pom('<dependencies>', dep('a', 'b', '1.0'), dep('a', 'b', '2.0'), dep('a', 'b', '1.0', '<classifier>sources</classifier>'), '</dependencies>', '<profiles><profile><dependencies>', dep('a', 'b', '3.0'), '</dependencies></profile></profiles>'));
    expect(brief(r)).toEqual(['4 a:b@2.0', '5 a:b@1.0', '8 a:b@3.0']);
  });

  it('the pass fixture: a superseded declaration, a range and an unknown property are not read', async () => {
    const r = await parse('pom.xml', readFileSync(fromRoot('fixtures/dependencies/vulnerable-package/pass/maven/pom.xml'), 'utf8'));
    expect(brief(r)).toEqual(['11 org.apache.logging.log4j:log4j-core@2.12.2', '26 org.apache.logging.log4j:log4j-core@2.17.1']);
  });

  it('text the XML parser could not decode is not a version, and malformed POMs never throw', async () => {
    const entity = await parse('pom.xml', '<!DOCTYPE project [<!ENTITY v "1.0">]>\n' + pom('<dependencies>', dep('a', 'b', '&v;'), '</dependencies>'));
    expect(entity.packages).toEqual([]);
    expect(entity.problems[0]?.message).toMatch(/^not well-formed XML/);
    // an unclosed <dependency> does not take the next one's fields; nothing after the first error is read
    const unclosed = await parse('pom.xml', pom('<dependencies>', dep('a', 'b', '1.0').replace('</dependency>', ''), dep('c', 'd', '2.0'), '</dependencies>'));
    expect(brief(unclosed)).toEqual(['3 a:b@1.0']);
    expect(unclosed.problems).toHaveLength(1);
    const twoRoots = await parse('pom.xml', `${pom('<dependencies>', dep('a', 'b', '1.0'), '</dependencies>')}\n${pom('<dependencies>', dep('c', 'd', '2.0'), '</dependencies>')}`);
    expect(brief(twoRoots)).toEqual(['3 a:b@1.0']);
    for (const text of ['', 'not xml', '<project', '<project><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>1.0</version></dependency><dependency><groupId>c', `<project>${'<x>'.repeat(5000)}</project>`, '<project><properties><x>${y}</x><y>${x}</y></properties><dependencies><dependency><groupId>a</groupId><artifactId>b</artifactId><version>${x}</version></dependency></dependencies></project>']) {
      await expect(parse('pom.xml', text)).resolves.toMatchObject({ format: 'pom.xml', packages: expect.any(Array) });
    }
  });
});

describe('gradle.lockfile configurations', () => {
  it('test configurations by Gradle’s camel-case names, not by the letters t-e-s-t anywhere', async () => {
    const r = await parse(
      'gradle.lockfile',
      ['a:latest:1.0=latestDepRuntimeClasspath', 'a:attest:1.0=attestationRuntimeClasspath', 'a:unit:1.0=debugUnitTestRuntimeClasspath,testFixturesCompileClasspath', 'a:it:1.0=integrationTestsRuntimeClasspath', 'a:both:1.0=runtimeClasspath,testRuntimeClasspath'].join('\n'),
    );
    expect(brief(r)).toEqual(['1 a:latest@1.0', '2 a:attest@1.0', '3 a:unit@1.0 dev', '4 a:it@1.0 dev', '5 a:both@1.0']);
  });
});

describe('gradle.lockfile build tool configurations', () => {
  it('modules only annotation processors, the Kotlin compiler and code quality or coverage plugins resolve are development-only', async () => {
    // lines as a Spring Boot service with SpotBugs, Spotless and JaCoCo locks them (lockAllConfigurations)
    const r = await parse(
      'gradle.lockfile',
      [
        'org.apache.commons:commons-text:1.9=spotbugs',
        'com.google.guava:guava:32.1.3-jre=spotless865458226',
        'org.jacoco:org.jacoco.agent:0.8.8=jacocoAgent,jacocoAnt',
        'org.slf4j:slf4j-simple:2.0.0=spotbugsSlf4j',
        'org.springframework.boot:spring-boot-configuration-processor:3.1.2=annotationProcessor',
        'org.jetbrains.kotlin:kotlin-compiler-embeddable:1.9.24=kotlinCompilerClasspath,kotlinKlibCommonizerClasspath',
        'com.squareup.moshi:moshi-kotlin-codegen:1.15.0=kaptTest,kspDebug',
        'org.slf4j:slf4j-api:2.0.7=compileClasspath,runtimeClasspath,spotbugs,spotbugsSlf4j',
        'a:own:1.0=spotbugsPluginsLike,spotlessCheck',
        'a:kotlin:1.0=kotlinScriptDef,kotlinx',
      ].join('\n'),
    );
    expect(brief(r)).toEqual([
      '1 org.apache.commons:commons-text@1.9 dev',
      '2 com.google.guava:guava@32.1.3-jre dev',
      '3 org.jacoco:org.jacoco.agent@0.8.8 dev',
      '4 org.slf4j:slf4j-simple@2.0.0 dev',
      '5 org.springframework.boot:spring-boot-configuration-processor@3.1.2 dev',
      '6 org.jetbrains.kotlin:kotlin-compiler-embeddable@1.9.24 dev',
      '7 com.squareup.moshi:moshi-kotlin-codegen@1.15.0 dev',
      '8 org.slf4j:slf4j-api@2.0.7',
      '9 a:own@1.0',
      '10 a:kotlin@1.0',
    ]);
  });
});

describe('Gradle 4.8–5 per-configuration lock files', () => {
  it('gradle/dependency-locks/<configuration>.lockfile: bare coordinates, the configuration from the file name', async () => {
    const header = '# This is a Gradle generated file for dependency locking.\n';
    const runtime = await parse('service/gradle/dependency-locks/runtimeClasspath.lockfile', `${header}org.apache.logging.log4j:log4j-core:2.14.1\n`);
    expect(brief(runtime)).toEqual(['2 org.apache.logging.log4j:log4j-core@2.14.1']);
    const tests = await parse('gradle/dependency-locks/testCompileClasspath.lockfile', `${header}junit:junit:4.13.2\n`);
    expect(brief(tests)).toEqual(['2 junit:junit@4.13.2 dev']);
    const tool = await parse('gradle/dependency-locks/spotbugs.lockfile', `${header}org.apache.commons:commons-text:1.9\n`);
    expect(brief(tool)).toEqual(['2 org.apache.commons:commons-text@1.9 dev']);
    // a configuration that resolves nothing: no packages, not an empty lockfile
    expect((await parse('gradle/dependency-locks/annotationProcessor.lockfile', header)).rootOnly).toBe(true);
    expect((await parse('gradle/dependency-locks/compileClasspath.lockfile', `${header}not-coordinates\n`)).problems).toEqual([{ line: 2, message: 'expected group:artifact:version' }]);
    // another file named *.lockfile elsewhere is not a Gradle lock
    expect(lockfileFormat('locks/compileClasspath.lockfile')).toBeUndefined();
  });
});

describe('pom.xml modules of the same build', () => {
  const flags = (r: LockfileResult) => r.packages.map((p) => `${p.name}@${p.version}${p.workspace ? ' workspace' : ''}`);
  it('a dependency at ${project.version}, or at the project’s own groupId and version, is a module of this build', async () => {
    const r = await parse(
      'pom.xml',
      pom(
        '<parent><groupId>uk.example.common</groupId><artifactId>service-parent-pom</artifactId><version>10.3.8</version></parent>',
        '<groupId>uk.example.sjp</groupId><version>7.0.29-SNAPSHOT</version>',
        '<dependencyManagement><dependencies>',
        dep('uk.example.sjp', 'sjp-json', '${project.version}'),
        dep('uk.example.sjp', 'sjp-domain', '7.0.29-SNAPSHOT'),
        dep('uk.example.other', 'aligned', '${project.version}'),
        dep('uk.example.sjp', 'older', '7.0.28'),
        dep('uk.example.common', 'common-lib', '10.3.8'),
        '</dependencies></dependencyManagement>',
      ),
    );
    expect(flags(r)).toEqual(['uk.example.sjp:sjp-json@7.0.29-SNAPSHOT workspace', 'uk.example.sjp:sjp-domain@7.0.29-SNAPSHOT workspace', 'uk.example.other:aligned@7.0.29-SNAPSHOT workspace', 'uk.example.sjp:older@7.0.28', 'uk.example.common:common-lib@10.3.8']);
    expect(r.rootOnly).toBe(false);
  });

  it('an artifact of an inherited parent’s group at the parent’s version is not taken for a module of this build', async () => {
    // no groupId or version of its own: both come from the (external) parent
    const r = await parse('pom.xml', pom('<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>2.5.0</version></parent>', '<artifactId>permits</artifactId>', '<dependencies>', dep('org.springframework.boot', 'spring-boot-starter-web', '2.5.0'), '</dependencies>'));
    expect(flags(r)).toEqual(['org.springframework.boot:spring-boot-starter-web@2.5.0']);
  });

  it('a POM whose only written versions are its own modules’ records nothing to check (not an empty lockfile)', async () => {
    const r = await parse('pom.xml', pom('<groupId>uk.example.sjp</groupId><version>1.0</version>', '<dependencyManagement><dependencies>', dep('uk.example.sjp', 'sjp-json', '${project.version}'), '</dependencies></dependencyManagement>'));
    expect(r.rootOnly).toBe(true);
  });
});

describe('packages.lock.json', () => {
  it('a test project’s lock file (a test runner referenced directly) holds development-only packages', async () => {
    const lock = (direct: string) =>
      JSON.stringify({ version: 2, dependencies: { 'net8.0': { [direct]: { type: 'Direct', requested: '[1.0.0, )', resolved: '1.0.0' }, 'Newtonsoft.Json': { type: 'Transitive', resolved: '12.0.3' }, 'Council.Core': { type: 'Project' } } } }, null, 2);
    for (const runner of ['Microsoft.NET.Test.Sdk', 'xunit.runner.visualstudio', 'NUnit3TestAdapter', 'MSTest.TestAdapter', 'MSTest', 'TUnit']) {
      const r = await parse('tests/Council.Tests/packages.lock.json', lock(runner));
      expect(r.packages.map((p) => `${p.name}${p.dev ? ' dev' : ''}${p.workspace ? ' workspace' : ''}`), runner).toEqual([`${runner} dev`, 'Newtonsoft.Json dev', 'Council.Core workspace']);
    }
    // a test framework alone (a shared test-helpers library) or a transitive runner does not make a test project
    for (const text of [lock('xunit.v3.extensibility.core'), lock('Microsoft.NET.Test.Sdk').replace('"Direct"', '"Transitive"')]) {
      expect((await parse('packages.lock.json', text)).packages.some((p) => p.dev)).toBe(false);
    }
  });

  it('a package in several targets is listed once per version; keys inside an entry are not packages', async () => {
    const text = JSON.stringify(
      {
        version: 1,
        dependencies: {
          'net6.0': { 'Council.Core': { type: 'Direct', requested: '[6.0.5, )', resolved: '6.0.5' }, 'Council.Forms': { type: 'Direct', requested: '[0.13.0-beta4, )', resolved: '0.13.0-beta4', dependencies: { 'Council.Core': '6.0.0' } } },
          'net8.0': { 'council.core': { type: 'Transitive', resolved: '6.0.5' }, 'Council.Forms': { type: 'Direct', requested: '[2.15.0, )', resolved: '2.15.0', project: { type: 'Project' } } },
        },
      },
      null,
      2,
    );
    const r = await parse('packages.lock.json', text);
    expect(r.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['Council.Core@6.0.5', 'Council.Forms@0.13.0-beta4', 'Council.Forms@2.15.0']);
  });
});

describe('Gradle development-only lock files and Android configurations', () => {
  it('buildscript-gradle.lockfile: the build script classpath (plugins) is development-only', async () => {
    const r = await parse('app/buildscript-gradle.lockfile', ['# This is a Gradle generated file for dependency locking.', 'com.android.tools.build:gradle:8.2.0=classpath', 'empty='].join('\n'));
    expect(r.format).toBe('buildscript-gradle.lockfile');
    expect(brief(r)).toEqual(['2 com.android.tools.build:gradle@8.2.0 dev']);
  });

  it('Android debug, lint and test variants are development-only; release and words merely starting with the letters are not', async () => {
    const r = await parse(
      'app/gradle.lockfile',
      [
        'a:debug:1.0=debugCompileClasspath,debugRuntimeClasspath',
        'a:lint:1.0=lintChecks,lintClassPath',
        'a:android-test:1.0=debugAndroidTestRuntimeClasspath,androidTestUtil',
        'a:unit:1.0=testDebugRuntimeClasspath,releaseUnitTestRuntimeClasspath',
        'a:release:1.0=debugRuntimeClasspath,releaseRuntimeClasspath',
        'a:words:1.0=debuggerRuntimeClasspath,lintianClasspath',
      ].join('\n'),
    );
    expect(brief(r)).toEqual(['1 a:debug@1.0 dev', '2 a:lint@1.0 dev', '3 a:android-test@1.0 dev', '4 a:unit@1.0 dev', '5 a:release@1.0', '6 a:words@1.0']);
  });
});

describe('pom.xml <type>pom</type> dependencies', () => {
  it('a pom-type dependency is a dependency; only an import-scoped BOM is not', async () => {
    const r = await parse(
      'pom.xml',
      pom(
        '<dependencyManagement><dependencies>',
        dep('org.apache.logging.log4j', 'log4j-bom', '2.14.1', '<type>pom</type><scope>import</scope>'),
        '</dependencies></dependencyManagement>',
        '<dependencies>',
        dep('org.example', 'aggregate', '1.2.0', '<type>pom</type>'),
        dep('org.example', 'test-aggregate', '1.3.0', '<type>pom</type><scope>test</scope>'),
        '</dependencies>',
      ),
    );
    expect(brief(r)).toEqual(['6 org.example:aggregate@1.2.0', '7 org.example:test-aggregate@1.3.0 dev']);
  });
});
