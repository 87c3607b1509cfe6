import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import type { Severity } from '../model/severity.js';
import { UsageError } from '../errors.js';
import { sha256 } from '../engine/fingerprint.js';
import { fromRoot } from '../paths.js';
import { lazy } from '../lazy.js';

const yaml = lazy<typeof import('yaml')>('yaml');
const ajv = lazy<typeof import('ajv')>('ajv');

export type RuleSetting = 'off' | Severity | { severity?: 'off' | Severity; options?: Record<string, unknown> };

export interface ConfigOverride {
  files: string[];
  ignores?: string[];
  rules?: Record<string, RuleSetting>;
}

export interface SaltireConfig {
  version?: 1;
  packs?: string[];
  failOn?: Severity | 'none';
  maxFileSize?: number;
  gitignore?: boolean;
  baseline?: string;
  ignores?: string[];
  rules?: Record<string, RuleSetting>;
  overrides?: ConfigOverride[];
}

export interface LoadedConfig {
  config: SaltireConfig;
  /** Absolute path of the file, when one was found. */
  path?: string;
  hash: string;
}

export const CONFIG_NAMES = ['saltire.config.yaml', 'saltire.config.yml', '.saltire.yaml', '.saltire.yml'];

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(fromRoot('schemas', 'config.schema.json'), 'utf8')) as object;
    validator = new (ajv().Ajv)({ allErrors: true, strict: false }).compile(schema);
  }
  return validator(data) ? [] : (validator.errors ?? []);
}

/** Find the config file: upward from the target folder to the filesystem root. */
export function findConfig(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    return undefined;
  }
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function describeError(e: ErrorObject): string {
  const at = e.instancePath ? e.instancePath.replace(/^\//, '').replace(/\//g, '.') : '(top level)';
  if (e.keyword === 'additionalProperties') return `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}" at ${at}`;
  if (e.keyword === 'propertyNames') return `invalid rule id "${(e.params as { propertyName: string }).propertyName}" at ${at} (expected <pack>/<rule> or <pack>/*)`;
  if (e.keyword === 'enum') return `${at} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return `${at} ${e.message ?? 'is invalid'}`;
}

/** Read and validate a config file; any problem is a UsageError naming the file and the path in it. */
export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const doc = yaml().parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0];
    throw new UsageError(`config ${file} is not valid YAML (line ${err.linePos?.[0].line ?? '?'}): ${err.message.split('\n')[0]}`);
  }
  const data = (doc.toJS() ?? {}) as unknown;
  const errors = validate(data);
  if (errors.length) {
    // the most specific error first: unknown keys and enum errors beat oneOf summaries
    const pick = errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'propertyNames' || e.keyword === 'enum') ?? errors[0];
    throw new UsageError(`config ${file}: ${describeError(pick)}`);
  }
  return { config: data as SaltireConfig, path: file, hash: sha256(text).slice(0, 16) };
}

export function loadConfig(explicit: string | undefined, target: string): LoadedConfig {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`config file not found: ${explicit}`);
    return loadConfigFile(path.resolve(explicit));
  }
  const found = findConfig(target);
  return found ? loadConfigFile(found) : { config: {}, hash: sha256('{}').slice(0, 16) };
}

export interface EffectiveRule {
  severity: Severity;
  options: Record<string, unknown>;
}

function applySetting(cur: EffectiveRule | null, setting: RuleSetting | undefined, defaults: EffectiveRule): EffectiveRule | null {
  if (setting === undefined) return cur;
  const sev = typeof setting === 'string' ? setting : setting.severity;
  const options = typeof setting === 'object' ? setting.options : undefined;
  if (sev === 'off') return null;
  // re-enabling a rule that an earlier layer turned off starts again from its defaults
  const base = cur ?? defaults;
  return { severity: sev ?? base.severity, options: options ? { ...base.options, ...options } : base.options };
}

/**
 * Resolves, for a file, each rule's severity and options (or off): the rule's defaults, the config's
 * `rules`, then each matching override in order.
 */
export class RuleSettingsResolver {
  private readonly matchers: { files: picomatch.Matcher; ignores?: picomatch.Matcher; rules: Record<string, RuleSetting> }[];
  private readonly cache = new Map<string, Map<string, EffectiveRule | null>>();

  constructor(private readonly config: SaltireConfig) {
    this.matchers = (config.overrides ?? []).map((o) => ({
      files: picomatch(o.files, { dot: true }),
      ignores: o.ignores?.length ? picomatch(o.ignores, { dot: true }) : undefined,
      rules: o.rules ?? {},
    }));
  }

  private layersFor(file: string): Record<string, RuleSetting>[] {
    const layers = [this.config.rules ?? {}];
    for (const m of this.matchers) if (m.files(file) && !m.ignores?.(file)) layers.push(m.rules);
    return layers;
  }

  /** Which overrides apply to a file, as a key: files with the same key have the same settings. */
  layerKey(file: string): string {
    return this.matchers.length === 0 ? '' : this.matchers.map((m) => (m.files(file) && !m.ignores?.(file) ? 1 : 0)).join('');
  }

  /** Effective setting of a rule for a file, or null when it is off there. */
  resolve(file: string, ruleId: string, defaults: EffectiveRule): EffectiveRule | null {
    const layers = this.layersFor(file);
    const key = layers.length === 1 ? '' : this.layerKey(file);
    let byRule = this.cache.get(key);
    if (!byRule) this.cache.set(key, (byRule = new Map()));
    if (byRule.has(ruleId)) return byRule.get(ruleId) ?? null;
    const pack = ruleId.slice(0, ruleId.indexOf('/'));
    let cur: EffectiveRule | null = defaults;
    for (const layer of layers) {
      cur = applySetting(cur, layer[`${pack}/*`], defaults);
      cur = applySetting(cur, layer[ruleId], defaults);
    }
    byRule.set(ruleId, cur);
    return cur;
  }

  /** Is a rule off everywhere (no layer can turn it back on)? Used to skip loading work. */
  offEverywhere(ruleId: string): boolean {
    const pack = ruleId.slice(0, ruleId.indexOf('/'));
    const all = [this.config.rules ?? {}, ...this.matchers.map((m) => m.rules)];
    const top = all[0][ruleId] ?? all[0][`${pack}/*`];
    const isOff = (s: RuleSetting | undefined) => s === 'off' || (typeof s === 'object' && s.severity === 'off');
    if (!isOff(top)) return false;
    return all.slice(1).every((l) => (l[ruleId] === undefined && l[`${pack}/*`] === undefined) || isOff(l[ruleId] ?? l[`${pack}/*`]));
  }
}
