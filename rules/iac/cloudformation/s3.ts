import type { Rule } from '../../../src/model/rule.js';
import { entry, get, isMap, isScalar, isSeq, type DataNode } from '../../../src/parsers/data/tree.js';
import { at, bool, CFN_DATA_STANDARDS, CFN_LOGGING_STANDARDS, cfnMeta, docs, each, intrinsic, propEntry, resolve, statements, string, templates, typeAt, type Statement, type Template } from './cfn.js';
import { callerGap } from '../terraform/aws/util.js';

const BUCKET = 'AWS::S3::Bucket';
const S3_REF = docs(BUCKET);

const publicAcl: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-public-acl',
    title: 'S3 bucket has a public canned ACL',
    description: 'A bucket whose `AccessControl` is `PublicRead`, `PublicReadWrite` or `AuthenticatedRead` lets anyone on the internet (or any AWS account) list and read its objects, and with `PublicReadWrite` also upload and overwrite them. Public data leaks from S3 are among the most common cloud breaches. A bucket whose own `PublicAccessBlockConfiguration` sets `IgnorePublicAcls: true` is not reported: S3 then ignores the public grant.',
    severity: 'high',
    messages: { acl: 'Bucket {{name}} has `AccessControl: {{acl}}`, which opens it to {{who}}; remove it (use `Private`) and serve public content through CloudFront with origin access control.' },
    remediation: 'Remove `AccessControl` (or set `Private`), enable all four Block Public Access settings and set `OwnershipControls` to `BucketOwnerEnforced` so ACLs are disabled.',
    references: [S3_REF, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-732'] },
    equivalents: { checkov: ['CKV_AWS_20', 'CKV_AWS_57'], trivy: ['AVD-AWS-0092'], kics: ['219f4c95-aa50-44e0-97de-cf71f4641170', '07dda8de-d90d-469e-9b37-1aca53526ced', '835d5497-a526-4aea-a23f-98a9afd1635f'] },
  }),
  check(ctx) {
    each(ctx, [BUCKET], (r, t) => {
      const e = entry(r.props, 'AccessControl');
      const acl = e && string(t, e.value);
      if (!e || !acl || !['PublicRead', 'PublicReadWrite', 'AuthenticatedRead'].includes(acl)) return;
      // IgnorePublicAcls makes S3 disregard public ACL grants (BlockPublicAcls alone leaves an existing ACL in force)
      if (bool(t, get(resolve(t, get(r.props, 'PublicAccessBlockConfiguration')), 'IgnorePublicAcls')) === true) return;
      const who = acl === 'PublicReadWrite' ? 'anyone on the internet to read and write' : acl === 'PublicRead' ? 'anyone on the internet to read' : 'every AWS account to read';
      ctx.report({ messageId: 'acl', offsets: at(e), data: { name: r.name, acl, who }, severity: acl === 'PublicReadWrite' ? 'critical' : 'high' });
    });
  },
};

const PAB_FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];
const publicAccessBlock: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-public-access-block',
    title: 'S3 bucket does not block public access',
    description: 'S3 Block Public Access overrides any ACL or bucket policy that would make a bucket public, guarding against a later mistake or a compromised principal opening the data up. Each of its four settings defaults to false when `PublicAccessBlockConfiguration` or the setting is omitted.',
    severity: 'medium',
    messages: {
      missing: 'Bucket {{name}} has no `PublicAccessBlockConfiguration`; add it with `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls` and `RestrictPublicBuckets` all true.',
      flag: 'Bucket {{name}} sets `{{flag}}: false` in `PublicAccessBlockConfiguration`; set it to true.',
      flagMissing: 'Bucket {{name}}\'s `PublicAccessBlockConfiguration` omits {{flags}} (default false); set all four settings to true.',
    },
    remediation: 'Add `PublicAccessBlockConfiguration` with all four settings `true` to every bucket (and enable Block Public Access at account level).',
    references: [S3_REF, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-732'] },
    equivalents: { checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'], trivy: ['AVD-AWS-0094', 'AVD-AWS-0086', 'AVD-AWS-0087', 'AVD-AWS-0091', 'AVD-AWS-0093'], kics: ['48f100d9-f499-4c6d-b2b8-deafe47ffb26'] },
  }),
  check(ctx) {
    each(ctx, [BUCKET], (r, t) => {
      const e = entry(r.props, 'PublicAccessBlockConfiguration');
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const cfg = resolve(t, e.value);
      if (!isMap(cfg)) return;
      const missing: string[] = [];
      for (const f of PAB_FLAGS) {
        const fe = entry(cfg, f);
        if (!fe) missing.push(`\`${f}\``);
        else if (bool(t, fe.value) === false) ctx.report({ messageId: 'flag', offsets: at(fe), data: { name: r.name, flag: f } });
      }
      if (missing.length) ctx.report({ messageId: 'flagMissing', offsets: at(e), data: { name: r.name, flags: missing.join(', ') } });
    });
  },
};

