import type { Finding, ScanResult } from '../model/finding.js';
import type { Reporter } from './types.js';
import { criteriaOf } from './criteria.js';

function xml(s: string): string {
  // drop characters XML 1.0 cannot carry, escape the rest
  return s.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JUnit XML: a testsuite per criterion, a testcase per rule, failures with locations, manual criteria skipped. */
export const junitReporter: Reporter = {
  render(result: ScanResult, ctx) {
    const { standard, criteria } = criteriaOf(result, ctx);
    const byRule = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const l = byRule.get(f.ruleId);
      if (l) l.push(f);
      else byRule.set(f.ruleId, [f]);
    }
    const suites: string[] = [];
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    for (const c of criteria) {
      const name = `${standard} ${c.id}. ${c.title}`;
      const cases: string[] = [];
      let sFail = 0;
      let sSkip = 0;
      if (c.rules.length === 0) {
        sSkip++;
        const why = c.status === 'manual' ? 'Needs an assessor' : c.summary;
        cases.push(`    <testcase classname="${xml(name)}" name="${xml(c.status === 'manual' ? 'assessor review' : 'automated checks')}"><skipped message="${xml(why)}"/></testcase>`);
      }
      for (const id of c.rules) {
        const fs = byRule.get(id) ?? [];
        const title = ctx.rules.get(id)?.meta.title ?? id;
        if (fs.length === 0) {
          cases.push(`    <testcase classname="${xml(name)}" name="${xml(`${id}: ${title}`)}"/>`);
          continue;
        }
        sFail++;
        const body = fs.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} [${f.severity}] ${f.message}`).join('\n');
        cases.push(`    <testcase classname="${xml(name)}" name="${xml(`${id}: ${title}`)}"><failure message="${xml(`${fs.length} finding${fs.length === 1 ? '' : 's'}`)}" type="${xml(fs[0].severity)}">${xml(body)}</failure></testcase>`);
      }
      if (c.status === 'partial' && c.rules.length) {
        sSkip++;
        cases.push(`    <testcase classname="${xml(name)}" name="assessor review"><skipped message="${xml('The rest of this criterion needs an assessor')}"/></testcase>`);
      }
      tests += cases.length;
      failures += sFail;
      skipped += sSkip;
      suites.push(`  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${sFail}" errors="0" skipped="${sSkip}">\n${cases.join('\n')}\n  </testsuite>`);
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="saltire" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${(result.stats.durationMs / 1000).toFixed(3)}">\n${suites.join('\n')}\n</testsuites>\n`;
  },
};
