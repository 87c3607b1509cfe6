import type { Rule } from '../../../../src/model/rule.js';
import type { Equivalents } from '../../../../src/model/standards.js';
import { asNumber, asString, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, mustBeTrue, requireTrue, strAt, stringList, type AwsReporter } from './util.js';

const ENC = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] };
const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };

// ---------------------------------------------------------------- DAX

const dax = mustBeTrue({
  name: 'dax-encryption',
  title: 'DynamoDB Accelerator (DAX) cluster is not encrypted at rest',
  description:
    'A DAX cluster caches DynamoDB items in memory and on its nodes\' disks. Encryption at rest is off unless `server_side_encryption { enabled = true }`, and it can only be chosen when the cluster is created.',
  severity: 'medium',
  resources: ['aws_dax_cluster'],
  path: 'server_side_encryption.enabled',
  defaultFalse: true,
  what: 'encrypt the cached data at rest (only possible when the cluster is created)',
  remediation: 'Add `server_side_encryption { enabled = true }` (this replaces an existing cluster).',
  references: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAXEncryptionAtRest.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_47'], tfsec: ['aws-dynamodb-enable-at-rest-encryption'], trivy: ['AVD-AWS-0023'], kics: ['f11aec39-858f-4b6f-b946-0a1bf46c0c87'] },
});

// ---------------------------------------------------------------- WorkSpaces

const workspaces = awsRule({
  name: 'workspaces-volume-encryption',
  title: 'WorkSpaces volume is not encrypted',
  description:
    'A WorkSpace\'s root volume (C: drive) and user volume (D: drive, the user profile) hold whatever the user works on. They are unencrypted unless `root_volume_encryption_enabled` and `user_volume_encryption_enabled` are true, and encryption can only be chosen when the WorkSpace is created.',
  severity: 'medium',
  messages: {
    missing: '{{address}} does not set {{attribute}} (defaults to false); set it to true with volume_encryption_key.',
    disabled: '{{attribute}} is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Set `root_volume_encryption_enabled = true`, `user_volume_encryption_enabled = true` and `volume_encryption_key` to a KMS key (this recreates the WorkSpace).',
  references: ['https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_155', 'CKV_AWS_156'], tfsec: ['aws-workspaces-enable-disk-encryption'], trivy: ['AVD-AWS-0109'], kics: ['b9033580-6886-401a-8631-5f19f5bb24c7'] },
  resources: ['aws_workspaces_workspace'],
  check(inst, r) {
    for (const attribute of ['root_volume_encryption_enabled', 'user_volume_encryption_enabled']) {
      requireTrue(inst, r, attribute, { missing: 'missing', false: 'disabled' }, { attribute });
    }
  },
});

// ---------------------------------------------------------------- ElastiCache backups

const elasticacheBackup = awsRule({
  name: 'elasticache-backup-retention',
  title: 'ElastiCache Redis/Valkey cluster keeps no automatic backups',
  description:
    'With `snapshot_retention_limit` unset or 0 (the default) ElastiCache takes no automatic snapshots of a Redis or Valkey cluster, so data lost to a failure, a bad deployment or a malicious FLUSHALL cannot be restored.',
  severity: 'low',
  messages: {
    missing: '{{address}} does not set snapshot_retention_limit (defaults to 0, no automatic backups); set it to the number of days to keep snapshots.',
    zero: 'snapshot_retention_limit is {{actual}}{{from}} in {{address}}; set at least 1 day of automatic backups.',
  },
  remediation: 'Set `snapshot_retention_limit` (e.g. 7) and optionally `snapshot_window`.',
  references: ['https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html'],
  standards: { sbd: ['7'], caf: ['B5'], cwe: ['CWE-693'] },
  equivalents: { checkov: ['CKV_AWS_134'], tfsec: ['aws-elasticache-enable-backup-retention'], trivy: ['AVD-AWS-0050'], kics: ['8fdb08a0-a868-4fdf-9c27-ccab0237f1ab'] },
  resources: ['aws_elasticache_cluster', 'aws_elasticache_replication_group'],
  check(inst, r) {
    if (inst.resourceType === 'aws_elasticache_cluster') {
      // a member of a replication group is backed up by the group
      if (inst.get('replication_group_id')) return;
      const engine = strAt(inst, 'engine');
      if (engine !== 'redis' && engine !== 'valkey') return;
    } else {
      // a secondary of a global datastore takes its settings from the primary
      if (inst.get('global_replication_group_id')) return;
      const engine = inst.get('engine');
      if (engine && asString(engine.value) !== 'redis' && asString(engine.value) !== 'valkey') return;
    }
    const node = inst.get('node_type');
    if (node && asString(node.value) === 'cache.t1.micro') return;
    const a = inst.get('snapshot_retention_limit');
    if (!a || a.value.kind === 'null') return r.missing(inst, 'missing');
    if (asNumber(a.value) === 0) r.attr(inst, a, 'zero');
  },
});

