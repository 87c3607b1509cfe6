/**
 * The built-in packs' rule metadata, written by `npm run build` (src/build/pack-catalogue.ts), so a scan
 * loads a pack's rule code only when a file of its rules' kinds is checked: a scan whose files all
 * come from the result cache, or that checks one changed Terraform file, does not load the
 * accessibility or data-standards packs (start-up was ~0.35 s of module loading for all eight). The
 * code pack loads for any source file: its Trojan Source rule reads every language (~60 ms).
 *
 * The catalogue is used only while it was made from the code that is running (`builtCodeDigest`);
 * otherwise the packs are loaded in full, as without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Pack, Rule, RuleMeta } from '../model/rule.js';
import { fromRoot } from '../paths.js';
import { builtCodeDigest } from '../engine/code-identity.js';
import { BUILTIN_PACKS } from '../../rules/index.js';

export interface CataloguedPack {
  name: string;
  version: string;
  saltire: string;
  description: string;
  rules: RuleMeta[];
}

export interface PackCatalogue {
  /** `builtCodeDigest()` of the build the catalogue describes. */
  stamp: string;
  packs: Record<string, CataloguedPack>;
}

export const CATALOGUE_PATH = fromRoot('dist', 'generated', 'packs.json');

let catalogue: PackCatalogue | null | undefined;

function currentCatalogue(): PackCatalogue | null {
  if (catalogue !== undefined) return catalogue;
  catalogue = null;
  if (!existsSync(CATALOGUE_PATH)) return catalogue;
  try {
    const c = JSON.parse(readFileSync(CATALOGUE_PATH, 'utf8')) as PackCatalogue;
    if (c.stamp === builtCodeDigest()) catalogue = c;
  } catch {
    // unreadable: load the packs in full
  }
  return catalogue;
}

/** Packs whose code rules (the first `count`) are metadata until `implementPack` loads their code. */
const unimplemented = new WeakMap<Pack, { name: string; count: number }>();

/**
 * A built-in pack as metadata only (its rules have no code yet), or undefined when there is no
 * current catalogue for it. `implementPack` must run before any of its rules is run.
 */
export function cataloguedPack(name: string): Pack | undefined {
  const entry = currentCatalogue()?.packs[name];
  if (!entry || !BUILTIN_PACKS[name]) return undefined;
  const pack: Pack = { ...entry, rules: entry.rules.map((meta) => ({ meta })) };
  unimplemented.set(pack, { name, count: entry.rules.length });
  return pack;
}

export function isImplemented(pack: Pack): boolean {
  return !unimplemented.has(pack);
}

/**
 * Load a catalogued pack's code and give each of its rules its implementation (the rule objects stay
 * the same, so every list that holds them sees it). A no-op for packs loaded in full.
 */
export async function implementPack(pack: Pack): Promise<void> {
  const stub = unimplemented.get(pack);
  if (stub === undefined) return;
  const real = (await BUILTIN_PACKS[stub.name]()).default;
  const ids = (rules: readonly Rule[]) => rules.map((r) => r.meta.id).join('\n');
  if (real.rules.length !== stub.count || ids(real.rules) !== ids(pack.rules.slice(0, stub.count))) {
    throw new Error(`the built-in pack catalogue (${CATALOGUE_PATH}) does not match the ${stub.name} pack's code: run npm run build`);
  }
  // the code, not the metadata: every reader (reports, the result cache) keeps the catalogue's meta objects
  real.rules.forEach((r, i) => Object.assign(pack.rules[i], { ...r, meta: pack.rules[i].meta }));
  unimplemented.delete(pack);
}
