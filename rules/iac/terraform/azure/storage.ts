import type { Rule } from '../../../../src/model/rule.js';
import { STD, get, isAnySource, isOff, isOn, lower, strings, tfRule } from './common.js';

const SA = 'azurerm_storage_account';
const DOCS = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_account';

const httpsOnly = tfRule(
  {
    id: 'iac/azure-storage-https-only',
    title: 'Azure storage account accepts plain HTTP',
    description:
      'A storage account with secure transfer turned off accepts requests over plain HTTP, so data and shared-key or SAS signatures can be read or altered in transit. Azure and the azurerm provider enforce HTTPS by default; turning it off is almost always a mistake.',
    severity: 'high',
    messages: {
      disabled: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: the account accepts plain HTTP. Expected true (the default); remove the setting or set it to true.',
    },
    remediation: 'Set `https_traffic_only_enabled = true` (azurerm 4.x) or `enable_https_traffic_only = true` (3.x), or remove the setting (true by default).',
    references: [DOCS, 'https://learn.microsoft.com/en-us/azure/storage/common/storage-require-secure-transfer'],
    standards: STD.transit(),
    equivalents: { checkov: ['CKV_AZURE_3'], tfsec: ['azure-storage-enforce-https'], trivy: ['AVD-AZU-0008'], kics: ['12944ec4-1fa0-47be-8b17-42a034f937c2'] },
  },
  [SA],
  (inst, r) => {
    for (const name of ['https_traffic_only_enabled', 'enable_https_traffic_only']) {
      const a = get(inst, name);
      if (a && isOff(a.value)) r.bad(inst, a, 'disabled', { attribute: name });
    }
  },
);

const minTls = tfRule(
  {
    id: 'iac/azure-storage-min-tls',
    title: 'Azure storage account allows TLS 1.0 or 1.1',
    description:
      'TLS 1.0 and 1.1 have known weaknesses and are retired by Microsoft for Azure Storage. A storage account whose minimum TLS version is below 1.2 lets clients negotiate the weaker protocols.',
    severity: 'medium',
    messages: {
      weak: '{{address}} sets `min_tls_version` to {{actual}}{{from}}; expected "TLS1_2" (the default in azurerm 3.x and later).',
    },
    remediation: 'Set `min_tls_version = "TLS1_2"` or remove the setting (TLS1_2 is the default from azurerm 3.0).',
    references: [DOCS, 'https://learn.microsoft.com/en-us/azure/storage/common/transport-layer-security-configure-minimum-version'],
    standards: STD.transit(['CWE-326']),
    equivalents: { checkov: ['CKV_AZURE_44'], tfsec: ['azure-storage-use-secure-tls-policy'], trivy: ['AVD-AZU-0011'], kics: ['8263f146-5e03-43e0-9cfe-db960d56d1e7'] },
  },
  [SA],
  (inst, r) => {
    const a = get(inst, 'min_tls_version');
    const v = lower(a?.value);
    if (a && (v === 'tls1_0' || v === 'tls1_1')) r.bad(inst, a, 'weak');
  },
);

const blobPublic = tfRule(
  {
    id: 'iac/azure-storage-blob-public-access',
    title: 'Azure storage account allows anonymous blob access',
    description:
      'When a storage account allows nested items to be public, any container in it can be switched to anonymous read access and its blobs listed and downloaded by anyone on the internet. The azurerm provider (3.x and 4.x) sends `allow_nested_items_to_be_public = true` unless told otherwise.',
    severity: 'medium',
    messages: {
      public: '{{address}} sets `{{attribute}}` to {{actual}}{{from}}: containers can be made public. Expected false.',
      missing: '{{address}} does not set `allow_nested_items_to_be_public`, which defaults to true in azurerm 3.x/4.x: containers can be made public. Set it to false.',
    },
    remediation: 'Set `allow_nested_items_to_be_public = false` (azurerm 3.x/4.x; `allow_blob_public_access = false` in 2.x) and serve public content through a CDN or SAS tokens instead.',
    references: [DOCS, 'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-prevent'],
    standards: STD.data(['CWE-284', 'CWE-732']),
    equivalents: { checkov: ['CKV_AZURE_190'] },
  },
  [SA],
  (inst, r) => {
    const nested = get(inst, 'allow_nested_items_to_be_public');
    const legacy = get(inst, 'allow_blob_public_access');
    if (nested && isOn(nested.value)) r.bad(inst, nested, 'public', { attribute: 'allow_nested_items_to_be_public' });
    if (legacy && isOn(legacy.value)) r.bad(inst, legacy, 'public', { attribute: 'allow_blob_public_access' });
    // 2.x's allow_blob_public_access defaulted to false: only the 3.x/4.x default is unsafe.
    if (!nested && !legacy) r.missing(inst, 'missing');
  },
);

