import type { Rule } from '../../../../src/model/rule.js';
import type { AttrResult, BlockView, ResourceInstance } from '../../../../src/terraform/index.js';
import type { HclExpr } from '../../../../src/parsers/hcl/model.js';
import { STD, get, isOff, lower, strings, tfRule, type Reporter } from '../azure/common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';
const BUCKET = 'google_storage_bucket';

/** Public principals: `allUsers`, `allAuthenticatedUsers` (IAM), also as ACL entities. */
export function isPublicPrincipal(s: string): boolean {
  const v = s.trim().toLowerCase();
  return v === 'allusers' || v === 'allauthenticatedusers';
}

/** Report `attr` when any of its known strings is a public principal; returns whether it did. */
function reportPublic(inst: ResourceInstance, attr: AttrResult | undefined, r: Reporter, id: string, test: (s: string) => boolean = isPublicPrincipal): boolean {
  if (!attr) return false;
  const who = strings(attr.value).find(test);
  if (who === undefined) return false;
  r.bad(inst, attr, id, { who });
  return true;
}

// ------------------------------------------------------------------ Cloud Storage

const ubla = tfRule(
  {
    id: 'iac/gcp-storage-uniform-access',
    title: 'GCS bucket without uniform bucket-level access',
    description:
      'Without uniform bucket-level access a bucket\'s objects can carry their own ACLs, so access is decided object by object and a single public object ACL can leak data that the bucket\'s IAM policy never allowed. Uniform access makes IAM the only way in and is required for public access prevention and IAM Conditions.',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not set `uniform_bucket_level_access` (default false): object ACLs can grant access that IAM does not show. Set it to true.',
      disabled: '{{address}} sets `uniform_bucket_level_access` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Set `uniform_bucket_level_access = true` and grant access with `google_storage_bucket_iam_*` resources instead of ACLs.',
    references: [REG + 'storage_bucket#uniform_bucket_level_access', 'https://cloud.google.com/storage/docs/uniform-bucket-level-access'],
    standards: STD.access(['CWE-284']),
    equivalents: { checkov: ['CKV_GCP_29'], tfsec: ['google-storage-enable-ubla'], trivy: ['AVD-GCP-0002'], kics: ['bb0db090-5509-4853-a827-75ced0b3caa0'] },
  },
  [BUCKET],
  (inst, r) => {
    const a = get(inst, 'uniform_bucket_level_access');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    else if (!a) {
      const legacy = get(inst, 'bucket_policy_only');
      if (legacy && !isOff(legacy.value)) return;
      r.missing(inst, 'missing');
    }
  },
);

const PUBLIC_ACLS = new Set(['publicread', 'publicreadwrite', 'authenticatedread']);

const publicBucket = tfRule(
  {
    id: 'iac/gcp-storage-public-access',
    title: 'GCS bucket is readable by everyone',
    description:
      'Granting a bucket role to `allUsers` makes its objects readable (or writable) by anyone on the internet; `allAuthenticatedUsers` means anyone with any Google account, which is no real restriction. Unless the bucket deliberately hosts public content, this exposes data.',
    severity: 'high',
    messages: {
      iam: '{{address}} grants access to {{who}}{{from}}: anyone on the internet can use the bucket. Grant roles to specific users, groups or service accounts.',
      acl: '{{address}} sets an ACL that makes the bucket public ({{actual}}{{from}}); remove it and use IAM for named principals.',
    },
    remediation: 'Remove `allUsers` / `allAuthenticatedUsers` from bucket IAM bindings and ACLs; serve public content through a load balancer with Cloud CDN, signed URLs, or a dedicated, documented public bucket. Set `public_access_prevention = "enforced"` on private buckets.',
    references: [REG + 'storage_bucket_iam', 'https://cloud.google.com/storage/docs/access-control/making-data-public'],
    standards: STD.data(['CWE-284', 'CWE-732']),
    equivalents: { checkov: ['CKV_GCP_28'], tfsec: ['google-storage-no-public-access'], trivy: ['AVD-GCP-0001'], kics: ['c010082c-76e0-4b91-91d9-6e8439e455dd', 'a6cd52a1-3056-4910-96a5-894de9f3f3b3'] },
  },
  [
    'google_storage_bucket_iam_binding',
    'google_storage_bucket_iam_member',
    'google_storage_bucket_access_control',
    'google_storage_default_object_access_control',
    'google_storage_object_access_control',
    'google_storage_bucket_acl',
    'google_storage_default_object_acl',
    'google_storage_object_acl',
  ],
  (inst, r) => {
    switch (inst.resourceType) {
      case 'google_storage_bucket_iam_binding':
        reportPublic(inst, get(inst, 'members'), r, 'iam');
        return;
      case 'google_storage_bucket_iam_member':
        reportPublic(inst, get(inst, 'member'), r, 'iam');
        return;
      case 'google_storage_bucket_access_control':
      case 'google_storage_default_object_access_control':
      case 'google_storage_object_access_control':
        reportPublic(inst, get(inst, 'entity'), r, 'iam');
        return;
      default: {
        const predefined = get(inst, 'predefined_acl');
        if (predefined && PUBLIC_ACLS.has(lower(predefined.value) ?? '')) r.bad(inst, predefined, 'acl');
        reportPublic(inst, get(inst, 'role_entity'), r, 'iam', (s) => isPublicPrincipal(s.split(':').slice(1).join(':')));
      }
    }
  },
);

