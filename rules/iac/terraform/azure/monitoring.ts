import type { Rule } from '../../../../src/model/rule.js';
import { asNumber } from '../../../../src/terraform/index.js';
import { STD, get, isOff, isOn, lower, tfRule } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

// ------------------------------------------------------------------ Microsoft Defender for Cloud

const defenderFree = tfRule(
  {
    id: 'iac/azure-defender-free-tier',
    title: 'Microsoft Defender for Cloud plan set to the Free tier',
    description:
      'The Free tier of Microsoft Defender for Cloud gives only posture recommendations; the Standard tier turns on the Defender plan for the resource type (servers, SQL, storage, Key Vault, containers...), which detects attacks and raises security alerts. A subscription pricing resource that sets `tier = "Free"` explicitly turns that protection off.',
    severity: 'medium',
    messages: {
      free: '{{address}} sets `tier` to {{actual}}{{from}}{{plan}}: the Defender plan is off and no threat alerts are raised. Set `tier = "Standard"`.',
    },
    remediation: 'Set `tier = "Standard"` on `azurerm_security_center_subscription_pricing` for each `resource_type` in use (VirtualMachines, SqlServers, StorageAccounts, KeyVaults, Containers, Arm...).',
    references: [REG + 'security_center_subscription_pricing', 'https://learn.microsoft.com/en-us/azure/defender-for-cloud/defender-for-cloud-introduction'],
    standards: STD.logging(['CWE-778']),
    equivalents: { checkov: ['CKV_AZURE_19'], tfsec: ['azure-security-center-enable-standard-subscription'], trivy: ['AVD-AZU-0045'], kics: ['819d50fd-1cdf-45c3-9936-be408aaad93e'] },
  },
  ['azurerm_security_center_subscription_pricing'],
  (inst, r) => {
    const a = get(inst, 'tier');
    if (!a || lower(a.value) !== 'free') return;
    const type = get(inst, 'resource_type')?.value;
    const plan = type && type.kind === 'string' ? ` for ${type.value}` : '';
    r.bad(inst, a, 'free', { plan });
  },
);

const securityContact = tfRule(
  {
    id: 'iac/azure-security-center-contact',
    title: 'Defender for Cloud security alerts are not emailed',
    description:
      'The Defender for Cloud security contact decides who is emailed when a high-severity alert is raised. With `alert_notifications` off the security contact is not told, and with `alerts_to_admins` off the subscription owners are not told either, so an active attack may be noticed only when someone next opens the portal.',
    severity: 'low',
    messages: {
      off: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: {{who}} are not emailed about security alerts. Expected true.',
    },
    remediation: 'Set `alert_notifications = true` and `alerts_to_admins = true` on `azurerm_security_center_contact`, with an `email` that is monitored.',
    references: [REG + 'security_center_contact', 'https://learn.microsoft.com/en-us/azure/defender-for-cloud/configure-email-notifications'],
    standards: STD.logging(['CWE-778']),
    equivalents: { checkov: ['CKV_AZURE_21', 'CKV_AZURE_22'], tfsec: ['azure-security-center-alert-on-severe-notifications'], trivy: ['AVD-AZU-0044'], kics: ['9db38e87-f6aa-4b5e-a1ec-7266df259409'] },
  },
  ['azurerm_security_center_contact'],
  (inst, r) => {
    const notify = get(inst, 'alert_notifications');
    if (notify && isOff(notify.value)) r.bad(inst, notify, 'off', { attribute: 'alert_notifications', who: 'the security contacts' });
    const admins = get(inst, 'alerts_to_admins');
    if (admins && isOff(admins.value)) r.bad(inst, admins, 'off', { attribute: 'alerts_to_admins', who: 'the subscription owners' });
  },
);

// ------------------------------------------------------------------ Network Watcher flow logs

