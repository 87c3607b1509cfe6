import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding, ScanResult, SuppressedFinding } from '../model/finding.js';
import { UsageError } from '../errors.js';
import { compareFindings } from '../model/order.js';

export interface BaselineFile {
  version: 1;
  tool: 'saltire';
  /** Sorted; no line numbers and no timestamps, so the file only changes when findings do. */
  findings: { fingerprint: string; ruleId: string; file: string }[];
}

export function buildBaseline(findings: readonly Finding[]): BaselineFile {
  const rows = findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file }));
  rows.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  const seen = new Set<string>();
  return { version: 1, tool: 'saltire', findings: rows.filter((r) => (seen.has(r.fingerprint) ? false : (seen.add(r.fingerprint), true))) };
}

export function writeBaseline(file: string, findings: readonly Finding[]): number {
  const b = buildBaseline(findings);
  writeFileSync(file, `${JSON.stringify(b, null, 2)}\n`);
  return b.findings.length;
}

export function readBaseline(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code ? `cannot read baseline ${file} (${code})` : `baseline ${file} is not valid JSON`);
  }
  const b = data as Partial<BaselineFile>;
  if (b?.tool !== 'saltire' || b.version !== 1 || !Array.isArray(b.findings)) throw new UsageError(`${file} is not a Saltire baseline (expected {"version": 1, "tool": "saltire", "findings": [...]})`);
  return new Set(b.findings.map((f) => f.fingerprint));
}

/** Move findings recorded in the baseline to `suppressed`, so they no longer count for the exit code. */
export function applyBaseline(result: ScanResult, fingerprints: Set<string>): void {
  const kept: Finding[] = [];
  const moved: SuppressedFinding[] = [];
  for (const f of result.findings) {
    if (fingerprints.has(f.fingerprint)) moved.push({ ...f, suppression: { kind: 'baseline', marker: 'baseline', reason: 'recorded in the baseline' } });
    else kept.push(f);
  }
  result.findings = kept;
  result.suppressed = [...result.suppressed, ...moved].sort(compareFindings);
  result.stats.baselined = moved.length;
}
