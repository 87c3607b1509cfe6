import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, isAnySource, isOff, isOn, lower, strings, tfRule } from './common.js';
import type { ResourceInstance } from '../../../../src/terraform/index.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

// ------------------------------------------------------------------ Key Vault

const purgeProtection = tfRule(
  {
    id: 'iac/azure-keyvault-purge-protection',
    title: 'Azure Key Vault can be purged',
    description:
      'Without purge protection, a deleted key vault (or its keys and secrets) can be purged immediately, by mistake or by an attacker with enough access, making encrypted data and dependent services unrecoverable. Purge protection enforces the soft-delete retention period before anything is gone for good.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets `purge_protection_enabled` to {{actual}}{{from}}; expected true.',
      missing: '{{address}} does not set `purge_protection_enabled` (default false): deleted keys and secrets can be purged at once. Set it to true.',
      softDelete: '{{address}} sets `soft_delete_enabled` to {{actual}}{{from}} (azurerm 2.x): deleted vaults are not recoverable. Expected true.',
    },
    remediation: 'Set `purge_protection_enabled = true` (and keep `soft_delete_retention_days` at 7–90 days). Note that purge protection cannot be turned off again once enabled.',
    references: [REG + 'key_vault#purge_protection_enabled', 'https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview'],
    standards: STD.resilience(['CWE-693']),
    equivalents: { checkov: ['CKV_AZURE_110', 'CKV_AZURE_42'], tfsec: ['azure-keyvault-no-purge'], trivy: ['AVD-AZU-0016'], kics: ['cec6e005-9309-46eb-b34b-456f6eae818b'] },
  },
  ['azurerm_key_vault'],
  (inst, r) => {
    const a = get(inst, 'purge_protection_enabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOff(a.value)) r.bad(inst, a, 'disabled');
    const sd = get(inst, 'soft_delete_enabled');
    if (sd && isOff(sd.value)) r.bad(inst, sd, 'softDelete');
  },
);

const kvNetwork = tfRule(
  {
    id: 'iac/azure-keyvault-network-acl',
    title: 'Azure Key Vault accepts traffic from any network',
    description:
      'A key vault without network ACLs, or whose ACLs default to Allow, accepts requests from any network; only Entra ID credentials protect the keys and secrets. Denying by default and allowing named subnets, IP ranges or private endpoints shrinks the attack surface of the service that holds the most sensitive material.',
    severity: 'medium',
    messages: {
      allow: '{{address}} sets `network_acls.default_action` to {{actual}}{{from}}; expected "Deny" with the subnets and IP ranges that need access allowed.',
      missing: '{{address}} has no `network_acls` block and does not disable public network access, so it accepts traffic from any network. Add `network_acls { default_action = "Deny" bypass = "AzureServices" }`.',
    },
    remediation: 'Add `network_acls { default_action = "Deny", bypass = "AzureServices", ip_rules = [...], virtual_network_subnet_ids = [...] }`, or set `public_network_access_enabled = false` and use private endpoints.',
    references: [REG + 'key_vault#network_acls', 'https://learn.microsoft.com/en-us/azure/key-vault/general/network-security'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_109'], tfsec: ['azure-keyvault-specify-network-acl'], trivy: ['AVD-AZU-0013'] },
  },
  ['azurerm_key_vault'],
  (inst, r) => {
    const acls = inst.blocks('network_acls');
    for (const b of acls) {
      const a = get(b, 'default_action');
      if (a && lower(a.value) === 'allow') r.bad(inst, a, 'allow');
    }
    if (acls.length) return;
    const pna = get(inst, 'public_network_access_enabled');
    if (pna && !isOn(pna.value)) return;
    r.missing(inst, 'missing');
  },
);

const kvExpiry = tfRule(
  {
    id: 'iac/azure-keyvault-expiration',
    title: 'Azure Key Vault key or secret has no expiry date',
    description:
      'Keys and secrets without an expiration date stay valid forever, so a leaked or forgotten credential never stops working and rotation is never forced. Setting an expiry makes rotation part of the lifecycle and lets Azure alert before it lapses.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `expiration_date`; set one (and rotate before it) so the {{what}} does not stay valid forever.',
    },
    remediation: 'Set `expiration_date` (RFC 3339, e.g. from `timeadd(timestamp(), "8760h")` with `ignore_changes`), or use a key `rotation_policy` with `expire_after`.',
    references: [REG + 'key_vault_secret#expiration_date', 'https://learn.microsoft.com/en-us/azure/key-vault/keys/how-to-configure-key-rotation'],
    standards: STD.access(['CWE-324']),
    equivalents: { checkov: ['CKV_AZURE_40', 'CKV_AZURE_41'], tfsec: ['azure-keyvault-ensure-key-expiry', 'azure-keyvault-ensure-secret-expiry'], trivy: ['AVD-AZU-0014', 'AVD-AZU-0017'], kics: ['4d080822-5ee2-49a4-8984-68f3d4c890fc', 'dfa20ffa-f476-428f-a490-424b41e91c7f'] },
  },
  ['azurerm_key_vault_key', 'azurerm_key_vault_secret'],
  (inst, r) => {
    if (get(inst, 'expiration_date')) return;
    if (inst.resourceType === 'azurerm_key_vault_key' && get(inst, 'rotation_policy.expire_after')) return;
    r.missing(inst, 'missing', { what: inst.resourceType === 'azurerm_key_vault_key' ? 'key' : 'secret' });
  },
);

