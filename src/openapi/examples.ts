/**
 * Validating OpenAPI examples against their schemas with ajv. The whole document is added to ajv
 * under one id, and each schema is compiled by its JSON pointer, so local `$ref`s (and recursion)
 * resolve exactly as in the document. OpenAPI 3.0 / Swagger 2.0 schema dialect differences
 * (`nullable`, boolean `exclusiveMinimum`, `type: file`) are translated first.
 */
import { lazy } from '../lazy.js';
import type { Ajv as AjvType, ErrorObject, ValidateFunction } from 'ajv';
import type { OasVersion } from './model.js';

// CommonJS packages, loaded when the first example is validated (a scan without OpenAPI never loads ajv).
const Ajv = lazy<{ default: new (o: object) => AjvType }>('ajv');
const Ajv2020 = lazy<{ default: new (o: object) => AjvType }>('ajv/dist/2020');
const addFormats = lazy<{ default: (a: AjvType) => void }>('ajv-formats');

const DOC_ID = 'saltire:openapi-document';

export interface ExampleValidator {
  /**
   * Validate a value against the schema at a JSON pointer; a message when invalid, null when valid,
   * undefined when it cannot tell. With `ignoreFormat`, a value whose first failure is a `format`
   * assertion counts as valid (formats are annotations the specification lets tools skip).
   */
  validate(pointer: string, value: unknown, options?: { ignoreFormat?: boolean }): string | null | undefined;
}

/** Translate OpenAPI 3.0 / 2.0 schema keywords to JSON Schema draft 7, over the whole document. */
function translate(value: unknown, depth = 0): unknown {
  if (depth > 200 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => translate(v, depth + 1));
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) o[k] = translate(v, depth + 1);
  if (o.nullable === true) {
    if (typeof o.type === 'string') o.type = [o.type, 'null'];
    if (Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
  }
  if (typeof o.exclusiveMinimum === 'boolean') {
    if (o.exclusiveMinimum && typeof o.minimum === 'number') {
      o.exclusiveMinimum = o.minimum;
      delete o.minimum;
    } else delete o.exclusiveMinimum;
  }
  if (typeof o.exclusiveMaximum === 'boolean') {
    if (o.exclusiveMaximum && typeof o.maximum === 'number') {
      o.exclusiveMaximum = o.maximum;
      delete o.maximum;
    } else delete o.exclusiveMaximum;
  }
  if (o.type === 'file') delete o.type;
  return o;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? `\`${e.instancePath}\`` : 'the value';
  if (e.keyword === 'additionalProperties') return `${where} has the property \`${String((e.params as { additionalProperty?: string }).additionalProperty)}\`, which the schema does not allow`;
  if (e.keyword === 'enum') return `${where} must be one of ${JSON.stringify((e.params as { allowedValues?: unknown[] }).allowedValues)}`;
  return `${where} ${e.message ?? 'is invalid'}`;
}

export function exampleValidator(document: unknown, version: OasVersion): ExampleValidator {
  const opts = { strict: false, allErrors: false, validateSchema: false, logger: false, validateFormats: true };
  const ajv = version === '3.1' ? new (Ajv2020().default)(opts) : new (Ajv().default)(opts);
  addFormats().default(ajv);
  const intFormat = (bits: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1) });
  ajv.addFormat('int32', intFormat(32));
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  for (const f of ['float', 'double']) ajv.addFormat(f, { type: 'number', validate: () => true });
  for (const f of ['password', 'binary', 'byte']) ajv.addFormat(f, { type: 'string', validate: () => true });
  let added = false;
  const compiled = new Map<string, ValidateFunction | null>();
  return {
    validate(pointer, value, options) {
      let fn = compiled.get(pointer);
      if (fn === undefined) {
        try {
          if (!added) {
            ajv.addSchema((version === '3.1' ? document : translate(document)) as object, DOC_ID);
            added = true;
          }
          fn = ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
        } catch {
          // External or broken references, invalid patterns: the schema is not self-contained, so no verdict.
          fn = null;
        }
        compiled.set(pointer, fn);
      }
      if (!fn) return undefined;
      if (fn(value)) return null;
      if (options?.ignoreFormat && fn.errors?.[0]?.keyword === 'format') return null;
      return fn.errors?.length ? describe(fn.errors[0]) : 'does not match the schema';
    },
  };
}

/** A JSON pointer for a path of keys. */
export function toPointer(path: (string | number)[]): string {
  return path.map((p) => `/${encodeURIComponent(String(p).replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('');
}
