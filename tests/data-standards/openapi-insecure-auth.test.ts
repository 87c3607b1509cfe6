import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/packs/load.js';
import { scanWithRule } from '../support/fixtures.js';

const [pack] = await loadPacks(['data-standards'], process.cwd());
const rule = pack.rules.find((r) => r.meta.id === 'data-standards/openapi-insecure-auth')!;
const dir = mkdtempSync(join(tmpdir(), 'saltire-insecure-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scan(name: string, text: string) {
  writeFileSync(join(dir, name), text);
  const result = await scanWithRule(dir, pack, rule);
  rmSync(join(dir, name));
  return result.findings.map((f) => [f.range.start.line, f.messageId, f.file]);
}

describe('openapi-insecure-auth', () => {
  it('is silent on names that are object prototype keys, and on Swagger 2.0 types used in OpenAPI 3', async () => {
    const findings = await scan(
      'openapi.yaml',
      [
        'openapi: 3.1.0',
        'info: { title: T, version: "1" }',
        'paths: {}',
        'components:',
        '  securitySchemes:',
        '    a: { type: http, scheme: constructor }',
        '    b: { type: http, scheme: toString }',
        '    c: { type: basic }',
        '    d: { type: oauth2, flows: { constructor: {} } }',
      ].join('\n'),
    );
    expect(findings).toEqual([]);
  });

  it('reads Swagger 2.0 flows only on oauth2 schemes, and HTTP scheme names case-insensitively', async () => {
    writeFileSync(
      join(dir, 'swagger.yaml'),
      [
        'swagger: "2.0"',
        'info: { title: T, version: "1" }',
        'paths: {}',
        'securityDefinitions:',
        '  k: { type: apiKey, in: header, name: X-Key, flow: password }',
        '  o: { type: oauth2, flow: constructor, tokenUrl: "https://a.example/t", scopes: {} }',
      ].join('\n'),
    );
    const findings = await scan(
      'openapi.yaml',
      ['openapi: 3.0.3', 'info: { title: T, version: "1" }', 'paths: {}', 'components:', '  securitySchemes:', '    n: { type: http, scheme: " NEGOTIATE " }'].join('\n'),
    );
    expect(findings).toEqual([[6, 'weakHttp', 'openapi.yaml']]);
  });
});
