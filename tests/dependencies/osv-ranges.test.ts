import { describe, expect, it } from 'vitest';
import { evaluateRange, isAffected, fixedVersionsFor } from '../../src/osv/ranges.js';
import { cvss3BaseScore, severityOfScore, roundup } from '../../src/osv/cvss.js';
import { comparatorFor, composerKey, packageKey } from '../../src/osv/versions.js';
import { matchPackage, isMalicious } from '../../src/osv/match.js';
import type { OsvRange, OsvRecord } from '../../src/osv/types.js';

const semverRange = (events: OsvRange['events']): OsvRange => ({ type: 'SEMVER', events });

describe('OSV range evaluation (schema examples)', () => {
  it('unfixed: every version is affected', () => {
    const r = semverRange([{ introduced: '0' }]);
    for (const v of ['0.0.1', '1.0.0', '10.0.0', '1.0.0-alpha']) expect(evaluateRange(v, r, 'npm')).toBe('affected');
  });
  it('fixed: everything before 1.0.2', () => {
    const r = semverRange([{ introduced: '0' }, { fixed: '1.0.2' }]);
    expect(evaluateRange('1.0.1', r, 'npm')).toBe('affected');
    expect(evaluateRange('1.0.2-rc.1', r, 'npm')).toBe('affected');
    expect(evaluateRange('1.0.2', r, 'npm')).toBe('unaffected');
    expect(evaluateRange('2.0.0', r, 'npm')).toBe('unaffected');
  });
  it('multiple ranges: [1.0.0, 1.0.2) or [3.0.0, 3.2.5)', () => {
    const r = semverRange([{ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' }]);
    const got = ['0.9.0', '1.0.0', '1.0.1', '1.0.2', '2.5.0', '3.0.0', '3.2.4', '3.2.5', '4.0.0'].map((v) => evaluateRange(v, r, 'npm'));
    expect(got).toEqual(['unaffected', 'affected', 'affected', 'unaffected', 'unaffected', 'affected', 'affected', 'unaffected', 'unaffected']);
  });
  it('events out of order are sorted before the walk', () => {
    const r = semverRange([{ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '1.0.0' }]);
    expect(evaluateRange('1.0.1', r, 'npm')).toBe('affected');
    expect(evaluateRange('2.0.0', r, 'npm')).toBe('unaffected');
  });
  it('last_affected: up to and including 2.1.214', () => {
    const r: OsvRange = { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { last_affected: '2.1.214' }] };
    expect(evaluateRange('2.1.214', r, 'npm')).toBe('affected');
    expect(evaluateRange('2.1.215', r, 'npm')).toBe('unaffected');
  });
  it('limit: below the limit only; "*" is infinity', () => {
    expect(evaluateRange('1.3.9', semverRange([{ introduced: '1.0.0' }, { limit: '1.4.0' }]), 'npm')).toBe('affected');
    expect(evaluateRange('1.4.0', semverRange([{ introduced: '1.0.0' }, { limit: '1.4.0' }]), 'npm')).toBe('unaffected');
    expect(evaluateRange('9.0.0', semverRange([{ introduced: '1.0.0' }, { limit: '*' }]), 'npm')).toBe('affected');
  });
  it('GIT ranges are ignored; unparsable versions are unknown, not affected', () => {
    expect(evaluateRange('1.0.0', { type: 'GIT', repo: 'x', events: [{ introduced: '0' }] }, 'npm')).toBe('unaffected');
    expect(evaluateRange('not-a-version', semverRange([{ introduced: '0' }, { fixed: '1.0.0' }]), 'npm')).toBe('unknown');
  });
  it('explicit versions lists', () => {
    expect(isAffected('1.5.0', { versions: ['1.5.0'] }, 'npm')).toBe(true);
    expect(isAffected('1.5.1', { versions: ['1.5.0'] }, 'npm')).toBe(false);
    expect(isAffected('1.0', { versions: ['1.0.0'] }, 'PyPI')).toBe(true);
  });
  it('fixed versions are the least fix above the version, per range', () => {
    const a = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '0.2.4' }] }, { type: 'ECOSYSTEM', events: [{ introduced: '1.0.0' }, { fixed: '1.2.6' }] }] };
    expect(fixedVersionsFor('1.2.5', a, 'npm')).toEqual(['1.2.6']);
    expect(fixedVersionsFor('0.0.8', a, 'npm')).toEqual(['0.2.4']);
    expect(fixedVersionsFor('1.2.6', a, 'npm')).toEqual([]);
  });
});

