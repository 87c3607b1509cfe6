import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { cli, EXAMPLE, tempTree } from '../support/cli.js';
import { fromRoot } from '../../src/paths.js';
import type { ScanResult } from '../../src/model/finding.js';
import { CSV_COLUMNS } from '../../src/reporters/csv.js';
import { MARKDOWN_LIMIT, markdownReporter } from '../../src/reporters/markdown.js';
import { textReporter } from '../../src/reporters/text.js';
import { ruleCatalogue } from '../../src/cli/rule-catalogue.js';

function scanExample(format: string): string {
  const r = cli(['scan', EXAMPLE, '--format', format, '--fail-on', 'none']);
  expect(r.code).toBe(0);
  return r.stdout;
}

const require = createRequire(import.meta.url);
const json = JSON.parse(scanExample('json')) as ScanResult;

describe('report formats', () => {
  it('JSON carries one criteria entry per criterion of the chosen standard', () => {
    expect(json.standard).toBe('dsss-2021');
    expect(json.criteria).toHaveLength(14);
    const byId = Object.fromEntries(json.criteria!.map((c) => [c.id, c]));
    expect(byId['1'].status).toBe('manual');
    expect(byId['1'].questions?.length).toBeGreaterThan(0);
    expect(byId['8'].status).toBe('fail');
    expect(byId['8'].rules.length).toBeGreaterThan(0);
    expect(byId['8'].evidence[0]).toMatchObject({ ruleId: expect.any(String), line: expect.any(Number) });
    // nothing is shown as met while part of it needs an assessor
    for (const c of json.criteria!) if (c.status === 'pass') expect(c.questions).toBeUndefined();
    const gov = JSON.parse(cli(['scan', EXAMPLE, '--format', 'json', '--standard', 'govuk', '--fail-on', 'none']).stdout) as ScanResult;
    expect(gov.criteria!.find((c) => c.id === '9')?.status).toBe('fail');
  });

  it('the text summary counts rendered pages when there were some (a URL-only --render scans no file)', () => {
    const ctx = { rules: ruleCatalogue([]), color: false, failOn: 'none' as const };
    const rendered = textReporter.render({ ...json, findings: [], stats: { ...json.stats, filesScanned: 0, pagesRendered: 4 } }, ctx);
    expect(rendered).toMatch(/0 files scanned · 4 pages rendered · \d+ skipped/);
    expect(textReporter.render({ ...json, findings: [] }, ctx)).not.toMatch(/rendered/);
    expect(markdownReporter.render({ ...json, stats: { ...json.stats, filesScanned: 0, pagesRendered: 4 } }, ctx)).toMatch(/in 0 files scanned.*, 4 pages rendered/);
  });

  it('CSV is RFC 4180 with stable columns, one row per finding', () => {
    const text = scanExample('csv');
    expect(text).toMatch(/\r\n$/);
    const rows = parseCsv(text, { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.length - 1).toBe(json.findings.length + json.suppressed.length);
    expect(rows.slice(1).every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('JUnit is well-formed XML: a testsuite per criterion, failures with locations, manual criteria skipped', () => {
    const text = scanExample('junit');
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(text) as { testsuites: { testsuite: { '@_name': string; '@_skipped': string; testcase: unknown }[] } };
    const suites = doc.testsuites.testsuite;
    expect(suites).toHaveLength(14);
    expect(suites.find((s) => s['@_name'].startsWith('dsss-2021 1.'))?.['@_skipped']).toBe('1');
    expect(text).toMatch(/<failure message="\d+ findings?" type="\w+">[^<]*Dockerfile:1:1/);
  });

  it('Markdown stays within GitHub\'s limit, worst findings first, with a truncation count', () => {
    const big: ScanResult = { ...json, findings: Array.from({ length: 3000 }, (_, i) => ({ ...json.findings[i % json.findings.length], message: `Finding number ${i} ${'x'.repeat(40)}` })) };
    const md = markdownReporter.render(big, { rules: ruleCatalogue([]), color: false, failOn: 'high' });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_LIMIT + 200);
    expect(md).toMatch(/and \d+ more findings not shown/);
    const small = scanExample('markdown');
    expect(small).toContain('| Criterion | Status | Findings | Checks |');
    const sevs = [...small.matchAll(/^\| (critical|high|medium|low|info) \|/gm)].map((m) => m[1]);
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    expect(sevs).toEqual([...sevs].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  });

  const oscalSchema = path.resolve(fromRoot(), '../shared/reference/schemas/oscal_assessment-results_schema-v1.1.2.json');
  it.skipIf(!existsSync(oscalSchema))('OSCAL validates against NIST\'s assessment-results 1.1.2 schema (needs ../shared)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(oscalSchema, 'utf8')) as object);
    const doc = JSON.parse(scanExample('oscal')) as { 'assessment-results': { results: { findings: unknown[]; observations: unknown[] }[] } };
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc['assessment-results'].results[0].findings.length).toBeGreaterThan(0);
    expect(doc['assessment-results'].results[0].observations.length).toBe(json.findings.length);
  });
  it.skipIf(existsSync(oscalSchema))('OSCAL schema validation skipped: ../shared/reference/schemas is absent', () => {});
});

describe('report, diff and merge', () => {
  it('report re-renders a saved result without rescanning, in another standard', () => {
    const dir = tempTree({});
    const saved = path.join(dir, 'result.json');
    cli(['scan', EXAMPLE, '--format', `json=${saved}`, '--fail-on', 'none']);
    const r = cli(['report', saved, '--format', 'markdown', '--standard', 'sbd']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Secure by Design');
    expect(cli(['report', path.join(dir, 'missing.json')]).code).toBe(2);
    const notResult = path.join(dir, 'x.json');
    require('node:fs').writeFileSync(notResult, '{"a":1}');
    expect(cli(['report', notResult]).stderr).toContain('is not a Saltire JSON result');
  });

  it('diff shows new and fixed findings and gates on new ones', () => {
    const dir = tempTree({ 'a/Dockerfile': 'FROM node:20\n', 'b/Dockerfile': 'FROM node:20\nUSER node\n' });
    const before = path.join(dir, 'before.json');
    const after = path.join(dir, 'after.json');
    cli(['scan', dir, '--packs', 'iac', '--format', `json=${before}`]);
    require('node:fs').writeFileSync(path.join(dir, 'a', 'Dockerfile'), 'FROM node:20\nUSER node\n');
    require('node:fs').writeFileSync(path.join(dir, 'c.Dockerfile'), 'FROM node:20\n');
    cli(['scan', dir, '--packs', 'iac', '--format', `json=${after}`]);
    const d = cli(['diff', before, after, '--format', 'json']);
    const out = JSON.parse(d.stdout) as { new: { file: string; ruleId: string }[]; fixed: { file: string; ruleId: string }[] };
    expect(out.new.filter((f) => f.ruleId === 'iac/dockerfile-root-user').map((f) => f.file)).toEqual(['c.Dockerfile']);
    expect(out.fixed.filter((f) => f.ruleId === 'iac/dockerfile-root-user').map((f) => f.file)).toEqual(['a/Dockerfile']);
    expect(d.code).toBe(1);
    expect(cli(['diff', after, after]).code).toBe(0);
  });

  it('merge combines results with a per-repository table', () => {
    const one = tempTree({ Dockerfile: 'FROM node:20\n' });
    const two = tempTree({ Dockerfile: 'FROM node:20\n' });
    const out = tempTree({});
    const a = path.join(out, 'a.json');
    const b = path.join(out, 'b.json');
    cli(['scan', '.', '--packs', 'iac', '--format', `json=${a}`], { cwd: one });
    cli(['scan', one, '--packs', 'iac', '--format', `json=${a}`]);
    cli(['scan', two, '--packs', 'iac', '--format', `json=${b}`]);
    const m = cli(['merge', a, b, '--format', 'json', '--fail-on', 'none']);
    expect(m.code).toBe(0);
    const merged = JSON.parse(m.stdout) as ScanResult;
    expect(merged.parts).toHaveLength(2);
    expect(merged.findings.filter((f) => f.ruleId === 'iac/dockerfile-root-user').map((f) => f.file)).toEqual([`${one}/Dockerfile`, `${two}/Dockerfile`].sort());
    const html = cli(['merge', a, b, '--format', 'html', '--fail-on', 'none']).stdout;
    expect(html).toContain('<h2>Repositories</h2>');
  });
});

describe('github annotations and shards', () => {
  it('prints one escaped workflow command per finding', () => {
    const dir = tempTree({ Dockerfile: 'FROM node:20\nRUN npm ci\n' });
    const r = cli(['scan', dir, '--packs', 'iac', '--format', 'github', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.find((l) => l.includes('iac/dockerfile-root-user'))).toMatch(/^::error file=Dockerfile,line=1,col=1,endLine=1,endColumn=\d+,title=iac\/dockerfile-root-user \(high\)::The final stage/);
  });

  it('--shard splits the files deterministically and the shards merge back to the whole', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`svc-${i}/Dockerfile`] = 'FROM node:20\n';
    const dir = tempTree(files);
    const out = tempTree({});
    const whole = JSON.parse(cli(['scan', dir, '--packs', 'iac', '--format', 'json', '--fail-on', 'none']).stdout) as ScanResult;
    const parts = [1, 2, 3].map((i) => {
      const f = path.join(out, `shard-${i}.json`);
      expect(cli(['scan', dir, '--packs', 'iac', '--shard', `${i}/3`, '--format', `json=${f}`, '--fail-on', 'none']).code).toBe(0);
      return f;
    });
    const shardFiles = parts.map((f) => (JSON.parse(readFileSync(f, 'utf8')) as ScanResult).findings.map((x) => x.file));
    expect(shardFiles.every((s) => s.length < whole.findings.length)).toBe(true);
    const merged = JSON.parse(cli(['merge', ...parts, '--format', 'json', '--fail-on', 'none']).stdout) as ScanResult;
    expect(merged.findings.map((f) => `${f.file} ${f.ruleId}`).sort()).toEqual(whole.findings.map((f) => `${f.file} ${f.ruleId}`).sort());
    expect(cli(['scan', dir, '--shard', '4/3']).code).toBe(2);
  });
});
