import type { Rule } from '../../../../src/model/rule.js';
import { asNumber, type AttrResult, type BlockView, type ResourceInstance } from '../../../../src/terraform/index.js';
import { STD, get, lower, tfRule, type Reporter } from './common.js';

const REG = 'https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/';

// ------------------------------------------------------------------ PostgreSQL server parameters

/** Server parameters whose `off` loses an audit trail or brute-force protection; all default to on. */
const PG_PARAMS: Record<string, string> = {
  log_checkpoints: 'checkpoints are no longer logged',
  log_connections: 'connection attempts (including failed logins) are no longer logged',
  log_disconnections: 'session ends and durations are no longer logged',
  connection_throttling: 'repeated failed logins from an address are no longer throttled',
  'connection_throttle.enable': 'repeated failed logins from an address are no longer throttled',
};
const OFF = new Set(['off', 'false', '0', 'no']);

const pgLogging = tfRule(
  {
    id: 'iac/azure-postgresql-log-settings',
    title: 'Azure PostgreSQL server turns off connection logging or throttling',
    description:
      'Azure Database for PostgreSQL logs checkpoints, connections and disconnections, and throttles repeated failed logins, through server parameters. A `*_configuration` resource that sets one of them to off removes the record of who connected (and who failed to) or the brake on password guessing, which are what an investigation or a brute-force defence relies on.',
    severity: 'low',
    messages: {
      off: '{{address}} sets server parameter `{{param}}` to {{actual}}{{from}}: {{effect}}. Set it to "on" (or remove the resource).',
    },
    remediation: 'Remove the `azurerm_postgresql_configuration` / `azurerm_postgresql_flexible_server_configuration` resource that turns the parameter off, or set its `value = "on"`.',
    references: [REG + 'postgresql_configuration', REG + 'postgresql_flexible_server_configuration', 'https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-logging'],
    standards: STD.logging(['CWE-778', 'CWE-307']),
    equivalents: {
      checkov: ['CKV_AZURE_30', 'CKV_AZURE_31', 'CKV_AZURE_32'],
      tfsec: ['azure-database-postgres-configuration-log-checkpoints', 'azure-database-postgres-configuration-log-connections', 'azure-database-postgres-configuration-connection-throttling'],
      trivy: ['AVD-AZU-0024', 'AVD-AZU-0019', 'AVD-AZU-0021'],
    },
  },
  ['azurerm_postgresql_configuration', 'azurerm_postgresql_flexible_server_configuration'],
  (inst, r) => {
    const param = lower(get(inst, 'name')?.value);
    if (param === undefined || !(param in PG_PARAMS)) return;
    const a = get(inst, 'value');
    const v = lower(a?.value);
    if (a && v !== undefined && OFF.has(v.trim())) r.bad(inst, a, 'off', { param, effect: PG_PARAMS[param] });
  },
);

// ------------------------------------------------------------------ SQL threat detection (Defender for SQL alerts)

const POLICY = 'azurerm_mssql_server_security_alert_policy';
/** Resources with an inline `threat_detection_policy` block. */
const INLINE_POLICY = ['azurerm_sql_server', 'azurerm_mssql_database', 'azurerm_sql_database'];

/** The threat detection policies of a resource: the resource itself, or its inline blocks. */
function policies(inst: ResourceInstance): BlockView[] {
  return inst.resourceType === POLICY ? [inst] : inst.blocks('threat_detection_policy');
}

/** The server of a database (`server_id` on azurerm_mssql_database, `server_name` on azurerm_sql_database) in the same module tree. */
function serverOf(db: ResourceInstance): ResourceInstance | undefined {
  const [serverType, attr] = db.resourceType === 'azurerm_mssql_database' ? ['azurerm_mssql_server', 'server_id'] : ['azurerm_sql_server', 'server_name'];
  return db.module.root.resources(serverType, { recursive: true }).find((s) => s.module.findReferencing(db.resourceType, attr, s).includes(db));
}

