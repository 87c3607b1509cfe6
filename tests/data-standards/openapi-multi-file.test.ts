import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/location.js';
import { parseYaml } from '../../src/parsers/data/yaml.js';
import { isExternalRef, oasDocs, operations } from '../../src/openapi/model.js';
import { isMap, type DataNode } from '../../src/parsers/data/tree.js';

function docOf(text: string) {
  const roots = parseYaml(text, new LineIndex(text)).roots.filter((r): r is DataNode => r !== null);
  const [doc] = oasDocs({ format: 'data', roots } as never);
  return doc;
}

describe('OpenAPI multi-file sources', () => {
  const doc = docOf(
    [
      'openapi: 3.0.3',
      'info: { title: t, version: "1" }',
      'paths:',
      '  /a:',
      '    post: { $ref: ops/create.yaml }',
      '    get: { $ref: "#/x-shared/read" }',
      '  /b:',
      '    delete: { responses: { "204": { description: gone } } }',
      'x-shared:',
      '  read: { operationId: readA, responses: { "200": { description: ok } } }',
    ].join('\n'),
  );

  it('leaves operations written in another file out, and follows local references to operations', () => {
    const ops = operations(doc).map((o) => [o.path, o.method, isMap(o.op) ? o.op.entries.map((e) => String(e.key.value)) : []]);
    expect(ops).toEqual([
      ['/a', 'get', ['operationId', 'responses']],
      ['/b', 'delete', ['responses']],
    ]);
  });

  it('tells references into other files from local ones', () => {
    const paths = (doc.root.entries.find((e) => e.key.value === 'paths')!.value) as DataNode;
    const a = isMap(paths) ? paths.entries[0].value : undefined;
    const [post, get] = isMap(a) ? a.entries.map((e) => e.value) : [];
    expect(isExternalRef(post)).toBe(true);
    expect(isExternalRef(get)).toBe(false);
    expect(isExternalRef(undefined)).toBe(false);
  });
});
