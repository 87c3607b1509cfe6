import { compareFindings } from '../model/order.js';
import type { Finding, ScanResult } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { getStandard, type StandardId } from './catalogue.js';
import { criteriaForRefs } from './crosswalk.js';

export type CriterionStatus = 'pass' | 'fail' | 'partial' | 'manual' | 'not-applicable' | 'error';

export interface CriterionEvidence {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  message: string;
}

/** The automated evidence for one criterion of the chosen standard. */
export interface CriterionResult {
  standard: StandardId;
  id: string;
  title: string;
  theme?: string;
  status: CriterionStatus;
  /** One sentence saying what the status means here. */
  summary: string;
  counts: Record<Severity, number>;
  /** Rules mapped to this criterion that ran on at least one file. */
  rules: string[];
  /** Files of the kinds those rules check that were scanned (the most any one rule covered). */
  files: number;
  evidence: CriterionEvidence[];
  /** What an assessor should ask, where the criterion needs human judgement. */
  questions?: string[];
}

const EVIDENCE_LIMIT = 50;

function zero(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}


/**
 * The first `limit` findings in worst-first order (`worstFirst`), sorting only the severities that reach
 * the limit; `inOrder` says the list is already in the result's own order (`compareFindings`).
 */
function worstOf(list: Finding[], limit: number, inOrder: boolean): Finding[] {
  if (limit <= 0 || list.length === 0) return [];
  const bySeverity = SEVERITIES.map(() => [] as Finding[]);
  for (const f of list) bySeverity[Math.max(0, SEVERITIES.indexOf(f.severity))].push(f);
  const out: Finding[] = [];
  for (const group of bySeverity) {
    if (out.length >= limit) break;
    if (!inOrder) group.sort(compareFindings);
    for (let i = 0; i < group.length && out.length < limit; i++) out.push(group[i]);
  }
  return out;
}

/**
 * Roll findings up to the criteria of a standard. A criterion that needs human judgement is `manual`;
 * one whose checks covered no file is `not-applicable` (never `pass`); one partly automatable is at best
 * `partial`, so it is never shown as met while part of it still needs an assessor.
 */
export function rollUp(result: ScanResult, standardId: StandardId, rules: ReadonlyMap<string, { meta: RuleMeta }>): CriterionResult[] {
  const standard = getStandard(standardId);
  const ruleCriteria = new Map<string, string[]>();
  const ruleKinds = new Map<string, string[]>();
  for (const [id, { meta }] of rules) {
    if (id.startsWith('saltire/')) continue;
    ruleCriteria.set(id, criteriaForRefs(meta.standards, standardId));
    ruleKinds.set(id, meta.kinds);
  }
  const ran = new Map(result.rulesRun.map((r) => [r.id, r.files]));
  const errorsByKind = new Map<string, number>();
  for (const f of result.findings) {
    if (f.ruleId !== 'saltire/parse-error' && f.ruleId !== 'saltire/rule-error' && f.ruleId !== 'saltire/rule-timeout') continue;
    const kind = String(f.properties?.kind ?? '');
    errorsByKind.set(kind, (errorsByKind.get(kind) ?? 0) + 1);
  }
  // a result in its own order (as scans give it) needs no sorting below, only grouping by severity
  const inOrder = result.findings.every((f, i, all) => i === 0 || compareFindings(all[i - 1], f) <= 0);
  // each rule's findings by their place in the result, so a criterion gathers its own without a pass over all
  const positions = new Map<string, number[]>();
  result.findings.forEach((f, i) => {
    const list = positions.get(f.ruleId);
    if (list) list.push(i);
    else positions.set(f.ruleId, [i]);
  });
  return standard.criteria.map((c) => {
    const mapped = [...ruleCriteria.entries()].filter(([, ids]) => ids.includes(c.id)).map(([id]) => id);
    const ranRules = mapped.filter((id) => (ran.get(id) ?? 0) > 0).sort();
    const all = Array.from(Int32Array.from(ranRules.flatMap((id) => positions.get(id) ?? [])).sort(), (i) => result.findings[i]);
    // needs-review evidence (e.g. axe "incomplete": accessibility/axe-needs-review) is neither a failure nor a pass
    const reviews = all.filter((f) => f.properties?.needsReview === true);
    const findings = all.filter((f) => f.properties?.needsReview !== true);
    const counts = zero();
    for (const f of findings) counts[f.severity]++;
    const files = Math.max(0, ...ranRules.map((id) => ran.get(id) ?? 0));
    const kinds = new Set(ranRules.flatMap((id) => ruleKinds.get(id) ?? []));
    const errors = [...errorsByKind.entries()].filter(([k]) => kinds.has(k) || kinds.has('text')).reduce((n, [, v]) => n + v, 0);
    let status: CriterionStatus;
    let summary: string;
    if (c.automation === 'none') {
      status = 'manual';
      summary = 'Needs an assessor: a repository scan cannot evidence this criterion.';
    } else if (ranRules.length === 0) {
      status = 'not-applicable';
      summary = mapped.length ? 'Nothing was checked: no scanned file was of a kind these checks cover.' : 'No automated check maps to this criterion yet; it needs an assessor.';
    } else if (findings.length > 0) {
      status = 'fail';
      summary = `${findings.length} finding${findings.length === 1 ? '' : 's'} from ${ranRules.length} check${ranRules.length === 1 ? '' : 's'} over ${files} file${files === 1 ? '' : 's'}.`;
    } else if (errors > 0) {
      status = 'error';
      summary = `${errors} file${errors === 1 ? '' : 's'} of the kinds these checks cover could not be parsed or checked; the evidence is incomplete.`;
    } else if (reviews.length > 0) {
      status = 'partial';
      summary = `No failures from ${ranRules.length} check${ranRules.length === 1 ? '' : 's'} over ${files} file${files === 1 ? '' : 's'}; ${reviews.length} item${reviews.length === 1 ? '' : 's'} could not be decided automatically and need${reviews.length === 1 ? 's' : ''} a person to check.`;
    } else if (c.automation === 'partial') {
      status = 'partial';
      summary = `No findings from ${ranRules.length} check${ranRules.length === 1 ? '' : 's'} over ${files} file${files === 1 ? '' : 's'}; the rest of the criterion needs an assessor.`;
    } else {
      status = 'pass';
      summary = `No findings from ${ranRules.length} check${ranRules.length === 1 ? '' : 's'} over ${files} file${files === 1 ? '' : 's'}.`;
    }
    const entry: CriterionResult = {
      standard: standardId,
      id: c.id,
      title: c.title,
      ...(c.theme ? { theme: c.theme } : {}),
      status,
      summary,
      counts,
      rules: ranRules,
      files,
      evidence: worstOf(findings, EVIDENCE_LIMIT, inOrder).concat(worstOf(reviews, EVIDENCE_LIMIT - Math.min(findings.length, EVIDENCE_LIMIT), inOrder)).map((f) => ({ ruleId: f.ruleId, severity: f.severity, file: f.file, line: f.range.start.line, message: f.message })),
    };
    if (c.questions?.length && (status === 'manual' || status === 'partial' || status === 'not-applicable')) entry.questions = c.questions;
    return entry;
  });
}