const encryption: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-encryption',
    title: 'S3 bucket has no explicit default encryption',
    description: 'Since January 2023 S3 encrypts new objects with S3-managed keys (SSE-S3) by default, so a bucket without `BucketEncryption` is not unencrypted; but declaring it, ideally with a KMS key (SSE-KMS), makes the control explicit, auditable and revocable through key policy.',
    severity: 'low',
    messages: { missing: 'Bucket {{name}} declares no `BucketEncryption`; add `ServerSideEncryptionConfiguration` with `SSEAlgorithm: aws:kms` (and a customer-managed key) or at least `AES256`.' },
    remediation: 'Add `BucketEncryption.ServerSideEncryptionConfiguration` with `ServerSideEncryptionByDefault.SSEAlgorithm: aws:kms` and `BucketKeyEnabled: true`.',
    references: [S3_REF, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-311'] },
    equivalents: { checkov: ['CKV_AWS_19'], trivy: ['AVD-AWS-0088'], kics: ['b2e8752c-3497-4255-98d2-e4ae5b46bbf5'] },
  }),
  check(ctx) {
    each(ctx, [BUCKET], (r) => {
      if (!entry(r.props, 'BucketEncryption')) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
    });
  },
};

const versioning: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-versioning',
    title: 'S3 bucket versioning not enabled',
    description: 'Without versioning an overwritten or deleted object is gone: a mistaken deployment, a compromised key or ransomware can destroy data with no way back. Versioning (with a lifecycle rule to expire old versions) keeps recoverable copies. A bucket created with `ObjectLockEnabled: true` is versioned automatically and needs no `VersioningConfiguration`.',
    severity: 'low',
    messages: {
      missing: 'Bucket {{name}} has no `VersioningConfiguration`; add `VersioningConfiguration: { Status: Enabled }`.',
      suspended: 'Bucket {{name}} has versioning `{{status}}`; set `Status: Enabled`.',
    },
    remediation: 'Set `VersioningConfiguration.Status: Enabled` and add a lifecycle rule expiring non-current versions.',
    references: [S3_REF, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B5'] },
    equivalents: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'], kics: ['a227ec01-f97a-4084-91a4-47b350c1db54'] },
  }),
  check(ctx) {
    each(ctx, [BUCKET], (r, t) => {
      const e = entry(r.props, 'VersioningConfiguration');
      // S3 turns versioning on by itself for a bucket created with Object Lock
      if (!e && bool(t, get(r.props, 'ObjectLockEnabled')) === true) return;
      if (!e) return ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      const se = propEntry(resolve(t, e.value), 'Status');
      const status = se && string(t, se.value);
      if (se && status && status !== 'Enabled') ctx.report({ messageId: 'suspended', offsets: at(se), data: { name: r.name, status } });
    });
  },
};

/** Logical names of buckets that receive other buckets' access logs. */
function logTargets(t: Template): Set<string> {
  const out = new Set<string>();
  for (const r of t.resources) {
    if (r.type !== BUCKET) continue;
    const dest = get(get(r.props, 'LoggingConfiguration'), 'DestinationBucketName');
    const fn = intrinsic(dest);
    if (fn?.fn === 'Ref' && isScalar(fn.arg)) out.add(String(fn.arg.value));
  }
  // a bucket whose policy lets the S3 logging service write to it is an access-log destination
  for (const r of t.resources) {
    if (r.type !== 'AWS::S3::BucketPolicy') continue;
    const fn = intrinsic(get(r.props, 'Bucket'));
    if (fn?.fn !== 'Ref' || !isScalar(fn.arg)) continue;
    const grantsLogging = statements(t, get(r.props, 'PolicyDocument')).some((s) => {
      if (s.effect !== 'Allow' || !s.principal) return false;
      const svc = resolve(t, get(resolve(t, s.principal.value), 'Service'));
      const names = isSeq(svc) ? svc.items.map((i) => string(t, i)) : [string(t, svc)];
      return names.includes('logging.s3.amazonaws.com');
    });
    if (grantsLogging) out.add(String(fn.arg.value));
  }
  return out;
}

