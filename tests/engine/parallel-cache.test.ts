import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { cli, EXAMPLE, tempTree } from '../support/cli.js';
import type { ScanResult } from '../../src/model/finding.js';

function scanJson(target: string, extra: string[], opts: { cwd?: string } = {}): { result: ScanResult; code: number; stderr: string } {
  const out = path.join(tempTree({}), 'r.json');
  const r = cli(['scan', target, '--format', `json=${out}`, '--fail-on', 'none', '--quiet', ...extra], opts);
  expect(r.stderr).toBe('');
  return { result: JSON.parse(readFileSync(out, 'utf8')) as ScanResult, code: r.code, stderr: r.stderr };
}

/** What a scan found, without timings and run-specific fields. */
function essence(r: ScanResult) {
  return { findings: r.findings, suppressed: r.suppressed, notices: r.notices, skipped: r.stats.filesSkipped, scanned: r.stats.filesScanned, byKind: r.stats.filesByKind, rulesRun: r.rulesRun, criteria: r.criteria };
}

const TF_MAIN = 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "b"\n  block_public_acls = var.block\n}\n';
const TF_VARS = 'variable "block" {\n  default = false\n}\n';

/** A small estate whose findings depend on other files (variables) and on the file list (repository rules). */
function estate(): string {
  const files: Record<string, string> = {
    'infra/main.tf': TF_MAIN,
    'infra/variables.tf': TF_VARS,
    'Dockerfile': 'FROM node:latest\nCMD ["node", "x.js"]\n',
    'config/.env.example': 'API_URL=https://example.org\n',
    'web/index.html': '<!doctype html><html><head><title>x</title></head><body><img src="a.png"></body></html>\n',
  };
  for (let i = 0; i < 30; i++) files[`k8s/app-${i}.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n`;
  return tempTree(files);
}

describe('parallel workers', () => {
  it('give exactly the result of a single-threaded scan (bundled example and a generated estate)', () => {
    for (const target of [EXAMPLE, estate()]) {
      const one = scanJson(target, ['--jobs', '0', '--no-cache']);
      const two = scanJson(target, ['--jobs', '2', '--no-cache']);
      expect(one.result.findings.length).toBeGreaterThan(0);
      expect(essence(two.result)).toEqual(essence(one.result));
    }
  });

  it('rejects a --jobs that is not a small whole number with exit 2 and one line', () => {
    const r = cli(['scan', EXAMPLE, '--jobs', 'many']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--jobs must be a whole number/);
  });
});

/** An npm code pack whose rule never returns on files named loop.txt (sync) or hang.txt (async). */
function runawayPack(dir: string): void {
  const pkg = path.join(dir, 'node_modules', 'runaway-pack');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'runaway-pack', version: '1.0.0', type: 'module', main: 'index.js' }));
  writeFileSync(
    path.join(pkg, 'index.js'),
    `const meta = (id, title) => ({ id, title, description: title, severity: 'low', kinds: ['text'], messages: { default: 'seen' }, remediation: 'none', standards: { sbd: ['9'] }, references: [], equivalents: {}, since: '0.1.0' });
export default {
  name: 'runaway', version: '1.0.0', saltire: '^1', description: 'test pack',
  rules: [
    { meta: meta('runaway/spin', 'Spins on loop.txt'), check(ctx) { if (ctx.file.path.endsWith('loop.txt')) for (;;) {} } },
    { meta: meta('runaway/wait', 'Never settles on hang.txt'), check(ctx) { return ctx.file.path.endsWith('hang.txt') ? new Promise(() => {}) : undefined; } },
    { meta: meta('runaway/marker', 'Reports every file'), check(ctx) { ctx.report({ messageId: 'default' }); } },
  ],
};
`,
  );
}

describe('per-rule time budget', () => {
  it('stops a rule stuck in a synchronous loop in a worker: saltire/rule-timeout on that file, every other result kept', () => {
    const dir = tempTree({ 'a.txt': 'a\n', 'loop.txt': 'AKIAIOSFODNN7EXAMPL3 token\n', 'z.txt': 'z\n' });
    runawayPack(dir);
    const { result } = scanJson('.', ['--packs', 'runaway-pack', '--jobs', '1', '--rule-timeout', '1', '--no-cache'], { cwd: dir });
    const timeouts = result.findings.filter((f) => f.ruleId === 'saltire/rule-timeout');
    expect(timeouts.map((f) => [f.file, f.properties?.rule])).toEqual([['loop.txt', 'runaway/spin']]);
    expect(timeouts[0].message).toMatch(/did not finish on this file within 1 s/);
    // the marker rule still ran on every file, including the one the runaway rule was stopped on
    expect(result.findings.filter((f) => f.ruleId === 'runaway/marker').map((f) => f.file)).toEqual(['a.txt', 'loop.txt', 'z.txt']);
  }, 60_000);

  it('abandons an asynchronous rule that never settles, also in a single-threaded scan', () => {
    const dir = tempTree({ 'a.txt': 'a\n', 'hang.txt': 'h\n' });
    runawayPack(dir);
    for (const jobs of ['0', '1']) {
      const { result } = scanJson('.', ['--packs', 'runaway-pack', '--jobs', jobs, '--rule-timeout', '0.5', '--no-cache'], { cwd: dir });
      expect(result.findings.filter((f) => f.ruleId === 'saltire/rule-timeout').map((f) => [f.file, f.properties?.rule])).toEqual([['hang.txt', 'runaway/wait']]);
      expect(result.findings.filter((f) => f.ruleId === 'runaway/marker')).toHaveLength(2);
    }
  }, 60_000);
});

