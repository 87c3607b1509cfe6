import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_PACKS, BUILTIN_PACK_NAMES } from '../../rules/index.js';
import { CATALOGUE_PATH, cataloguedPack, implementPack, isImplemented, type PackCatalogue } from '../../src/packs/catalogue.js';
import { builtCodeDigest } from '../../src/engine/code-identity.js';
import { loadPacks } from '../../src/packs/load.js';
import { loadConfig } from '../../src/config/config.js';
import { scan } from '../../src/engine/scan.js';
import { tempTree } from '../support/cli.js';

const FILES = {
  Dockerfile: 'FROM node:latest\nCMD ["node", "x.js"]\n',
  'infra/main.tf': 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = "b"\n  block_public_acls = false\n}\n',
};

async function scanWith(dir: string, lazy: boolean) {
  const packs = await loadPacks(BUILTIN_PACK_NAMES, process.cwd(), { lazy });
  const result = await scan({ targets: [dir], cwd: dir, packs, config: loadConfig(undefined, dir), gitignore: true, maxFileSize: 5 * 1024 * 1024, jobs: 0, today: '2026-01-01' });
  return { packs, result };
}

describe('built-in pack catalogue', () => {
  it('is written by the build for the current code, with every rule of every built-in pack', async () => {
    expect(existsSync(CATALOGUE_PATH), `${CATALOGUE_PATH}: run npm run build`).toBe(true);
    const catalogue = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as PackCatalogue;
    expect(catalogue.stamp).toBe(builtCodeDigest());
    expect(Object.keys(catalogue.packs)).toEqual(BUILTIN_PACK_NAMES);
    for (const name of BUILTIN_PACK_NAMES) {
      const real = (await BUILTIN_PACKS[name]()).default;
      const listed = catalogue.packs[name];
      expect({ ...listed, rules: undefined }).toEqual({ name: real.name, version: real.version, saltire: real.saltire, description: real.description, rules: undefined });
      // metadata survives the JSON round trip unchanged (no functions, patterns or undefined values lost)
      expect(listed.rules).toEqual(real.rules.map((r) => r.meta));
      expect(JSON.parse(JSON.stringify(real.rules.map((r) => r.meta)))).toStrictEqual(real.rules.map((r) => r.meta));
    }
  });

  it('gives packs whose rule code loads on first use, keeping the catalogue\'s meta objects', async () => {
    const pack = cataloguedPack('secrets')!;
    expect(pack).toBeDefined();
    expect(isImplemented(pack)).toBe(false);
    const first = pack.rules[0];
    const meta = first.meta;
    expect(first.check ?? first.visitors).toBeUndefined();
    await implementPack(pack);
    expect(isImplemented(pack)).toBe(true);
    expect(pack.rules[0]).toBe(first);
    expect(first.meta).toBe(meta);
    expect(typeof (first.check ?? first.visitors)).toBe('function');
  });

  it('implements every rule of every pack with its own code', async () => {
    for (const name of BUILTIN_PACK_NAMES) {
      const pack = cataloguedPack(name)!;
      await implementPack(pack);
      const real = (await BUILTIN_PACKS[name]()).default;
      expect(pack.rules.map((r) => r.meta.id)).toEqual(real.rules.map((r) => r.meta.id));
      pack.rules.forEach((r, i) => {
        expect(r.check, r.meta.id).toBe(real.rules[i].check);
        expect(r.visitors, r.meta.id).toBe(real.rules[i].visitors);
        expect(r.check ?? r.visitors, r.meta.id).toBeTypeOf('function');
      });
    }
  });

  it('loads only the packs a scan\'s files need, with the findings of a full load', async () => {
    const dir = tempTree(FILES);
    const lazy = await scanWith(dir, true);
    const full = await scanWith(dir, false);
    const strip = (r: typeof lazy.result) => ({ ...r, startedAt: '', stats: { ...r.stats, durationMs: 0 } });
    expect(strip(lazy.result)).toEqual(strip(full.result));
    expect(lazy.result.findings.some((f) => f.file === 'Dockerfile')).toBe(true);
    const implemented = (name: string) => isImplemented(lazy.packs.find((p) => p.name === name)!);
    // a Dockerfile and a Terraform file: IaC and the text packs ran (code has a text rule: Trojan Source
    // characters in any source file), the data and accessibility packs never loaded
    expect(implemented('iac')).toBe(true);
    expect(implemented('secrets')).toBe(true);
    expect(implemented('code')).toBe(true);
    expect(implemented('data-standards')).toBe(false);
    expect(implemented('accessibility')).toBe(false);
  });
});
