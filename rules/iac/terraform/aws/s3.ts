import type { Rule } from '../../../../src/model/rule.js';
import { asBool, asMap, asString, type ResourceInstance } from '../../../../src/terraform/index.js';
import { awsRule, boolState, tamSource, type AwsReporter, firstBlock, isUnknownMarker, policyAttr, strAt, type PolicyDoc, reportPublicAllows } from './util.js';

const S3_REF = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html';

/**
 * Companion resources of a bucket (`aws_s3_bucket_x` with `bucket = aws_s3_bucket.b.id`). `undefined`
 * when some resource of the type names its bucket by a value we cannot resolve (it may be this one).
 */
export function companions(bucket: ResourceInstance, type: string, attribute = 'bucket'): ResourceInstance[] | undefined {
  const found = bucket.module.findReferencing(type, attribute, bucket);
  if (found.length) return found;
  for (const c of bucket.module.root.resources(type)) {
    const a = c.get(attribute);
    if (!a) continue;
    const v = a.value;
    if (v.kind === 'unknown' && v.references.length === 0) return undefined;
    if (!c.expansionKnown) return undefined;
  }
  return [];
}

const PAB_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

function checkFlags(inst: ResourceInstance, r: AwsReporter, flags = PAB_FLAGS): void {
  const missing: string[] = [];
  for (const f of flags) {
    const a = inst.get(f);
    const st = boolState(a);
    if (st === 'missing') missing.push(f);
    else if (st === 'false') r.attr(inst, a!, 'flagFalse', { flag: f });
  }
  if (missing.length) r.missing(inst, 'flagMissing', { flags: missing.join(', ') });
}

