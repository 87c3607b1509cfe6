import type { Rule } from '../../../src/model/rule.js';
import { get, isMap, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { allowsWebIdentity, issuerOfKey, judgeSub, trustedIssuers, type TrustCondition } from '../oidc-subjects.js';
import { at, CFN_IAM_STANDARDS, cfnMeta, docs, each, intrinsic, resolve, shape, statements, string, type Statement, type Template } from './cfn.js';

const UNKNOWN = 'UNKNOWN-VALUE';
const unknown = (s: string) => s.includes(UNKNOWN) || s.includes('${');

/** The ARN a Federated principal names: a literal or `!Sub` shape, or the `Url` of an `AWS::IAM::OIDCProvider` it references. */
function providerArn(t: Template, n: DataNode): string {
  const fn = intrinsic(n);
  const target = fn?.fn === 'Ref' && isScalar(fn.arg) ? String(fn.arg.value) : fn?.fn === 'Fn::GetAtt' ? (isSeq(fn.arg) && isScalar(fn.arg.items[0]) ? String(fn.arg.items[0].value) : isScalar(fn.arg) ? String(fn.arg.value).split('.')[0] : undefined) : undefined;
  if (target) {
    const res = t.resources.find((r) => r.name === target && r.type === 'AWS::IAM::OIDCProvider');
    const url = res ? string(t, get(res.props, 'Url')) : undefined;
    return url ? `arn:aws:iam::${UNKNOWN}:oidc-provider/${url.replace(/^https:\/\//, '').replace(/\/+$/, '')}` : UNKNOWN;
  }
  return shape(t, n) ?? UNKNOWN;
}

function federated(t: Template, s: Statement): string[] {
  const p = s.principal ? resolve(t, s.principal.value) : undefined;
  const raw = isMap(p) ? get(p, 'Federated') : undefined;
  if (!raw) return [];
  const f = resolve(t, raw) ?? raw;
  return (isSeq(f) ? f.items : [f]).map((n) => providerArn(t, n));
}

/** The Condition entries of a statement; undefined when it cannot be read. */
function conditions(t: Template, s: Statement): TrustCondition[] | undefined {
  if (!s.condition) return [];
  const cond = resolve(t, get(s.node, 'Condition'));
  if (!isMap(cond)) return undefined;
  const out: TrustCondition[] = [];
  for (const op of cond.entries) {
    const keys = resolve(t, op.value);
    if (!isMap(keys)) return undefined;
    for (const k of keys.entries) {
      const v = resolve(t, k.value) ?? k.value;
      const values = (isSeq(v) ? v.items : [v]).map((i) => string(t, i) ?? shape(t, i) ?? UNKNOWN);
      out.push({ test: String(op.key.value), key: String(k.key.value).toLowerCase(), values });
    }
  }
  return out;
}

const oidcTrust: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-iam-github-oidc-trust',
    title: 'IAM role trusts GitHub Actions (or another shared CI OIDC issuer) without pinning the repository',
    description:
      'A role whose `AssumeRolePolicyDocument` allows `sts:AssumeRoleWithWebIdentity` to the GitHub Actions OIDC provider (`token.actions.githubusercontent.com`) accepts tokens GitHub signs for every repository in the world. Only a condition on `token.actions.githubusercontent.com:sub` naming your repository (`repo:octo-org/octo-repo:ref:refs/heads/main`, `repo:octo-org/octo-repo:*`) stops anyone else\'s workflow from assuming the role: `aud` is `sts.amazonaws.com` for everyone. Reported: no `sub` condition (critical), and `sub` patterns that match repositories of any owner (high): `StringLike` on `*`, `repo:*`, `repo:*/*`, `repo:*/app:*` or `repo:octo-org*` (anyone can register `octo-org-x`), and subjects that start with a claim the caller chooses (`workflow:`, `environment:`, `ref:`, …), which any repository can produce by customizing its subject template. The same holds for GitLab.com (`gitlab.com:sub`, `project_path:group/project:…`) and HCP Terraform (`app.terraform.io:sub`, `organization:org:…`). `StringEquals` treats `*` literally, so `StringEquals` on `repo:*` matches no repository and is not reported; neither are GitHub Enterprise issuers (`token.actions.githubusercontent.com/<enterprise>`) nor policies with a Deny on `sub`.',
    severity: 'critical',
    messages: {
      noSub: 'Role {{name}} lets {{issuer}} tokens assume it with no condition on `{{host}}:sub`: any {{issuer}} {{what}} anywhere can assume it. Add e.g. StringEquals `{{host}}:sub` = "{{example}}".',
      anyOwner: 'Role {{name}} limits `{{host}}:sub` only with {{test}} {{values}}, which matches {{issuer}} subjects of any owner; name your own owner and {{what}}, e.g. "{{example}}".',
    },
    remediation: 'Add a condition on the issuer\'s `sub` claim naming your organisation and repository (and a branch or environment): `StringEquals` `token.actions.githubusercontent.com:sub` = `repo:octo-org/octo-repo:ref:refs/heads/main` or `repo:octo-org/octo-repo:environment:prod`, or `StringLike` `repo:octo-org/octo-repo:*`; keep `aud` = `sts.amazonaws.com`.',
    references: [
      'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
      docs('AWS::IAM::Role'),
    ],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-284', 'CWE-863'] },
    equivalents: { checkov: ['CKV_AWS_358'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::IAM::Role'], (r, t) => {
      const all = statements(t, get(r.props, 'AssumeRolePolicyDocument'));
      const conds = all.map((s) => conditions(t, s));
      all.forEach((s, i) => {
        const cs = conds[i];
        if (s.effect !== 'Allow' || !s.principal || !cs || !allowsWebIdentity(s.actions?.map((a) => a.value))) return;
        for (const issuer of trustedIssuers(federated(t, s), cs.map((c) => c.key), unknown)) {
          // a Deny on the issuer's claims is a guard rail that narrows the callers
          if (all.some((d, j) => d.effect !== 'Allow' && (conds[j] ?? []).some((c) => issuerOfKey(c.key)?.issuer === issuer && issuerOfKey(c.key)?.claim === 'sub'))) continue;
          const v = judgeSub(issuer, cs, unknown);
          if (!v) continue;
          const data = { name: r.name, issuer: issuer.name, host: issuer.host, example: issuer.example, what: issuer.what };
          if (v.kind === 'noSub') ctx.report({ messageId: 'noSub', severity: 'critical', offsets: at(s.principal), data });
          else ctx.report({ messageId: 'anyOwner', severity: 'high', offsets: at(s.principal), data: { ...data, test: v.test, values: v.values.map((x) => JSON.stringify(x.replace(/UNKNOWN-VALUE/g, '${…}'))).join(', ') } });
        }
      });
    });
  },
};

export const oidcTrustRules: Rule[] = [oidcTrust];
