import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../../src/packs/load.js';
import type { Pack } from '../../src/model/rule.js';
import type { ScanResult } from '../../src/model/finding.js';
import { tempTree } from '../support/cli.js';

const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());

async function scanDir(dir: string, extra: Pack[] = [], maxFileSize = 1024 * 1024): Promise<ScanResult> {
  return scan({ targets: [dir], cwd: dir, packs: [...packs, ...extra], config: { config: {}, hash: 'x' }, gitignore: true, maxFileSize, today: '2026-01-01' });
}

function assertWellFormed(result: ScanResult): void {
  for (const f of [...result.findings, ...result.suppressed]) {
    expect(f.ruleId).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
    expect(f.file).not.toBe('');
    expect(f.range.start.line).toBeGreaterThanOrEqual(1);
    expect(f.range.start.column).toBeGreaterThanOrEqual(1);
    expect(f.range.end.line).toBeGreaterThanOrEqual(f.range.start.line);
    expect(f.message.length).toBeGreaterThan(0);
  }
}

describe('bad input never crashes a scan and never loses results', () => {
  it('turns malformed files into parse-error findings and keeps scanning the rest', async () => {
    const dir = tempTree({
      'k8s/broken.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n',
      'infra/broken.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n',
      'cfn/broken.json': '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { ',
      'web/broken.html': '<div><p>unclosed <b>tags</div>',
      'src/broken.ts': 'const x = ;\n',
      Dockerfile: 'FROM node:20\nRUN npm ci\n',
    });
    const result = await scanDir(dir);
    assertWellFormed(result);
    const parseErrors = result.findings.filter((f) => f.ruleId === 'saltire/parse-error').map((f) => f.file);
    expect(parseErrors).toEqual(expect.arrayContaining(['cfn/broken.json', 'infra/broken.tf', 'k8s/broken.yaml', 'src/broken.ts']));
    expect(parseErrors).not.toContain('web/broken.html');
    // Terraform's parser recovers, so its checks ran on what it could read; the message must not say they did not run
    const tf = result.findings.find((f) => f.ruleId === 'saltire/parse-error' && f.file === 'infra/broken.tf');
    expect(tf?.message).toMatch(/checks ran only on what the parser could read/);
    const ts = result.findings.find((f) => f.ruleId === 'saltire/parse-error' && f.file === 'src/broken.ts');
    expect(ts?.message).toBeDefined();
    // the good file still produced its finding
    expect(result.findings.some((f) => f.file === 'Dockerfile' && f.ruleId === 'iac/dockerfile-root-user')).toBe(true);
    expect(result.stats.filesScanned).toBe(6);
  });

  it('skips binaries, oversized files and non-regular files with a reason, and reads empty, CRLF, BOM and invalid UTF-8 files', async () => {
    const dir = tempTree({
      'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      'big.txt': 'x'.repeat(2048),
      'empty.yaml': '',
      'crlf/Dockerfile': 'FROM node:20\r\nRUN npm ci\r\n',
      'bom/Dockerfile': '\uFEFFFROM node:20\nRUN npm ci\n',
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    execFileSync('mkfifo', [path.join(dir, 'pipe')]);
    const result = await scanDir(dir, [], 1024);
    assertWellFormed(result);
    const skipped = Object.fromEntries(result.stats.filesSkipped.map((s) => [s.file, s.reason]));
    expect(skipped['image.png']).toBe('binary file');
    expect(skipped['big.txt']).toMatch(/larger than the size cap/);
    expect(skipped['pipe']).toBe('not a regular file');
    const docker = result.findings.filter((f) => f.ruleId === 'iac/dockerfile-root-user');
    expect(docker.map((f) => [f.file, f.range.start.line, f.range.start.column])).toEqual([
      ['bom/Dockerfile', 1, 1],
      ['crlf/Dockerfile', 1, 1],
    ]);
    expect(result.stats.filesScanned).toBe(4);
  });

  it('reads UTF-16 text with a byte-order mark (as PowerShell and Windows editors write it), little- and big-endian', async () => {
    const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf16be = (text: string) => Buffer.from(utf16le(text).swap16());
    const docker = 'FROM node:20\r\nRUN npm ci\r\n';
    const dir = tempTree({
      'le/Dockerfile': utf16le(docker),
      'be/Dockerfile': utf16be(docker),
      'requirements.txt': utf16le('flask==3.0.0\r\nrequests>=2\r\n'),
      'no-bom.bin': Buffer.from('FROM node:20\n', 'utf16le'),
    });
    const result = await scanDir(dir);
    assertWellFormed(result);
    const root = result.findings.filter((f) => f.ruleId === 'iac/dockerfile-root-user');
    expect(root.map((f) => [f.file, f.range.start.line, f.range.start.column])).toEqual([
      ['be/Dockerfile', 1, 1],
      ['le/Dockerfile', 1, 1],
    ]);
    // the unpinned requirement is found on its own line, decoded from UTF-16
    const unpinned = result.findings.filter((f) => f.ruleId === 'dependencies/unpinned-requirement');
    expect(unpinned.map((f) => [f.file, f.range.start.line])).toEqual([['requirements.txt', 2]]);
    // without a byte-order mark, NUL bytes still mean binary
    expect(result.stats.filesSkipped.map((s) => [s.file, s.reason])).toEqual([['no-bom.bin', 'binary file']]);
  });

  it('reports symlink loops and links escaping the target, and scans links that stay inside', async () => {
    const dir = tempTree({ 'real/Dockerfile': 'FROM node:20\n' });
    const outside = tempTree({ 'Dockerfile': 'FROM node:20\n' });
    symlinkSync(dir, path.join(dir, 'real', 'loop'));
    symlinkSync(outside, path.join(dir, 'escape'));
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling'));
    const result = await scanDir(dir);
    const skipped = Object.fromEntries(result.stats.filesSkipped.map((s) => [s.file, s.reason]));
    expect(skipped['real/loop']).toBe('symlink loop');
    expect(skipped['escape']).toBe('symlink points outside the scan target');
    expect(skipped['dangling']).toMatch(/broken symlink/);
    expect(result.findings.filter((f) => f.ruleId === 'iac/dockerfile-root-user').map((f) => f.file)).toEqual(['alias/Dockerfile', 'real/Dockerfile']);
  });

  it('survives deep nesting and YAML alias bombs', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`);
    const dir = tempTree({
      'bomb.yaml': `apiVersion: v1\nkind: ConfigMap\n${bomb.join('\n')}\n`,
      'deep.json': `{"apiVersion": "v1", "kind": "ConfigMap", "data": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      'deep.yaml': `${'- '.repeat(1)}${'['.repeat(2000)}${']'.repeat(2000)}\n`,
    });
    const result = await scanDir(dir);
    assertWellFormed(result);
    expect(result.stats.filesScanned).toBe(3);
    expect(result.findings.filter((f) => f.ruleId === 'saltire/parse-error').map((f) => f.file)).toEqual(expect.arrayContaining(['bomb.yaml', 'deep.json']));
  });

  it('turns a rule that throws into a rule-error finding and keeps the other rules running', async () => {
    const throwing: Pack = {
      name: 'broken',
      version: '1.0.0',
      saltire: '^1',
      description: 'test',
      rules: [
        {
          meta: { id: 'broken/throws', title: 'Throws', description: 'x', severity: 'low', kinds: ['dockerfile'], messages: { default: 'x' }, remediation: 'x', references: [], standards: { dsss: ['8'] }, equivalents: {} },
          check() {
            throw new TypeError('boom');
          },
        },
      ],
    };
    const dir = tempTree({ Dockerfile: 'FROM node:20\n' });
    const result = await scanDir(dir, [throwing]);
    const err = result.findings.find((f) => f.ruleId === 'saltire/rule-error');
    expect(err?.message).toContain('broken/throws');
    expect(err?.message).toContain('TypeError: boom');
    expect(result.findings.some((f) => f.ruleId === 'iac/dockerfile-root-user')).toBe(true);
  });

  it('lists an unreadable folder as skipped (when not running as root)', async () => {
    const dir = tempTree({ 'ok/Dockerfile': 'FROM node:20\n' });
    const locked = path.join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(path.join(locked, 'x.txt'), 'x');
    execFileSync('chmod', ['000', locked]);
    const result = await scanDir(dir);
    execFileSync('chmod', ['755', locked]);
    if (process.getuid?.() === 0) {
      // root reads it anyway; the unit test in tests/discovery covers the EACCES path
      expect(result.stats.filesScanned).toBe(2);
    } else {
      expect(result.stats.filesSkipped).toContainEqual({ file: 'locked', reason: 'unreadable folder (EACCES)' });
    }
  });
});
