import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, isOn, lower, tfRule } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';
const REDIS = 'azurerm_redis_cache';

const redisTransport = tfRule(
  {
    id: 'iac/azure-redis-insecure-transport',
    title: 'Azure Cache for Redis accepts unencrypted or weak-TLS connections',
    description:
      'With the non-SSL port (6379) enabled, clients can talk to Azure Cache for Redis in clear text, so the access key sent by AUTH and every cached value can be read or altered on the network path. A minimum TLS version below 1.2 lets clients negotiate TLS 1.0/1.1, which have known weaknesses and are being retired by Azure. Both are off by default in azurerm 3.x and later; setting them is a choice to undo.',
    severity: 'medium',
    messages: {
      nonSsl: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: the cache accepts unencrypted connections on port 6379. Expected false (the default); connect over TLS on port 6380.',
      weakTls: '{{address}} sets `minimum_tls_version` to {{actual}}{{from}}; expected "1.2" (the default from azurerm 3.0).',
    },
    remediation: 'Remove `non_ssl_port_enabled` (azurerm 4.x; `enable_non_ssl_port` in 3.x) or set it to false, and set `minimum_tls_version = "1.2"` (or leave it unset on azurerm 3.x and later).',
    references: [REG + 'redis_cache#non_ssl_port_enabled', 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-remove-tls-10-11'],
    standards: STD.transit(['CWE-319']),
    equivalents: { checkov: ['CKV_AZURE_91', 'CKV_AZURE_148'], kics: ['e29a75e6-aba3-4896-b42d-b87818c16b58', 'e22e5620-3679-418e-bb74-c9f71731ab0f'] },
  },
  [REDIS],
  (inst, r) => {
    for (const name of ['non_ssl_port_enabled', 'enable_non_ssl_port']) {
      const a = get(inst, name);
      if (a && isOn(a.value)) r.bad(inst, a, 'nonSsl', { attribute: name });
    }
    const tls = get(inst, 'minimum_tls_version');
    const v = lower(tls?.value);
    if (tls && (v === '1.0' || v === '1.1')) r.bad(inst, tls, 'weakTls');
  },
);

const redisPublic = tfRule(
  {
    id: 'iac/azure-redis-public-access',
    title: 'Azure Cache for Redis is open to the internet',
    description:
      'An Azure Cache for Redis with public network access (the default) and no firewall rule accepts connections from any address on the internet, leaving only the access key between an attacker and the cached data (often sessions and tokens). A firewall rule from 0.0.0.0 to 255.255.255.255 has the same effect. Private endpoints, or firewall rules naming the clients, keep the cache off the open internet.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `public_network_access_enabled` to {{actual}}{{from}} and has no `azurerm_redis_firewall_rule`, so any address can connect. Set it to false and use a private endpoint, or add firewall rules for the clients.',
      missing: '{{address}} does not set `public_network_access_enabled` (default true) and has no `azurerm_redis_firewall_rule`, so any address can connect. Set it to false and use a private endpoint, or add firewall rules for the clients.',
      allIps: '{{address}} allows every IP address ({{start}} to {{actual}}{{from}}) to reach the cache; allow only the clients\' address ranges.',
    },
    remediation: 'Set `public_network_access_enabled = false` and connect through an `azurerm_private_endpoint`, or add `azurerm_redis_firewall_rule` resources for the client address ranges (never 0.0.0.0–255.255.255.255).',
    references: [REG + 'redis_cache#public_network_access_enabled', REG + 'redis_firewall_rule', 'https://learn.microsoft.com/en-us/azure/azure-cache-for-redis/cache-private-link'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_89'] },
  },
  [REDIS, 'azurerm_redis_firewall_rule'],
  (inst, r) => {
    if (inst.resourceType === 'azurerm_redis_firewall_rule') {
      const start = get(inst, 'start_ip');
      const end = get(inst, 'end_ip');
      if (!start || !end || start.value.kind !== 'string' || end.value.kind !== 'string') return;
      if (start.value.value.trim() === '0.0.0.0' && end.value.value.trim() === '255.255.255.255') r.bad(inst, end, 'allIps', { start: start.value.value });
      return;
    }
    // a cache injected into a virtual network has no public endpoint
    if (get(inst, 'subnet_id')) return;
    const a = get(inst, 'public_network_access_enabled');
    if (a && !isOn(a.value)) return; // false, or not known
    if (inst.module.findReferencing('azurerm_redis_firewall_rule', 'redis_cache_name', inst).length) return;
    if (!a) r.missing(inst, 'missing');
    else r.bad(inst, a, 'enabled');
  },
);

export const redisRules: Rule[] = [redisTransport, redisPublic];
