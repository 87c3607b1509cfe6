import type { Rule } from '../../../../src/model/rule.js';
import type { ResourceInstance } from '../../../../src/terraform/index.js';
import { STD, get, lower, tfRule } from '../azure/common.js';
import { flagValue } from './sql-flags.js';

const SQL = ['google_sql_database_instance'];
const SQL_DOCS = 'https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/sql_database_instance';

/** Spellings PostgreSQL accepts for a boolean parameter that is off. */
const OFF = new Set(['off', 'false', 'no', '0']);

/** The major version of a Cloud SQL for PostgreSQL instance ("POSTGRES_14" → 14); undefined for other engines or unknown values. */
function postgresMajor(inst: ResourceInstance): number | undefined {
  const v = get(inst, 'database_version');
  if (!v || v.value.kind !== 'string') return undefined;
  const m = /^POSTGRES_(\d+)/i.exec(v.value.value.trim());
  return m ? Number(m[1]) : undefined;
}

interface PgFlag {
  flag: string;
  what: string;
  /** The first PostgreSQL major version where the flag is on by default (absence is then not reported). */
  onByDefaultFrom?: number;
  checkov: string;
}

function pgFlagRule(f: PgFlag): Rule {
  const defaultNote = f.onByDefaultFrom ? ` before PostgreSQL ${f.onByDefaultFrom}` : '';
  return tfRule(
    {
      id: `iac/gcp-sql-postgres-${f.flag.replace(/_/g, '-')}`,
      title: `Cloud SQL for PostgreSQL does not set ${f.flag}`,
      description: `The PostgreSQL flag \`${f.flag}\` ${f.what}; it is off by default${defaultNote}, and without it there is little evidence to investigate misuse of the database (CIS Google Cloud Foundations Benchmark 6.2). Reported when the flag is set to off, or left out on a PostgreSQL version where it defaults to off. Instances whose flags come from a dynamic block that cannot be resolved are not reported.`,
      severity: 'low',
      messages: {
        missing: `{{address}} (PostgreSQL {{major}}) does not set the database flag "${f.flag}", which is off by default${defaultNote}; add \`database_flags { name = "${f.flag}" value = "on" }\`.`,
        off: `{{address}} sets the database flag "${f.flag}" to {{actual}}{{from}}; expected "on".`,
      },
      remediation: `Add \`database_flags { name = "${f.flag}" value = "on" }\` to the instance's \`settings\`.`,
      references: [SQL_DOCS + '#database_flags', 'https://cloud.google.com/sql/docs/postgres/flags', 'https://www.postgresql.org/docs/current/runtime-config-logging.html'],
      standards: STD.logging(),
      equivalents: { checkov: [f.checkov], tfsec: [`google-sql-pg-${f.flag.replace(/_/g, '-')}`] },
    },
    SQL,
    (inst, r) => {
      const major = postgresMajor(inst);
      if (major === undefined) return;
      const v = flagValue(inst, f.flag);
      if (v && OFF.has(lower(v.value)?.trim() ?? '')) r.bad(inst, v, 'off');
      else if (v === null && (f.onByDefaultFrom === undefined || major < f.onByDefaultFrom)) r.missing(inst, 'missing', { major });
    },
  );
}

export const sqlPgLoggingRules: Rule[] = [
  { flag: 'log_connections', what: 'records every attempted connection and successful authentication', checkov: 'CKV_GCP_52' },
  { flag: 'log_disconnections', what: 'records the end of every session with its duration', checkov: 'CKV_GCP_53' },
  { flag: 'log_checkpoints', what: 'records checkpoints and restart points', onByDefaultFrom: 15, checkov: 'CKV_GCP_51' },
  { flag: 'log_lock_waits', what: 'records sessions that wait longer than the deadlock timeout for a lock, which shows contention and lock-based denial of service', checkov: 'CKV_GCP_54' },
].map(pgFlagRule);
