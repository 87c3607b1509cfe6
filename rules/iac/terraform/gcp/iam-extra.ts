import type { Rule } from '../../../../src/model/rule.js';
import { type AttrResult, type ResourceInstance, type Value } from '../../../../src/terraform/index.js';
import { STD, get, lower, strings, tfRule, type Reporter } from '../azure/common.js';
import { iamMembers, isPublicPrincipal } from './storage-iam.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';

// ------------------------------------------------------------------ Service account impersonation

const HIERARCHY_IAM = [
  'google_project_iam_member',
  'google_project_iam_binding',
  'google_folder_iam_member',
  'google_folder_iam_binding',
  'google_organization_iam_member',
  'google_organization_iam_binding',
];

/** Authoritative IAM policies of the hierarchy, whose `policy_data` usually comes from a `google_iam_policy` data source. */
const HIERARCHY_POLICY = ['google_project_iam_policy', 'google_folder_iam_policy', 'google_organization_iam_policy'];

const IMPERSONATION_ROLES = new Set(['roles/iam.serviceaccountuser', 'roles/iam.serviceaccounttokencreator']);

/** Google-managed service agents, which Google's own setup guides grant these roles at project level. */
const SERVICE_AGENT = /^serviceaccount:(service-\d+@gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com|\d+@cloudservices\.gserviceaccount\.com|service-\d+@(container-engine-robot|compute-system|serverless-robot-prod|gs-project-accounts)\.iam\.gserviceaccount\.com)$/i;
const SERVICE_AGENT_TEXT = /gcp-sa-[a-z0-9-]+\.iam\.gserviceaccount\.com|@cloudservices\.gserviceaccount\.com|@(container-engine-robot|compute-system|serverless-robot-prod)\.iam\.gserviceaccount\.com/i;

/** A member string naming a Google-managed service agent. */
export function isServiceAgent(member: string): boolean {
  return SERVICE_AGENT.test(member.trim());
}

/** Every member is a Google service agent (judged from the source text when the value is not known). */
function onlyServiceAgents(m: AttrResult): boolean {
  const known = strings(m.value);
  const whole = m.value.kind === 'string' || (m.value.kind === 'list' && m.value.items.every((i) => i.kind === 'string'));
  if (whole) return known.length > 0 && known.every(isServiceAgent);
  const text = m.attribute ? exprText(m) : '';
  return SERVICE_AGENT_TEXT.test(text) && !/\b(user|group|domain):/i.test(text);
}

/** The members' source text, for values that wait on apply (`service-${data.google_project.p.number}@gcp-sa-…`). */
function exprText(m: AttrResult): string {
  const e = m.attribute?.expr;
  return e ? JSON.stringify(e) : '';
}

