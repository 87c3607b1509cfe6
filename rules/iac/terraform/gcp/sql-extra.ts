import type { Rule } from '../../../../src/model/rule.js';
import type { AttrResult } from '../../../../src/terraform/index.js';
import { STD, get, isOff, isOn, lower, tfRule } from '../azure/common.js';
import { flagsOf } from './sql-flags.js';

const SQL = ['google_sql_database_instance'];
const SQL_DOCS = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance';

const isOnFlag = (a: AttrResult): boolean => lower(a.value) === 'on';

// ------------------------------------------------------------------ SQL Server

const SQLSERVER_FLAGS: Record<string, string> = {
  'cross db ownership chaining': 'lets a user of one database reach objects in the other databases of the instance through ownership chains, bypassing their permissions',
  'contained database authentication': 'lets contained database users authenticate without a server login, so server-level password policy and login auditing do not apply to them',
  'external scripts enabled': 'lets R and Python scripts run inside the database engine (sp_execute_external_script), a code-execution path for anyone who can run queries',
};

const sqlServerFlags = tfRule(
  {
    id: 'iac/gcp-sql-sqlserver-unsafe-flags',
    title: 'Cloud SQL for SQL Server turns on cross-database ownership chaining, contained authentication or external scripts',
    description:
      'The SQL Server flags `cross db ownership chaining`, `contained database authentication` and `external scripts enabled` are off by default. Turning them on lets permissions leak across databases through ownership chains, lets contained users authenticate outside the server\'s login policy and auditing, or lets R/Python code run in the database engine. The CIS Google Cloud Foundations Benchmark asks for all three to be off.',
    severity: 'medium',
    messages: {
      on: '{{address}} sets the database flag "{{flag}}" to {{actual}}{{from}}, which {{why}}; set it to "off" (the default) or remove it.',
    },
    remediation: 'Remove the `database_flags` entries for "cross db ownership chaining", "contained database authentication" and "external scripts enabled", or set them to "off".',
    references: [SQL_DOCS + '#database_flags', 'https://cloud.google.com/sql/docs/sqlserver/flags'],
    standards: STD.access(['CWE-284']),
    equivalents: {
      checkov: ['CKV_GCP_58', 'CKV_GCP_59'],
      tfsec: ['google-sql-no-cross-db-ownership-chaining', 'google-sql-no-contained-db-auth'],
      trivy: ['AVD-GCP-0019', 'AVD-GCP-0023'],
      kics: ['5a8c5d26-c592-4c98-afac-9762c54cc868'],
    },
  },
  SQL,
  (inst, r) => {
    for (const f of flagsOf(inst, 'SQLSERVER') ?? []) {
      const why = SQLSERVER_FLAGS[f.name];
      if (why && isOnFlag(f.value)) r.bad(inst, f.value, 'on', { flag: f.name, why });
    }
  },
);

// ------------------------------------------------------------------ MySQL

const mysqlLocalInfile = tfRule(
  {
    id: 'iac/gcp-sql-mysql-local-infile',
    title: 'Cloud SQL for MySQL allows LOAD DATA LOCAL',
    description:
      'With the `local_infile` flag on, the server accepts `LOAD DATA LOCAL INFILE`, which makes the client send a file from its own disk. A malicious or compromised server, or SQL injection in an application, can use it to read files from the client host. The CIS Google Cloud Foundations Benchmark asks for it to be off.',
    severity: 'medium',
    messages: {
      on: '{{address}} sets the database flag "local_infile" to {{actual}}{{from}}; set it to "off" or remove it.',
    },
    remediation: 'Remove the `local_infile` database flag or set it to "off"; load files with `LOAD DATA INFILE` from Cloud Storage imports instead.',
    references: [SQL_DOCS + '#database_flags', 'https://cloud.google.com/sql/docs/mysql/flags', 'https://dev.mysql.com/doc/refman/8.0/en/load-data-local-security.html'],
    standards: STD.system(['CWE-73']),
    equivalents: {
      checkov: ['CKV_GCP_50'],
      tfsec: ['google-sql-mysql-no-local-infile'],
      trivy: ['AVD-GCP-0026'],
      kics: ['51a2c34d-dfd0-436f-aa34-e8f796e052fd'],
    },
  },
  SQL,
  (inst, r) => {
    for (const f of flagsOf(inst, 'MYSQL') ?? []) {
      if (f.name === 'local_infile' && isOnFlag(f.value)) r.bad(inst, f.value, 'on');
    }
  },
);

