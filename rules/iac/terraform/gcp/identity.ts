import type { Rule } from '../../../../src/model/rule.js';
import type { HclExpr } from '../../../../src/parsers/hcl/model.js';
import type { AttrResult, BlockView, ResourceInstance, Value } from '../../../../src/terraform/index.js';
import { STD, get, isOff, isOn, lower, tfRule, type Reporter } from '../azure/common.js';
import { iamMembers } from './storage-iam.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';
const CLUSTER = 'google_container_cluster';
const NODE_POOL = 'google_container_node_pool';

// ------------------------------------------------------------------ default service accounts

const COMPUTE_DEFAULT = /-compute@developer\.gserviceaccount\.com$/i;
const APPSPOT_DEFAULT = /@appspot\.gserviceaccount\.com$/i;
/** Data sources that return a default service account. */
const DEFAULT_SA_DATA: Record<string, string> = {
  google_compute_default_service_account: 'the Compute Engine default service account',
  google_app_engine_default_service_account: 'the App Engine default service account',
};

/** Which default service account a known e-mail or member string names, if any. */
function defaultAccountOfString(s: string): string | undefined {
  const v = s.trim().replace(/^serviceaccount:/i, '');
  if (COMPUTE_DEFAULT.test(v)) return 'the Compute Engine default service account';
  if (APPSPOT_DEFAULT.test(v)) return 'the App Engine default service account';
  return undefined;
}

/** The literal parts of a string template (`"serviceAccount:${var.n}-compute@developer.gserviceaccount.com"`). */
function templateLiterals(e: HclExpr): string[] {
  if (e.kind === 'tuple') return e.items.flatMap(templateLiterals);
  if (e.kind !== 'template') return [];
  // the literal that ends the template decides the domain of the address
  const last = e.parts[e.parts.length - 1];
  return last?.kind === 'literal' ? [last.value] : [];
}

/**
 * Which default service account a value names: a known e-mail or member, the default service account
 * data sources (directly or inside a template), or, for a value that waits on apply, a template written
 * here whose literal end is a default account's domain. Undefined when it names none, or cannot tell.
 */
export function defaultAccount(attr: AttrResult): string | undefined {
  const fromValue = (v: Value): string | undefined => {
    switch (v.kind) {
      case 'string':
        return defaultAccountOfString(v.value);
      case 'list':
        for (const i of v.items) {
          const d = fromValue(i);
          if (d) return d;
        }
        return undefined;
      case 'reference':
        return v.mode === 'data' ? DEFAULT_SA_DATA[v.type] : undefined;
      case 'unknown':
        for (const ref of v.references) if (ref.mode === 'data' && DEFAULT_SA_DATA[ref.type]) return DEFAULT_SA_DATA[ref.type];
        return undefined;
      default:
        return undefined;
    }
  };
  const d = fromValue(attr.value);
  if (d) return d;
  if (attr.known || !attr.attribute || attr.file !== attr.attributeFile) return undefined;
  for (const lit of templateLiterals(attr.attribute.expr)) {
    const named = defaultAccountOfString(lit);
    if (named) return named;
  }
  return undefined;
}

const INSTANCES = ['google_compute_instance', 'google_compute_instance_template', 'google_compute_region_instance_template', 'google_compute_instance_from_template'];

const computeDefaultSa = tfRule(
  {
    id: 'iac/gcp-compute-default-service-account',
    title: 'GCE instance runs as the Compute Engine default service account',
    description:
      'A `service_account` block without `email`, or with the `<project-number>-compute@developer.gserviceaccount.com` address, attaches the Compute Engine default service account, which is granted the Editor role on the project unless an organisation policy prevents it. Every instance using it shares one identity, so code running on any of them (or anyone who compromises one) can act with that identity\'s rights across the project. Instances without a `service_account` block have no service account and are not reported.',
    severity: 'medium',
    messages: {
      implicit: '{{address}} has a `service_account` block without `email`, so the instance runs as the Compute Engine default service account; set `email` to a dedicated service account with only the roles the workload needs.',
      explicit: '{{address}} sets `service_account.email` to {{who}}{{from}}; create a dedicated service account with only the roles the workload needs.',
    },
    remediation: 'Create a `google_service_account` for the workload, grant it only the roles it needs, and set `service_account { email = google_service_account.app.email, scopes = ["cloud-platform"] }`; enforce `iam.automaticIamGrantsForDefaultServiceAccounts` so default accounts get no role.',
    references: [REG + 'compute_instance#service_account', 'https://cloud.google.com/compute/docs/access/service-accounts#default_service_account'],
    standards: STD.access(['CWE-250']),
    equivalents: {
      checkov: ['CKV_GCP_30'],
      tfsec: ['google-compute-no-default-service-account'],
      kics: ['3cb4af0b-056d-4fb1-8b95-fdc4593625ff'],
    },
  },
  INSTANCES,
  (inst, r) => {
    for (const sa of inst.blocks('service_account')) {
      if (!sa.expansionKnown) continue;
      const email = get(sa, 'email');
      if (!email) {
        // an instance from a template may take the e-mail from the template
        if (inst.resourceType !== 'google_compute_instance_from_template') r.block(inst, sa, 'implicit');
        continue;
      }
      if (email.known && email.value.kind === 'string' && email.value.value.trim() === '') {
        r.bad(inst, email, 'explicit', { who: 'an empty string (the default service account)' });
        continue;
      }
      const who = defaultAccount(email);
      if (who) r.bad(inst, email, 'explicit', { who });
    }
  },
);

