/**
 * Azure platform services: Container Registry anonymous pull, web application firewalls, Windows
 * update settings, custom owner roles, Cosmos DB keys, SQL Entra ID administrators, database geo
 * backups, TLS floors of messaging and gateway services, public network access of Data Factory and
 * other PaaS services.
 */
import type { Rule } from '../../../../src/model/rule.js';
import type { AttrResult, BlockView, ResourceInstance, Value } from '../../../../src/terraform/index.js';
import { STD, get, isAnySource, isOff, isOn, lower, strings, tfRule } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

// ------------------------------------------------------------------ Container Registry

const acrAnonymousPull = tfRule(
  {
    id: 'iac/azure-acr-anonymous-pull',
    title: 'Azure Container Registry allows anonymous pull',
    description:
      'With anonymous pull enabled, anyone who can reach a Standard or Premium registry can list and download every image in it without credentials, exposing application code, embedded configuration and anything mistakenly baked into a layer.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `anonymous_pull_enabled` to {{actual}}{{from}}: anyone can pull its images without credentials. Set it to false (the default) and give pullers the AcrPull role.',
    },
    remediation: 'Set `anonymous_pull_enabled = false` (or remove it) and grant the `AcrPull` role to the identities that pull images; publish genuinely public images to a public registry instead.',
    references: [REG + 'container_registry#anonymous_pull_enabled', 'https://learn.microsoft.com/en-us/azure/container-registry/anonymous-pull-access'],
    standards: STD.access(['CWE-284']),
    equivalents: { checkov: ['CKV_AZURE_138'] },
  },
  ['azurerm_container_registry'],
  (inst, r) => {
    if (lower(get(inst, 'sku')?.value) === 'basic') return; // not offered on Basic
    const a = get(inst, 'anonymous_pull_enabled');
    if (a && isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

// ------------------------------------------------------------------ Web application firewalls

const WAF_TYPES = ['azurerm_application_gateway', 'azurerm_web_application_firewall_policy', 'azurerm_frontdoor_firewall_policy', 'azurerm_cdn_frontdoor_firewall_policy'];

/** The switch and mode attributes of a WAF resource: `waf_configuration` on a gateway, `policy_settings` on a policy, top level on Front Door policies. */
function wafSettings(inst: ResourceInstance): { enabled?: AttrResult; mode?: AttrResult; path: string }[] {
  switch (inst.resourceType) {
    case 'azurerm_application_gateway':
      return inst.blocks('waf_configuration').map((b) => ({ enabled: get(b, 'enabled'), mode: get(b, 'firewall_mode'), path: 'waf_configuration' }));
    case 'azurerm_web_application_firewall_policy':
      return inst.blocks('policy_settings').map((b) => ({ enabled: get(b, 'enabled'), mode: get(b, 'mode'), path: 'policy_settings' }));
    default:
      return [{ enabled: get(inst, 'enabled'), mode: get(inst, 'mode'), path: '' }];
  }
}

const wafDisabled = tfRule(
  {
    id: 'iac/azure-waf-disabled',
    title: 'Azure web application firewall is switched off',
    description:
      'An Application Gateway WAF configuration or a WAF policy (Application Gateway or Front Door) with `enabled = false` inspects nothing: SQL injection, cross-site scripting and other OWASP attacks reach the application although a firewall appears to be configured.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: the web application firewall inspects no traffic. Set it to true.',
    },
    remediation: 'Set `enabled = true` on the WAF policy (`policy_settings { enabled = true }` on `azurerm_web_application_firewall_policy`, `waf_configuration { enabled = true }` on a WAF_v2 Application Gateway), in "Prevention" mode once tuned.',
    references: [REG + 'web_application_firewall_policy#enabled', REG + 'cdn_frontdoor_firewall_policy#enabled', 'https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/ag-overview'],
    standards: STD.network(['CWE-693']),
    equivalents: { checkov: ['CKV_AZURE_120', 'CKV_AZURE_122', 'CKV_AZURE_123'], kics: ['2e48d91c-50e4-45c8-9312-27b625868a72'] },
  },
  WAF_TYPES,
  (inst, r) => {
    for (const s of wafSettings(inst)) {
      if (s.enabled && isOff(s.enabled.value)) r.bad(inst, s.enabled, 'disabled', { attribute: s.path ? `${s.path}.enabled` : 'enabled' });
    }
  },
);

const wafDetection = tfRule(
  {
    id: 'iac/azure-waf-detection-mode',
    title: 'Azure web application firewall only detects attacks',
    description:
      'In "Detection" mode a web application firewall logs the attacks it recognises but lets them through to the application. Detection mode is meant for tuning a new policy; a production gateway or Front Door left in it gives no protection.',
    severity: 'low',
    messages: {
      detection: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: attacks are logged but not blocked. Switch to "Prevention" once false positives are tuned out.',
    },
    remediation: 'Set the mode to "Prevention" (`policy_settings { mode = "Prevention" }`, `mode = "Prevention"` on Front Door policies, `waf_configuration { firewall_mode = "Prevention" }`) after tuning exclusions in Detection mode.',
    references: [REG + 'web_application_firewall_policy#mode', 'https://learn.microsoft.com/en-us/azure/web-application-firewall/ag/ag-overview#waf-modes'],
    standards: STD.network(['CWE-693']),
    equivalents: {},
  },
  WAF_TYPES,
  (inst, r) => {
    for (const s of wafSettings(inst)) {
      if (s.enabled && isOff(s.enabled.value)) continue; // reported by iac/azure-waf-disabled
      if (s.mode && lower(s.mode.value) === 'detection') r.bad(inst, s.mode, 'detection', { attribute: s.path ? `${s.path}.${s.path === 'waf_configuration' ? 'firewall_mode' : 'mode'}` : 'mode' });
    }
  },
);

// ------------------------------------------------------------------ Virtual machines

const windowsUpdates = tfRule(
  {
    id: 'iac/azure-vm-automatic-updates',
    title: 'Azure Windows VM has automatic updates turned off',
    description:
      'A Windows virtual machine or scale set with automatic updates off installs security patches only when someone remembers to, so known vulnerabilities stay exploitable. Automatic updates are on by default; turning them off needs another patching process (Azure Update Manager) in its place.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: Windows does not install updates automatically. Set it to true, or patch through Azure Update Manager (`patch_mode = "AutomaticByPlatform"`).',
    },
    remediation: 'Remove the setting or set it to true (`automatic_updates_enabled` in azurerm 4.x, `enable_automatic_updates` in 3.x, `os_profile_windows_config { enable_automatic_upgrades = true }` on `azurerm_virtual_machine`), or use `patch_mode = "AutomaticByPlatform"` with Azure Update Manager.',
    references: [REG + 'windows_virtual_machine#automatic_updates_enabled', 'https://learn.microsoft.com/en-us/azure/virtual-machines/automatic-vm-guest-patching'],
    standards: STD.system(['CWE-1104']),
    equivalents: { checkov: ['CKV_AZURE_177'] },
  },
  ['azurerm_windows_virtual_machine', 'azurerm_windows_virtual_machine_scale_set', 'azurerm_virtual_machine'],
  (inst, r) => {
    const paths = inst.resourceType === 'azurerm_virtual_machine' ? ['os_profile_windows_config.enable_automatic_upgrades'] : ['automatic_updates_enabled', 'enable_automatic_updates'];
    for (const p of paths) {
      const a = get(inst, p);
      if (a && isOff(a.value)) r.bad(inst, a, 'disabled', { attribute: p });
    }
  },
);