const publicAccessBlock = awsRule({
  name: 's3-public-access-block',
  title: 'S3 bucket has no public access block',
  description:
    'S3 Block Public Access is the guard rail that stops a bucket policy or ACL from making data public by mistake. A bucket without an `aws_s3_bucket_public_access_block` (and no account-level block in the configuration) can be exposed to the internet by a single policy or ACL change.',
  severity: 'medium',
  messages: {
    missing: '{{address}} has no aws_s3_bucket_public_access_block (and no account-level block in this configuration); add one with all four settings true.',
  },
  remediation: 'Add `aws_s3_bucket_public_access_block` for the bucket with `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` all `true` (or an account-level `aws_s3_account_public_access_block`).',
  references: [S3_REF, 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284'] },
  equivalents: { checkov: ['CKV2_AWS_6'], tfsec: ['aws-s3-specify-public-access-block'], trivy: ['AVD-AWS-0094'] },
  resources: ['aws_s3_bucket'],
  check(inst, r) {
    if (inst.module.root.resources('aws_s3_account_public_access_block').length) return;
    const pabs = companions(inst, 'aws_s3_bucket_public_access_block');
    if (pabs && pabs.length === 0) r.missing(inst, 'missing');
  },
});

const FLAG_INFO: Record<string, { what: string; checkov: string; tfsec: string; trivy: string; kics: string }> = {
  block_public_acls: { what: 'rejects requests that add public ACLs to the bucket or its objects', checkov: 'CKV_AWS_53', tfsec: 'aws-s3-block-public-acls', trivy: 'AVD-AWS-0086', kics: 'd0cc8694-fcad-43ff-ac86-32331d7e867f' },
  block_public_policy: { what: 'rejects bucket policies that grant public access', checkov: 'CKV_AWS_54', tfsec: 'aws-s3-block-public-policy', trivy: 'AVD-AWS-0087', kics: '1a4bc881-9f69-4d44-8c9a-d37d08f54c50' },
  ignore_public_acls: { what: 'makes S3 ignore any public ACLs already on the bucket and its objects', checkov: 'CKV_AWS_55', tfsec: 'aws-s3-ignore-public-acls', trivy: 'AVD-AWS-0091', kics: '4fa66806-0dd9-4f8d-9480-3174d39c7c91' },
  restrict_public_buckets: { what: 'limits a bucket with a public policy to AWS service principals and the owning account', checkov: 'CKV_AWS_56', tfsec: 'aws-s3-no-public-buckets', trivy: 'AVD-AWS-0093', kics: '1ec253ab-c220-4d63-b2de-5b40e0af9293' },
};

function flagRule(flag: string): Rule {
  const info = FLAG_INFO[flag];
  return awsRule({
    name: `s3-${flag.replace(/_/g, '-')}`,
    title: `S3 public access block does not set ${flag}`,
    description: `In an S3 public access block, \`${flag} = true\` ${info.what}. The setting defaults to false, so a block that leaves it out or sets it false does not provide that protection.`,
    severity: 'medium',
    messages: {
      flagFalse: '{{flag}} is {{actual}}{{from}} in {{address}}; expected true.',
      flagMissing: '{{address}} does not set {{flags}} (defaults to false); set it to true.',
    },
    remediation: `Set \`${flag} = true\` in the \`aws_s3_bucket_public_access_block\`.`,
    references: [S3_REF, 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_bucket_public_access_block'],
    standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284'] },
    equivalents: { checkov: [info.checkov], tfsec: [info.tfsec], trivy: [info.trivy], kics: [info.kics] },
    resources: ['aws_s3_bucket_public_access_block'],
    check(inst, r) {
      checkFlags(inst, r, [flag]);
    },
    modules: [
      {
        source: tamSource('s3-bucket'),
        check(call, r) {
          const a = call.get(flag);
          if (boolState(a) === 'false') r.attr(call, a!, 'flagFalse', { flag });
        },
      },
    ],
  });
}

const accountPublicAccessBlock = awsRule({
  name: 's3-account-public-access-block',
  title: 'Account-level S3 public access block has a setting off',
  description:
    'The account-level S3 Block Public Access settings protect every bucket in the account, including ones created later by hand or by other tools. A setting left false lets a public ACL or bucket policy expose data anywhere in the account.',
  severity: 'medium',
  messages: {
    flagFalse: '{{flag}} is {{actual}}{{from}} in {{address}}; expected true.',
    flagMissing: '{{address}} does not set {{flags}} (each defaults to false); set all four to true.',
  },
  remediation: 'Set `block_public_acls`, `block_public_policy`, `ignore_public_acls` and `restrict_public_buckets` to `true` in `aws_s3_account_public_access_block`.',
  references: [S3_REF, 'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_account_public_access_block'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284'] },
  equivalents: {},
  resources: ['aws_s3_account_public_access_block'],
  check(inst, r) {
    checkFlags(inst, r);
  },
});

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

const publicAcl = awsRule({
  name: 's3-public-acl',
  title: 'S3 bucket ACL grants public access',
  description:
    'The canned ACLs `public-read`, `public-read-write` and `authenticated-read` (and grants to the AllUsers or AuthenticatedUsers groups) let anyone on the internet, or any AWS account holder, list or read — and with write, change — the bucket\'s objects.',
  severity: 'high',
  messages: {
    acl: 'acl is {{actual}}{{from}} in {{address}}; expected "private" (or no ACL, with object ownership BucketOwnerEnforced).',
    grant: '{{address}} grants {{permission}} to {{group}}; remove grants to AllUsers / AuthenticatedUsers.',
  },
  remediation: 'Use `acl = "private"` (or drop ACLs: `aws_s3_bucket_ownership_controls` with `BucketOwnerEnforced`), serve public content through CloudFront with origin access control.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl', S3_REF],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284', 'CWE-732'] },
  equivalents: { checkov: ['CKV_AWS_20', 'CKV_AWS_57'], tfsec: ['aws-s3-no-public-access-with-acl'], trivy: ['AVD-AWS-0092'] },
  resources: ['aws_s3_bucket', 'aws_s3_bucket_acl'],
  modules: [
    {
      source: tamSource('s3-bucket'),
      check(call, r) {
        const a = call.get('acl');
        const acl = a ? asString(a.value) : undefined;
        if (acl && PUBLIC_ACLS.has(acl)) r.attr(call, a!, 'acl');
      },
    },
  ],
  check(inst, r) {
    const a = inst.get('acl');
    const acl = a ? asString(a.value) : undefined;
    if (acl && PUBLIC_ACLS.has(acl)) r.attr(inst, a!, 'acl');
    const policies = inst.resourceType === 'aws_s3_bucket' ? [inst] : inst.blocks('access_control_policy');
    for (const p of policies) {
      for (const g of p.blocks(inst.resourceType === 'aws_s3_bucket' ? 'grant' : 'grant')) {
        const grantee = inst.resourceType === 'aws_s3_bucket' ? g : g.blocks('grantee')[0];
        if (!grantee) continue;
        const uri = strAt(grantee, 'uri');
        const m = uri ? PUBLIC_GROUPS.exec(uri) : null;
        if (!m) continue;
        const perm = strAt(g, 'permission') ?? (strAt(g, 'permissions') || 'access');
        const ua = grantee.get('uri')!;
        r.attr(inst, ua, 'grant', { permission: perm, group: m[1] });
      }
    }
  },
});

/** Policies that apply to a bucket: its inline `policy` and `aws_s3_bucket_policy` companions. */
function bucketPolicies(bucket: ResourceInstance): PolicyDoc[] | undefined {
  const out: PolicyDoc[] = [];
  if (bucket.get('policy')) {
    const p = policyAttr(bucket);
    if (!p) return undefined;
    out.push(p.doc);
  }
  const cs = companions(bucket, 'aws_s3_bucket_policy');
  if (!cs) return undefined;
  for (const c of cs) {
    const p = policyAttr(c);
    if (!p) return undefined;
    out.push(p.doc);
  }
  return out;
}

const publicPolicy = awsRule({
  name: 's3-public-policy',
  title: 'S3 bucket policy allows any principal',
  description:
    'A bucket policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`) without a Condition restricting who may use it (source VPC endpoint, organisation, account) grants its actions to everyone on the internet. A Condition that only requires TLS (`aws:SecureTransport`), allows `aws:SourceIp` 0.0.0.0/0 matches principals of any account (`arn:aws:iam::*:role/*`), or puts `ForAllValues:` or `...IfExists` on a single-valued key such as `aws:PrincipalOrgID` (true when the request lacks the key) restricts nobody.',
  severity: 'high',
  messages: {
    public: '{{address}} has a policy statement allowing {{actions}} to Principal "*" with {{condition}}{{from}}; restrict the principal or add a Condition (aws:SourceVpce, aws:PrincipalOrgID, aws:SourceArn).',
  },
  remediation: 'Name the principals that need access, or add a Condition such as `aws:PrincipalOrgID`, `aws:SourceVpce` or `aws:SourceArn` (for CloudFront, use origin access control with `AWS:SourceArn`).',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html'],
  standards: { sbd: ['7', '8'], caf: ['B2', 'B3'], cwe: ['CWE-284', 'CWE-732'] },
  equivalents: { checkov: ['CKV_AWS_70'], kics: ['7af43613-6bb9-4a0e-8c4d-1314b799425e'] },
  resources: ['aws_s3_bucket', 'aws_s3_bucket_policy'],
  check(inst, r, ctx) {
    reportPublicAllows(inst, r, ctx);
  },
});

/**
 * A bucket that receives server access logs: its ACL grants log-delivery-write (inline or through
 * `aws_s3_bucket_acl`), or another bucket's logging names it as target.
 */
function isLogBucket(inst: ResourceInstance): boolean {
  if (asString(inst.get('acl')?.value) === 'log-delivery-write') return true;
  if (inst.module.findReferencing('aws_s3_bucket_logging', 'target_bucket', inst).length) return true;
  const name = asString(inst.get('bucket')?.value);
  for (const b of inst.module.root.resources('aws_s3_bucket')) {
    for (const l of b.blocks('logging')) {
      const t = l.get('target_bucket')?.value;
      if (t && ((t.kind === 'reference' && t.resource === inst.resourceAddress) || (name && asString(t) === name))) return true;
    }
  }
  for (const acl of inst.module.findReferencing('aws_s3_bucket_acl', 'bucket', inst)) if (asString(acl.get('acl')?.value) === 'log-delivery-write') return true;
  return false;
}

/** The buckets a companion resource's `bucket` names; undefined when not known. */
function bucketsOf(companion: ResourceInstance): ResourceInstance[] | undefined {
  const v = companion.get('bucket')?.value;
  if (v?.kind === 'reference') return companion.module.resolveReference(v);
  const name = asString(v);
  if (name === undefined) return undefined;
  return companion.module.root.resources('aws_s3_bucket').filter((b) => asString(b.get('bucket')?.value) === name);
}

function hasSse(bucket: ResourceInstance): boolean | undefined {
  if (bucket.blocks('server_side_encryption_configuration').length) return true;
  const cs = companions(bucket, 'aws_s3_bucket_server_side_encryption_configuration');
  return cs === undefined ? undefined : cs.length > 0;
}

const encryption = awsRule({
  name: 's3-encryption',
  title: 'S3 bucket has no default encryption configuration',
  description:
    'Since January 2023 S3 encrypts new objects with SSE-S3 even without a configuration, so a bucket without `server_side_encryption_configuration` is not unencrypted; but the encryption choice is then implicit and cannot be audited from the code. Declaring it (preferably with KMS) records the intent.',
  severity: 'low',
  messages: {
    missing: '{{address}} declares no server-side encryption (no server_side_encryption_configuration block and no aws_s3_bucket_server_side_encryption_configuration); declare SSE-KMS or SSE-S3 explicitly.',
  },
  remediation: 'Add `aws_s3_bucket_server_side_encryption_configuration` with `apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" }` (or `AES256`).',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_19'], tfsec: ['aws-s3-enable-bucket-encryption'], trivy: ['AVD-AWS-0088'], kics: ['6726dcc0-5ff5-459d-b473-a780bef7665c'] },
  resources: ['aws_s3_bucket'],
  check(inst, r) {
    if (hasSse(inst) === false) r.missing(inst, 'missing');
  },
});

const encryptionKms = awsRule({
  name: 's3-encryption-kms',
  title: 'S3 default encryption uses S3-managed keys, not KMS',
  description:
    'SSE-S3 (`AES256`) encrypts data with keys S3 manages: anyone with read access to the bucket can read the data, and there is no separate key policy or key-use audit trail. SSE-KMS with a customer-managed key adds a second access control and CloudTrail records of every decryption.',
  severity: 'low',
  messages: {
    aes: 'sse_algorithm is {{actual}}{{from}} in {{address}}; expected "aws:kms" (or "aws:kms:dsse") with a customer-managed kms_master_key_id.',
  },
  remediation: 'Set `sse_algorithm = "aws:kms"` and `kms_master_key_id` to a customer-managed key, and `bucket_key_enabled = true` to limit KMS costs.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-311'] },
  equivalents: { checkov: ['CKV_AWS_145'], tfsec: ['aws-s3-encryption-customer-key'], trivy: ['AVD-AWS-0132'] },
  resources: ['aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration'],
  check(inst, r) {
    // server access log delivery supports only SSE-S3 on the target bucket
    const bucket = inst.resourceType === 'aws_s3_bucket' ? [inst] : bucketsOf(inst);
    if (bucket === undefined || bucket.some(isLogBucket)) return;
    const roots = inst.resourceType === 'aws_s3_bucket' ? inst.blocks('server_side_encryption_configuration') : [inst];
    for (const root of roots) {
      for (const rule of root.blocks('rule')) {
        const d = rule.blocks('apply_server_side_encryption_by_default')[0];
        const a = d?.get('sse_algorithm');
        if (a && asString(a.value) === 'AES256') r.attr(inst, a, 'aes');
      }
    }
  },
});

