import type { AttrResult, ResourceInstance } from '../../../../src/terraform/index.js';
import { get, lower } from '../azure/common.js';

export interface Flag {
  name: string;
  value: AttrResult;
}

export interface DatabaseFlags {
  /** The `settings.database_flags` whose name and value are both known, names lower-cased. */
  flags: Flag[];
  /** False when a dynamic block, an unknown name or a missing value means another flag could be set. */
  complete: boolean;
}

/** The database flags of a `google_sql_database_instance`. */
export function databaseFlags(inst: ResourceInstance): DatabaseFlags {
  const flags: Flag[] = [];
  let complete = true;
  for (const s of inst.blocks('settings')) {
    if (!s.expansionKnown) complete = false;
    for (const f of s.blocks('database_flags')) {
      if (!f.expansionKnown) complete = false;
      const name = get(f, 'name');
      const value = get(f, 'value');
      const n = name?.known ? lower(name.value) : undefined;
      if (n === undefined || !value) complete = false;
      else flags.push({ name: n.trim(), value });
    }
  }
  return { flags, complete };
}

/**
 * The instance's flags when its `database_version` is known to be of `engine` ("MYSQL", "POSTGRES",
 * "SQLSERVER"); undefined otherwise.
 */
export function flagsOf(inst: ResourceInstance, engine: string): Flag[] | undefined {
  const version = get(inst, 'database_version');
  if (!version || version.value.kind !== 'string' || !version.value.value.toUpperCase().startsWith(engine)) return undefined;
  return databaseFlags(inst).flags;
}

/** One flag's value: the attribute when written, null when certainly absent, undefined when it cannot be told. */
export function flagValue(inst: ResourceInstance, flag: string): AttrResult | null | undefined {
  const { flags, complete } = databaseFlags(inst);
  const found = flags.find((f) => f.name === flag);
  if (found) return found.value;
  return complete ? null : undefined;
}