// ------------------------------------------------------------------ Custom roles

/** A scope at or above a subscription: the root `/`, a subscription, a management group, or an `azurerm_subscription`'s id. */
function subscriptionLevel(v: Value): string | undefined {
  if (v.kind === 'reference') return v.type === 'azurerm_subscription' && v.attribute === 'id' ? v.address + '.id' : undefined;
  if (v.kind === 'list') {
    for (const i of v.items) {
      const s = subscriptionLevel(i);
      if (s) return s;
    }
    return undefined;
  }
  const s = v.kind === 'string' ? v.value.trim().replace(/\/+$/, '') : undefined;
  if (s === undefined) return undefined;
  if (s === '') return '/';
  if (/^\/subscriptions\/[^/]+$/i.test(s) || /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)) return s;
  return undefined;
}

const customOwnerRole = tfRule(
  {
    id: 'iac/azure-custom-role-wildcard',
    title: 'Azure custom role grants every action at subscription scope',
    description:
      'A custom role definition whose permissions allow `*` and which can be assigned at the root, a management group or a subscription is an Owner role under another name: whoever holds it can do anything, including granting access to others, and it escapes reviews that look for the built-in Owner role.',
    severity: 'medium',
    messages: {
      wildcard: '{{address}} allows every action (`*`){{from}} and is assignable at {{scope}}: it is a custom subscription owner role. List only the actions the role needs, or use a built-in role.',
    },
    remediation: 'Replace `actions = ["*"]` with the specific resource provider operations the role needs (or use a built-in role such as Contributor or Reader), and limit `assignable_scopes` to the resource groups where it is used.',
    references: [REG + 'role_definition', 'https://learn.microsoft.com/en-us/azure/role-based-access-control/custom-roles'],
    standards: STD.access(['CWE-269']),
    equivalents: { checkov: ['CKV_AZURE_39'], tfsec: ['azure-authorization-limit-role-actions'], trivy: ['AVD-AZU-0030'] },
  },
  ['azurerm_role_definition'],
  (inst, r) => {
    const scopes = get(inst, 'assignable_scopes') ?? get(inst, 'scope');
    const scope = scopes ? subscriptionLevel(scopes.value) : undefined;
    if (!scope) return;
    for (const p of inst.blocks('permissions')) {
      const a = get(p, 'actions');
      if (a && strings(a.value).some((x) => x.trim() === '*')) r.bad(inst, a, 'wildcard', { scope });
    }
  },
);