function deniesInsecureTransport(doc: PolicyDoc): boolean {
  return doc.statements.some(
    (s) =>
      s.effect === 'Deny' &&
      s.conditions.some((c) => (c.key === 'aws:securetransport' && c.values.includes('false')) || (c.key === 's3:tlsversion' && /NumericLessThan/i.test(c.test))),
  );
}

const tlsOnly = awsRule({
  name: 's3-tls-only',
  title: 'S3 bucket policy does not deny unencrypted (HTTP) requests',
  description:
    'S3 accepts plain HTTP requests unless the bucket policy denies them. Without a `Deny` on `aws:SecureTransport = false`, clients or misconfigured tools can send and receive data in clear text.',
  severity: 'low',
  messages: {
    noPolicy: '{{address}} has no bucket policy, so HTTP requests are allowed; add a policy that denies s3:* when aws:SecureTransport is "false".',
    noDeny: '{{address}}\'s bucket policy has no Deny statement on aws:SecureTransport = "false"; add one so only TLS requests are accepted.',
  },
  remediation: 'Add a bucket policy statement `Effect = "Deny"`, `Principal = "*"`, `Action = "s3:*"`, the bucket and its objects as resources, and `Condition = { Bool = { "aws:SecureTransport" = "false" } }`.',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit', 'https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule'],
  standards: { sbd: ['7'], caf: ['B3'], cwe: ['CWE-319'] },
  equivalents: {},
  resources: ['aws_s3_bucket'],
  check(inst, r) {
    const docs = bucketPolicies(inst);
    if (!docs) return;
    if (docs.length === 0) return r.missing(inst, 'noPolicy');
    if (docs.some((d) => !d.complete || d.statements.some((s) => s.effect === 'unknown' || s.conditions.some((c) => isUnknownMarker(c.key) || c.values.some(isUnknownMarker))))) return;
    if (!docs.some(deniesInsecureTransport)) r.missing(inst, 'noDeny');
  },
});