const impersonation = tfRule(
  {
    id: 'iac/gcp-iam-service-account-impersonation',
    title: 'Service Account User or Token Creator granted on a whole project, folder or organisation',
    description:
      'Service Account User (`roles/iam.serviceAccountUser`) and Service Account Token Creator (`roles/iam.serviceAccountTokenCreator`) let a principal act as a service account. Granted on a project, folder or organisation, they apply to every service account in it, present and future, so the grantee can take on the permissions of the most privileged one (often Editor). Grant them on the individual service account instead (CIS GCP 1.6). Grants with an IAM condition, and grants to Google-managed service agents, are not reported.',
    severity: 'medium',
    messages: {
      role: '{{address}} grants {{role}} on the whole {{scope}}{{from}}: its members can impersonate every service account in it. Grant the role on the specific service account with `google_service_account_iam_member`.',
    },
    remediation: 'Replace the project/folder/organisation-level grant with `google_service_account_iam_member` on the service accounts that are really needed, or add an IAM condition restricting it to them.',
    references: [REG + 'google_service_account_iam', 'https://cloud.google.com/iam/docs/service-account-permissions'],
    standards: STD.access(['CWE-269']),
    equivalents: {
      checkov: ['CKV_GCP_41', 'CKV_GCP_44', 'CKV_GCP_45', 'CKV_GCP_49'],
      tfsec: ['google-iam-no-project-level-service-account-impersonation', 'google-iam-no-folder-level-service-account-impersonation', 'google-iam-no-org-level-service-account-impersonation'],
      trivy: ['AVD-GCP-0011', 'AVD-GCP-0005', 'AVD-GCP-0009'],
      kics: ['c68b4e6d-4e01-4ca1-b256-1e18e875785c', '617ef6ff-711e-4bd7-94ae-e965911b1b40'],
    },
  },
  [...HIERARCHY_IAM, ...HIERARCHY_POLICY],
  (inst, r) => {
    const scopeOf = (): string => {
      const scope = inst.resourceType.split('_')[1];
      return scope === 'organization' ? 'organisation' : scope;
    };
    if (HIERARCHY_POLICY.includes(inst.resourceType)) {
      // authoritative policy: the grants are the `binding` blocks of the `google_iam_policy` it names
      const data = get(inst, 'policy_data');
      const v = data?.value;
      if (!data || v?.kind !== 'reference' || v.mode !== 'data' || v.type !== 'google_iam_policy') return;
      const policy = inst.module.root.data('google_iam_policy').find((d) => d.address === v.address);
      for (const b of policy?.blocks('binding') ?? []) {
        const name = lower(get(b, 'role')?.value);
        if (!name || !IMPERSONATION_ROLES.has(name) || b.blocks('condition').length > 0) continue;
        const m = iamMembers(b);
        if (!m || onlyServiceAgents(m)) continue;
        r.bad(inst, data, 'role', { role: name === 'roles/iam.serviceaccountuser' ? 'roles/iam.serviceAccountUser' : 'roles/iam.serviceAccountTokenCreator', scope: scopeOf() });
      }
      return;
    }
    const role = get(inst, 'role');
    const name = lower(role?.value);
    if (!role || !name || !IMPERSONATION_ROLES.has(name)) return;
    if (inst.blocks('condition').length > 0) return; // narrowed by an IAM condition
    const m = iamMembers(inst);
    if (m && onlyServiceAgents(m)) return;
    r.bad(inst, role, 'role', { role: role.value.kind === 'string' ? role.value.value : name, scope: scopeOf() });
  },
);

// ------------------------------------------------------------------ Public resource IAM

/** Resource IAM families (each has `_iam_member`, `_iam_binding` and `_iam_policy`). */
const FAMILIES: Record<string, string> = {
  google_kms_crypto_key: 'Cloud KMS key',
  google_kms_key_ring: 'Cloud KMS key ring',
  google_pubsub_topic: 'Pub/Sub topic',
  google_pubsub_subscription: 'Pub/Sub subscription',
  google_secret_manager_secret: 'Secret Manager secret',
  google_service_account: 'service account',
  google_artifact_registry_repository: 'Artifact Registry repository',
  google_dataproc_cluster: 'Dataproc cluster',
  google_spanner_instance: 'Spanner instance',
  google_spanner_database: 'Spanner database',
  google_bigtable_instance: 'Bigtable instance',
  google_bigtable_table: 'Bigtable table',
  google_cloud_run_service: 'Cloud Run service',
  google_cloud_run_v2_service: 'Cloud Run service',
  google_cloudfunctions_function: 'Cloud Function',
  google_cloudfunctions2_function: 'Cloud Function',
};

/** Roles whose public grant is how a service is deliberately opened to the internet (a public website or webhook). */
const PUBLIC_ENDPOINT_ROLES = new Set(['roles/run.invoker', 'roles/cloudfunctions.invoker']);

const PUBLIC_TYPES = Object.keys(FAMILIES).flatMap((f) => [`${f}_iam_member`, `${f}_iam_binding`, `${f}_iam_policy`]);

function family(type: string): string {
  return type.replace(/_iam_(member|binding|policy)$/, '');
}

export interface PublicGrant {
  who: string;
  role: string;
}

/** Public grants in an IAM policy document (`{"bindings": [{"role": ..., "members": [...]}]}`). */
export function publicInPolicyJson(text: string): PublicGrant[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const bindings = (doc as { bindings?: unknown })?.bindings;
  if (!Array.isArray(bindings)) return [];
  const out: PublicGrant[] = [];
  for (const b of bindings as { role?: unknown; members?: unknown; member?: unknown }[]) {
    const role = typeof b?.role === 'string' ? b.role : 'a role';
    const members = Array.isArray(b?.members) ? b.members : [b?.member];
    for (const m of members) if (typeof m === 'string' && isPublicPrincipal(m)) out.push({ who: m, role });
  }
  return out;
}

