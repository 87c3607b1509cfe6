import type { Rule } from '../../../../src/model/rule.js';
import type { BlockView, ResourceInstance } from '../../../../src/terraform/index.js';
import { STD, get, lower, tfRule, type Reporter } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

const secretContentType = tfRule(
  {
    id: 'iac/azure-keyvault-secret-content-type',
    title: 'Azure Key Vault secret has no content type',
    description:
      'The content type of a Key Vault secret (a password, a connection string, a PEM certificate...) tells the people and tools that rotate, audit or clean up secrets what it is and how to handle it. A secret without one is harder to rotate safely and to tell apart from stale material during an incident.',
    severity: 'low',
    messages: {
      missing: '{{address}} has no `content_type`; describe what the secret holds (e.g. "password", "connection-string", "application/x-pem-file").',
      empty: '{{address}} sets `content_type` to an empty string{{from}}; describe what the secret holds.',
    },
    remediation: 'Set `content_type` on `azurerm_key_vault_secret` to a short description of the value, such as "password" or "text/plain".',
    references: [REG + 'key_vault_secret#content_type', 'https://learn.microsoft.com/en-us/azure/key-vault/secrets/about-secrets'],
    standards: { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B2'], cwe: ['CWE-1059'] },
    equivalents: { checkov: ['CKV_AZURE_114'], tfsec: ['azure-keyvault-content-type-for-secret'], trivy: ['AVD-AZU-0015'], kics: ['f8e08a38-fc6e-4915-abbe-a7aadf1d59ef'] },
  },
  ['azurerm_key_vault_secret'],
  (inst, r) => {
    const a = get(inst, 'content_type');
    if (!a) r.missing(inst, 'missing');
    else if (a.known && a.value.kind === 'string' && a.value.value.trim() === '') r.bad(inst, a, 'empty');
  },
);

const SA = 'azurerm_storage_account';
const SA_RULES = 'azurerm_storage_account_network_rules';

const trustedServices = tfRule(
  {
    id: 'iac/azure-storage-trusted-services-bypass',
    title: 'Azure storage firewall blocks trusted Microsoft services',
    description:
      'A storage account whose network rules deny by default and whose `bypass` leaves out "AzureServices" also blocks trusted Microsoft services such as Azure Backup, Site Recovery, Event Grid and Defender for Cloud, and diagnostic logging written through them. The usual result is broken backups and logs, or the firewall being opened to everyone to make them work again.',
    severity: 'low',
    messages: {
      blocked: '{{address}} denies by default and sets `bypass` to {{actual}}{{from}}, which blocks trusted Microsoft services (backup, logging, Defender). Include "AzureServices".',
    },
    remediation: 'Keep `default_action = "Deny"` and set `bypass = ["AzureServices"]` (with "Logging" and "Metrics" if needed) in `network_rules` or `azurerm_storage_account_network_rules`, or remove `bypass` (it defaults to AzureServices).',
    references: [REG + 'storage_account#bypass', 'https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security#grant-access-to-trusted-azure-services'],
    standards: STD.resilience(['CWE-693']),
    equivalents: { checkov: ['CKV_AZURE_36'], tfsec: ['azure-storage-allow-microsoft-service-bypass'], trivy: ['AVD-AZU-0010'], kics: ['5400f379-a347-4bdd-a032-446465fdcc6f'] },
  },
  [SA, SA_RULES],
  (inst: ResourceInstance, r: Reporter) => {
    const views: BlockView[] = inst.resourceType === SA_RULES ? [inst] : inst.blocks('network_rules');
    for (const v of views) {
      if (lower(get(v, 'default_action')?.value) !== 'deny') continue;
      const a = get(v, 'bypass');
      if (!a || !a.known || a.value.kind !== 'list') continue;
      const items = a.value.items;
      if (!items.every((i) => i.kind === 'string')) continue;
      if (items.some((i) => i.kind === 'string' && i.value.trim().toLowerCase() === 'azureservices')) continue;
      r.bad(inst, a, 'blocked');
    }
  },
);

export const secretsStorageRules: Rule[] = [secretContentType, trustedServices];