// ------------------------------------------------------------------ Cosmos DB

const cosmosLocalAuth = tfRule(
  {
    id: 'iac/azure-cosmosdb-local-auth',
    title: 'Azure Cosmos DB account accepts account keys',
    description:
      'Cosmos DB account keys give full read and write access to every database in the account. They are shared secrets that end up in configuration and pipelines, cannot be scoped or tied to a person, and are rarely rotated. Disabling local (key-based) authentication makes every data-plane request use Entra ID and role-based access.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not disable key-based authentication, so the account keys stay valid. Set `local_authentication_disabled = true` and use Entra ID role assignments.',
      enabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: the account keys stay valid. Disable key-based authentication and use Entra ID role assignments.',
    },
    remediation: 'Give the applications Cosmos DB data-plane role assignments on managed identities, then set `local_authentication_disabled = true` (NoSQL API accounts).',
    references: [REG + 'cosmosdb_account#local_authentication_disabled', 'https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-setup-rbac#disable-local-auth'],
    standards: STD.access(['CWE-798']),
    equivalents: { checkov: ['CKV_AZURE_140'] },
  },
  ['azurerm_cosmosdb_account'],
  (inst, r) => {
    // only the NoSQL API (kind GlobalDocumentDB, the default) supports Entra ID data-plane access
    const kind = get(inst, 'kind');
    if (kind && lower(kind.value) !== 'globaldocumentdb') return;
    const disabled = get(inst, 'local_authentication_disabled');
    const enabled = get(inst, 'local_authentication_enabled');
    if (disabled && isOff(disabled.value)) r.bad(inst, disabled, 'enabled', { attribute: 'local_authentication_disabled' });
    else if (enabled && isOn(enabled.value)) r.bad(inst, enabled, 'enabled', { attribute: 'local_authentication_enabled' });
    else if (!disabled && !enabled) r.missing(inst, 'missing');
  },
);

// ------------------------------------------------------------------ SQL Server

const sqlEntraAdmin = tfRule(
  {
    id: 'iac/azure-mssql-entra-admin',
    title: 'Azure SQL server has no Microsoft Entra ID administrator',
    description:
      'Without a Microsoft Entra ID (Azure AD) administrator, an Azure SQL server can only be administered with its SQL login and password, and database users cannot sign in with Entra identities, MFA or managed identities. Central identity management, Conditional Access and per-person auditing all need an Entra administrator.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `azuread_administrator` block and no `azurerm_sql_active_directory_administrator` for it; configure a Microsoft Entra ID administrator (a group), ideally with `azuread_authentication_only = true`.',
    },
    remediation: 'Add `azuread_administrator { login_username = "<group name>", object_id = "<group object id>", azuread_authentication_only = true }` to the server (or an `azurerm_sql_active_directory_administrator` for the legacy `azurerm_sql_server`).',
    references: [REG + 'mssql_server#azuread_administrator', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/authentication-aad-configure'],
    standards: STD.access(['CWE-287']),
    equivalents: { checkov: ['CKV2_AZURE_7'], kics: ['a3a055d2-9a2e-4cc9-b9fb-12850a1a3a4b'] },
  },
  ['azurerm_mssql_server', 'azurerm_sql_server'],
  (inst, r) => {
    if (inst.blocks('azuread_administrator').length) return;
    if (inst.module.findReferencing('azurerm_sql_active_directory_administrator', 'server_name', inst).length) return;
    r.missing(inst, 'missing');
  },
);

