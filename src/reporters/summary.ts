import type { Finding } from '../model/finding.js';
import { SEVERITIES, type Severity } from '../model/severity.js';

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) c[f.severity]++;
  return c;
}

export function countByPack(findings: readonly Finding[]): [string, number][] {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.pack, (m.get(f.pack) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
