import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, lower, tfRule } from '../azure/common.js';
import { autopilot, nodeConfigs } from './gke.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';
const CLUSTER = 'google_container_cluster';
const NODE_POOL = 'google_container_node_pool';
const GKE_DOCS = REG + 'container_cluster';

// ------------------------------------------------------------------ Cloud Logging / Monitoring

const SERVICES = [
  { attribute: 'logging_service', legacy: 'logging.googleapis.com', current: 'logging.googleapis.com/kubernetes', what: 'Cloud Logging' },
  { attribute: 'monitoring_service', legacy: 'monitoring.googleapis.com', current: 'monitoring.googleapis.com/kubernetes', what: 'Cloud Monitoring' },
];

const loggingMonitoring = tfRule(
  {
    id: 'iac/gcp-gke-logging-monitoring-disabled',
    title: 'GKE cluster sends no logs or metrics to Cloud Logging / Monitoring',
    description:
      'With `logging_service = "none"` a GKE cluster keeps no system, workload or control-plane logs in Cloud Logging, and with `monitoring_service = "none"` no metrics reach Cloud Monitoring, so attacks on the cluster leave no trace there and nothing alerts on them. The legacy values "logging.googleapis.com" and "monitoring.googleapis.com" select the decommissioned Legacy Stackdriver agents, which are not supported on current GKE versions. Both attributes default to the Kubernetes-aware services ("…/kubernetes").',
    severity: 'medium',
    messages: {
      none: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: the cluster sends nothing to {{what}}. Remove it (the default is "{{current}}").',
      legacy: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}, the decommissioned Legacy Stackdriver integration; use "{{current}}" (the default).',
    },
    remediation: 'Remove `logging_service = "none"` / `monitoring_service = "none"` (the defaults are `logging.googleapis.com/kubernetes` and `monitoring.googleapis.com/kubernetes`), and choose what is collected with `logging_config` / `monitoring_config`.',
    references: [GKE_DOCS + '#logging_service', 'https://cloud.google.com/kubernetes-engine/docs/concepts/about-logs'],
    standards: STD.logging(),
    equivalents: {
      checkov: ['CKV_GCP_1', 'CKV_GCP_8'],
      tfsec: ['google-gke-enable-stackdriver-logging', 'google-gke-enable-stackdriver-monitoring'],
      trivy: ['AVD-GCP-0060', 'AVD-GCP-0052'],
      kics: ['4c7ebcb2-eae2-461e-bc83-456ee2d4f694', '30e8dfd2-3591-4d19-8d11-79e93106c93d'],
    },
  },
  [CLUSTER],
  (inst, r) => {
    for (const s of SERVICES) {
      const a = get(inst, s.attribute);
      const v = lower(a?.value)?.trim();
      if (!a || v === undefined) continue;
      const data = { attribute: s.attribute, what: s.what, current: s.current };
      if (v === 'none') r.bad(inst, a, 'none', data);
      else if (v === s.legacy) r.bad(inst, a, 'legacy', data);
    }
  },
);

// ------------------------------------------------------------------ Node image

const cosImage = tfRule(
  {
    id: 'iac/gcp-gke-cos-image',
    title: 'GKE Linux nodes do not use Container-Optimized OS',
    description:
      'Container-Optimized OS is Google\'s hardened node image for GKE: a minimal, read-only root file system, verified boot, no package manager, and automatic security updates. Ubuntu node images carry a full distribution, with a larger attack surface and more to patch (CIS GKE 5.5.1). The default image is COS_CONTAINERD; Windows Server node pools, which cannot use COS, are not reported.',
    severity: 'low',
    messages: {
      image: '{{address}} sets `node_config.image_type` to {{actual}}{{from}}; use "COS_CONTAINERD" (the default) unless the workload needs another OS.',
    },
    remediation: 'Remove `image_type` or set it to "COS_CONTAINERD" on Linux node pools; keep Ubuntu only for workloads that need kernel modules or packages COS cannot provide, and document why.',
    references: [REG + 'container_node_pool#image_type', 'https://cloud.google.com/kubernetes-engine/docs/concepts/node-images'],
    standards: STD.system(),
    equivalents: {
      checkov: ['CKV_GCP_22'],
      tfsec: ['google-gke-node-pool-uses-cos'],
      trivy: ['AVD-GCP-0054'],
      kics: ['8a893e46-e267-485a-8690-51f39951de58'],
    },
  },
  [CLUSTER, NODE_POOL],
  (inst, r) => {
    if (autopilot(inst)) return;
    for (const nc of nodeConfigs(inst)) {
      const a = get(nc, 'image_type');
      const v = lower(a?.value)?.trim();
      if (!a || v === undefined || v === '' || v.startsWith('cos') || v.startsWith('windows')) continue;
      r.bad(inst, a, 'image');
    }
  },
);

