import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import secretsPack from '../../rules/secrets/index.js';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';
import { detect, prepareText } from '../../rules/secrets/lib/scanner.js';
import { scan } from '../../src/engine/scan.js';
import { FIXTURES } from '../support/fixtures.js';
import { LineIndex } from '../../src/model/location.js';
import type { Finding } from '../../src/model/finding.js';

/** Scan every secrets fail/ fixture with the whole pack, as a user would. */
async function scanAll(dir: string) {
  return scan({ targets: [dir], cwd: dir, packs: [secretsPack], config: { config: {}, hash: 'test' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-01-01' });
}

/**
 * The planted values of one file: every secret a detector extracts from it, and the exact text of
 * each generic finding's range (its value).
 */
function planted(dir: string, file: string, findings: Finding[]): string[] {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const out = new Set(detect(prepareText(text), ALL_DETECTORS).map((c) => c.secret));
  const lines = new LineIndex(text);
  for (const f of findings) if (f.file === file && f.ruleId === 'secrets/generic-high-entropy-assignment') out.add(text.slice(lines.offset(f.range.start), lines.offset(f.range.end)));
  return [...out].filter((s) => s.length >= 8);
}

const families = ['cloud-credentials', 'source-control-tokens', 'ci-cd-tokens', 'payment-credentials', 'messaging-credentials', 'ai-api-keys', 'saas-api-tokens', 'database-credentials', 'private-keys', 'public-sector-keys', 'json-web-token', 'generic-high-entropy-assignment'];

describe('secrets are redacted from every output', () => {
  for (const name of families) {
    it(`${name}: no finding's message, evidence or properties contains a planted secret`, async () => {
      const dir = path.join(FIXTURES, 'secrets', name, 'fail');
      const result = await scanAll(dir);
      expect(result.findings.length).toBeGreaterThan(0);
      let checked = 0;
      for (const f of result.findings) {
        const secrets = planted(dir, f.file, result.findings);
        checked += secrets.length;
        const surfaces = [f.message, f.evidence, JSON.stringify(f.properties ?? {})];
        for (const s of secrets) {
          // the whole value, and any 24-character stretch of it (evidence is cut at 160 characters)
          const probes = [s, ...(s.length > 40 ? [s.slice(0, 24), s.slice(-24), s.slice(Math.floor(s.length / 2) - 12, Math.floor(s.length / 2) + 12)] : [])];
          for (const text of surfaces) for (const p of probes) expect(text.includes(p), `${f.file}:${f.range.start.line} ${f.ruleId} leaks ${p.slice(0, 6)}…`).toBe(false);
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
