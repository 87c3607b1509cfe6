import { describe, expect, it } from 'vitest';
import { covers, findMarkers, type EnclosingBlock } from '../../src/engine/suppressions.js';

function markers(text: string, today = '2026-06-01', blockEnd?: EnclosingBlock) {
  const lines = text.split('\n');
  return findMarkers(text, { lineText: (n) => lines[n - 1] ?? '', lineCount: lines.length }, today, blockEnd);
}

const iacRule = { id: 'iac/aws-s3-public-acl', pack: 'iac', equivalents: { checkov: ['CKV_AWS_20'], tfsec: ['aws-s3-no-public-buckets'], trivy: ['AVD-AWS-0092'] } };
const secretRule = { id: 'secrets/github-token', pack: 'secrets', equivalents: { gitleaks: ['github-pat'] } };

describe('inline suppressions', () => {
  it('parses saltire-ignore with reason and expiry in several comment syntaxes', () => {
    const [a] = markers('# saltire-ignore iac/aws-s3-public-acl -- public website bucket until 2027-01-31');
    expect(a).toMatchObject({ ids: ['iac/aws-s3-public-acl'], reason: 'public website bucket', until: '2027-01-31', fromLine: 1, toLine: 2 });
    expect(a.problem).toBeUndefined();
    const [b] = markers('<!-- saltire-ignore accessibility/img-alt -- decorative, checked by hand -->');
    expect(b.reason).toBe('decorative, checked by hand');
    const [c] = markers('const x = 1; // saltire-ignore code/*,secrets/* -- test data');
    expect(c.ids).toEqual(['code/*', 'secrets/*']);
  });

  it('flags a missing reason, a bad date and an expired date', () => {
    expect(markers('# saltire-ignore iac/x')[0].problem?.messageId).toBe('missing-reason');
    expect(markers('# saltire-ignore iac/x -- why until soon')[0].problem?.messageId).toBe('bad-date');
    expect(markers('# saltire-ignore iac/x -- why until 2026-05-31')[0].problem?.messageId).toBe('expired');
    expect(markers('# saltire-ignore iac/x -- why until 2026-06-01')[0].problem).toBeUndefined();
  });

  it('ignores the phrase outside comments', () => {
    expect(markers('message = "use saltire-ignore iac/x -- reason"')).toEqual([]);
  });

  it('covers the marker line and the next, for the named rule or pack', () => {
    const [m] = markers('# saltire-ignore iac/* -- reason');
    expect(covers(m, iacRule, 1)).toBe(true);
    expect(covers(m, iacRule, 2)).toBe(true);
    expect(covers(m, iacRule, 3)).toBe(false);
    expect(covers(m, secretRule, 2)).toBe(false);
  });
});

describe("other tools' markers map through equivalents", () => {
  it('checkov:skip covers its block, by checkov id', () => {
    const [m] = markers('resource "aws_s3_bucket_acl" "a" {\n  # checkov:skip=CKV_AWS_20: public website\n  acl = "public-read"\n}\nresource "x" "y" {}', '2026-01-01', (l) => (l <= 4 ? { start: 1, end: 4 } : undefined));
    expect(m).toMatchObject({ tool: 'checkov', ids: ['CKV_AWS_20'], reason: 'public website', fromLine: 1, toLine: 4 });
    expect(covers(m, iacRule, 3)).toBe(true);
    // written inside the resource, it also covers a finding on the resource's header (a missing attribute), as in Checkov
    expect(covers(m, iacRule, 1)).toBe(true);
    expect(covers(m, iacRule, 5)).toBe(false);
    expect(covers(m, { ...iacRule, equivalents: { checkov: ['CKV_AWS_21'] } }, 3)).toBe(false);
  });

  it('checkov:skip above a block covers that block, not the lines before it', () => {
    const text = 'resource "x" "before" {}\n# checkov:skip=CKV_AWS_20: public website\nresource "aws_s3_bucket_acl" "a" {\n  acl = "public-read"\n}';
    const [m] = markers(text, '2026-01-01', (l) => (l === 1 ? { start: 1, end: 1 } : l >= 3 && l <= 5 ? { start: 3, end: 5 } : undefined));
    expect(m).toMatchObject({ fromLine: 2, toLine: 5 });
    expect(covers(m, iacRule, 3)).toBe(true);
    expect(covers(m, iacRule, 1)).toBe(false);
  });

  it('tfsec:ignore and trivy:ignore (with expiry)', () => {
    const [t] = markers('#tfsec:ignore:aws-s3-no-public-buckets\nresource "x" "y" {}');
    expect(covers(t, iacRule, 2)).toBe(true);
    const [v] = markers('# trivy:ignore:AVD-AWS-0092:exp:2020-01-01\nresource "x" "y" {}');
    expect(v.problem?.messageId).toBe('expired');
  });

  it('reads every tfsec:ignore written on one line, as tfsec does', () => {
    const ms = markers('#tfsec:ignore:aws-s3-enable-versioning tfsec:ignore:aws-s3-no-public-buckets:exp:2020-01-01\nresource "x" "y" {}');
    expect(ms.map((m) => m.ids[0])).toEqual(['aws-s3-enable-versioning', 'aws-s3-no-public-buckets']);
    expect(covers(ms[0], iacRule, 2)).toBe(false);
    expect(covers(ms[1], iacRule, 2)).toBe(true);
    expect(ms[1].problem?.messageId).toBe('expired');
    expect(ms[0].problem).toBeUndefined();
  });

  it('secret markers suppress secrets findings on their line', () => {
    const [g] = markers('token = "ghp_xxx" # gitleaks:allow');
    expect(covers(g, secretRule, 1)).toBe(true);
    expect(covers(g, iacRule, 1)).toBe(false);
    const [p] = markers('key = "abc"  # pragma: allowlist secret');
    expect(covers(p, secretRule, 1)).toBe(true);
    // detect-secrets also reads `pragma:allowlist-secret` and the older `whitelist`
    for (const m of ['key = "abc"  # pragma:allowlist-secret', "key = 'abc'  # pragma: whitelist secret"]) expect(covers(markers(m)[0], secretRule, 1)).toBe(true);
    const [next] = markers('# pragma: allowlist nextline secret\nkey = "abc"');
    expect(covers(next, secretRule, 2)).toBe(true);
    const [n] = markers('// secretlint-disable-next-line\nconst k = "x";');
    expect(covers(n, secretRule, 2)).toBe(true);
    expect(covers(n, secretRule, 1)).toBe(false);
  });

  it('secret markers also cover other packs\' findings of a secret value written on their line, and nothing else there', () => {
    const [p] = markers('      POSTGRES_PASSWORD: postgres # pragma: allowlist secret');
    expect(covers(p, { ...iacRule, literalSecret: true }, 1)).toBe(true);
    expect(covers(p, { ...iacRule, literalSecret: false }, 1)).toBe(false);
    const [g] = markers('ENV API_TOKEN=abc # gitleaks:allow');
    expect(covers(g, { id: 'code/hardcoded-credentials', pack: 'code', equivalents: {}, literalSecret: true }, 1)).toBe(true);
    expect(covers(g, { ...iacRule, literalSecret: true }, 2)).toBe(false);
  });

  it('kics-scan ignore-line covers the next line', () => {
    const [k] = markers('# kics-scan ignore-line\nprivileged: true');
    expect(covers(k, { id: 'iac/k8s-privileged', pack: 'iac', equivalents: {} }, 2)).toBe(true);
  });
});