const pap = tfRule(
  {
    id: 'iac/gcp-storage-public-access-prevention',
    title: 'GCS bucket does not enforce public access prevention',
    description:
      'Public access prevention stops a bucket from ever being made public through IAM or ACLs, whatever is granted later by mistake. Without it (`inherited`, the default) the bucket is protected only if an organisation policy happens to enforce it.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not set `public_access_prevention`; set it to "enforced" unless the bucket must be public.',
      inherited: '{{address}} sets `public_access_prevention` to {{actual}}{{from}}; set it to "enforced" unless the bucket must be public.',
    },
    remediation: 'Set `public_access_prevention = "enforced"` on every bucket that is not meant to be public (or enforce `storage.publicAccessPrevention` as an organisation policy).',
    references: [REG + 'storage_bucket#public_access_prevention', 'https://cloud.google.com/storage/docs/public-access-prevention'],
    standards: STD.data(['CWE-284']),
    equivalents: { checkov: ['CKV_GCP_114'] },
  },
  [BUCKET],
  (inst, r) => {
    const a = get(inst, 'public_access_prevention');
    if (!a) r.missing(inst, 'missing');
    else if (lower(a.value) === 'inherited' || lower(a.value) === 'unspecified') r.bad(inst, a, 'inherited');
  },
);

const versioning = tfRule(
  {
    id: 'iac/gcp-storage-versioning',
    title: 'GCS bucket without object versioning',
    description:
      'Without object versioning, an overwritten or deleted object is gone: accidental deletion, a faulty job or ransomware-style overwrites cannot be undone. Versioning (with lifecycle rules to expire old versions) keeps recoverable copies.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `versioning` block: overwritten or deleted objects cannot be recovered. Add `versioning { enabled = true }`.',
      disabled: '{{address}} sets `versioning.enabled` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Add `versioning { enabled = true }` and a `lifecycle_rule` that deletes noncurrent versions after a retention period (or use soft delete / retention policies).',
    references: [REG + 'storage_bucket#versioning', 'https://cloud.google.com/storage/docs/object-versioning'],
    standards: STD.resilience(),
    equivalents: { checkov: ['CKV_GCP_78'], kics: ['e7e961ac-d17e-4413-84bc-8a1fbe242944'] },
  },
  [BUCKET],
  (inst, r) => {
    const blocks = inst.blocks('versioning');
    if (blocks.length === 0) {
      r.missing(inst, 'missing');
      return;
    }
    for (const b of blocks) {
      const a = get(b, 'enabled');
      if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    }
  },
);

