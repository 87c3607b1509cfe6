import type { Rule } from '../../../../src/model/rule.js';
import type { BlockView, ResourceInstance } from '../../../../src/terraform/index.js';
import { STD, get, isAnySource, isOff, isOn, lower, strings, tfRule } from '../azure/common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';
const CLUSTER = 'google_container_cluster';
const NODE_POOL = 'google_container_node_pool';
const GKE_DOCS = REG + 'container_cluster';

export function autopilot(inst: ResourceInstance): boolean {
  return isOn(get(inst, 'enable_autopilot')?.value);
}

/** Node pool views: a node pool resource, or a cluster's inline `node_pool` blocks. */
export function pools(inst: ResourceInstance): BlockView[] {
  return inst.resourceType === NODE_POOL ? [inst] : inst.blocks('node_pool');
}

/** Every `node_config` of a cluster (its default pool's and its inline pools') or of a node pool. */
export function nodeConfigs(inst: ResourceInstance): BlockView[] {
  return [...(inst.resourceType === CLUSTER ? inst.blocks('node_config') : []), ...pools(inst).flatMap((p) => p.blocks('node_config'))];
}

const masterNetworks = tfRule(
  {
    id: 'iac/gcp-gke-master-authorized-networks',
    title: 'GKE control plane is reachable from any address',
    description:
      'Without master authorised networks (or with 0.0.0.0/0 authorised), the GKE control plane\'s public endpoint accepts connections from anywhere, so a leaked credential or an API server vulnerability is exploitable from the internet. Authorised networks, or a private endpoint, restrict who can reach it.',
    severity: 'medium',
    messages: {
      missing: '{{address}} has no `master_authorized_networks_config` and no private endpoint: the control plane accepts connections from any address. Authorise only the operators\' ranges.',
      open: '{{address}} authorises {{actual}}{{from}} to reach the control plane; list only the operators\' ranges.',
    },
    remediation: 'Add `master_authorized_networks_config { cidr_blocks { cidr_block = "<office/VPN CIDR>" display_name = "ops" } }`, or use `private_cluster_config { enable_private_endpoint = true }`.',
    references: [GKE_DOCS + '#master_authorized_networks_config', 'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_20'], tfsec: ['google-gke-enable-master-networks', 'google-gke-no-public-control-plane'], trivy: ['AVD-GCP-0061', 'AVD-GCP-0053'] },
  },
  [CLUSTER],
  (inst, r) => {
    const privEndpoint = get(inst, 'private_cluster_config.enable_private_endpoint');
    if (privEndpoint && !isOff(privEndpoint.value)) return;
    const cfg = inst.blocks('master_authorized_networks_config');
    if (cfg.length === 0) {
      r.missing(inst, 'missing');
      return;
    }
    for (const c of cfg) {
      for (const cidr of c.blocks('cidr_blocks')) {
        const a = get(cidr, 'cidr_block');
        if (a && strings(a.value).some(isAnySource)) r.bad(inst, a, 'open');
      }
    }
  },
);

const privateNodes = tfRule(
  {
    id: 'iac/gcp-gke-private-nodes',
    title: 'GKE nodes have public IP addresses',
    description:
      'Unless private nodes are enabled, every GKE node gets an external IP address and is reachable from the internet wherever firewall rules allow (NodePort services, SSH, kubelet exposure). Private nodes keep the nodes on internal addresses only, with Cloud NAT for egress.',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not enable private nodes: nodes get external IP addresses. Add `private_cluster_config { enable_private_nodes = true }`.',
      disabled: '{{address}} sets `private_cluster_config.enable_private_nodes` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Add `private_cluster_config { enable_private_nodes = true, master_ipv4_cidr_block = "172.16.0.0/28" }` with Cloud NAT for egress.',
    references: [GKE_DOCS + '#enable_private_nodes', 'https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_GCP_25'], tfsec: ['google-gke-enable-private-cluster'], trivy: ['AVD-GCP-0059'], kics: ['6ccb85d7-0420-4907-9380-50313f80946b'] },
  },
  [CLUSTER],
  (inst, r) => {
    const pcc = inst.blocks('private_cluster_config');
    if (pcc.some((b) => !b.expansionKnown)) return;
    const a = get(inst, 'private_cluster_config.enable_private_nodes');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    else if (!a) {
      if (get(inst, 'network_config.enable_private_nodes') || get(inst, 'node_pool_defaults.node_config_defaults.enable_private_nodes')) return;
      r.missing(inst, 'missing');
    }
  },
);

