import type { HclExpr } from '../../../../src/parsers/hcl/model.js';
import type { Rule } from '../../../../src/model/rule.js';
import { asString, type AttrResult, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isPlaceholder, isUnknownMarker, jsonFromExpr, looksSecretName, strAt } from './util.js';

const ENC = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] };
const TRANSIT = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] };

// ---------------------------------------------------------------- ECS

const ecsInsights = awsRule({
  name: 'ecs-container-insights',
  title: 'ECS cluster does not enable Container Insights',
  description:
    'Container Insights collects CPU, memory, network and restart metrics and events per cluster, service and task. Without it (a cluster setting that falls back to the account default, off unless changed) a crash-looping or hijacked task that mines crypto is hard to see.',
  severity: 'low',
  messages: {
    missing: '{{address}} has no setting "containerInsights" (falls back to the account default, disabled unless changed); add setting { name = "containerInsights", value = "enabled" }.',
    disabled: 'containerInsights is {{actual}}{{from}} in {{address}}; set it to "enabled" (or "enhanced").',
  },
  remediation: 'Add `setting { name = "containerInsights", value = "enabled" }` (or `"enhanced"`) to the cluster, or enable it for the account with `aws_ecs_account_setting_default`.',
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_cluster#setting'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: { checkov: ['CKV_AWS_65'], tfsec: ['aws-ecs-enable-container-insight'], trivy: ['AVD-AWS-0034'], kics: ['97cb0688-369a-4d26-b1f7-86c4c91231bc'] },
  resources: ['aws_ecs_cluster'],
  check(inst, r) {
    // the account default may have been turned on
    const acct = inst.module.root.resources('aws_ecs_account_setting_default');
    if (acct.some((s) => strAt(s, 'name') !== 'containerInsights' ? strAt(s, 'name') === undefined : strAt(s, 'value') !== 'disabled')) return;
    const settings = inst.blocks('setting');
    if (settings.some((s) => !s.expansionKnown)) return;
    const named = settings.filter((s) => strAt(s, 'name') === 'containerInsights');
    if (named.length === 0) {
      // a setting whose name is not known may be this one
      if (settings.some((s) => strAt(s, 'name') === undefined)) return;
      return r.missing(inst, 'missing');
    }
    for (const s of named) {
      const v = s.get('value');
      if (v && asString(v.value) === 'disabled') r.attr(inst, v, 'disabled');
    }
  },
});

const ecsEfsTransit = awsRule({
  name: 'ecs-efs-transit-encryption',
  title: 'ECS task mounts an EFS volume without encryption in transit',
  description:
    'An EFS volume of an ECS task definition is mounted over plain NFS unless `transit_encryption = "ENABLED"` (the default is DISABLED), so file contents cross the network in clear between the task and the file system.',
  severity: 'medium',
  messages: {
    missing: 'efs_volume_configuration of volume {{volume}} in {{address}} does not set transit_encryption (defaults to "DISABLED"); set transit_encryption = "ENABLED".',
    disabled: 'transit_encryption is {{actual}}{{from}} in volume {{volume}} of {{address}}; expected "ENABLED".',
  },
  remediation: 'Set `transit_encryption = "ENABLED"` in `efs_volume_configuration` (and preferably `authorization_config { iam = "ENABLED" }` with an access point).',
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html', 'https://docs.aws.amazon.com/efs/latest/ug/encryption-in-transit.html'],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV_AWS_97'], tfsec: ['aws-ecs-enable-in-transit-encryption'], trivy: ['AVD-AWS-0035'], kics: ['4d46ff3b-7160-41d1-a310-71d6d370b08f'] },
  resources: ['aws_ecs_task_definition'],
  check(inst, r) {
    for (const vol of inst.blocks('volume')) {
      if (!vol.expansionKnown) continue;
      const name = strAt(vol, 'name') ?? '(unnamed)';
      for (const efs of vol.blocks('efs_volume_configuration')) {
        if (!efs.expansionKnown) continue;
        const t = efs.get('transit_encryption');
        if (!t || t.value.kind === 'null') r.block(inst, efs, 'missing', { volume: JSON.stringify(name) });
        else if (asString(t.value) === 'DISABLED') r.attr(inst, t, 'disabled', { volume: JSON.stringify(name) });
      }
    }
  },
});