// ------------------------------------------------------------------ PostgreSQL

const pgStatementLogging = tfRule(
  {
    id: 'iac/gcp-sql-postgres-statement-logging',
    title: 'Cloud SQL for PostgreSQL logs the text of SQL statements by duration',
    description:
      'With `log_min_duration_statement` set to 0 or more, PostgreSQL writes the full text of every statement that runs at least that long to Cloud Logging, including the literal values in it: passwords set with ALTER ROLE, personal data in WHERE clauses and INSERTs. The CIS Google Cloud Foundations Benchmark recommends leaving it disabled (-1, the default) and using pgAudit or Query Insights for what needs recording.',
    severity: 'low',
    messages: {
      enabled: '{{address}} sets the database flag "log_min_duration_statement" to {{actual}}{{from}}: statements, with the values in them, are written to the logs. Set it to "-1" (the default) or remove it.',
    },
    remediation: 'Remove the `log_min_duration_statement` database flag or set it to "-1"; use Query Insights for slow-query analysis and pgAudit for audit logging.',
    references: [SQL_DOCS + '#database_flags', 'https://cloud.google.com/sql/docs/postgres/flags', 'https://www.postgresql.org/docs/current/runtime-config-logging.html'],
    standards: STD.data(['CWE-532']),
    equivalents: {
      checkov: ['CKV_GCP_57'],
      tfsec: ['google-sql-pg-no-min-statement-logging'],
      trivy: ['AVD-GCP-0021'],
    },
  },
  SQL,
  (inst, r) => {
    for (const f of flagsOf(inst, 'POSTGRES') ?? []) {
      if (f.name !== 'log_min_duration_statement') continue;
      const v = lower(f.value.value)?.trim();
      if (v !== undefined && v !== '' && v !== '-1') r.bad(inst, f.value, 'enabled');
    }
  },
);

// ------------------------------------------------------------------ Public IP

const sqlPublicIp = tfRule(
  {
    id: 'iac/gcp-sql-public-ip',
    title: 'Cloud SQL instance has a public IP address',
    description:
      'With `ipv4_enabled` true (the provider default) a Cloud SQL instance gets a public IPv4 address. Even without authorised networks it is then one configuration change away from the internet and reachable by the Cloud SQL connectors from anywhere; instances used from a VPC should have a private IP only (CIS Google Cloud Foundations Benchmark). Reported when `ipv4_enabled = true` is written, or when a `private_network` is configured but `ipv4_enabled` is left at its default, so the instance gets a public address next to the private one. Instances with no `ip_configuration` at all are not reported.',
    severity: 'low',
    messages: {
      enabled: '{{address}} sets `ip_configuration.ipv4_enabled` to {{actual}}{{from}}, giving the instance a public IP address; set it to false and connect through the private network.',
      alongsidePrivate: '{{address}} configures `private_network` but does not set `ipv4_enabled` (default true), so the instance also gets a public IP address; add `ipv4_enabled = false`.',
    },
    remediation: 'Set `settings { ip_configuration { ipv4_enabled = false, private_network = <VPC self link> } }` and connect over private IP or Private Service Connect; enforce `constraints/sql.restrictPublicIp`.',
    references: [SQL_DOCS + '#ipv4_enabled', 'https://cloud.google.com/sql/docs/mysql/configure-private-ip'],
    standards: STD.network(),
    equivalents: {
      checkov: ['CKV_GCP_60'],
      tfsec: ['google-sql-no-public-access'],
      trivy: ['AVD-GCP-0017'],
    },
  },
  SQL,
  (inst, r) => {
    for (const s of inst.blocks('settings')) {
      for (const ip of s.blocks('ip_configuration')) {
        const v4 = get(ip, 'ipv4_enabled');
        if (v4) {
          if (isOn(v4.value)) r.bad(inst, v4, 'enabled');
          continue;
        }
        const priv = get(ip, 'private_network');
        if (priv && ip.expansionKnown && !isOff(priv.value)) r.missing(inst, 'alongsidePrivate');
      }
    }
  },
);

