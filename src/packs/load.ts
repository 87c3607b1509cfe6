import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { lazy } from '../lazy.js';
import type { Pack, Rule } from '../model/rule.js';
import { UsageError } from '../errors.js';
import { fromRoot } from '../paths.js';
import { BUILTIN_PACKS, BUILTIN_PACK_NAMES } from '../../rules/index.js';
import { compileDeclarativeRule, type DeclarativeRuleSpec } from './declarative.js';
import { PACK_API_VERSION } from './define.js';
import { cataloguedPack, isImplemented } from './catalogue.js';

const yaml = lazy<typeof import('yaml')>('yaml');
const semver = lazy<typeof import('semver')>('semver');

export { BUILTIN_PACK_NAMES };

/** Every `*.rule.yaml` under a folder (sorted), compiled. */
export function loadDeclarativeRules(dir: string): Rule[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  const rec = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) rec(p);
      else if (/\.rule\.ya?ml$/.test(name)) files.push(p);
    }
  };
  rec(dir);
  return files.map((f) => {
    let spec: unknown;
    try {
      spec = yaml().parse(readFileSync(f, 'utf8'));
    } catch (e) {
      throw new UsageError(`pack rule ${f} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    try {
      return compileDeclarativeRule(spec as DeclarativeRuleSpec, f);
    } catch (e) {
      throw new UsageError(`invalid rule: ${(e as Error).message}`, { cause: e });
    }
  });
}

function checkApi(pack: Pack, from: string, builtin: boolean): void {
  if (!pack || typeof pack !== 'object' || typeof pack.name !== 'string' || !Array.isArray(pack.rules)) {
    throw new UsageError(`${from} is not a Saltire pack (expected { name, version, saltire, rules })`);
  }
  // the built-in packs are built with this Saltire (and the semver library costs start-up time)
  if (builtin) return checkRuleIds(pack);
  if (!pack.saltire || !semver().validRange(pack.saltire)) throw new UsageError(`pack ${pack.name} (${from}) does not declare a valid "saltire" API range`);
  if (!semver().satisfies(PACK_API_VERSION, pack.saltire)) {
    throw new UsageError(`pack ${pack.name} (${from}) needs Saltire pack API ${pack.saltire}, but this Saltire provides ${PACK_API_VERSION}`);
  }
  checkRuleIds(pack);
}

function checkRuleIds(pack: Pack): void {
  const seen = new Set<string>();
  for (const r of pack.rules) {
    if (!r?.meta?.id?.startsWith(`${pack.name}/`)) throw new UsageError(`pack ${pack.name}: rule id "${r?.meta?.id}" must start with "${pack.name}/"`);
    if (seen.has(r.meta.id)) throw new UsageError(`pack ${pack.name}: duplicate rule id ${r.meta.id}`);
    seen.add(r.meta.id);
    if (isImplemented(pack) && !r.check && !r.visitors) throw new UsageError(`pack ${pack.name}: rule ${r.meta.id} has neither check nor visitors`);
  }
}

interface PackManifest {
  name: string;
  version: string;
  saltire: string;
  description?: string;
  /** A JS module exporting code rules (code packs must be named explicitly to run). */
  main?: string;
}

async function loadFolderPack(dir: string): Promise<Pack> {
  const manifestPath = ['pack.yaml', 'pack.yml', 'saltire-pack.yaml'].map((n) => path.join(dir, n)).find((p) => existsSync(p));
  if (!manifestPath) throw new UsageError(`pack folder ${dir} has no pack.yaml`);
  let manifest: PackManifest;
  try {
    manifest = yaml().parse(readFileSync(manifestPath, 'utf8')) as PackManifest;
  } catch (e) {
    throw new UsageError(`${manifestPath} is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!manifest?.name || !manifest.version) throw new UsageError(`${manifestPath} needs name and version`);
  const rules = loadDeclarativeRules(dir);
  if (manifest.main) {
    const mod = (await import(pathToFileURL(path.resolve(dir, manifest.main)).href)) as { rules?: Rule[]; default?: { rules?: Rule[] } };
    rules.push(...(mod.rules ?? mod.default?.rules ?? []));
  }
  return { name: manifest.name, version: manifest.version, saltire: manifest.saltire, description: manifest.description ?? '', rules };
}

async function loadNpmPack(name: string, cwd: string): Promise<Pack> {
  const req = createRequire(path.join(cwd, 'noop.js'));
  let resolved: string;
  try {
    resolved = req.resolve(name);
  } catch {
    throw new UsageError(`pack "${name}" is neither a built-in pack (${BUILTIN_PACK_NAMES.join(', ')}), a folder, nor an installed npm package`);
  }
  const mod = (await import(pathToFileURL(resolved).href)) as { default?: Pack } & Pack;
  return mod.default ?? mod;
}

export interface LoadOptions {
  /**
   * Built-in packs as their catalogued metadata, their rule code loaded only when a rule is about to
   * run (`implementPack`, which the scan engine calls): for commands that may never run a rule.
   */
  lazy?: boolean;
}

/** Load one pack by built-in name, folder path or npm package name, and check its API range. */
export async function loadPack(spec: string, cwd: string, opts: LoadOptions = {}): Promise<Pack> {
  let pack: Pack;
  if (BUILTIN_PACKS[spec]) {
    const declarative = loadDeclarativeRules(fromRoot('rules', spec));
    const catalogued = opts.lazy ? cataloguedPack(spec) : undefined;
    if (catalogued) {
      // the same object: implementPack knows it by identity
      catalogued.rules.push(...declarative);
      pack = catalogued;
    } else {
      const loaded = (await BUILTIN_PACKS[spec]()).default;
      pack = { ...loaded, rules: [...loaded.rules, ...declarative] };
    }
  } else if (spec.startsWith('.') || spec.startsWith('/') || existsSync(path.resolve(cwd, spec, 'pack.yaml'))) {
    const dir = path.resolve(cwd, spec);
    if (!existsSync(dir)) throw new UsageError(`pack folder not found: ${spec}`);
    pack = await loadFolderPack(dir);
  } else {
    pack = await loadNpmPack(spec, cwd);
  }
  checkApi(pack, spec, BUILTIN_PACKS[spec] !== undefined);
  return pack;
}

export async function loadPacks(specs: string[], cwd: string, opts: LoadOptions = {}): Promise<Pack[]> {
  const packs: Pack[] = [];
  const names = new Set<string>();
  for (const s of specs) {
    const p = await loadPack(s, cwd, opts);
    if (names.has(p.name)) throw new UsageError(`pack ${p.name} is loaded twice`);
    names.add(p.name);
    packs.push(p);
  }
  return packs;
}