/**
 * Values that are not secrets even under a secret-looking name: placeholders, parameter paths, flags and
 * numbers, plain URLs (token endpoints, issuers) and lower-case hierarchical names of Secrets Manager
 * secrets (`team/app/db-password`), which are references to a secret rather than the secret.
 */
function harmless(v: string): boolean {
  if (isPlaceholder(v) || isUnknownMarker(v)) return true;
  if (/^\/[\w\-./]+$/.test(v) || /^(true|false|\d{1,6}|enabled|disabled)$/i.test(v)) return true;
  // a URL without credentials in it; webhook URLs carry their secret in the path
  if (/^https?:\/\/[^\s@?#]+$/i.test(v) && !/hooks\.slack\.com|discord(app)?\.com\/api\/webhooks|webhook\.office\.com/i.test(v)) return true;
  return /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)+$/.test(v);
}

/**
 * Variable names that mention a password, token or secret but describe something about it: where it is
 * kept or fetched from, how it is checked or how long it lives (`OAUTH_TOKEN_ENDPOINT`, `TOKEN_ISSUER`,
 * `SECRETS_MANAGER_REGION`, `PASSWORD_HASH_ALGORITHM`, `API_KEY_HEADER`).
 */
const DESCRIBES_SECRET =
  /(^|_)(endpoints?|hosts?|hostname|port|region|headers?|header_name|algorithm|alg|issuer|audience|scopes?|mode|format|store|provider|backend|days|hours|minutes|seconds|timeout|size|enabled|disabled|required|alias)$|secrets?_?manager|parameter_?store/i;

/**
 * Container definitions of a task: what `jsonFromExpr` reads, or else a template that only joins
 * containers held in locals (`"[${local.web}, ${local.app}]"`, a common layout); containers it cannot
 * read (a conditional sidecar) are left out.
 */
function containerDocs(expr: HclExpr, inst: ResourceInstance): unknown {
  const doc = jsonFromExpr(expr, inst.ctx, inst.module);
  if (doc !== undefined || expr.kind !== 'template') return doc;
  const out: unknown[] = [];
  for (const p of expr.parts) {
    if (p.kind === 'literal') {
      if (!/^[\s[\],]*$/.test(p.value)) return undefined;
      continue;
    }
    if (p.kind !== 'interpolation') return undefined;
    const part = jsonFromExpr(p.expr, inst.ctx, inst.module);
    if (Array.isArray(part)) out.push(...part);
    else if (part && typeof part === 'object') out.push(part);
  }
  return out;
}

/** A task definition's `container_definitions` attribute and the container objects read from it. */
function containerDefinitions(inst: ResourceInstance): { attr: AttrResult; containers: Record<string, unknown>[] } | undefined {
  const attr = inst.get('container_definitions');
  if (!attr?.attribute) return undefined;
  const doc = containerDocs(attr.attribute.expr, inst);
  if (!Array.isArray(doc)) return undefined;
  return { attr, containers: doc.filter((c): c is Record<string, unknown> => !!c && typeof c === 'object' && !Array.isArray(c)) };
}

/** A container definition's name, quoted, when it is known. */
function containerName(cd: Record<string, unknown>): string | undefined {
  return typeof cd.name === 'string' && !isUnknownMarker(cd.name) ? JSON.stringify(cd.name) : undefined;
}

const ecsPlaintextSecrets = awsRule({
  name: 'ecs-task-plaintext-secrets',
  title: 'ECS container definition holds a secret in a plain environment variable',
  description:
    'The `environment` of an ECS container definition is stored in clear in the task definition: anyone allowed `ecs:DescribeTaskDefinition` reads it, and it sits in Terraform state and in the repository. Passwords, tokens and keys belong in Secrets Manager or SSM Parameter Store, referenced through the container definition\'s `secrets`.',
  severity: 'high',
  messages: {
    secret: '{{address}} sets {{names}} in the plain environment of its container definitions; move the values to Secrets Manager / SSM Parameter Store and reference them under "secrets" (valueFrom).',
  },
  remediation: 'Store the value in Secrets Manager or SSM Parameter Store (SecureString), list it under the container\'s `secrets` (`{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }`), allow the task execution role to read it, and rotate the exposed secret.',
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html', 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-798', 'CWE-312'] },
  equivalents: { tfsec: ['aws-ecs-no-plaintext-secrets'], trivy: ['AVD-AWS-0036'] },
  resources: ['aws_ecs_task_definition'],
  check(inst, r) {
    const defs = containerDefinitions(inst);
    if (!defs) return;
    const found: string[] = [];
    const values: string[] = [];
    for (const cd of defs.containers) {
      const container = containerName(cd) ?? '(unnamed)';
      if (!Array.isArray(cd.environment)) continue;
      for (const e of cd.environment) {
        if (!e || typeof e !== 'object' || Array.isArray(e)) continue;
        const { name, value } = e as Record<string, unknown>;
        if (typeof name !== 'string' || typeof value !== 'string' || isUnknownMarker(name)) continue;
        const s = value.trim();
        if (!/^(AKIA|ASIA)[A-Z0-9]{16}$/.test(s) && (!looksSecretName(name) || DESCRIBES_SECRET.test(name) || harmless(s))) continue;
        found.push(`${name} (container ${container})`);
        values.push(value);
      }
    }
    if (found.length) r.attr(inst, defs.attr, 'secret', { names: found.join(', '), from: '' }, { secrets: values });
  },
});

