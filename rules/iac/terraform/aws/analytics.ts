import type { Rule } from '../../../../src/model/rule.js';
import { asString, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, isSet, mustBeTrue, strAt } from './util.js';

const ENC = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] };
const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };

// ---------------------------------------------------------------- Kinesis

const kinesisStream = awsRule({
  name: 'kinesis-stream-encryption',
  title: 'Kinesis data stream is not encrypted at rest',
  description:
    'A Kinesis data stream keeps every record for its retention period (24 hours to 365 days). Without server-side encryption (`encryption_type = "KMS"`; the default is `"NONE"`) those records — often events about people and transactions — are stored unencrypted.',
  severity: 'medium',
  messages: {
    missing: '{{address}} does not set encryption_type (defaults to "NONE"); set encryption_type = "KMS" with kms_key_id.',
    disabled: 'encryption_type is {{actual}}{{from}} in {{address}}; expected "KMS".',
  },
  remediation: 'Set `encryption_type = "KMS"` and `kms_key_id` (a customer-managed key ARN, or `"alias/aws/kinesis"`).',
  references: ['https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_stream#encryption_type'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_43'], tfsec: ['aws-kinesis-enable-in-transit-encryption'], trivy: ['AVD-AWS-0064'], kics: ['862fe4bf-3eec-4767-a517-40f378886b88'] },
  resources: ['aws_kinesis_stream'],
  check(inst, r) {
    const a = inst.get('encryption_type');
    if (!a || a.value.kind === 'null') return r.missing(inst, 'missing');
    if (asString(a.value)?.toUpperCase() === 'NONE') r.attr(inst, a, 'disabled');
  },
});

const firehose = mustBeTrue({
  name: 'kinesis-firehose-encryption',
  title: 'Kinesis Data Firehose stream does not encrypt buffered data',
  description:
    'A Firehose stream fed directly (Direct PUT) holds records in its buffer, and for up to 24 hours when the destination is unavailable. Server-side encryption of that data is off unless `server_side_encryption { enabled = true }`. Streams reading from a Kinesis data stream or MSK take the source\'s encryption and are not checked.',
  severity: 'low',
  resources: ['aws_kinesis_firehose_delivery_stream'],
  path: 'server_side_encryption.enabled',
  defaultFalse: true,
  what: 'encrypt the records Firehose buffers (key_type = "CUSTOMER_MANAGED_CMK" for your own key)',
  remediation: 'Add `server_side_encryption { enabled = true, key_type = "CUSTOMER_MANAGED_CMK", key_arn = aws_kms_key.firehose.arn }` (or `key_type = "AWS_OWNED_CMK"`).',
  references: ['https://docs.aws.amazon.com/firehose/latest/dev/encryption.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_240'] },
  // SSE cannot be set when the source is a Kinesis data stream or an MSK cluster
  skip: (inst) => inst.blocks('kinesis_source_configuration').length > 0 || inst.blocks('msk_source_configuration').length > 0,
});

// ---------------------------------------------------------------- Athena

const athena = awsRule({
  name: 'athena-encryption',
  title: 'Athena query results are not encrypted by the workgroup or database',
  description:
    'Athena writes every query result — often a copy of the data queried — to S3. A workgroup without a result `encryption_configuration` leaves the choice to each client, and `enforce_workgroup_configuration = false` lets clients override the workgroup\'s encryption. S3 default bucket encryption (SSE-S3) still applies, so this mostly loses the customer-managed key and the guarantee.',
  severity: 'low',
  messages: {
    noConfig: '{{address}} has no configuration block, so query results are not encrypted by the workgroup; add configuration { result_configuration { encryption_configuration { encryption_option = "SSE_KMS", kms_key_arn = ... } } }.',
    noEncryption: '{{address}} does not set result_configuration.encryption_configuration; encrypt query results with encryption_option = "SSE_KMS" (or "SSE_S3").',
    override: 'enforce_workgroup_configuration is {{actual}}{{from}} in {{address}}; expected true (the default) so clients cannot turn off result encryption.',
    database: '{{address}} does not set encryption_configuration; set encryption_configuration { encryption_option = "SSE_KMS", kms_key = ... }.',
  },
  remediation: 'In the workgroup set `configuration { enforce_workgroup_configuration = true, result_configuration { encryption_configuration { encryption_option = "SSE_KMS", kms_key_arn = aws_kms_key.athena.arn } } }`; give `aws_athena_database` an `encryption_configuration`.',
  references: ['https://docs.aws.amazon.com/athena/latest/ug/encrypting-query-results-stored-in-s3.html', 'https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_82', 'CKV_AWS_159'], tfsec: ['aws-athena-enable-at-rest-encryption', 'aws-athena-no-encryption-override'], trivy: ['AVD-AWS-0006', 'AVD-AWS-0007'], kics: ['d364984a-a222-4b5f-a8b0-e23ab19ebff3', 'b2315cae-b110-4426-81e0-80bb8640cdd3'] },
  resources: ['aws_athena_workgroup', 'aws_athena_database'],
  check(inst, r) {
    if (inst.resourceType === 'aws_athena_database') {
      const e = inst.blocks('encryption_configuration');
      if (e.length === 0) r.missing(inst, 'database');
      return;
    }
    const cs = inst.blocks('configuration');
    if (cs.length === 0) return r.missing(inst, 'noConfig');
    const c = cs[0];
    if (!c.expansionKnown) return;
    // results managed by Athena are encrypted by Athena
    if (c.blocks('managed_query_results_configuration').some((m) => boolState(m.get('enabled')) !== 'false')) return;
    const enforce = c.get('enforce_workgroup_configuration');
    if (boolState(enforce) === 'false') r.attr(inst, enforce!, 'override');
    const rc = c.blocks('result_configuration');
    if (rc.some((x) => !x.expansionKnown)) return;
    const enc = rc.flatMap((x) => x.blocks('encryption_configuration'));
    if (enc.length === 0) r.block(inst, rc[0] ?? c, 'noEncryption');
  },
});

