import type { Rule, RuleContext } from '../../../../src/model/rule.js';
import type { Range } from '../../../../src/model/location.js';
import type { HclExpr } from '../../../../src/parsers/hcl/model.js';
import { asString } from '../../../../src/terraform/index.js';
import { moduleOfFile } from '../support.js';
import { fileRule, isPlaceholder, looksSecretName, type AwsReporter } from './util.js';

const SECRETS = { sbd: ['7', '8'], caf: ['B2', 'B3'] };

function header(b: { typeRange: Range; labelRanges: Range[] }): Range {
  const last = b.labelRanges[b.labelRanges.length - 1];
  return last ? { start: b.typeRange.start, end: last.end } : b.typeRange;
}

/** The text of a literal string (or a template without interpolations). */
function literalText(e: HclExpr): string | undefined {
  if (e.kind === 'literal') return typeof e.value === 'string' ? e.value : undefined;
  if (e.kind === 'template' && e.parts.every((p) => p.kind === 'literal')) return e.parts.map((p) => (p.kind === 'literal' ? p.value : '')).join('');
  return undefined;
}

/** Types that cannot hold a secret string. */
const NON_SECRET_TYPE = /^(bool|number|list\(\s*(bool|number)\s*\)|set\(\s*(bool|number)\s*\))$/;

const variableDefault = fileRule(
  {
    name: 'variable-secret-default',
    title: 'Secret variable has a hard-coded default',
    description:
      'A variable named like a password, token or key with a literal `default` commits the secret to the repository, where every clone, fork and CI log can expose it — and Terraform uses it silently whenever no other value is given.',
    severity: 'high',
    messages: {
      secret: 'var.{{name}} has a literal default value; remove the default and pass the secret at run time (TF_VAR_{{name}}, a secrets manager data source, or CI secrets), then rotate it.',
    },
    remediation: 'Remove the `default`, mark the variable `sensitive = true`, supply the value from a secret store (e.g. `data "aws_secretsmanager_secret_version"`) or `TF_VAR_` environment variables, and rotate the exposed secret.',
    references: ['https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables', 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html'],
    standards: { ...SECRETS, cwe: ['CWE-798'] },
    equivalents: {},
  },
  (ctx, r) => {
    if (ctx.document.format !== 'hcl') return;
    for (const b of ctx.document.hcl.blocks) {
      if (b.type !== 'variable' || !b.labels[0] || !looksSecretName(b.labels[0])) continue;
      const def = b.attributes['default'];
      if (!def || NON_SECRET_TYPE.test(b.attributes['type']?.expr.text.trim() ?? '')) continue;
      const v = literalText(def.expr);
      if (v === undefined || isPlaceholder(v)) continue;
      r.at(def.range, 'secret', { name: b.labels[0] }, { secrets: [v] });
    }
  },
);

const variableSensitive = fileRule(
  {
    name: 'variable-secret-not-sensitive',
    title: 'Secret variable is not marked sensitive',
    description:
      'Without `sensitive = true`, Terraform prints a variable\'s value in plan and apply output — and so in CI logs that many people can read. Variables named like passwords, tokens and keys should be marked sensitive.',
    severity: 'low',
    messages: {
      notSensitive: 'var.{{name}} looks like a secret but is not marked sensitive; add sensitive = true so plans and logs redact it.',
    },
    remediation: 'Add `sensitive = true` to the variable (and to outputs that expose it).',
    references: ['https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output'],
    standards: { ...SECRETS, cwe: ['CWE-532'] },
    equivalents: {},
  },
  (ctx, r) => {
    if (ctx.document.format !== 'hcl') return;
    for (const b of ctx.document.hcl.blocks) {
      if (b.type !== 'variable' || !b.labels[0] || !looksSecretName(b.labels[0])) continue;
      if (NON_SECRET_TYPE.test(b.attributes['type']?.expr.text.trim() ?? '')) continue;
      const s = b.attributes['sensitive'];
      if (s && !(s.expr.kind === 'literal' && s.expr.value === false)) continue;
      r.at(header(b), 'notSensitive', { name: b.labels[0] });
    }
  },
);

const ACCESS_KEY = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const SECRET_KEY = /^[A-Za-z0-9/+=]{40}$/;

const providerKeys = fileRule(
  {
    name: 'provider-hardcoded-credentials',
    title: 'AWS provider has hard-coded credentials',
    description:
      'An `access_key` / `secret_key` written into the provider block (directly or through a variable default, local or tfvars file) is a long-lived AWS credential in the repository. Anyone with read access to the code — or a leaked copy — gets the account permissions of that key.',
    severity: 'critical',
    messages: {
      secret: '{{attribute}} of the aws provider{{alias}} is a hard-coded credential{{from}}; remove it, rotate the key, and use environment credentials, a profile, or an assumed role (OIDC in CI).',
    },
    remediation: 'Delete `access_key`/`secret_key` from the configuration, deactivate and rotate the key, and let the provider use the standard credential chain (environment, SSO profile, instance/task role, OIDC web identity in CI).',
    references: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#securing_access-keys'],
    standards: { ...SECRETS, cwe: ['CWE-798'] },
    equivalents: { checkov: ['CKV_AWS_41'] },
  },
  (ctx, r) => {
    // synchronous unless the file configures an aws provider
    if (ctx.document.format !== 'hcl' || !ctx.document.hcl.blocks.some((b) => b.type === 'provider' && b.labels[0] === 'aws')) return;
    return providerCredentials(ctx, r);
  },
);

async function providerCredentials(ctx: RuleContext, r: AwsReporter): Promise<void> {
  const module = await moduleOfFile(ctx);
  for (const p of module.providers) {
    if (p.providerName !== 'aws' || p.file !== ctx.file.path) continue;
    for (const [name, re] of [['access_key', ACCESS_KEY], ['secret_key', SECRET_KEY]] as const) {
      const a = p.get(name);
      const v = a ? asString(a.value) : undefined;
      if (!a || v === undefined || !re.test(v.trim())) continue;
      const from = a.file !== a.attributeFile || a.range.start.line !== a.attributeRange.start.line ? ` (from ${a.file}:${a.range.start.line})` : '';
      r.at(a.attributeRange, 'secret', { attribute: name, alias: p.alias ? ` "${p.alias}"` : '', from }, { secrets: [v] });
    }
  }
}

export const secretRules: Rule[] = [variableDefault, variableSensitive, providerKeys];
