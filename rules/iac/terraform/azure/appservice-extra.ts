/**
 * App Service and Function App hardening beyond transport security (appservice-misc.ts): managed
 * identity, client certificates, HTTP/2, built-in authentication and CORS.
 */
import type { Rule } from '../../../../src/model/rule.js';
import type { ResourceInstance } from '../../../../src/terraform/index.js';
import { WEB_APPS } from './appservice-misc.js';
import { STD, get, isOff, strings, tfRule } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

/** Web apps (not function apps): the legacy `azurerm_app_service` and the azurerm 3.x/4.x Linux and Windows web apps. */
const WEB_APPS_ONLY = ['azurerm_app_service', 'azurerm_linux_web_app', 'azurerm_windows_web_app'];
const WEB_APP_SLOTS = ['azurerm_app_service_slot', 'azurerm_linux_web_app_slot', 'azurerm_windows_web_app_slot'];
/** Apps (not slots), web and function, legacy and current. */
const APPS = [...WEB_APPS_ONLY, 'azurerm_function_app', 'azurerm_linux_function_app', 'azurerm_windows_function_app'];

/** True when every `site_config` of the app is written out (none comes from a `dynamic` block whose for_each is unknown). */
function siteConfigsKnown(inst: ResourceInstance): boolean {
  return inst.blocks('site_config').every((sc) => sc.expansionKnown);
}

const managedIdentity = tfRule(
  {
    id: 'iac/azure-app-service-managed-identity',
    title: 'Azure web app has no managed identity',
    description:
      'A web app without a managed identity has to reach Key Vault, storage, databases and other Azure services with secrets kept in app settings or connection strings, which leak through deployment logs, the portal and source control and are rarely rotated. A system- or user-assigned managed identity lets the app authenticate with Entra ID tokens instead.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `identity` block, so it can only reach other Azure services with stored secrets. Add `identity { type = "SystemAssigned" }` (or a user-assigned identity) and grant it the roles it needs.',
    },
    remediation: 'Add `identity { type = "SystemAssigned" }` (or `type = "UserAssigned"` with `identity_ids`), grant the identity roles on the services the app uses, and replace secrets in app settings with Key Vault references or token-based connections.',
    references: [REG + 'linux_web_app#identity', 'https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity'],
    standards: STD.access(['CWE-522']),
    equivalents: {
      checkov: ['CKV_AZURE_16', 'CKV_AZURE_71'],
      tfsec: ['azure-appservice-account-identity-registered'],
      trivy: ['AVD-AZU-0002'],
      kics: ['b61cce4b-0cc4-472b-8096-15617a6d769b'],
    },
  },
  [...WEB_APPS_ONLY, ...WEB_APP_SLOTS],
  (inst, r) => {
    // a dynamic "identity" whose for_each is unknown yields one view: present, so not reported
    if (inst.blocks('identity').length === 0) r.missing(inst, 'missing');
  },
);

const clientCertificates = tfRule(
  {
    id: 'iac/azure-app-service-client-certificates',
    title: 'Azure web app does not request client certificates',
    description:
      'With incoming client certificates off, any client that reaches the web app can send requests; mutual TLS is not available as an authentication layer. For internal and service-to-service APIs, requiring client certificates ensures that only clients holding a trusted certificate get through. The setting is off by default.',
    severity: 'low',
    messages: {
      missing: '{{address}} does not set `{{attribute}}` (default false): the app does not request client certificates. Set it to true (with `client_certificate_mode = "Required"`) where clients can present certificates.',
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: the app does not request client certificates. Set it to true where clients can present certificates.',
    },
    remediation: 'Set `client_certificate_enabled = true` and `client_certificate_mode = "Required"` on `azurerm_linux_web_app` / `azurerm_windows_web_app` (`client_cert_enabled = true` on the legacy `azurerm_app_service`), and validate the certificate in the app or at the gateway.',
    references: [REG + 'linux_web_app#client_certificate_enabled', 'https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth'],
    standards: STD.access(['CWE-295']),
    equivalents: {
      checkov: ['CKV_AZURE_17'],
      tfsec: ['azure-appservice-require-client-cert'],
      trivy: ['AVD-AZU-0001'],
      kics: ['a81573f9-3691-4d83-88a0-7d4af63e17a3'],
    },
  },
  WEB_APPS_ONLY,
  (inst, r) => {
    // `client_cert_enabled` on the legacy resource, `client_certificate_enabled` on the current ones
    const names = inst.resourceType === 'azurerm_app_service' ? ['client_cert_enabled', 'client_certificate_enabled'] : ['client_certificate_enabled', 'client_cert_enabled'];
    const name = names.find((n) => get(inst, n));
    const a = name ? get(inst, name) : undefined;
    if (!a) r.missing(inst, 'missing', { attribute: names[0] });
    else if (isOff(a.value)) r.bad(inst, a, 'disabled', { attribute: name! });
  },
);

