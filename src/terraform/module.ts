/** Terraform modules: loading a directory's configuration and resolving its values. */
import path from 'node:path';
import type { ProjectContext } from '../engine/project.js';
import type { ParseProblem } from '../model/document.js';
import type { Range } from '../model/location.js';
import type { HclAttribute, HclBlock, HclExpr, HclFile, HclTraversalStep } from '../parsers/hcl/model.js';
import { newRecord } from '../parsers/hcl/model.js';
import { applySteps, evaluate, iterate, stepsText, type EvalContext, type Iteration, type ScopeHost } from './evaluate.js';
import {
  NULL,
  asString,
  bool,
  errorValue,
  list,
  map,
  num,
  str,
  unknown,
  unknownFrom,
  withOrigin,
  type Origin,
  type ReferenceValue,
  type Value,
} from './values.js';

// ---------------------------------------------------------------------------------------------
// Configuration (parsed, unevaluated)

export interface TerraformFile {
  path: string;
  hcl: HclFile;
  problems: ParseProblem[];
}

export interface Declaration {
  block: HclBlock;
  file: string;
}

export interface ModuleConfig {
  /** Directory relative to the scan root ('' for the root). */
  dir: string;
  files: TerraformFile[];
  /** tfvars files in increasing precedence. */
  tfvars: TerraformFile[];
  resources: Declaration[];
  data: Declaration[];
  modules: Declaration[];
  variables: Declaration[];
  outputs: Declaration[];
  providers: Declaration[];
  terraform: Declaration[];
  locals: { attribute: HclAttribute; file: string }[];
}

const CONFIG_RE = /\.tf(\.json)?$/i;

/**
 * Per-folder configurations and evaluated modules are kept while recently used: files are checked
 * in path order, so an estate's modules are used together and then not again; memory stays bounded.
 */
const RECENT = { recent: true };
const TFVARS_RE = /(^|\/)(terraform\.tfvars(\.json)?|[^/]*\.auto\.tfvars(\.json)?)$/i;

