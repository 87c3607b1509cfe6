import type { Rule } from '../../../../src/model/rule.js';
import { asString } from '../../../../src/terraform/index.js';
import { awsRule, boolState, firstBlock, isUnknownMarker, jsonFromExpr, strAt } from './util.js';

const ENC = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] };
const TRANSIT = { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] };
const LOGGING = { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] };

// ---------------------------------------------------------------- Glue

const glueCatalog = awsRule({
  name: 'glue-catalog-encryption',
  title: 'Glue Data Catalog is not encrypted or returns connection passwords in clear',
  description:
    'The Glue Data Catalog holds the schemas, locations and connection definitions of a data lake — including the user names and passwords of the JDBC connections Glue crawlers and jobs use. With `catalog_encryption_mode = "DISABLED"` the metadata is stored unencrypted, and with `return_connection_password_encrypted = false` `GetConnection` returns connection passwords in clear to anyone allowed to call it.',
  severity: 'medium',
  messages: {
    atRest: 'catalog_encryption_mode is {{actual}}{{from}} in {{address}}, so the Data Catalog metadata is not encrypted; use "SSE-KMS" with sse_aws_kms_key_id.',
    password: 'return_connection_password_encrypted is {{actual}}{{from}} in {{address}}, so connection passwords are returned in clear; set it to true with aws_kms_key_id.',
  },
  remediation: 'In `data_catalog_encryption_settings` set `encryption_at_rest { catalog_encryption_mode = "SSE-KMS", sse_aws_kms_key_id = aws_kms_key.glue.arn }` and `connection_password_encryption { return_connection_password_encrypted = true, aws_kms_key_id = aws_kms_key.glue.arn }`.',
  references: ['https://docs.aws.amazon.com/glue/latest/dg/encrypt-glue-data-catalog.html', 'https://docs.aws.amazon.com/glue/latest/dg/encrypt-connection-passwords.html'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_94'] },
  resources: ['aws_glue_data_catalog_encryption_settings'],
  check(inst, r) {
    const s = firstBlock(inst, 'data_catalog_encryption_settings');
    if (!s?.expansionKnown) return;
    const rest = firstBlock(s, 'encryption_at_rest')?.get('catalog_encryption_mode');
    if (rest && asString(rest.value) === 'DISABLED') r.attr(inst, rest, 'atRest');
    const pw = firstBlock(s, 'connection_password_encryption')?.get('return_connection_password_encrypted');
    if (boolState(pw) === 'false') r.attr(inst, pw!, 'password');
  },
});

const GLUE_MODES: { block: string; attribute: string; what: string; fix: string }[] = [
  { block: 's3_encryption', attribute: 's3_encryption_mode', what: 'data Glue jobs write to S3', fix: '"SSE-KMS" (or "SSE-S3")' },
  { block: 'cloudwatch_encryption', attribute: 'cloudwatch_encryption_mode', what: 'the job logs Glue sends to CloudWatch', fix: '"SSE-KMS"' },
  { block: 'job_bookmarks_encryption', attribute: 'job_bookmarks_encryption_mode', what: 'job bookmarks', fix: '"CSE-KMS"' },
];

const glueSecurityConfiguration = awsRule({
  name: 'glue-security-configuration-encryption',
  title: 'Glue security configuration leaves job output, logs or bookmarks unencrypted',
  description:
    'A Glue security configuration decides how the jobs, crawlers and development endpoints that use it encrypt what they write: data to S3, logs to CloudWatch and job bookmarks. Each mode defaults to "DISABLED", so a configuration that does not set it — or sets it to "DISABLED" — lets that data be written without the configuration\'s encryption.',
  severity: 'medium',
  messages: {
    missing: '{{block}} in {{address}} does not set {{attribute}} (defaults to "DISABLED"), so {{what}} are not encrypted; set it to {{fix}} with a kms_key_arn.',
    disabled: '{{attribute}} is {{actual}}{{from}} in {{address}}, so {{what}} are not encrypted; set it to {{fix}} with a kms_key_arn.',
  },
  remediation: 'In `encryption_configuration` set `s3_encryption { s3_encryption_mode = "SSE-KMS", kms_key_arn = ... }`, `cloudwatch_encryption { cloudwatch_encryption_mode = "SSE-KMS", kms_key_arn = ... }` and `job_bookmarks_encryption { job_bookmarks_encryption_mode = "CSE-KMS", kms_key_arn = ... }`.',
  references: ['https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/glue_security_configuration'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_99'] },
  resources: ['aws_glue_security_configuration'],
  check(inst, r) {
    const e = firstBlock(inst, 'encryption_configuration');
    if (!e?.expansionKnown) return;
    for (const m of GLUE_MODES) {
      // each block is required by the provider; a configuration without it does not apply
      const b = firstBlock(e, m.block);
      if (!b?.expansionKnown) continue;
      const data = { block: m.block, attribute: m.attribute, what: m.what, fix: m.fix };
      const a = b.get(m.attribute);
      if (!a || a.value.kind === 'null') r.block(inst, b, 'missing', data);
      else if (asString(a.value) === 'DISABLED') r.attr(inst, a, 'disabled', data);
    }
  },
});

// ---------------------------------------------------------------- EMR

function bool(x: unknown): boolean | undefined {
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string' && /^(true|false)$/i.test(x)) return x.toLowerCase() === 'true';
  return undefined;
}

function record(x: unknown): Record<string, unknown> | undefined {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

const emrSecurityConfiguration = awsRule({
  name: 'emr-security-configuration-encryption',
  title: 'EMR security configuration does not encrypt data at rest or in transit',
  description:
    'An EMR security configuration is how a cluster gets encryption: EMRFS data in S3 and local disks (HDFS, spill files, EBS volumes) at rest, and traffic between nodes and to clients in transit. A configuration without an `EncryptionConfiguration`, with `EnableAtRestEncryption` or `EnableInTransitEncryption` false, or with at-rest encryption that leaves out the local disks, leaves that data readable on disk or on the wire.',
  severity: 'medium',
  messages: {
    noEncryption: 'The configuration of {{address}} has no EncryptionConfiguration{{from}}, so clusters using it encrypt nothing; add EncryptionConfiguration with EnableAtRestEncryption and EnableInTransitEncryption true.',
    atRest: 'EnableAtRestEncryption is false in the configuration of {{address}}{{from}}; set it to true with S3 and local disk encryption.',
    inTransit: 'EnableInTransitEncryption is false in the configuration of {{address}}{{from}}; set it to true with a TLS certificate provider.',
    localDisk: 'At-rest encryption in the configuration of {{address}}{{from}} has no LocalDiskEncryptionConfiguration, so HDFS, spill files and EBS volumes are not encrypted; add one (EncryptionKeyProviderType "AwsKms", EnableEbsEncryption true).',
  },
  remediation: 'Write the security configuration with `"EncryptionConfiguration": { "EnableAtRestEncryption": true, "EnableInTransitEncryption": true, "AtRestEncryptionConfiguration": { "S3EncryptionConfiguration": { "EncryptionMode": "SSE-KMS", ... }, "LocalDiskEncryptionConfiguration": { "EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": ..., "EnableEbsEncryption": true } }, "InTransitEncryptionConfiguration": { "TLSCertificateConfiguration": { ... } } }`.',
  references: ['https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-data-encryption-options.html', 'https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311', 'CWE-319'] },
  equivalents: { tfsec: ['aws-emr-enable-at-rest-encryption', 'aws-emr-enable-in-transit-encryption', 'aws-emr-enable-local-disk-encryption'], trivy: ['AVD-AWS-0137', 'AVD-AWS-0138', 'AVD-AWS-0139'] },
  resources: ['aws_emr_security_configuration'],
  check(inst, r) {
    const a = inst.get('configuration');
    if (!a?.attribute) return;
    const doc = record(jsonFromExpr(a.attribute.expr, inst.ctx, inst.module));
    if (!doc) return;
    const enc = doc.EncryptionConfiguration;
    if (enc === undefined) {
      if (!Object.values(doc).some((v) => typeof v === 'string' && isUnknownMarker(v))) r.attr(inst, a, 'noEncryption');
      return;
    }
    const e = record(enc);
    if (!e) return;
    const atRest = bool(e.EnableAtRestEncryption);
    if (atRest === false) r.attr(inst, a, 'atRest');
    if (bool(e.EnableInTransitEncryption) === false) r.attr(inst, a, 'inTransit');
    const rest = record(e.AtRestEncryptionConfiguration);
    if (atRest === true && rest && rest.LocalDiskEncryptionConfiguration === undefined) r.attr(inst, a, 'localDisk');
  },
});

// ---------------------------------------------------------------- DMS

/** Engines whose endpoints connect over a database protocol that ssl_mode secures. */
const DMS_SSL_ENGINES = new Set([
  'aurora', 'aurora-postgresql', 'aurora-serverless', 'aurora-postgresql-serverless', 'mariadb', 'mysql', 'postgres',
  'oracle', 'sqlserver', 'sybase', 'db2', 'mongodb', 'docdb',
]);

const dmsEndpointSsl = awsRule({
  name: 'dms-endpoint-ssl',
  title: 'DMS endpoint connects to its database without TLS',
  description:
    'A Database Migration Service endpoint copies whole databases — every row, and the endpoint\'s own credentials — between the replication instance and the source or target. `ssl_mode` defaults to "none", so for database engines the connection is unencrypted unless it is set to "require", "verify-ca" or "verify-full" (the latter two also check the server\'s certificate). Endpoints for S3, DynamoDB, Kinesis, Kafka, OpenSearch, Neptune and Redshift use other settings and are not checked.',
  severity: 'medium',
  messages: {
    missing: '{{address}} does not set ssl_mode (defaults to "none"), so the {{engine}} connection is not encrypted; set ssl_mode = "verify-full" (or "require").',
    none: 'ssl_mode is {{actual}}{{from}} in {{address}}, so the {{engine}} connection is not encrypted; set ssl_mode = "verify-full" (or "require").',
  },
  remediation: 'Set `ssl_mode = "verify-full"` (or `"verify-ca"`) with `certificate_arn` pointing at an `aws_dms_certificate` holding the database\'s CA, or at least `ssl_mode = "require"`, and enable TLS on the database.',
  references: ['https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.SSL.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dms_endpoint#ssl_mode'],
  standards: TRANSIT,
  equivalents: { checkov: ['CKV2_AWS_49'] },
  resources: ['aws_dms_endpoint'],
  check(inst, r) {
    const engine = strAt(inst, 'engine_name');
    if (engine === undefined || !DMS_SSL_ENGINES.has(engine)) return;
    const a = inst.get('ssl_mode');
    if (!a || a.value.kind === 'null') return r.missing(inst, 'missing', { engine });
    if (asString(a.value) === 'none') r.attr(inst, a, 'none', { engine });
  },
});

const dmsPublic = awsRule({
  name: 'dms-replication-instance-public',
  title: 'DMS replication instance is publicly accessible',
  description:
    'A replication instance with `publicly_accessible = true` gets a public IP address. It holds credentials for the source and target databases and streams their data; with a public address it is reachable from the internet wherever its security groups and subnet routes allow, instead of only from the VPC.',
  severity: 'high',
  messages: {
    public: 'publicly_accessible is {{actual}}{{from}} in {{address}}; set it to false and reach the databases through the VPC, VPN, Direct Connect or peering.',
  },
  remediation: 'Set `publicly_accessible = false` (the instance is replaced) and place it in private subnets of an `aws_dms_replication_subnet_group`.',
  references: ['https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html', 'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_Security.html'],
  standards: { sbd: ['7', '8'], caf: ['B3', 'B4'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_89'] },
  resources: ['aws_dms_replication_instance'],
  check(inst, r) {
    const a = inst.get('publicly_accessible');
    if (boolState(a) === 'true') r.attr(inst, a!, 'public');
  },
});

// ---------------------------------------------------------------- CodeBuild

const codebuildPrivileged = awsRule({
  name: 'codebuild-privileged-mode',
  title: 'CodeBuild project runs builds in privileged mode',
  description:
    'With `privileged_mode = true` the build container runs privileged, with root access to the build host\'s kernel and devices — a build script, dependency or pull-request change that is compromised can escape the container and tamper with the build environment. It is needed only to run a Docker daemon inside the build; projects that do not build container images should not enable it.',
  severity: 'medium',
  messages: {
    privileged: 'privileged_mode is {{actual}}{{from}} in {{address}}; turn it off unless the project builds Docker images, and then restrict who can change the buildspec and which sources trigger builds.',
  },
  remediation: 'Remove `privileged_mode` (defaults to false). For image builds prefer a rootless builder (kaniko, buildah) or keep privileged mode only in a project whose buildspec and sources are protected (no builds of untrusted pull requests).',
  references: ['https://docs.aws.amazon.com/codebuild/latest/userguide/create-project.html#create-project-console-environment', 'https://docs.aws.amazon.com/securityhub/latest/userguide/codebuild-controls.html#codebuild-5'],
  standards: { sbd: ['7', '8'], caf: ['B4'], cwe: ['CWE-250'] },
  equivalents: { checkov: ['CKV_AWS_316'] },
  resources: ['aws_codebuild_project'],
  check(inst, r) {
    for (const env of inst.blocks('environment')) {
      const a = env.get('privileged_mode');
      if (boolState(a) === 'true') r.attr(inst, a!, 'privileged');
    }
  },
});

const codebuildS3Logs = awsRule({
  name: 'codebuild-s3-logs-encryption',
  title: 'CodeBuild project writes unencrypted build logs to S3',
  description:
    'Build logs contain whatever the build prints: environment details, dependency URLs, test output, sometimes tokens. When a project sends its logs to S3 with `encryption_disabled = true` they are written unencrypted by CodeBuild instead of with the project\'s KMS key.',
  severity: 'low',
  messages: {
    disabled: 'encryption_disabled is {{actual}}{{from}} in logs_config.s3_logs of {{address}}; remove it (or set false) so build logs in S3 are encrypted.',
  },
  remediation: 'Remove `encryption_disabled` from `logs_config { s3_logs { ... } }` (it defaults to false) and set `encryption_key` on the project to a customer-managed KMS key if needed.',
  references: ['https://docs.aws.amazon.com/codebuild/latest/APIReference/API_S3LogsConfig.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/codebuild_project#s3_logs'],
  standards: ENC,
  equivalents: { checkov: ['CKV_AWS_311'] },
  resources: ['aws_codebuild_project'],
  check(inst, r) {
    for (const lc of inst.blocks('logs_config')) {
      for (const s3 of lc.blocks('s3_logs')) {
        // S3 logs are off unless status = "ENABLED"; then the flag matters
        if (strAt(s3, 'status') !== 'ENABLED') continue;
        const a = s3.get('encryption_disabled');
        if (boolState(a) === 'true') r.attr(inst, a!, 'disabled');
      }
    }
  },
});

// ---------------------------------------------------------------- AppSync

const appsyncLogging = awsRule({
  name: 'appsync-field-logging',
  title: 'AppSync GraphQL API has no field-level logging',
  description:
    'Field-level logs record, for each GraphQL request, which resolvers ran and what they returned or failed with; request-level metrics alone cannot show what data a caller asked for. An API without a `log_config`, or with `field_log_level = "NONE"`, leaves no record to investigate abuse of the API or leaked data.',
  severity: 'low',
  messages: {
    missing: '{{address}} has no log_config; add log_config { field_log_level = "ERROR" (or "ALL"), cloudwatch_logs_role_arn = ... }.',
    none: 'field_log_level is {{actual}}{{from}} in {{address}}; set it to "ERROR", "INFO" or "ALL".',
  },
  remediation: 'Add `log_config { cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn, field_log_level = "ERROR" }` (use "ALL" with care: it logs response data), and set a retention on the `/aws/appsync/apis/<id>` log group.',
  references: ['https://docs.aws.amazon.com/appsync/latest/devguide/monitoring.html#cwl', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/appsync_graphql_api#log_config'],
  standards: LOGGING,
  equivalents: { checkov: ['CKV_AWS_194'] },
  resources: ['aws_appsync_graphql_api'],
  check(inst, r) {
    const lcs = inst.blocks('log_config');
    if (lcs.length === 0) return r.missing(inst, 'missing');
    for (const lc of lcs) {
      const a = lc.get('field_log_level');
      if (a && asString(a.value) === 'NONE') r.attr(inst, a, 'none');
    }
  },
});

// ---------------------------------------------------------------- Transfer Family

const transferPublic = awsRule({
  name: 'transfer-server-public',
  title: 'Transfer Family server uses a public endpoint',
  description:
    'A Transfer Family server with `endpoint_type = "PUBLIC"` (the default) listens on an AWS-managed internet address that no security group can restrict: every IP address in the world can try to log in over SFTP. A VPC endpoint can still be internet-facing through Elastic IPs, but lets security groups limit clients to known addresses, or keeps the server private to the VPC.',
  severity: 'medium',
  messages: {
    missing: '{{address}} does not set endpoint_type (defaults to "PUBLIC"), so the server is reachable from any address; use endpoint_type = "VPC" with security groups (and Elastic IPs only if it must be internet-facing).',
    public: 'endpoint_type is {{actual}}{{from}} in {{address}}, so the server is reachable from any address; use endpoint_type = "VPC" with security groups (and Elastic IPs only if it must be internet-facing).',
  },
  remediation: 'Set `endpoint_type = "VPC"` with `endpoint_details { vpc_id, subnet_ids, security_group_ids }` restricting clients; add `address_allocation_ids` only if partners must reach it from the internet.',
  references: ['https://docs.aws.amazon.com/transfer/latest/userguide/create-server-in-vpc.html', 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/transfer_server#endpoint_type'],
  standards: { sbd: ['7', '8'], caf: ['B3', 'B4'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV_AWS_164'] },
  resources: ['aws_transfer_server'],
  check(inst, r) {
    const a = inst.get('endpoint_type');
    if (!a || a.value.kind === 'null') return r.missing(inst, 'missing');
    if (asString(a.value) === 'PUBLIC') r.attr(inst, a, 'public');
  },
});

export const pipelineRules: Rule[] = [glueCatalog, glueSecurityConfiguration, emrSecurityConfiguration, dmsEndpointSsl, dmsPublic, codebuildPrivileged, codebuildS3Logs, appsyncLogging, transferPublic];