const http2 = tfRule(
  {
    id: 'iac/azure-app-service-http2',
    title: 'Azure App Service does not enable HTTP/2',
    description:
      'HTTP/2 is off by default on App Service. It brings header compression and multiplexing and is only offered over TLS; keeping the platform on its current protocol version is part of the CIS Azure benchmark. This is a hardening recommendation rather than a vulnerability.',
    severity: 'info',
    messages: {
      missing: '{{address}} does not set `site_config.http2_enabled` (default false). Set `http2_enabled = true` in `site_config`.',
      disabled: '{{address}} sets `site_config.http2_enabled` to {{actual}}{{from}}; set it to true.',
    },
    remediation: 'Set `site_config { http2_enabled = true }`.',
    references: [REG + 'linux_web_app#http2_enabled', 'https://learn.microsoft.com/en-us/azure/app-service/configure-common#configure-general-settings'],
    standards: STD.transit(),
    equivalents: {
      checkov: ['CKV_AZURE_18', 'CKV_AZURE_67'],
      tfsec: ['azure-appservice-enable-http2'],
      trivy: ['AVD-AZU-0005'],
      kics: ['525b53be-62ed-4244-b4df-41aecfcb4071'],
    },
  },
  APPS,
  (inst, r) => {
    const configs = inst.blocks('site_config');
    let set = false;
    for (const sc of configs) {
      const a = get(sc, 'http2_enabled');
      if (!a) continue;
      set = true;
      if (isOff(a.value)) r.bad(inst, a, 'disabled');
    }
    if (!set && siteConfigsKnown(inst)) r.missing(inst, 'missing');
  },
);

const authentication = tfRule(
  {
    id: 'iac/azure-app-service-authentication',
    title: 'Azure App Service built-in authentication is off',
    description:
      'App Service authentication ("Easy Auth") makes the platform reject unauthenticated requests before they reach the application code, using Entra ID or another identity provider. Without it, every endpoint of the app is reachable anonymously unless the code itself authenticates each request. Apps that authenticate in code (or are public by design) can accept this finding.',
    severity: 'low',
    messages: {
      missing: '{{address}} configures no App Service authentication (`auth_settings_v2` or `auth_settings`), so the platform lets anonymous requests through to the app. Add `auth_settings_v2 { auth_enabled = true ... }` with an identity provider, unless the app authenticates every request itself.',
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: App Service authentication is off. Set it to true with an identity provider, unless the app authenticates every request itself.',
    },
    remediation: 'Add `auth_settings_v2 { auth_enabled = true, require_authentication = true, active_directory_v2 { ... } login { ... } }` (azurerm 3.x/4.x) or `auth_settings { enabled = true ... }` on the legacy resources.',
    references: [REG + 'linux_web_app#auth_settings_v2', 'https://learn.microsoft.com/en-us/azure/app-service/overview-authentication-authorization'],
    standards: STD.access(['CWE-306']),
    equivalents: {
      checkov: ['CKV_AZURE_13', 'CKV_AZURE_56'],
      tfsec: ['azure-appservice-authentication-enabled'],
      trivy: ['AVD-AZU-0003'],
      kics: ['c7fc1481-2899-4490-bbd8-544a3a61a2f3'],
    },
  },
  [...WEB_APPS_ONLY, 'azurerm_function_app'],
  (inst, r) => {
    const blocks = [
      ...inst.blocks('auth_settings').map((b) => ({ b, attr: 'enabled', path: 'auth_settings.enabled' })),
      ...inst.blocks('auth_settings_v2').map((b) => ({ b, attr: 'auth_enabled', path: 'auth_settings_v2.auth_enabled' })),
    ];
    if (blocks.some(({ b }) => !b.expansionKnown)) return;
    const set = blocks.map(({ b, attr, path }) => ({ a: get(b, attr), path })).filter((x) => x.a !== undefined);
    if (set.some(({ a }) => !isOff(a!.value))) return; // on, or not known
    for (const { a, path } of set) r.bad(inst, a!, 'disabled', { attribute: path });
    if (set.length === 0) r.missing(inst, 'missing');
  },
);

const cors = tfRule(
  {
    id: 'iac/azure-app-service-cors-all-origins',
    title: 'Azure App Service CORS allows every origin',
    description:
      'A CORS policy with `*` in `allowed_origins` lets scripts on any website call the app from a visitor\'s browser and read the responses. For APIs that serve data to a known front end, only that front end\'s origins should be allowed.',
    severity: 'low',
    messages: {
      wildcard: '{{address}} allows every origin in `site_config.cors.allowed_origins`{{from}}; list the origins of the front ends that need access instead of "*".',
    },
    remediation: 'Replace `"*"` in `site_config { cors { allowed_origins = [...] } }` with the exact origins (e.g. `https://www.service.gov.uk`) that call the app.',
    references: [REG + 'linux_web_app#cors', 'https://learn.microsoft.com/en-us/azure/app-service/app-service-web-tutorial-rest-api#enable-cors'],
    standards: STD.access(['CWE-942']),
    equivalents: { checkov: ['CKV_AZURE_57'] },
  },
  WEB_APPS,
  (inst, r) => {
    for (const sc of inst.blocks('site_config')) {
      for (const c of sc.blocks('cors')) {
        const a = get(c, 'allowed_origins');
        if (a && strings(a.value).some((o) => o.trim() === '*')) r.bad(inst, a, 'wildcard');
      }
    }
  },
);

export const appServiceExtraRules: Rule[] = [managedIdentity, clientCertificates, http2, authentication, cors];
