/** The ACT implementation report (npm run act-report): builds, meets the conformance target, and the committed copy is current. */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { actReport, REPORT_JSON, REPORT_MD } from '../../src/a11y/act-report.js';
import { actReportJson, actReportMarkdown, consistencyOf, defaultActFile, type ActReport } from '../../src/a11y/act.js';

const FILE = defaultActFile(process.cwd());
const present = existsSync(FILE);

describe('ACT consistency verdicts', () => {
  const base = { rules: ['accessibility/x'], errors: 0, passed: { total: 3, falselyFlagged: 0 }, inapplicable: { total: 2, falselyFlagged: 0 } };
  it('judges an ACT rule the way W3C implementation reports do', () => {
    expect(consistencyOf({ ...base, failed: { total: 4, flagged: 4 } })).toBe('consistent');
    expect(consistencyOf({ ...base, failed: { total: 4, flagged: 3 } })).toBe('partially consistent');
    expect(consistencyOf({ ...base, failed: { total: 4, flagged: 0 } })).toBe('inconsistent');
    expect(consistencyOf({ ...base, failed: { total: 4, flagged: 4 }, passed: { total: 3, falselyFlagged: 1 } })).toBe('inconsistent');
    expect(consistencyOf({ ...base, failed: { total: 4, flagged: 4 }, inapplicable: { total: 2, falselyFlagged: 1 } })).toBe('inconsistent');
    expect(consistencyOf({ ...base, failed: { total: 4, flagged: 4 }, errors: 1 })).toBe('inconsistent');
    expect(consistencyOf({ ...base, rules: [], failed: { total: 4, flagged: 0 } })).toBe('not implemented');
  });
});

(present ? describe : describe.skip)(present ? 'ACT implementation report' : `ACT implementation report (skipped: ${FILE} is absent)`, () => {
  let report: ActReport;
  it('builds from the W3C test cases', async () => {
    report = (await actReport(FILE))!;
    expect(report).toBeDefined();
    expect(report.testCases.examples).toBeGreaterThan(1000);
    expect(actReportMarkdown(report)).toContain('## Implemented ACT rules');
  }, 120_000);

  it('maps at least 30 ACT rules, and at least 30 are consistent', () => {
    expect(report.summary.mapped).toBeGreaterThanOrEqual(30);
    expect(report.summary.consistent, report.rules.filter((r) => r.consistency !== 'consistent' && r.rules.length).map((r) => `${r.id} ${r.consistency}`).join(', ')).toBeGreaterThanOrEqual(30);
  });

  it('no mapped ACT rule is inconsistent, and no rule errors on an example', () => {
    expect(report.rules.filter((r) => r.consistency === 'inconsistent').map((r) => r.id)).toEqual([]);
    expect(report.rules.flatMap((r) => r.examples.filter((e) => e.errors.length).map((e) => `${r.id} ${e.outcome} ${e.example}: ${e.errors[0]}`))).toEqual([]);
  });

  it('counts add up', () => {
    const s = report.summary;
    expect(s.consistent + s.partiallyConsistent + s.inconsistent).toBe(s.mapped);
    expect(s.mapped + s.notImplemented).toBe(report.testCases.rules);
    expect(s.examplesTotal).toBe(s.failedTotal + s.passedOrInapplicableTotal);
    expect(s.examplesRight).toBe(s.failedFlagged + s.passedOrInapplicableTotal - s.falselyFlagged);
  });

  it(`the committed ${REPORT_MD} and ${REPORT_JSON} are current (run npm run act-report)`, () => {
    expect(readFileSync(REPORT_JSON, 'utf8')).toBe(actReportJson(report));
    expect(readFileSync(REPORT_MD, 'utf8')).toBe(actReportMarkdown(report));
  });
});