const kvDiagnostics = tfRule(
  {
    id: 'iac/azure-keyvault-diagnostic-logs',
    title: 'Azure Key Vault access is not logged',
    description:
      'Key Vault records every read of a key, secret or certificate in its AuditEvent log, but only when a diagnostic setting sends the log somewhere. Without it, there is no record of who retrieved which secret — the first thing needed after a suspected credential leak.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `azurerm_monitor_diagnostic_setting` targeting it; send its AuditEvent logs to Log Analytics or a storage account.',
      noAudit:
        '{{address}} has diagnostic settings ({{settings}}), but none of them enables the AuditEvent log, so reads of keys and secrets are not recorded; add `enabled_log { category_group = "audit" }` (or category "AuditEvent").',
    },
    remediation: 'Add `azurerm_monitor_diagnostic_setting` with `target_resource_id = azurerm_key_vault.<name>.id`, a `log_analytics_workspace_id` (or storage account) and `enabled_log { category_group = "audit" }` (unless an Azure Policy deploys diagnostic settings for you).',
    references: [REG + 'monitor_diagnostic_setting', 'https://learn.microsoft.com/en-us/azure/key-vault/general/logging'],
    standards: STD.logging(),
    equivalents: {},
  },
  ['azurerm_key_vault'],
  (inst, r) => {
    const settings = inst.module.findReferencing('azurerm_monitor_diagnostic_setting', 'target_resource_id', inst);
    if (settings.length === 0) r.missing(inst, 'missing');
    else if (!settings.some(logsAuditEvents)) r.missing(inst, 'noAudit', { settings: settings.map((s) => s.address).join(', ') });
  },
);

/**
 * Does a diagnostic setting send Key Vault's AuditEvent log: an `enabled_log` (or legacy `log` not
 * turned off) with category AuditEvent or category group audit/allLogs? A block, category or switch
 * whose value is not known counts as logging.
 */
export function logsAuditEvents(setting: ResourceInstance): boolean {
  if (!setting.expansionKnown) return true;
  const views = [...setting.blocks('enabled_log'), ...setting.blocks('log').filter((b) => !isOff(get(b, 'enabled')?.value))];
  return views.some((b) => {
    if (!b.expansionKnown) return true;
    const cat = get(b, 'category');
    const group = get(b, 'category_group');
    if ([cat, group].some((a) => a && !(a.known && a.value.kind === 'string'))) return true;
    return lower(cat?.value) === 'auditevent' || ['audit', 'alllogs'].includes(lower(group?.value) ?? '');
  });
}

// ------------------------------------------------------------------ AKS

const AKS = ['azurerm_kubernetes_cluster'];
const AKS_DOCS = REG + 'kubernetes_cluster';

