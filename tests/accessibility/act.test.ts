/**
 * W3C ACT rules test cases (../shared/reference/act/testcases.jsonl): for every ACT rule an accessibility
 * rule maps to (standards.act, or an ACT reference), each example is scanned as an .html file. Failed
 * examples must yield at least one finding of a rule mapped to that ACT rule; passed and inapplicable
 * examples none. Examples a static scan cannot decide are listed in ACT_KNOWN_LIMITS (src/a11y/act.ts)
 * with the reason, and are expected to be wrong — never skipped silently; they show in the ACT report.
 */
import { describe, expect, it } from 'vitest';
import pack from '../../rules/accessibility/index.js';
import { ACT_KNOWN_LIMITS, actRuleMap, defaultActFile, readActExamples, runOnHtml } from '../../src/a11y/act.js';

const FILE = defaultActFile(process.cwd());
const examples = readActExamples(FILE);
const byAct = actRuleMap(pack.rules);
const suite = examples.length ? describe : describe.skip;

suite(examples.length ? 'W3C ACT test cases' : `W3C ACT test cases (skipped: ${FILE} is absent)`, () => {
  for (const [act, ruleIds] of byAct) {
    const cases = examples.filter((e) => e.ruleId === act);
    const rules = pack.rules.filter((r) => ruleIds.includes(r.meta.id));
    describe(`${act} ${cases[0]?.ruleName ?? ''} (${ruleIds.join(', ')})`, () => {
      it('has test cases', () => expect(cases.length).toBeGreaterThan(0));
      for (const ex of cases) {
        const limit = ACT_KNOWN_LIMITS[`${act} ${ex.outcome} ${ex.example}`];
        it(`${ex.outcome} example ${ex.example}${limit ? ` (known limit, expected wrong: ${limit})` : ''}`, async () => {
          const run = await runOnHtml(rules, ex.doc, `act-${act}-${ex.outcome}-${ex.example}.html`);
          expect(run.errors, ex.doc).toEqual([]);
          const flagged = run.findings.length > 0;
          const right = flagged === (ex.outcome === 'failed');
          // a known limit that starts passing must come out of ACT_KNOWN_LIMITS
          expect(right, `${right ? 'now right: remove it from ACT_KNOWN_LIMITS' : ex.outcome === 'failed' ? `expected a finding of ${ruleIds.join('/')}` : `unexpected: ${run.findings.map((f) => `${f.ruleId}:${f.range.start.line} ${f.message}`).join('; ')}`}\n${ex.doc}`).toBe(!limit);
        });
      }
    });
  }

  it('known limits all refer to real examples of mapped rules', () => {
    for (const key of Object.keys(ACT_KNOWN_LIMITS)) {
      const [act, outcome, n] = key.split(' ');
      expect(byAct.has(act), key).toBe(true);
      expect(examples.some((e) => e.ruleId === act && e.outcome === outcome && String(e.example) === n), key).toBe(true);
    }
  });
});
