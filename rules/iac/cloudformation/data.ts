import type { Rule } from '../../../src/model/rule.js';
import type { Severity } from '../../../src/model/severity.js';
import { entry, get, isMap } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_DATA_STANDARDS, CFN_STANDARDS, cfnMeta, docs, each, list, num, propEntry, resolve, string, typeAt, type Resource, type Template } from './cfn.js';

/** A rule requiring a boolean property (possibly nested) to be true; missing counts as false. */
export function requireTrue(o: {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  types: string[];
  path: string[];
  what: string;
  remediation: string;
  references: string[];
  cwe: string[];
  equivalents?: Record<string, string[]>;
  standards?: typeof CFN_DATA_STANDARDS;
  skip?: (r: Resource, t: Template) => boolean;
}): Rule {
  const prop = o.path.join('.');
  return {
    meta: cfnMeta({
      id: o.id,
      title: o.title,
      description: o.description,
      severity: o.severity,
      messages: {
        missing: `{{type}} {{name}} does not set \`${prop}\`, so ${o.what} is off by default; set \`${prop}: true\`.`,
        false: `{{type}} {{name}} sets \`${prop}: {{value}}\`, so ${o.what} is off; set it to true.`,
      },
      remediation: o.remediation,
      references: o.references,
      standards: { ...(o.standards ?? CFN_DATA_STANDARDS), cwe: o.cwe },
      equivalents: o.equivalents ?? {},
    }),
    check(ctx) {
      each(ctx, o.types, (r, t) => {
        if (o.skip?.(r, t)) return;
        const e = propEntry(r.props, ...o.path);
        const data = { type: r.type.replace(/^AWS::/, ''), name: r.name };
        if (!e) {
          // a missing parent that is itself an unresolvable intrinsic is unknown, not missing
          for (let i = 1; i < o.path.length; i++) {
            const parent = propEntry(r.props, ...o.path.slice(0, i));
            if (parent && resolve(t, parent.value) === undefined) return;
          }
          return ctx.report({ messageId: 'missing', offsets: typeAt(r), data });
        }
        const v = bool(t, e.value);
        if (v === false) ctx.report({ messageId: 'false', offsets: at(e), data: { ...data, value: String(string(t, e.value)) } });
      });
    },
  };
}

const RDS_I = 'AWS::RDS::DBInstance';
const RDS_C = 'AWS::RDS::DBCluster';
/** Instances whose storage settings come from elsewhere (a cluster, a source DB or a snapshot). */
function rdsInherited(r: Resource, t: Template): boolean {
  if (r.type !== RDS_I) return !!get(r.props, 'SnapshotIdentifier') || !!get(r.props, 'SourceDBClusterIdentifier');
  const engine = (string(t, get(r.props, 'Engine')) ?? '').toLowerCase();
  return !!get(r.props, 'DBClusterIdentifier') || engine.startsWith('aurora') || !!get(r.props, 'SourceDBInstanceIdentifier') || !!get(r.props, 'DBSnapshotIdentifier') || !!get(r.props, 'SourceDBClusterIdentifier');
}

const rdsPublic: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-rds-public',
    title: 'RDS database instance is publicly accessible',
    description: '`PubliclyAccessible: true` gives the database a public DNS name and IP address, reachable from the internet wherever security groups allow. Databases holding service data belong in private subnets reachable only from the application.',
    severity: 'high',
    messages: { public: 'DB instance {{name}} sets `PubliclyAccessible: true`; set it to false and reach the database from inside the VPC.' },
    remediation: 'Set `PubliclyAccessible: false`, place the instance in private subnets (`DBSubnetGroupName`), and connect through the application tier, a bastion or Session Manager port forwarding.',
    references: [docs(RDS_I), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding'],
    standards: { ...CFN_STANDARDS, cwe: ['CWE-284'] },
    equivalents: { checkov: ['CKV_AWS_17'], trivy: ['AVD-AWS-0082'], kics: ['de38e1d5-54cb-4111-a868-6f7722695007'] },
  }),
  check(ctx) {
    each(ctx, [RDS_I, RDS_C], (r, t) => {
      const e = entry(r.props, 'PubliclyAccessible');
      if (e && bool(t, e.value) === true) ctx.report({ messageId: 'public', offsets: at(e), data: { name: r.name } });
    });
  },
};

