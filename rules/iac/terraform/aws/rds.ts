import type { Rule } from '../../../../src/model/rule.js';
import { asNumber, asString, type AttrResult, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isSet, requireTrue, strAt, tamSource, type ModuleCheck } from './util.js';

const RDS_MODULES = [tamSource('rds'), tamSource('rds-aurora')];

/** Inputs of terraform-aws-modules/rds and rds-aurora with the same meaning as the resource attribute. */
function moduleInput(input: string, bad: 'true' | 'false', messageId: string): ModuleCheck[] {
  return RDS_MODULES.map((source) => ({
    source,
    check(call, r) {
      const a = call.get(input);
      if (boolState(a) === bad) r.attr(call, a!, messageId);
    },
  }));
}

const RDS = ['aws_db_instance', 'aws_rds_cluster'];
/** A module input set to something other than null or "" (known or not). */
const inputSet = (a: AttrResult | undefined): boolean => !!a && a.value.kind !== 'null' && !(a.value.kind === 'string' && a.value.value === '');
const RDS_REF = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_BestPractices.Security.html';
const STD = { sbd: ['7', '8'], caf: ['B3'] };

/** Read replicas and restores inherit settings from their source. */
function isReplicaOrRestore(inst: ResourceInstance): boolean {
  return isSet(inst, 'replicate_source_db') || isSet(inst, 'snapshot_identifier') || isSet(inst, 'replication_source_identifier') || inst.blocks('restore_to_point_in_time').length > 0 || inst.blocks('s3_import').length > 0;
}

/** Aurora cluster members take storage, backup and IAM settings from the cluster. */
function isClusterMember(inst: ResourceInstance): boolean {
  return inst.resourceType === 'aws_db_instance' && (isSet(inst, 'cluster_identifier') || /^aurora/.test(strAt(inst, 'engine') ?? ''));
}