// ---------------------------------------------------------------- ECS privileged containers

const ecsPrivileged = awsRule({
  name: 'ecs-task-privileged-container',
  title: 'ECS container definition runs a privileged container',
  description:
    'A container definition with `"privileged": true` runs with every capability and access to the devices of the EC2 container instance — much like root on the host. A compromised process in it can escape to the host and reach the other tasks, the ECS agent and the instance role. Fargate refuses privileged containers; on EC2 it is rarely needed.',
  severity: 'high',
  messages: {
    privileged: '{{address}} runs {{names}} privileged; remove "privileged": true and grant only the Linux capabilities the container needs (linuxParameters.capabilities.add).',
  },
  remediation: 'Remove `privileged = true` from the container definitions; if the container needs a specific kernel capability, add just that one under `linuxParameters = { capabilities = { add = ["NET_ADMIN"] } }`, and run the workload on Fargate where possible.',
  references: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security', 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
  equivalents: { checkov: ['CKV_AWS_334'] },
  resources: ['aws_ecs_task_definition'],
  check(inst, r) {
    const defs = containerDefinitions(inst);
    if (!defs) return;
    const names: string[] = [];
    for (const cd of defs.containers) {
      if (cd.privileged !== true) continue;
      const name = containerName(cd);
      names.push(name ? `container ${name}` : 'an unnamed container');
    }
    if (names.length) r.attr(inst, defs.attr, 'privileged', { names: names.join(', '), from: '' });
  },
});

// ---------------------------------------------------------------- CodeBuild

const codebuildArtifacts = awsRule({
  name: 'codebuild-artifact-encryption',
  title: 'CodeBuild project disables artifact encryption',
  description:
    'CodeBuild encrypts build output with the project\'s KMS key unless `encryption_disabled = true`. Build artifacts (packages, compiled code, sometimes configuration) are then stored unencrypted in S3.',
  severity: 'medium',
  messages: {
    disabled: 'encryption_disabled is {{actual}}{{from}} in {{block}} of {{address}}; remove it or set it to false so artifacts are encrypted.',
  },
  remediation: 'Remove `encryption_disabled` (or set it to false) in `artifacts` and `secondary_artifacts`; set `encryption_key` to a customer-managed KMS key if you need one.',
  references: ['https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html', 'https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectArtifacts.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_78'], tfsec: ['aws-codebuild-enable-encryption'], trivy: ['AVD-AWS-0018'] },
  resources: ['aws_codebuild_project'],
  check(inst, r) {
    for (const kind of ['artifacts', 'secondary_artifacts']) {
      for (const b of inst.blocks(kind)) {
        // encryption_disabled is only valid for S3 artifacts (CodePipeline encrypts its own artifact store)
        const type = strAt(b, 'type');
        if (!b.expansionKnown || (type !== undefined && type !== 'S3')) continue;
        const a = b.get('encryption_disabled');
        if (boolState(a) === 'true') r.attr(inst, a!, 'disabled', { block: kind });
      }
    }
  },
});

export const containerRules: Rule[] = [ecsInsights, ecsEfsTransit, ecsPlaintextSecrets, ecsPrivileged, codebuildArtifacts];
