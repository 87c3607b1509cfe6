import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadPacks, BUILTIN_PACK_NAMES } from '../../src/packs/load.js';
import { scan } from '../../src/engine/scan.js';
import { documentFeatures, triggered } from '../../src/engine/triggers.js';
import type { Pack, Rule } from '../../src/model/rule.js';
import type { ScanResult } from '../../src/model/finding.js';
import { parseHcl } from '../../src/parsers/hcl/parse.js';
import { LineIndex } from '../../src/model/location.js';
import { FIXTURES } from '../support/fixtures.js';

const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());
const withTriggers = packs.map((p) => ({ ...p, rules: p.rules.filter((r) => r.triggers) })).filter((p) => p.rules.length > 0);

function scanFixtures(ps: Pack[]): Promise<ScanResult> {
  return scan({ targets: [path.join(FIXTURES, 'iac')], cwd: FIXTURES, packs: ps, config: { config: {}, hash: 'test' }, gitignore: false, maxFileSize: 5 * 1024 * 1024, today: '2026-01-01' });
}

const keys = (r: ScanResult) => r.findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.fingerprint}`).sort();

describe('rule triggers', () => {
  it('skip only files a rule would find nothing in: every Terraform fixture gives the same findings with and without them', async () => {
    const rules = withTriggers.flatMap((p) => p.rules);
    expect(rules.length).toBeGreaterThan(200);
    const triggeredScan = await scanFixtures(withTriggers);
    const untriggered = await scanFixtures(withTriggers.map((p) => ({ ...p, rules: p.rules.map((r): Rule => ({ ...r, triggers: undefined })) })));
    expect(triggeredScan.findings.length).toBeGreaterThan(500);
    expect(keys(triggeredScan)).toEqual(keys(untriggered));
  }, 120_000);

  it('names a Terraform file\'s resource and data types and whether it calls modules', async () => {
    const text = 'resource "aws_s3_bucket" "b" {}\ndata "aws_iam_policy_document" "p" {}\nmodule "m" { source = "./m" }\n';
    const { hcl } = await parseHcl(text, new LineIndex(text));
    const features = documentFeatures({ format: 'hcl', hcl });
    expect([...features!].sort()).toEqual(['data:aws_iam_policy_document', 'module', 'resource:aws_s3_bucket']);
    const rule = (triggers?: string[]): Rule => ({ meta: { id: 't/x' } as Rule['meta'], triggers });
    expect(triggered(rule(['resource:aws_s3_bucket_acl', 'module']), features)).toBe(true);
    expect(triggered(rule(['resource:aws_s3_bucket_acl']), features)).toBe(false);
    expect(triggered(rule(undefined), features)).toBe(true);
    // kinds without features run every rule
    expect(triggered(rule(['resource:aws_s3_bucket_acl']), documentFeatures({ format: 'text' }))).toBe(true);
  });
});
