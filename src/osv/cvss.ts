/**
 * CVSS v3.x base score, computed with the formula published in the CVSS v3.1 specification
 * (https://www.first.org/cvss/v3.1/specification-document, section 7.1 and Appendix A "Roundup").
 * v3.0 vectors are scored with the same formula (v3.1 changed only the rounding helper, which makes
 * at most 0.1 difference and never across a severity band in practice).
 */
import type { Severity } from '../model/severity.js';

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_U: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_C: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/** CVSS v3.1 Appendix A: round up to one decimal, avoiding floating-point artefacts. */
export function roundup(input: number): number {
  const i = Math.round(input * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

/** Base score of a `CVSS:3.0/…` or `CVSS:3.1/…` vector, or undefined when the vector is not valid v3. */
export function cvss3BaseScore(vector: string): number | undefined {
  const parts = vector.trim().split('/');
  if (!/^CVSS:3\.[01]$/.test(parts[0] ?? '')) return undefined;
  const m = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const [k, v] = p.split(':');
    if (!k || v === undefined || m.has(k)) return undefined;
    m.set(k, v);
  }
  const s = m.get('S');
  const av = AV[m.get('AV') ?? ''];
  const ac = AC[m.get('AC') ?? ''];
  const pr = (s === 'C' ? PR_C : PR_U)[m.get('PR') ?? ''];
  const ui = UI[m.get('UI') ?? ''];
  const c = CIA[m.get('C') ?? ''];
  const i = CIA[m.get('I') ?? ''];
  const a = CIA[m.get('A') ?? ''];
  if ((s !== 'U' && s !== 'C') || [av, ac, pr, ui, c, i, a].some((x) => x === undefined)) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = s === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15);
  const exploitability = 8.22 * av * ac * pr * ui;
  if (impact <= 0) return 0;
  return s === 'U' ? roundup(Math.min(impact + exploitability, 10)) : roundup(Math.min(1.08 * (impact + exploitability), 10));
}

/** The qualitative band of a score: critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0, else info. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** GitHub Advisory Database `database_specific.severity` (LOW, MODERATE, HIGH, CRITICAL). */
export function severityOfLabel(label: unknown): Severity | undefined {
  if (typeof label !== 'string') return undefined;
  switch (label.toUpperCase()) {
    case 'CRITICAL':
      return 'critical';
    case 'HIGH':
      return 'high';
    case 'MODERATE':
    case 'MEDIUM':
      return 'medium';
    case 'LOW':
      return 'low';
    default:
      return undefined;
  }
}
