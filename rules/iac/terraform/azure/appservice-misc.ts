import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, isOff, isOn, lower, strings, tfRule } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

// ------------------------------------------------------------------ App Service

/** Every App Service and Function App resource (apps and slots, current and legacy). */
export const WEB_APPS = [
  'azurerm_linux_web_app',
  'azurerm_windows_web_app',
  'azurerm_linux_web_app_slot',
  'azurerm_windows_web_app_slot',
  'azurerm_linux_function_app',
  'azurerm_windows_function_app',
  'azurerm_linux_function_app_slot',
  'azurerm_windows_function_app_slot',
  'azurerm_app_service',
  'azurerm_app_service_slot',
  'azurerm_function_app',
  'azurerm_function_app_slot',
];
/** The pre-3.0 App Service resources (deprecated, removed in azurerm 4.0), whose site_config defaults are Azure's. */
export const LEGACY_WEB_APPS = new Set(['azurerm_app_service', 'azurerm_app_service_slot', 'azurerm_function_app', 'azurerm_function_app_slot']);

const httpsOnly = tfRule(
  {
    id: 'iac/azure-app-service-https-only',
    title: 'Azure App Service accepts plain HTTP',
    description:
      'Unless `https_only` is true, an App Service or Function App serves requests over plain HTTP as well as HTTPS, so session cookies, credentials and personal data can be read or altered in transit and users are not redirected to HTTPS. The provider default is false.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets `https_only` to {{actual}}{{from}}: the app serves plain HTTP. Expected true.',
      missing: '{{address}} does not set `https_only` (default false): the app serves plain HTTP. Set `https_only = true`.',
    },
    remediation: 'Set `https_only = true` so App Service redirects HTTP requests to HTTPS.',
    references: [REG + 'linux_web_app#https_only', 'https://learn.microsoft.com/en-us/azure/app-service/configure-ssl-bindings#enforce-https'],
    standards: STD.transit(),
    equivalents: { checkov: ['CKV_AZURE_14', 'CKV_AZURE_70'], tfsec: ['azure-appservice-enforce-https'], trivy: ['AVD-AZU-0004'], kics: ['11e9a948-c6c3-4a0f-8dcf-b5cf1763cdbe'] },
  },
  WEB_APPS,
  (inst, r) => {
    const a = get(inst, 'https_only');
    if (!a) r.missing(inst, 'missing');
    else if (isOff(a.value)) r.bad(inst, a, 'disabled');
  },
);

const minTls = tfRule(
  {
    id: 'iac/azure-app-service-min-tls',
    title: 'Azure App Service allows TLS 1.0 or 1.1',
    description:
      'TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by UK government guidance. An App Service whose minimum TLS version (for the app or its SCM/Kudu site) is below 1.2 lets clients negotiate them.',
    severity: 'medium',
    messages: {
      weak: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}; expected "1.2" or later (the default).',
    },
    remediation: 'Set `site_config { minimum_tls_version = "1.2" }` (and `scm_minimum_tls_version`), or remove them (1.2 is the default); legacy `azurerm_app_service` uses `site_config { min_tls_version = "1.2" }`.',
    references: [REG + 'linux_web_app#minimum_tls_version', 'https://learn.microsoft.com/en-us/azure/app-service/overview-tls'],
    standards: STD.transit(['CWE-326']),
    equivalents: { checkov: ['CKV_AZURE_15', 'CKV_AZURE_145'], tfsec: ['azure-appservice-use-secure-tls-policy'], trivy: ['AVD-AZU-0006'], kics: ['b7b9d1c7-2d3b-49b4-b867-ebbe68d0b643'] },
  },
  WEB_APPS,
  (inst, r) => {
    for (const sc of inst.blocks('site_config')) {
      for (const name of ['minimum_tls_version', 'scm_minimum_tls_version', 'min_tls_version']) {
        const a = get(sc, name);
        const v = lower(a?.value);
        if (a && (v === '1.0' || v === '1.1')) r.bad(inst, a, 'weak', { attribute: `site_config.${name}` });
      }
    }
  },
);

