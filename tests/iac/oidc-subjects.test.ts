import { describe, expect, it } from 'vitest';
import { CI_ISSUERS, allowsWebIdentity, issuerOfProvider, judgeSub, trustedIssuers } from '../../rules/iac/oidc-subjects.js';

const [github, gitlab, tfc] = CI_ISSUERS;
const unknown = (s: string) => s.includes('${');
const sub = (test: string, ...values: string[]) => ({ test, key: 'token.actions.githubusercontent.com:sub', values });
const aud = { test: 'StringEquals', key: 'token.actions.githubusercontent.com:aud', values: ['sts.amazonaws.com'] };

describe('judgeSub', () => {
  it('reports a statement with no sub condition, or only aud / negated / Null tests on it', () => {
    expect(judgeSub(github, [], unknown)?.kind).toBe('noSub');
    expect(judgeSub(github, [aud], unknown)?.kind).toBe('noSub');
    expect(judgeSub(github, [aud, sub('StringNotLike', 'repo:evil/*')], unknown)?.kind).toBe('noSub');
  });

  it('reports StringLike patterns that match any owner', () => {
    for (const v of ['*', 'repo:*', 'repo:*/*', 'repo:*:*', 'repo:*/app:*', 'repo:octo-org*', 'repo:octo-?rg/app:*', 'repo:*/${var.app}:*', 'workflow:deploy', '*:ref:refs/heads/main']) {
      expect(judgeSub(github, [aud, sub('StringLike', v)], unknown), v).toMatchObject({ kind: 'anyOwner', values: [v] });
    }
    // one open value among pinned ones is enough
    expect(judgeSub(github, [sub('StringLike', 'repo:octo-org/app:*', 'repo:*')], unknown)?.kind).toBe('anyOwner');
  });

  it('reports subjects that start with a claim the caller chooses, whatever the test', () => {
    expect(judgeSub(github, [sub('StringEquals', 'environment:production')], unknown)?.kind).toBe('anyOwner');
  });

  it('leaves pinned owners, literal StringEquals wildcards, unknown owners and other claims alone', () => {
    for (const v of ['repo:octo-org/octo-repo:ref:refs/heads/main', 'repo:octo-org/*', 'repo:octo-org/app:environment:prod', 'repository_owner_id:42:*', 'repo:${org}/${repo}:*']) {
      expect(judgeSub(github, [aud, sub('StringLike', v)], unknown), v).toBeUndefined();
    }
    expect(judgeSub(github, [sub('StringEquals', '*')], unknown)).toBeUndefined();
    expect(judgeSub(github, [sub('StringEquals', 'repo:*')], unknown)).toBeUndefined();
    expect(judgeSub(github, [{ test: 'StringEquals', key: 'token.actions.githubusercontent.com/octo-enterprise:sub', values: ['repo:o/r:*'] }], unknown)).toBeUndefined();
  });

  it('knows the owner claim of GitLab.com and HCP Terraform subjects', () => {
    const gl = (v: string) => judgeSub(gitlab, [{ test: 'StringLike', key: 'gitlab.com:sub', values: [v] }], unknown);
    expect(gl('project_path:*:ref_type:branch:ref:main')?.kind).toBe('anyOwner');
    expect(gl('project_path:my-group/*')).toBeUndefined();
    const tf = (v: string) => judgeSub(tfc, [{ test: 'StringLike', key: 'app.terraform.io:sub', values: [v] }], unknown);
    expect(tf('organization:*:project:*:workspace:*:run_phase:*')?.kind).toBe('anyOwner');
    expect(tf('organization:my-org:project:*:workspace:*:run_phase:*')).toBeUndefined();
  });
});

describe('issuers and actions', () => {
  it('names the issuer of a provider ARN, or of the condition keys when the ARN is unknown', () => {
    expect(issuerOfProvider('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com')).toBe(github);
    expect(issuerOfProvider('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/octo-enterprise')).toBeUndefined();
    expect(trustedIssuers(['${ref}'], ['token.actions.githubusercontent.com:aud'], unknown)).toEqual([github]);
    expect(trustedIssuers(['arn:aws:iam::1:oidc-provider/oidc.eks.eu-west-2.amazonaws.com/id/X'], ['token.actions.githubusercontent.com:aud'], unknown)).toEqual([]);
  });

  it('matches action wildcards against sts:AssumeRoleWithWebIdentity', () => {
    expect(allowsWebIdentity(['sts:AssumeRole*'])).toBe(true);
    expect(allowsWebIdentity(['sts:AssumeRole'])).toBe(false);
    expect(allowsWebIdentity(undefined)).toBe(false);
  });
});
