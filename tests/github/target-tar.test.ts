import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseGithubTarget, formatGithubTarget } from '../../src/github/target.js';
import { GithubError, makeScrubber, describeReset } from '../../src/github/client.js';
import { safeEntryPath, TarError, TarExtractor } from '../../src/github/tar.js';
import { makeTar, paxRecords, tarHeader } from './support.js';

describe('parseGithubTarget', () => {
  it.each([
    ['github:scotgov/apply', { kind: 'repo', owner: 'scotgov', repo: 'apply' }],
    ['github:scotgov/apply.git', { kind: 'repo', owner: 'scotgov', repo: 'apply' }],
    ['github:scotgov/my.repo_x-1@main', { kind: 'repo', owner: 'scotgov', repo: 'my.repo_x-1', ref: 'main' }],
    ['github:scotgov/apply@release/2025-01', { kind: 'repo', owner: 'scotgov', repo: 'apply', ref: 'release/2025-01' }],
    ['github:scotgov/apply@0123456789abcdef0123456789abcdef01234567', { kind: 'repo', owner: 'scotgov', repo: 'apply', ref: '0123456789abcdef0123456789abcdef01234567' }],
    ['github-org:scotgov', { kind: 'org', org: 'scotgov' }],
  ])('%s', (spec, expected) => {
    expect(parseGithubTarget(spec)).toEqual(expected);
    expect(formatGithubTarget(parseGithubTarget(spec)!)).toBe(spec.replace(/\.git$/, ''));
  });

  it('leaves paths alone', () => {
    expect(parseGithubTarget('./src')).toBeUndefined();
    expect(parseGithubTarget('github')).toBeUndefined();
  });

  it.each(['github:scotgov', 'github:/apply', 'github:a/b/c', 'github:-bad/x', 'github:scotgov/..', 'github:scotgov/apply@', 'github:scotgov/apply@a..b', 'github:scotgov/apply@x y', 'github:scotgov/apply@-rf', 'github-org:', 'github-org:a/b'])('rejects %s', (spec) => {
    expect(() => parseGithubTarget(spec)).toThrow(GithubError);
  });
});

describe('token scrubbing and reset times', () => {
  it('removes the token in every encoding', () => {
    const scrub = makeScrubber('ghp_abc/def+ghi');
    const basic = Buffer.from('x-access-token:ghp_abc/def+ghi').toString('base64');
    expect(scrub(`a ghp_abc/def+ghi b ${encodeURIComponent('ghp_abc/def+ghi')} c ${basic}`)).toBe('a *** b *** c ***');
    expect(makeScrubber(undefined)('unchanged')).toBe('unchanged');
  });
  it('describes x-ratelimit-reset', () => {
    expect(describeReset('1767225600', Date.parse('2026-01-01T00:00:00Z') - 90_000)).toBe('at 2026-01-01T00:00:00Z (in 2 minutes)');
    expect(describeReset(undefined)).toContain('unknown');
  });
});

describe('tar reader', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-tar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const extract = async (tar: Buffer, strip = 0) => {
    const x = new TarExtractor(dir, { strip });
    // feed in awkward chunk sizes to exercise the buffering
    const chunks: Buffer[] = [];
    for (let i = 0; i < tar.length; i += 333) chunks.push(tar.subarray(i, i + 333));
    await pipeline(Readable.from(chunks), x);
    return x.result();
  };

  it('reads pax long names, ustar prefixes and GNU long names', async () => {
    const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/file-with-a-long-name.txt`;
    const gnu = `${'g'.repeat(120)}.txt`;
    const tar = makeTar([
      { name: 'PaxHeader/x', type: 'x', content: paxRecords({ path: 'pax/ünïcode-name.md' }) },
      { name: 'ignored-short-name', content: 'pax\n' },
      { name: long, content: 'prefix\n' },
      { name: '././@LongLink', type: 'L', content: `${gnu}\0` },
      { name: gnu.slice(0, 99), content: 'gnu\n' },
      { name: 'empty.txt', content: '' },
    ]);
    const r = await extract(tar);
    expect(readFileSync(path.join(dir, 'pax/ünïcode-name.md'), 'utf8')).toBe('pax\n');
    expect(readFileSync(path.join(dir, long), 'utf8')).toBe('prefix\n');
    expect(readFileSync(path.join(dir, gnu), 'utf8')).toBe('gnu\n');
    expect(readFileSync(path.join(dir, 'empty.txt'), 'utf8')).toBe('');
    expect(r.files).toBe(4);
  });

  it('rejects a damaged header', async () => {
    await expect(extract(makeTar([{ name: 'a.txt', content: 'a', badChecksum: true }]))).rejects.toThrow(/checksum/);
  });

  it('rejects an archive cut inside an entry', async () => {
    const tar = makeTar([{ name: 'a.txt', content: 'x'.repeat(2000) }], false);
    await expect(extract(tar.subarray(0, 1024))).rejects.toMatchObject({ code: 'truncated' });
  });

  it('rejects an archive cut inside a header', async () => {
    const tar = Buffer.concat([tarHeader({ name: 'a.txt' }, 0)]).subarray(0, 300);
    await expect(extract(tar)).rejects.toBeInstanceOf(TarError);
  });

  it('safeEntryPath', () => {
    expect(safeEntryPath('top/a/./b.txt', 1)).toBe('a/b.txt');
    expect(safeEntryPath('top/', 1)).toBeUndefined();
    expect(() => safeEntryPath('top/../x', 1)).toThrow(/\.\./);
    expect(() => safeEntryPath('C:\\x', 0)).toThrow(/absolute/);
    expect(() => safeEntryPath('a\\..\\..\\x', 0)).toThrow(/\.\./);
  });
});