// ---------------------------------------------------------------- CloudWatch Logs

const logGroupKms = awsRule({
  name: 'cloudwatch-log-group-kms',
  title: 'CloudWatch log group is not encrypted with a customer-managed KMS key',
  description:
    'CloudWatch Logs always encrypts log data, but with a service key anyone with `logs:GetLogEvents` can read it. Logs often contain tokens, personal data and request bodies; a customer-managed KMS key adds a key policy that limits who can decrypt them and lets you revoke access.',
  severity: 'low',
  messages: { missing: '{{address}} does not set kms_key_id; encrypt the log group with a customer-managed KMS key.' },
  remediation: 'Create a KMS key whose policy allows the `logs.<region>.amazonaws.com` service principal, and set `kms_key_id` to its ARN.',
  references: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_158'], tfsec: ['aws-cloudwatch-log-group-customer-key'], trivy: ['AVD-AWS-0017'], kics: ['0afbcfe9-d341-4b92-a64c-7e6de0543879'] },
  resources: ['aws_cloudwatch_log_group'],
  check(inst, r) {
    if (!isSet(inst, 'kms_key_id')) r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- OpenSearch audit logs

/** Audit logs need Elasticsearch 6.7 or later (or OpenSearch); the provider's default elasticsearch_version is 1.5. */
function supportsAuditLogs(inst: ResourceInstance): boolean {
  if (inst.resourceType !== 'aws_elasticsearch_domain') return true;
  const a = inst.get('elasticsearch_version');
  if (!a || a.value.kind === 'null') return false;
  const version = asString(a.value);
  if (version === undefined) return false;
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) > 6 || (Number(m[1]) === 6 && Number(m[2]) >= 7) : /^OpenSearch_/.test(version);
}

const osAudit = awsRule({
  name: 'opensearch-audit-logging',
  title: 'OpenSearch domain does not publish audit logs',
  description:
    'Audit logs record who authenticated to the domain and which indices and documents they read or changed. Without `log_publishing_options { log_type = "AUDIT_LOGS" }` there is no record of access to the (often personal) data in the indices. Audit logs need fine-grained access control (`advanced_security_options`).',
  severity: 'low',
  messages: {
    missing: '{{address}} does not publish AUDIT_LOGS; add log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = ... } (requires advanced_security_options).',
    disabled: 'enabled is {{actual}}{{from}} in the AUDIT_LOGS log_publishing_options of {{address}}; expected true.',
  },
  remediation: 'Enable fine-grained access control (`advanced_security_options { enabled = true }`), then add `log_publishing_options { log_type = "AUDIT_LOGS", cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn }` with a resource policy that lets OpenSearch write to the group.',
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_317'], tfsec: ['aws-elastic-search-enable-domain-logging'], trivy: ['AVD-AWS-0042'] },
  resources: ['aws_elasticsearch_domain', 'aws_opensearch_domain'],
  check(inst, r) {
    const opts = inst.blocks('log_publishing_options');
    if (opts.some((o) => !o.expansionKnown || strAt(o, 'log_type') === undefined)) return;
    const audit = opts.filter((o) => strAt(o, 'log_type') === 'AUDIT_LOGS');
    // an AUDIT_LOGS entry switched off is reported whatever the version: the configuration says audit logging is off
    for (const o of audit) {
      const e = o.get('enabled');
      if (boolState(e) === 'false') r.attr(inst, e!, 'disabled');
    }
    if (audit.length === 0 && supportsAuditLogs(inst)) r.missing(inst, 'missing');
  },
});

export const analyticsRules: Rule[] = [kinesisStream, firehose, athena, logGroupKms, osAudit];