const aksApi = tfRule(
  {
    id: 'iac/azure-aks-api-server-public',
    title: 'AKS API server is open to the internet',
    description:
      'The Kubernetes API server of a public AKS cluster without authorised IP ranges accepts connections from anywhere, so every credential leak or API server vulnerability is exploitable from the internet. A private cluster, or authorised IP ranges limited to the operators\' networks, removes that exposure.',
    severity: 'high',
    messages: {
      missing: '{{address}} is not a private cluster and sets no authorised IP ranges, so its API server accepts connections from any address. Set `api_server_access_profile { authorized_ip_ranges = [...] }` or `private_cluster_enabled = true`.',
      open: '{{address}} authorises {{range}} to reach the API server{{from}}; list only the operators\' address ranges.',
    },
    remediation: 'Set `private_cluster_enabled = true`, or `api_server_access_profile { authorized_ip_ranges = ["<office/VPN CIDR>"] }` (`api_server_authorized_ip_ranges` before azurerm 3.39).',
    references: [AKS_DOCS + '#api_server_access_profile', 'https://learn.microsoft.com/en-us/azure/aks/api-server-authorized-ip-ranges'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_6', 'CKV_AZURE_115'], tfsec: ['azure-container-limit-authorized-ips'], trivy: ['AVD-AZU-0041'], kics: ['599318f2-6653-4569-9e21-041d06c63a89'] },
  },
  AKS,
  (inst, r) => {
    const priv = get(inst, 'private_cluster_enabled');
    if (priv && !isOff(priv.value)) return; // private, or not known
    const found = [get(inst, 'api_server_access_profile.authorized_ip_ranges'), get(inst, 'api_server_authorized_ip_ranges')].filter((a) => a !== undefined);
    if (found.length === 0 || found.every((a) => a!.known && a!.value.kind === 'list' && a!.value.items.length === 0)) {
      r.missing(inst, 'missing');
      return;
    }
    for (const a of found) {
      const open = strings(a!.value).find(isAnySource);
      if (open !== undefined) r.bad(inst, a!, 'open', { range: open });
    }
  },
);

const aksRbac = tfRule(
  {
    id: 'iac/azure-aks-rbac-disabled',
    title: 'AKS cluster has Kubernetes RBAC disabled',
    description:
      'Without Kubernetes role-based access control every authenticated identity has full rights over the cluster: there is no way to give workloads and people least privilege. RBAC is on by default and can only be chosen when the cluster is created.',
    severity: 'high',
    messages: {
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: Kubernetes RBAC is off. Expected true (the default).',
    },
    remediation: 'Set `role_based_access_control_enabled = true` (or remove it; 2.x: `role_based_access_control { enabled = true }`), preferably with Entra ID integration (`azure_active_directory_role_based_access_control`).',
    references: [AKS_DOCS + '#role_based_access_control_enabled', 'https://learn.microsoft.com/en-us/azure/aks/manage-azure-rbac'],
    standards: STD.access(['CWE-284']),
    equivalents: { checkov: ['CKV_AZURE_5'], tfsec: ['azure-container-use-rbac-permissions'], trivy: ['AVD-AZU-0042'], kics: ['86f92117-eed8-4614-9c6c-b26da20ff37f'] },
  },
  AKS,
  (inst, r) => {
    const a = get(inst, 'role_based_access_control_enabled');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled', { attribute: 'role_based_access_control_enabled' });
    const legacy = get(inst, 'role_based_access_control.enabled');
    if (legacy && isOff(legacy.value)) r.bad(inst, legacy, 'disabled', { attribute: 'role_based_access_control.enabled' });
  },
);

const aksLocal = tfRule(
  {
    id: 'iac/azure-aks-local-accounts',
    title: 'AKS cluster keeps local admin accounts',
    description:
      'AKS local accounts (the `clusterAdmin` kubeconfig) are static credentials that bypass Entra ID: they cannot be tied to a person, protected with MFA or Conditional Access, or audited per user. Disabling them makes every access go through identity-based authentication.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `local_account_disabled` to {{actual}}{{from}}: the static cluster-admin credential stays usable. Expected true.',
      missing: '{{address}} does not set `local_account_disabled` (default false): the static cluster-admin credential stays usable. Set it to true with Entra ID integration.',
    },
    remediation: 'Set `local_account_disabled = true` together with `azure_active_directory_role_based_access_control { azure_rbac_enabled = true ... }`.',
    references: [AKS_DOCS + '#local_account_disabled', 'https://learn.microsoft.com/en-us/azure/aks/manage-local-accounts-managed-azure-ad'],
    standards: STD.access(['CWE-798']),
    equivalents: { checkov: ['CKV_AZURE_141'] },
  },
  AKS,
  (inst, r) => {
    const a = get(inst, 'local_account_disabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOff(a.value)) r.bad(inst, a, 'enabled');
  },
);

const aksPolicy = tfRule(
  {
    id: 'iac/azure-aks-azure-policy',
    title: 'AKS cluster without the Azure Policy add-on',
    description:
      'The Azure Policy add-on enforces guardrails (no privileged containers, allowed registries, resource limits) on what is deployed to the cluster and reports compliance centrally. Without it, nothing stops an insecure workload from being admitted.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}; enable the Azure Policy add-on.',
      missing: '{{address}} does not enable the Azure Policy add-on; set `azure_policy_enabled = true`.',
    },
    remediation: 'Set `azure_policy_enabled = true` (azurerm 3.x/4.x; 2.x: `addon_profile { azure_policy { enabled = true } }`) and assign the Kubernetes policy initiatives.',
    references: [AKS_DOCS + '#azure_policy_enabled', 'https://learn.microsoft.com/en-us/azure/governance/policy/concepts/policy-for-kubernetes'],
    standards: STD.system(),
    equivalents: { checkov: ['CKV_AZURE_116'] },
  },
  AKS,
  (inst, r) => {
    const a = get(inst, 'azure_policy_enabled');
    const legacy = get(inst, 'addon_profile.azure_policy.enabled');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled', { attribute: 'azure_policy_enabled' });
    if (legacy && isOff(legacy.value)) r.bad(inst, legacy, 'disabled', { attribute: 'addon_profile.azure_policy.enabled' });
    if (!a && !legacy) r.missing(inst, 'missing');
  },
);

