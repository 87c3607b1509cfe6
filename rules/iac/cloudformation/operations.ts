/**
 * CloudFormation twins of Terraform operational rules: GuardDuty detector, RDS minor upgrades and IAM
 * authentication, VPC flow logs and Secrets Manager rotation. The last two look for a companion
 * resource in the same template and stay silent when a companion points somewhere we cannot resolve.
 */
import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_IAM_STANDARDS, CFN_LOGGING_STANDARDS, cfnMeta, docs, each, intrinsic, list, string, templates, typeAt, type Resource, type Template } from './cfn.js';

// ---------------------------------------------------------------- GuardDuty

const guardDuty: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-guardduty-disabled',
    title: 'GuardDuty detector is disabled',
    description: 'GuardDuty detects compromised credentials, crypto-mining, reconnaissance and data exfiltration from CloudTrail, VPC flow and DNS logs. A detector with `Enable: false` produces no findings.',
    severity: 'medium',
    messages: { disabled: 'GuardDuty detector {{name}} sets `Enable: {{value}}`, so no threat is detected; set `Enable: true`.' },
    remediation: 'Set `Enable: true` and route findings to your alerting (an EventBridge rule to SNS, or Security Hub).',
    references: [docs('AWS::GuardDuty::Detector'), 'https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html'],
    standards: { ...CFN_LOGGING_STANDARDS, sbd: ['5', '7'], cwe: ['CWE-778'] },
    equivalents: { kics: ['a25cd877-375c-4121-a640-730929936fac'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::GuardDuty::Detector'], (r, t) => {
      const e = entry(r.props, 'Enable');
      if (e && bool(t, e.value) === false) ctx.report({ messageId: 'disabled', offsets: at(e), data: { name: r.name, value: String(string(t, e.value)) } });
    });
  },
};

// ---------------------------------------------------------------- RDS

const RDS_I = 'AWS::RDS::DBInstance';
const RDS_C = 'AWS::RDS::DBCluster';

const minorUpgrade: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-rds-auto-minor-version-upgrade',
    title: 'RDS automatic minor version upgrades are disabled',
    description: 'Minor engine versions carry security fixes. With `AutoMinorVersionUpgrade: false` they are applied only when someone remembers to, leaving known vulnerabilities in place. The property defaults to true and is reported only when set to false.',
    severity: 'low',
    messages: { disabled: '{{type}} {{name}} sets `AutoMinorVersionUpgrade: {{value}}`; remove it or set it to true (the default) with a `PreferredMaintenanceWindow`.' },
    remediation: 'Remove `AutoMinorVersionUpgrade: false` (it defaults to true) and set a `PreferredMaintenanceWindow`.',
    references: [docs(RDS_I), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['7', '10'], caf: ['B4'], cwe: ['CWE-1104'] },
    equivalents: { checkov: ['CKV_AWS_226'], kics: ['f0104061-8bfc-4b45-8a7d-630eb502f281'] },
  }),
  check(ctx) {
    each(ctx, [RDS_I, RDS_C], (r, t) => {
      const e = entry(r.props, 'AutoMinorVersionUpgrade');
      if (e && bool(t, e.value) === false) ctx.report({ messageId: 'disabled', offsets: at(e), data: { type: r.type.replace(/^AWS::/, ''), name: r.name, value: String(string(t, e.value)) } });
    });
  },
};

const IAM_AUTH_ENGINES = /^(mysql|postgres|mariadb|aurora|aurora-mysql|aurora-postgresql)$/;

/** RDS offers IAM authentication for the engine (MariaDB from 10.11 only); a version we cannot read counts as supported. */
function iamAuthSupported(engine: string, version: string | undefined): boolean {
  if (!IAM_AUTH_ENGINES.test(engine)) return false;
  if (engine !== 'mariadb' || version === undefined) return true;
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return true;
  const major = Number(m[1]);
  return major > 10 || (major === 10 && (m[2] === undefined || Number(m[2]) >= 11));
}

