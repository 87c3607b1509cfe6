/**
 * The built-in packs' own regular expressions are held to the rule declarative packs meet at load
 * time: none may backtrack exponentially. Built-in patterns are fixed at build time, so they are
 * checked here once rather than on every start: the secrets detectors (assembled from strings) one by
 * one, and every literal in src/ and rules/ by running code/regex-catastrophic-backtracking over them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import code from '../../rules/code/index.js';
import { AI_DETECTORS } from '../../rules/secrets/detectors/ai.js';
import { CI_DETECTORS } from '../../rules/secrets/detectors/ci.js';
import { CLOUD_DETECTORS } from '../../rules/secrets/detectors/cloud.js';
import { DATABASE_DETECTORS } from '../../rules/secrets/detectors/databases.js';
import { MESSAGING_DETECTORS } from '../../rules/secrets/detectors/messaging.js';
import { PAYMENT_DETECTORS } from '../../rules/secrets/detectors/payments.js';
import { PRIVATE_KEY_DETECTORS } from '../../rules/secrets/detectors/private-keys.js';
import { PUBLIC_SECTOR_DETECTORS } from '../../rules/secrets/detectors/public-sector.js';
import { SAAS_DETECTORS } from '../../rules/secrets/detectors/saas.js';
import { TOKEN_DETECTORS } from '../../rules/secrets/detectors/tokens.js';
import { VCS_DETECTORS } from '../../rules/secrets/detectors/vcs.js';
import { findCatastrophicBacktracking } from '../../src/packs/regex-safety.js';
import { scanWithRule } from '../support/fixtures.js';

const DETECTORS = [
  ...AI_DETECTORS,
  ...CI_DETECTORS,
  ...CLOUD_DETECTORS,
  ...DATABASE_DETECTORS,
  ...MESSAGING_DETECTORS,
  ...PAYMENT_DETECTORS,
  ...PRIVATE_KEY_DETECTORS,
  ...PUBLIC_SECTOR_DETECTORS,
  ...SAAS_DETECTORS,
  ...TOKEN_DETECTORS,
  ...VCS_DETECTORS,
];

describe('built-in regular expressions', () => {
  it('no secrets detector can backtrack exponentially', () => {
    expect(DETECTORS.length).toBeGreaterThan(150);
    const hazards = DETECTORS.flatMap((d) => {
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
