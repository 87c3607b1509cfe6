import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Finding, ScanResult } from '../model/finding.js';
import { compareFindings } from '../model/order.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../packs/load.js';
import { parseFormatOption } from '../reporters/index.js';
import { rollUp } from '../standards/rollup.js';
import { ruleCatalogue } from './rule-catalogue.js';
import { exitCodeFor, parseFailOn, parseStandard, writeReports } from './scan-command.js';
import { RESULT_SCHEMA_VERSION } from '../engine/scan.js';
import { atLeast } from '../model/severity.js';

/** Read a saved JSON result, refusing anything that is not one. */
export function readResult(file: string): ScanResult {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `cannot read ${file} (${code})` : `${file} is not valid JSON`, { cause: e });
  }
  const r = data as Partial<ScanResult>;
  if (typeof r?.schemaVersion !== 'string' || !Array.isArray(r.findings) || !r.stats) throw new UsageError(`${file} is not a Saltire JSON result (saltire scan --format json)`);
  if (!r.schemaVersion.startsWith('1.')) throw new UsageError(`${file} has result schema ${r.schemaVersion}; this Saltire reads 1.x`);
  return { suppressed: [], notices: [], rulesRun: [], packs: [], ...r } as ScanResult;
}

async function builtinRules() {
  return ruleCatalogue(await loadPacks(BUILTIN_PACK_NAMES, process.cwd(), { lazy: true }));
}

interface ReportOptions {
  format?: string[];
  standard?: string;
  failOn?: string;
}

/** `saltire report <result.json>`: re-render a saved result in other formats, without rescanning. */
export async function reportCommand(file: string, opts: ReportOptions): Promise<number> {
  const formats = (opts.format?.length ? opts.format : ['text']).map(parseFormatOption);
  const result = readResult(file);
  const rules = await builtinRules();
  if (opts.standard || !result.criteria) {
    const standard = parseStandard(opts.standard ?? result.standard);
    result.standard = standard;
    result.criteria = rollUp(result, standard, rules);
  }
  await writeReports(result, formats, { rules, failOn: parseFailOn(opts.failOn, 'high') });
  return 0;
}


/** `saltire diff <old> <new>`: new, fixed and unchanged findings by fingerprint. */
export function diffCommand(oldFile: string, newFile: string, opts: { format?: string; failOn?: string }): number {
  const failOn = parseFailOn(opts.failOn, 'high');
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`diff --format must be text or json (got "${format}")`);
  const before = readResult(oldFile);
  const after = readResult(newFile);
  const old = new Set(before.findings.map((f) => f.fingerprint));
  const now = new Set(after.findings.map((f) => f.fingerprint));
  const added = after.findings.filter((f) => !old.has(f.fingerprint)).sort(compareFindings);
  const fixed = before.findings.filter((f) => !now.has(f.fingerprint)).sort(compareFindings);
  const unchanged = after.findings.filter((f) => old.has(f.fingerprint)).sort(compareFindings);
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify({ new: added, fixed, unchanged: unchanged.length }, null, 2)}\n`);
  } else {
    const line = (f: Finding) => `  ${f.file}:${f.range.start.line}:${f.range.start.column}  ${f.severity.padEnd(8)} ${f.message}  ${f.ruleId}`;
    const out = [`${added.length} new, ${fixed.length} fixed, ${unchanged.length} unchanged`];
    if (added.length) out.push('', 'New:', ...added.map(line));
    if (fixed.length) out.push('', 'Fixed:', ...fixed.map(line));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  return failOn !== 'none' && added.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

/** Combine results (shards of one scan, or the repositories of an organisation) into one. */
export function mergeResults(results: ScanResult[]): ScanResult {
  const targets = new Set(results.map((r) => r.target));
  const prefixed = targets.size > 1;
  const rename = <T extends { file: string }>(r: ScanResult, x: T): T => (prefixed ? { ...x, file: `${r.target.replace(/\/+$/, '')}/${x.file}` } : x);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const g = rename(r, f);
      const key = `${g.file}\u0000${g.fingerprint}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(g);
    }
  }
  const rulesRun = new Map<string, number>();
  for (const r of results) for (const x of r.rulesRun) rulesRun.set(x.id, (rulesRun.get(x.id) ?? 0) + x.files);
  const byKind: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.stats.filesByKind)) byKind[k] = (byKind[k] ?? 0) + n;
  const packs = new Map<string, string>();
  for (const r of results) for (const p of r.packs) packs.set(p.name, p.version);
  const first = results[0];
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: first.tool,
    packs: [...packs.entries()].map(([name, version]) => ({ name, version })),
    target: [...targets].join(' '),
    startedAt: results.map((r) => r.startedAt).sort()[0],
    config: first.config,
    findings: findings.sort(compareFindings),
    suppressed: results.flatMap((r) => r.suppressed.map((f) => rename(r, f))).sort(compareFindings),
    notices: results.flatMap((r) => r.notices.map((n) => (n.file && prefixed ? { ...n, file: `${r.target}/${n.file}` } : n))),
    stats: {
      filesScanned: results.reduce((n, r) => n + r.stats.filesScanned, 0),
      filesByKind: Object.fromEntries(Object.entries(byKind).sort()),
      filesSkipped: results.flatMap((r) => r.stats.filesSkipped.map((s) => rename(r, s))).sort((a, b) => (a.file < b.file ? -1 : 1)),
      durationMs: results.reduce((n, r) => n + r.stats.durationMs, 0),
      baselined: results.reduce((n, r) => n + (r.stats.baselined ?? 0), 0),
    },
    rulesRun: [...rulesRun.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([id, files]) => ({ id, files })),
    standard: first.standard,
    parts: results.map((r) => ({ target: r.target, source: r.source, findings: r.findings.length, filesScanned: r.stats.filesScanned, startedAt: r.startedAt })),
  };
}

export async function mergeCommand(files: string[], opts: ReportOptions): Promise<number> {
  if (files.length === 0) throw new UsageError('merge needs at least one result file');
  const formats = (opts.format?.length ? opts.format : ['json']).map(parseFormatOption);
  const merged = mergeResults(files.map(readResult));
  const rules = await builtinRules();
  const standard = parseStandard(opts.standard ?? merged.standard);
  merged.standard = standard;
  merged.criteria = rollUp(merged, standard, rules);
  const failOn = parseFailOn(opts.failOn, 'high');
  await writeReports(merged, formats, { rules, failOn });
  return exitCodeFor(merged, failOn);
}
