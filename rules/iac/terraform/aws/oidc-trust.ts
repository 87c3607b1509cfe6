/**
 * Role trust policies that federate a shared CI OIDC issuer (GitHub Actions, GitLab.com, HCP Terraform)
 * without limiting `sub` to one owner: every repository, project or workspace of that service can
 * assume the role.
 */
import type { Rule, RuleContext } from '../../../../src/model/rule.js';
import type { HclExpr } from '../../../../src/parsers/hcl/model.js';
import { asString, evaluate, type AttrResult, type BlockView, type EvalContext, type ResourceInstance, type TerraformModule, type Value } from '../../../../src/terraform/index.js';
import { allowsWebIdentity, issuerOfKey, judgeSub, trustedIssuers, type CiIssuer } from '../../oidc-subjects.js';
import { awsRule, docFromDataSource, docFromJson, isUnknownMarker, policyAttr, reportStatement, type AwsReporter, type PolicyDoc, type Statement } from './util.js';

/** Stands for a value that cannot be known here. */
const UNKNOWN = 'UNKNOWN-VALUE';

/** The issuer URL of an OIDC provider a reference names (`aws_iam_openid_connect_provider.github.arn`), as an ARN. */
function providerArn(v: Value, module: TerraformModule): string | undefined {
  if (v.kind !== 'reference' || v.type !== 'aws_iam_openid_connect_provider') return undefined;
  const urls = module.resolveReference(v).map((i) => asString(i.get('url')?.value));
  const url = urls.length === 1 ? urls[0] : undefined;
  return url ? `arn:aws:iam::${UNKNOWN}:oidc-provider/${url.replace(/^https:\/\//, '').replace(/\/+$/, '')}` : undefined;
}

/** A JSON value of an HCL expression, with provider references and partly known strings kept readable. */
function exprJson(e: HclExpr, ctx: EvalContext, module: TerraformModule): unknown {
  if (e.kind === 'object') return Object.fromEntries(e.items.map((i) => [i.keyName ?? asString(evaluate(i.key, ctx)) ?? UNKNOWN, exprJson(i.value, ctx, module)]));
  if (e.kind === 'tuple') return e.items.map((i) => exprJson(i, ctx, module));
  if (e.kind === 'template' && !e.heredoc) {
    let out = '';
    for (const p of e.parts) {
      if (p.kind === 'literal') out += p.value;
      else if (p.kind === 'interpolation') out += asString(evaluate(p.expr, ctx)) ?? providerArn(evaluate(p.expr, ctx), module) ?? UNKNOWN;
      else return UNKNOWN;
    }
    return out;
  }
  const v = evaluate(e, ctx);
  return valueJson(v, module);
}

function valueJson(v: Value, module: TerraformModule): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.items.map((i) => valueJson(i, module));
    case 'map':
      return Object.fromEntries(Object.entries(v.entries).map(([k, x]) => [k, valueJson(x, module)]));
    default:
      return providerArn(v, module) ?? UNKNOWN;
  }
}

/** The trust policy of a role: `jsonencode({...})` read here (provider references resolved), else as util reads it. */
function trustPolicy(inst: ResourceInstance): { doc: PolicyDoc; attr: AttrResult } | undefined {
  const attr = inst.get('assume_role_policy');
  const expr = attr?.attribute?.expr;
  if (attr && expr?.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) {
    const doc = docFromJson(exprJson(expr.args[0], inst.ctx, inst.module));
    return doc ? { doc, attr } : undefined;
  }
  return policyAttr(inst, 'assume_role_policy');
}

/** Federated principals of a data source statement, read from the block (provider references resolved). */
function dataFederated(s: Statement): string[] {
  const out: string[] = [];
  for (const p of s.block?.blocks('principals') ?? []) {
    if (asString(p.get('type')?.value) !== 'Federated') continue;
    const a = p.get('identifiers');
    const expr = a?.attribute?.expr;
    const j = expr ? exprJson(expr, p.ctx, p.module) : UNKNOWN;
    for (const x of Array.isArray(j) ? j : [j]) out.push(typeof x === 'string' ? x : UNKNOWN);
  }
  return out;
}

/** Deny statements naming the issuer's `sub` (guard rails written as a Deny) narrow the callers too. */
function denies(doc: PolicyDoc, issuer: CiIssuer): boolean {
  return doc.statements.some((s) => s.effect !== 'Allow' && s.conditions.some((c) => issuerOfKey(c.key)?.issuer === issuer && issuerOfKey(c.key)?.claim === 'sub'));
}