const bucketLogging = tfRule(
  {
    id: 'iac/gcp-storage-logging',
    title: 'GCS bucket without usage logging',
    description:
      'Usage and storage logs record who accessed a bucket\'s objects and when. Without them (or Data Access audit logs) there is no trail to investigate data exfiltration from the bucket.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `logging` block; send usage logs to a log bucket (or enable Data Access audit logs for Cloud Storage).',
    },
    remediation: 'Add `logging { log_bucket = google_storage_bucket.logs.name }`, or enable Cloud Audit Logs Data Access logs for storage.googleapis.com with `google_project_iam_audit_config`.',
    references: [REG + 'storage_bucket#logging', 'https://cloud.google.com/storage/docs/access-logs'],
    standards: STD.logging(),
    equivalents: { checkov: ['CKV_GCP_62'], kics: ['d6cabc3a-d57e-48c2-b341-bf3dd4f4a120'] },
  },
  [BUCKET],
  (inst, r) => {
    if (inst.blocks('logging').length === 0) r.missing(inst, 'missing');
  },
);

// ------------------------------------------------------------------ IAM

const IAM_TYPES = [
  'google_project_iam_member',
  'google_project_iam_binding',
  'google_folder_iam_member',
  'google_folder_iam_binding',
  'google_organization_iam_member',
  'google_organization_iam_binding',
];

/** The principals of an IAM member (`member`) or binding (`members`) resource. */
export function iamMembers(inst: BlockView): AttrResult | undefined {
  return get(inst, 'members') ?? get(inst, 'member');
}

const PRIMITIVE = new Set(['roles/owner', 'roles/editor']);

/**
 * The members written in `member` / `members` as far as they are known: each known string, and for a
 * string template whose value waits on apply (`"serviceAccount:${google_service_account.app.email}"`)
 * its literal start, which still says what kind of identity it is.
 */
function memberTexts(m: AttrResult): string[] {
  const out = strings(m.value);
  const expr = m.attribute?.expr;
  if (!expr || m.file !== m.attributeFile) return out;
  const items: HclExpr[] = expr.kind === 'tuple' ? expr.items : [expr];
  for (const e of items) {
    if (e.kind !== 'template' || e.parts.length < 2) continue;
    const first = e.parts[0];
    if (first.kind === 'literal' && first.value.includes(':') && !out.some((s) => s.startsWith(first.value))) out.push(`${first.value}…`);
  }
  return out;
}

const primitiveRole = tfRule(
  {
    id: 'iac/gcp-iam-primitive-role',
    title: 'GCP project/folder/organisation grants Owner or Editor',
    description:
      'The basic Owner and Editor roles grant thousands of permissions across every service in the project, folder or organisation. Granting them to people, groups or service accounts breaks least privilege: any compromise of that identity compromises everything. Predefined or custom roles scoped to the job should be used instead.',
    severity: 'medium',
    messages: {
      primitive: '{{address}} grants {{role}} to {{who}}{{from}}; grant a predefined or custom role limited to what is needed.',
    },
    remediation: 'Replace `roles/owner` / `roles/editor` with predefined roles for the services used (e.g. `roles/storage.objectAdmin`), or custom roles; keep Owner for a break-glass group only.',
    references: [REG + 'google_project_iam', 'https://cloud.google.com/iam/docs/roles-overview#basic'],
    standards: STD.access(['CWE-250', 'CWE-269']),
    equivalents: { checkov: ['CKV_GCP_115', 'CKV_GCP_116', 'CKV_GCP_117'] },
  },
  IAM_TYPES,
  (inst, r) => {
    const role = lower(get(inst, 'role')?.value);
    if (!role || !PRIMITIVE.has(role)) return;
    const m = iamMembers(inst);
    if (!m) return;
    const who = memberTexts(m).find((s) => /^(user|group|domain|serviceaccount):/i.test(s.trim()));
    if (who !== undefined) r.bad(inst, m, 'primitive', { role, who });
  },
);

