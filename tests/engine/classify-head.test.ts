import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { tempTree } from '../support/cli.js';

const run = (dir: string, maxFileSize = 5 * 1024 * 1024) => scan({ targets: [dir], cwd: dir, packs: [], config: { config: {}, hash: 't' }, gitignore: false, maxFileSize, today: '2026-01-01' });

describe('classifying YAML and JSON by their start', () => {
  it('tells a large file\'s kind from its first bytes, after a BOM too, and leaves a file over the size cap as text', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `    "/items/${i}": { "get": { "responses": { "200": { "description": "ok" } } } }`).join(',\n');
    const dir = tempTree({
      'api/openapi.json': `{\n  "openapi": "3.0.3",\n  "info": { "title": "Big", "version": "1" },\n  "paths": {\n${rows}\n  }\n}\n`,
      'k8s/deploy.yaml': '\ufeffapiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      'data/plain.json': '{ "a": 1 }\n',
    });
    const result = await run(dir);
    expect(result.stats.filesByKind).toEqual({ json: 1, kubernetes: 1, openapi: 1 });
    const capped = await run(dir, 64 * 1024);
    expect(capped.stats.filesSkipped.map((s) => s.file)).toEqual(['api/openapi.json']);
  });
});
