import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/location.js';
import { parseJson } from '../../src/parsers/data/json.js';
import { draftOf, metaValidator, schemaDocs } from '../../rules/data-standards/json-schema/common.js';
import { misspeltKeyword } from '../../rules/data-standards/json-schema/json-schema-unknown-keyword.js';
import { pickErrors } from '../../src/openapi/schema-errors.js';

describe('JSON Schema drafts', () => {
  it('reads the draft from $schema URIs in their usual spellings', () => {
    expect(draftOf('http://json-schema.org/draft-04/schema#')).toBe('draft-04');
    expect(draftOf('https://json-schema.org/draft-07/schema')).toBe('draft-07');
    expect(draftOf('http://json-schema.org/draft-07/hyper-schema#')).toBe('draft-07');
    expect(draftOf('https://json-schema.org/draft/2020-12/schema')).toBe('2020-12');
    expect(draftOf('https://json-schema.org/draft/2019-09/schema#')).toBe('2019-09');
    expect(draftOf('http://json-schema.org/draft-05/schema#')).toBeUndefined();
    expect(draftOf('https://json.schemastore.org/package')).toBeUndefined();
  });
  it('compiles every supported meta-schema', () => {
    for (const d of ['draft-04', 'draft-06', 'draft-07', '2019-09', '2020-12'] as const) {
      const v = metaValidator(d);
      expect(v, d).not.toBeInstanceOf(Error);
      if (v instanceof Error) continue;
      expect(v({ type: 'object' }), d).toBe(true);
      expect(v({ type: 'text' }), d).toBe(false);
      expect(pickErrors(v.errors ?? []).map((e) => e.instancePath), d).toEqual(['/type']);
    }
  });
  it('treats only JSON Schemas as schemas', () => {
    const docs = (path: string, text: string) => schemaDocs({ format: 'data', roots: [parseJson(text, new LineIndex(text)).root] }, path);
    expect((docs('a.json', '{"$schema":"http://json-schema.org/draft-07/schema#"}')).map((d) => d.draft)).toEqual(['draft-07']);
    expect(docs('biome.json', '{"$schema":"https://biomejs.dev/schemas/1.9.4/schema.json"}')).toEqual([]);
    expect((docs('x.schema.json', '{"type":"object","$defs":{}}')).map((d) => [d.draft, d.inferred])).toEqual([['2020-12', true]]);
    expect((docs('x.schema.json', '{"type":"object","properties":{"a":{"exclusiveMinimum":true,"minimum":1}}}')).map((d) => d.draft)).toEqual(['draft-04']);
    expect(docs('x.schema.json', '{"name":"an instance","version":1}')).toEqual([]);
  });
});

describe('misspelt keywords', () => {
  it('finds wrong case and near misses, not other tools\' annotations', () => {
    expect(misspeltKeyword('requried')).toBe('required');
    expect(misspeltKeyword('additionalproperties')).toBe('additionalProperties');
    expect(misspeltKeyword('minItem')).toBe('minItems');
    expect(misspeltKeyword('Pattern')).toBe('pattern');
    expect(misspeltKeyword('$ref"')).toBe('$ref');
    expect(misspeltKeyword('$Id')).toBe('$id');
    for (const k of ['$default', '$source', 'example', 'nullable', 'x-order', 'units', 'label', 'errorMessage', 'required', '$comment']) expect(misspeltKeyword(k), k).toBeUndefined();
  });
});
