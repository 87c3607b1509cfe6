/**
 * Shared helpers of the Terraform AWS rules: a rule factory with the pack's defaults, a reporter that
 * says where a value came from (and supports per-finding severity and secrets), boolean/enum checks
 * with "missing at the nearest block", and an IAM policy reader (JSON literals, heredocs,
 * `jsonencode({...})` with references inside, `data.aws_iam_policy_document`).
 */
import type { ReportDescriptor, Rule, RuleContext, RuleMeta } from '../../../../src/model/rule.js';
import type { Range } from '../../../../src/model/location.js';
import type { Severity } from '../../../../src/model/severity.js';
import type { StandardsRefs, Equivalents } from '../../../../src/model/standards.js';
import type { HclBlock, HclExpr } from '../../../../src/parsers/hcl/model.js';
import { coversAllAddresses } from '../../cidr.js';
import {
  asList,
  asString,
  evaluate,
  isFalse,
  isTrue,
  type AttrResult,
  type BlockView,
  type EvalContext,
  type ResourceInstance,
  type TerraformModule,
  type Value,
} from '../../../../src/terraform/index.js';
import { blockTriggers, instancesInFile, isConfigFile, moduleOfFile } from '../support.js';

// ---------------------------------------------------------------------------------------------
// Reporting

export interface ReportOpts {
  severity?: Severity;
  secrets?: string[];
}

/** What a finding is about: a resource instance, or a module call (see `registryModuleCalls`). */
export interface Reportable {
  address: string;
  headerRange: Range;
}

export interface AwsReporter {
  /** On the resource header (something needed is missing from the resource). */
  missing(inst: Reportable, messageId: string, data?: ReportDescriptor['data'], opts?: ReportOpts): void;
  /** On a nested block's first line (something is missing from that block); header if elsewhere. */
  block(inst: Reportable, block: BlockView, messageId: string, data?: ReportDescriptor['data'], opts?: ReportOpts): void;
  /** At an attribute; data gets `actual` (the value) and `from` (" (from file:line)" or ""). */
  attr(inst: Reportable, attr: AttrResult, messageId: string, data?: ReportDescriptor['data'], opts?: ReportOpts): void;
  /** At an explicit range of this file. */
  at(range: Range, messageId: string, data?: ReportDescriptor['data'], opts?: ReportOpts): void;
}

/** " (from terraform.tfvars:1)" when the value was written elsewhere than the attribute, else "". */
export function fromText(attr: AttrResult): string {
  const elsewhere = attr.file !== attr.attributeFile || attr.range.start.line !== attr.attributeRange.start.line;
  return elsewhere ? ` (from ${attr.file}:${attr.range.start.line})` : '';
}

/** A short rendering of a value for messages (strings quoted, long values cut). */
export function show(v: Value): string {
  let s: string;
  switch (v.kind) {
    case 'string':
      s = JSON.stringify(v.value);
      break;
    case 'number':
    case 'bool':
      s = String(v.value);
      break;
    case 'null':
      s = 'null';
      break;
    case 'list':
      s = `[${v.items.map(show).join(', ')}]`;
      break;
    default:
      s = v.kind === 'reference' ? `${v.address}.${v.attribute}` : v.kind === 'map' ? '{…}' : '(unknown)';
  }
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}