const versioning = awsRule({
  name: 's3-versioning',
  title: 'S3 bucket versioning is not enabled',
  description:
    'Without versioning an overwritten or deleted object is gone: a mistaken deployment, a compromised credential or ransomware can destroy data with no way back. Versioning keeps previous versions for recovery.',
  severity: 'low',
  messages: {
    missing: '{{address}} has no versioning configuration (no versioning block or aws_s3_bucket_versioning); enable versioning.',
    disabled: 'versioning is {{actual}}{{from}} in {{address}}; expected enabled = true / status = "Enabled".',
  },
  remediation: 'Add `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }` (and lifecycle rules to expire old versions).',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
  standards: { sbd: ['7'], caf: ['B3', 'B5'], cwe: ['CWE-693'] },
  equivalents: { checkov: ['CKV_AWS_21'], tfsec: ['aws-s3-enable-versioning'], trivy: ['AVD-AWS-0090'], kics: ['568a4d22-3517-44a6-a7ad-6a7eed88722c'] },
  resources: ['aws_s3_bucket', 'aws_s3_bucket_versioning'],
  modules: [
    {
      // terraform-aws-modules/s3-bucket: `versioning = { enabled = false }` (or `status = false` / "Suspended")
      // creates the versioning resource with status "Suspended"; without the input the module leaves
      // versioning alone, which is not judged here (the bucket may be versioned elsewhere)
      source: tamSource('s3-bucket'),
      check(call, r) {
        const a = call.get('versioning');
        const m = a ? asMap(a.value) : undefined;
        if (!a || !m) return;
        const enabled = 'enabled' in m ? asBool(m.enabled) : undefined;
        const status = 'status' in m ? m.status : undefined;
        const st = status ? (asBool(status) ?? asString(status)?.toLowerCase()) : undefined;
        if (enabled === false || (enabled === undefined && (st === false || st === 'suspended' || st === 'disabled'))) r.attr(call, a, 'disabled');
      },
    },
  ],
  check(inst, r) {
    if (inst.resourceType === 'aws_s3_bucket_versioning') {
      const cfg = firstBlock(inst, 'versioning_configuration');
      const a = cfg?.get('status');
      const s = a ? asString(a.value) : undefined;
      if (a && s !== undefined && s !== 'Enabled') r.attr(inst, a, 'disabled');
      return;
    }
    const v = inst.blocks('versioning')[0];
    if (v) {
      const a = v.get('enabled');
      if (boolState(a) === 'false') r.attr(inst, a!, 'disabled');
      else if (!a && v.file === inst.file) r.block(inst, v, 'missing');
      return;
    }
    const cs = companions(inst, 'aws_s3_bucket_versioning');
    if (cs && cs.length === 0) r.missing(inst, 'missing');
  },
});