/** Normalise a directory: POSIX, no leading './', no trailing '/', root is ''. */
export function normaliseDir(dir: string): string {
  let d = path.posix.normalize(dir.replace(/\\/g, '/'));
  if (d === '.' || d === './') return '';
  d = d.replace(/^\.\//, '').replace(/\/+$/, '');
  return d === '.' ? '' : d;
}

function dirOf(p: string): string {
  return normaliseDir(path.posix.dirname(p));
}

/** Terraform-related files of the project by directory (built once per run). */
function dirIndex(project: ProjectContext): Map<string, string[]> {
  return project.memo('terraform:dir-index', () => {
    const m = new Map<string, string[]>();
    for (const f of project.files) {
      const lower = f.path.toLowerCase();
      if (!CONFIG_RE.test(lower) && !TFVARS_RE.test(lower)) continue;
      const d = dirOf(f.path);
      let arr = m.get(d);
      if (!arr) m.set(d, (arr = []));
      arr.push(f.path);
    }
    return m;
  });
}

/** Directories holding `.tf` / `.tf.json` files (sorted; built once per scan, not to be changed). */
export function terraformDirs(project: ProjectContext): readonly string[] {
  return terraformDirSet(project).sorted;
}

function terraformDirSet(project: ProjectContext): { sorted: readonly string[]; has: ReadonlySet<string> } {
  return project.memo('terraform:dirs', () => {
    const sorted = [...dirIndex(project).entries()]
      .filter(([, files]) => files.some((f) => CONFIG_RE.test(f)))
      .map(([d]) => d)
      .sort();
    return { sorted, has: new Set(sorted) };
  });
}

async function loadFile(project: ProjectContext, p: string): Promise<TerraformFile | undefined> {
  const loaded = await project.load(p);
  if (!loaded) return undefined;
  if (loaded.document.format === 'hcl') return { path: p, hcl: loaded.document.hcl, problems: [] };
  // a file parsed as something else (e.g. kept as text): parse it here, loading the parser only then
  const { parseTerraformFile } = await import('../parsers/hcl/parse.js');
  const r = await parseTerraformFile(p, loaded.file.text, loaded.file.lines);
  return { path: p, hcl: r.hcl, problems: r.problems };
}

function tfvarsRank(p: string): [number, string] {
  const base = path.posix.basename(p).toLowerCase();
  if (base === 'terraform.tfvars') return [0, base];
  if (base === 'terraform.tfvars.json') return [1, base];
  return [2, base];
}

/** The parsed configuration of one directory (memoised). */
export function loadModuleConfig(project: ProjectContext, dir: string): Promise<ModuleConfig> {
  const d = normaliseDir(dir);
  return project.memo(`terraform:config:${d}`, async () => {
    const paths = dirIndex(project).get(d) ?? [];
    const cfg: ModuleConfig = {
      dir: d,
      files: [],
      tfvars: [],
      resources: [],
      data: [],
      modules: [],
      variables: [],
      outputs: [],
      providers: [],
      terraform: [],
      locals: [],
    };
    const loaded = await Promise.all(paths.map((p) => loadFile(project, p)));
    const tfvars: TerraformFile[] = [];
    for (const f of loaded) {
      if (!f) continue;
      if (TFVARS_RE.test(f.path)) {
        tfvars.push(f);
        continue;
      }
      cfg.files.push(f);
      for (const b of f.hcl.blocks) {
        const decl = { block: b, file: f.path };
        switch (b.type) {
          case 'resource':
            if (b.labels.length >= 2) cfg.resources.push(decl);
            break;
          case 'data':
            if (b.labels.length >= 2) cfg.data.push(decl);
            break;
          case 'module':
            if (b.labels.length >= 1) cfg.modules.push(decl);
            break;
          case 'variable':
            if (b.labels.length >= 1) cfg.variables.push(decl);
            break;
          case 'output':
            if (b.labels.length >= 1) cfg.outputs.push(decl);
            break;
          case 'provider':
            if (b.labels.length >= 1) cfg.providers.push(decl);
            break;
          case 'terraform':
            cfg.terraform.push(decl);
            break;
          case 'locals':
            for (const a of Object.values(b.attributes)) cfg.locals.push({ attribute: a, file: f.path });
            break;
          default:
            break;
        }
      }
    }
    cfg.tfvars = tfvars.sort((a, b) => {
      const [ra, na] = tfvarsRank(a.path);
      const [rb, nb] = tfvarsRank(b.path);
      return ra - rb || (na < nb ? -1 : na > nb ? 1 : 0);
    });
    return cfg;
  }, RECENT);
}

function literalString(e: HclExpr | undefined): string | undefined {
  return e && e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
}

/** Directory of a local module source (`./x`, `../x`), else undefined. */
export function localSourceDir(fromDir: string, source: string | undefined): string | undefined {
  if (!source || !(source.startsWith('./') || source.startsWith('../'))) return undefined;
  const joined = path.posix.normalize(path.posix.join(fromDir || '.', source));
  if (joined.startsWith('..')) return undefined;
  return normaliseDir(joined);
}

async function loadConfigTree(project: ProjectContext, dir: string, configs: Map<string, ModuleConfig>): Promise<void> {
  const queue = [normaliseDir(dir)];
  while (queue.length) {
    const batch = queue.splice(0).filter((d) => !configs.has(d));
    const loaded = await Promise.all(batch.map((d) => loadModuleConfig(project, d)));
    for (const cfg of loaded) {
      configs.set(cfg.dir, cfg);
      for (const m of cfg.modules) {
        const child = localSourceDir(cfg.dir, literalString(m.block.attributes['source']?.expr));
        if (child !== undefined && !configs.has(child)) queue.push(child);
      }
    }
  }
}

/**
 * The evaluated root module of a directory (memoised per run): every `.tf`/`.tf.json` file there,
 * with `terraform.tfvars` and `*.auto.tfvars` applied, and local child modules evaluated.
 */
export function loadModule(project: ProjectContext, dir: string): Promise<TerraformModule> {
  const d = normaliseDir(dir);
  return project.memo(`terraform:module:${d}`, async () => {
    const configs = new Map<string, ModuleConfig>();
    await loadConfigTree(project, d, configs);
    return new TerraformModule(configs.get(d)!, configs, {});
  }, RECENT);
}

/**
 * Root modules of the scan: directories with Terraform files that no other directory calls as a
 * local module. Scanning these (recursively) reports each resource once, with its inputs.
 */
export function loadRootModules(project: ProjectContext): Promise<TerraformModule[]> {
  return project.memo('terraform:roots', async () => {
    const dirs = terraformDirs(project);
    const cfgs = await Promise.all(dirs.map((d) => loadModuleConfig(project, d)));
    const called = new Set<string>();
    for (const cfg of cfgs) {
      for (const m of cfg.modules) {
        const child = localSourceDir(cfg.dir, literalString(m.block.attributes['source']?.expr));
        if (child !== undefined && child !== cfg.dir) called.add(child);
      }
    }
    return Promise.all(dirs.filter((d) => !called.has(d)).map((d) => loadModule(project, d)));
  });
}

/**
 * A local module source written as a string literal after `source =` (HCL) or `"source":` (JSON).
 * Read from the text, without parsing: it may also match a provisioner's `source`, so the calls it
 * finds are a superset of the real ones, which parsing the candidates then settles.
 */
const SOURCE_TEXT = /\bsource"?\s*[:=]\s*"(\.\.?\/[^"]*)"/g;

/** For each folder, the folders whose Terraform files may call it as a local module (built once per run, from the text). */
function possibleCallers(project: ProjectContext): Map<string, string[]> {
  return project.memo('terraform:possible-callers', () => {
    const callers = new Map<string, string[]>();
    for (const [dir, paths] of dirIndex(project)) {
      for (const p of paths) {
        if (!CONFIG_RE.test(p)) continue;
        const text = project.readFile(p)?.text;
        // most files hold a `source` (a provider's, a registry module's); only a local path can match
        if (!text || !(text.includes('"./') || text.includes('"../'))) continue;
        for (const m of text.matchAll(SOURCE_TEXT)) {
          const child = localSourceDir(dir, m[1]);
          if (child === undefined || child === dir) continue;
          const list = callers.get(child);
          if (!list) callers.set(child, [dir]);
          else if (!list.includes(dir)) list.push(dir);
        }
      }
    }
    return callers;
  });
}

/**
 * The root modules whose module tree includes `dir` (sorted): what `loadRootModules` would return,
 * less the roots that never reach `dir`. Only the folders that may call `dir`, directly or through
 * other modules, are parsed, so checking one changed file does not evaluate the whole estate.
 */
export function rootModulesReaching(project: ProjectContext, dir: string): Promise<string[]> {
  const d = normaliseDir(dir);
  return project.memo(`terraform:roots-reaching:${d}`, async () => {
    const callers = possibleCallers(project);
    const up = new Set([d]);
    const queue = [d];
    while (queue.length) {
      for (const c of callers.get(queue.pop()!) ?? []) {
        if (up.has(c)) continue;
        up.add(c);
        queue.push(c);
      }
    }
    // every real caller of a folder in `up` is a possible caller, so is in `up` too: its calls decide
    const cfgs = await Promise.all([...up].map((x) => loadModuleConfig(project, x)));
    const children = new Map<string, string[]>();
    const called = new Set<string>();
    for (const cfg of cfgs) {
      const list: string[] = [];
      for (const m of cfg.modules) {
        const child = localSourceDir(cfg.dir, literalString(m.block.attributes['source']?.expr));
        if (child === undefined || child === cfg.dir) continue;
        list.push(child);
        called.add(child);
      }
      children.set(cfg.dir, list);
    }
    const reaches = (from: string, seen = new Set<string>()): boolean => {
      if (from === d) return true;
      seen.add(from);
      return (children.get(from) ?? []).some((c) => !seen.has(c) && reaches(c, seen));
    };
    const dirs = terraformDirSet(project).has;
    return [...up].filter((x) => dirs.has(x) && !called.has(x) && reaches(x)).sort();
  }, RECENT);
}

// ---------------------------------------------------------------------------------------------
// Evaluated views

/** An attribute value found by `get(path)`. */
export interface AttrResult {
  value: Value;
  /** False when the value is `unknown`. */
  known: boolean;
  /** File and range where the value was written (a literal here, a variable default, a tfvars entry, a local...). */
  file: string;
  range: Range;
  /** The attribute in this block (for reporting against the resource itself). */
  attribute?: HclAttribute;
  attributeFile: string;
  attributeRange: Range;
}

/** Split attribute paths, by path: rules ask for the same few constant paths millions of times (read only). */
const splitPaths = new Map<string, readonly string[]>();

function splitPath(p: string): readonly string[] {
  let parts = splitPaths.get(p);
  if (parts) return parts;
  parts = p
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\["([^"]*)"\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
  if (splitPaths.size < 10_000) splitPaths.set(p, parts);
  return parts;
}

/** A block with its evaluation context: resources, data sources, providers, nested blocks. */
export class BlockView {
  private readonly values = new Map<string, Value>();
  private readonly nested = new Map<string, BlockView[]>();

  constructor(
    readonly module: TerraformModule,
    readonly block: HclBlock,
    readonly file: string,
    readonly ctx: EvalContext,
    /** Block type (for a block produced by `dynamic "x"`, `x`). */
    readonly type: string = block.type,
    /** False for a block from a `dynamic` whose for_each is not known (its iterator is unknown). */
    readonly expansionKnown = true,
  ) {}

  get range(): Range {
    return this.block.range;
  }
  get typeRange(): Range {
    return this.block.typeRange;
  }

  /** The raw attribute of this block. */
  attribute(name: string): HclAttribute | undefined {
    return Object.prototype.hasOwnProperty.call(this.block.attributes, name) ? this.block.attributes[name] : undefined;
  }

  /** Names of the attributes written in this block. */
  attributeNames(): string[] {
    return Object.keys(this.block.attributes);
  }

  /** The evaluated value of an attribute of this block (cached); undefined when not set. */
  value(name: string): Value | undefined {
    const cached = this.values.get(name);
    if (cached) return cached;
    const a = this.attribute(name);
    if (!a) return undefined;
    const v = evaluate(a.expr, this.ctx);
    this.values.set(name, v);
    return v;
  }

  /**
   * The value at a path of attributes and nested blocks, e.g. `versioning.enabled`,
   * `tags.Environment`, `ingress.1.from_port`, `rule[0].id`. Undefined when not set.
   */
  get(p: string | string[]): AttrResult | undefined {
    const segs = Array.isArray(p) ? p : splitPath(p);
    if (segs.length === 0) return undefined;
    return this.getSegs(segs, 0);
  }

  /** Alias of `get`. */
  attr(p: string | string[]): AttrResult | undefined {
    return this.get(p);
  }

  has(p: string | string[]): boolean {
    return this.get(p) !== undefined;
  }

  private getSegs(segs: readonly string[], i: number): AttrResult | undefined {
    const name = segs[i];
    const a = this.attribute(name);
    if (a) {
      let v = this.value(name)!;
      let expr: HclExpr | undefined = a.expr;
      for (let j = i + 1; j < segs.length; j++) {
        const seg = segs[j];
        const next = navigate(v, seg);
        if (next === undefined) return undefined;
        if (next.viaFirst && expr?.kind === 'tuple') expr = expr.items[0];
        expr = subExpr(expr, seg, next.viaFirst);
        v = next.value;
      }
      const origin = v.origin;
      const range = origin?.range ?? expr?.range ?? a.expr.range;
      return {
        value: v,
        known: v.kind !== 'unknown',
        file: origin?.file ?? this.file,
        range,
        attribute: a,
        attributeFile: this.file,
        attributeRange: a.range,
      };
    }
    const bs = this.blocks(name);
    if (bs.length === 0) return undefined;
    let j = i + 1;
    let idx = 0;
    if (j < segs.length && /^\d+$/.test(segs[j])) {
      idx = Number(segs[j]);
      j++;
    }
    const b = bs[idx];
    if (!b) return undefined;
    if (j >= segs.length) {
      const v = b.toValue();
      return { value: v, known: true, file: b.file, range: b.range, attributeFile: b.file, attributeRange: b.range };
    }
    return b.getSegs(segs, j);
  }

  /** Nested blocks of a type, with `dynamic` blocks expanded (and `x = [{...}]` attribute syntax). */
  blocks(type: string): BlockView[] {
    const cached = this.nested.get(type);
    if (cached) return cached;
    const out: BlockView[] = [];
    for (const b of this.block.blocks) {
      if (b.type === type) out.push(new BlockView(this.module, b, this.file, this.ctx));
      else if (b.type === 'dynamic' && b.labels[0] === type) out.push(...this.expandDynamic(b, type));
    }
    if (out.length === 0) {
      const a = this.attribute(type);
      if (a) out.push(...attributeBlocks(this, a, type));
    }
    this.nested.set(type, out);
    return out;
  }

  /** Every nested block (dynamic blocks expanded), in source order. */
  allBlocks(): BlockView[] {
    const types: string[] = [];
    for (const b of this.block.blocks) {
      const t = b.type === 'dynamic' ? b.labels[0] : b.type;
      if (t !== undefined && !types.includes(t)) types.push(t);
    }
    return types.flatMap((t) => this.blocks(t));
  }

  private expandDynamic(b: HclBlock, type: string): BlockView[] {
    const content = b.blocks.find((c) => c.type === 'content');
    if (!content) return [];
    const itAttr = b.attributes['iterator'];
    const itName = itAttr && itAttr.expr.kind === 'traversal' ? itAttr.expr.root : type;
    const fe = b.attributes['for_each'];
    const coll = fe ? evaluate(fe.expr, this.ctx) : errorValue('dynamic block without for_each');
    const pairs = coll.kind === 'null' ? [] : iterate(coll);
    const mk = (it: Iteration, known: boolean) =>
      new BlockView(this.module, content, this.file, { ...this.ctx, iterators: { ...(this.ctx.iterators ?? {}), [itName]: it } }, type, known);
    if (!pairs) {
      const u = unknownFrom(`the for_each of dynamic "${type}" is not known`, coll);
      return [mk({ key: u, value: u }, false)];
    }
    return pairs.map(([k, v]) => mk({ key: k, value: v }, true));
  }

  /** The block as a map value (attributes, and nested blocks as lists of maps). */
  toValue(): Value {
    const r = newRecord<Value>();
    for (const name of this.attributeNames()) r[name] = this.value(name)!;
    for (const b of this.allBlocks()) {
      const cur = r[b.type];
      const v = b.toValue();
      if (cur && cur.kind === 'list') cur.items.push(v);
      else r[b.type] = list([v]);
    }
    return map(r);
  }
}

/** `ingress = [{...}]` / `versioning = {...}` written as attributes (and JSON syntax). */
function attributeBlocks(view: BlockView, a: HclAttribute, type: string): BlockView[] {
  const objs: HclExpr[] = a.expr.kind === 'object' ? [a.expr] : a.expr.kind === 'tuple' ? a.expr.items : [];
  const out: BlockView[] = [];
  for (const o of objs) {
    if (o.kind !== 'object') return [];
    const attributes = newRecord<HclAttribute>();
    for (const item of o.items) {
      if (item.keyName === undefined) continue;
      attributes[item.keyName] = { name: item.keyName, range: item.value.range, nameRange: item.key.range, expr: item.value };
    }
    const block: HclBlock = { type, labels: [], labelRanges: [], range: o.range, typeRange: a.nameRange, attributes, blocks: [] };
    out.push(new BlockView(view.module, block, view.file, view.ctx));
  }
  return out;
}

function navigate(v: Value, seg: string): { value: Value; viaFirst: boolean } | undefined {
  switch (v.kind) {
    case 'map':
      return Object.prototype.hasOwnProperty.call(v.entries, seg) ? { value: v.entries[seg], viaFirst: false } : undefined;
    case 'list': {
      if (/^\d+$/.test(seg)) {
        const x = v.items[Number(seg)];
        return x ? { value: x, viaFirst: false } : undefined;
      }
      const first = v.items[0];
      if (!first) return undefined;
      const r = navigate(first, seg);
      return r ? { value: r.value, viaFirst: true } : undefined;
    }
    case 'reference':
      return { value: { ...v, attribute: v.attribute ? `${v.attribute}.${seg}` : seg, origin: undefined }, viaFirst: false };
    case 'unknown':
      return { value: v, viaFirst: false };
    default:
      return undefined;
  }
}

function subExpr(e: HclExpr | undefined, seg: string, viaFirst: boolean): HclExpr | undefined {
  if (!e) return undefined;
  if (viaFirst && e.kind === 'tuple') e = e.items[0];
  if (!e) return undefined;
  if (e.kind === 'object') return e.items.find((i) => i.keyName === seg)?.value;
  if (e.kind === 'tuple' && /^\d+$/.test(seg)) return e.items[Number(seg)];
  return undefined;
}

/** for_each collection → [each.key, each.value] pairs; undefined when unknown. */
function forEachPairs(v: Value): [Value, Value][] | undefined {
  if (v.kind === 'map') return iterate(v);
  if (v.kind === 'list') {
    // a set of strings: key = value
    const out: [Value, Value][] = [];
    const seen = new Set<string>();
    for (const item of v.items) {
      const s = asString(item);
      if (s === undefined) {
        if (item.kind === 'unknown' || item.kind === 'reference') return undefined;
        return v.items.map((x, i) => [num(i), x]);
      }
      if (seen.has(s)) continue;
      seen.add(s);
      out.push([str(s), str(s)]);
    }
    // sets of strings iterate in lexical order
    return out.sort((a, b) => ((a[0] as { value: string }).value < (b[0] as { value: string }).value ? -1 : 1));
  }
  if (v.kind === 'null') return [];
  return undefined;
}

/** A resource or data source instance. */
export class ResourceInstance extends BlockView {
  constructor(
    module: TerraformModule,
    block: HclBlock,
    file: string,
    ctx: EvalContext,
    readonly mode: 'managed' | 'data',
    /** Instance key (count index or for_each key); undefined for a single instance or unknown expansion. */
    readonly key: string | number | undefined,
    /** False when count / for_each is not known (one instance stands for all of them). */
    expansionKnown: boolean,
  ) {
    super(module, block, file, ctx, block.type, expansionKnown);
  }

  get resourceType(): string {
    return this.block.labels[0];
  }
  get name(): string {
    return this.block.labels[1];
  }
  /** Address without the instance key, e.g. `module.app.aws_s3_bucket.b`. */
  get resourceAddress(): string {
    return `${this.module.prefix}${this.mode === 'data' ? 'data.' : ''}${this.resourceType}.${this.name}`;
  }
  /** Full address, e.g. `aws_s3_bucket.b["logs"]`. */
  get address(): string {
    return this.resourceAddress + keySuffix(this.key);
  }
  /** The block range of the resource header (type keyword and labels), for findings on the resource. */
  get headerRange(): Range {
    const last = this.block.labelRanges[this.block.labelRanges.length - 1];
    return last ? { start: this.block.typeRange.start, end: last.end } : this.block.typeRange;
  }
}

function keySuffix(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export interface Variable {
  name: string;
  file: string;
  block: HclBlock;
  range: Range;
  sensitive: boolean;
  hasDefault: boolean;
  /** The evaluated default (undefined when there is none). */
  default?: Value;
  /** Text of the `type` constraint, if any. */
  typeText?: string;
  description?: string;
  /** The value used: tfvars / module input, else the default, else unknown. */
  value: Value;
  /** Where the value comes from. */
  source: 'tfvars' | 'input' | 'default' | 'none';
  /** Where the value was written. */
  valueOrigin?: Origin;
}

export interface Output {
  name: string;
  file: string;
  block: HclBlock;
  sensitive: boolean;
  value: Value;
}

export interface ModuleCall {
  name: string;
  file: string;
  block: HclBlock;
  source?: string;
  /** Directory of a local module source. */
  dir?: string;
  /** Evaluated instances (empty for a remote module or count = 0). */
  instances: TerraformModule[];
}

interface ModuleOptions {
  parent?: TerraformModule;
  name?: string;
  key?: string | number;
  expansionKnown?: boolean;
  /** The calling module block, evaluated in the parent's context. */
  call?: { block: HclBlock; file: string; ctx: EvalContext };
  depth?: number;
}

const IN_PROGRESS = Symbol('in-progress');
const MAX_MODULE_DEPTH = 16;
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** An evaluated module (root or a call of a local module). */
export class TerraformModule implements ScopeHost {
  readonly dir: string;
  /** '' for a root module, else e.g. `module.net` or `module.app["a"]`. */
  readonly address: string;
  /** Address prefix for resources: '' or `module.net.`. */
  readonly prefix: string;
  readonly parent?: TerraformModule;
  readonly key?: string | number;
  readonly expansionKnown: boolean;
  private readonly ctx: EvalContext;
  private readonly localDecls = new Map<string, { attribute: HclAttribute; file: string }>();
  private readonly localValues = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly outputValues = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly varValues = new Map<string, Variable | typeof IN_PROGRESS>();
  private managed?: Map<string, ResourceInstance[]>;
  private dataInstances?: Map<string, ResourceInstance[]>;
  private calls?: ModuleCall[];
  private tfvarsValues?: Map<string, { attribute: HclAttribute; file: string }>;

  constructor(
    readonly config: ModuleConfig,
    private readonly configs: Map<string, ModuleConfig>,
    private readonly opts: ModuleOptions,
  ) {
    this.dir = config.dir;
    this.parent = opts.parent;
    this.key = opts.key;
    this.expansionKnown = opts.expansionKnown ?? true;
    this.address = opts.parent && opts.name ? `${opts.parent.prefix}module.${opts.name}${keySuffix(opts.key)}` : '';
    this.prefix = this.address ? this.address + '.' : '';
    this.ctx = { host: this };
    for (const l of config.locals) this.localDecls.set(l.attribute.name, l);
  }

  /** The root of this module tree. */
  get root(): TerraformModule {
    return this.parent ? this.parent.root : this;
  }

  /** Parse problems of the module's files. */
  get problems(): { file: string; problem: ParseProblem }[] {
    return [...this.config.files, ...this.config.tfvars].flatMap((f) => f.problems.map((problem) => ({ file: f.path, problem })));
  }

  // ------------------------------------------------------------------ ScopeHost

  variable(name: string): Value {
    if (this.varValues.get(name) === IN_PROGRESS) return unknown(`var.${name} depends on itself`, [`var.${name}`]);
    const v = this.variableInfo(name);
    // Terraform rejects a reference to an undeclared variable before evaluating (try() and can() do
    // not catch it), so it is not a dynamic error here: the scan most likely lacks the file declaring it.
    if (!v) return unknown(`var.${name} is not declared in the scanned files`, [`var.${name}`]);
    return v.valueOrigin ? withOrigin(v.value, v.valueOrigin) : v.value;
  }

  local(name: string): Value {
    const cached = this.localValues.get(name);
    if (cached === IN_PROGRESS) return unknown(`local.${name} is part of a dependency cycle`, [`local.${name}`]);
    if (cached) return cached;
    const decl = this.localDecls.get(name);
    if (!decl) return errorValue(`local.${name} is not declared`);
    this.localValues.set(name, IN_PROGRESS);
    let v = evaluate(decl.attribute.expr, this.ctx);
    if (v.kind === 'unknown' && !v.inputs.includes(`local.${name}`) && v.reason.includes('dependency cycle')) {
      v = { ...v, inputs: [...v.inputs, `local.${name}`] };
    }
    v = withOrigin(v, { file: decl.file, range: decl.attribute.expr.range });
    this.localValues.set(name, v);
    return v;
  }

  pathValue(which: string): Value {
    if (which === 'module') return str(this.dir || '.');
    if (which === 'root' || which === 'cwd') return str(this.root.dir || '.');
    return errorValue(`path.${which} is not valid`);
  }

  moduleRef(name: string, steps: HclTraversalStep[], ctx: EvalContext): Value {
    const call = this.moduleCalls.find((c) => c.name === name);
    if (!call) return errorValue(`module.${name} is not declared`);
    if (call.dir === undefined) {
      return unknown(`module.${name} (${call.source ?? 'no source'}) is not a local module; its outputs are not known`, [`module.${name}`]);
    }
    const hasExpansion = !!(call.block.attributes['count'] || call.block.attributes['for_each']);
    let inst: TerraformModule | undefined;
    let rest = steps;
    if (!hasExpansion) inst = call.instances[0];
    else {
      const first = steps[0];
      if (first?.kind !== 'index') {
        if (call.instances.length === 1 && !call.instances[0].expansionKnown) return unknown(`module.${name}'s count/for_each is not known`, [`module.${name}`]);
        return unknown(`module.${name} has several instances`, [`module.${name}`]);
      }
      const k = evaluate(first.key, ctx);
      const ks = k.kind === 'number' ? k.value : asString(k);
      if (ks === undefined) return unknownFrom(`the module instance key ${first.key.text} is not known`, k);
      inst = call.instances.find((m) => m.key === ks || String(m.key) === String(ks));
      if (!inst && call.instances.length === 1 && !call.instances[0].expansionKnown) inst = call.instances[0];
      rest = steps.slice(1);
    }
    if (!inst) return errorValue(`module.${name} has no such instance`);
    const out = rest[0];
    if (out?.kind !== 'attr') return unknown(`module.${name} used as a whole object is not evaluated`, [`module.${name}`]);
    return applySteps(inst.output(out.name), rest.slice(1), ctx, 0);
  }

  resourceRef(mode: 'managed' | 'data', type: string, name: string, steps: HclTraversalStep[], ctx: EvalContext): Value {
    const resource = `${this.prefix}${mode === 'data' ? 'data.' : ''}${type}.${name}`;
    const base: ReferenceValue = { kind: 'reference', address: resource, resource, mode, type, name, attribute: '' };
    const first = steps[0];
    if (first?.kind === 'index') {
      const k = evaluate(first.key, ctx);
      const key = k.kind === 'number' ? k.value : k.kind === 'string' ? k.value : undefined;
      const attribute = stepsText(steps.slice(1), ctx, 0).replace(/^\./, '');
      if (key === undefined) return { ...base, address: `${resource}[?]`, attribute };
      return { ...base, key, address: resource + keySuffix(key), attribute };
    }
    if (first?.kind === 'splat') {
      const rest = steps.slice(1);
      const insts = (mode === 'data' ? this.dataMap() : this.managedMap()).get(type)?.filter((i) => i.name === name);
      const attribute = stepsText(rest, ctx, 0).replace(/^\./, '');
      if (insts && insts.every((i) => i.expansionKnown)) {
        return list(insts.map((i) => ({ ...base, key: i.key, address: i.address, attribute })));
      }
      return { ...base, attribute: attribute ? `[*].${attribute}` : '[*]' };
    }
    return { ...base, attribute: stepsText(steps, ctx, 0).replace(/^\./, '') };
  }

  // ------------------------------------------------------------------ variables, outputs

  private tfvars(): Map<string, { attribute: HclAttribute; file: string }> {
    if (this.tfvarsValues) return this.tfvarsValues;
    const m = new Map<string, { attribute: HclAttribute; file: string }>();
    if (!this.parent) {
      for (const f of this.config.tfvars) for (const a of f.hcl.attributes) m.set(a.name, { attribute: a, file: f.path });
    }
    return (this.tfvarsValues = m);
  }

  /** A declared variable with its resolved value. */
  variableInfo(name: string): Variable | undefined {
    const cached = this.varValues.get(name);
    if (cached === IN_PROGRESS) {
      return undefined;
    }
    if (cached) return cached;
    const decl = this.config.variables.find((d) => d.block.labels[0] === name);
    if (!decl) return undefined;
    this.varValues.set(name, IN_PROGRESS);
    const b = decl.block;
    const defAttr = b.attributes['default'];
    const def = defAttr ? evaluate(defAttr.expr, this.ctx) : undefined;
    const sens = b.attributes['sensitive'] ? evaluate(b.attributes['sensitive'].expr, this.ctx) : undefined;
    const typeText = b.attributes['type']?.expr.text;
    const info: Variable = {
      name,
      file: decl.file,
      block: b,
      range: b.range,
      sensitive: sens?.kind === 'bool' && sens.value,
      hasDefault: !!defAttr,
      default: def,
      typeText,
      description: asString(b.attributes['description'] ? evaluate(b.attributes['description'].expr, this.ctx) : undefined),
      value: NULL,
      source: 'none',
    };
    const input = this.opts.call?.block.attributes[name];
    const tv = this.tfvars().get(name);
    if (input && this.opts.call && !MODULE_META.has(name)) {
      info.value = evaluate(input.expr, this.opts.call.ctx);
      info.source = 'input';
      info.valueOrigin = info.value.origin ?? { file: this.opts.call.file, range: input.expr.range };
    } else if (tv) {
      info.value = evaluate(tv.attribute.expr, { host: this });
      info.source = 'tfvars';
      info.valueOrigin = { file: tv.file, range: tv.attribute.expr.range };
    } else if (def) {
      info.value = def;
      info.source = 'default';
      info.valueOrigin = { file: decl.file, range: defAttr!.expr.range };
    } else {
      info.value = this.parent
        ? unknown(`${this.address} does not set input "${name}" and var.${name} has no default`, [`${this.address}.var.${name}`])
        : unknown(`var.${name} has no default and no tfvars value`, [`var.${name}`]);
    }
    if (info.value.kind === 'null' && info.source === 'input' && def) {
      // nullable inputs set to null fall back to the default only when nullable = false
      const nullable = b.attributes['nullable'] ? evaluate(b.attributes['nullable'].expr, this.ctx) : bool(true);
      if (nullable.kind === 'bool' && !nullable.value) info.value = def;
    }
    info.value = convertToType(info.value, typeText);
    this.varValues.set(name, info);
    return info;
  }

  /** Declared variables by name. */
  get variables(): Map<string, Variable> {
    const m = new Map<string, Variable>();
    for (const d of this.config.variables) {
      const v = this.variableInfo(d.block.labels[0]);
      if (v) m.set(v.name, v);
    }
    return m;
  }

  /** The value of an output of this module. */
  output(name: string): Value {
    const cached = this.outputValues.get(name);
    if (cached === IN_PROGRESS) return unknown(`output ${name} of ${this.address || 'the root module'} is part of a dependency cycle`);
    if (cached) return cached;
    const decl = this.config.outputs.find((d) => d.block.labels[0] === name);
    if (!decl) return errorValue(`${this.address || 'module'} has no output ${name}`);
    this.outputValues.set(name, IN_PROGRESS);
    const a = decl.block.attributes['value'];
    let v = a ? evaluate(a.expr, this.ctx) : errorValue(`output ${name} has no value`);
    if (a) v = withOrigin(v, { file: decl.file, range: a.expr.range });
    this.outputValues.set(name, v);
    return v;
  }

  get outputs(): Map<string, Output> {
    const m = new Map<string, Output>();
    for (const d of this.config.outputs) {
      const name = d.block.labels[0];
      const s = d.block.attributes['sensitive'];
      const sv = s ? evaluate(s.expr, this.ctx) : undefined;
      m.set(name, { name, file: d.file, block: d.block, sensitive: sv?.kind === 'bool' && sv.value, value: this.output(name) });
    }
    return m;
  }

  /** A local value with where it was written; undefined when not declared. */
  localInfo(name: string): AttrResult | undefined {
    const decl = this.localDecls.get(name);
    if (!decl) return undefined;
    const v = this.local(name);
    return {
      value: v,
      known: v.kind !== 'unknown',
      file: v.origin?.file ?? decl.file,
      range: v.origin?.range ?? decl.attribute.expr.range,
      attribute: decl.attribute,
      attributeFile: decl.file,
      attributeRange: decl.attribute.range,
    };
  }

  /** Evaluate any expression in this module's scope. */
  evaluate(expr: HclExpr): Value {
    return evaluate(expr, this.ctx);
  }

  // ------------------------------------------------------------------ resources

  private expand(decls: Declaration[], mode: 'managed' | 'data'): Map<string, ResourceInstance[]> {
    const m = new Map<string, ResourceInstance[]>();
    for (const d of decls) {
      const type = d.block.labels[0];
      let arr = m.get(type);
      if (!arr) m.set(type, (arr = []));
      for (const e of expansions(d.block, this.ctx, `${this.prefix}${mode === 'data' ? 'data.' : ''}${type}.${d.block.labels[1]}`)) {
        arr.push(new ResourceInstance(this, d.block, d.file, e.ctx, mode, e.key, e.known));
      }
    }
    return m;
  }

  private managedMap(): Map<string, ResourceInstance[]> {
    return (this.managed ??= this.expand(this.config.resources, 'managed'));
  }

  private dataMap(): Map<string, ResourceInstance[]> {
    return (this.dataInstances ??= this.expand(this.config.data, 'data'));
  }

  /**
   * Resource instances (count / for_each expanded; count = 0 or an empty for_each gives none), of
   * one type or all, including those of local child modules unless `recursive: false`.
   */
  resources(type?: string, opts: { recursive?: boolean } = {}): ResourceInstance[] {
    const own = type === undefined ? [...this.managedMap().values()].flat() : this.managedMap().get(type) ?? [];
    if (opts.recursive === false) return own;
    const kids = this.childModules().flatMap((c) => c.resources(type, opts));
    return kids.length ? [...own, ...kids] : own;
  }

  /** Data source instances, like `resources`. */
  data(type?: string, opts: { recursive?: boolean } = {}): ResourceInstance[] {
    const own = type === undefined ? [...this.dataMap().values()].flat() : this.dataMap().get(type) ?? [];
    if (opts.recursive === false) return own;
    const kids = this.childModules().flatMap((c) => c.data(type, opts));
    return kids.length ? [...own, ...kids] : own;
  }

  /** Provider configurations of this module. */
  get providers(): (BlockView & { providerName: string; alias?: string })[] {
    return this.config.providers.map((d) => {
      const v = new BlockView(this, d.block, d.file, this.ctx) as BlockView & { providerName: string; alias?: string };
      v.providerName = d.block.labels[0];
      v.alias = asString(v.value('alias'));
      return v;
    });
  }

  /** `terraform { }` blocks. */
  get terraformBlocks(): BlockView[] {
    return this.config.terraform.map((d) => new BlockView(this, d.block, d.file, this.ctx));
  }

  /** Module calls of this module (local ones evaluated). */
  get moduleCalls(): ModuleCall[] {
    if (this.calls) return this.calls;
    this.calls = [];
    const depth = this.opts.depth ?? 0;
    for (const d of this.config.modules) {
      const name = d.block.labels[0];
      const source = literalString(d.block.attributes['source']?.expr);
      const dir = localSourceDir(this.dir, source);
      const cfg = dir !== undefined ? this.configs.get(dir) : undefined;
      const call: ModuleCall = { name, file: d.file, block: d.block, source, dir: cfg ? dir : undefined, instances: [] };
      if (cfg && depth < MAX_MODULE_DEPTH && cfg.files.length > 0) {
        for (const e of expansions(d.block, this.ctx, `${this.prefix}module.${name}`)) {
          call.instances.push(
            new TerraformModule(cfg, this.configs, {
              parent: this,
              name,
              key: e.key,
              expansionKnown: e.known,
              call: { block: d.block, file: d.file, ctx: e.ctx },
              depth: depth + 1,
            }),
          );
        }
      }
      this.calls.push(call);
    }
    return this.calls;
  }

  /** Evaluated child module instances. */
  childModules(): TerraformModule[] {
    return this.moduleCalls.flatMap((c) => c.instances);
  }

  /** Find an instance by full address in this module tree. */
  instance(address: string): ResourceInstance | undefined {
    for (const i of [...this.resources(), ...this.data()]) if (i.address === address) return i;
    return undefined;
  }

  /**
   * Resources of `type` (anywhere in this module tree) whose attribute `attribute` refers to
   * `target`: by reference (`bucket = aws_s3_bucket.b.id`), or by a known string equal to the
   * target's known `id`, `bucket`, `name` or `arn`.
   */
  findReferencing(type: string, attribute: string, target: ResourceInstance): ResourceInstance[] {
    const root = this.root;
    const idx = root.referenceIndex(type, attribute);
    const out = new Set<ResourceInstance>();
    for (const c of idx.get('@' + target.resourceAddress) ?? []) {
      const r = c.get(attribute);
      if (r && refersTo(r.value, target, new Set())) out.add(c);
    }
    for (const a of ['id', 'bucket', 'name', 'arn']) {
      const v = target.value(a);
      if (v && v.kind === 'string') for (const c of idx.get('=' + v.value) ?? []) out.add(c);
    }
    return [...out];
  }

  private refIndexes?: Map<string, Map<string, ResourceInstance[]>>;

  /** Instances of `type` by what their `attribute` refers to ('@address' or '=string'); built once. */
  private referenceIndex(type: string, attribute: string): Map<string, ResourceInstance[]> {
    this.refIndexes ??= new Map();
    const k = `${type}\u0000${attribute}`;
    let idx = this.refIndexes.get(k);
    if (idx) return idx;
    idx = new Map();
    const add = (key: string, i: ResourceInstance) => {
      const arr = idx!.get(key);
      if (!arr) idx!.set(key, [i]);
      else if (!arr.includes(i)) arr.push(i);
    };
    const visit = (v: Value, i: ResourceInstance) => {
      if (v.kind === 'reference') add('@' + v.resource, i);
      else if (v.kind === 'string') add('=' + v.value, i);
      else if (v.kind === 'list') v.items.forEach((x) => visit(x, i));
      else if (v.kind === 'unknown') v.references.forEach((x) => visit(x, i));
    };
    for (const i of this.resources(type)) {
      const r = i.get(attribute);
      if (r) visit(r.value, i);
    }
    this.refIndexes.set(k, idx);
    return idx;
  }

  /** The resource instances a value refers to. */
  resolveReference(ref: ReferenceValue): ResourceInstance[] {
    const all = ref.mode === 'data' ? this.root.data(ref.type) : this.root.resources(ref.type);
    return all.filter((i) => i.resourceAddress === ref.resource && (ref.key === undefined || i.key === undefined || i.key === ref.key));
  }
}

function refersTo(v: Value, t: ResourceInstance, names: Set<string>): boolean {
  switch (v.kind) {
    case 'reference':
      return v.resource === t.resourceAddress && (v.key === undefined || t.key === undefined || v.key === t.key);
    case 'list':
      return v.items.some((x) => refersTo(x, t, names));
    case 'unknown':
      return v.references.some((x) => refersTo(x, t, names));
    case 'string':
      return names.has(v.value);
    default:
      return false;
  }
}

interface Expansion {
  key: string | number | undefined;
  ctx: EvalContext;
  known: boolean;
}

/** Instances of a block with count / for_each, evaluated in `ctx`. */
function expansions(block: HclBlock, ctx: EvalContext, address: string): Expansion[] {
  const countAttr = block.attributes['count'];
  const feAttr = block.attributes['for_each'];
  if (countAttr) {
    const v = evaluate(countAttr.expr, ctx);
    const n = v.kind === 'number' ? v.value : v.kind === 'string' && v.value.trim() !== '' ? Number(v.value) : NaN;
    if (Number.isInteger(n) && n >= 0) {
      const out: Expansion[] = [];
      for (let i = 0; i < Math.min(n, 1000); i++) out.push({ key: i, ctx: { ...ctx, countIndex: num(i) }, known: true });
      return out;
    }
    const u = unknownFrom(`the count of ${address} is not known`, v);
    return [{ key: undefined, ctx: { ...ctx, countIndex: u }, known: false }];
  }
  if (feAttr) {
    const v = evaluate(feAttr.expr, ctx);
    const pairs = forEachPairs(v);
    if (pairs) {
      return pairs.map(([k, val]) => ({
        key: k.kind === 'string' ? k.value : k.kind === 'number' ? k.value : undefined,
        ctx: { ...ctx, each: { key: k, value: val } },
        known: true,
      }));
    }
    const u = unknownFrom(`the for_each of ${address} is not known`, v);
    return [{ key: undefined, ctx: { ...ctx, each: { key: u, value: u }, eachUnknown: u }, known: false }];
  }
  return [{ key: undefined, ctx, known: true }];
}

/** Light conversion of a variable value to its declared primitive type. */
function convertToType(v: Value, typeText: string | undefined): Value {
  if (!typeText) return v;
  const t = typeText.trim();
  if (t === 'number' && v.kind === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value))) return { ...num(Number(v.value)), origin: v.origin };
  if (t === 'bool' && v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return { ...bool(v.value === 'true'), origin: v.origin };
  if (t === 'string' && (v.kind === 'number' || v.kind === 'bool')) return { ...str(String(v.value)), origin: v.origin };
  return v;
}
