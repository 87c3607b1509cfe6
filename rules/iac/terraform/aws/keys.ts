import type { Rule } from '../../../../src/model/rule.js';
import type { Equivalents } from '../../../../src/model/standards.js';
import { asString, type AttrResult, type ResourceInstance, type Value } from '../../../../src/terraform/index.js';
import { awsRule, isSet } from './util.js';

const ENC = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] };

/**
 * True when a key attribute names the AWS managed key of a service (`alias/aws/<service>`): as a
 * literal alias or alias ARN, or through `data "aws_kms_key"` / `data "aws_kms_alias"` whose
 * `key_id` / `name` is that alias. False when it names another key; undefined when it cannot be told.
 */
export function isAwsManagedKey(v: Value, service: string, inst: ResourceInstance): boolean | undefined {
  const alias = `alias/aws/${service}`;
  const named = (s: string) => s === alias || s.endsWith(`:${alias}`);
  const s = asString(v);
  if (s !== undefined) return named(s);
  if (v.kind !== 'reference' || v.mode !== 'data' || (v.type !== 'aws_kms_key' && v.type !== 'aws_kms_alias')) return undefined;
  const ds = inst.module.resolveReference(v);
  if (ds.length === 0) return undefined;
  const answers = ds.map((d) => {
    const id = asString(d.get(v.type === 'aws_kms_key' ? 'key_id' : 'name')?.value);
    return id === undefined ? undefined : named(id);
  });
  if (answers.every((a) => a === true)) return true;
  if (answers.every((a) => a === false)) return false;
  return undefined;
}

interface CmkSpec {
  name: string;
  title: string;
  description: string;
  resource: string;
  attribute: string;
  service: string;
  /** What is encrypted, with its verb ("the secret is"). */
  what: string;
  remediation: string;
  references: string[];
  equivalents: Equivalents;
  /** Instances the rule does not apply to (e.g. SSM parameters that are not SecureString). */
  applies?: (inst: ResourceInstance) => boolean;
}

/** A resource encrypted with the service's AWS managed key unless a customer-managed key is given. */
function cmkRule(spec: CmkSpec): Rule {
  return awsRule({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    severity: 'low',
    messages: {
      missing: `{{address}} does not set ${spec.attribute}, so ${spec.what} encrypted with the AWS managed key alias/aws/${spec.service}; set ${spec.attribute} to a customer-managed KMS key.`,
      awsManaged: `${spec.attribute} is {{actual}}{{from}} in {{address}}, the AWS managed key alias/aws/${spec.service}; use a customer-managed KMS key whose key policy limits who can decrypt.`,
    },
    remediation: spec.remediation,
    references: spec.references,
    standards: ENC,
    equivalents: spec.equivalents,
    resources: [spec.resource],
    check(inst, r) {
      if (spec.applies && !spec.applies(inst)) return;
      if (!isSet(inst, spec.attribute)) return r.missing(inst, 'missing');
      const a: AttrResult = inst.get(spec.attribute)!;
      if (isAwsManagedKey(a.value, spec.service, inst) === true) r.attr(inst, a, 'awsManaged');
    },
  });
}

const secretCmk = cmkRule({
  name: 'secretsmanager-cmk',
  title: 'Secrets Manager secret is not encrypted with a customer-managed KMS key',
  description:
    'Without `kms_key_id` Secrets Manager encrypts a secret with the account\'s AWS managed key `aws/secretsmanager`, whose key policy lets every principal in the account with Secrets Manager permissions use it. A customer-managed key adds a second, independent control on who can decrypt the secret, is required to share the secret with another account, and can be disabled to cut off access at once.',
  resource: 'aws_secretsmanager_secret',
  attribute: 'kms_key_id',
  service: 'secretsmanager',
  what: 'the secret is',
  remediation: 'Create an `aws_kms_key` (with `enable_key_rotation = true` and a key policy naming the roles that read the secret) and set `kms_key_id = aws_kms_key.secrets.arn` on the secret.',
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/secretsmanager_secret#kms_key_id'],
  equivalents: { checkov: ['CKV_AWS_149'], tfsec: ['aws-ssm-secret-use-customer-key'], trivy: ['AVD-AWS-0098'], kics: ['a2f548f2-188c-4fff-b172-e9a6acb216bd', 'b0d3ef3f-845d-4b1b-83d6-63a5a380375f'] },
});

