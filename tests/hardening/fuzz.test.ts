import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import { loadPacks, BUILTIN_PACK_NAMES } from '../../src/packs/load.js';
import { LineIndex } from '../../src/model/location.js';
import { fromRoot } from '../../src/paths.js';

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