/**
 * A database whose server has Defender for SQL threat detection enabled in this configuration
 * (an `azurerm_mssql_server_security_alert_policy`, or a legacy server's inline block, in state
 * Enabled): the server-level policy covers every database on it, so a database-level block left at
 * "Disabled" (the provider default, often written out to match what Azure returns) turns nothing off.
 */
function serverPolicyEnabled(db: ResourceInstance): boolean {
  if (db.resourceType !== 'azurerm_mssql_database' && db.resourceType !== 'azurerm_sql_database') return false;
  // the Defender for Azure SQL plan of the subscription turns threat protection on for every server
  const plans = db.module.root.resources('azurerm_security_center_subscription_pricing', { recursive: true });
  if (plans.some((p) => lower(get(p, 'tier')?.value) === 'standard' && lower(get(p, 'resource_type')?.value) === 'sqlservers')) return true;
  const server = serverOf(db);
  if (!server) return false;
  const serverPolicies = [...server.module.findReferencing(POLICY, 'server_name', server), ...(server.resourceType === 'azurerm_sql_server' ? server.blocks('threat_detection_policy') : [])];
  return serverPolicies.some((p) => lower(get(p, 'state')?.value) === 'enabled');
}

const threatDetection = tfRule(
  {
    id: 'iac/azure-mssql-threat-detection',
    title: 'Azure SQL threat detection is disabled or ignores some threats',
    description:
      'Microsoft Defender for SQL advanced threat protection raises alerts for SQL injection, anomalous access, data exfiltration and unsafe actions. A security alert (threat detection) policy in state Disabled, or one that lists alert types in `disabled_alerts`, silences those alerts, so an attack on the database goes unnoticed.',
    severity: 'medium',
    messages: {
      disabled: '{{address}} sets threat detection `state` to {{actual}}{{from}}; expected "Enabled".',
      databaseDisabled:
        '{{address}} sets its database-level threat detection `state` to {{actual}}{{from}}, and nothing in this configuration enables Defender for SQL on its server or subscription; set `state = "Enabled"`, or enable it for the server (`azurerm_mssql_server_security_alert_policy`) or the subscription (`azurerm_security_center_subscription_pricing` for SqlServers).',
      someDisabled: '{{address}} turns off the threat alerts {{actual}}{{from}}; remove `disabled_alerts` so every threat type is alerted.',
    },
    remediation: 'Set `state = "Enabled"` on `azurerm_mssql_server_security_alert_policy` (or the `threat_detection_policy` block) and remove `disabled_alerts` (or set it to `[]`).',
    references: [REG + 'mssql_server_security_alert_policy', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-overview'],
    standards: STD.logging(['CWE-778']),
    equivalents: { checkov: ['CKV_AZURE_25'], tfsec: ['azure-database-all-threat-alerts-enabled'], trivy: ['AVD-AZU-0028'] },
  },
  [POLICY, ...INLINE_POLICY],
  (inst, r) => {
    for (const p of policies(inst)) {
      if (lower(get(p, 'use_server_default')?.value) === 'enabled') continue; // azurerm_sql_database: the server's policy applies
      const state = get(p, 'state');
      if (state && lower(state.value) === 'disabled') {
        const databaseLevel = p !== inst && (inst.resourceType === 'azurerm_mssql_database' || inst.resourceType === 'azurerm_sql_database');
        if (databaseLevel && serverPolicyEnabled(inst)) continue; // database-level Disabled does not override an enabled server policy
        r.bad(inst, state, databaseLevel ? 'databaseDisabled' : 'disabled');
        continue;
      }
      const alerts = get(p, 'disabled_alerts');
      if (alerts && alerts.known && alerts.value.kind === 'list' && alerts.value.items.some((i) => i.kind === 'string' && i.value.trim() !== '')) r.bad(inst, alerts, 'someDisabled');
    }
  },
);

/** `email_account_admins`: a bool on the server policies, "Enabled"/"Disabled" on the database blocks. */
function adminsOn(a: AttrResult | undefined): boolean | undefined {
  if (!a) return false;
  const v = lower(a.value);
  if (v === undefined) return undefined;
  return v === 'true' || v === 'enabled';
}

const threatRecipients = tfRule(
  {
    id: 'iac/azure-mssql-threat-alert-recipients',
    title: 'Azure SQL threat alerts are emailed to nobody',
    description:
      'An enabled SQL threat detection policy that neither emails the subscription administrators (`email_account_admins`, default off) nor lists `email_addresses` only records its alerts in the portal, where nobody may look. SQL injection or data exfiltration alerts need to reach a person who can act on them.',
    severity: 'low',
    messages: {
      nobody: '{{address}} has an enabled threat detection policy that emails nobody: set `email_account_admins` to true and/or list `email_addresses`.',
    },
    remediation: 'On `azurerm_mssql_server_security_alert_policy` (or the `threat_detection_policy` block) set `email_account_admins = true` ("Enabled" on database blocks) and `email_addresses = ["secops@example.gov.uk"]`.',
    references: [REG + 'mssql_server_security_alert_policy#email_addresses', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/threat-detection-configure'],
    standards: STD.logging(['CWE-778']),
    equivalents: { checkov: ['CKV_AZURE_26', 'CKV_AZURE_27'], tfsec: ['azure-database-threat-alert-email-set', 'azure-database-threat-alert-email-to-owner'], trivy: ['AVD-AZU-0018', 'AVD-AZU-0023'] },
  },
  [POLICY, ...INLINE_POLICY],
  (inst, r: Reporter) => {
    for (const p of policies(inst)) {
      if (!p.expansionKnown || lower(get(p, 'state')?.value) !== 'enabled') continue;
      if (lower(get(p, 'use_server_default')?.value) === 'enabled') continue; // azurerm_sql_database: the server's policy applies
      const admins = adminsOn(get(p, 'email_account_admins'));
      if (admins !== false) continue;
      const emails = get(p, 'email_addresses');
      if (emails && !(emails.known && emails.value.kind === 'list' && emails.value.items.length === 0)) continue;
      if (p === inst) r.missing(inst, 'nobody');
      else r.block(inst, p, 'nobody');
    }
  },
);

// ------------------------------------------------------------------ SQL audit retention

const AUDIT_POLICIES = ['azurerm_mssql_server_extended_auditing_policy', 'azurerm_mssql_database_extended_auditing_policy'];
const INLINE_AUDIT = ['azurerm_mssql_server', 'azurerm_sql_server', 'azurerm_mssql_database', 'azurerm_sql_database'];

const auditRetention = tfRule(
  {
    id: 'iac/azure-mssql-audit-retention',
    title: 'Azure SQL audit logs are kept for less than 90 days',
    description:
      'SQL auditing writes database events to a storage account and deletes them after `retention_in_days`. Intrusions are often found months after they start; an audit trail kept for less than 90 days may be gone by then. A retention of 0 (the default) keeps the logs forever.',
    severity: 'low',
    messages: {
      short: '{{address}} keeps SQL audit logs for {{actual}} days{{from}}; keep them for at least 90 days (0 keeps them forever).',
    },
    remediation: 'Set `retention_in_days` to 90 or more (or 0, unlimited) on `azurerm_mssql_server_extended_auditing_policy` / `azurerm_mssql_database_extended_auditing_policy` (or the legacy `extended_auditing_policy` block).',
    references: [REG + 'mssql_server_extended_auditing_policy#retention_in_days', 'https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview'],
    standards: STD.logging(['CWE-779']),
    equivalents: { checkov: ['CKV_AZURE_24'], tfsec: ['azure-database-retention-period-set'], trivy: ['AVD-AZU-0025'] },
  },
  [...AUDIT_POLICIES, ...INLINE_AUDIT],
  (inst, r) => {
    const views = AUDIT_POLICIES.includes(inst.resourceType) ? [inst] : inst.blocks('extended_auditing_policy');
    for (const v of views) {
      const a = get(v, 'retention_in_days');
      const days = asNumber(a?.value);
      if (a && days !== undefined && days > 0 && days < 90) r.bad(inst, a, 'short');
    }
  },
);

export const databaseLoggingRules: Rule[] = [pgLogging, threatDetection, threatRecipients, auditRetention];