const ssmCmk = cmkRule({
  name: 'ssm-parameter-cmk',
  title: 'SSM SecureString parameter is not encrypted with a customer-managed KMS key',
  description:
    'A `SecureString` parameter without `key_id` is encrypted with the AWS managed key `aws/ssm`: anyone in the account allowed `ssm:GetParameter` can read it decrypted, and the key cannot be restricted, shared across accounts or disabled. A customer-managed key puts a key policy between the parameter and its readers. `String` and `StringList` parameters are not encrypted at all and are not checked here.',
  resource: 'aws_ssm_parameter',
  attribute: 'key_id',
  service: 'ssm',
  what: 'the SecureString value is',
  remediation: 'Set `key_id` to a customer-managed KMS key (`aws_kms_key.params.arn` or its alias) whose key policy allows `kms:Decrypt` only to the roles that read the parameter.',
  references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/secure-string-parameter-kms-encryption.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ssm_parameter#key_id'],
  equivalents: { checkov: ['CKV_AWS_337'] },
  applies: (inst) => asString(inst.get('type')?.value) === 'SecureString',
});

const backupCmk = cmkRule({
  name: 'backup-vault-cmk',
  title: 'Backup vault is not encrypted with a customer-managed KMS key',
  description:
    'Recovery points in an AWS Backup vault without `kms_key_arn` are encrypted with the AWS managed key `aws/backup` (for services whose backups AWS Backup encrypts itself). Its key policy cannot be changed, so access to backup copies of whole databases and volumes rests on IAM alone. A customer-managed key adds a key policy that limits who can restore or read the backups, and can be disabled to cut off access.',
  resource: 'aws_backup_vault',
  attribute: 'kms_key_arn',
  service: 'backup',
  what: 'the vault\'s recovery points are',
  remediation: 'Set `kms_key_arn` to the ARN of a customer-managed KMS key (`aws_kms_key.backup.arn`) whose key policy allows AWS Backup and the restore roles only.',
  references: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_vault#kms_key_arn'],
  equivalents: { checkov: ['CKV_AWS_166'] },
});

const kinesisVideoCmk = cmkRule({
  name: 'kinesis-video-stream-cmk',
  title: 'Kinesis Video stream is not encrypted with a customer-managed KMS key',
  description:
    'Kinesis Video Streams always encrypts stored media, with the AWS managed key `aws/kinesisvideo` unless `kms_key_id` names another. That key\'s policy cannot be changed, so who can read camera and audio streams rests on IAM alone. A customer-managed key adds a key policy limiting who can decrypt the media and can be disabled to cut off access at once.',
  resource: 'aws_kinesis_video_stream',
  attribute: 'kms_key_id',
  service: 'kinesisvideo',
  what: 'the stream\'s media is',
  remediation: 'Set `kms_key_id` to a customer-managed KMS key (`aws_kms_key.video.arn`) whose key policy allows `kms:Decrypt` / `kms:GenerateDataKey` only to the producers and consumers of the stream. The key is fixed when the stream is created.',
  references: ['https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/how-kms.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_video_stream#kms_key_id'],
  equivalents: { checkov: ['CKV_AWS_177'] },
});

const timestreamCmk = cmkRule({
  name: 'timestream-database-cmk',
  title: 'Timestream database is not encrypted with a customer-managed KMS key',
  description:
    'A Timestream database without `kms_key_id` encrypts its tables with the AWS managed key `aws/timestream`. Its key policy cannot be changed, so access to the time series rests on IAM alone. A customer-managed key adds a key policy limiting who can read the data and can be disabled to cut off access at once.',
  resource: 'aws_timestreamwrite_database',
  attribute: 'kms_key_id',
  service: 'timestream',
  what: 'the database is',
  remediation: 'Set `kms_key_id` to the ARN of a customer-managed KMS key (`aws_kms_key.timestream.arn`, not an alias ARN) whose key policy allows only the roles that write and query the database.',
  references: ['https://docs.aws.amazon.com/timestream/latest/developerguide/EncryptionAtRest.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/timestreamwrite_database#kms_key_id'],
  equivalents: { checkov: ['CKV_AWS_160'] },
});

export const keyRules: Rule[] = [secretCmk, ssmCmk, backupCmk, kinesisVideoCmk, timestreamCmk];