/** Public grants in the `binding` blocks of a `data "google_iam_policy"`. */
function publicInPolicyData(policy: ResourceInstance): PublicGrant[] {
  const out: PublicGrant[] = [];
  for (const b of policy.blocks('binding')) {
    const role = get(b, 'role');
    const who = strings(iamMembers(b)?.value).find(isPublicPrincipal);
    if (who !== undefined) out.push({ who, role: role?.value.kind === 'string' ? role.value.value : 'a role' });
  }
  return out;
}

/** The public grants of an `_iam_policy` resource's `policy_data`: a JSON string, or a `google_iam_policy` data source. */
function policyGrants(inst: ResourceInstance, data: AttrResult): PublicGrant[] {
  const v: Value = data.value;
  if (v.kind === 'string') return publicInPolicyJson(v.value);
  if (v.kind === 'reference' && v.mode === 'data' && v.type === 'google_iam_policy') {
    const target = inst.module.root.data('google_iam_policy').find((d) => d.address === v.address);
    return target ? publicInPolicyData(target) : [];
  }
  return [];
}

/** Families whose invoker role may be public on purpose; their grants are reported only when the role is known. */
const ENDPOINT_FAMILIES = new Set(['google_cloud_run_service', 'google_cloud_run_v2_service', 'google_cloudfunctions_function', 'google_cloudfunctions2_function']);

function reportGrant(inst: ResourceInstance, r: Reporter, attr: AttrResult, g: PublicGrant & { roleKnown: boolean }): void {
  if (PUBLIC_ENDPOINT_ROLES.has(g.role.toLowerCase())) return;
  if (!g.roleKnown && ENDPOINT_FAMILIES.has(family(inst.resourceType))) return;
  r.bad(inst, attr, 'public', { who: g.who, role: g.role, what: FAMILIES[family(inst.resourceType)] ?? 'resource' });
}

const resourcePublic = tfRule(
  {
    id: 'iac/gcp-resource-iam-public',
    title: 'GCP resource IAM grants access to allUsers or allAuthenticatedUsers',
    description:
      'Granting a role on a KMS key or key ring, Pub/Sub topic or subscription, Secret Manager secret, service account, Artifact Registry repository, Dataproc, Spanner or Bigtable resource to `allUsers` (anyone on the internet) or `allAuthenticatedUsers` (anyone with a Google account) lets strangers decrypt data, read or inject messages, read secrets, impersonate the service account or pull private images. The invoker role on Cloud Run services and Cloud Functions, the usual way to publish a website or webhook, is not reported; any other public role on them is.',
    severity: 'high',
    messages: {
      public: '{{address}} grants {{role}} on the {{what}} to {{who}}{{from}}: anyone can use it. Grant the role to named users, groups or service accounts instead.',
    },
    remediation: 'Remove `allUsers` and `allAuthenticatedUsers` from the resource\'s IAM members, bindings and policies; grant roles to specific principals, and enforce the `iam.allowedPolicyMemberDomains` organisation policy.',
    references: [REG + 'google_kms_crypto_key_iam', 'https://cloud.google.com/iam/docs/principal-identifiers#allusers'],
    standards: STD.access(['CWE-284', 'CWE-732']),
    equivalents: {
      checkov: ['CKV_GCP_112', 'CKV_GCP_113', 'CKV2_GCP_6', 'CKV2_GCP_8', 'CKV_GCP_99', 'CKV_GCP_101', 'CKV_GCP_98', 'CKV_GCP_102', 'CKV_GCP_107'],
      kics: ['16cc87d1-dd47-4f46-b3ce-4dfcac8fd2f5'],
    },
  },
  PUBLIC_TYPES,
  (inst, r) => {
    if (inst.resourceType.endsWith('_iam_policy')) {
      const data = get(inst, 'policy_data');
      if (data) for (const g of policyGrants(inst, data)) reportGrant(inst, r, data, { ...g, roleKnown: g.role !== 'a role' });
      return;
    }
    const m = iamMembers(inst);
    const who = strings(m?.value).find(isPublicPrincipal);
    if (!m || who === undefined) return;
    const role = get(inst, 'role');
    const roleName = role?.value.kind === 'string' ? role.value.value : undefined;
    reportGrant(inst, r, m, { who, role: roleName ?? 'a role', roleKnown: roleName !== undefined });
  },
);

export const iamExtraRules: Rule[] = [impersonation, resourcePublic];
