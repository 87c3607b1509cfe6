import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { cli, EXAMPLE, tempTree } from '../support/cli.js';
import { fromRoot } from '../../src/paths.js';
import type { ScanResult } from '../../src/model/finding.js';

function validator(schemaFile: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
}

const DOCKERFILE = 'FROM node:20\nRUN npm ci\nCMD ["node", "server.js"]\n';

describe('saltire scan (end to end)', () => {
  it('scans the bundled example with real findings at exact locations, exit 1', () => {
    const r = cli(['scan', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Dockerfile');
    expect(r.stdout).toMatch(/1:1\s+high\s+The final stage \(FROM node:latest\) never sets USER/);
    expect(r.stdout).toMatch(/\d+ findings? \(/);
    expect(r.stderr).toBe('');
  });

  it('writes a JSON result that validates against the shipped schema, sorted and 1-based', () => {
    const dir = tempTree({});
    const out = path.join(dir, 'result.json');
    const r = cli(['scan', EXAMPLE, '--format', `json=${out}`, '--format', 'text']);
    expect(r.code).toBe(1);
    const result = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
    const validate = validator(fromRoot('schemas', 'result.schema.json'));
    expect(validate(result), JSON.stringify(validate.errors)).toBe(true);
    expect(result.findings.length).toBeGreaterThan(0);
    const keys = result.findings.map((f) => [f.file, f.range.start.line, f.range.start.column, f.ruleId] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0)));
    expect(keys).toEqual(sorted);
    for (const f of result.findings) {
      expect(f.file).not.toMatch(/^\/|\\/);
      expect(f.range.start.line).toBeGreaterThanOrEqual(1);
      expect(f.range.start.column).toBeGreaterThanOrEqual(1);
      expect(Object.keys(f.standards).length).toBeGreaterThan(0);
    }
    expect(result.stats.filesScanned).toBeGreaterThanOrEqual(8);
    expect(result.stats.filesByKind.dockerfile).toBe(1);
    expect(result.stats.filesByKind.terraform).toBe(3);
    expect(result.stats.filesByKind.kubernetes).toBe(1);
    expect(result.stats.filesByKind['github-workflow']).toBe(1);
    expect(result.stats.filesByKind.openapi).toBe(1);
    expect(result.stats.filesByKind.html).toBe(1);
    expect(result.stats.filesByKind.lockfile).toBe(1);
  });

  it('gives the same output twice (deterministic)', () => {
    const a = cli(['scan', EXAMPLE, '--format', 'json']);
    const b = cli(['scan', EXAMPLE, '--format', 'json']);
    const strip = (s: string) => {
      const j = JSON.parse(s) as ScanResult;
      return JSON.stringify({ ...j, startedAt: '', stats: { ...j.stats, durationMs: 0 } });
    };
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  const sarifSchema = path.resolve(fromRoot(), '../shared/reference/schemas/sarif-schema-2.1.0.json');
  it.skipIf(!existsSync(sarifSchema))('emits SARIF 2.1.0 that validates against the OASIS schema (needs ../shared)', async () => {
    const mod = await import('ajv-draft-04');
    const Ajv4 = (mod.default as unknown as { default: typeof Ajv }).default;
    const ajv = new Ajv4({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(sarifSchema, 'utf8')) as object);
    const r = cli(['scan', EXAMPLE, '--format', 'sarif']);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { region: { startLine: number }; artifactLocation: { uri: string } } }[]; partialFingerprints: object }[]; tool: { driver: { rules: { helpUri?: string; properties: { tags: string[] } }[] } }; taxonomies: unknown[] }[] };
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = sarif.runs[0];
    expect(run.results.length).toBeGreaterThan(0);
    for (const res of run.results) {
      const loc = res.locations[0].physicalLocation;
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.artifactLocation.uri).not.toMatch(/^\/|^file:/);
      expect(res.partialFingerprints).toBeDefined();
    }
    expect(run.taxonomies.length).toBeGreaterThan(0);
    expect(run.tool.driver.rules.some((rule) => rule.properties.tags.includes('DSSS-8'))).toBe(true);
  });
  it.skipIf(existsSync(sarifSchema))('SARIF schema validation skipped: ../shared/reference/schemas/sarif-schema-2.1.0.json is absent', () => {});

  it('exits 0 below the threshold and with --fail-on none', () => {
    const dir = tempTree({ Dockerfile: DOCKERFILE });
    expect(cli(['scan', dir, '--fail-on', 'none']).code).toBe(0);
    expect(cli(['scan', dir, '--fail-on', 'critical']).code).toBe(0);
    expect(cli(['scan', dir, '--fail-on', 'high']).code).toBe(1);
    const clean = tempTree({ 'notes.txt': 'nothing to see\n' });
    const r = cli(['scan', clean, '--packs', 'iac,secrets']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No findings');
  });

  it.each([
    [['scan', '--format', 'nope'], /unknown format "nope"/],
    [['scan', '--format', 'pdf'], /unknown format "pdf"/],
    [['scan', '--fail-on', 'severe'], /--fail-on must be one of/],
    [['scan', '--packs', 'no-such-pack'], /pack "no-such-pack" is neither a built-in pack/],
    [['scan', '--config', 'missing.yaml'], /config file not found/],
    [['scan', '--max-file-size', 'lots'], /--max-file-size must be/],
    [['scan', '--format', 'json', '--format', 'sarif'], /only one format can go to stdout/],
    [['explain', 'iac/no-such-rule'], /unknown rule/],
    [['scan', '--no-such-option'], /unknown option/],
  ])('usage error %j exits 2 with one line', (args, message) => {
    const r = cli(args as string[], { cwd: tempTree({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('rejects an invalid config with the path to the problem', () => {
    const dir = tempTree({ 'saltire.config.yaml': 'rules:\n  iac/dockerfile-root-user: loud\n', Dockerfile: DOCKERFILE });
    const r = cli(['scan', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.iac\/dockerfile-root-user must be one of|rules/);
    const dir2 = tempTree({ 'saltire.config.yaml': 'failOn: high\nsurprise: true\n' });
    const r2 = cli(['scan', dir2]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('unknown key "surprise"');
  });

  it('applies config: rule off, severity change, and overrides by path', () => {
    const dir = tempTree({
      'saltire.config.yaml': 'rules:\n  iac/dockerfile-root-user: low\noverrides:\n  - files: ["legacy/**"]\n    rules:\n      iac/*: off\n',
      Dockerfile: DOCKERFILE,
      'legacy/Dockerfile': DOCKERFILE,
    });
    const r = cli(['scan', dir, '--format', 'json', '--packs', 'iac']);
    const result = JSON.parse(r.stdout) as ScanResult;
    const mine = result.findings.filter((f) => f.ruleId === 'iac/dockerfile-root-user');
    expect(mine.map((f) => [f.file, f.severity])).toEqual([['Dockerfile', 'low']]);
    expect(r.code).toBe(0);
  });

  it('honours inline suppressions with a reason and reports ones without', () => {
    const dir = tempTree({
      Dockerfile: '# saltire-ignore iac/dockerfile-root-user -- the entrypoint drops privileges itself\nFROM node:20\n',
      'b/Dockerfile': '# saltire-ignore iac/dockerfile-root-user\nFROM node:20\n',
      'c/Dockerfile': '# saltire-ignore iac/dockerfile-root-user -- accepted risk until 2020-01-01\nFROM node:20\n',
    });
    const result = JSON.parse(cli(['scan', dir, '--format', 'json', '--packs', 'iac']).stdout) as ScanResult;
    expect(result.suppressed.map((f) => [f.file, f.suppression.reason])).toEqual([['Dockerfile', 'the entrypoint drops privileges itself']]);
    const ids = result.findings.map((f) => `${f.file} ${f.ruleId}`);
    expect(ids).toContain('b/Dockerfile saltire/suppression-invalid');
    expect(ids).toContain('b/Dockerfile iac/dockerfile-root-user');
    expect(ids).toContain('c/Dockerfile saltire/suppression-expired');
    expect(ids).toContain('c/Dockerfile iac/dockerfile-root-user');
  });

  it('baseline: records fingerprints, then only new findings fail', () => {
    const dir = tempTree({ Dockerfile: DOCKERFILE });
    const baseline = path.join(dir, 'baseline.json');
    const b = cli(['baseline', dir, '--output', baseline, '--packs', 'iac']);
    expect(b.code).toBe(0);
    const file = readFileSync(baseline, 'utf8');
    expect(file).not.toMatch(/"line"|startedAt|\d{4}-\d{2}-\d{2}T/);
    expect(cli(['scan', dir, '--baseline', baseline, '--packs', 'iac']).code).toBe(0);
    // an unrelated line added above keeps the fingerprint
    writeFileSync(path.join(dir, 'Dockerfile'), `# syntax=docker/dockerfile:1\n${DOCKERFILE}`);
    const again = JSON.parse(cli(['scan', dir, '--baseline', baseline, '--packs', 'iac', '--format', 'json']).stdout) as ScanResult;
    expect(again.findings).toEqual([]);
    expect(again.stats.baselined).toBeGreaterThanOrEqual(1);
    expect(again.suppressed.some((f) => f.ruleId === 'iac/dockerfile-root-user' && f.suppression.kind === 'baseline')).toBe(true);
    // a new problem is not in the baseline
    writeFileSync(path.join(dir, 'new.Dockerfile'), DOCKERFILE);
    expect(cli(['scan', dir, '--baseline', baseline, '--packs', 'iac']).code).toBe(1);
  });

  it('--changed-since checks only files changed since a git ref', () => {
    const dir = tempTree({ 'a/Dockerfile': DOCKERFILE, 'b/Dockerfile': DOCKERFILE });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '--allow-empty', '-m', 'base');
    git('add', 'a');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-q', '-m', 'a');
    const result = JSON.parse(cli(['scan', dir, '--changed-since', 'HEAD', '--format', 'json', '--packs', 'iac']).stdout) as ScanResult;
    expect(result.findings.filter((f) => f.ruleId === 'iac/dockerfile-root-user').map((f) => f.file)).toEqual(['b/Dockerfile']);
    expect(result.findings.every((f) => f.file === 'b/Dockerfile')).toBe(true);
    expect(cli(['scan', dir, '--changed-since', 'no-such-ref']).code).toBe(2);
  });

  it('honours .gitignore unless --no-gitignore', () => {
    const dir = tempTree({ '.gitignore': 'build/\n', 'build/Dockerfile': DOCKERFILE });
    const ids = (args: string[]) => [...new Set((JSON.parse(cli(['scan', dir, '--format', 'json', '--packs', 'iac', ...args]).stdout) as ScanResult).findings.map((f) => f.file))];
    expect(ids([])).toEqual([]);
    expect(ids(['--no-gitignore'])).toEqual(['build/Dockerfile']);
  });

  it('lists rules as JSON and explains one', () => {
    const r = cli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const { rules } = JSON.parse(r.stdout) as { rules: { id: string; pack: string; severity: string; title: string; kinds: string[]; standards: object; equivalents: object; help: string }[] };
    const rule = rules.find((x) => x.id === 'iac/dockerfile-root-user');
    expect(rule).toMatchObject({ pack: 'iac', severity: 'high', kinds: ['dockerfile'] });
    expect(Object.keys(rule!)).toEqual(['id', 'pack', 'severity', 'title', 'kinds', 'standards', 'equivalents', 'help']);
    const e = cli(['explain', 'iac/dockerfile-root-user']);
    expect(e.code).toBe(0);
    expect(e.stdout).toContain('Container image runs as root');
    expect(e.stdout).toContain('## How to fix');
    expect(e.stdout).toContain('Digital Scotland Service Standard');
  });

  it('init writes a commented config that validates, and refuses to overwrite', () => {
    const dir = tempTree({});
    expect(cli(['init'], { cwd: dir }).code).toBe(0);
    const text = readFileSync(path.join(dir, 'saltire.config.yaml'), 'utf8');
    expect(text).toMatch(/^# Saltire configuration/);
    expect(cli(['scan', '.'], { cwd: dir }).code).toBe(0);
    const again = cli(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('loads a local declarative pack, and refuses one for another API version', () => {
    const dir = tempTree({
      'pack/pack.yaml': 'name: council\nversion: 1.0.0\nsaltire: "^1"\ndescription: Local rules\n',
      'pack/no-latest.rule.yaml': [
        'id: council/no-latest-image',
        'title: Image uses the latest tag',
        'description: Mutable tags make deployments unrepeatable and hide what actually runs in production.',
        'severity: medium',
        'kinds: [kubernetes]',
        'messages: { default: "Image {{value}} uses a mutable tag; pin a version or digest." }',
        'remediation: Pin the image to a version tag or a digest.',
        'standards: { dsss: ["8"] }',
        'given: "$..containers[*]"',
        'then: [{ field: image, notMatches: ":latest$" }]',
      ].join('\n'),
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: a\n      image: nginx:latest\n    - name: b\n      image: nginx:1.27\n',
      'old/pack.yaml': 'name: old\nversion: 1.0.0\nsaltire: "^2"\n',
    });
    const r = cli(['scan', 'k8s', '--packs', './pack', '--format', 'json'], { cwd: dir });
    const result = JSON.parse(r.stdout) as ScanResult;
    expect(result.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.column, f.message])).toEqual([
      ['council/no-latest-image', 7, 14, 'Image "nginx:latest" uses a mutable tag; pin a version or digest.'],
    ]);
    const old = cli(['scan', 'k8s', '--packs', './old'], { cwd: dir });
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('needs Saltire pack API ^2');
  });

  it('colours only when asked: NO_COLOR and pipes give plain text', () => {
    const dir = tempTree({ Dockerfile: DOCKERFILE });
    expect(cli(['scan', dir]).stdout).not.toMatch(/\x1b\[/);
    expect(cli(['scan', dir, '--color']).stdout).toMatch(/\x1b\[/);
  });

  it('prints help and version', () => {
    expect(cli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = cli(['scan', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--fail-on');
  });
});

describe('--render', () => {
  it('without Chromium says so in one line and exits 2 (never a silent pass)', () => {
    const dir = tempTree({ 'index.html': '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body></body></html>\n' });
    const r = cli(['scan', dir, '--render'], { env: { CHROMIUM_PATH: path.join(dir, 'no-such-chromium') } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^saltire: error: --render needs Chromium/);
  });
});