// ------------------------------------------------------------------ GKE nodes

/** Autopilot, or cannot tell (`enable_autopilot` set to a value not known to be false). */
function maybeAutopilot(inst: ResourceInstance): boolean {
  const a = get(inst, 'enable_autopilot');
  return !!a && !isOff(a.value);
}

/** The node pools a cluster or node pool resource runs: `undefined` stands for a cluster's default pool. */
export function poolsInUse(inst: ResourceInstance): (BlockView | undefined)[] | undefined {
  if (inst.resourceType === NODE_POOL) return [inst];
  const inline = inst.blocks('node_pool');
  if (inline.some((p) => !p.expansionKnown)) return undefined;
  if (inline.length > 0) return inline;
  const remove = get(inst, 'remove_default_node_pool');
  if (remove && !isOff(remove.value)) return isOn(remove.value) ? [] : undefined;
  return [undefined];
}

/** The `node_config` blocks of a pool (the cluster's own for its default pool). */
function configsOf(inst: ResourceInstance, pool: BlockView | undefined): BlockView[] {
  return (pool ?? inst).blocks('node_config');
}

function poolName(inst: ResourceInstance, pool: BlockView | undefined): string {
  if (pool === undefined) return 'the default node pool';
  if (pool === inst) return 'the node pool';
  const n = get(pool, 'name');
  return n && n.value.kind === 'string' ? `node pool "${n.value.value}"` : 'an inline node pool';
}

/** Report a pool-level problem where it is: the inline pool block, else the resource. */
function reportPool(inst: ResourceInstance, pool: BlockView | undefined, r: Reporter, id: string, data: Record<string, string>): void {
  if (pool && pool !== inst) r.block(inst, pool, id, data);
  else r.missing(inst, id, data);
}

const gkeDefaultSa = tfRule(
  {
    id: 'iac/gcp-gke-default-service-account',
    title: 'GKE nodes run as the Compute Engine default service account',
    description:
      'Unless `node_config.service_account` names another account, GKE nodes run as the Compute Engine default service account, which holds the Editor role on the project unless an organisation policy prevents it. Any pod that reaches the node\'s metadata server, and anyone who escapes a container, then acts as Editor across the project. Nodes should use a dedicated, minimally privileged service account (CIS GKE 5.2.1). Autopilot clusters and clusters that remove their default node pool are judged by their node pools.',
    severity: 'medium',
    messages: {
      missing: '{{address}}: {{pool}} has no `node_config.service_account`, so its nodes run as the Compute Engine default service account; set a dedicated service account with only the logging, monitoring and image-pull roles.',
      explicit: '{{address}} sets `node_config.service_account` to {{who}}{{from}}; use a dedicated, minimally privileged service account.',
    },
    remediation: 'Create a `google_service_account` for the nodes, grant it `roles/logging.logWriter`, `roles/monitoring.metricWriter`, `roles/monitoring.viewer`, `roles/stackdriver.resourceMetadata.writer` and Artifact Registry read, and set `node_config { service_account = google_service_account.nodes.email }` on every node pool.',
    references: [REG + 'container_node_pool#service_account', 'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa'],
    standards: STD.access(['CWE-250']),
    equivalents: {
      tfsec: ['google-gke-use-service-account'],
      kics: ['1c8eef02-17b1-4a3e-b01d-dcc3292d2c38'],
    },
  },
  [CLUSTER, NODE_POOL],
  (inst, r) => {
    if (maybeAutopilot(inst)) return;
    for (const pool of poolsInUse(inst) ?? []) {
      const configs = configsOf(inst, pool);
      if (configs.some((c) => !c.expansionKnown)) continue;
      const pname = poolName(inst, pool);
      if (configs.length === 0) {
        reportPool(inst, pool, r, 'missing', { pool: pname });
        continue;
      }
      for (const nc of configs) {
        const sa = get(nc, 'service_account');
        if (!sa) r.block(inst, nc, 'missing', { pool: pname });
        else if (lower(sa.value)?.trim() === 'default') r.bad(inst, sa, 'explicit', { who: '"default" (the Compute Engine default service account)' });
        else {
          const who = defaultAccount(sa);
          if (who) r.bad(inst, sa, 'explicit', { who });
        }
      }
    }
  },
);