const publicMember = tfRule(
  {
    id: 'iac/gcp-iam-public-member',
    title: 'GCP project/folder/organisation role granted to allUsers',
    description:
      'Granting a project, folder or organisation role to `allUsers` or `allAuthenticatedUsers` gives that access to anyone on the internet (or anyone with a Google account). At this level it exposes every resource the role covers.',
    severity: 'critical',
    messages: {
      public: '{{address}} grants {{role}} to {{who}}{{from}}: anyone on the internet gets it. Remove the public principal.',
    },
    remediation: 'Remove `allUsers` and `allAuthenticatedUsers` from project, folder and organisation IAM; grant roles to named groups or service accounts (enforce with the `iam.allowedPolicyMemberDomains` organisation policy).',
    references: [REG + 'google_project_iam', 'https://cloud.google.com/iam/docs/principal-identifiers'],
    standards: STD.access(['CWE-284', 'CWE-732']),
    equivalents: {},
  },
  IAM_TYPES,
  (inst, r) => {
    const m = iamMembers(inst);
    const who = strings(m?.value).find(isPublicPrincipal);
    if (m && who !== undefined) r.bad(inst, m, 'public', { who, role: lower(get(inst, 'role')?.value) ?? 'a role' });
  },
);

const saKey = tfRule(
  {
    id: 'iac/gcp-service-account-key',
    title: 'User-managed GCP service account key',
    description:
      'A service account key is a long-lived credential: once created it works until deleted, is easily copied into CI systems and laptops, and Terraform stores the private key in state. Workload Identity Federation, attached service accounts and impersonation avoid keys altogether.',
    severity: 'low',
    messages: {
      key: '{{address}} creates a user-managed service account key (the private key ends up in Terraform state); use Workload Identity Federation, an attached service account or impersonation instead.',
    },
    remediation: 'Remove `google_service_account_key` and authenticate with Workload Identity Federation (GitHub Actions, other clouds), workload identity on GKE, or attached service accounts; enforce `iam.disableServiceAccountKeyCreation`.',
    references: [REG + 'google_service_account_key', 'https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys'],
    standards: STD.access(['CWE-798']),
    equivalents: {},
  },
  ['google_service_account_key'],
  (inst, r) => r.missing(inst, 'key'),
);

// ------------------------------------------------------------------ BigQuery, KMS, DNS

const BQ_IAM = ['google_bigquery_dataset_iam_binding', 'google_bigquery_dataset_iam_member', 'google_bigquery_table_iam_binding', 'google_bigquery_table_iam_member'];

const bigqueryPublic = tfRule(
  {
    id: 'iac/gcp-bigquery-public',
    title: 'BigQuery dataset or table is readable by everyone',
    description:
      'A BigQuery dataset or table shared with `allUsers` or `allAuthenticatedUsers` can be queried by anyone on the internet (or anyone with a Google account), exposing everything in it.',
    severity: 'high',
    messages: {
      public: '{{address}} grants access to {{who}}{{from}}; share the dataset only with named users, groups or service accounts.',
    },
    remediation: 'Remove `special_group = "allAuthenticatedUsers"`, `iam_member = "allUsers"` and public IAM members; use authorised views or Analytics Hub for deliberate sharing.',
    references: [REG + 'bigquery_dataset#access', 'https://cloud.google.com/bigquery/docs/dataset-access-controls'],
    standards: STD.data(['CWE-284', 'CWE-732']),
    equivalents: { checkov: ['CKV_GCP_15'], tfsec: ['google-bigquery-no-public-access'], trivy: ['AVD-GCP-0046'], kics: ['e576ce44-dd03-4022-a8c0-3906acca2ab4'] },
  },
  ['google_bigquery_dataset', 'google_bigquery_dataset_access', ...BQ_IAM],
  (inst, r) => {
    if (BQ_IAM.includes(inst.resourceType)) {
      reportPublic(inst, iamMembers(inst), r, 'public');
      return;
    }
    const views = inst.resourceType === 'google_bigquery_dataset' ? inst.blocks('access') : [inst];
    for (const v of views) {
      for (const name of ['special_group', 'iam_member']) {
        const a = get(v, name);
        const who = strings(a?.value).find(isPublicPrincipal);
        if (a && who !== undefined) r.bad(inst, a, 'public', { who });
      }
    }
  },
);

/** Seconds of a duration like "7776000s"; undefined when not one. */
export function durationSeconds(s: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)s\s*$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

const NINETY_DAYS = 90 * 24 * 3600;