const rdsEncrypted = requireTrue({
  id: 'iac/cfn-rds-storage-encryption',
  title: 'RDS storage not encrypted',
  description: 'RDS instances and Aurora clusters are created unencrypted unless `StorageEncrypted` is true, and encryption cannot be turned on later without a snapshot-and-restore. Unencrypted storage, snapshots, backups and replicas expose the data to anyone who gets hold of them. Instances in a cluster, read replicas and restores inherit it and are not checked.',
  severity: 'high',
  types: [RDS_I, RDS_C],
  path: ['StorageEncrypted'],
  what: 'encryption at rest',
  remediation: 'Set `StorageEncrypted: true` (with `KmsKeyId` for a customer-managed key). For an existing database, snapshot, copy the snapshot with encryption and restore.',
  references: [docs(RDS_I), docs(RDS_C), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html'],
  cwe: ['CWE-311'],
  equivalents: { checkov: ['CKV_AWS_16', 'CKV_AWS_96'], trivy: ['AVD-AWS-0080', 'AVD-AWS-0079'], kics: ['5beacce3-4020-4a3d-9e1d-a36f953df630', '65844ba3-03a1-40a8-b3dd-919f122e8c95'] },
  skip: (r, t) => rdsInherited(r, t) || (r.type === RDS_C && (string(t, get(r.props, 'EngineMode')) === 'serverless')),
});

const rdsBackup: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-rds-backup-retention',
    title: 'RDS automated backups disabled',
    description: '`BackupRetentionPeriod: 0` turns off automated backups and point-in-time recovery: data lost to a mistake, corruption or ransomware cannot be restored. Aurora instances (whose retention is set on the cluster and ignored on the instance) and read replicas (whose data is backed up at the source) are not checked.',
    severity: 'medium',
    messages: { zero: 'DB instance {{name}} sets `BackupRetentionPeriod: 0`, disabling automated backups; keep at least 7 days.' },
    remediation: 'Set `BackupRetentionPeriod` to 7 or more (35 for production data) and consider AWS Backup.',
    references: [docs(RDS_I), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B5'], cwe: ['CWE-693'] },
    equivalents: { checkov: ['CKV_AWS_133'], trivy: ['AVD-AWS-0077'], kics: ['8c415f6f-7b90-4a27-a44a-51047e1506f9'] },
  }),
  check(ctx) {
    each(ctx, [RDS_I, RDS_C], (r, t) => {
      if (r.type === RDS_I) {
        const engine = (string(t, get(r.props, 'Engine')) ?? '').toLowerCase();
        if (get(r.props, 'DBClusterIdentifier') || engine.startsWith('aurora') || get(r.props, 'SourceDBInstanceIdentifier') || get(r.props, 'SourceDBClusterIdentifier')) return;
      }
      const e = entry(r.props, 'BackupRetentionPeriod');
      if (e && num(t, e.value) === 0) ctx.report({ messageId: 'zero', offsets: at(e), data: { name: r.name } });
    });
  },
};

const rdsDeletion = requireTrue({
  id: 'iac/cfn-rds-deletion-protection',
  title: 'RDS deletion protection not enabled',
  description: 'Without `DeletionProtection`, a stack update that replaces or removes the database, or a single API call with stolen credentials, deletes it. Deletion protection makes deleting a production database a deliberate two-step act.',
  severity: 'low',
  types: [RDS_I, RDS_C],
  path: ['DeletionProtection'],
  what: 'deletion protection',
  remediation: 'Set `DeletionProtection: true` (and `DeletionPolicy: Snapshot`/`UpdateReplacePolicy: Snapshot` on the resource).',
  references: [docs(RDS_I), 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection'],
  cwe: ['CWE-693'],
  standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B5'] },
  equivalents: { checkov: ['CKV_AWS_293', 'CKV_AWS_139'], kics: ['2c161e58-cb52-454f-abea-6470c37b5e6e'] },
  skip: (r) => r.type === RDS_I && !!get(r.props, 'DBClusterIdentifier'),
});

const ebs = requireTrue({
  id: 'iac/cfn-ebs-encryption',
  title: 'EBS volume not encrypted',
  description: 'An EBS volume without `Encrypted: true` stores its data, and every snapshot of it, unencrypted, unless the account has EBS encryption by default switched on, which the template cannot guarantee.',
  severity: 'medium',
  types: ['AWS::EC2::Volume'],
  path: ['Encrypted'],
  what: 'encryption at rest',
  remediation: 'Set `Encrypted: true` (with `KmsKeyId` for a customer-managed key), and enable EBS encryption by default in every region.',
  references: [docs('AWS::EC2::Volume'), 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
  cwe: ['CWE-311'],
  equivalents: { checkov: ['CKV_AWS_3'], trivy: ['AVD-AWS-0026'], kics: ['80b7ac3f-d2b7-4577-9b10-df7913497162'] },
  skip: (r) => !!get(r.props, 'SnapshotId'),
});

const ebsMappings: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-ebs-mapping-unencrypted',
    title: 'Instance or launch template block device explicitly unencrypted',
    description: 'A block device mapping with `Ebs.Encrypted: false` creates an unencrypted volume for the instance, overriding encryption by default for launch templates and leaving its data and snapshots readable to anyone who obtains them.',
    severity: 'medium',
    messages: { false: '{{name}} maps a block device with `Encrypted: false`; set `Encrypted: true`.' },
    remediation: 'Set `Ebs.Encrypted: true` on every block device mapping.',
    references: [docs('AWS::EC2::LaunchTemplate'), 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_8'], trivy: ['AVD-AWS-0131', 'AVD-AWS-0008'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration'], (r, t) => {
      const base = r.type === 'AWS::EC2::LaunchTemplate' ? resolve(t, get(r.props, 'LaunchTemplateData')) : r.props;
      for (const m of list(t, get(base, 'BlockDeviceMappings')) ?? []) {
        const e = propEntry(resolve(t, m), 'Ebs', 'Encrypted');
        if (e && bool(t, e.value) === false) ctx.report({ messageId: 'false', offsets: at(e), data: { name: r.name } });
      }
    });
  },
};