function judge(inst: ResourceInstance, r: AwsReporter, ctx: RuleContext, doc: PolicyDoc, policy: AttrResult | undefined, fromData: boolean): void {
  for (const s of doc.statements) {
    if (s.effect !== 'Allow' || !allowsWebIdentity(s.actions) || !!s.block !== fromData) continue;
    const federated = s.block ? dataFederated(s) : (s.principals ?? []).filter((p) => p.type === 'Federated').flatMap((p) => p.ids);
    for (const issuer of trustedIssuers(federated, s.conditions.map((c) => c.key), isUnknownMarker)) {
      if (denies(doc, issuer)) continue;
      const v = judgeSub(issuer, s.conditions, isUnknownMarker);
      if (!v) continue;
      const data = { issuer: issuer.name, host: issuer.host, example: issuer.example, what: issuer.what };
      if (v.kind === 'noSub') reportStatement(inst, r, ctx, s, 'principals', policy, 'noSub', data, { severity: 'critical' });
      else reportStatement(inst, r, ctx, s, 'principals', policy, 'anyOwner', { ...data, test: v.test, values: v.values.map((x) => JSON.stringify(x.replace(/UNKNOWN-VALUE/g, '${…}'))).join(', ') }, { severity: 'high' });
    }
  }
}

const oidcTrust: Rule = awsRule({
  name: 'iam-github-oidc-trust',
  title: 'IAM role trusts GitHub Actions (or another shared CI OIDC issuer) without pinning the repository',
  description:
    'A role whose trust policy allows `sts:AssumeRoleWithWebIdentity` to the GitHub Actions OIDC provider (`token.actions.githubusercontent.com`) accepts tokens GitHub signs for every repository in the world. Only a condition on `token.actions.githubusercontent.com:sub` naming your repository (`repo:octo-org/octo-repo:ref:refs/heads/main`, `repo:octo-org/octo-repo:*`) stops anyone else\'s workflow from assuming the role: `aud` is `sts.amazonaws.com` for everyone. Reported: no `sub` condition (critical), and `sub` patterns that match repositories of any owner (high): `StringLike` on `*`, `repo:*`, `repo:*/*`, `repo:*/app:*` or `repo:octo-org*` (anyone can register `octo-org-x`), and subjects that start with a claim the caller chooses (`workflow:`, `environment:`, `ref:`, …), which any repository can produce by customizing its subject template. The same holds for GitLab.com (`gitlab.com:sub`, `project_path:group/project:…`) and HCP Terraform (`app.terraform.io:sub`, `organization:org:…`). `StringEquals` treats `*` literally, so `StringEquals` on `repo:*` matches no repository and is not reported; neither are GitHub Enterprise issuers (`token.actions.githubusercontent.com/<enterprise>`) nor policies with a Deny on `sub`.',
  severity: 'critical',
  messages: {
    noSub: '{{address}} lets {{issuer}} tokens assume the role with no condition on `{{host}}:sub`{{from}}: any {{issuer}} {{what}} anywhere can assume it. Add e.g. StringEquals `{{host}}:sub` = "{{example}}".',
    anyOwner: '{{address}} limits `{{host}}:sub` only with {{test}} {{values}}{{from}}, which matches {{issuer}} subjects of any owner; name your own owner and {{what}}, e.g. "{{example}}".',
  },
  remediation: 'Add a condition on the issuer\'s `sub` claim naming your organisation and repository (and a branch or environment): `StringEquals` `token.actions.githubusercontent.com:sub` = `repo:octo-org/octo-repo:ref:refs/heads/main` or `repo:octo-org/octo-repo:environment:prod`, or `StringLike` `repo:octo-org/octo-repo:*`; keep `aud` = `sts.amazonaws.com`.',
  references: [
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub',
    'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#customizing-the-token-claims',
  ],
  standards: { sbd: ['7', '8'], caf: ['B2'], cwe: ['CWE-284', 'CWE-863'] },
  equivalents: { checkov: ['CKV_AWS_358'] },
  resources: ['aws_iam_role'],
  data: ['aws_iam_policy_document'],
  check(inst, r, ctx) {
    if (inst.mode === 'data') return judge(inst, r, ctx, docFromDataSource(inst as BlockView & ResourceInstance), undefined, true);
    const p = trustPolicy(inst);
    if (p) judge(inst, r, ctx, p.doc, p.attr, false);
  },
});

export const oidcTrustRules: Rule[] = [oidcTrust];