const networkDefault = tfRule(
  {
    id: 'iac/azure-storage-network-default-allow',
    title: 'Azure storage account accepts traffic from any network',
    description:
      'A storage account without network rules, or whose network rules default to Allow, accepts requests from any network on the internet; only keys and tokens stand between an attacker and the data. Denying by default and allowing named subnets and IP ranges (or private endpoints) limits who can even try.',
    severity: 'medium',
    messages: {
      allow: '{{address}} sets network rules `default_action` to {{actual}}{{from}}; expected "Deny" with the subnets and IP ranges that need access allowed.',
      anyIp: '{{address}} allows {{actual}}{{from}} in its network rules `ip_rules`, which lets in every address; list only the client ranges that need access.',
      missing:
        '{{address}} has no network rules and does not set `public_network_access_enabled = false`, so it accepts traffic from any network. Add `network_rules { default_action = "Deny" ... }` or disable public network access.',
    },
    remediation: 'Add `network_rules { default_action = "Deny" }` (or an `azurerm_storage_account_network_rules` resource) allowing only the subnets, IP ranges and trusted services that need access, or set `public_network_access_enabled = false` and use private endpoints.',
    references: [DOCS, 'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security'],
    standards: STD.network(),
    equivalents: { checkov: ['CKV_AZURE_35', 'CKV_AZURE_59'], tfsec: ['azure-storage-default-action-deny'], trivy: ['AVD-AZU-0012'], kics: ['9be09caf-2ba4-4fa9-9787-a670dc32c639', '17f75827-0684-48f4-8747-61129c7e4198'] },
  },
  [SA, 'azurerm_storage_account_network_rules'],
  (inst, r) => {
    if (inst.resourceType === 'azurerm_storage_account_network_rules') {
      const a = get(inst, 'default_action');
      if (a && lower(a.value) === 'allow') r.bad(inst, a, 'allow');
      const ips = get(inst, 'ip_rules');
      if (ips && strings(ips.value).some(isAnySource)) r.bad(inst, ips, 'anyIp');
      return;
    }
    const rules = inst.blocks('network_rules');
    for (const b of rules) {
      const a = get(b, 'default_action');
      if (a && lower(a.value) === 'allow') r.bad(inst, a, 'allow');
      const ips = get(b, 'ip_rules');
      if (ips && strings(ips.value).some(isAnySource)) r.bad(inst, ips, 'anyIp');
    }
    if (rules.length > 0) return;
    const pna = get(inst, 'public_network_access_enabled');
    if (pna && !isOn(pna.value)) return; // false, or not known
    const companions = [
      ...inst.module.findReferencing('azurerm_storage_account_network_rules', 'storage_account_id', inst),
      ...inst.module.findReferencing('azurerm_storage_account_network_rules', 'storage_account_name', inst),
    ];
    if (companions.length) return;
    r.missing(inst, 'missing');
  },
);

const infraEncryption = tfRule(
  {
    id: 'iac/azure-storage-infrastructure-encryption',
    title: 'Azure storage account without infrastructure (double) encryption',
    description:
      'Azure Storage encrypts data at rest once with AES-256. Infrastructure encryption adds a second layer with a different algorithm and key, protecting against one of the layers being compromised. It can only be chosen when the account is created, so it belongs in the Terraform definition of accounts that hold sensitive data.',
    severity: 'low',
    messages: {
      disabled: '{{address}} sets `infrastructure_encryption_enabled` to {{actual}}{{from}}; expected true for accounts holding sensitive data.',
      missing: '{{address}} does not set `infrastructure_encryption_enabled` (default false); set it to true for accounts holding sensitive data (it cannot be changed later).',
    },
    remediation: 'Set `infrastructure_encryption_enabled = true` when creating storage accounts for sensitive data (it forces a new account if changed).',
    references: [DOCS, 'https://learn.microsoft.com/en-us/azure/storage/common/infrastructure-encryption-enable'],
    standards: STD.data(['CWE-311']),
    equivalents: {},
  },
  [SA],
  (inst, r) => {
    const a = get(inst, 'infrastructure_encryption_enabled');
    if (!a) r.missing(inst, 'missing');
    else if (isOff(a.value)) r.bad(inst, a, 'disabled');
  },
);

const containerPublic = tfRule(
  {
    id: 'iac/azure-storage-container-public',
    title: 'Azure storage container allows anonymous access',
    description:
      'A container whose access type is `blob` lets anyone on the internet read its blobs; `container` also lets anyone list them. Unless the container deliberately publishes public content, this exposes data to the world.',
    severity: 'high',
    messages: {
      public: '{{address}} sets `container_access_type` to {{actual}}{{from}}: anyone on the internet can read its blobs. Expected "private" (the default).',
    },
    remediation: 'Set `container_access_type = "private"` (or remove it) and grant access with Entra ID roles or short-lived SAS tokens.',
    references: ['https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container', 'https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure'],
    standards: STD.data(['CWE-284', 'CWE-732']),
    equivalents: { checkov: ['CKV_AZURE_34'], tfsec: ['azure-storage-no-public-access'], trivy: ['AVD-AZU-0007'], kics: ['dd5230f8-a577-4bbb-b7ac-f2c2fe7d5299'] },
  },
  ['azurerm_storage_container'],
  (inst, r) => {
    const a = get(inst, 'container_access_type');
    const v = lower(a?.value);
    if (a && (v === 'blob' || v === 'container')) r.bad(inst, a, 'public');
  },
);

export const storageRules: Rule[] = [httpsOnly, minTls, blobPublic, networkDefault, infraEncryption, containerPublic];
