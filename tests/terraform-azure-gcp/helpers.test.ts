import { describe, expect, it } from 'vitest';
import { ADMIN_PORTS, DB_PORTS, allPorts, isAnySource, portRange, portsIn, strings } from '../../rules/iac/terraform/azure/common.js';
import { openInboundRule } from '../../rules/iac/terraform/azure/network.js';
import { logsAuditEvents } from '../../rules/iac/terraform/azure/keyvault-aks.js';
import { durationSeconds, isPublicPrincipal } from '../../rules/iac/terraform/gcp/storage-iam.js';
import { openFirewall } from '../../rules/iac/terraform/gcp/network-sql-compute.js';
import { loadModule } from '../../src/terraform/index.js';
import { memoryProject } from '../terraform/helpers.js';

describe('port and source helpers', () => {
  it('parses port specs', () => {
    expect(portRange('22')).toEqual([22, 22]);
    expect(portRange(' 20 - 25 ')).toEqual([20, 25]);
    expect(portRange('*')).toEqual([0, 65535]);
    expect(portRange('25-20')).toBeUndefined();
    expect(portRange('ssh')).toBeUndefined();
  });

  it('finds ports inside ranges', () => {
    expect(portsIn([[20, 25]], ADMIN_PORTS)).toEqual([22, 23]);
    expect(portsIn([[3000, 4000]], DB_PORTS)).toEqual([3306]);
    expect(portsIn([[80, 80], [443, 443]], ADMIN_PORTS)).toEqual([]);
    expect(allPorts([[0, 65535]])).toBe(true);
    expect(allPorts([[1, 65535]])).toBe(true);
    expect(allPorts([[1024, 65535]])).toBe(false);
  });

  it('recognises "anywhere" sources and nothing narrower', () => {
    for (const s of ['*', 'Internet', 'any', '0.0.0.0/0', '0.0.0.0', '::/0']) expect(isAnySource(s), s).toBe(true);
    for (const s of ['10.0.0.0/8', 'VirtualNetwork', 'AzureLoadBalancer', '0.0.0.0/1', '35.235.240.0/20']) expect(isAnySource(s), s).toBe(false);
  });

  it('reads durations and public principals', () => {
    expect(durationSeconds('7776000s')).toBe(7776000);
    expect(durationSeconds('86400.5s')).toBe(86400.5);
    expect(durationSeconds('90d')).toBeUndefined();
    expect(isPublicPrincipal('allUsers')).toBe(true);
    expect(isPublicPrincipal(' allAuthenticatedUsers ')).toBe(true);
    expect(isPublicPrincipal('user:allusers@example.com')).toBe(false);
  });
});

describe('rule building blocks on resolved Terraform', () => {
  it('finds open NSG rules through variables and skips unknown sources', async () => {
    const project = memoryProject({
      'main.tf': `
variable "src" { default = "Internet" }
variable "unknown" {}
resource "azurerm_network_security_rule" "a" {
  direction = "Inbound"
  access = "Allow"
  protocol = "Tcp"
  destination_port_ranges = ["22", "8000-9000"]
  source_address_prefix = var.src
}
resource "azurerm_network_security_rule" "b" {
  direction = "Inbound"
  access = "Allow"
  protocol = "Tcp"
  destination_port_range = "22"
  source_address_prefix = var.unknown
}
resource "azurerm_network_security_rule" "c" {
  direction = "Outbound"
  access = "Allow"
  protocol = "Tcp"
  destination_port_range = "22"
  source_address_prefix = "*"
}
`,
    });
    const m = await loadModule(project, '');
    const [a, b, c] = m.resources('azurerm_network_security_rule');
    const open = openInboundRule(a);
    expect(open?.sourceText).toBe('Internet');
    expect(open?.ranges).toEqual([[22, 22], [8000, 9000]]);
    expect(open?.source.file).toBe('main.tf');
    expect(open?.source.range.start.line).toBe(2);
    expect(openInboundRule(b)).toBeUndefined();
    expect(openInboundRule(c)).toBeUndefined();
  });

  it('treats a GCP ingress rule without any source as open and allow without ports as all ports', async () => {
    const project = memoryProject({
      'main.tf': `
resource "google_compute_firewall" "nosrc" {
  allow { protocol = "tcp" }
}
resource "google_compute_firewall" "tags" {
  source_tags = ["web"]
  allow { protocol = "tcp" }
}
resource "google_compute_firewall" "egress" {
  direction = "EGRESS"
  allow { protocol = "all" }
}
`,
    });
    const m = await loadModule(project, '');
    const [nosrc, tags, egress] = m.resources('google_compute_firewall');
    expect(openFirewall(nosrc)).toEqual({ source: undefined, ranges: [[0, 65535]] });
    expect(openFirewall(tags)).toBeUndefined();
    expect(openFirewall(egress)).toBeUndefined();
  });

  it('tells which Key Vault diagnostic settings send the AuditEvent log', async () => {
    const project = memoryProject({
      'main.tf': `
variable "cat" {}
resource "azurerm_monitor_diagnostic_setting" "group" {
  enabled_log { category_group = "AUDIT" }
}
resource "azurerm_monitor_diagnostic_setting" "legacy_default_on" {
  log { category = "AuditEvent" }
}
resource "azurerm_monitor_diagnostic_setting" "from_var" {
  enabled_log { category = var.cat }
}
resource "azurerm_monitor_diagnostic_setting" "metrics" {
  metric { category = "AllMetrics" }
}
resource "azurerm_monitor_diagnostic_setting" "legacy_off" {
  log {
    category_group = "allLogs"
    enabled        = false
  }
}
resource "azurerm_monitor_diagnostic_setting" "policy" {
  enabled_log { category = "AzurePolicyEvaluationDetails" }
}
`,
    });
    const m = await loadModule(project, '');
    const got = Object.fromEntries(m.resources('azurerm_monitor_diagnostic_setting').map((s) => [s.name, logsAuditEvents(s)]));
    expect(got).toEqual({ group: true, legacy_default_on: true, from_var: true, metrics: false, legacy_off: false, policy: false });
  });

  it('flattens known strings and leaves unknowns out', () => {
    expect(strings({ kind: 'list', items: [{ kind: 'string', value: 'a' }, { kind: 'unknown', reason: 'x', inputs: [], references: [] }, { kind: 'number', value: 22 }] })).toEqual(['a', '22']);
    expect(strings(undefined)).toEqual([]);
  });
});