// ------------------------------------------------------------------ Database backups

const geoBackup = tfRule(
  {
    id: 'iac/azure-database-geo-redundant-backup',
    title: 'Azure PostgreSQL/MySQL server backups are not geo-redundant',
    description:
      'By default PostgreSQL and MySQL server backups are kept only in the server\'s own region. If the region is lost, so are the backups. Geo-redundant backup storage keeps a copy in the paired region so the database can be restored there. It can only be chosen when the server is created.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not set `geo_redundant_backup_enabled` (default false): backups stay in one region. Set it to true when the server is created.',
      disabled: '{{address}} sets `geo_redundant_backup_enabled` to {{actual}}{{from}}: backups stay in one region. Set it to true when the server is created.',
    },
    remediation: 'Set `geo_redundant_backup_enabled = true` (a create-time choice: plan a restore into a new server to change it), or record why single-region backups meet the service\'s recovery objectives.',
    references: [REG + 'postgresql_flexible_server#geo_redundant_backup_enabled', 'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore#geo-redundant-backup-and-restore'],
    standards: STD.resilience(),
    equivalents: { checkov: ['CKV_AZURE_136', 'CKV_AZURE_102', 'CKV_AZURE_94'] },
  },
  ['azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server', 'azurerm_postgresql_server', 'azurerm_mysql_server', 'azurerm_mariadb_server'],
  (inst, r) => {
    // replicas take their backups from the primary and cannot enable geo-redundant backup
    const mode = lower(get(inst, 'create_mode')?.value);
    if (mode === 'replica') return;
    const a = get(inst, 'geo_redundant_backup_enabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOff(a.value)) r.bad(inst, a, 'disabled');
  },
);

// ------------------------------------------------------------------ TLS floors

interface TlsSetting {
  path: string;
  weak: string[];
  expected: string;
}

const TLS_SETTINGS: Record<string, TlsSetting[]> = {
  azurerm_servicebus_namespace: [{ path: 'minimum_tls_version', weak: ['1.0', '1.1'], expected: '1.2' }],
  azurerm_eventhub_namespace: [{ path: 'minimum_tls_version', weak: ['1.0', '1.1'], expected: '1.2' }],
  azurerm_mssql_managed_instance: [{ path: 'minimum_tls_version', weak: ['1.0', '1.1'], expected: '1.2' }],
  azurerm_cosmosdb_account: [{ path: 'minimal_tls_version', weak: ['tls', 'tls11'], expected: 'Tls12' }],
  azurerm_application_gateway: [
    { path: 'ssl_policy.min_protocol_version', weak: ['tlsv1_0', 'tlsv1_1'], expected: 'TLSv1_2' },
    { path: 'ssl_policy.policy_name', weak: ['appgwsslpolicy20150501', 'appgwsslpolicy20170401'], expected: 'AppGwSslPolicy20220101 (or 20170401S)' },
  ],
};

