import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, isOff, isOn, lower, tfRule } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';
const SINGLE_SERVERS = ['azurerm_postgresql_server', 'azurerm_mysql_server', 'azurerm_mariadb_server'];
const FLEXIBLE_SERVERS = ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server'];
const FLEXIBLE_TLS_CONFIGS = ['azurerm_mysql_flexible_server_configuration', 'azurerm_postgresql_flexible_server_configuration'];

const mssqlPublic = tfRule(
  {
    id: 'iac/azure-mssql-public-network-access',
    title: 'Azure SQL server is reachable from public networks',
    description:
      'An Azure SQL logical server with public network access enabled (the default) has an endpoint on the internet, protected only by server firewall rules and credentials. Disabling public network access and connecting through private endpoints keeps the database off the internet altogether.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `public_network_access_enabled` to {{actual}}{{from}}; expected false, with clients connecting through private endpoints.',
      missing: '{{address}} does not set `public_network_access_enabled`, which defaults to true: the server has a public endpoint. Set it to false and use private endpoints.',
    },
    remediation: 'Set `public_network_access_enabled = false` on `azurerm_mssql_server` and connect through an `azurerm_private_endpoint`.',
    references: [REG + 'mssql_server', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#deny-public-network-access'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_113'] },
  },
  ['azurerm_mssql_server'],
  (inst, r) => {
    const a = get(inst, 'public_network_access_enabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

const dbMinTls = tfRule(
  {
    id: 'iac/azure-database-min-tls',
    title: 'Azure database server allows TLS below 1.2',
    description:
      'TLS 1.0 and 1.1 have known weaknesses and are retired across Azure. A database server whose minimum TLS version is below 1.2 (including a flexible server whose `tls_version` or `ssl_min_protocol_version` parameter allows TLSv1 or TLSv1.1), or whose TLS enforcement is disabled, lets clients connect with weak or no transport encryption.',
    severity: 'medium',
    messages: {
      weak: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}; expected "{{expected}}".',
    },
    remediation: 'Set `minimum_tls_version = "1.2"` on `azurerm_mssql_server`, and `ssl_minimal_tls_version_enforced = "TLS1_2"` on PostgreSQL, MySQL and MariaDB single servers (both are the defaults in azurerm 3.x and later); on flexible servers leave the `tls_version` (MySQL) or `ssl_min_protocol_version` (PostgreSQL) server parameter at its TLS 1.2 default, or set it to "TLSv1.2" or later.',
    references: [REG + 'mssql_server#minimum_tls_version', REG + 'mysql_flexible_server_configuration', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings#minimal-tls-version', 'https://learn.microsoft.com/en-us/azure/mysql/flexible-server/concepts-networking#tls-and-ssl'],
    standards: STD.transit(['CWE-326']),
    equivalents: { checkov: ['CKV_AZURE_52'], tfsec: ['azure-database-secure-tls-policy'], trivy: ['AVD-AZU-0026'] },
  },
  ['azurerm_mssql_server', ...SINGLE_SERVERS, ...FLEXIBLE_TLS_CONFIGS],
  (inst, r) => {
    if (FLEXIBLE_TLS_CONFIGS.includes(inst.resourceType)) {
      // flexible servers take their TLS floor from a server parameter: MySQL `tls_version` (a list of
      // allowed versions), PostgreSQL `ssl_min_protocol_version`
      const param = lower(get(inst, 'name')?.value);
      if (param !== 'tls_version' && param !== 'ssl_min_protocol_version') return;
      const a = get(inst, 'value');
      const v = lower(a?.value);
      if (!a || v === undefined) return;
      const versions = v.split(',').map((x) => x.trim());
      if (versions.some((x) => x === 'tlsv1' || x === 'tlsv1.0' || x === 'tlsv1.1')) r.bad(inst, a, 'weak', { attribute: param, expected: 'TLSv1.2' });
      return;
    }
    if (inst.resourceType === 'azurerm_mssql_server') {
      const a = get(inst, 'minimum_tls_version');
      const v = lower(a?.value);
      if (a && (v === '1.0' || v === '1.1' || v === 'disabled')) r.bad(inst, a, 'weak', { attribute: 'minimum_tls_version', expected: '1.2' });
      return;
    }
    const a = get(inst, 'ssl_minimal_tls_version_enforced');
    const v = lower(a?.value);
    if (a && (v === 'tls1_0' || v === 'tls1_1' || v === 'tlsenforcementdisabled')) r.bad(inst, a, 'weak', { attribute: 'ssl_minimal_tls_version_enforced', expected: 'TLS1_2' });
  },
);

const FIREWALL_TYPES = [
  'azurerm_mssql_firewall_rule',
  'azurerm_sql_firewall_rule',
  'azurerm_postgresql_firewall_rule',
  'azurerm_mysql_firewall_rule',
  'azurerm_mariadb_firewall_rule',
  'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_mysql_flexible_server_firewall_rule',
  'azurerm_synapse_firewall_rule',
];

const firewallAll = tfRule(
  {
    id: 'iac/azure-sql-firewall-all-ips',
    title: 'Azure database firewall rule allows every IP address',
    description:
      'A database server firewall rule from 0.0.0.0 to 255.255.255.255 lets any host on the internet connect to the database endpoint, leaving only credentials to protect the data. Rules should name the client address ranges that need access.',
    severity: 'high',
    messages: {
      all: '{{address}} allows every IP address ({{start}} to {{actual}}{{from}}); allow only the address ranges that need access, or use private endpoints.',
    },
    remediation: 'Replace the rule with rules for the specific client ranges that need access, or disable public network access and connect through private endpoints.',
    references: [REG + 'mssql_firewall_rule', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_11'], tfsec: ['azure-database-no-public-firewall-access'], trivy: ['AVD-AZU-0029'], kics: ['25c0ea09-f1c5-4380-b055-3b83863f2bb8'] },
  },
  FIREWALL_TYPES,
  (inst, r) => {
    const start = get(inst, 'start_ip_address');
    const end = get(inst, 'end_ip_address');
    if (!start || !end || start.value.kind !== 'string' || end.value.kind !== 'string') return;
    if (start.value.value.trim() === '0.0.0.0' && end.value.value.trim() === '255.255.255.255') r.bad(inst, end, 'all', { start: start.value.value });
  },
);

const mssqlAuditing = tfRule(
  {
    id: 'iac/azure-mssql-auditing',
    title: 'Azure SQL server auditing is not enabled',
    description:
      'SQL auditing records database events (logins, queries, permission changes) to storage, Log Analytics or Event Hubs. Without it there is no trail to detect misuse of the database or investigate an incident.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no auditing: add an `azurerm_mssql_server_extended_auditing_policy` for the server (or an `extended_auditing_policy` block).',
      disabled: '{{address}} sets auditing `enabled` to {{actual}}{{from}}; expected true.',
    },
    remediation: 'Add `azurerm_mssql_server_extended_auditing_policy` with `server_id = azurerm_mssql_server.<name>.id`, sending audit logs to a storage account or Log Analytics workspace with at least 90 days retention.',
    references: [REG + 'mssql_server_extended_auditing_policy', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview'],
    standards: STD.logging(),
    equivalents: { checkov: ['CKV_AZURE_23'], tfsec: ['azure-database-enable-audit'], trivy: ['AVD-AZU-0027'], kics: ['609839ae-bd81-4375-9910-5bce72ae7b92', 'f7e296b0-6660-4bc5-8f87-22ac4a815edf'] },
  },
  ['azurerm_mssql_server', 'azurerm_sql_server', 'azurerm_mssql_server_extended_auditing_policy'],
  (inst, r) => {
    if (inst.resourceType === 'azurerm_mssql_server_extended_auditing_policy') {
      const a = get(inst, 'enabled');
      if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
      return;
    }
    const inline = inst.blocks('extended_auditing_policy');
    for (const b of inline) {
      const a = get(b, 'enabled');
      if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    }
    if (inline.length) return;
    if (inst.module.findReferencing('azurerm_mssql_server_extended_auditing_policy', 'server_id', inst).length) return;
    if (inst.module.findReferencing('azurerm_sql_server_extended_auditing_policy', 'server_id', inst).length) return;
    r.missing(inst, 'missing');
  },
);

const CONFIG_TYPES = ['azurerm_postgresql_flexible_server_configuration', 'azurerm_mysql_flexible_server_configuration', 'azurerm_postgresql_configuration', 'azurerm_mysql_configuration'];

const sslEnforcement = tfRule(
  {
    id: 'iac/azure-database-ssl-enforcement',
    title: 'Azure PostgreSQL/MySQL server does not require TLS',
    description:
      'With SSL enforcement disabled (`ssl_enforcement_enabled = false` on single servers, or `ssl_enforcement = "Disabled"` in azurerm 1.x; `require_secure_transport = off` on flexible servers) clients can connect without encryption, exposing credentials and query results to anyone on the network path.',
    severity: 'high',
    messages: {
      disabled: '{{address}} sets `ssl_enforcement_enabled` to {{actual}}{{from}}: clients may connect without TLS. Expected true.',
      legacy: '{{address}} sets `ssl_enforcement` to {{actual}}{{from}}: clients may connect without TLS. Expected "Enabled" (or `ssl_enforcement_enabled = true` in azurerm 2.0 and later).',
      config: '{{address}} sets `require_secure_transport` to {{actual}}{{from}}: clients may connect without TLS. Expected "on" (the default).',
    },
    remediation: 'Set `ssl_enforcement_enabled = true` on single servers, and remove (or set to "on") any `require_secure_transport` server configuration on flexible servers.',
    references: [REG + 'postgresql_flexible_server_configuration', 'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls'],
    standards: STD.transit(),
    equivalents: { checkov: ['CKV_AZURE_28', 'CKV_AZURE_29'], tfsec: ['azure-database-enable-ssl-enforcement'], trivy: ['AVD-AZU-0020'], kics: ['0437633b-daa6-4bbc-8526-c0d2443b946e', '73e42469-3a86-4f39-ad78-098f325b4e9f'] },
  },
  [...SINGLE_SERVERS, ...CONFIG_TYPES],
  (inst, r) => {
    if (CONFIG_TYPES.includes(inst.resourceType)) {
      if (lower(get(inst, 'name')?.value) !== 'require_secure_transport') return;
      const a = get(inst, 'value');
      const v = lower(a?.value);
      if (a && (v === 'off' || v === 'false' || v === '0')) r.bad(inst, a, 'config');
      return;
    }
    const a = get(inst, 'ssl_enforcement_enabled');
    if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    // azurerm 1.x spelling: ssl_enforcement = "Enabled" | "Disabled"
    const legacy = get(inst, 'ssl_enforcement');
    if (legacy && lower(legacy.value) === 'disabled') r.bad(inst, legacy, 'legacy');
  },
);

const dbPublic = tfRule(
  {
    id: 'iac/azure-database-public-network-access',
    title: 'Azure PostgreSQL/MySQL/MariaDB server is reachable from public networks',
    description:
      'A PostgreSQL, MySQL or MariaDB server with public network access has an endpoint on the internet protected only by firewall rules and credentials. Single servers enable it by default. Private access (VNet integration or private endpoints) keeps the database off the internet.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `public_network_access_enabled` to {{actual}}{{from}}; expected false, with private access through VNet integration or private endpoints.',
      missing: '{{address}} does not set `public_network_access_enabled`, which defaults to true for single servers; set it to false and use private endpoints.',
    },
    remediation: 'Set `public_network_access_enabled = false` and use VNet integration (`delegated_subnet_id`) or private endpoints for flexible servers, or private endpoints for single servers.',
    references: [REG + 'postgresql_flexible_server', 'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_68', 'CKV_AZURE_53'], tfsec: ['azure-database-no-public-access'], trivy: ['AVD-AZU-0022'] },
  },
  [...SINGLE_SERVERS, ...FLEXIBLE_SERVERS],
  (inst, r) => {
    const a = get(inst, 'public_network_access_enabled');
    if (a && isOn(a.value)) r.bad(inst, a, 'enabled');
    else if (!a && SINGLE_SERVERS.includes(inst.resourceType)) r.missing(inst, 'missing');
  },
);

export const databaseRules: Rule[] = [mssqlPublic, dbMinTls, firewallAll, mssqlAuditing, sslEnforcement, dbPublic];
