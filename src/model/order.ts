import type { Finding } from './finding.js';
import { compareRanges } from './location.js';
import { SEVERITIES } from './severity.js';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The one deterministic order of findings: file, range, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return cmp(a.file, b.file) || compareRanges(a.range, b.range) || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message);
}

/** Worst severity first, then the deterministic order (for reports that truncate). */
export function worstFirst(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || compareFindings(a, b);
}