const accessLogging: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-access-logging',
    title: 'S3 bucket server access logging not enabled',
    description: 'Server access logs record every request to a bucket: who read or changed which object, from where. Without them (or CloudTrail data events) a data breach cannot be investigated or its scope established. Buckets that themselves receive access logs (named as another bucket\'s `DestinationBucketName`, granted to the `logging.s3.amazonaws.com` service in their bucket policy, or with the `LogDeliveryWrite` ACL) are exempt.',
    severity: 'low',
    messages: { missing: 'Bucket {{name}} has no `LoggingConfiguration`; send its access logs to a dedicated log bucket (`LoggingConfiguration.DestinationBucketName`).' },
    remediation: 'Add `LoggingConfiguration: { DestinationBucketName: !Ref AccessLogBucket, LogFilePrefix: <name>/ }`, or enable CloudTrail S3 data events.',
    references: [S3_REF, 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
    standards: { ...CFN_LOGGING_STANDARDS, cwe: ['CWE-778'] },
    equivalents: { checkov: ['CKV_AWS_18'], trivy: ['AVD-AWS-0089'], kics: ['4552b71f-0a2a-4bc4-92dd-ed7ec1b4674c'] },
  }),
  check(ctx) {
    for (const t of templates(ctx)) {
      const targets = logTargets(t);
      for (const r of t.resources) {
        if (r.type !== BUCKET || entry(r.props, 'LoggingConfiguration') || targets.has(r.name)) continue;
        if (string(t, get(r.props, 'AccessControl')) === 'LogDeliveryWrite') continue;
        ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      }
    }
  },
};

export function isStar(t: Template, n: DataNode | undefined): boolean {
  const v = resolve(t, n);
  if (isScalar(v)) return v.value === '*';
  if (isSeq(v)) return v.items.some((i) => isStar(t, i));
  if (isMap(v)) return ['AWS', 'CanonicalUser'].some((k) => isStar(t, get(v, k)));
  return false;
}

/**
 * Keys whose values the caller writes itself (HTTP headers): a condition on them stops nobody who
 * sends the request directly (the IAM guide warns against `aws:Referer` for access control).
 */
const SPOOFABLE_KEYS = new Set(['aws:referer', 'aws:useragent']);

/**
 * Why a statement's Condition lets every caller through (its tests, when each of them does), or
 * undefined when one of them narrows the callers or cannot be read. The tests that do not narrow are
 * the Terraform rules' (`aws:SecureTransport`, `aws:SourceIp` 0.0.0.0/0, any-account ARN patterns,
 * `ForAllValues:`/`...IfExists` on a caller key) plus headers the caller chooses (`aws:Referer`,
 * `aws:UserAgent`), which S3's own policy-status evaluation also treats as public.
 */
export function openCondition(t: Template, s: Statement): string[] | undefined {
  const cond = resolve(t, get(s.node, 'Condition'));
  if (!isMap(cond)) return undefined;
  const gaps: string[] = [];
  for (const op of cond.entries) {
    const keys = resolve(t, op.value);
    if (!isMap(keys)) return undefined;
    for (const k of keys.entries) {
      const name = String(k.key.value);
      const v = resolve(t, k.value);
      const items = isSeq(v) ? v.items : v ? [v] : [];
      const values = items.map((i) => string(t, i) ?? 'UNKNOWN-VALUE');
      const key = name.toLowerCase();
      const gap = SPOOFABLE_KEYS.has(key) && values.length ? `${name}, a header the caller sets` : callerGap({ test: String(op.key.value), key, values, name });
      if (gap === undefined) return undefined;
      gaps.push(gap);
    }
  }
  return gaps.length ? gaps : undefined;
}