// ---------------------------------------------------------------- DocumentDB / Neptune audit logs

// DocumentDB names the argument enabled_cloudwatch_logs_exports, Neptune enable_cloudwatch_logs_exports
function auditExport(inst: ResourceInstance, r: AwsReporter, attribute: string): void {
  const a = inst.get(attribute);
  if (!a || a.value.kind === 'null') return r.missing(inst, 'missing');
  const list = stringList(a.value);
  if (list && !list.includes('audit')) r.attr(inst, a, 'noAudit');
}

function auditRule(spec: { name: string; service: string; resource: string; attribute: string; extra: string; references: string[]; equivalents: Equivalents; note: string }): Rule {
  return awsRule({
    name: spec.name,
    title: `${spec.service} cluster does not export audit logs`,
    description: `Audit logs record authentication attempts and the operations run against a ${spec.service} cluster. Unless "audit" is listed in \`${spec.attribute}\` they are not delivered to CloudWatch Logs, leaving no record of who accessed or changed the data. ${spec.note}`,
    severity: 'low',
    messages: {
      missing: `{{address}} does not set ${spec.attribute}; add "audit"${spec.extra}.`,
      noAudit: `${spec.attribute} is {{actual}}{{from}} in {{address}}; add "audit".`,
    },
    remediation: `Set \`${spec.attribute} = ["audit"${spec.extra ? `, ${spec.extra.replace(/^ \(and |\)$/g, '')}` : ''}]\`. ${spec.note}`,
    references: spec.references,
    standards: LOGGING,
    equivalents: spec.equivalents,
    resources: [spec.resource],
    check(inst, r) {
      auditExport(inst, r, spec.attribute);
    },
  });
}

const docdbAudit = auditRule({
  name: 'docdb-audit-logs',
  service: 'DocumentDB',
  resource: 'aws_docdb_cluster',
  attribute: 'enabled_cloudwatch_logs_exports',
  extra: ' (and "profiler")',
  note: 'DocumentDB also needs the cluster parameter `audit_logs` enabled.',
  references: ['https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html'],
  equivalents: { checkov: ['CKV_AWS_85'], tfsec: ['aws-documentdb-enable-log-export'], trivy: ['AVD-AWS-0020'], kics: ['56f6a008-1b14-4af4-b9b2-ab7cf7e27641'] },
});

const neptuneAudit = auditRule({
  name: 'neptune-audit-logs',
  service: 'Neptune',
  resource: 'aws_neptune_cluster',
  attribute: 'enable_cloudwatch_logs_exports',
  extra: '',
  note: 'Neptune also needs the cluster parameter `neptune_enable_audit_log = 1`.',
  references: ['https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html', 'https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html'],
  equivalents: { checkov: ['CKV_AWS_101'], tfsec: ['aws-neptune-enable-log-export'], trivy: ['AVD-AWS-0075'] },
});

export const databaseRules: Rule[] = [dax, workspaces, elasticacheBackup, docdbAudit, neptuneAudit];