const logging = awsRule({
  name: 's3-logging',
  title: 'S3 bucket has no server access logging',
  description:
    'Server access logs record who requested which object and when. Without them (or CloudTrail data events) there is no record to investigate a data exposure or misuse of the bucket.',
  severity: 'low',
  messages: {
    missing: '{{address}} has no access logging (no logging block or aws_s3_bucket_logging); send access logs to a dedicated log bucket.',
  },
  remediation: 'Add `aws_s3_bucket_logging` with `target_bucket` set to a log bucket (or enable CloudTrail S3 data events).',
  references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
  standards: { sbd: ['5', '7'], caf: ['C1'], cwe: ['CWE-778'] },
  equivalents: { checkov: ['CKV_AWS_18'], tfsec: ['aws-s3-enable-bucket-logging'], trivy: ['AVD-AWS-0089'], kics: ['f861041c-8c9f-4156-acfc-5e6e524f5884'] },
  resources: ['aws_s3_bucket'],
  check(inst, r) {
    if (inst.blocks('logging').length) return;
    // a bucket that receives other buckets' logs is not required to log itself
    if (isLogBucket(inst)) return;
    const cs = companions(inst, 'aws_s3_bucket_logging');
    if (cs && cs.length === 0) r.missing(inst, 'missing');
  },
});

export const s3Rules: Rule[] = [publicAccessBlock, ...PAB_FLAGS.map(flagRule), accountPublicAccessBlock, publicAcl, publicPolicy, encryption, encryptionKms, tlsOnly, versioning, logging];
