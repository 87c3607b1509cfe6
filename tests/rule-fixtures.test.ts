import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadPacks, BUILTIN_PACK_NAMES } from '../src/packs/load.js';
import { findingKeys, fixtureOptions, key, readExpectations, ruleFixtureDir, scanWithRule } from './support/fixtures.js';
import { CHROMIUM } from './support/browser.js';

const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());

/**
 * The data-driven test: every rule's pass/ fixtures yield nothing for it; its fail/ fixtures yield
 * exactly the findings marked inline (`expect: <rule-id>` on the line above) or in expected.json.
 */
for (const pack of packs.filter((p) => p.rules.length > 0)) {
  describe(`pack ${pack.name}`, () => {
    for (const rule of pack.rules) {
      const dir = ruleFixtureDir(rule.meta.id);
      // rules that need Debian's Chromium (rendered checks) are skipped, with their name, where it is absent
      const noBrowser = fixtureOptions(rule.meta.id).requiresBrowser === true && !CHROMIUM;
      describe.skipIf(noBrowser)(rule.meta.id, () => {
        it.skipIf(!existsSync(path.join(dir, 'pass')))('passes its pass/ fixtures', async () => {
          const result = await scanWithRule(path.join(dir, 'pass'), pack, rule);
          expect(result.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}: ${f.message}`)).toEqual([]);
          expect(result.stats.filesScanned).toBeGreaterThan(0);
        });
        it.skipIf(!existsSync(path.join(dir, 'fail')))('finds exactly what its fail/ fixtures mark', async () => {
          const failDir = path.join(dir, 'fail');
          const expected = readExpectations(failDir);
          expect(expected.length, 'fail/ fixtures must mark at least one expected finding').toBeGreaterThan(0);
          const result = await scanWithRule(failDir, pack, rule);
          expect(result.findings.filter((f) => f.ruleId === 'saltire/parse-error').map((f) => `${f.file}: ${f.message}`)).toEqual([]);
          expect(findingKeys(result.findings)).toEqual(expected.map(key).sort());
          for (const e of expected.filter((x) => x.messageId)) {
            const f = result.findings.find((x) => x.file === e.file && x.range.start.line === e.line && x.ruleId === e.ruleId && x.messageId === e.messageId);
            expect(f, `${key(e)} with message ${e.messageId}`).toBeDefined();
          }
        });
      });
    }
  });
}