describe('result cache', () => {
  it('serves an unchanged re-scan from the cache with the same result, and --no-cache leaves no trace', () => {
    const target = estate();
    const cacheDir = tempTree({});
    const cold = scanJson(target, ['--cache-dir', cacheDir]);
    expect(cold.result.stats.cached).toBe(0);
    const cacheFiles = readdirSync(cacheDir).filter((f) => f.startsWith('scan-') && f.endsWith('.json'));
    expect(cacheFiles).toHaveLength(1);
    // findings are kept as tuples, without key names or what their rule and file give back (file, pack, standards, help)
    const stored = readFileSync(path.join(cacheDir, cacheFiles[0]), 'utf8');
    expect(cold.result.findings.length).toBeGreaterThan(0);
    expect(stored).toContain(JSON.stringify(cold.result.findings[0].fingerprint));
    expect(stored).not.toContain('"standards"');
    expect(stored).not.toContain('"fingerprint"');
    const warm = scanJson(target, ['--cache-dir', cacheDir]);
    expect(warm.result.stats.cached).toBeGreaterThanOrEqual(warm.result.stats.filesScanned - 2);
    expect(essence(warm.result)).toEqual(essence(cold.result));
    // byte for byte, keys in the same order
    expect(JSON.stringify([warm.result.findings, warm.result.suppressed])).toBe(JSON.stringify([cold.result.findings, cold.result.suppressed]));
    const other = tempTree({});
    const off = scanJson(target, ['--cache-dir', other, '--no-cache']);
    expect(off.result.stats.cached).toBeUndefined();
    expect(readdirSync(other)).toEqual([]);
  });

  it('re-checks a file when a file it read changes (a Terraform variable), not only when it changes itself', () => {
    const target = estate();
    const cacheDir = tempTree({});
    const before = scanJson(target, ['--cache-dir', cacheDir]).result;
    const at = (r: ScanResult) => r.findings.filter((f) => f.file === 'infra/main.tf' && f.ruleId.startsWith('iac/')).map((f) => f.ruleId);
    expect(at(before).length).toBeGreaterThan(0);
    // only variables.tf changes: main.tf's finding (from var.block) must go
    writeFileSync(path.join(target, 'infra/variables.tf'), TF_VARS.replace('false', 'true'));
    const after = scanJson(target, ['--cache-dir', cacheDir]).result;
    const fresh = scanJson(target, ['--no-cache']).result;
    expect(essence(after)).toEqual(essence(fresh));
    expect(at(after).length).toBeLessThan(at(before).length);
    // the files that did not read variables.tf still came from the cache
    expect(after.stats.cached).toBeGreaterThan(20);
  });

  it('re-checks rules that read the file list when a file is added (repository posture)', () => {
    const target = estate();
    const cacheDir = tempTree({});
    const before = scanJson(target, ['--cache-dir', cacheDir]).result;
    expect(before.findings.some((f) => f.ruleId === 'repository/licence-missing')).toBe(true);
    writeFileSync(path.join(target, 'LICENSE'), 'MIT License\n\nCopyright (c) 2026 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n');
    const after = scanJson(target, ['--cache-dir', cacheDir]).result;
    const fresh = scanJson(target, ['--no-cache']).result;
    expect(essence(after)).toEqual(essence(fresh));
    expect(after.findings.some((f) => f.ruleId === 'repository/licence-missing')).toBe(false);
  });

  it('is keyed by config: a changed config never serves the old results', () => {
    const target = estate();
    const cacheDir = tempTree({});
    scanJson(target, ['--cache-dir', cacheDir]);
    writeFileSync(path.join(target, 'saltire.config.yaml'), 'version: 1\nrules:\n  iac/dockerfile-root-user: off\n');
    const after = scanJson(target, ['--cache-dir', cacheDir]).result;
    expect(after.findings.some((f) => f.ruleId === 'iac/dockerfile-root-user')).toBe(false);
    expect(existsSync(cacheDir)).toBe(true);
  });

  it('keeps one file per target and way of scanning (replaced when the config, tool or date changes) and removes those unused for a month', () => {
    const target = estate();
    const cacheDir = tempTree({});
    const old = path.join(cacheDir, `scan-${'a'.repeat(32)}.json`);
    const recent = path.join(cacheDir, `scan-${'b'.repeat(32)}.json`);
    for (const [file, days] of [[old, 40], [recent, 10]] as const) {
      writeFileSync(file, '{}');
      const when = new Date(Date.now() - days * 24 * 3600 * 1000);
      utimesSync(file, when, when);
    }
    writeFileSync(path.join(target, 'saltire.config.yaml'), 'version: 1\n');
    scanJson(target, ['--cache-dir', cacheDir]);
    writeFileSync(path.join(target, 'saltire.config.yaml'), 'version: 1\nrules:\n  iac/dockerfile-root-user: off\n');
    scanJson(target, ['--cache-dir', cacheDir]);
    const files = readdirSync(cacheDir).filter((f) => /^scan-.*\.json$/.test(f));
    expect(files).toHaveLength(2);
    expect(files).toContain(path.basename(recent));
    expect(existsSync(old)).toBe(false);
  });
});