describe('version orderings', () => {
  it('PyPI: PEP 440 pre, post and dev releases', () => {
    const c = comparatorFor('PyPI', 'ECOSYSTEM');
    expect(c('2.0rc1', '2.0')).toBe(-1);
    expect(c('2.0.post1', '2.0')).toBe(1);
    expect(c('2.0.dev1', '2.0a1')).toBe(-1);
    expect(c('1.0', '1.0.0')).toBe(0);
    expect(packageKey('PyPI', 'Saltire_Test.PEP440')).toBe('saltire-test-pep440');
  });
  it('PyPI: every spelling PEP 440 normalises is the same version', () => {
    const c = comparatorFor('PyPI', 'ECOSYSTEM');
    const same: [string, string][] = [
      ['1.0a', '1.0a0'], ['1.0.post', '1.0.post0'], ['1.0-1', '1.0.post1'], ['1.0.dev', '1.0.dev0'], ['v1.0', '1.0'],
      ['1.0ALPHA1', '1.0a1'], ['1.0c1', '1.0rc1'], ['1.0pre1', '1.0rc1'], ['1.0preview1', '1.0rc1'], ['1.0.r1', '1.0.post1'],
      ['1.0rev1', '1.0.post1'], ['1.0+ubuntu-1', '1.0+ubuntu.1'], ['1.01', '1.1'], ['1.0-a.1', '1.0a1'], ['1.0_rc_1', '1.0rc1'],
      ['1.2b3.DEV4', '1.2b3.dev4'],
    ];
    for (const [a, b] of same) expect(c(a, b), `${a} = ${b}`).toBe(0);
    // pre-PEP 440 "legacy" versions are not valid: no order (setuptools' old LegacyVersion sort is gone from packaging)
    for (const v of ['0.1-bulbasaur', '0.4.0-p1', '1.0beta6.1']) expect(c(v, '1.0')).toBeUndefined();
  });
  it('RubyGems: 1.2.0.rc1 < 1.2.0, platform suffixes ignored', () => {
    const c = comparatorFor('RubyGems', 'ECOSYSTEM');
    expect(c('1.2.0.rc1', '1.2.0')).toBe(-1);
    expect(c('1.13.10-x86_64-linux', '1.13.10')).toBe(0);
  });
  it('Go: v prefix, pseudo-versions and +incompatible', () => {
    const c = comparatorFor('Go', 'SEMVER');
    expect(c('v0.3.7', '0.3.8')).toBe(-1);
    expect(c('v0.0.0-20220722155237-a158d28d115b', '0.0.1')).toBe(-1);
    expect(c('v2.0.0+incompatible', '2.0.0')).toBe(0);
  });
  it('Packagist: Composer-like stability ordering', () => {
    const c = comparatorFor('Packagist', 'ECOSYSTEM');
    expect(c('v2.3.0', '2.3.0')).toBe(0);
    expect(c('2.0.0-beta1', '2.0.0-RC1')).toBe(-1);
    expect(c('2.0.0-RC1', '2.0.0')).toBe(-1);
    expect(c('2.0.0', '2.0.0-p1')).toBe(-1);
    expect(c('1.2.3.4', '1.2.3')).toBe(1);
    expect(composerKey('dev-main')).toBeUndefined();
  });
  it('Packagist: build metadata, numbered stabilities and long numbers as Composer normalises them', () => {
    const c = comparatorFor('Packagist', 'ECOSYSTEM');
    // VersionParser::normalize drops `+...` build metadata
    expect(c('v6.0.0+ea2', 'v6.1.0-rc1')).toBe(-1);
    expect(c('2.0.0+build.7', '2.0.0')).toBe(0);
    // a stability may carry several numbers: beta2.1 = b.2.1 = b2.1, and more numbers sort higher
    expect(c('1.25.0-beta2.1', '1.25.0-b.2.1')).toBe(0);
    expect(c('1.25.0beta2.1', '1.25.0-b2.1')).toBe(0);
    expect(c('1.25.0-beta2', '1.25.0-beta2.1')).toBe(-1);
    expect(c('1.25.0-beta2.1', '1.25.0-beta3')).toBe(-1);
    expect(c('v4.0.0-rc.2', 'v4.0.0-rc.2.1')).toBe(-1);
    expect(c('v4.0.0-rc.2.1', 'v4.0.0-rc.3')).toBe(-1);
    expect(c('v6.13.7-beta1+EZP-30823.preview', 'v6.13.7-beta2')).toBe(-1);
    // numbers are compared exactly, beyond 2^53
    expect(c('999999999999999999999999999991', '999999999999999999999999999999')).toBe(-1);
    expect(c('1.99999999999999999999.1', '1.99999999999999999999.2')).toBe(-1);
    // deliberately unlike PHP's version_compare: Composer normalises 1.0 and 1.0.0 to the same 1.0.0.0
    expect(c('1.0.0', '1.0')).toBe(0);
    // not Composer versions at all (VersionParser rejects them): no order
    for (const v of ['4.3-2RC1', '1.2.3.#', 'dev-foo']) expect(c(v, '1.0.0')).toBeUndefined();
  });
  it('RubyGems: segments too long for a JS number are not ordered rather than called equal', () => {
    const c = comparatorFor('RubyGems', 'ECOSYSTEM');
    expect(c('999999999999999999999999999991', '999999999999999999999999999999')).toBeUndefined();
    expect(c('1.0.a.9', '1.0.a10')).toBe(-1);
    expect(c('1.0.a2', '1.0.a.2')).toBe(0);
    expect(c('3.0.0.beta4', '3.0.pre')).toBe(-1);
    // "1beta" is not a Gem::Version (a letter segment must follow a dot): no order
    expect(c('1beta', '1')).toBeUndefined();
  });
  it('Maven: null items, aliases and separators as ComparableVersion treats them', () => {
    const c = comparatorFor('Maven', 'ECOSYSTEM');
    for (const [a, b] of [['1', '1.0'], ['1', '1.0.0'], ['1.ga', '1'], ['1-ga', '1'], ['1-0', '1'], ['1.0-final', '1'], ['1.0.RELEASE', '1.0'], ['1-a1', '1-alpha-1'], ['1-cr1', '1-rc1'], ['1.0.0.Final', '1.0.0']]) expect(c(a, b), `${a} = ${b}`).toBe(0);
    for (const [a, b] of [['1.foo', '1-1'], ['1-foo', '1-1'], ['1-1', '1.1'], ['2.12.2', '2.13.0'], ['2.14.1', '2.15.0'], ['2.3.1', '2.4']]) expect(c(a, b), `${a} < ${b}`).toBe(-1);
    // ranges and unresolved properties are not versions
    expect(c('[1.0,2.0)', '1.0')).toBeUndefined();
    expect(c('${spring.version}', '1.0')).toBeUndefined();
  });

  it('NuGet: missing numbers are zero, labels ignore case, metadata is ignored', () => {
    const c = comparatorFor('NuGet', 'ECOSYSTEM');
    expect(c('1.0', '1.0.0.0')).toBe(0);
    expect(c('1.0.0-Beta', '1.0.0-beta')).toBe(0);
    expect(c('1.0.0+build.5', '1.0.0')).toBe(0);
    expect(c('1.0.0-rc.1', '1.0.0')).toBe(-1);
    expect(c('not a version', '1.0.0')).toBeUndefined();
  });

  it('npm: SemVer pre-release precedence', () => {
    const c = comparatorFor('npm', 'ECOSYSTEM');
    expect(c('2.0.0-beta.1', '2.0.0-rc.1')).toBe(-1);
    expect(c('2.0.0-rc.1', '2.0.0')).toBe(-1);
  });
  it('each ecosystem orders a whole chain of versions as its own specification does', () => {
    const chains: [Parameters<typeof comparatorFor>[0], string[]][] = [
      // PEP 440: dev < pre (a < b < rc) < final < local < post.dev < post; epochs outrank everything
      ['PyPI', ['1.0.dev0', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0+local.1', '1.0.post1.dev0', '1.0.post1', '1.0.1', '1.1.dev1', '2.0', '1!0.1']],
      // SemVer 2.0 §11: numeric identifiers numerically, alphanumeric lexically, fewer fields lower
      ['npm', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.10.0']],
      ['crates.io', ['0.1.0-alpha', '0.1.0', '0.1.1', '0.10.0', '1.0.0-rc.1', '1.0.0']],
      // Go: pseudo-versions are pre-releases of the next patch (v1.2.4-0.<time>-<hash> sits between v1.2.3 and v1.2.4)
      ['Go', ['v0.0.0-20190101000000-aaaaaaaaaaaa', 'v0.0.0-20210101000000-bbbbbbbbbbbb', 'v0.0.1', 'v1.2.3', 'v1.2.4-0.20210101000000-cccccccccccc', 'v1.2.4', 'v2.0.0+incompatible', 'v2.1.0']],
      // Gem::Version: a letter segment makes a pre-release; more numeric segments sort higher
      ['RubyGems', ['1.0.0.a', '1.0.0.b1', '1.0.0.pre', '1.0.0.rc1', '1.0.0', '1.0.0.1', '1.0.1', '1.13.10-x86_64-linux', '2.0']],
      ['Packagist', ['1.0.0-dev', '1.0.0-alpha1', '1.0.0-beta2', '1.0.0-RC1', '1.0.0', 'v1.0.0-p1', '1.0.1', 'v1.10.0']],
      // the POM reference's Version Order Specification
      ['Maven', ['1-alpha-1', '1-alpha-2', '1-beta', '1-milestone-1', '1-rc-1', '1-snapshot', '1', '1-sp', '1-sp.1', '1-foo2', '1-foo10', '1.0.1', '1.1', '2.0.0.M1', '2.0.0.RC1', '2.0.0.RELEASE', '2.0.1-SNAPSHOT', '2.10', '10']],
      ['NuGet', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-BETA', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.0.1', '1.0.1', '12.0.3', '13.0.1']],
    ];
    for (const [eco, chain] of chains) {
      const c = comparatorFor(eco, 'ECOSYSTEM');
      for (let i = 0; i + 1 < chain.length; i++) expect(c(chain[i], chain[i + 1]), `${eco}: ${chain[i]} < ${chain[i + 1]}`).toBe(-1);
    }
  });
});

describe('CVSS v3.1 base score', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', 7.4],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L', 5.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:N/A:N', 6.8],
    ['CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s = %s', (v, score) => expect(cvss3BaseScore(v)).toBe(score));
  it('rejects v2/v4 and malformed vectors', () => {
    expect(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBeUndefined();
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeUndefined();
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L')).toBeUndefined();
  });
  it('rounds up as Appendix A says and bands scores', () => {
    expect(roundup(4.02)).toBe(4.1);
    expect(roundup(4.0)).toBe(4);
    expect([9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0].map(severityOfScore)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'low', 'info']);
  });
});

describe('matching', () => {
  const ghsa: OsvRecord = { id: 'GHSA-aaaa-bbbb-cccc', aliases: ['CVE-2024-0001'], summary: 'S', severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }], affected: [{ package: { ecosystem: 'PyPI', name: 'Foo_Bar' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }] };
  const pysec: OsvRecord = { id: 'PYSEC-2024-1', aliases: ['CVE-2024-0001'], affected: [{ package: { ecosystem: 'PyPI', name: 'foo-bar' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }] };
  it('groups records sharing an alias into one match, GHSA first', () => {
    const m = matchPackage('PyPI', 'foo.bar', '1.0', [pysec, ghsa]);
    expect(m).toHaveLength(1);
    expect(m[0].ids).toEqual(['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1']);
    expect(m[0].aliases).toEqual(['CVE-2024-0001']);
    expect(m[0].severity).toBe('critical');
    expect(m[0].cvss).toBe(9.8);
    expect(m[0].fixed).toEqual(['2.0']);
  });
  it('ignores withdrawn records and other ecosystems', () => {
    expect(matchPackage('PyPI', 'foo-bar', '1.0', [{ ...ghsa, withdrawn: '2024-01-01T00:00:00Z' }])).toEqual([]);
    expect(matchPackage('npm', 'Foo_Bar', '1.0', [ghsa])).toEqual([]);
  });
  it('falls back to the GHSA severity label; recognises malicious records', () => {
    const rec: OsvRecord = { id: 'GHSA-x', database_specific: { severity: 'MODERATE' }, affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }] }] };
    expect(matchPackage('npm', 'a', '1.0.0', [rec])[0].severity).toBe('medium');
    expect(isMalicious({ id: 'MAL-2024-1' })).toBe(true);
    expect(isMalicious({ id: 'GHSA-y', database_specific: { cwe_ids: ['CWE-506'] } })).toBe(true);
    expect(isMalicious(rec)).toBe(false);
  });
});