const flowLog = tfRule(
  {
    id: 'iac/azure-network-watcher-flow-log',
    title: 'Azure network flow log is disabled or kept for less than 90 days',
    description:
      'Network Watcher flow logs record the traffic allowed and denied by a network security group or virtual network, the evidence needed to trace lateral movement or data exfiltration. A flow log resource that is disabled records nothing, and a retention policy shorter than 90 days deletes the records before many intrusions are found. A retention of 0 days, or no retention policy, keeps them forever.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `enabled` to {{actual}}{{from}}: no flow records are written. Expected true.',
      retention: '{{address}} keeps flow logs for {{actual}} days{{from}}; keep them for at least 90 days (0 keeps them forever).',
    },
    remediation: 'Set `enabled = true` and `retention_policy { enabled = true, days = 90 }` (or more) on `azurerm_network_watcher_flow_log`, ideally with `traffic_analytics`.',
    references: [REG + 'network_watcher_flow_log', 'https://learn.microsoft.com/en-us/azure/network-watcher/vnet-flow-logs-overview'],
    standards: STD.logging(['CWE-778']),
    equivalents: { checkov: ['CKV_AZURE_12'], tfsec: ['azure-network-retention-policy-set'], trivy: ['AVD-AZU-0049'], kics: ['7750fcca-dd03-4d38-b663-4b70289bcfd4'] },
  },
  ['azurerm_network_watcher_flow_log'],
  (inst, r) => {
    const enabled = get(inst, 'enabled');
    if (enabled && isOff(enabled.value)) {
      r.bad(inst, enabled, 'disabled');
      return;
    }
    for (const rp of inst.blocks('retention_policy')) {
      if (!isOn(get(rp, 'enabled')?.value)) continue;
      const a = get(rp, 'days');
      const days = asNumber(a?.value);
      if (a && days !== undefined && days > 0 && days < 90) r.bad(inst, a, 'retention');
    }
  },
);

// ------------------------------------------------------------------ AKS monitoring

const aksLogging = tfRule(
  {
    id: 'iac/azure-aks-logging',
    title: 'AKS cluster sends no logs to Azure Monitor',
    description:
      'Without Container insights (the `oms_agent` add-on) or a diagnostic setting on the cluster, an AKS cluster keeps no container or control-plane logs outside the nodes: after a compromise there is no record of what ran, who called the API server, or what was changed.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `oms_agent` block and no `azurerm_monitor_diagnostic_setting` targeting it, so its logs are not collected. Add `oms_agent { log_analytics_workspace_id = ... }` and/or a diagnostic setting with the kube-audit logs.',
      disabled: '{{address}} sets `addon_profile.oms_agent.enabled` to {{actual}}{{from}}: Container insights is off. Expected true, with a Log Analytics workspace.',
    },
    remediation: 'Add `oms_agent { log_analytics_workspace_id = azurerm_log_analytics_workspace.<name>.id }` (azurerm 3.x/4.x; 2.x: `addon_profile { oms_agent { enabled = true ... } }`), and an `azurerm_monitor_diagnostic_setting` sending the `kube-audit-admin` category to the workspace.',
    references: [REG + 'kubernetes_cluster#oms_agent', 'https://learn.microsoft.com/en-us/azure/aks/monitor-aks'],
    standards: STD.logging(['CWE-778']),
    equivalents: { checkov: ['CKV_AZURE_4'], tfsec: ['azure-container-logging'], trivy: ['AVD-AZU-0040'] },
  },
  ['azurerm_kubernetes_cluster'],
  (inst, r) => {
    if (inst.blocks('oms_agent').length) return;
    const legacy = get(inst, 'addon_profile.oms_agent.enabled');
    if (legacy && isOff(legacy.value)) {
      if (!inst.module.findReferencing('azurerm_monitor_diagnostic_setting', 'target_resource_id', inst).length) r.bad(inst, legacy, 'disabled');
      return;
    }
    // azurerm 2.x: an `addon_profile { oms_agent { ... } }` block not switched off (or not known) counts as logging
    if (legacy || inst.blocks('addon_profile').some((b) => !b.expansionKnown || b.blocks('oms_agent').length > 0)) return;
    if (inst.module.findReferencing('azurerm_monitor_diagnostic_setting', 'target_resource_id', inst).length) return;
    r.missing(inst, 'missing');
  },
);

export const monitoringRules: Rule[] = [defenderFree, securityContact, flowLog, aksLogging];
