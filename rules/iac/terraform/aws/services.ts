import type { Rule } from '../../../../src/model/rule.js';
import type { Equivalents } from '../../../../src/model/standards.js';
import { asString } from '../../../../src/terraform/index.js';
import { companions } from './s3.js';
import { awsRule, boolState, firstBlock, isSet, mustBeTrue, reportPublicAllows, requireTrue } from './util.js';

const SEARCH = ['aws_elasticsearch_domain', 'aws_opensearch_domain'];
const OS_REF = 'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/security.html';

// ---------------------------------------------------------------- OpenSearch / Elasticsearch

const osAtRest = mustBeTrue({
  name: 'opensearch-encryption-at-rest',
  title: 'OpenSearch domain is not encrypted at rest',
  description: 'Search indices usually hold copies of application data, often personal data. Without encryption at rest (off by default, and only settable for new domains on older engine versions) indices, logs and automated snapshots are stored in clear.',
  severity: 'medium',
  resources: SEARCH,
  path: 'encrypt_at_rest.enabled',
  defaultFalse: true,
  what: 'encrypt indices and snapshots at rest',
  remediation: 'Add `encrypt_at_rest { enabled = true }` (with `kms_key_id` for a customer-managed key).',
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_5'], tfsec: ['aws-elastic-search-enable-domain-encryption'], trivy: ['AVD-AWS-0048'], kics: ['24e16922-4330-4e9d-be8a-caa90299466a'] },
});

const osNodeToNode = mustBeTrue({
  name: 'opensearch-node-to-node-encryption',
  title: 'OpenSearch node-to-node encryption is disabled',
  description: 'Without node-to-node encryption, data replicated and queried between the nodes of a domain travels in clear inside the VPC. It is required for fine-grained access control.',
  severity: 'medium',
  resources: SEARCH,
  path: 'node_to_node_encryption.enabled',
  defaultFalse: true,
  what: 'encrypt traffic between cluster nodes with TLS',
  remediation: 'Add `node_to_node_encryption { enabled = true }`.',
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] },
  equivalents: { checkov: ['CKV_AWS_6'], tfsec: ['aws-elastic-search-enable-in-transit-encryption'], trivy: ['AVD-AWS-0043'] },
});

const osHttps = awsRule({
  name: 'opensearch-enforce-https',
  title: 'OpenSearch domain allows HTTP or old TLS',
  description: 'With `enforce_https = false` the domain endpoint accepts plain HTTP, and the TLS policy `Policy-Min-TLS-1-0-2019-07` accepts TLS 1.0/1.1. Queries, credentials and results can then be read in transit.',
  severity: 'medium',
  messages: {
    http: 'enforce_https is {{actual}}{{from}} in {{address}}; expected true.',
    tls: 'tls_security_policy is {{actual}}{{from}} in {{address}}; use "Policy-Min-TLS-1-2-2019-07" or "Policy-Min-TLS-1-2-PFS-2023-10".',
  },
  remediation: 'Set `domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }`.',
  references: ['https://docs.aws.amazon.com/opensearch-service/latest/developerguide/infrastructure-security.html', OS_REF],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] },
  equivalents: { checkov: ['CKV_AWS_83'], tfsec: ['aws-elastic-search-enforce-https', 'aws-elastic-search-use-secure-tls-policy'], trivy: ['AVD-AWS-0046', 'AVD-AWS-0126'] },
  resources: SEARCH,
  check(inst, r) {
    const o = firstBlock(inst, 'domain_endpoint_options');
    if (!o) return;
    const h = o.get('enforce_https');
    if (boolState(h) === 'false') r.attr(inst, h!, 'http');
    const t = o.get('tls_security_policy');
    if (t && asString(t.value) === 'Policy-Min-TLS-1-0-2019-07') r.attr(inst, t, 'tls');
  },
});

// ---------------------------------------------------------------- Redshift

