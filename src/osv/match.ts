/**
 * Matching lockfile packages against OSV records: advisories that describe the same vulnerability
 * (a GHSA and a PYSEC record aliasing each other, or sharing a CVE) are grouped into one finding.
 */
import type { Severity } from '../model/severity.js';
import { severityRank } from '../model/severity.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './types.js';
import { cvss3BaseScore, severityOfLabel, severityOfScore } from './cvss.js';
import { fixedVersionsFor, isAffected } from './ranges.js';
import { comparatorFor, packageKey, type Ecosystem } from './versions.js';

/** OSV's malicious-packages records (`MAL-…`), or records that carry their origins / CWE-506. */
export function isMalicious(rec: OsvRecord): boolean {
  if (rec.id.startsWith('MAL-') || (rec.aliases ?? []).some((a) => a.startsWith('MAL-'))) return true;
  const ds = rec.database_specific ?? {};
  if (ds['malicious-packages-origins'] !== undefined) return true;
  const cwes = ds.cwe_ids;
  return Array.isArray(cwes) && cwes.includes('CWE-506');
}

export interface RecordSeverity {
  severity?: Severity;
  /** The CVSS v3 base score, when a v3 vector was scored. */
  cvss?: number;
  vector?: string;
}

/** Severity of a record for a package: the highest CVSS v3 score (record or affected level), else the GHSA label. */
export function recordSeverity(rec: OsvRecord, affected?: OsvAffected): RecordSeverity {
  const all: OsvSeverity[] = [...(affected?.severity ?? []), ...(rec.severity ?? [])];
  let best: RecordSeverity = {};
  for (const s of all) {
    if (s.type !== 'CVSS_V3' || typeof s.score !== 'string') continue;
    const score = cvss3BaseScore(s.score);
    if (score !== undefined && (best.cvss === undefined || score > best.cvss)) best = { severity: severityOfScore(score), cvss: score, vector: s.score };
  }
  if (best.severity) return best;
  const label = severityOfLabel(rec.database_specific?.severity) ?? severityOfLabel(affected?.database_specific?.severity) ?? severityOfLabel(affected?.ecosystem_specific?.severity);
  return label ? { severity: label } : {};
}

export interface AdvisoryMatch {
  /** Record ids of the group, GHSA first, then others; and their CVE aliases. */
  ids: string[];
  aliases: string[];
  summary: string;
  malicious: boolean;
  severity?: Severity;
  cvss?: number;
  vector?: string;
  fixed: string[];
}

const ID_ORDER = (id: string) => (id.startsWith('MAL-') ? 0 : id.startsWith('GHSA-') ? 1 : id.startsWith('CVE-') ? 3 : 2);

function sortIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => ID_ORDER(a) - ID_ORDER(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The advisories (grouped by alias) that affect `name@version` among `records`. */
export function matchPackage(ecosystem: Ecosystem, name: string, version: string, records: readonly OsvRecord[]): AdvisoryMatch[] {
  const key = packageKey(ecosystem, name);
  const hits: { rec: OsvRecord; affected: OsvAffected[] }[] = [];
  for (const rec of records) {
    if (rec.withdrawn) continue;
    const affected = (rec.affected ?? []).filter((a) => a.package?.ecosystem === ecosystem && packageKey(ecosystem, a.package.name) === key && isAffected(version, a, ecosystem));
    if (affected.length) hits.push({ rec, affected });
  }
  // union-find over ids and aliases
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const { rec } of hits) {
    find(rec.id);
    for (const a of [...(rec.aliases ?? [])]) union(rec.id, a);
  }
  const groups = new Map<string, typeof hits>();
  for (const h of hits) {
    const r = find(h.rec.id);
    groups.set(r, [...(groups.get(r) ?? []), h]);
  }
  const cmp = comparatorFor(ecosystem, 'ECOSYSTEM');
  const out: AdvisoryMatch[] = [];
  for (const members of groups.values()) {
    const ids = sortIds(members.map((m) => m.rec.id));
    const aliases = sortIds(members.flatMap((m) => m.rec.aliases ?? []).filter((a) => !ids.includes(a)));
    let sev: RecordSeverity = {};
    const fixed = new Set<string>();
    for (const m of members) {
      for (const a of m.affected) {
        const s = recordSeverity(m.rec, a);
        if (s.severity && (!sev.severity || severityRank(s.severity) > severityRank(sev.severity) || (severityRank(s.severity) === severityRank(sev.severity) && (s.cvss ?? 0) > (sev.cvss ?? 0)))) sev = s;
        for (const f of fixedVersionsFor(version, a, ecosystem)) fixed.add(f);
      }
    }
    const malicious = members.some((m) => isMalicious(m.rec));
    const primary = members.find((m) => m.rec.id === ids[0])!.rec;
    out.push({
      ids,
      aliases,
      summary: (primary.summary ?? members.find((m) => m.rec.summary)?.rec.summary ?? (primary.details ?? '').split('\n')[0]).trim().slice(0, 200),
      malicious,
      ...sev,
      fixed: [...fixed].sort((a, b) => cmp(a, b) ?? (a < b ? -1 : 1)),
    });
  }
  return out.sort((a, b) => (a.ids[0] < b.ids[0] ? -1 : 1));
}
