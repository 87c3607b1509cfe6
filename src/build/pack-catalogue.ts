/**
 * Build step (generate.ts): writes the built-in packs' rule metadata to dist/generated/packs.json,
 * stamped with a digest of the built code (see catalogue.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_PACKS } from '../../rules/index.js';
import { CATALOGUE_PATH, codeStamp, type PackCatalogue } from '../packs/catalogue.js';

export async function writePackCatalogue(): Promise<void> {
  const packs: PackCatalogue['packs'] = {};
  for (const [name, load] of Object.entries(BUILTIN_PACKS)) {
    const { rules, ...about } = (await load()).default;
    packs[name] = { ...about, rules: rules.map((r) => r.meta) };
  }
  mkdirSync(path.dirname(CATALOGUE_PATH), { recursive: true });
  writeFileSync(CATALOGUE_PATH, `${JSON.stringify({ stamp: codeStamp(), packs } satisfies PackCatalogue)}\n`);
}
