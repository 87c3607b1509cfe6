/**
 * Build step (generate.ts): writes the built-in packs' rule metadata to dist/generated/packs.json,
 * stamped with a digest of the built code (see catalogue.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_PACKS } from '../../rules/index.js';
import { CATALOGUE_PATH, type PackCatalogue } from '../packs/catalogue.js';
import { builtCodeDigest } from '../engine/code-identity.js';

export async function writePackCatalogue(): Promise<void> {
  const packs: PackCatalogue['packs'] = {};
  for (const [name, load] of Object.entries(BUILTIN_PACKS)) {
    const { rules, ...about } = (await load()).default;
    packs[name] = { ...about, rules: rules.map((r) => r.meta) };
  }
  mkdirSync(path.dirname(CATALOGUE_PATH), { recursive: true });
  writeFileSync(CATALOGUE_PATH, `${JSON.stringify({ stamp: builtCodeDigest(), packs } satisfies PackCatalogue)}\n`);
}