// ------------------------------------------------------------------ Routes-based networking

const routesBased = tfRule(
  {
    id: 'iac/gcp-gke-routes-based',
    title: 'GKE cluster uses routes-based networking instead of VPC-native (alias IP)',
    description:
      'A routes-based GKE cluster gives pods addresses that the VPC does not know about, so firewall rules, VPC Flow Logs and Private Google Access cannot tell pods apart from their node, anti-spoofing checks do not apply to pod traffic, and features such as private clusters and Dataplane V2 are unavailable. VPC-native (alias IP) clusters are the default for new clusters; `networking_mode = "ROUTES"` opts out of them.',
    severity: 'low',
    messages: {
      routes: '{{address}} sets `networking_mode` to {{actual}}{{from}}; use "VPC_NATIVE" with an `ip_allocation_policy` block (the cluster must be recreated).',
    },
    remediation: 'Set `networking_mode = "VPC_NATIVE"` and add `ip_allocation_policy { cluster_secondary_range_name = "pods" services_secondary_range_name = "services" }`; a routes-based cluster has to be recreated to change.',
    references: [GKE_DOCS + '#networking_mode', 'https://cloud.google.com/kubernetes-engine/docs/concepts/alias-ips'],
    standards: STD.network(),
    equivalents: {
      checkov: ['CKV_GCP_23'],
      tfsec: ['google-gke-enable-ip-aliasing'],
      trivy: ['AVD-GCP-0049'],
      kics: ['c606ba1d-d736-43eb-ac24-e16108f3a9e0'],
    },
  },
  [CLUSTER],
  (inst, r) => {
    const a = get(inst, 'networking_mode');
    if (a && lower(a.value)?.trim() === 'routes') r.bad(inst, a, 'routes');
  },
);

// ------------------------------------------------------------------ node metadata opt-out

const nodeMetadataExposed = tfRule(
  {
    id: 'iac/gcp-gke-node-metadata-exposed',
    title: 'GKE node pool exposes the node\'s metadata server to pods',
    description:
      'A `workload_metadata_config` that sets `mode = "GCE_METADATA"` (or, in google-beta before 4.0, `node_metadata = "EXPOSE"`) lets every pod on those nodes read the Compute Engine metadata server: the node\'s service account token, and the kubelet credentials in the instance attributes, which an SSRF in any workload can then use. "GKE_METADATA" (Workload Identity) or the older "SECURE" (metadata concealment) keep them from pods. Node pools that do not set the block follow the cluster\'s Workload Identity setting and are not reported here.',
    severity: 'medium',
    messages: {
      exposed: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: pods on these nodes reach the node\'s metadata server and act with the node\'s service account. Use "GKE_METADATA" (with Workload Identity on the cluster).',
    },
    remediation: 'Set `node_config { workload_metadata_config { mode = "GKE_METADATA" } }` on the node pools and `workload_identity_config { workload_pool = "<project>.svc.id.goog" }` on the cluster.',
    references: [REG + 'container_node_pool#workload_metadata_config', 'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata'],
    standards: STD.access(['CWE-250', 'CWE-918']),
    equivalents: { tfsec: ['google-gke-node-metadata-security'], trivy: ['AVD-GCP-0057'] },
  },
  [CLUSTER, NODE_POOL],
  (inst, r) => {
    if (autopilot(inst)) return;
    for (const nc of nodeConfigs(inst)) {
      const mode = get(nc, 'workload_metadata_config.mode');
      if (mode && lower(mode.value)?.trim() === 'gce_metadata') r.bad(inst, mode, 'exposed', { attribute: 'workload_metadata_config.mode' });
      const legacy = get(nc, 'workload_metadata_config.node_metadata');
      if (legacy && lower(legacy.value)?.trim() === 'expose') r.bad(inst, legacy, 'exposed', { attribute: 'workload_metadata_config.node_metadata' });
    }
  },
);

export const gkeExtraRules: Rule[] = [loggingMonitoring, cosImage, routesBased, nodeMetadataExposed];
