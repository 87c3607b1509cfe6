import { get, isTrue, str } from '../../../src/parsers/data/tree.js';
import { schemas, schemaTypes, type OasDoc, type SchemaVisit } from '../../../src/openapi/model.js';

/** Schemas that describe input (request bodies, parameters, reusable components), not read-only output. */
export function inputSchemas(doc: OasDoc, type: string): SchemaVisit[] {
  return schemas(doc).filter((v) => v.role !== 'response' && schemaTypes(v.schema).includes(type) && !isTrue(get(v.schema, 'readOnly')));
}

/** Formats whose values have a bounded length. */
export const BOUNDED_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'duration']);

/** A `pattern` anchored at both ends with no unbounded repetition limits the length too. */
export function boundedPattern(p: string | undefined): boolean {
  if (!p || !p.startsWith('^') || !p.endsWith('$')) return false;
  return !/[*+]|\{\d+,\}/.test(p.replace(/\\./g, ''));
}

export function schemaLabel(v: SchemaVisit): string {
  return v.propertyKey ? `property \`${String(v.propertyKey.value)}\`` : 'schema';
}

export { str };