const kmsRotation = tfRule(
  {
    id: 'iac/gcp-kms-rotation',
    title: 'Cloud KMS key is not rotated at least every 90 days',
    description:
      'Rotating symmetric encryption keys limits how much data one key version protects and how long a leaked key version stays useful. Without `rotation_period` Cloud KMS never rotates the key; NCSC and CIS guidance is to rotate at least every 90 days.',
    severity: 'medium',
    messages: {
      missing: '{{address}} has no `rotation_period`: the key is never rotated. Set `rotation_period = "7776000s"` (90 days) or less.',
      long: '{{address}} sets `rotation_period` to {{actual}}{{from}}, longer than 90 days (7776000s); rotate at least every 90 days.',
    },
    remediation: 'Set `rotation_period = "7776000s"` (or shorter) on symmetric `ENCRYPT_DECRYPT` keys.',
    references: [REG + 'kms_crypto_key#rotation_period', 'https://cloud.google.com/kms/docs/key-rotation'],
    standards: STD.data(['CWE-320']),
    equivalents: { checkov: ['CKV_GCP_43'], tfsec: ['google-kms-rotate-kms-keys'], trivy: ['AVD-GCP-0065'], kics: ['d8c57c4e-bf6f-4e32-a2bf-8643532de77b', '352271ca-842f-408a-8b24-f6f2b76eb027'] },
  },
  ['google_kms_crypto_key'],
  (inst, r) => {
    const purpose = get(inst, 'purpose');
    if (purpose && lower(purpose.value) !== 'encrypt_decrypt') return; // asymmetric and MAC keys cannot rotate automatically
    const a = get(inst, 'rotation_period');
    if (!a) {
      r.missing(inst, 'missing');
      return;
    }
    const s = a.value.kind === 'string' ? durationSeconds(a.value.value) : undefined;
    if (s !== undefined && s > NINETY_DAYS) r.bad(inst, a, 'long');
  },
);

const dnssec = tfRule(
  {
    id: 'iac/gcp-dns-dnssec',
    title: 'Public Cloud DNS zone without DNSSEC',
    description:
      'Without DNSSEC, resolvers cannot verify answers from a public zone, so responses can be spoofed or poisoned to send users to an attacker\'s servers. RSASHA1 signing is deprecated and should not be used for zone or key signing keys.',
    severity: 'low',
    messages: {
      missing: '{{address}} is a public zone without `dnssec_config`; add `dnssec_config { state = "on" }`.',
      off: '{{address}} sets `dnssec_config.state` to {{actual}}{{from}}; expected "on".',
      rsasha1: '{{address}} signs with {{actual}}{{from}}; use "rsasha256", "ecdsap256sha256" or stronger.',
    },
    remediation: 'Add `dnssec_config { state = "on" }` (default key specs use RSASHA256) to public zones and publish the DS record at the registrar.',
    references: [REG + 'dns_managed_zone#dnssec_config', 'https://cloud.google.com/dns/docs/dnssec-config'],
    standards: STD.system(['CWE-350']),
    equivalents: { checkov: ['CKV_GCP_16', 'CKV_GCP_17'], tfsec: ['google-dns-enable-dnssec', 'google-dns-no-rsa-sha1'], trivy: ['AVD-GCP-0013', 'AVD-GCP-0012'], kics: ['5ef61c88-bbb4-4725-b1df-55d23c9676bb', 'ccc3100c-0fdd-4a5e-9908-c10107291860'] },
  },
  ['google_dns_managed_zone'],
  (inst, r) => {
    const vis = get(inst, 'visibility');
    if (vis && lower(vis.value) !== 'public') return;
    const cfg = inst.blocks('dnssec_config');
    if (cfg.length === 0) {
      r.missing(inst, 'missing');
      return;
    }
    for (const c of cfg) {
      const state = get(c, 'state');
      if (state && lower(state.value) === 'off') r.bad(inst, state, 'off');
      for (const k of c.blocks('default_key_specs')) {
        const alg = get(k, 'algorithm');
        if (alg && lower(alg.value) === 'rsasha1') r.bad(inst, alg, 'rsasha1');
      }
    }
  },
);

export const storageIamRules: Rule[] = [ubla, publicBucket, pap, versioning, bucketLogging, primitiveRole, publicMember, saKey, bigqueryPublic, kmsRotation, dnssec];