const POLICY_TYPES = ['AWS::S3::BucketPolicy'];
const policyPublic: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-policy-public-principal',
    title: 'S3 bucket policy allows any principal without a restricting condition',
    description: 'A bucket policy statement with `Effect: Allow` and `Principal: "*"` grants its actions to everyone on the internet unless a `Condition` narrows who may call (`aws:SourceVpce`, `aws:SourceArn`, `aws:PrincipalOrgID`, an `aws:SourceIp` range, …). A condition that only tests headers the caller writes (`aws:Referer`, `aws:UserAgent`), TLS (`aws:SecureTransport`), `aws:SourceIp` 0.0.0.0/0, an ARN pattern matching any account, or `ForAllValues:`/`...IfExists` on a caller key restricts nobody, and S3 still counts such a policy as public. Unless the bucket is deliberately a public website, this exposes the data or lets strangers change it.',
    severity: 'high',
    messages: {
      public: 'This bucket policy statement allows {{actions}} to any principal (`Principal: "*"`) with no `Condition`; name the principals (accounts, roles, the CloudFront distribution) or add a condition such as `aws:SourceArn`/`aws:PrincipalOrgID`.',
      openCondition: 'This bucket policy statement allows {{actions}} to any principal (`Principal: "*"`) with only a `Condition` that does not limit who may call ({{why}}); name the principals or add a condition such as `aws:SourceArn`/`aws:PrincipalOrgID`/`aws:SourceVpce`.',
    },
    remediation: 'Replace `Principal: "*"` with specific principals, or restrict with conditions (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceVpce`); serve public content through CloudFront with origin access control rather than a Referer check.',
    references: [docs('AWS::S3::BucketPolicy'), 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-referer'],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-732'] },
    equivalents: { checkov: ['CKV_AWS_70'], kics: ['7772bb8c-c0f3-42d4-8e4e-f1b8939ad085', '4ae8af91-5108-42cb-9471-3bdbe596eac9'] },
  }),
  check(ctx) {
    each(ctx, POLICY_TYPES, (r, t) => {
      for (const s of statements(t, get(r.props, 'PolicyDocument'))) {
        if (s.effect !== 'Allow' || !s.principal || !isStar(t, s.principal.value)) continue;
        const actions = s.actions?.map((a) => `\`${a.value}\``).join(', ') || 'its actions';
        if (!s.condition) {
          ctx.report({ messageId: 'public', offsets: at(s.principal), data: { actions } });
          continue;
        }
        const gaps = openCondition(t, s);
        if (gaps) ctx.report({ messageId: 'openCondition', offsets: at(s.principal), data: { actions, why: [...new Set(gaps)].join('; ') } });
      }
    });
  },
};

function deniesInsecureTransport(t: Template, doc: DataNode | undefined): boolean {
  return statements(t, doc).some((s) => {
    if (s.effect !== 'Deny') return false;
    const cond = resolve(t, get(s.node, 'Condition'));
    const b = get(cond, 'Bool');
    const v = get(b, 'aws:SecureTransport');
    if (v && bool(t, isSeq(v) ? v.items[0] : v) === false) return true;
    // a plain-HTTP request has no s3:TlsVersion key, so only the IfExists form of the operator denies it
    const ver = get(cond, 'NumericLessThanIfExists');
    return !!get(ver, 's3:TlsVersion');
  });
}

const secureTransport: Rule = {
  meta: cfnMeta({
    id: 'iac/cfn-s3-secure-transport',
    title: 'S3 bucket does not enforce TLS',
    description: 'S3 accepts plain HTTP requests unless a bucket policy denies them. A `Deny` statement on `aws:SecureTransport: false` makes sure data in transit to and from the bucket is always encrypted. A `NumericLessThan` condition on `s3:TlsVersion` alone does not count: plain-HTTP requests carry no TLS version, so the condition is false for them and they are not denied (`NumericLessThanIfExists` does deny them). Checked only where every bucket policy in the template can be matched to its bucket.',
    severity: 'low',
    messages: { missing: 'Bucket {{name}} has no bucket policy in this template denying requests with `aws:SecureTransport: false`; add a `AWS::S3::BucketPolicy` with that Deny statement.' },
    remediation: 'Add a bucket policy statement `{ Effect: Deny, Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN/*], Condition: { Bool: { aws:SecureTransport: false } } }`.',
    references: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit', docs('AWS::S3::BucketPolicy')],
    standards: { ...CFN_DATA_STANDARDS, cwe: ['CWE-319'] },
    equivalents: { kics: ['38c64e76-c71e-4d92-a337-60174d1de1c9'] },
  }),
  check(ctx) {
    for (const t of templates(ctx)) {
      const secured = new Set<string>();
      let unmatched = false;
      for (const r of t.resources) {
        if (r.type !== 'AWS::S3::BucketPolicy') continue;
        const fn = intrinsic(get(r.props, 'Bucket'));
        if (fn?.fn !== 'Ref' || !isScalar(fn.arg)) {
          unmatched = true;
          continue;
        }
        if (deniesInsecureTransport(t, get(r.props, 'PolicyDocument'))) secured.add(String(fn.arg.value));
      }
      if (unmatched) continue;
      for (const r of t.resources) {
        if (r.type === BUCKET && !secured.has(r.name)) ctx.report({ messageId: 'missing', offsets: typeAt(r), data: { name: r.name } });
      }
    }
  },
};

export const s3Rules: Rule[] = [publicAcl, publicAccessBlock, encryption, versioning, accessLogging, policyPublic, secureTransport];