const legacyAbac = tfRule(
  {
    id: 'iac/gcp-gke-legacy-abac',
    title: 'GKE legacy ABAC authorisation is enabled',
    description:
      'Legacy attribute-based access control grants broad, static permissions that bypass Kubernetes RBAC (for example, giving every service account cluster-wide rights). It is deprecated and should stay disabled so that RBAC alone decides access.',
    severity: 'high',
    messages: {
      enabled: '{{address}} sets `enable_legacy_abac` to {{actual}}{{from}}; expected false (the default), with RBAC for authorisation.',
    },
    remediation: 'Remove `enable_legacy_abac = true` and grant access with Kubernetes RBAC and IAM.',
    references: [GKE_DOCS + '#enable_legacy_abac', 'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled'],
    standards: STD.access(['CWE-284']),
    equivalents: { checkov: ['CKV_GCP_7'], tfsec: ['google-gke-use-rbac-permissions'], kics: ['5baa92d2-d8ee-4c75-88a4-52d9d8bb8067'] },
  },
  [CLUSTER],
  (inst, r) => {
    const a = get(inst, 'enable_legacy_abac');
    if (a && isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

const basicAuth = tfRule(
  {
    id: 'iac/gcp-gke-basic-auth',
    title: 'GKE cluster uses basic authentication or client certificates',
    description:
      'Static basic-auth passwords and issued client certificates are long-lived cluster credentials that cannot be revoked per user or tied to IAM; they are deprecated in GKE. Authentication should use Google identities (IAM/OIDC).',
    severity: 'high',
    messages: {
      basic: '{{address}} sets `master_auth.{{attribute}}`{{from}}: basic authentication is enabled. Remove the username and password.',
      cert: '{{address}} sets `master_auth.client_certificate_config.issue_client_certificate` to {{actual}}{{from}}; expected false.',
    },
    remediation: 'Remove `username` / `password` from `master_auth` and set `client_certificate_config { issue_client_certificate = false }` (or drop `master_auth`).',
    references: [GKE_DOCS + '#master_auth', 'https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication'],
    standards: STD.access(['CWE-798']),
    equivalents: { checkov: ['CKV_GCP_19', 'CKV_GCP_13'], tfsec: ['google-gke-no-legacy-authentication'], trivy: ['AVD-GCP-0064'], kics: ['70cdf849-b7d9-4569-b87d-5d82ffd44719', '73fb21a1-b19a-45b1-b648-b47b1678681e'] },
  },
  [CLUSTER],
  (inst, r) => {
    for (const ma of inst.blocks('master_auth')) {
      for (const name of ['username', 'password']) {
        const a = get(ma, name);
        if (a && a.known && a.value.kind === 'string' && a.value.value !== '') {
          r.bad(inst, a, 'basic', { attribute: name });
          break;
        }
      }
      const cert = get(ma, 'client_certificate_config.issue_client_certificate');
      if (cert && isOn(cert.value)) r.bad(inst, cert, 'cert');
    }
  },
);

const workloadIdentity = tfRule(
  {
    id: 'iac/gcp-gke-workload-identity',
    title: 'GKE cluster without Workload Identity',
    description:
      'Without Workload Identity, pods use the node\'s service account (often the broad Compute Engine default) and can read the node\'s metadata, so every workload shares the same Google Cloud permissions. Workload Identity gives each Kubernetes service account its own IAM identity. Node pools that opt their pods out of it with `workload_metadata_config` are reported by iac/gcp-gke-node-metadata-exposed.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `workload_identity_config`; add `workload_identity_config { workload_pool = "<project>.svc.id.goog" }`.',
    },
    remediation: 'Add `workload_identity_config { workload_pool = "${var.project}.svc.id.goog" }` and `node_config { workload_metadata_config { mode = "GKE_METADATA" } }` on node pools.',
    references: [GKE_DOCS + '#workload_identity_config', 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity'],
    standards: STD.access(['CWE-250']),
    // not tfsec's google-gke-node-metadata-security: that one is about the node pools' opt-out, see gcp-gke-node-metadata-exposed
    equivalents: {},
  },
  [CLUSTER],
  (inst, r) => {
    if (autopilot(inst)) return;
    if (inst.blocks('workload_identity_config').length === 0) r.missing(inst, 'missing');
  },
);

const networkPolicy = tfRule(
  {
    id: 'iac/gcp-gke-network-policy',
    title: 'GKE cluster does not enforce network policy',
    description:
      'Without network policy enforcement (Calico network policy or GKE Dataplane V2), Kubernetes NetworkPolicy objects have no effect and every pod can reach every other pod, so one compromised workload can reach the rest of the cluster. Calico enforcement needs both `network_policy { enabled = true }` and the network policy add-on: a cluster that turns the add-on off (`addons_config { network_policy_config { disabled = true } }`) is reported too.',
    severity: 'low',
    messages: {
      missing: '{{address}} enables neither `network_policy` nor Dataplane V2 (`datapath_provider = "ADVANCED_DATAPATH"`): NetworkPolicy objects are not enforced.',
      disabled: '{{address}} sets `network_policy.enabled` to {{actual}}{{from}}; enable it or use Dataplane V2.',
      addonDisabled:
        '{{address}} enables `network_policy` but sets `addons_config.network_policy_config.disabled` to {{actual}}{{from}}: without the add-on the nodes do not enforce NetworkPolicy. Set it to false, or use Dataplane V2.',
    },
    remediation: 'Set `datapath_provider = "ADVANCED_DATAPATH"` (Dataplane V2, enforces NetworkPolicy) or `network_policy { enabled = true }` with `addons_config { network_policy_config { disabled = false } }`.',
    references: [GKE_DOCS + '#network_policy', 'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy'],
    standards: STD.network(['CWE-284']),
    equivalents: { checkov: ['CKV_GCP_12'], tfsec: ['google-gke-enable-network-policy'], trivy: ['AVD-GCP-0056'], kics: ['11e7550e-c4b6-472e-adff-c698f157cdd7'] },
  },
  [CLUSTER],
  (inst, r) => {
    if (autopilot(inst)) return;
    const dp = get(inst, 'datapath_provider');
    if (dp && (lower(dp.value) === 'advanced_datapath' || !dp.known)) return;
    const a = get(inst, 'network_policy.enabled');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    else if (!a) r.missing(inst, 'missing');
    else if (isOn(a.value)) {
      // the add-on is what runs Calico on the nodes; the provider documents it must be enabled for enforcement
      const addon = get(inst, 'addons_config.network_policy_config.disabled');
      if (addon && isOn(addon.value)) r.bad(inst, addon, 'addonDisabled');
    }
  },
);

const shieldedNodes = tfRule(
  {
    id: 'iac/gcp-gke-shielded-nodes',
    title: 'GKE Shielded Nodes turned off',
    description:
      'Shielded GKE Nodes give nodes a verifiable identity and integrity, which stops an attacker who compromises a pod from impersonating a node to the control plane (e.g. by stealing kubelet credentials). They are on by default; turning them off removes that protection.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets `enable_shielded_nodes` to {{actual}}{{from}}; expected true (the default).',
    },
    remediation: 'Remove `enable_shielded_nodes = false` (true is the default).',
    references: [GKE_DOCS + '#enable_shielded_nodes', 'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes'],
    standards: STD.system(),
    equivalents: { checkov: ['CKV_GCP_71'], tfsec: ['google-gke-node-shielding-enabled'], kics: ['579a0727-9c29-4d58-8195-fc5802a8bdb4'] },
  },
  [CLUSTER],
  (inst, r) => {
    const a = get(inst, 'enable_shielded_nodes');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
  },
);

const poolManagement = tfRule(
  {
    id: 'iac/gcp-gke-node-auto-repair-upgrade',
    title: 'GKE node pool auto-repair or auto-upgrade turned off',
    description:
      'Node auto-upgrade keeps node images and Kubernetes patched against known vulnerabilities; auto-repair replaces unhealthy nodes. Turning either off leaves nodes unpatched or broken until someone notices.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets `management.{{setting}}` to {{actual}}{{from}}; expected true (the default).',
    },
    remediation: 'Remove `auto_repair = false` / `auto_upgrade = false` from `management` (both default to true) and control timing with maintenance windows and release channels.',
    references: [REG + 'container_node_pool#management', 'https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades'],
    standards: STD.system(['CWE-1104']),
    equivalents: { checkov: ['CKV_GCP_9', 'CKV_GCP_10'], tfsec: ['google-gke-enable-auto-repair', 'google-gke-enable-auto-upgrade'], trivy: ['AVD-GCP-0063', 'AVD-GCP-0058'], kics: ['acfdbec6-4a17-471f-b412-169d77553332', 'b139213e-7d24-49c2-8025-c18faa21ecaa'] },
  },
  [CLUSTER, NODE_POOL],
  (inst, r) => {
    for (const p of pools(inst)) {
      for (const m of p.blocks('management')) {
        for (const setting of ['auto_repair', 'auto_upgrade']) {
          const a = get(m, setting);
          if (a && isOff(a.value)) r.bad(inst, a, 'disabled', { setting });
        }
      }
    }
  },
);

const legacyMetadata = tfRule(
  {
    id: 'iac/gcp-gke-legacy-metadata-endpoints',
    title: 'GKE nodes expose the legacy metadata endpoints',
    description:
      'The legacy Compute Engine metadata endpoints (v0.1 and v1beta1) do not require the `Metadata-Flavor` header, so server-side request forgery in any pod can read node credentials and the kubelet bootstrap token from them. They are disabled by default on current GKE versions.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets node metadata `disable-legacy-endpoints` to {{actual}}{{from}}; expected "true".',
    },
    remediation: 'Set `disable-legacy-endpoints = "true"` in `node_config.metadata` (or remove the override) and use `workload_metadata_config { mode = "GKE_METADATA" }`.',
    references: [GKE_DOCS + '#metadata', 'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata'],
    standards: STD.system(['CWE-918']),
    equivalents: { tfsec: ['google-gke-metadata-endpoints-disabled'], trivy: ['AVD-GCP-0048'] },
  },
  [CLUSTER, NODE_POOL],
  (inst, r) => {
    for (const nc of nodeConfigs(inst)) {
      const a = get(nc, ['metadata', 'disable-legacy-endpoints']);
      if (a && lower(a.value) === 'false') r.entry(inst, a, 'enabled');
    }
  },
);

export const gkeRules: Rule[] = [masterNetworks, privateNodes, legacyAbac, basicAuth, workloadIdentity, networkPolicy, shieldedNodes, poolManagement, legacyMetadata];