const ftps = tfRule(
  {
    id: 'iac/azure-app-service-ftp',
    title: 'Azure App Service allows unencrypted FTP deployment',
    description:
      'With `ftps_state = "AllAllowed"` the app accepts deployments over plain FTP, sending deployment credentials and code unencrypted. FTP deployment should be disabled, or limited to FTPS. The current resources (`azurerm_linux_web_app`, `azurerm_windows_function_app`, …) default to "Disabled"; the legacy `azurerm_app_service`, `azurerm_function_app` and their slots leave it to Azure, whose default is "AllAllowed", so on those an unset `ftps_state` is reported too.',
    severity: 'medium',
    messages: {
      allowed: '{{address}} sets `site_config.ftps_state` to {{actual}}{{from}}: plain FTP is accepted. Expected "Disabled" (or "FtpsOnly").',
      legacyDefault: '{{address}} does not set `site_config.ftps_state`; for {{type}} the default is "AllAllowed", so plain FTP is accepted. Set `ftps_state = "Disabled"` (or "FtpsOnly").',
    },
    remediation: 'Set `site_config { ftps_state = "Disabled" }` (or "FtpsOnly") and deploy with CI/CD (zip deploy, containers) instead of FTP.',
    references: [REG + 'linux_web_app#ftps_state', REG + 'function_app#ftps_state', 'https://learn.microsoft.com/en-us/azure/app-service/deploy-ftp#enforce-ftps'],
    standards: STD.transit(),
    equivalents: { checkov: ['CKV_AZURE_78'], kics: ['85da374f-b00f-4832-9d44-84a1ca1e89f8'] },
  },
  WEB_APPS,
  (inst, r) => {
    const configs = inst.blocks('site_config');
    for (const sc of configs) {
      const a = get(sc, 'ftps_state');
      if (a && lower(a.value) === 'allallowed') r.bad(inst, a, 'allowed');
    }
    // the legacy resources take Azure's default ("AllAllowed") when ftps_state is not written
    if (LEGACY_WEB_APPS.has(inst.resourceType) && configs.every((sc) => sc.expansionKnown && !get(sc, 'ftps_state'))) {
      r.missing(inst, 'legacyDefault', { type: inst.resourceType });
    }
  },
);

const remoteDebug = tfRule(
  {
    id: 'iac/azure-app-service-remote-debugging',
    title: 'Azure App Service has remote debugging enabled',
    description:
      'Remote debugging opens extra inbound ports on the app and lets a debugger attach to the running process; left on, it widens the attack surface of a production service. It should be turned on only briefly when needed.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `site_config.remote_debugging_enabled` to {{actual}}{{from}}; expected false.',
    },
    remediation: 'Remove `remote_debugging_enabled` from `site_config` or set it to false.',
    references: [REG + 'linux_web_app#remote_debugging_enabled', 'https://learn.microsoft.com/en-us/visualstudio/debugger/remote-debugging-azure-app-service'],
    standards: STD.system(['CWE-489']),
    equivalents: { checkov: ['CKV_AZURE_72'], kics: ['7e806c88-dafa-4c29-b859-f9fca7ad2fae'] },
  },
  WEB_APPS,
  (inst, r) => {
    for (const sc of inst.blocks('site_config')) {
      const a = get(sc, 'remote_debugging_enabled');
      if (a && isOn(a.value)) r.bad(inst, a, 'enabled');
    }
  },
);

// ------------------------------------------------------------------ Monitor

const logProfile = tfRule(
  {
    id: 'iac/azure-monitor-log-profile',
    title: 'Azure activity log profile keeps too little',
    description:
      'An activity log profile that keeps logs for less than a year, or leaves out Write, Delete or Action events, loses the record of who changed what in the subscription — the evidence needed to investigate an incident.',
    severity: 'low',
    messages: {
      retention: '{{address}} keeps activity logs for {{actual}} days{{from}}; keep them for at least 365 days (or set retention `enabled = false` to keep them indefinitely).',
      categories: '{{address}} logs only {{actual}}{{from}}; include "Action", "Delete" and "Write".',
    },
    remediation: 'Set `categories = ["Action", "Delete", "Write"]` and `retention_policy { enabled = true, days = 365 }`; for new subscriptions use an `azurerm_monitor_diagnostic_setting` on the subscription instead.',
    references: [REG + 'monitor_log_profile', 'https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log'],
    standards: STD.logging(),
    equivalents: { checkov: ['CKV_AZURE_37', 'CKV_AZURE_38'], tfsec: ['azure-monitor-activity-log-retention-set'], trivy: ['AVD-AZU-0031'] },
  },
  ['azurerm_monitor_log_profile'],
  (inst, r) => {
    const enabled = get(inst, 'retention_policy.enabled');
    const days = get(inst, 'retention_policy.days');
    if (enabled && isOn(enabled.value) && days && days.value.kind === 'number' && days.value.value > 0 && days.value.value < 365) r.bad(inst, days, 'retention');
    const cats = get(inst, 'categories');
    if (cats && cats.known && cats.value.kind === 'list') {
      const have = new Set(strings(cats.value).map((s) => s.toLowerCase()));
      if (cats.value.items.every((i) => i.kind === 'string') && !['action', 'delete', 'write'].every((c) => have.has(c))) r.bad(inst, cats, 'categories');
    }
  },
);