const redshiftPublic = awsRule({
  name: 'redshift-public',
  title: 'Redshift cluster is publicly accessible',
  description: 'A publicly accessible Redshift cluster gets a public address, so the data warehouse is reachable from the internet wherever its security group allows.',
  severity: 'high',
  messages: { public: 'publicly_accessible is {{actual}}{{from}} in {{address}}; expected false.' },
  remediation: 'Set `publicly_accessible = false` and reach the cluster from inside the VPC (or through a Redshift-managed VPC endpoint).',
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html'],
  standards: { sbd: ['7', '8'], caf: ['B4', 'B5'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_87'], kics: ['af173fde-95ea-4584-b904-bb3923ac4bda'] },
  resources: ['aws_redshift_cluster', 'aws_redshiftserverless_workgroup'],
  check(inst, r) {
    const a = inst.get('publicly_accessible');
    if (boolState(a) === 'true') r.attr(inst, a!, 'public');
  },
});

const redshiftEncrypted = awsRule({
  name: 'redshift-encryption',
  title: 'Redshift cluster encryption is turned off',
  description: 'New Redshift clusters are encrypted by default; `encrypted = false` explicitly stores the warehouse, its backups and snapshots unencrypted.',
  severity: 'medium',
  messages: { disabled: 'encrypted is {{actual}}{{from}} in {{address}}; expected true (with a customer-managed kms_key_id).' },
  remediation: 'Set `encrypted = true` and `kms_key_id` to a customer-managed key.',
  references: ['https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_64'], tfsec: ['aws-redshift-encryption-customer-key'], kics: ['cfdcabb0-fc06-427c-865b-c59f13e898ce'] },
  resources: ['aws_redshift_cluster'],
  check(inst, r) {
    const a = inst.get('encrypted');
    if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
  },
});

// ---------------------------------------------------------------- MSK

const mskTransit = awsRule({
  name: 'msk-encryption-in-transit',
  title: 'MSK cluster allows plaintext traffic',
  description: 'Kafka messages often carry events about people and transactions. `client_broker = "PLAINTEXT"` or `"TLS_PLAINTEXT"` lets clients connect without TLS, and `in_cluster = false` sends replication traffic between brokers in clear.',
  severity: 'medium',
  messages: {
    plaintext: 'client_broker is {{actual}}{{from}} in {{address}}; expected "TLS".',
    inCluster: 'in_cluster is {{actual}}{{from}} in {{address}}; expected true.',
  },
  remediation: 'Set `encryption_info { encryption_in_transit { client_broker = "TLS", in_cluster = true } }` (the defaults).',
  references: ['https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] },
  equivalents: { checkov: ['CKV_AWS_81'], tfsec: ['aws-msk-enable-in-transit-encryption'], trivy: ['AVD-AWS-0073'] },
  resources: ['aws_msk_cluster'],
  check(inst, r) {
    const t = firstBlock(inst, 'encryption_info.encryption_in_transit');
    if (!t) return;
    const cb = t.get('client_broker');
    const v = cb ? asString(cb.value) : undefined;
    if (cb && (v === 'PLAINTEXT' || v === 'TLS_PLAINTEXT')) r.attr(inst, cb, 'plaintext');
    const ic = t.get('in_cluster');
    if (boolState(ic) === 'false') r.attr(inst, ic!, 'inCluster');
  },
});

// ---------------------------------------------------------------- GuardDuty / Config / Secrets Manager

const guardDuty = awsRule({
  name: 'guardduty-disabled',
  title: 'GuardDuty detector is disabled',
  description: 'GuardDuty detects compromised credentials, crypto-mining, reconnaissance and data exfiltration from CloudTrail, VPC flow and DNS logs. A detector with `enable = false` produces no findings.',
  severity: 'medium',
  messages: { disabled: 'enable is {{actual}}{{from}} in {{address}}; expected true.' },
  remediation: 'Set `enable = true` (the default) and route findings to your alerting (EventBridge → SNS / Security Hub).',
  references: ['https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: { kics: ['704dadd3-54fc-48ac-b6a0-02f170011473'] },
  resources: ['aws_guardduty_detector'],
  check(inst, r) {
    const a = inst.get('enable');
    if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
  },
});

const configRecorder = awsRule({
  name: 'config-recorder-disabled',
  title: 'AWS Config recorder is turned off',
  description: 'The AWS Config recorder keeps the configuration history of resources that Config rules, Security Hub and investigations rely on. With `is_enabled = false` nothing is recorded and changes go unnoticed.',
  severity: 'medium',
  messages: { disabled: 'is_enabled is {{actual}}{{from}} in {{address}}; expected true.' },
  remediation: 'Set `is_enabled = true` in `aws_config_configuration_recorder_status` (with a delivery channel).',
  references: ['https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html'],
  standards: { sbd: ['5', '10'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: {},
  resources: ['aws_config_configuration_recorder_status'],
  check(inst, r) {
    const a = inst.get('is_enabled');
    if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
  },
});

const secretRotation = awsRule({
  name: 'secretsmanager-rotation',
  title: 'Secrets Manager secret has no rotation',
  description: 'A secret that is never rotated stays valid for as long as it exists: a copy leaked through a log, laptop or former colleague keeps working. Automatic rotation limits how long a leaked secret is useful.',
  severity: 'low',
  messages: { missing: 'No aws_secretsmanager_secret_rotation in this configuration refers to {{address}}; configure automatic rotation.' },
  remediation: 'Add `aws_secretsmanager_secret_rotation` with a rotation Lambda (or managed rotation) and `rotation_rules { automatically_after_days = 30 }`.',
  references: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
  standards: { sbd: ['7', '10'], caf: ['B2'], cwe: ['CWE-262'] },
  equivalents: { checkov: ['CKV2_AWS_57'] },
  resources: ['aws_secretsmanager_secret'],
  check(inst, r) {
    if (isSet(inst, 'rotation_lambda_arn') || inst.blocks('rotation_rules').length) return;
    const cs = companions(inst, 'aws_secretsmanager_secret_rotation', 'secret_id');
    if (cs && cs.length === 0) r.missing(inst, 'missing');
  },
});

// ---------------------------------------------------------------- DocumentDB / Neptune

/** Storage encryption of a DocumentDB-style cluster: off unless `storage_encrypted = true`. */
function clusterStorageEncryption(spec: { name: string; service: string; resource: string; ref: string; equivalents: Equivalents }): Rule {
  return awsRule({
    name: spec.name,
    title: `${spec.service} cluster storage is not encrypted`,
    description: `${spec.service} clusters are created unencrypted unless \`storage_encrypted = true\` (the provider default is false), and encryption cannot be turned on for an existing cluster: it has to be rebuilt from an encrypted snapshot. Unencrypted storage, automated backups and snapshots expose the data to anyone who obtains them. Clusters restored from a snapshot or joining a global cluster inherit their encryption and are not checked.`,
    severity: 'high',
    messages: {
      missing: `{{address}} does not set storage_encrypted (defaults to false), so the ${spec.service} cluster is not encrypted at rest; set storage_encrypted = true (with a kms_key_id).`,
      disabled: `storage_encrypted is {{actual}}{{from}} in {{address}}, so the ${spec.service} cluster is not encrypted at rest; set storage_encrypted = true.`,
    },
    remediation: `Set \`storage_encrypted = true\` and \`kms_key_id\` to a customer-managed key. For an existing cluster, snapshot it, copy the snapshot with encryption and restore a new cluster from the copy.`,
    references: [spec.ref],
    standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
    equivalents: spec.equivalents,
    resources: [spec.resource],
    check(inst, r) {
      // restored from a snapshot, a read replica or a global-cluster secondary: encryption comes from the source
      if (['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier'].some((a) => inst.attribute(a))) return;
      // a KMS key is only accepted with storage_encrypted = true
      if (isSet(inst, 'kms_key_id')) return;
      requireTrue(inst, r, 'storage_encrypted', { missing: 'missing', false: 'disabled' });
    },
  });
}

const docdbEncryption = clusterStorageEncryption({
  name: 'docdb-storage-encryption',
  service: 'DocumentDB',
  resource: 'aws_docdb_cluster',
  ref: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html',
  equivalents: { checkov: ['CKV_AWS_74'], tfsec: ['aws-documentdb-enable-storage-encryption'], trivy: ['AVD-AWS-0021'] },
});

const neptuneEncryption = clusterStorageEncryption({
  name: 'neptune-storage-encryption',
  service: 'Neptune',
  resource: 'aws_neptune_cluster',
  ref: 'https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html',
  equivalents: { checkov: ['CKV_AWS_44'], tfsec: ['aws-neptune-enable-storage-encryption'], trivy: ['AVD-AWS-0076'], kics: ['98d59056-f745-4ef5-8613-32bca8d40b7e'] },
});

// ---------------------------------------------------------------- SQS / SNS resource policies

function publicMessagingPolicy(spec: { name: string; service: string; what: string; resources: string[]; ref: string; conditions: string; equivalents: Equivalents }): Rule {
  return awsRule({
    name: spec.name,
    title: `${spec.service} ${spec.what} policy allows any principal`,
    description: `A ${spec.service} ${spec.what} policy statement that allows \`Principal: "*"\` (or \`{"AWS": "*"}\`) without a Condition lets any AWS account — anyone on the internet with AWS credentials — use the granted actions on the ${spec.what}. Statements with a Condition that narrows the callers (such as \`aws:SourceArn\`, \`aws:SourceAccount\` or \`aws:PrincipalOrgID\`) are not reported; \`aws:SecureTransport\`, an \`aws:SourceIp\` of 0.0.0.0/0, an ARN pattern matching any account, or \`ForAllValues:\`/\`...IfExists\` on a single-valued key (true when the request lacks the key) does not narrow them.`,
    severity: 'high',
    messages: {
      public: `{{address}} has a policy statement allowing {{actions}} to Principal "*" with {{condition}}{{from}}; name the principals or services that need access, or add a Condition (${spec.conditions}).`,
    },
    remediation: `Replace \`Principal: "*"\` with the accounts, roles or service principals that need access, or keep it and add a Condition such as ${spec.conditions}.`,
    references: [spec.ref, 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
    standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284', 'CWE-732'] },
    equivalents: spec.equivalents,
    resources: spec.resources,
    check(inst, r, ctx) {
      reportPublicAllows(inst, r, ctx);
    },
  });
}

const sqsPublicPolicy = publicMessagingPolicy({
  name: 'sqs-public-policy',
  service: 'SQS',
  what: 'queue',
  resources: ['aws_sqs_queue', 'aws_sqs_queue_policy'],
  ref: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html',
  conditions: 'aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID',
  equivalents: { checkov: ['CKV_AWS_168'], kics: ['730675f9-52ed-49b6-8ead-0acb5dd7df7f'] },
});

const snsPublicPolicy = publicMessagingPolicy({
  name: 'sns-public-policy',
  service: 'SNS',
  what: 'topic',
  resources: ['aws_sns_topic', 'aws_sns_topic_policy'],
  ref: 'https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html',
  conditions: 'aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID',
  equivalents: { checkov: ['CKV_AWS_169'], kics: ['b26d2b7e-60f6-413d-a3a1-a57db24aa2b3'] },
});

export const serviceRules: Rule[] = [osAtRest, osNodeToNode, osHttps, redshiftPublic, redshiftEncrypted, mskTransit, guardDuty, configRecorder, secretRotation, docdbEncryption, neptuneEncryption, sqsPublicPolicy, snsPublicPolicy];
