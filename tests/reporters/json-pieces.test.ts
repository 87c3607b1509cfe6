import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonPieces } from '../../src/reporters/json.js';
import type { ScanResult } from '../../src/model/finding.js';

describe('the JSON report in pieces', () => {
  it('is exactly JSON.stringify(result, null, 2) and a newline, whatever the values (property)', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    const record = fc.dictionary(fc.string(), fc.oneof(value, fc.constant(undefined)));
    fc.assert(
      fc.property(record, fc.array(record, { maxLength: 1200 }), (top, items) => {
        const result = { ...top, findings: items, empty: [], nested: { list: items.slice(0, 3) } } as unknown as ScanResult;
        expect([...jsonPieces(result)].join('')).toBe(`${JSON.stringify(result, null, 2)}\n`);
      }),
      { numRuns: 60 },
    );
  });

  it('writes a long array in several pieces, none of them the whole', () => {
    const findings = Array.from({ length: 1600 }, (_, i) => ({ ruleId: `r/${i}`, message: 'line one\nline two' }));
    const result = { schemaVersion: '1', findings, suppressed: findings.slice(0, 700) } as unknown as ScanResult;
    const pieces = [...jsonPieces(result)];
    expect(pieces.length).toBeGreaterThanOrEqual(6);
    const whole = pieces.join('');
    expect(whole).toBe(`${JSON.stringify(result, null, 2)}\n`);
    for (const p of pieces) expect(p.length).toBeLessThan(whole.length / 2);
  });
});