const iamAuth: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-rds-iam-authentication',
    title: 'RDS IAM database authentication is not enabled',
    description: 'IAM database authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities, so access can be granted, audited and revoked centrally. It is off unless `EnableIAMDatabaseAuthentication` is true. Applies to MySQL and PostgreSQL engines (including Aurora) and to MariaDB 10.11 or later; instances in a cluster, read replicas, restores and engines we cannot read are not reported.',
    severity: 'low',
    messages: {
      missing: '{{type}} {{name}} does not set `EnableIAMDatabaseAuthentication` (defaults to false); enable IAM database authentication.',
      disabled: '{{type}} {{name}} sets `EnableIAMDatabaseAuthentication: {{value}}`; set it to true.',
    },
    remediation: 'Set `EnableIAMDatabaseAuthentication: true` and grant `rds-db:connect` to the roles that need it.',
    references: [docs(RDS_I), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
    standards: { ...CFN_IAM_STANDARDS, cwe: ['CWE-287'] },
    equivalents: { checkov: ['CKV_AWS_161', 'CKV_AWS_162'] },
  }),
  check(ctx) {
    each(ctx, [RDS_I, RDS_C], (r, t) => {
      // cluster members take the setting from the cluster; replicas and restores from their source
      const inherited = r.type === RDS_I ? ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'SourceDBClusterIdentifier', 'DBSnapshotIdentifier', 'SourceDbiResourceId'] : ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'RestoreType'];
      if (inherited.some((k) => !!get(r.props, k))) return;
      const engine = string(t, get(r.props, 'Engine'))?.toLowerCase();
      const versionNode = get(r.props, 'EngineVersion');
      const version = string(t, versionNode);
      if (!engine || (versionNode && version === undefined && engine === 'mariadb') || !iamAuthSupported(engine, version)) return;
      const data = { type: r.type.replace(/^AWS::/, ''), name: r.name };
      const e = entry(r.props, 'EnableIAMDatabaseAuthentication');
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data });
      if (bool(t, e.value) === false) ctx.report({ messageId: 'disabled', offsets: at(e), data: { ...data, value: String(string(t, e.value)) } });
    });
  },
};

// ---------------------------------------------------------------- companion resources

/**
 * The logical name a property refers to with `Ref` or `Fn::GetAtt` (both syntaxes) when it names a
 * resource of the template; `null` when it is something else we cannot follow (a parameter, an import,
 * a literal id, `Fn::Sub`...), in which case it may be any resource. With `literalsExternal`, a literal
 * string or `Fn::ImportValue` gives EXTERNAL: it names something outside the template (used for ids
 * AWS generates, which a template cannot know for the resources it creates).
 */
const EXTERNAL = Symbol('external');

function target(t: Template, node: DataNode | undefined, literalsExternal: boolean): string | null | typeof EXTERNAL {
  const fn = intrinsic(node);
  // a literal id (`vpc-0abc...`) or another stack's export cannot name a resource this stack creates
  if (literalsExternal && ((!fn && isScalar(node) && typeof node.value === 'string') || fn?.fn === 'Fn::ImportValue')) return EXTERNAL;
  if (!fn) return null;
  let name: string | undefined;
  if (fn.fn === 'Ref' && isScalar(fn.arg) && typeof fn.arg.value === 'string') name = fn.arg.value;
  else if (fn.fn === 'Fn::GetAtt') {
    if (isScalar(fn.arg) && typeof fn.arg.value === 'string') name = fn.arg.value.split('.')[0];
    else if (isSeq(fn.arg) && isScalar(fn.arg.items[0])) name = String(fn.arg.items[0].value);
  }
  return name !== undefined && t.resources.some((r) => r.name === name) ? name : null;
}

/**
 * Names of the resources the template's companions (of `type`, through the properties `props`) point
 * to; undefined when one of them points somewhere we cannot tell.
 */
function covered(t: Template, type: string, props: string[], applies: (c: Resource) => boolean | undefined = () => true, literalsExternal = false): Set<string> | undefined {
  const out = new Set<string>();
  for (const c of t.resources) {
    if (c.type !== type) continue;
    const a = applies(c);
    if (a === false) continue;
    if (a === undefined) return undefined;
    const refs: DataNode[] = [];
    for (const p of props) {
      const v = get(c.props, p);
      if (!v) continue;
      // `ResourceIds` is a list; a list-valued intrinsic we cannot read makes the companion unknown
      const items = p.endsWith('Ids') ? list(t, v) : [v];
      if (!items) return undefined;
      refs.push(...items);
    }
    if (!refs.length) return undefined;
    for (const n of refs) {
      const name = target(t, n, literalsExternal);
      if (name === null) return undefined;
      if (name !== EXTERNAL) out.add(name);
    }
  }
  return out;
}