const aksNetPolicy = tfRule(
  {
    id: 'iac/azure-aks-network-policy',
    title: 'AKS cluster without a network policy engine',
    description:
      'Without a network policy engine (Azure, Calico or Cilium), Kubernetes NetworkPolicy objects are ignored and every pod can reach every other pod, so one compromised workload can reach all the others. The engine can only be chosen when the cluster is created.',
    severity: 'low',
    messages: {
      missing: '{{address}} sets no `network_profile.network_policy`, so NetworkPolicy objects are not enforced. Set it to "azure", "calico" or "cilium".',
    },
    remediation: 'Add `network_profile { network_plugin = "azure" network_policy = "azure" }` (or "calico", or "cilium" with `network_data_plane = "cilium"`).',
    references: [AKS_DOCS + '#network_policy', 'https://learn.microsoft.com/en-us/azure/aks/use-network-policies'],
    standards: STD.network(['CWE-284']),
    equivalents: { checkov: ['CKV_AZURE_7'], tfsec: ['azure-container-configured-network-policy'], trivy: ['AVD-AZU-0043'], kics: ['f5342045-b935-402d-adf1-8dbbd09c0eef'] },
  },
  AKS,
  (inst, r) => {
    const np = inst.blocks('network_profile');
    if (np.some((b) => get(b, 'network_policy') || lower(get(b, 'network_data_plane')?.value) === 'cilium' || lower(get(b, 'ebpf_data_plane')?.value) === 'cilium')) return;
    if (np.some((b) => !b.expansionKnown)) return;
    r.missing(inst, 'missing');
  },
);

export const keyvaultAksRules: Rule[] = [purgeProtection, kvNetwork, kvExpiry, kvDiagnostics, aksApi, aksRbac, aksLocal, aksPolicy, aksNetPolicy];