const serviceMinTls = tfRule(
  {
    id: 'iac/azure-service-min-tls',
    title: 'Azure Service Bus, Event Hubs, Cosmos DB, SQL Managed Instance or Application Gateway allows TLS below 1.2',
    description:
      'TLS 1.0 and 1.1 have known weaknesses, are retired across Azure and are not accepted by UK government guidance. A Service Bus or Event Hubs namespace, Cosmos DB account, SQL Managed Instance or Application Gateway SSL policy whose minimum TLS version is below 1.2 lets clients negotiate them.',
    severity: 'medium',
    messages: {
      weak: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}, which allows TLS below 1.2; expected "{{expected}}".',
    },
    remediation: 'Set `minimum_tls_version = "1.2"` (Service Bus, Event Hubs, SQL Managed Instance), `minimal_tls_version = "Tls12"` (Cosmos DB), and on Application Gateway an `ssl_policy` with `policy_name = "AppGwSslPolicy20220101"` or `min_protocol_version = "TLSv1_2"`; or remove the setting where 1.2 is the default.',
    references: [REG + 'servicebus_namespace#minimum_tls_version', REG + 'application_gateway#ssl_policy', 'https://learn.microsoft.com/en-us/azure/application-gateway/application-gateway-ssl-policy-overview'],
    standards: STD.transit(['CWE-326']),
    equivalents: { checkov: ['CKV_AZURE_205', 'CKV_AZURE_215'] },
  },
  Object.keys(TLS_SETTINGS),
  (inst, r) => {
    for (const s of TLS_SETTINGS[inst.resourceType] ?? []) {
      const a = get(inst, s.path);
      const v = lower(a?.value);
      if (a && v !== undefined && s.weak.includes(v.trim())) r.bad(inst, a, 'weak', { attribute: s.path, expected: s.expected });
    }
  },
);

// ------------------------------------------------------------------ Data Factory

