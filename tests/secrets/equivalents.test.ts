import { describe, expect, it } from 'vitest';
import { ALL_DETECTORS } from '../../rules/secrets/families.js';
import { DETECT_SECRETS, SECRETLINT, TRUFFLEHOG } from '../../rules/secrets/lib/equivalents.js';

describe('secrets equivalents tables', () => {
  const ids = new Set(ALL_DETECTORS.map((d) => d.id));
  it('name only detectors that exist', () => {
    for (const id of [...Object.keys(DETECT_SECRETS), ...Object.keys(SECRETLINT), ...Object.keys(TRUFFLEHOG)]) expect(ids.has(id), id).toBe(true);
  });
  it('use detect-secrets plugin class names, secretlint package names and TruffleHog detector packages', () => {
    for (const names of Object.values(DETECT_SECRETS)) for (const n of names) expect(n).toMatch(/^[A-Z][A-Za-z0-9]+Detector$/);
    for (const names of Object.values(SECRETLINT)) for (const n of names) expect(n).toMatch(/^@secretlint\/secretlint-rule-[a-z0-9-]+$/);
    for (const names of Object.values(TRUFFLEHOG)) for (const n of names) expect(n).toMatch(/^[a-z0-9_]+(?:\/[a-z0-9_]+)?$/);
  });
});
