import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rollUp } from '../../src/standards/rollup.js';
import { compareFindings, worstFirst } from '../../src/model/order.js';
import { SEVERITIES } from '../../src/model/severity.js';
import type { Finding, ScanResult } from '../../src/model/finding.js';
import type { RuleMeta } from '../../src/model/rule.js';

const meta = (id: string): RuleMeta => ({
  id,
  title: id,
  description: id,
  severity: 'medium',
  kinds: ['html'],
  messages: { default: 'x' },
  remediation: 'x',
  standards: { wcag: ['1.4.3'] },
  references: [],
  equivalents: {},
  since: '0.1.0',
});

function finding(ruleId: string, properties?: Record<string, unknown>): Finding {
  return { ruleId, pack: 'accessibility', severity: properties ? 'info' : 'high', message: 'm', messageId: 'default', file: 'index.html', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, fingerprint: ruleId, standards: { wcag: ['1.4.3'] }, evidence: '', help: '', properties };
}

function result(findings: Finding[]): ScanResult {
  return {
    schemaVersion: '1.0.0', tool: { name: 'saltire', version: '0' }, packs: [], target: '.', startedAt: '', findings, suppressed: [], notices: [],
    stats: { filesScanned: 1, filesByKind: { html: 1 }, filesSkipped: [], durationMs: 0, baselined: 0 },
    rulesRun: [{ id: 'a/contrast', files: 1 }, { id: 'a/needs-review', files: 1 }],
  };
}

const rules = new Map([['a/contrast', { meta: meta('a/contrast') }], ['a/needs-review', { meta: meta('a/needs-review') }]]);
const contrast = (r: ScanResult) => rollUp(r, 'wcag22', rules).find((c) => c.id === '1.4.3')!;

describe('criteria roll-up', () => {
  it('makes a criterion with only needs-review items partial, never failed or passed, and keeps them as evidence', () => {
    const c = contrast(result([finding('a/needs-review', { needsReview: true })]));
    expect(c.status).toBe('partial');
    expect(c.summary).toMatch(/1 item could not be decided automatically and needs a person to check/);
    expect(c.evidence.map((e) => e.ruleId)).toEqual(['a/needs-review']);
  });

  it('still fails a criterion with a real finding, whatever needs review besides', () => {
    expect(contrast(result([finding('a/contrast'), finding('a/needs-review', { needsReview: true })])).status).toBe('fail');
  });
});

describe('criterion evidence order', () => {
  it('is worst first, then file, range and rule, whether or not the result is already in its own order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rule: fc.constantFrom('a/contrast', 'a/needs-review'), severity: fc.constantFrom(...SEVERITIES), file: fc.constantFrom('a.html', 'b.html', 'c.html'), line: fc.integer({ min: 1, max: 20 }) }), { maxLength: 120 }),
        (specs) => {
          const findings = specs.map((s) => ({ ...finding(s.rule), severity: s.severity, file: s.file, message: `${s.file}:${s.line}`, range: { start: { line: s.line, column: 1 }, end: { line: s.line, column: 2 } } }));
          const inOrder = rollUp(result([...findings].sort(compareFindings)), 'wcag22', rules).find((c) => c.id === '1.4.3')!;
          const shuffled = rollUp(result([...findings].reverse()), 'wcag22', rules).find((c) => c.id === '1.4.3')!;
          const expected = [...findings].sort(worstFirst).slice(0, 50).map((f) => [f.severity, f.file, f.range.start.line]);
          expect(inOrder.evidence.map((e) => [e.severity, e.file, e.line])).toEqual(expected);
          expect(shuffled.evidence).toEqual(inOrder.evidence);
          expect(shuffled.counts).toEqual(inOrder.counts);
        },
      ),
      { numRuns: 200 },
    );
  });
});
