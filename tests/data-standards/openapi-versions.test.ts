import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/packs/load.js';
import { ruleFixtureDir, scanWithRule } from '../support/fixtures.js';

const [pack] = await loadPacks(['data-standards'], process.cwd());
const rule = pack.rules.find((r) => r.meta.id === 'data-standards/openapi-schema')!;

describe('openapi-schema and OpenAPI versions it has no schema for', () => {
  it('says, for each 3.2 description, that schema validation did not run, and only for those', async () => {
    const result = await scanWithRule(`${ruleFixtureDir(rule.meta.id)}/pass`, pack, rule);
    expect(result.findings).toEqual([]);
    const notices = result.notices.filter((n) => n.message.includes('schema validation did not run'));
    expect(notices.map((n) => [n.file, n.level])).toEqual([['v32.yaml', 'info']]);
    expect(notices[0].message).toContain('OpenAPI 3.2.0 is newer than the official schemas');
  });
});