export function awsReporter(ctx: RuleContext): AwsReporter {
  const seen = new Set<string>();
  const emit = (messageId: string, range: Range, data: ReportDescriptor['data'], opts: ReportOpts | undefined, properties?: Record<string, unknown>) => {
    const k = JSON.stringify([messageId, range.start, range.end]);
    if (seen.has(k)) return;
    seen.add(k);
    const d: ReportDescriptor = { messageId, range, data };
    if (opts?.severity) d.severity = opts.severity;
    if (opts?.secrets?.length) d.secrets = opts.secrets;
    if (properties) d.properties = properties;
    ctx.report(d);
  };
  return {
    missing(inst, messageId, data = {}, opts) {
      emit(messageId, inst.headerRange, { address: inst.address, ...data }, opts);
    },
    block(inst, block, messageId, data = {}, opts) {
      const here = block.file === ctx.file.path;
      emit(messageId, here ? block.typeRange : inst.headerRange, { address: inst.address, ...data }, opts);
    },
    attr(inst, attr, messageId, data = {}, opts) {
      const here = attr.attributeFile === ctx.file.path;
      const from = fromText(attr);
      emit(
        messageId,
        here ? attr.attributeRange : inst.headerRange,
        { address: inst.address, actual: show(attr.value), from, ...data },
        opts,
        from ? { valueFrom: `${attr.file}:${attr.range.start.line}` } : undefined,
      );
    },
    at(range, messageId, data = {}, opts) {
      emit(messageId, range, data, opts);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Rule factories

export interface AwsRuleSpec {
  /** Name after `iac/aws-`. */
  name: string;
  title: string;
  description: string;
  severity: Severity;
  messages: Record<string, string>;
  remediation: string;
  references: string[];
  /** cwe, caf and sbd for this rule; dsss 8 and govuk 9 are added. */
  standards: StandardsRefs;
  equivalents?: Equivalents;
  /** Managed resource types. */
  resources?: string[];
  /** Data source types. */
  data?: string[];
  check(inst: ResourceInstance, r: AwsReporter, ctx: RuleContext): void | Promise<void>;
  /** Checks of well-known registry modules' inputs (e.g. terraform-aws-modules/s3-bucket/aws). */
  modules?: ModuleCheck[];
}

/** A call of a registry module, with its inputs evaluated in the calling module. */
export interface RegistryCall extends Reportable {
  name: string;
  source: string;
  file: string;
  /** An input, like a resource attribute (undefined when not set). */
  get(name: string): AttrResult | undefined;
}

export interface ModuleCheck {
  /** Matches the module `source` (registry address, with or without host / git URL). */
  source: RegExp;
  check(call: RegistryCall, r: AwsReporter, ctx: RuleContext): void;
}

/** Source pattern of a terraform-aws-modules module (registry, or its GitHub repository), optionally a submodule. */
export function tamSource(name: string, submodule?: string): RegExp {
  const sub = submodule ? `//modules/${submodule}` : '';
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  return new RegExp(`^(?:(?:registry\\.terraform\\.io/)?terraform-aws-modules/${esc(name)}/aws${esc(sub)}|(?:git::)?(?:https://|git@|ssh://git@)?github\\.com[/:]terraform-aws-modules/terraform-aws-${esc(name)}(?:\\.git)?${esc(sub)})(?:\\?.*)?$`);
}

function blockHeader(b: HclBlock): Range {
  const last = b.labelRanges[b.labelRanges.length - 1];
  return last ? { start: b.typeRange.start, end: last.end } : b.typeRange;
}

/** Calls of non-local modules written in this file, inputs evaluated in the folder's module. */
export async function registryModuleCalls(ctx: RuleContext): Promise<RegistryCall[]> {
  if (ctx.document.format !== 'hcl' || !ctx.document.hcl.blocks.some((b) => b.type === 'module')) return [];
  const module = await moduleOfFile(ctx);
  const out: RegistryCall[] = [];
  for (const call of module.moduleCalls) {
    if (call.file !== ctx.file.path || call.dir !== undefined || !call.source) continue;
    const b = call.block;
    out.push({
      name: call.name,
      source: call.source,
      file: call.file,
      address: `module.${call.name}`,
      headerRange: blockHeader(b),
      get(name: string): AttrResult | undefined {
        const a = Object.prototype.hasOwnProperty.call(b.attributes, name) ? b.attributes[name] : undefined;
        if (!a) return undefined;
        const value = module.evaluate(a.expr);
        return {
          value,
          known: value.kind !== 'unknown',
          file: value.origin?.file ?? call.file,
          range: value.origin?.range ?? a.expr.range,
          attribute: a,
          attributeFile: call.file,
          attributeRange: a.range,
        };
      },
    });
  }
  return out;
}

export function meta(spec: Pick<AwsRuleSpec, 'name' | 'title' | 'description' | 'severity' | 'messages' | 'remediation' | 'references' | 'standards' | 'equivalents'>): RuleMeta {
  return {
    id: `iac/aws-${spec.name}`,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    kinds: ['terraform'],
    messages: spec.messages,
    remediation: spec.remediation,
    references: spec.references,
    standards: { dsss: ['8'], govuk: ['9'], ...spec.standards },
    equivalents: spec.equivalents ?? {},
    security: true,
    since: '0.1.0',
  };
}

/** A rule over managed resources and/or data sources of some types written in the file. */
export function awsRule(spec: AwsRuleSpec): Rule {
  const resources = spec.resources ?? [];
  const data = spec.data ?? [];
  return {
    meta: meta(spec),
    triggers: blockTriggers(resources, data, !!spec.modules?.length),
    // the engine calls it only on files with a block of its types (triggers); synchronous until it has work: an async call per file costs more than most checks
    check(ctx) {
      if (!isConfigFile(ctx)) return;
      const blocks = ctx.document.hcl.blocks;
      const hasRes = resources.length > 0 && blocks.some((b) => b.type === 'resource' && resources.includes(b.labels[0]));
      const hasData = data.length > 0 && blocks.some((b) => b.type === 'data' && data.includes(b.labels[0]));
      const hasModules = !!spec.modules?.length && blocks.some((b) => b.type === 'module');
      if (!hasRes && !hasData && !hasModules) return;
      return (async () => {
        const r = awsReporter(ctx);
        if (hasModules) {
          for (const call of await registryModuleCalls(ctx)) {
            for (const m of spec.modules!) if (m.source.test(call.source)) m.check(call, r, ctx);
          }
        }
        if (hasRes) for (const inst of await instancesInFile(ctx, resources)) await spec.check(inst, r, ctx);
        if (hasData) for (const inst of await instancesInFile(ctx, data, 'data')) await spec.check(inst, r, ctx);
      })();
    },
  };
}

/** A rule that wants `path` (an attribute, maybe under nested blocks) to be true. */
export function mustBeTrue(spec: {
  name: string;
  title: string;
  description: string;
  severity: Severity;
  resources: string[];
  path: string | ((inst: ResourceInstance) => string);
  /** Default when unset: "false" reports missing; "true" reports only explicit false. */
  defaultFalse: boolean;
  what: string;
  remediation: string;
  references: string[];
  standards: StandardsRefs;
  equivalents: Equivalents;
  skip?: (inst: ResourceInstance) => boolean;
  /** Checks of registry modules' inputs; their messages are those of the rule (`disabled` gets `attribute`). */
  modules?: ModuleCheck[];
}): Rule {
  const messages: Record<string, string> = {
    disabled: `{{attribute}} is {{actual}}{{from}} in {{address}}; expected true: ${spec.what}.`,
  };
  if (spec.defaultFalse) messages.missing = `{{address}} does not set {{attribute}} (defaults to false); ${spec.what}.`;
  return awsRule({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    messages,
    remediation: spec.remediation,
    references: spec.references,
    standards: spec.standards,
    equivalents: spec.equivalents,
    resources: spec.resources,
    modules: spec.modules,
    check(inst, r: AwsReporter) {
      if (spec.skip?.(inst)) return;
      const path = typeof spec.path === 'string' ? spec.path : spec.path(inst);
      requireTrue(inst, r, path, { missing: spec.defaultFalse ? 'missing' : undefined, false: 'disabled' }, { attribute: path });
    },
  });
}

/** A rule over a whole configuration file (providers, variables). */
export function fileRule(spec: Omit<AwsRuleSpec, 'check' | 'resources' | 'data'>, check: (ctx: RuleContext, r: AwsReporter) => void | Promise<void>): Rule {
  return {
    meta: meta(spec),
    check(ctx) {
      if (!isConfigFile(ctx)) return;
      return check(ctx, awsReporter(ctx));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Values

/** The first nested block at a dotted path of block types (e.g. `encrypt_at_rest`), else undefined. */
export function firstBlock(view: BlockView, path: string): BlockView | undefined {
  let cur: BlockView | undefined = view;
  for (const seg of path.split('.')) {
    cur = cur?.blocks(seg)[0];
    if (!cur) return undefined;
  }
  return cur;
}

export type Tri = 'missing' | 'true' | 'false' | 'unknown' | 'other';

/** The state of a boolean attribute: missing, true, false, unknown (or a non-boolean value). */
export function boolState(attr: AttrResult | undefined): Tri {
  if (!attr) return 'missing';
  if (attr.value.kind === 'null') return 'missing';
  if (isTrue(attr.value) === true) return 'true';
  if (isFalse(attr.value) === true) return 'false';
  return attr.known && attr.value.kind !== 'reference' ? 'other' : 'unknown';
}

function reportMissingAt(inst: ResourceInstance, holder: BlockView, r: AwsReporter, id: string, data: ReportDescriptor['data'], opts?: ReportOpts): void {
  if (holder === inst) r.missing(inst, id, data, opts);
  else r.block(inst, holder, id, data, opts);
}

/**
 * Report unless `path` (attribute, optionally under nested blocks: `a.b.enabled`) is true. Missing
 * parts are reported on the nearest existing block (the resource header or the nested block); a
 * known false value at the attribute; unknown values are not reported.
 */
export function requireTrue(inst: ResourceInstance, r: AwsReporter, path: string, ids: { missing?: string; false?: string }, data: ReportDescriptor['data'] = {}, opts?: ReportOpts): void {
  const segs = path.split('.');
  const attrName = segs.pop()!;
  let holder: BlockView = inst;
  for (const seg of segs) {
    const b = holder.blocks(seg)[0];
    if (!b) {
      if (ids.missing) reportMissingAt(inst, holder, r, ids.missing, data, opts);
      return;
    }
    if (!b.expansionKnown) return;
    holder = b;
  }
  const a = holder.get(attrName);
  const st = boolState(a);
  if (st === 'missing') {
    if (ids.missing) reportMissingAt(inst, holder, r, ids.missing, data, opts);
  } else if (st === 'false' && ids.false) r.attr(inst, a!, ids.false, data, opts);
}

/** The known string value of an attribute (undefined when missing, null or unknown). */
export function strAt(view: BlockView, path: string): string | undefined {
  const a = view.get(path);
  return a ? asString(a.value) : undefined;
}

/** True when the attribute is set to something other than null (known or not). */
export function isSet(view: BlockView, path: string): boolean {
  const a = view.get(path);
  // the provider reads an optional string set to "" as not set
  return !!a && a.value.kind !== 'null' && !(a.value.kind === 'string' && a.value.value === '');
}

/** Known strings of a list attribute; undefined when the list (or an item) is not known. */
export function stringList(v: Value | undefined): string[] | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return [v.value];
  const items = asList(v);
  if (!items) return undefined;
  const out: string[] = [];
  for (const i of items) {
    const s = asString(i);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
}

/** Known strings of a list, skipping unknown items (for "does it contain X" questions). */
export function knownStrings(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind === 'string') return [v.value];
  return (asList(v) ?? []).map(asString).filter((s): s is string => s !== undefined);
}

/** Every resource of `type` in the module tree of `inst` (for "is there any X" questions). */
export function allInTree(inst: ResourceInstance, type: string): ResourceInstance[] {
  return inst.module.root.resources(type);
}

// ---------------------------------------------------------------------------------------------
// Secret-looking names and values

/** Variable / environment names that hold credentials. */
export const SECRET_NAME = /(^|[_\-.])(pass(word|wd|phrase)?|pwd|secret|secret[_-]?key|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key|auth[_-]?key|client[_-]?secret|credentials?|db[_-]?pass)($|[_\-.])|password|passwd|secret|apikey|api_key|private_key|access_token|auth_token/i;
/** Names that look secret but hold non-secret data. */
const NOT_SECRET_NAME = /(_arn|_id|_ids|_name|_names|_file|_path|_length|_len|_count|_version|_enabled|_policy|_rotation|_type|_prefix|_suffix|_url|_uri|_ttl|_expiry|_kms_key|_secret_name|_parameter|_ssm|_location)$|^(enable|create|use|rotate|generate|manage)_|secret_?arn|secret_?id|key_?id$|_key_name$|(^|_)length$|password_policy|password_reset|min_password|token_?(ttl|expiry|lifetime|duration)/i;

export function looksSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

/** Placeholder values that are not real secrets. */
export function isPlaceholder(v: string): boolean {
  const s = v.trim();
  if (s.length < 4) return true;
  if (/^(changeme|change[_-]?me|password|secret|example|dummy|todo|tbd|xxx+|\*+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|null|none|undefined|replace[_-]?me|your[_-].*|placeholder|test|fake|sample)$/i.test(s)) return true;
  // references to a secret or key, not the secret: ARNs, KMS aliases, secret-store URIs
  if (/^arn:aws/.test(s) || /^(ssm|secretsmanager|vault):/i.test(s) || /^alias\/[\w/-]+$/.test(s)) return true;
  if (/^projects\/[^/\s]+\/secrets\/[^\s]+$/.test(s) || /^https:\/\/[\w-]+\.vault\.azure\.net\//i.test(s)) return true;
  return false;
}

/** Secrets written into EC2 user data (a boot script): access key ids, private keys, `password=…`-style assignments. */
const USER_DATA_SECRETS: { re: RegExp; what: string }[] = [
  { re: /\b((?:AKIA|ASIA)[0-9A-Z]{16})\b/, what: 'an AWS access key id' },
  { re: /(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----)/, what: 'a private key' },
  { re: /(?:^|[\s"'-])(?:[A-Za-z_]*_)?(?:password|passwd|pwd|secret|secret_key|token|api_key|apikey)\s*[=:]\s*["']?([^\s"'$`{}()<>]{8,})/i, what: 'a password or token' },
];

/** User data written as base64 (Terraform `user_data_base64`, a CloudFormation literal), decoded; undefined when it is not base64. */
export function decodedUserData(text: string): string | undefined {
  return /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text, 'base64').toString('utf8') : undefined;
}

/**
 * The first secret found in the texts of one user data value (its source and its decoded forms), as what
 * it is and the matched value; interpolations (`${…}`) and placeholders are not secrets. Shared by the
 * Terraform and CloudFormation user data rules.
 */
export function userDataSecret(texts: string[]): { what: string; secret: string } | undefined {
  for (const { re, what } of USER_DATA_SECRETS) {
    const m = texts.map((t) => re.exec(t)).find((x) => x && !isPlaceholder(x[1]));
    if (m) return { what, secret: m[1] };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Ports and CIDRs

/** A CIDR covering every address (`0.0.0.0/0`, `::/0`, however spelled), or `*`. */
export function isWorldCidr(c: string): boolean {
  return c.trim() === '*' || coversAllAddresses(c);
}

// ---------------------------------------------------------------------------------------------
// IAM policy documents

const UNKNOWN = '\u0000unknown';

export interface Principal {
  /** "*" for `Principal: "*"`, else AWS / Service / Federated / CanonicalUser. */
  type: string;
  ids: string[];
}

export interface Statement {
  effect: 'Allow' | 'Deny' | 'unknown';
  /** undefined when absent. Unknown entries are kept as a marker that matches nothing. */
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principals?: Principal[];
  notPrincipals?: Principal[];
  /** Condition keys (lower case) with their tests and values; empty when none. */
  conditions: { test: string; key: string; values: string[]; name?: string }[];
  /** True when something in the statement could not be read (skip "missing" conclusions). */
  partial: boolean;
  /** Where to report: the statement block (data source) or undefined (the policy attribute). */
  block?: BlockView;
  /** The attribute blocks of a data-source statement, for precise locations. */
  ranges?: { actions?: Range; resources?: Range; principals?: Range; effect?: Range };
}

export interface PolicyDoc {
  statements: Statement[];
  /** False when part of the policy could not be read. */
  complete: boolean;
}

function lenientJs(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list':
      return v.items.map(lenientJs);
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v.entries)) o[k] = lenientJs(x);
      return o;
    }
    default:
      return UNKNOWN;
  }
}

function lenientTemplate(e: HclExpr, ctx: EvalContext): string | undefined {
  if (e.kind !== 'template') return undefined;
  let out = '';
  for (const p of e.parts) {
    if (p.kind === 'literal') out += p.value;
    else if (p.kind === 'interpolation') {
      const v = evaluate(p.expr, ctx);
      const s = asString(v);
      // an unknown inside a quoted JSON string stays a string; outside one it breaks the parse (fine)
      out += s !== undefined ? s : v.kind === 'list' || v.kind === 'map' ? JSON.stringify(lenientJs(v)) : 'UNKNOWN-VALUE';
    } else return undefined;
  }
  return out;
}

function strs(x: unknown): string[] | undefined {
  if (x === undefined || x === null) return undefined;
  if (Array.isArray(x)) return x.map((i) => (typeof i === 'string' ? i : UNKNOWN));
  return [typeof x === 'string' ? x : UNKNOWN];
}

function jsonPrincipals(x: unknown): Principal[] | undefined {
  if (x === undefined || x === null) return undefined;
  if (typeof x === 'string') return [{ type: x === '*' ? '*' : 'AWS', ids: [x] }];
  if (typeof x === 'object' && !Array.isArray(x)) {
    return Object.entries(x as Record<string, unknown>).map(([type, ids]) => ({ type, ids: strs(ids) ?? [] }));
  }
  return [{ type: 'unknown', ids: [UNKNOWN] }];
}

function jsonConditions(x: unknown): Statement['conditions'] {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return x === undefined || x === null ? [] : [{ test: UNKNOWN, key: UNKNOWN, values: [] }];
  const out: Statement['conditions'] = [];
  for (const [test, m] of Object.entries(x as Record<string, unknown>)) {
    if (m && typeof m === 'object' && !Array.isArray(m)) {
      for (const [key, vals] of Object.entries(m as Record<string, unknown>)) out.push({ test, key: key.toLowerCase(), name: key, values: (strs(vals) ?? []).map(String) });
    } else out.push({ test, key: UNKNOWN, values: [] });
  }
  return out;
}

function pick(o: Record<string, unknown>, k: string): unknown {
  for (const key of Object.keys(o)) if (key.toLowerCase() === k.toLowerCase()) return o[key];
  return undefined;
}

/** Statements of a parsed JSON policy (object with Statement). */
export function docFromJson(x: unknown): PolicyDoc | undefined {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return undefined;
  const st = pick(x as Record<string, unknown>, 'Statement');
  const list = Array.isArray(st) ? st : st && typeof st === 'object' ? [st] : undefined;
  if (!list) return st === UNKNOWN ? { statements: [], complete: false } : undefined;
  let complete = true;
  const statements: Statement[] = [];
  for (const s of list) {
    if (!s || typeof s !== 'object' || Array.isArray(s)) {
      complete = false;
      continue;
    }
    const o = s as Record<string, unknown>;
    const eff = typeof pick(o, 'Effect') === 'string' ? String(pick(o, 'Effect')).toLowerCase() : undefined;
    const stmt: Statement = {
      effect: eff === 'allow' ? 'Allow' : eff === 'deny' ? 'Deny' : 'unknown',
      actions: strs(pick(o, 'Action')),
      notActions: strs(pick(o, 'NotAction')),
      resources: strs(pick(o, 'Resource')),
      notResources: strs(pick(o, 'NotResource')),
      principals: jsonPrincipals(pick(o, 'Principal')),
      notPrincipals: jsonPrincipals(pick(o, 'NotPrincipal')),
      conditions: jsonConditions(pick(o, 'Condition')),
      partial: JSON.stringify(o).includes(UNKNOWN.replace('\u0000', '\\u0000')),
    };
    statements.push(stmt);
  }
  return { statements, complete };
}

function blockStrings(b: BlockView, name: string): { list?: string[]; range?: Range; partial: boolean } {
  const a = b.get(name);
  if (!a || a.value.kind === 'null') return { partial: false };
  const v = a.value;
  const items = v.kind === 'list' ? v.items : [v];
  const list = items.map((i) => asString(i) ?? UNKNOWN);
  return { list, range: a.attributeFile === b.file ? a.attributeRange : undefined, partial: list.includes(UNKNOWN) || v.kind === 'unknown' };
}

/**
 * Documents a `data "aws_iam_policy_document"` merges in through `source_policy_documents` and
 * `override_policy_documents` (JSON strings: another document's `.json`, a literal, a variable).
 * Undefined when one of them cannot be read. Override statements replace source ones with the same
 * Sid; they are simply added here, which is enough for rules asking whether some statement exists.
 */
function includedDocs(d: BlockView, depth: number): PolicyDoc[] | undefined {
  const out: PolicyDoc[] = [];
  for (const name of ['source_policy_documents', 'override_policy_documents']) {
    const a = d.get(name);
    if (!a) continue;
    const items = a.value.kind === 'list' ? a.value.items : undefined;
    if (!items) return undefined;
    for (const v of items) {
      if (v.kind === 'string') {
        let doc: PolicyDoc | undefined;
        try {
          doc = docFromJson(JSON.parse(v.value));
        } catch {
          return undefined;
        }
        if (!doc) return undefined;
        out.push(doc);
      } else if (v.kind === 'reference' && v.mode === 'data' && v.type === 'aws_iam_policy_document' && depth < 8) {
        const insts = d.module.resolveReference(v);
        if (insts.length === 0) return undefined;
        out.push(...insts.map((i) => mergedDocFromDataSource(i, depth + 1)));
      } else return undefined;
    }
  }
  return out;
}

/** The document a `data "aws_iam_policy_document"` produces: its own statements and those it merges in. */
export function mergedDocFromDataSource(d: BlockView, depth = 0): PolicyDoc {
  const own = docFromDataSource(d);
  const included = includedDocs(d, depth);
  if (!included) return { statements: own.statements, complete: false };
  return { statements: [...included.flatMap((x) => x.statements), ...own.statements], complete: own.complete && included.every((x) => x.complete) };
}

/** Statements written in a `data "aws_iam_policy_document"` instance itself (not those it merges in). */
export function docFromDataSource(d: BlockView): PolicyDoc {
  const statements: Statement[] = [];
  let complete = true;
  for (const s of d.blocks('statement')) {
    if (!s.expansionKnown) {
      complete = false;
      continue;
    }
    const effA = s.get('effect');
    const eff = effA ? asString(effA.value) : 'Allow';
    const actions = blockStrings(s, 'actions');
    const notActions = blockStrings(s, 'not_actions');
    const resources = blockStrings(s, 'resources');
    const notResources = blockStrings(s, 'not_resources');
    const principals = (kind: string): Principal[] | undefined => {
      const bs = s.blocks(kind);
      if (bs.length === 0) return undefined;
      return bs.map((p) => ({ type: strAt(p, 'type') ?? UNKNOWN, ids: blockStrings(p, 'identifiers').list ?? [UNKNOWN] }));
    };
    const conditions = s.blocks('condition').map((c) => ({
      test: strAt(c, 'test') ?? UNKNOWN,
      key: (strAt(c, 'variable') ?? UNKNOWN).toLowerCase(),
      name: strAt(c, 'variable'),
      values: blockStrings(c, 'values').list ?? [],
    }));
    const pb = s.blocks('principals')[0];
    statements.push({
      effect: eff === 'Allow' ? 'Allow' : eff === 'Deny' ? 'Deny' : 'unknown',
      actions: actions.list,
      notActions: notActions.list,
      resources: resources.list,
      notResources: notResources.list,
      principals: principals('principals'),
      notPrincipals: principals('not_principals'),
      conditions,
      partial: actions.partial || resources.partial || notActions.partial || eff === undefined,
      block: s,
      ranges: { actions: actions.range ?? notActions.range, resources: resources.range, principals: pb && pb.file === s.file ? pb.typeRange : undefined, effect: effA?.attributeRange },
    });
  }
  return { statements, complete };
}

/**
 * What a JSON document written in HCL reads as, through `fromJson`: `jsonencode({...})` (even with
 * references inside), a JSON string (literal, heredoc, variable, template with interpolations), a
 * local holding one of those, or a value `fromValue` reads itself (e.g. a data source's `.json`).
 */
function readJsonExpr<T>(expr: HclExpr, ctx: EvalContext, module: TerraformModule, fromJson: (x: unknown) => T | undefined, fromValue: (v: Value) => T | undefined, depth = 0): T | undefined {
  if (depth > 8) return undefined;
  if (expr.kind === 'call' && expr.name === 'jsonencode' && expr.args.length === 1) return fromJson(lenientJs(evaluate(expr.args[0], ctx)));
  const parsed = (text: string): T | undefined => {
    try {
      return fromJson(JSON.parse(text));
    } catch {
      return undefined;
    }
  };
  const v = evaluate(expr, ctx);
  if (v.kind === 'string') return parsed(v.value);
  const own = fromValue(v);
  if (own !== undefined) return own;
  if (expr.kind === 'template') {
    const s = lenientTemplate(expr, ctx);
    return s === undefined ? undefined : parsed(s);
  }
  if (expr.kind === 'traversal' && expr.root === 'local' && expr.steps.length === 1 && expr.steps[0].kind === 'attr') {
    const info = module.localInfo(expr.steps[0].name);
    if (info?.attribute) return readJsonExpr(info.attribute.expr, { host: module }, module, fromJson, fromValue, depth + 1);
  }
  return undefined;
}

/**
 * The policy document an expression evaluates to: a JSON document written in HCL (see readJsonExpr),
 * or `data.aws_iam_policy_document.x.json`. Undefined when it cannot be read.
 */
export function policyFromExpr(expr: HclExpr, ctx: EvalContext, module: TerraformModule): PolicyDoc | undefined {
  return readJsonExpr(expr, ctx, module, docFromJson, (v) => {
    if (v.kind !== 'reference' || v.mode !== 'data' || v.type !== 'aws_iam_policy_document') return undefined;
    const insts = module.resolveReference(v);
    if (insts.length === 0) return undefined;
    const docs = insts.map((i) => mergedDocFromDataSource(i));
    return { statements: docs.flatMap((d) => d.statements), complete: docs.every((d) => d.complete) };
  });
}

/** The policy of an attribute of a resource (e.g. `policy`), with the attribute for reporting. */
export function policyAttr(inst: BlockView, name = 'policy'): { doc: PolicyDoc; attr: AttrResult } | undefined {
  const attr = inst.get(name);
  if (!attr?.attribute) return undefined;
  const doc = policyFromExpr(attr.attribute.expr, inst.ctx, inst.module);
  return doc ? { doc, attr } : undefined;
}

export function isUnknownMarker(s: string): boolean {
  return s === UNKNOWN || s.includes('UNKNOWN-VALUE');
}

/** True when a principal list grants to everyone ("*" or AWS "*"). */
export function isPublicPrincipal(ps: Principal[] | undefined): boolean {
  return !!ps?.some((p) => p.type === '*' || ((p.type === 'AWS' || p.type === '*') && p.ids.includes('*')));
}

/** Condition keys naming the caller or the resource acting for it, where a wildcard pattern can match every account. */
const CALLER_KEYS = new Set(['aws:principalarn', 'aws:principalaccount', 'aws:principalorgid', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner']);
/** Single-valued keys naming the caller that are absent from some requests (anonymous, outside an organisation, not through a VPC endpoint or a service). */
const ABSENT_CALLER_KEYS = new Set([...CALLER_KEYS, 'aws:sourcevpce', 'aws:sourcevpc', 'aws:username', 'aws:userid']);

/** A pattern that matches any account: `*`, or an ARN pattern whose account part (the fifth) is `*`. */
function anyAccountPattern(v: string): boolean {
  if (/^\*+$/.test(v)) return true;
  const parts = v.split(':');
  return parts.length >= 5 && parts[0] === 'arn' && /^\*+$/.test(parts[4]);
}

/**
 * Why a Condition entry lets every caller through, or undefined when it narrows the callers:
 * `aws:SecureTransport` (how the request travels, not who sends it); `aws:SourceIp` of 0.0.0.0/0
 * or ::/0; a wildcard test (`ArnLike`, `ArnEquals`, `StringLike`, which honour `*`) on a caller key
 * whose every pattern matches any account; and `ForAllValues:` or `...IfExists` on a single-valued
 * caller key, which is true when the key is absent from the request (AWS: do not use set operators
 * with single-valued keys). Anything unread, and every other key or test, is taken to narrow them.
 */
export function callerGap(c: Statement['conditions'][number]): string | undefined {
  if (isUnknownMarker(c.key) || isUnknownMarker(c.test) || c.values.length === 0 || c.values.some(isUnknownMarker)) return undefined;
  const name = c.name ?? c.key;
  if (c.key === 'aws:securetransport') return name;
  const raw = c.test.toLowerCase();
  if (ABSENT_CALLER_KEYS.has(c.key) && (raw.startsWith('forallvalues:') || raw.endsWith('ifexists'))) return `${c.test} ${name}, true when the key is absent`;
  const test = raw.replace(/^for(?:anyvalue|allvalues):/, '').replace(/ifexists$/, '');
  if (c.key === 'aws:sourceip' && test === 'ipaddress' && c.values.every((v) => v === '0.0.0.0/0' || v === '::/0')) return `${name} ${c.values.join(', ')}`;
  if (CALLER_KEYS.has(c.key) && (test === 'arnlike' || test === 'arnequals' || test === 'stringlike') && c.values.every(anyAccountPattern)) return `${name} matching any account`;
  return undefined;
}

/**
 * Report (messageId `public`, with `condition` saying why) each Allow statement of the instance's
 * `policy` (or another policy attribute, such as a role's `assume_role_policy`) that grants Principal "*" with no Condition, or only Conditions that let every caller through.
 */
export function reportPublicAllows(inst: ResourceInstance, r: AwsReporter, ctx: RuleContext, attribute = 'policy'): void {
  const p = policyAttr(inst, attribute);
  if (!p) return;
  for (const s of p.doc.statements) {
    if (s.effect !== 'Allow' || !isPublicPrincipal(s.principals)) continue;
    const gaps = s.conditions.map(callerGap);
    if (gaps.some((g) => g === undefined)) continue;
    const condition = gaps.length ? `only a Condition that does not limit who may call (${[...new Set(gaps)].join('; ')})` : 'no Condition';
    reportStatement(inst, r, ctx, s, 'principals', p.attr, 'public', { actions: (s.actions ?? s.notActions ?? ['(any)']).join(', '), condition });
  }
}

/** Report a statement-level finding: at the statement's attribute/block (data source) or the policy attribute. */
export function reportStatement(
  inst: ResourceInstance,
  r: AwsReporter,
  ctx: RuleContext,
  s: Statement,
  where: 'actions' | 'resources' | 'principals' | 'statement',
  policy: AttrResult | undefined,
  messageId: string,
  data: ReportDescriptor['data'] = {},
  opts?: ReportOpts,
): void {
  if (s.block && s.block.file === ctx.file.path) {
    const range = (where !== 'statement' ? s.ranges?.[where] : undefined) ?? s.block.typeRange;
    r.at(range, messageId, { address: inst.address, from: '', ...data }, opts);
    return;
  }
  if (policy) {
    const from = policy.attributeFile !== ctx.file.path ? '' : s.block ? ` (statement in ${s.block.file}:${s.block.range.start.line})` : fromText(policy);
    r.attr(inst, policy, messageId, { ...data, from }, opts);
    return;
  }
  r.missing(inst, messageId, data, opts);
}

// ---------------------------------------------------------------------------------------------
// JSON documents written in HCL (container definitions and the like)

/**
 * The JSON value an expression produces (see readJsonExpr). Values that cannot be known are
 * `UNKNOWN_JSON` (test with `isUnknownMarker`). Undefined when it cannot be read at all.
 */
export function jsonFromExpr(expr: HclExpr, ctx: EvalContext, module: TerraformModule): unknown {
  return readJsonExpr<unknown>(expr, ctx, module, (x) => x, () => undefined);
}

/** The marker `jsonFromExpr` puts where a value is not known. */
export const UNKNOWN_JSON = UNKNOWN;

// ---------------------------------------------------------------------------------------------
// Companion resources

/**
 * Resources of `type` whose `attribute` names `target`: by reference, by a known string equal to its
 * id/name/arn, or equal to the known value of one of `keys` of the target (e.g. `cluster_identifier`).
 * Undefined when one of them names its target by a value that cannot be known (it may be this one).
 */
export function linkedResources(target: ResourceInstance, type: string, attribute: string, keys: string[]): ResourceInstance[] | undefined {
  const found = new Set(target.module.findReferencing(type, attribute, target));
  const own = keys.map((k) => asString(target.get(k)?.value)).filter((s): s is string => s !== undefined);
  for (const c of target.module.root.resources(type, { recursive: true })) {
    if (found.has(c)) continue;
    if (!c.expansionKnown) return undefined;
    const a = c.get(attribute);
    if (!a) continue;
    const s = asString(a.value);
    if (s !== undefined) {
      if (own.includes(s)) found.add(c);
      // a literal name when the target's own name is not known: cannot tell
      else if (own.length === 0) return undefined;
    } else if (a.value.kind === 'unknown' && a.value.references.length === 0) return undefined;
  }
  return [...found];
}
