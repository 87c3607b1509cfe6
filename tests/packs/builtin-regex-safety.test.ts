/**
 * The built-in packs' own regular expressions are held to the rule declarative packs meet at load
 * time: none may backtrack exponentially. Built-in patterns are fixed at build time, so they are
 * checked here once rather than on every start: the secrets detectors (assembled from strings) one by
 * one, and every literal in src/ and rules/ by running code/regex-catastrophic-backtracking over them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import code from '../../rules/code/index.js';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';
import { findCatastrophicBacktracking } from '../../src/packs/regex-safety.js';
import { scanWithRule } from '../support/fixtures.js';

describe('built-in regular expressions', () => {
  it('no secrets detector can backtrack exponentially', () => {
    expect(ALL_DETECTORS.length).toBeGreaterThan(150);
    const hazards = ALL_DETECTORS.flatMap((d) => {
      const h = findCatastrophicBacktracking(d.regex.source, d.regex.flags);
      return h ? [`${d.id}: \`${h.quantifier}\`, ${h.cause}`] : [];
    });
    expect(hazards).toEqual([]);
  });

  it('no literal pattern in src/ or rules/ can backtrack exponentially', async () => {
    const rule = code.rules.find((r) => r.meta.id === 'code/regex-catastrophic-backtracking')!;
    for (const dir of ['src', 'rules']) {
      const result = await scanWithRule(path.resolve(dir), code, rule);
      expect(result.stats.filesScanned).toBeGreaterThan(50);
      expect(result.findings.map((f) => `${dir}/${f.file}:${f.range.start.line} ${f.message}`)).toEqual([]);
    }
  }, 120_000);
});
