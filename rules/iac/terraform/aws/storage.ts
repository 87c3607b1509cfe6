import type { Rule } from '../../../../src/model/rule.js';
import { asNumber, asString, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isSet, mustBeTrue, requireTrue, strAt, tamSource } from './util.js';

const ENC = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] };
const TRANSIT = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] };
const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };

// ---------------------------------------------------------------- CloudTrail

const CT_REF = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html';

const ctMultiRegion = mustBeTrue({
  name: 'cloudtrail-multi-region',
  title: 'CloudTrail trail does not cover all regions',
  description: 'A single-region trail misses API activity in every other region — exactly where an attacker with stolen credentials starts crypto-miners or hides resources. A multi-region trail records all of them.',
  severity: 'medium',
  resources: ['aws_cloudtrail'],
  path: 'is_multi_region_trail',
  defaultFalse: true,
  what: 'record API activity in every region',
  remediation: 'Set `is_multi_region_trail = true` (and `include_global_service_events = true`).',
  references: [CT_REF, 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_67'], tfsec: ['aws-cloudtrail-enable-all-regions'], trivy: ['AVD-AWS-0014'], kics: ['8173d5eb-96b5-4aa6-a71b-ecfa153c123d'] },
});

const ctValidation = mustBeTrue({
  name: 'cloudtrail-log-validation',
  title: 'CloudTrail log file validation is disabled',
  description: 'Log file validation adds signed digest files so you can prove CloudTrail logs were not modified or deleted after delivery — essential when logs are evidence in an investigation.',
  severity: 'medium',
  resources: ['aws_cloudtrail'],
  path: 'enable_log_file_validation',
  defaultFalse: true,
  what: 'sign log digests so tampering can be detected',
  remediation: 'Set `enable_log_file_validation = true`.',
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-354'] },
  equivalents: { checkov: ['CKV_AWS_36'], tfsec: ['aws-cloudtrail-enable-log-validation'], trivy: ['AVD-AWS-0016'], kics: ['52ffcfa6-6c70-4ea6-8376-d828d3961669'] },
});

const ctKms = awsRule({
  name: 'cloudtrail-kms',
  title: 'CloudTrail logs are not encrypted with a KMS key',
  description: 'Without `kms_key_id` CloudTrail logs use S3-managed encryption: anyone who can read the log bucket can read the logs. SSE-KMS adds a key policy that limits who can decrypt the account\'s activity history.',
  severity: 'low',
  messages: { missing: '{{address}} does not set kms_key_id; encrypt the trail with a customer-managed KMS key.' },
  remediation: 'Create a KMS key whose policy allows CloudTrail to encrypt, and set `kms_key_id` to its ARN.',
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_35'], tfsec: ['aws-cloudtrail-encryption-customer-key'], trivy: ['AVD-AWS-0015'] },
  resources: ['aws_cloudtrail'],
  check(inst, r) {
    if (!isSet(inst, 'kms_key_id')) r.missing(inst, 'missing');
  },
});

const ctCloudWatch = awsRule({
  name: 'cloudtrail-cloudwatch',
  title: 'CloudTrail trail is not sent to CloudWatch Logs',
  description: 'Delivering the trail to CloudWatch Logs lets metric filters and alarms flag root logins, IAM changes and disabled logging as they happen, instead of after someone reads the S3 logs.',
  severity: 'low',
  messages: { missing: '{{address}} does not set cloud_watch_logs_group_arn; deliver the trail to CloudWatch Logs and alarm on key events.' },
  remediation: 'Set `cloud_watch_logs_group_arn` (`"${aws_cloudwatch_log_group.x.arn}:*"`) and `cloud_watch_logs_role_arn`.',
  references: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV2_AWS_10'], tfsec: ['aws-cloudtrail-ensure-cloudwatch-integration'], trivy: ['AVD-AWS-0162'] },
  resources: ['aws_cloudtrail'],
  check(inst, r) {
    if (!isSet(inst, 'cloud_watch_logs_group_arn')) r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- VPC flow logs

const flowLogs = awsRule({
  name: 'vpc-flow-logs',
  title: 'VPC has no flow log',
  description: 'VPC flow logs record accepted and rejected traffic. Without them there is no network evidence to investigate lateral movement, data exfiltration or a compromised instance.',
  severity: 'medium',
  messages: {
    missing: 'No aws_flow_log in this configuration refers to {{address}}; add a flow log (vpc_id = this VPC) to CloudWatch Logs or S3.',
    moduleMissing: '{{address}} (terraform-aws-modules/vpc) does not set enable_flow_log (defaults to false); set enable_flow_log = true.',
    moduleDisabled: 'enable_flow_log is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Add `aws_flow_log` with `vpc_id = aws_vpc.x.id`, `traffic_type = "ALL"` and a CloudWatch Logs or S3 destination.',
  references: ['https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV2_AWS_11'], tfsec: ['aws-ec2-require-vpc-flow-logs-for-all-vpcs'], trivy: ['AVD-AWS-0178'], kics: ['f83121ea-03da-434f-9277-9cd247ab3047'] },
  resources: ['aws_vpc'],
  modules: [
    {
      source: tamSource('vpc'),
      check(call, r) {
        const a = call.get('enable_flow_log');
        if (!a) r.missing(call, 'moduleMissing');
        else if (boolState(a) === 'false') r.attr(call, a, 'moduleDisabled');
      },
    },
  ],
  check(inst, r) {
    if (inst.module.findReferencing('aws_flow_log', 'vpc_id', inst).length) return;
    // a flow log whose VPC we cannot resolve may be this VPC's
    for (const f of inst.module.root.resources('aws_flow_log')) {
      const a = f.get('vpc_id');
      if (!a) continue;
      if (a.value.kind === 'unknown' || !f.expansionKnown) return;
      if (a.value.kind === 'reference' && a.value.type !== 'aws_vpc') return;
    }
    r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- KMS

const kmsRotation = awsRule({
  name: 'kms-key-rotation',
  title: 'KMS key rotation is not enabled',
  description: 'Automatic rotation replaces a symmetric KMS key\'s material yearly (or on your schedule), limiting how much data one key version protects and meeting key-management policies. Asymmetric and HMAC keys cannot rotate and are not flagged.',
  severity: 'medium',
  messages: {
    missing: '{{address}} does not set enable_key_rotation (defaults to false); set enable_key_rotation = true.',
    disabled: 'enable_key_rotation is {{actual}}{{from}} in {{address}}; expected true for a symmetric encryption key.',
  },
  remediation: 'Set `enable_key_rotation = true` (optionally `rotation_period_in_days`).',
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-320'] },
  equivalents: { checkov: ['CKV_AWS_7'], tfsec: ['aws-kms-auto-rotate-keys'], trivy: ['AVD-AWS-0065'], kics: ['22fbfeac-7b5a-421a-8a27-7a2178bb910b'] },
  resources: ['aws_kms_key'],
  check(inst, r) {
    const spec = inst.get('customer_master_key_spec') ?? inst.get('key_spec');
    const usage = inst.get('key_usage');
    if (spec && asString(spec.value) !== 'SYMMETRIC_DEFAULT') return;
    if (usage && asString(usage.value) !== 'ENCRYPT_DECRYPT') return;
    if (strAt(inst, 'custom_key_store_id') || strAt(inst, 'xks_key_id')) return;
    requireTrue(inst, r, 'enable_key_rotation', { missing: 'missing', false: 'disabled' });
  },
});

const kmsDeletion = awsRule({
  name: 'kms-deletion-window',
  title: 'KMS key deletion window is shorter than the default',
  description: 'Deleting a KMS key makes everything encrypted under it unreadable for good. The waiting period (7–30 days, default 30) is the only chance to notice and cancel a mistaken or malicious deletion; shortening it reduces that chance.',
  severity: 'low',
  messages: { short: 'deletion_window_in_days is {{actual}}{{from}} in {{address}}; keep the 30-day default so a scheduled deletion can be noticed and cancelled.' },
  remediation: 'Remove `deletion_window_in_days` or set it to 30, and alarm on `ScheduleKeyDeletion` events.',
  references: ['https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html#deleting-keys-scheduling-key-deletion'],
  standards: { sbd: ['7', '10'], caf: ['B3', 'B5'], cwe: ['CWE-693'] },
  equivalents: {},
  resources: ['aws_kms_key', 'aws_kms_replica_key'],
  check(inst, r) {
    const a = inst.get('deletion_window_in_days');
    const n = a ? asNumber(a.value) : undefined;
    if (a && n !== undefined && n < 30) r.attr(inst, a, 'short');
  },
});

// ---------------------------------------------------------------- EBS / EC2 disks / EFS

function defaultEbsEncryption(inst: ResourceInstance): boolean {
  return inst.module.root.resources('aws_ebs_encryption_by_default').some((d) => boolState(d.get('enabled')) !== 'false');
}

const ebsVolume = mustBeTrue({
  name: 'ebs-volume-encryption',
  title: 'EBS volume is not encrypted',
  description: 'An unencrypted EBS volume — and every snapshot taken of it — stores data in clear on AWS storage; snapshots in particular are easily shared or copied by mistake.',
  severity: 'high',
  resources: ['aws_ebs_volume'],
  path: 'encrypted',
  defaultFalse: true,
  what: 'encrypt the volume (and its snapshots) at rest',
  remediation: 'Set `encrypted = true` (with `kms_key_id` for a customer-managed key), or enable `aws_ebs_encryption_by_default`.',
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_3'], tfsec: ['aws-ec2-enable-volume-encryption'], trivy: ['AVD-AWS-0026'], kics: ['cc997676-481b-4e93-aa81-d19f8c5e9b12'] },
  skip: (inst) => isSet(inst, 'snapshot_id') || isSet(inst, 'kms_key_id') || defaultEbsEncryption(inst),
});

const ebsDefault = awsRule({
  name: 'ebs-encryption-by-default',
  title: 'EBS encryption by default is turned off',
  description: 'Account-level EBS encryption by default makes every new volume and snapshot in the region encrypted, whoever creates it. Turning it off lets unencrypted volumes be created.',
  severity: 'medium',
  messages: { disabled: 'enabled is {{actual}}{{from}} in {{address}}; expected true so every new EBS volume is encrypted.' },
  remediation: 'Set `enabled = true` in `aws_ebs_encryption_by_default` (in every region you use).',
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_106'], kics: ['3d3f6270-546b-443c-adb4-bb6fb2187ca6'] },
  resources: ['aws_ebs_encryption_by_default'],
  check(inst, r) {
    const a = inst.get('enabled');
    if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
  },
});

const ec2Disks = awsRule({
  name: 'ec2-block-device-encryption',
  title: 'EC2 block device is not encrypted',
  description: 'Root and data volumes declared on instances, launch templates and launch configurations are created unencrypted unless `encrypted = true` (or account-level default encryption is on), leaving data and snapshots in clear.',
  severity: 'medium',
  messages: {
    missing: '{{device}} in {{address}} does not set encrypted (defaults to false); set encrypted = true.',
    disabled: 'encrypted is {{actual}}{{from}} in {{device}} of {{address}}; expected true.',
  },
  remediation: 'Set `encrypted = true` in `root_block_device` / `ebs_block_device` (`ebs { }` in launch templates), or enable `aws_ebs_encryption_by_default`.',
  references: ['https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_8'], tfsec: ['aws-ec2-enable-at-rest-encryption', 'aws-autoscaling-enable-at-rest-encryption'], trivy: ['AVD-AWS-0131', 'AVD-AWS-0008'] },
  resources: ['aws_instance', 'aws_launch_configuration', 'aws_launch_template'],
  check(inst, r) {
    if (defaultEbsEncryption(inst)) return;
    const devices =
      inst.resourceType === 'aws_launch_template'
        ? inst.blocks('block_device_mapping').flatMap((m) => m.blocks('ebs').map((b) => ({ b, name: 'block_device_mapping.ebs' })))
        : [...inst.blocks('root_block_device').map((b) => ({ b, name: 'root_block_device' })), ...inst.blocks('ebs_block_device').map((b) => ({ b, name: 'ebs_block_device' }))];
    for (const { b, name } of devices) {
      if (!b.expansionKnown || isSet(b, 'snapshot_id') || isSet(b, 'kms_key_id')) continue;
      const a = b.get('encrypted');
      const st = boolState(a);
      if (st === 'missing') r.block(inst, b, 'missing', { device: name });
      else if (st === 'false') r.attr(inst, a!, 'disabled', { device: name });
    }
  },
});

const efs = mustBeTrue({
  name: 'efs-encryption',
  title: 'EFS file system is not encrypted at rest',
  description: 'EFS file systems are unencrypted unless `encrypted = true` at creation, and encryption cannot be added later without migrating the data.',
  severity: 'high',
  resources: ['aws_efs_file_system'],
  path: 'encrypted',
  defaultFalse: true,
  what: 'encrypt the file system at rest',
  remediation: 'Set `encrypted = true` (and `kms_key_id` for a customer-managed key); migrate existing data to a new encrypted file system.',
  references: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_42'], tfsec: ['aws-efs-enable-at-rest-encryption'], trivy: ['AVD-AWS-0037'], kics: ['48207659-729f-4b5c-9402-f884257d794f'] },
  skip: (inst) => isSet(inst, 'kms_key_id'),
});

// ---------------------------------------------------------------- ElastiCache

const REDIS_REF = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html';

const cacheAtRest = mustBeTrue({
  name: 'elasticache-at-rest-encryption',
  title: 'ElastiCache replication group is not encrypted at rest',
  description: 'Cached data (sessions, tokens, personal data) is written to disk in swap and backups; without at-rest encryption those copies are in clear. It can only be set when the group is created.',
  severity: 'medium',
  resources: ['aws_elasticache_replication_group'],
  path: 'at_rest_encryption_enabled',
  defaultFalse: true,
  what: 'encrypt cache data on disk and in backups',
  remediation: 'Set `at_rest_encryption_enabled = true` (with `kms_key_id` for a customer-managed key).',
  references: [REDIS_REF],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_29'], tfsec: ['aws-elasticache-enable-at-rest-encryption'], trivy: ['AVD-AWS-0045'], kics: ['76976de7-c7b1-4f64-a94f-90c1345914c2'] },
});

const cacheTransit = mustBeTrue({
  name: 'elasticache-transit-encryption',
  title: 'ElastiCache replication group does not encrypt traffic in transit',
  description: 'Without in-transit encryption, Redis/Valkey commands and cached values (often session tokens and personal data) travel in clear between clients and nodes, and between replicas.',
  severity: 'medium',
  resources: ['aws_elasticache_replication_group'],
  path: 'transit_encryption_enabled',
  defaultFalse: true,
  what: 'use TLS between clients and nodes',
  remediation: 'Set `transit_encryption_enabled = true` and connect with TLS.',
  references: [REDIS_REF],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV_AWS_30'], tfsec: ['aws-elasticache-enable-in-transit-encryption'], trivy: ['AVD-AWS-0051'], kics: ['1afbb3fa-cf6c-4a3d-b730-95e9f4df343e'] },
});

const cacheAuth = awsRule({
  name: 'elasticache-auth',
  title: 'ElastiCache Redis has no authentication',
  description: 'Without an AUTH token or RBAC user group, anything that can reach the Redis endpoint can read and change every key. Authentication requires in-transit encryption.',
  severity: 'low',
  messages: { missing: '{{address}} sets neither auth_token nor user_group_ids; require authentication (AUTH token or RBAC user groups, with transit encryption).' },
  remediation: 'Enable `transit_encryption_enabled = true` and set `auth_token` (from a secret) or `user_group_ids` for Redis RBAC.',
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html'],
  standards: { sbd: ['7'], caf: ['B2'], cwe: ['CWE-306'] },
  equivalents: { checkov: ['CKV_AWS_31'] },
  resources: ['aws_elasticache_replication_group'],
  check(inst, r) {
    const engine = strAt(inst, 'engine');
    if (engine && engine !== 'redis' && engine !== 'valkey') return;
    if (isSet(inst, 'auth_token') || isSet(inst, 'user_group_ids')) return;
    r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- SQS / SNS / DynamoDB

const sqs = awsRule({
  name: 'sqs-encryption-disabled',
  title: 'SQS queue encryption is turned off',
  description: 'SQS queues are encrypted with SQS-managed keys by default. Setting `sqs_managed_sse_enabled = false` without a KMS key turns encryption off, leaving messages unencrypted at rest.',
  severity: 'medium',
  messages: { disabled: 'sqs_managed_sse_enabled is {{actual}}{{from}} in {{address}} and no kms_master_key_id is set, so messages are not encrypted at rest; remove it or set a KMS key.' },
  remediation: 'Remove `sqs_managed_sse_enabled = false`, or set `kms_master_key_id` to a KMS key.',
  references: ['https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_27'], tfsec: ['aws-sqs-enable-queue-encryption'], trivy: ['AVD-AWS-0096'], kics: ['6e8849c1-3aa7-40e3-9063-b85ee300f29f'] },
  resources: ['aws_sqs_queue'],
  check(inst, r) {
    const a = inst.get('sqs_managed_sse_enabled');
    if (boolState(a) === 'false' && !isSet(inst, 'kms_master_key_id')) r.attr(inst, a!, 'disabled');
  },
});

const sns = awsRule({
  name: 'sns-encryption',
  title: 'SNS topic is not encrypted with KMS',
  description: 'SNS topics are not encrypted at rest unless `kms_master_key_id` is set. Notifications often carry identifiers and personal data that then sit unencrypted while queued for delivery.',
  severity: 'low',
  messages: { missing: '{{address}} does not set kms_master_key_id; encrypt the topic (e.g. "alias/aws/sns" or a customer-managed key).' },
  remediation: 'Set `kms_master_key_id` to a customer-managed key (or `alias/aws/sns`).',
  references: ['https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_26'], tfsec: ['aws-sns-enable-topic-encryption'], trivy: ['AVD-AWS-0095'] },
  resources: ['aws_sns_topic'],
  check(inst, r) {
    if (!isSet(inst, 'kms_master_key_id')) r.missing(inst, 'missing');
  },
});

const dynamoPitr = mustBeTrue({
  name: 'dynamodb-point-in-time-recovery',
  title: 'DynamoDB point-in-time recovery is not enabled',
  description: 'Point-in-time recovery lets a table be restored to any second in the last 35 days after an accidental delete, bad deployment or malicious write. Without it, only manual backups (if any) remain.',
  severity: 'low',
  resources: ['aws_dynamodb_table'],
  path: 'point_in_time_recovery.enabled',
  defaultFalse: true,
  what: 'keep continuous backups for recovery',
  remediation: 'Add `point_in_time_recovery { enabled = true }`.',
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html'],
  standards: { sbd: ['7'], caf: ['B5'], cwe: ['CWE-693'] },
  equivalents: { checkov: ['CKV_AWS_28'], tfsec: ['aws-dynamodb-enable-recovery'], trivy: ['AVD-AWS-0024'], kics: ['741f1291-47ac-4a85-a07b-3d32a9d6bd3e'] },
});

/** The AWS-managed DynamoDB key, by alias or alias ARN. */
const AWS_MANAGED_DYNAMODB_KEY = /^(arn:[^:]+:kms:[^:]*:\d*:)?alias\/aws\/dynamodb$/;

const dynamoCmk = awsRule({
  name: 'dynamodb-kms',
  title: 'DynamoDB table is not encrypted with a customer-managed key',
  description: 'DynamoDB always encrypts data at rest, by default with an AWS-owned key that you cannot control or audit. `server_side_encryption { enabled = true }` alone switches to the AWS-managed key `aws/dynamodb`, whose key policy you cannot change either; with `kms_key_arn` set to a customer-managed key, your key policy and CloudTrail govern who can read the data. A `kms_key_arn` taken from a variable or another resource is not judged.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set {{attribute}} (defaults to false), so the table uses an AWS-owned key; enable it with kms_key_arn set to a KMS key you control.',
    disabled: '{{attribute}} is {{actual}}{{from}} in {{address}}; expected true, with kms_key_arn set to a KMS key you control.',
    awsManaged: '{{address}} enables server_side_encryption without kms_key_arn, so the table uses the AWS-managed key aws/dynamodb; set kms_key_arn to a customer-managed key.',
    awsManagedAlias: 'kms_key_arn is {{actual}}{{from}} in {{address}}, the AWS-managed key; set it to a customer-managed key.',
  },
  remediation: 'Add `server_side_encryption { enabled = true, kms_key_arn = aws_kms_key.x.arn }`.',
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_119'], tfsec: ['aws-dynamodb-table-customer-key'], trivy: ['AVD-AWS-0025'] },
  resources: ['aws_dynamodb_table'],
  check(inst, r) {
    const path = 'server_side_encryption.enabled';
    requireTrue(inst, r, path, { missing: 'missing', false: 'disabled' }, { attribute: path });
    const sse = inst.blocks('server_side_encryption')[0];
    if (!sse || !sse.expansionKnown || boolState(sse.get('enabled')) !== 'true') return;
    const key = sse.get('kms_key_arn');
    if (!key || key.value.kind === 'null') r.block(inst, sse, 'awsManaged');
    else if (AWS_MANAGED_DYNAMODB_KEY.test(asString(key.value) ?? '')) r.attr(inst, key, 'awsManagedAlias');
  },
});

export const storageRules: Rule[] = [
  ctMultiRegion,
  ctValidation,
  ctKms,
  ctCloudWatch,
  flowLogs,
  kmsRotation,
  kmsDeletion,
  ebsVolume,
  ebsDefault,
  ec2Disks,
  efs,
  cacheAtRest,
  cacheTransit,
  cacheAuth,
  sqs,
  sns,
  dynamoPitr,
  dynamoCmk,
];