// ------------------------------------------------------------------ Cosmos DB, Container Registry

const cosmos = tfRule(
  {
    id: 'iac/azure-cosmosdb-public-access',
    title: 'Azure Cosmos DB account is open to all networks',
    description:
      'A Cosmos DB account with public network access and neither an IP range filter nor virtual network filtering accepts connections from any address on the internet, leaving only the account keys to protect the data.',
    severity: 'medium',
    messages: {
      open: '{{address}} has public network access with no `ip_range_filter` and no virtual network filter, so it accepts connections from any address. Set `public_network_access_enabled = false` or restrict the networks.',
    },
    remediation: 'Set `public_network_access_enabled = false` and use private endpoints, or restrict access with `ip_range_filter` and `is_virtual_network_filter_enabled = true` with `virtual_network_rule` blocks.',
    references: [REG + 'cosmosdb_account', 'https://learn.microsoft.com/en-us/azure/cosmos-db/how-to-configure-firewall'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_101', 'CKV_AZURE_99'], kics: ['c2a3efb6-8a58-481c-82f2-bfddf34bb4b7'] },
  },
  ['azurerm_cosmosdb_account'],
  (inst, r) => {
    const pna = get(inst, 'public_network_access_enabled');
    if (pna && !isOn(pna.value)) return;
    const ipf = get(inst, 'ip_range_filter');
    if (ipf && !(ipf.known && (strings(ipf.value).join('').trim() === '' || (ipf.value.kind === 'list' && ipf.value.items.length === 0)))) return;
    const vnet = get(inst, 'is_virtual_network_filter_enabled');
    if (vnet && !isOff(vnet.value)) return;
    r.missing(inst, 'open');
  },
);

const acrAdmin = tfRule(
  {
    id: 'iac/azure-acr-admin-enabled',
    title: 'Azure Container Registry admin user is enabled',
    description:
      'The registry admin user is a single shared username and password with push and pull rights. It cannot be scoped, tied to a person or protected with MFA, and it often ends up in pipelines and scripts. Entra ID identities or scoped tokens should be used instead.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `admin_enabled` to {{actual}}{{from}}; expected false, with managed identities or scoped tokens for access.',
    },
    remediation: 'Set `admin_enabled = false` (the default) and give pipelines and AKS `AcrPush`/`AcrPull` role assignments on managed identities.',
    references: [REG + 'container_registry#admin_enabled', 'https://learn.microsoft.com/en-us/azure/container-registry/container-registry-authentication#admin-account'],
    standards: STD.access(['CWE-798']),
    equivalents: { checkov: ['CKV_AZURE_137'], kics: ['b897dfbf-322c-45a8-b67c-1e698beeaa51'] },
  },
  ['azurerm_container_registry'],
  (inst, r) => {
    const a = get(inst, 'admin_enabled');
    if (a && isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

const acrPublic = tfRule(
  {
    id: 'iac/azure-acr-public-access',
    title: 'Azure Container Registry (Premium) is open to all networks',
    description:
      'A Premium container registry with public network access and no network rule set that denies by default accepts pulls and pushes from anywhere on the internet. Premium registries can be limited to private endpoints or named networks.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `public_network_access_enabled` to {{actual}}{{from}} with no deny-by-default network rules; set it to false and use private endpoints.',
      missing: '{{address}} is a Premium registry with public network access (the default) and no deny-by-default network rules; set `public_network_access_enabled = false` or add `network_rule_set { default_action = "Deny" }`.',
    },
    remediation: 'Set `public_network_access_enabled = false` and use private endpoints, or add `network_rule_set { default_action = "Deny" ip_rule { ... } }`.',
    references: [REG + 'container_registry#public_network_access_enabled', 'https://learn.microsoft.com/en-us/azure/container-registry/container-registry-access-selected-networks'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_139'] },
  },
  ['azurerm_container_registry'],
  (inst, r) => {
    if (lower(get(inst, 'sku')?.value) !== 'premium') return;
    const nrs = get(inst, 'network_rule_set.default_action');
    if (nrs && lower(nrs.value) !== 'allow') return;
    const a = get(inst, 'public_network_access_enabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOn(a.value)) r.bad(inst, a, 'enabled');
  },
);

// ------------------------------------------------------------------ Virtual machines and disks

const vmPassword = tfRule(
  {
    id: 'iac/azure-vm-password-authentication',
    title: 'Azure Linux VM allows SSH password authentication',
    description:
      'A Linux VM with password authentication enabled accepts SSH logins with a password, which can be guessed, sprayed or reused from other breaches. SSH keys (or Entra ID login) are far harder to attack. The newer VM resources disable passwords by default; turning that off is a choice to undo.',
    severity: 'medium',
    messages: {
      enabled: '{{address}} sets `disable_password_authentication` to {{actual}}{{from}}: SSH accepts passwords. Expected true, with `admin_ssh_key` blocks.',
    },
    remediation: 'Set `disable_password_authentication = true` (the default on `azurerm_linux_virtual_machine`) and provide `admin_ssh_key` blocks; for `azurerm_virtual_machine` set it in `os_profile_linux_config`.',
    references: [REG + 'linux_virtual_machine#disable_password_authentication', 'https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed'],
    standards: STD.access(['CWE-309']),
    equivalents: { checkov: ['CKV_AZURE_149', 'CKV_AZURE_1'], tfsec: ['azure-compute-disable-password-authentication'], trivy: ['AVD-AZU-0039'], kics: ['dafe30ec-325d-4516-85d1-e8e6776f012c'] },
  },
  ['azurerm_linux_virtual_machine', 'azurerm_linux_virtual_machine_scale_set', 'azurerm_virtual_machine', 'azurerm_virtual_machine_scale_set', 'azurerm_orchestrated_virtual_machine_scale_set'],
  (inst, r) => {
    const paths = ['disable_password_authentication', 'os_profile_linux_config.disable_password_authentication', 'os_profile.linux_configuration.disable_password_authentication'];
    for (const p of paths) {
      const a = get(inst, p);
      if (a && isOff(a.value)) r.bad(inst, a, 'enabled');
    }
  },
);

const diskEncryption = tfRule(
  {
    id: 'iac/azure-managed-disk-encryption',
    title: 'Azure managed disk turns Azure Disk Encryption off',
    description:
      'Managed disks are encrypted at rest by the platform, but a disk whose `encryption_settings` are explicitly disabled opts out of Azure Disk Encryption (guest-level BitLocker/dm-crypt with keys in Key Vault), which protects the data if the disk is copied or exported.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `encryption_settings.enabled` to {{actual}}{{from}}; remove it or enable disk encryption with a Key Vault key.',
    },
    remediation: 'Remove `encryption_settings { enabled = false }`, or configure `encryption_settings` with `disk_encryption_key` (and a disk encryption set with customer-managed keys where required).',
    references: [REG + 'managed_disk#encryption_settings', 'https://learn.microsoft.com/en-us/azure/virtual-machines/disk-encryption-overview'],
    standards: STD.data(['CWE-311']),
    equivalents: { checkov: ['CKV_AZURE_2'], tfsec: ['azure-compute-enable-disk-encryption'], trivy: ['AVD-AZU-0038'], kics: ['a99130ab-4c0e-43aa-97f8-78d4fcb30024'] },
  },
  ['azurerm_managed_disk'],
  (inst, r) => {
    for (const b of inst.blocks('encryption_settings')) {
      const a = get(b, 'enabled');
      if (a && isOff(a.value)) r.bad(inst, a, 'disabled');
    }
  },
);

export const appServiceMiscRules: Rule[] = [httpsOnly, minTls, ftps, remoteDebug, logProfile, cosmos, acrAdmin, acrPublic, vmPassword, diskEncryption];