const efs = requireTrue({
  id: 'iac/cfn-efs-encryption',
  title: 'EFS file system not encrypted',
  description: 'EFS encryption at rest can only be chosen when the file system is created. Without `Encrypted: true`, shared files and their backups are stored unencrypted.',
  severity: 'medium',
  types: ['AWS::EFS::FileSystem'],
  path: ['Encrypted'],
  what: 'encryption at rest',
  remediation: 'Set `Encrypted: true` (with `KmsKeyId` for a customer-managed key); existing file systems must be recreated and the data copied.',
  references: [docs('AWS::EFS::FileSystem'), 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  cwe: ['CWE-311'],
  equivalents: { checkov: ['CKV_AWS_42'], trivy: ['AVD-AWS-0037'], kics: ['2ff8e83c-90e1-4d68-a300-6d652112e622'] },
});

const sqs: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-sqs-encryption',
    title: 'SQS queue not encrypted at rest',
    description: 'Messages often carry personal data. A queue with `SqsManagedSseEnabled: false` and no `KmsMasterKeyId` stores them unencrypted; one with neither set relies on the SSE-SQS default, which a customer-managed KMS key would make auditable and revocable.',
    severity: 'medium',
    messages: {
      disabled: 'Queue {{name}} sets `SqsManagedSseEnabled: false` without a `KmsMasterKeyId`, so messages are stored unencrypted; remove it or set `KmsMasterKeyId`.',
      missing: 'Queue {{name}} sets neither `KmsMasterKeyId` nor `SqsManagedSseEnabled`; declare encryption explicitly (`SqsManagedSseEnabled: true` or a KMS key).',
    },
    remediation: 'Set `KmsMasterKeyId` (a customer-managed key, or `alias/aws/sqs`) or `SqsManagedSseEnabled: true`.',
    references: [docs('AWS::SQS::Queue'), 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_27'], trivy: ['AVD-AWS-0096'], kics: ['12726829-93ed-4d51-9cbe-13423f4299e1'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::SQS::Queue'], (r, t) => {
      if (get(r.props, 'KmsMasterKeyId')) return;
      const e = entry(r.props, 'SqsManagedSseEnabled');
      if (!e) return ctx.report({ messageId: 'missing', severity: 'low', offsets: typeAt(r), data: { name: r.name } });
      if (bool(t, e.value) === false) ctx.report({ messageId: 'disabled', offsets: at(e), data: { name: r.name } });
    });
  },
};

const sns: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-sns-encryption',
    title: 'SNS topic not encrypted at rest',
    description: 'SNS topics store messages unencrypted unless `KmsMasterKeyId` names a KMS key. Notifications often carry personal data or operational secrets.',
    severity: 'medium',
    messages: { missing: 'Topic {{name}} has no `KmsMasterKeyId`, so messages are stored unencrypted; set a KMS key (a customer-managed key, or `alias/aws/sns`).' },
    remediation: 'Set `KmsMasterKeyId` to a customer-managed key (grant the publishing services `kms:GenerateDataKey*` and `kms:Decrypt`) or `alias/aws/sns`.',
    references: [docs('AWS::SNS::Topic'), 'https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_26'], trivy: ['AVD-AWS-0095'], kics: ['9d13b150-a2ab-42a1-b6f4-142e41f81e52'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::SNS::Topic'], (r) => {
      if (!get(r.props, 'KmsMasterKeyId')) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
    });
  },
};