const gkeShieldedBoot = tfRule(
  {
    id: 'iac/gcp-gke-node-secure-boot',
    title: 'GKE nodes without Secure Boot or integrity monitoring',
    description:
      'Secure Boot makes a Shielded GKE node refuse boot components that are not signed, so rootkits and bootkits cannot load; integrity monitoring compares each boot with a known-good baseline and reports when it changes. Secure Boot is off unless `node_config.shielded_instance_config.enable_secure_boot = true`; integrity monitoring is on unless turned off (CIS GKE 5.5.6, 5.5.7). Node configurations written for a node pool are judged; Autopilot clusters are not reported.',
    severity: 'low',
    messages: {
      noSecureBoot: '{{address}}: {{pool}} does not set `shielded_instance_config.enable_secure_boot = true`, so its nodes boot without Secure Boot; add it to `node_config` (third-party unsigned kernel modules such as some GPU drivers stop loading).',
      secureBootOff: '{{address}} sets `shielded_instance_config.enable_secure_boot` to {{actual}}{{from}}; set it to true.',
      integrityOff: '{{address}} sets `shielded_instance_config.enable_integrity_monitoring` to {{actual}}{{from}}; remove it (true is the default).',
    },
    remediation: 'Add `shielded_instance_config { enable_secure_boot = true, enable_integrity_monitoring = true }` to every `node_config` (changing it recreates the nodes), or enforce `compute.requireShieldedVm`.',
    references: [REG + 'container_cluster#shielded_instance_config', 'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes#secure_boot'],
    standards: STD.system(),
    equivalents: {
      checkov: ['CKV_GCP_68', 'CKV_GCP_72'],
      kics: ['4b5ee6a4-5682-4725-8a7a-d9e9a51986c8'],
    },
  },
  [CLUSTER, NODE_POOL],
  (inst, r) => {
    if (maybeAutopilot(inst)) return;
    for (const pool of poolsInUse(inst) ?? []) {
      for (const nc of configsOf(inst, pool)) {
        if (!nc.expansionKnown) continue;
        const sic = nc.blocks('shielded_instance_config');
        if (sic.some((b) => !b.expansionKnown)) continue;
        const boot = get(nc, 'shielded_instance_config.enable_secure_boot');
        if (!boot) r.block(inst, nc, 'noSecureBoot', { pool: poolName(inst, pool) });
        else if (isOff(boot.value)) r.bad(inst, boot, 'secureBootOff');
        const integrity = get(nc, 'shielded_instance_config.enable_integrity_monitoring');
        if (integrity && isOff(integrity.value)) r.bad(inst, integrity, 'integrityOff');
      }
    }
  },
);

// ------------------------------------------------------------------ IAM grants to default service accounts

const HIERARCHY_IAM = [
  'google_project_iam_member',
  'google_project_iam_binding',
  'google_folder_iam_member',
  'google_folder_iam_binding',
  'google_organization_iam_member',
  'google_organization_iam_binding',
];

