import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../../src/packs/load.js';
import { LineIndex } from '../../src/model/location.js';
import { fromRoot } from '../../src/paths.js';
import { tempTree } from '../support/cli.js';

const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd());

/** A handful of real fixtures of every kind, to truncate and mutate. */
function seeds(): { rel: string; content: Buffer }[] {
  const out: { rel: string; content: Buffer }[] = [];
  const rec = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) rec(p);
      else if (!name.endsWith('expected.json')) out.push({ rel: path.relative(fromRoot('fixtures'), p), content: readFileSync(p) });
    }
  };
  rec(fromRoot('fixtures'));
  const byExt = new Map<string, { rel: string; content: Buffer }>();
  for (const s of out) {
    const ext = path.basename(s.rel).includes('.') ? path.extname(s.rel) : path.basename(s.rel);
    if (!byExt.has(ext)) byExt.set(ext, s);
  }
  return [...byExt.values()];
}

const SEEDS = seeds();

describe('hostile input (property-based)', () => {
  it('truncated, mutated and random files of every kind never throw out of a scan, and every finding is well-formed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...SEEDS),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.uint8Array({ maxLength: 64 }),
        async (seed, cut, mutations, junk) => {
          const bytes = Buffer.from(seed.content.subarray(0, seed.content.length ? cut % (seed.content.length + 1) : 0));
          for (const [at, value] of mutations) if (bytes.length) bytes[at % bytes.length] = value;
          const content = Buffer.concat([bytes, Buffer.from(junk)]);
          const dir = mkdtempSync(path.join(os.tmpdir(), 'saltire-fuzz-'));
          const file = path.join(dir, seed.rel);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, content);
          try {
            const result = await scan({ targets: [dir], cwd: dir, packs, config: { config: {}, hash: 'x' }, gitignore: false, maxFileSize: 1024 * 1024, today: '2026-01-01' });
            const lines = new LineIndex(content.toString('utf8').replace(/^\uFEFF/, '')).lineCount;
            for (const f of result.findings) {
              expect(f.ruleId).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+$/);
              expect(f.ruleId, `${f.ruleId}: ${f.message}`).not.toBe('saltire/rule-error');
              expect(f.range.start.line).toBeGreaterThanOrEqual(1);
              expect(f.range.start.line).toBeLessThanOrEqual(Math.max(lines, 1));
              expect(f.range.start.column).toBeGreaterThanOrEqual(1);
            }
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      { numRuns: 60, seed: 20261127 },
    );
  });
});

describe('names that are also Object.prototype members', () => {
  // a lookup table indexed by a name from the file (`TABLE[name]`) finds `constructor`, `toString`, … on the prototype
  const NAMES = [...Object.getOwnPropertyNames(Object.prototype), 'prototype'];

  it('used as modules, identifiers, properties and keys in every kind of file, never make a rule throw', async () => {
    const files: Record<string, string> = {};
    NAMES.forEach((n, i) => {
      const q = JSON.stringify(n);
      files[`js/${i}.js`] = [
        `const cp = require('child_process'); const fs = require('fs'); const app = require('express')();`,
        `const m = require(${q}); import * as ns from ${q};`,
        `const o = { ${n}: 'secret-value-123', [${q}]: 1 }; o.${n} = 'secret-value-123';`,
        `app.get('/', (req, res) => {`,
        `  m.${n}(req.query.x); new m.${n}(req.body); ${n}.compile(req.query.t); new ${n}(); ns[${q}](req.params.p);`,
        `  cp.exec('ls ' + req.query.${n}); eval(req.body.${n}); fs.readFile(req.params.${n}, () => {});`,
        `  res.send('<p>' + req.query.${n} + '</p>'); res.render('v', req.${n}); res.redirect(req.query.${n});`,
        `});`,
      ].join('\n');
      files[`yaml/${i}.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  ${n}: x\nspec:\n  ${n}: 1\n  containers:\n    - name: c\n      image: nginx\n      ${n}: {}\n      securityContext: { ${n}: true }\n`;
      files[`compose/${i}/docker-compose.yml`] = `services:\n  ${n}:\n    image: nginx\n    ${n}: x\n    environment:\n      ${n}: value\n`;
      files[`tf/${i}.tf`] = `resource "${n}" "${n}" {\n  ${n} = var.${n}\n}\nresource "aws_s3_bucket" "b${i}" {\n  ${n} = true\n}\n`;
      files[`wf/${i}/.github/workflows/ci.yml`] = `on: { ${n}: {}, push: {} }\npermissions: { ${n}: write }\njobs:\n  ${n}:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${n}/${n}@v1\n      - run: echo \${{ github.event.${n} }}\n`;
      files[`act/${i}/action.yml`] = `name: a\nruns:\n  using: composite\n  ${n}: x\n  steps:\n    - uses: ${n}/${n}@v1\n    - run: echo \${{ github.event.${n} }}\n      shell: bash\n`;
      files[`api/${i}.json`] = JSON.stringify({ openapi: '3.0.3', info: { title: n, version: '1' }, paths: { [`/${n}`]: { [n]: {}, get: { [n]: 1, responses: { 200: { description: n } } } } }, components: { securitySchemes: { [n]: { type: n } } } });
      files[`pkg/${i}/package.json`] = JSON.stringify({ name: 'p', dependencies: { [n]: '1.0.0' } });
      files[`html/${i}.html`] = `<!doctype html><html lang="${n}"><title>t</title><${n} role="${n}" aria-${n}="x"><input type="${n}" autocomplete="${n}"></html>`;
    });
    const dir = tempTree(files);
    const result = await scan({ targets: [dir], cwd: dir, packs, config: { config: {}, hash: 'x' }, gitignore: false, maxFileSize: 1024 * 1024, today: '2026-01-01' });
    expect(result.stats.filesScanned).toBe(Object.keys(files).length);
    expect(result.findings.filter((f) => f.ruleId === 'saltire/rule-error').map((f) => `${f.file}: ${f.message}`)).toEqual([]);
    // the rules really read these files: they parse, and the request input in them is reported
    expect(result.findings.filter((f) => f.ruleId === 'saltire/parse-error' && !f.file.startsWith('yaml/')).map((f) => `${f.file}: ${f.message}`)).toEqual([]);
    expect(new Set(result.findings.filter((f) => f.file.startsWith('js/')).map((f) => f.ruleId)).size).toBeGreaterThan(3);
  });
});