const dynamo: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-dynamodb-kms',
    title: 'DynamoDB table not encrypted with a KMS key',
    description: 'DynamoDB always encrypts at rest, by default with an AWS-owned key you cannot audit, restrict or revoke. `SSESpecification` with `SSEEnabled: true` (KMS) puts access to the table\'s data under your key policy and in CloudTrail; `SSEEnabled` defaults to false, so an `SSESpecification` that sets only `SSEType: KMS` still uses the AWS-owned key.',
    severity: 'low',
    messages: {
      missing: 'Table {{name}} has no `SSESpecification`, so it uses an AWS-owned key; set `SSESpecification: { SSEEnabled: true }` (optionally with `KMSMasterKeyId`).',
      false: 'Table {{name}} sets `SSEEnabled: false` (AWS-owned key); set it to true to use a KMS key.',
      notEnabled: 'Table {{name}} has an `SSESpecification` without `SSEEnabled`, which defaults to false (AWS-owned key, whatever `SSEType` says); add `SSEEnabled: true`.',
    },
    remediation: 'Set `SSESpecification.SSEEnabled: true` with `SSEType: KMS` and a customer-managed `KMSMasterKeyId`.',
    references: [docs('AWS::DynamoDB::Table'), 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_119'], kics: ['c8dee387-a2e6-4a73-a942-183c975549ac'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'], (r, t) => {
      const e = entry(r.props, 'SSESpecification');
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const spec = resolve(t, e.value);
      const se = propEntry(spec, 'SSEEnabled');
      if (se && bool(t, se.value) === false) ctx.report({ messageId: 'false', offsets: at(se), data: { name: r.name } });
      if (!se && isMap(spec)) ctx.report({ messageId: 'notEnabled', offsets: at(e), data: { name: r.name } });
    });
  },
};

const elasticache: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-elasticache-encryption',
    title: 'ElastiCache replication group not encrypted',
    description: 'Caches hold sessions, tokens and copies of personal data. Without `TransitEncryptionEnabled` clients talk to Redis/Valkey in clear text inside the VPC; without `AtRestEncryptionEnabled` data on disk and in backups is unencrypted. Both default to false. Secondary members of a global datastore (`GlobalReplicationGroupId`) take their encryption settings from the datastore and are not checked.',
    severity: 'medium',
    messages: {
      missing: 'Replication group {{name}} does not set `{{property}}` (default false); set them to true.',
      false: 'Replication group {{name}} sets `{{property}}: false`; set it to true.',
    },
    remediation: 'Set `TransitEncryptionEnabled: true` (with an AUTH token or RBAC) and `AtRestEncryptionEnabled: true` (with `KmsKeyId` for a customer-managed key).',
    references: [docs('AWS::ElastiCache::ReplicationGroup'), 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311', 'CWE-319'] },
    equivalents: { checkov: ['CKV_AWS_29', 'CKV_AWS_30'], trivy: ['AVD-AWS-0045', 'AVD-AWS-0051'], kics: ['e4ee3903-9225-4b6a-bdfb-e62dbadef821', '3b02569b-fc6f-4153-b3a3-ba91022fed68'] },
  }),
  check(ctx) {
    each(ctx, ['AWS::ElastiCache::ReplicationGroup'], (r, t) => {
      if (get(r.props, 'GlobalReplicationGroupId')) return;
      const missing: string[] = [];
      for (const property of ['AtRestEncryptionEnabled', 'TransitEncryptionEnabled']) {
        const e = entry(r.props, property);
        if (!e) missing.push(property);
        else if (bool(t, e.value) === false) ctx.report({ messageId: 'false', offsets: at(e), data: { name: r.name, property } });
      }
      if (missing.length) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name, property: missing.join('` and `') } });
    });
  },
};

const kms = requireTrue({
  id: 'iac/cfn-kms-key-rotation',
  title: 'KMS key rotation not enabled',
  description: 'Automatic rotation replaces a symmetric KMS key\'s material every year (or on the period set), limiting how much data any one key version protects and how long a compromised version is useful. It is off unless `EnableKeyRotation` is true. Asymmetric and HMAC keys cannot rotate and are exempt.',
  severity: 'medium',
  types: ['AWS::KMS::Key'],
  path: ['EnableKeyRotation'],
  what: 'automatic key rotation',
  remediation: 'Set `EnableKeyRotation: true` on symmetric encryption keys (optionally `RotationPeriodInDays`).',
  references: [docs('AWS::KMS::Key'), 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
  cwe: ['CWE-320'],
  equivalents: { checkov: ['CKV_AWS_7'], kics: ['235ca980-eb71-48f4-9030-df0c371029eb', '1c07bfaf-663c-4f6f-b22b-8e2d481e4df5'] },
  skip: (r, t) => {
    const spec = string(t, get(r.props, 'KeySpec'));
    const origin = string(t, get(r.props, 'Origin'));
    return (!!get(r.props, 'KeySpec') && spec !== 'SYMMETRIC_DEFAULT') || (!!origin && origin !== 'AWS_KMS') || string(t, get(r.props, 'KeyUsage')) === 'GENERATE_VERIFY_MAC';
  },
});

export const dataRules: Rule[] = [rdsPublic, rdsEncrypted, rdsBackup, rdsDeletion, ebs, ebsMappings, efs, sqs, sns, dynamo, elasticache, kms];