const defaultSaGrant = tfRule(
  {
    id: 'iac/gcp-iam-default-service-account-grant',
    title: 'Role granted to a default service account on a project, folder or organisation',
    description:
      'The Compute Engine and App Engine default service accounts are attached automatically to every VM, GKE node, App Engine app and 1st-gen Cloud Function that does not name another account. A role granted to them on a project, folder or organisation is therefore held by every such workload, present and future, and by anyone who compromises one of them. Grant roles to dedicated service accounts instead (CIS GCP 4.1).',
    severity: 'medium',
    messages: {
      grant: '{{address}} grants {{role}} to {{who}}{{from}}: every workload running as it gets the role. Grant it to a dedicated service account instead.',
    },
    remediation: 'Create dedicated service accounts for workloads and grant roles to them; remove roles from `<number>-compute@developer.gserviceaccount.com` and `<project>@appspot.gserviceaccount.com`, and enforce `iam.automaticIamGrantsForDefaultServiceAccounts`.',
    references: [REG + 'google_project_iam', 'https://cloud.google.com/iam/docs/service-account-types#default'],
    standards: STD.access(['CWE-250', 'CWE-269']),
    equivalents: {
      checkov: ['CKV_GCP_46', 'CKV_GCP_47', 'CKV_GCP_48'],
      tfsec: ['google-iam-no-project-level-default-service-account-assignment', 'google-iam-no-folder-level-default-service-account-assignment', 'google-iam-no-org-level-default-service-account-assignment'],
    },
  },
  HIERARCHY_IAM,
  (inst, r) => {
    const m = iamMembers(inst);
    if (!m) return;
    const who = defaultAccount(m);
    if (!who) return;
    const role = get(inst, 'role');
    r.bad(inst, m, 'grant', { who, role: role?.value.kind === 'string' ? role.value.value : 'a role' });
  },
);

// ------------------------------------------------------------------ Workload Identity Federation

/**
 * OIDC issuers that sign tokens for anyone who signs up: a provider trusting one of them without an
 * attribute condition accepts tokens of every GitHub repository, GitLab.com project, HCP Terraform
 * workspace or Google account. Per-organisation issuers (CircleCI, Azure DevOps, Bitbucket, GitHub
 * Enterprise's own issuer, Entra ID tenants) are not listed.
 */
const SHARED_ISSUERS: Record<string, { name: string; example: string }> = {
  'https://token.actions.githubusercontent.com': { name: 'GitHub Actions', example: "assertion.repository_owner_id == '<organisation id>'" },
  'https://gitlab.com': { name: 'GitLab.com', example: "assertion.namespace_id == '<group id>'" },
  'https://app.terraform.io': { name: 'HCP Terraform', example: "assertion.terraform_organization_id == '<organisation id>'" },
  'https://accounts.google.com': { name: 'Google', example: "assertion.email == '<account>'" },
};

const wifUnrestricted = tfRule(
  {
    id: 'iac/gcp-iam-workload-identity-unrestricted',
    title: 'Workload Identity Federation provider trusts a public OIDC issuer without an attribute condition',
    description:
      'A workload identity pool provider for GitHub Actions, GitLab.com, HCP Terraform or Google accounts accepts tokens signed by that shared issuer. Without an `attribute_condition` naming the organisation, repository or workspace, every user of that service can exchange their own CI token for Google credentials of the pool, and then impersonate any service account whose `roles/iam.workloadIdentityUser` grant uses a broad principal set. Providers for other issuers are not reported.',
    severity: 'high',
    messages: {
      missing: '{{address}} trusts {{issuer}} tokens ({{uri}}) without an `attribute_condition`: any {{issuer}} user can federate into the pool. Add e.g. `attribute_condition = "{{example}}"`.',
      empty: '{{address}} sets `attribute_condition` to an empty string{{from}} while trusting {{issuer}} tokens ({{uri}}); restrict it to your organisation, repository or workspace.',
    },
    remediation: 'Set `attribute_condition` to a CEL expression on immutable claims, e.g. `assertion.repository_owner_id == "123456"` (GitHub), `assertion.namespace_id == "42"` (GitLab) or `assertion.terraform_organization_id == "org-…"`, and grant `roles/iam.workloadIdentityUser` to specific `principalSet://…/attribute.repository/<org>/<repo>` members.',
    references: [REG + 'iam_workload_identity_pool_provider#attribute_condition', 'https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines#conditions'],
    standards: STD.access(['CWE-284', 'CWE-863']),
    equivalents: { checkov: ['CKV_GCP_118'] },
  },
  ['google_iam_workload_identity_pool_provider'],
  (inst, r) => {
    const issuer = get(inst, 'oidc.issuer_uri');
    if (!issuer || issuer.value.kind !== 'string') return;
    const uri = issuer.value.value.trim().replace(/\/+$/, '');
    const shared = SHARED_ISSUERS[uri.toLowerCase()];
    if (!shared) return;
    const cond = get(inst, 'attribute_condition');
    if (!cond) r.missing(inst, 'missing', { issuer: shared.name, uri, example: shared.example });
    else if (cond.value.kind === 'string' && cond.value.value.trim() === '') r.bad(inst, cond, 'empty', { issuer: shared.name, uri });
  },
);

export const identityRules: Rule[] = [computeDefaultSa, gkeDefaultSa, gkeShieldedBoot, defaultSaGrant, wifUnrestricted];
