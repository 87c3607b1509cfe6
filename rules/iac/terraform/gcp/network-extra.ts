import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, isOff, isOn, lower, tfRule } from '../azure/common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/';

// ------------------------------------------------------------------ VPC flow logs

/**
 * Subnet purposes that carry VM traffic and so can log flows. Proxy-only subnets
 * (REGIONAL_MANAGED_PROXY, GLOBAL_MANAGED_PROXY, the older INTERNAL_HTTPS_LOAD_BALANCER), Private
 * Service Connect and Private NAT subnets do not support flow logs.
 */
const FLOW_LOG_PURPOSES = new Set(['private', 'private_rfc_1918']);

const subnetFlowLogs = tfRule(
  {
    id: 'iac/gcp-compute-subnet-flow-logs',
    title: 'VPC subnet without flow logs',
    description:
      'VPC Flow Logs record the network flows to and from the VMs and GKE nodes of a subnet. Without them there is no record of which hosts talked to which, so lateral movement, data exfiltration or traffic from a compromised VM cannot be investigated afterwards (CIS GCP 3.8). Subnets are created without flow logs unless a `log_config` block is given. Proxy-only, Private Service Connect and Private NAT subnets, which cannot log flows, are not reported.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `log_config` block, so VPC flow logs are off for the subnet; add `log_config { aggregation_interval = "INTERVAL_5_SEC" flow_sampling = 0.5 metadata = "INCLUDE_ALL_METADATA" }`.',
      disabled: '{{address}} sets `enable_flow_logs` to {{actual}}{{from}} and has no `log_config`; add a `log_config` block to enable VPC flow logs.',
    },
    remediation: 'Add a `log_config` block to every `google_compute_subnetwork` that hosts VMs or GKE nodes (tune `flow_sampling` and `aggregation_interval` for cost), or enforce flow logs with an organisation policy.',
    references: [REG + 'compute_subnetwork#log_config', 'https://cloud.google.com/vpc/docs/using-flow-logs'],
    standards: STD.logging(),
    equivalents: {
      checkov: ['CKV_GCP_26'],
      tfsec: ['google-compute-enable-vpc-flow-logs'],
      trivy: ['AVD-GCP-0029', 'AVD-GCP-0076'],
      kics: ['40430747-442d-450a-a34f-dc57149f4609'],
    },
  },
  ['google_compute_subnetwork'],
  (inst, r) => {
    const purpose = get(inst, 'purpose');
    if (purpose && !FLOW_LOG_PURPOSES.has(lower(purpose.value) ?? '')) return; // unknown or a purpose without flow logs
    const logs = inst.blocks('log_config');
    if (logs.length > 0) return;
    const enable = get(inst, 'enable_flow_logs');
    if (enable && !isOff(enable.value)) return; // on, or cannot tell
    // flow logs configured for this subnet by the Network Management API resource
    if (inst.module.findReferencing('google_network_management_vpc_flow_logs_config', 'subnet', inst).length > 0) return;
    if (enable) r.bad(inst, enable, 'disabled');
    else r.missing(inst, 'missing');
  },
);

// ------------------------------------------------------------------ SSL policies

const WEAK_TLS = new Set(['tls_1_0', 'tls_1_1']);

const sslPolicyTls = tfRule(
  {
    id: 'iac/gcp-compute-ssl-policy-weak-tls',
    title: 'Load balancer SSL policy allows TLS 1.0 or 1.1',
    description:
      'An SSL policy decides which TLS versions and cipher suites an HTTPS or SSL proxy load balancer accepts. Its `min_tls_version` defaults to TLS_1_0, so unless it is set to TLS_1_2 (or TLS_1_3) clients can negotiate the deprecated TLS 1.0 and 1.1 (RFC 8996) and the weak CBC and 3DES suites that come with them.',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not set `min_tls_version`, which defaults to TLS_1_0; set `min_tls_version = "TLS_1_2"`.',
      weak: '{{address}} sets `min_tls_version` to {{actual}}{{from}}; set it to "TLS_1_2" (or "TLS_1_3").',
    },
    remediation: 'Set `min_tls_version = "TLS_1_2"` with `profile = "MODERN"` or `"RESTRICTED"` (or a CUSTOM profile without CBC/3DES suites), and attach the policy to the target HTTPS/SSL proxies.',
    references: [REG + 'compute_ssl_policy#min_tls_version', 'https://cloud.google.com/load-balancing/docs/ssl-policies-concepts'],
    standards: STD.transit(['CWE-326']),
    equivalents: {
      checkov: ['CKV_GCP_4'],
      tfsec: ['google-compute-use-secure-tls-policy'],
      trivy: ['AVD-GCP-0039'],
      kics: ['14a457f0-473d-4d1d-9e37-6d99b355b336'],
    },
  },
  ['google_compute_ssl_policy', 'google_compute_region_ssl_policy'],
  (inst, r) => {
    const min = get(inst, 'min_tls_version');
    if (!min) r.missing(inst, 'missing');
    else if (WEAK_TLS.has(lower(min.value) ?? '')) r.bad(inst, min, 'weak');
  },
);

// ------------------------------------------------------------------ Default network

const defaultNetwork = tfRule(
  {
    id: 'iac/gcp-project-default-network',
    title: 'GCP project keeps its default network',
    description:
      'A new project gets an auto-mode `default` VPC network with a subnet in every region and firewall rules that allow SSH and RDP from 0.0.0.0/0 and all traffic inside the network, unless `auto_create_network = false` (the provider default is true) or the `compute.skipDefaultNetworkCreation` organisation policy is enforced. Any VM later placed in it is exposed to the internet by those rules (CIS GCP 3.1).',
    severity: 'medium',
    messages: {
      missing: '{{address}} does not set `auto_create_network` (default true): unless the compute.skipDefaultNetworkCreation organisation policy is enforced, the project gets the default network with SSH and RDP open to the internet. Set `auto_create_network = false` and create a custom-mode VPC.',
      enabled: '{{address}} sets `auto_create_network` to {{actual}}{{from}}: the project keeps the default network with SSH and RDP open to the internet. Set it to false.',
    },
    remediation: 'Set `auto_create_network = false` on `google_project` (and enforce `constraints/compute.skipDefaultNetworkCreation`), then create custom-mode VPC networks with explicit firewall rules.',
    references: [REG + 'google_project#auto_create_network', 'https://cloud.google.com/vpc/docs/vpc#default-network'],
    standards: STD.network(),
    equivalents: {
      checkov: ['CKV_GCP_27'],
      tfsec: ['google-iam-no-default-network'],
      trivy: ['AVD-GCP-0010'],
      kics: ['59571246-3f62-4965-a96f-c7d97e269351'],
    },
  },
  ['google_project'],
  (inst, r) => {
    const a = get(inst, 'auto_create_network');
    if (!a) r.missing(inst, 'missing');
    else if (isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

export const networkExtraRules: Rule[] = [subnetFlowLogs, sslPolicyTls, defaultNetwork];