const publicDb = awsRule({
  name: 'rds-public',
  title: 'RDS database instance is publicly accessible',
  description:
    'With `publicly_accessible = true` the database gets a public DNS name and address, so it is reachable from the internet wherever the security group allows. Databases belong in private subnets, reached from the application tier.',
  severity: 'high',
  messages: {
    public: 'publicly_accessible is {{actual}}{{from}} in {{address}}; expected false.',
  },
  remediation: 'Set `publicly_accessible = false` and place the instance in private subnets; reach it through the application, a bastion or SSM port forwarding.',
  references: [RDS_REF, 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding'],
  standards: { ...STD, caf: ['B2', 'B4', 'B5'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_17'], tfsec: ['aws-rds-no-public-db-access'], trivy: ['AVD-AWS-0082'], kics: ['35113e6f-2c6b-414d-beec-7a9482d3b2d1'] },
  resources: ['aws_db_instance', 'aws_rds_cluster_instance'],
  modules: moduleInput('publicly_accessible', 'true', 'public'),
  check(inst, r) {
    const a = inst.get('publicly_accessible');
    if (boolState(a) === 'true') r.attr(inst, a!, 'public');
  },
});

const storageEncrypted = awsRule({
  name: 'rds-storage-encrypted',
  title: 'RDS storage is not encrypted',
  description:
    'RDS instances and Aurora clusters are created unencrypted unless `storage_encrypted = true`, and encryption cannot be turned on later without a snapshot-and-restore migration. Unencrypted storage, snapshots and backups expose data to anyone who obtains them.',
  severity: 'high',
  messages: {
    missing: '{{address}} does not set storage_encrypted (defaults to false); set storage_encrypted = true (with a kms_key_id).',
    disabled: 'storage_encrypted is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Set `storage_encrypted = true` and `kms_key_id` to a customer-managed key. For an existing database, snapshot it, copy the snapshot with encryption and restore.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  standards: { ...STD, cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_16', 'CKV_AWS_96'], tfsec: ['aws-rds-encrypt-instance-storage-data', 'aws-rds-encrypt-cluster-storage-data'], trivy: ['AVD-AWS-0080', 'AVD-AWS-0079'], kics: ['08bd0760-8752-44e1-9779-7bb369b2b4e4', '3199c26c-7871-4cb3-99c2-10a59244ce7f'] },
  resources: RDS,
  modules: moduleInput('storage_encrypted', 'false', 'disabled'),
  check(inst, r) {
    if (isReplicaOrRestore(inst) || isClusterMember(inst)) return;
    // Aurora Serverless v1 clusters are always encrypted; a KMS key implies encryption
    if (strAt(inst, 'engine_mode') === 'serverless' || isSet(inst, 'kms_key_id')) return;
    requireTrue(inst, r, 'storage_encrypted', { missing: 'missing', false: 'disabled' });
  },
});

const backupRetention = awsRule({
  name: 'rds-backup-retention',
  title: 'RDS automated backups are disabled',
  description:
    '`backup_retention_period = 0` turns automated backups and point-in-time recovery off: data lost to a bad migration, deletion or ransomware cannot be recovered.',
  severity: 'medium',
  messages: {
    zero: 'backup_retention_period is {{actual}}{{from}} in {{address}}; expected at least 7 days.',
  },
  remediation: 'Set `backup_retention_period` to 7 days or more (up to 35).',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html'],
  standards: { sbd: ['7'], caf: ['B5'], cwe: ['CWE-693'] },
  equivalents: { checkov: ['CKV_AWS_133'], tfsec: ['aws-rds-specify-backup-retention'], trivy: ['AVD-AWS-0077'], kics: ['1dc73fb4-5b51-430c-8c5f-25dcf9090b02'] },
  resources: RDS,
  // the modules pass backup_retention_period to the instance or cluster unchanged; a replica's setting is its source's business
  modules: RDS_MODULES.map((source) => ({
    source,
    check(call, r) {
      if (inputSet(call.get('replicate_source_db'))) return;
      const a = call.get('backup_retention_period');
      if (a && asNumber(a.value) === 0) r.attr(call, a, 'zero');
    },
  })),
  check(inst, r) {
    if (isSet(inst, 'replicate_source_db') || isClusterMember(inst)) return;
    const a = inst.get('backup_retention_period');
    if (a && asNumber(a.value) === 0) r.attr(inst, a, 'zero');
  },
});

const deletionProtection = awsRule({
  name: 'rds-deletion-protection',
  title: 'RDS deletion protection is not enabled',
  description:
    'Without deletion protection a single API call, console click or `terraform destroy` deletes the database. Deletion protection forces a deliberate change first.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set deletion_protection (defaults to false); set deletion_protection = true for production data.',
    disabled: 'deletion_protection is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Set `deletion_protection = true`.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection'],
  standards: { sbd: ['7', '10'], caf: ['B5'], cwe: ['CWE-693'] },
  equivalents: { checkov: ['CKV_AWS_293', 'CKV_AWS_139'] },
  resources: RDS,
  check(inst, r) {
    if (isClusterMember(inst)) return;
    requireTrue(inst, r, 'deletion_protection', { missing: 'missing', false: 'disabled' });
  },
});

const IAM_AUTH_ENGINES = /^(mysql|postgres|mariadb|aurora|aurora-mysql|aurora-postgresql)$/;

/**
 * Whether RDS offers IAM database authentication for the engine and (when written) version. For MariaDB
 * it exists from 10.11 only (AWS's "Supported Regions and DB engines for IAM database authentication"
 * lists 10.4, 10.5 and 10.6 as not available), so an older MariaDB cannot turn it on. A version we cannot
 * read, or none (RDS picks its default, a current major), counts as supported.
 */
function iamAuthSupported(engine: string, version: string | undefined): boolean {
  if (!IAM_AUTH_ENGINES.test(engine)) return false;
  if (engine !== 'mariadb' || version === undefined) return true;
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return true;
  const major = Number(m[1]);
  return major > 10 || (major === 10 && (m[2] === undefined || Number(m[2]) >= 11));
}

const iamAuth = awsRule({
  name: 'rds-iam-authentication',
  title: 'RDS IAM database authentication is not enabled',
  description:
    'IAM database authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities, so access can be granted, audited and revoked centrally. Applies to MySQL and PostgreSQL engines (including Aurora) and to MariaDB 10.11 or later; RDS does not offer it for older MariaDB versions or for Aurora Serverless v1 clusters (`engine_mode = "serverless"`), which are not reported. Calls of terraform-aws-modules/rds and rds-aurora are reported when they set the input to false.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set iam_database_authentication_enabled (defaults to false); enable IAM database authentication.',
    disabled: 'iam_database_authentication_enabled is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Set `iam_database_authentication_enabled = true` and grant `rds-db:connect` to the roles that need it.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html'],
  standards: { sbd: ['7'], caf: ['B2'], cwe: ['CWE-287'] },
  equivalents: { checkov: ['CKV_AWS_161', 'CKV_AWS_162'], kics: ['88fd05e0-ac0e-43d2-ba6d-fc0ba60ae1a6'] },
  resources: RDS,
  // terraform-aws-modules/rds and rds-aurora default the input to false; only an explicit false is reported
  modules: RDS_MODULES.map((source) => ({
    source,
    check(call, r) {
      if (inputSet(call.get('replicate_source_db')) || inputSet(call.get('replication_source_identifier'))) return;
      const engine = call.get('engine');
      const e = engine ? asString(engine.value) : undefined;
      const v = call.get('engine_version');
      if (!e || !iamAuthSupported(e, v ? asString(v.value) : undefined)) return;
      const mode = call.get('engine_mode');
      if (mode && asString(mode.value) === 'serverless') return;
      const a = call.get('iam_database_authentication_enabled');
      if (boolState(a) === 'false') r.attr(call, a!, 'disabled');
    },
  })),
  check(inst, r) {
    if (isClusterMember(inst) || isSet(inst, 'replicate_source_db')) return;
    // Aurora Serverless v1 does not offer IAM database authentication
    if (strAt(inst, 'engine_mode') === 'serverless') return;
    const engine = strAt(inst, 'engine') ?? (inst.resourceType === 'aws_rds_cluster' ? 'aurora' : undefined);
    if (!engine || !iamAuthSupported(engine, strAt(inst, 'engine_version'))) return;
    requireTrue(inst, r, 'iam_database_authentication_enabled', { missing: 'missing', false: 'disabled' });
  },
});