const dataFactoryPublic = tfRule(
  {
    id: 'iac/azure-data-factory-public-access',
    title: 'Azure Data Factory is reachable from public networks',
    description:
      'A Data Factory with public network access enabled (the default) accepts authoring and integration runtime traffic from the internet. Data Factory orchestrates copies of an organisation\'s data and holds linked-service credentials, so its endpoint should be reachable only through private endpoints.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not set `public_network_enabled`, which defaults to true: the factory is reachable from public networks. Set it to false and use private endpoints.',
      enabled: '{{address}} sets `public_network_enabled` to {{actual}}{{from}}; set it to false and use private endpoints.',
    },
    remediation: 'Set `public_network_enabled = false`, use a managed virtual network (`managed_virtual_network_enabled = true`) and private endpoints for the factory and its data stores.',
    references: [REG + 'data_factory#public_network_enabled', 'https://learn.microsoft.com/en-us/azure/data-factory/data-factory-private-link'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_104'], tfsec: ['azure-datafactory-no-public-access'], trivy: ['AVD-AZU-0035'] },
  },
  ['azurerm_data_factory'],
  (inst, r) => {
    const a = get(inst, 'public_network_enabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

// ------------------------------------------------------------------ Public network access of PaaS services

interface PublicService {
  /** What the service is called in messages. */
  service: string;
  /** How to restrict it instead of disabling public access. */
  restrict: string;
  /** True when the resource limits who can connect (deny-by-default rules, an IP allow list); unknown counts as limited. */
  limited: (inst: ResourceInstance) => boolean;
  /** SKUs (lower case) on which public access cannot be turned off or limited: not judged. */
  skipSkus?: string[];
}

/** Network rule blocks of which one denies by default (or whose default action, or expansion, is not known). */
function deniesByDefault(views: BlockView[]): boolean {
  return views.some((v) => {
    if (!v.expansionKnown) return true;
    const a = get(v, 'default_action');
    return !!a && lower(a.value) !== 'allow';
  });
}

/** An IP allow list with at least one entry narrower than "anywhere" (or not known). */
function allowList(a: AttrResult | undefined): boolean {
  if (!a) return false;
  if (!a.known || a.value.kind !== 'list') return !a.known;
  if (a.value.items.some((i) => i.kind !== 'string')) return true;
  const items = strings(a.value).map((x) => x.trim());
  return items.length > 0 && !items.some((x) => isAnySource(x));
}

const PUBLIC_SERVICES: Record<string, PublicService> = {
  azurerm_search_service: {
    service: 'search service',
    restrict: 'list the client ranges in `allowed_ips`',
    limited: (inst) => allowList(get(inst, 'allowed_ips')),
    // the Free tier has neither IP rules nor private endpoints
    skipSkus: ['free'],
  },
  azurerm_cognitive_account: {
    service: 'Cognitive Services account',
    restrict: 'add `network_acls { default_action = "Deny" ... }`',
    limited: (inst) => deniesByDefault(inst.blocks('network_acls')),
  },
  azurerm_eventgrid_topic: {
    service: 'Event Grid topic',
    restrict: 'add `inbound_ip_rule` blocks for the publishers',
    limited: (inst) => inst.blocks('inbound_ip_rule').length > 0,
  },
  azurerm_eventgrid_domain: {
    service: 'Event Grid domain',
    restrict: 'add `inbound_ip_rule` blocks for the publishers',
    limited: (inst) => inst.blocks('inbound_ip_rule').length > 0,
  },
  azurerm_servicebus_namespace: {
    service: 'Service Bus namespace',
    restrict: 'add `network_rule_set { default_action = "Deny" ... }`',
    limited: (inst) =>
      deniesByDefault(inst.blocks('network_rule_set')) ||
      // azurerm 3.x also takes the switch inside the block
      inst.blocks('network_rule_set').some((b) => {
        const p = get(b, 'public_network_access_enabled');
        return !!p && !isOn(p.value);
      }) ||
      inst.module.findReferencing('azurerm_servicebus_namespace_network_rule_set', 'namespace_id', inst).length > 0,
    // network rules and private endpoints are Premium features
    skipSkus: ['basic', 'standard'],
  },
  azurerm_eventhub_namespace: {
    service: 'Event Hubs namespace',
    restrict: 'add `network_rulesets { default_action = "Deny" ... }`',
    limited: (inst) => deniesByDefault(inst.blocks('network_rulesets')),
    // the Basic tier has neither IP rules nor private endpoints
    skipSkus: ['basic'],
  },
};

const servicePublicAccess = tfRule(
  {
    id: 'iac/azure-service-public-network-access',
    title: 'Azure PaaS service is open to all networks',
    description:
      'A Cognitive Services (Azure OpenAI, AI services) account, AI Search service, Event Grid topic or domain, Premium Service Bus namespace or Event Hubs namespace with public network access on (the default for all of them) and no network rules accepts connections from any address on the internet, leaving only keys or tokens to protect it. Private endpoints, or deny-by-default network rules, keep it off the internet.',
    severity: 'low',
    messages: {
      missing: '{{address}} leaves public network access on (the default) with no network restriction, so the {{service}} accepts connections from any address. Set `public_network_access_enabled = false` and use private endpoints, or {{restrict}}.',
      enabled: '{{address}} sets `public_network_access_enabled` to {{actual}}{{from}} with no network restriction, so the {{service}} accepts connections from any address. Set it to false and use private endpoints, or {{restrict}}.',
    },
    remediation: 'Set `public_network_access_enabled = false` and reach the service through an `azurerm_private_endpoint`, or restrict it: `network_acls`/`network_rule_set`/`network_rulesets` with `default_action = "Deny"`, `allowed_ips` on AI Search, `inbound_ip_rule` on Event Grid.',
    references: [REG + 'cognitive_account#public_network_access_enabled', REG + 'search_service#public_network_access_enabled', 'https://learn.microsoft.com/en-us/azure/ai-services/cognitive-services-virtual-networks'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_134', 'CKV_AZURE_124', 'CKV_AZURE_106', 'CKV_AZURE_204'], kics: ['4a9e0f00-0765-4f72-a0d4-d31110b78279'] },
  },
  Object.keys(PUBLIC_SERVICES),
  (inst, r) => {
    const spec = PUBLIC_SERVICES[inst.resourceType];
    if (!spec) return;
    if (spec.skipSkus) {
      const sku = get(inst, 'sku');
      const v = lower(sku?.value);
      if (!sku || v === undefined || spec.skipSkus.includes(v)) return;
    }
    const a = get(inst, 'public_network_access_enabled');
    if (a && !isOn(a.value)) return; // off, or not known
    if (spec.limited(inst)) return;
    if (a) r.bad(inst, a, 'enabled', { service: spec.service, restrict: spec.restrict });
    else r.missing(inst, 'missing', { service: spec.service, restrict: spec.restrict });
  },
);

export const servicesRules: Rule[] = [
  acrAnonymousPull,
  wafDisabled,
  wafDetection,
  windowsUpdates,
  customOwnerRole,
  cosmosLocalAuth,
  sqlEntraAdmin,
  geoBackup,
  serviceMinTls,
  dataFactoryPublic,
  servicePublicAccess,
];