const flowLogs: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-vpc-flow-logs',
    title: 'VPC has no flow log',
    description: 'VPC flow logs record accepted and rejected traffic. Without them there is no network evidence to investigate lateral movement, data exfiltration or a compromised instance. A VPC is reported when no `AWS::EC2::FlowLog` of the same template refers to it (`ResourceType: VPC`); a flow log naming a literal VPC id or an imported value (`Fn::ImportValue`) covers a VPC outside the template, since a template cannot know the id AWS gives the VPCs it creates. Templates with a flow log whose resource we cannot resolve (a parameter, `Fn::If`, `Fn::Sub`...) are not checked. A flow log kept in another stack is not seen.',
    severity: 'low',
    messages: { missing: 'No AWS::EC2::FlowLog in this template refers to VPC {{name}}; add one (`ResourceType: VPC`, `ResourceId: !Ref {{name}}`) delivering to CloudWatch Logs or S3.' },
    remediation: 'Add an `AWS::EC2::FlowLog` with `ResourceType: VPC`, `ResourceId: !Ref <vpc>`, `TrafficType: ALL` and a CloudWatch Logs (`LogGroupName`, `DeliverLogsPermissionArn`) or S3 (`LogDestinationType: s3`, `LogDestination`) destination.',
    references: [docs('AWS::EC2::FlowLog'), 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
    standards: { ...CFN_LOGGING_STANDARDS, cwe: ['CWE-778'] },
    equivalents: { checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'], kics: ['f6d299d2-21eb-41cc-b1e1-fe12d857500b'] },
  }),
  check(ctx) {
    for (const t of templates(ctx)) {
      const vpcs = t.resources.filter((r) => r.type === 'AWS::EC2::VPC');
      if (!vpcs.length) continue;
      const logged = covered(t, 'AWS::EC2::FlowLog', ['ResourceId', 'ResourceIds'], (f) => {
        const type = get(f.props, 'ResourceType');
        if (!type) return undefined;
        const v = string(t, type);
        return v === undefined ? undefined : v === 'VPC';
      }, true);
      if (!logged) continue;
      for (const v of vpcs) if (!logged.has(v.name)) ctx.report({ messageId: 'missing', offsets: typeAt(v), data: { name: v.name } });
    }
  },
};

const secretRotation: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-secretsmanager-rotation',
    title: 'Secrets Manager secret has no rotation',
    description: 'A secret that is never rotated stays valid for as long as it exists: a copy leaked through a log, laptop or former colleague keeps working. Automatic rotation limits how long a leaked secret is useful. A secret is reported when no `AWS::SecretsManager::RotationSchedule` of the same template refers to it; templates with a rotation schedule whose secret we cannot resolve are not checked.',
    severity: 'low',
    messages: { missing: 'No AWS::SecretsManager::RotationSchedule in this template refers to secret {{name}}; configure automatic rotation.' },
    remediation: 'Add an `AWS::SecretsManager::RotationSchedule` with `SecretId: !Ref <secret>`, a rotation Lambda (`RotationLambdaARN` or `HostedRotationLambda`) and `RotationRules: { ScheduleExpression: rate(30 days) }`.',
    references: [docs('AWS::SecretsManager::RotationSchedule'), 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
    standards: { ...CFN_IAM_STANDARDS, sbd: ['7', '10'], cwe: ['CWE-262'] },
    equivalents: { checkov: ['CKV2_AWS_57'] },
  }),
  check(ctx) {
    for (const t of templates(ctx)) {
      const secrets = t.resources.filter((r) => r.type === 'AWS::SecretsManager::Secret');
      if (!secrets.length) continue;
      const rotated = covered(t, 'AWS::SecretsManager::RotationSchedule', ['SecretId']);
      if (!rotated) continue;
      for (const s of secrets) if (!rotated.has(s.name)) ctx.report({ messageId: 'missing', offsets: typeAt(s), data: { name: s.name } });
    }
  },
};

export const operationsRules: Rule[] = [guardDuty, minorUpgrade, iamAuth, flowLogs, secretRotation];