const minorUpgrade = awsRule({
  name: 'rds-auto-minor-version-upgrade',
  title: 'RDS automatic minor version upgrades are disabled',
  description:
    'Minor engine versions carry security fixes. With `auto_minor_version_upgrade = false` they are applied only when someone remembers to, leaving known vulnerabilities in place.',
  severity: 'low',
  messages: {
    disabled: 'auto_minor_version_upgrade is {{actual}}{{from}} in {{address}}; expected true (the default).',
  },
  remediation: 'Remove `auto_minor_version_upgrade = false` (it defaults to true) and set a `maintenance_window`.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades'],
  standards: { sbd: ['7', '10'], caf: ['B4'], cwe: ['CWE-1104'] },
  equivalents: { checkov: ['CKV_AWS_226'], kics: ['3b6d777b-76e3-4133-80a3-0d6f667ade7f'] },
  resources: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster'],
  // terraform-aws-modules/rds and rds-aurora pass the input to the instances unchanged (default true)
  modules: moduleInput('auto_minor_version_upgrade', 'false', 'disabled'),
  check(inst, r) {
    const a = inst.get('auto_minor_version_upgrade');
    if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
  },
});

const piKms = awsRule({
  name: 'rds-performance-insights-kms',
  title: 'RDS Performance Insights data is not encrypted with a customer-managed key',
  description:
    'Performance Insights stores query text and wait statistics, which can contain personal data from SQL literals. Without `performance_insights_kms_key_id` it is encrypted with the AWS-managed key, which gives no separate control over who can decrypt it.',
  severity: 'low',
  messages: {
    missing: '{{address}} enables Performance Insights without performance_insights_kms_key_id; set a customer-managed KMS key.',
  },
  remediation: 'Set `performance_insights_kms_key_id` to a customer-managed KMS key ARN whenever `performance_insights_enabled = true`.',
  references: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_354'], tfsec: ['aws-rds-performance-insights-encryption-customer-key'], trivy: ['AVD-AWS-0078'] },
  resources: ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_rds_cluster'],
  check(inst, r) {
    const a = inst.get('performance_insights_enabled');
    if (boolState(a) !== 'true') return;
    if (!isSet(inst, 'performance_insights_kms_key_id')) r.attr(inst, a!, 'missing');
  },
});

export const rdsRules: Rule[] = [publicDb, storageEncrypted, backupRetention, deletionProtection, iamAuth, minorUpgrade, piKms];
