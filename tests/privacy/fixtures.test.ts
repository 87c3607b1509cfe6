import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import privacyPack from '../../rules/privacy/index.js';
import { findingKeys, key, listFiles, readExpectations, ruleFixtureDir, scanWithRule } from '../support/fixtures.js';

/** The privacy pack's fixtures, loaded directly (the same checks as tests/rule-fixtures.test.ts). */
describe('pack privacy fixtures', () => {
  for (const rule of privacyPack.rules) {
    const dir = ruleFixtureDir(rule.meta.id);
    describe(rule.meta.id, () => {
      it('has pass and fail fixtures', () => {
        expect(listFiles(path.join(dir, 'pass')).length).toBeGreaterThan(0);
        expect(readExpectations(path.join(dir, 'fail')).length).toBeGreaterThan(0);
      });
      it.skipIf(!existsSync(path.join(dir, 'pass')))('passes its pass/ fixtures', async () => {
        const result = await scanWithRule(path.join(dir, 'pass'), privacyPack, rule);
        expect(result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
      });
      it('finds exactly what its fail/ fixtures mark', async () => {
        const failDir = path.join(dir, 'fail');
        const expected = readExpectations(failDir);
        const result = await scanWithRule(failDir, privacyPack, rule);
        expect(result.findings.filter((f) => f.pack === 'saltire').map((f) => `${f.file}: ${f.message}`)).toEqual([]);
        expect(findingKeys(result.findings)).toEqual(expected.map(key).sort());
        for (const e of expected.filter((x) => x.messageId)) {
          const f = result.findings.find((x) => x.file === e.file && x.range.start.line === e.line && x.ruleId === e.ruleId && x.messageId === e.messageId);
          expect(f, `${key(e)} with message ${e.messageId}; got ${result.findings.map((x) => `${x.file}:${x.range.start.line} ${x.messageId}`).join(' | ')}`).toBeDefined();
        }
      });
    });
  }
});