// ------------------------------------------------------------------ PostgreSQL log levels

/** PostgreSQL message levels, most verbose first. */
const PG_LEVELS = ['debug5', 'debug4', 'debug3', 'debug2', 'debug1', 'info', 'notice', 'warning', 'error', 'log', 'fatal', 'panic'];

/** Flags whose value, when less verbose than the limit, hides what the CIS benchmark asks to be logged. */
const PG_LEVEL_LIMITS: Record<string, { limit: string; what: string }> = {
  log_min_messages: { limit: 'warning', what: 'less severe messages, such as warnings, are not written to the log' },
  log_min_error_statement: { limit: 'error', what: 'the statements behind less severe errors are not logged' },
};

const pgLogLevels = tfRule(
  {
    id: 'iac/gcp-sql-postgres-log-levels',
    title: 'Cloud SQL for PostgreSQL logs less than the defaults',
    description:
      'PostgreSQL logs warnings and errors (`log_min_messages = warning`), the statements that cause errors (`log_min_error_statement = error`) and full error detail (`log_error_verbosity = default`) unless told otherwise. Raising these levels (to error, log, fatal or panic, or terse verbosity), or setting `log_temp_files = -1`, removes the evidence needed to spot SQL injection attempts, failing jobs and resource abuse (CIS Google Cloud Foundations Benchmark 6.2). Flags left at their defaults are not reported.',
    severity: 'low',
    messages: {
      level: '{{address}} sets the database flag "{{flag}}" to {{actual}}{{from}}: {{what}}. Set it to "{{limit}}" (the default) or a more verbose level.',
      terse: '{{address}} sets the database flag "log_error_verbosity" to {{actual}}{{from}}, leaving out the detail, hint and context of errors; use "default" or "verbose".',
      tempFiles: '{{address}} sets the database flag "log_temp_files" to {{actual}}{{from}}, so temporary files are never logged; set it to "0" to log them all.',
    },
    remediation: 'Remove the `database_flags` entries that raise the levels, or set `log_min_messages = "warning"`, `log_min_error_statement = "error"`, `log_error_verbosity = "default"` and `log_temp_files = "0"`.',
    references: [SQL_DOCS + '#database_flags', 'https://cloud.google.com/sql/docs/postgres/flags', 'https://www.postgresql.org/docs/current/runtime-config-logging.html'],
    standards: STD.logging(),
    equivalents: {
      checkov: ['CKV_GCP_55', 'CKV_GCP_56', 'CKV_GCP_109'],
      tfsec: ['google-sql-pg-log-errors', 'google-sql-enable-pg-temp-file-logging'],
    },
  },
  SQL,
  (inst, r) => {
    for (const f of flagsOf(inst, 'POSTGRES') ?? []) {
      const v = lower(f.value.value)?.trim();
      if (v === undefined) continue;
      const lim = PG_LEVEL_LIMITS[f.name];
      if (lim) {
        const at = PG_LEVELS.indexOf(v);
        if (at > PG_LEVELS.indexOf(lim.limit)) r.bad(inst, f.value, 'level', { flag: f.name, limit: lim.limit, what: lim.what });
      } else if (f.name === 'log_error_verbosity' && v === 'terse') r.bad(inst, f.value, 'terse');
      else if (f.name === 'log_temp_files' && v === '-1') r.bad(inst, f.value, 'tempFiles');
    }
  },
);

export const sqlExtraRules: Rule[] = [sqlServerFlags, mysqlLocalInfile, pgStatementLogging, sqlPublicIp, pgLogLevels];
