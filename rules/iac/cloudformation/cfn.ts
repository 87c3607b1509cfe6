/**
 * Shared helpers for CloudFormation rules: resources, intrinsic functions in both syntaxes (YAML
 * short-form tags such as `!Ref`, kept as `tag` on data nodes, and `{"Ref": …}` / `Fn::*` maps),
 * resolution of `Ref` to a Parameter's `Default`, and reporting locations.
 */
import type { Rule, RuleContext, RuleMeta } from '../../../src/model/rule.js';
import type { StandardsRefs } from '../../../src/model/standards.js';
import { entry, get, isMap, isScalar, isSeq, type DataEntry, type DataMap, type DataNode, type ScalarValue } from '../../../src/parsers/data/tree.js';

export const CFN_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['7', '8'], caf: ['B4'] };
export const CFN_DATA_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['8'], caf: ['B3'] };
export const CFN_LOGGING_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['5'], caf: ['C1'] };
export const CFN_IAM_STANDARDS: StandardsRefs = { dsss: ['8'], govuk: ['9'], sbd: ['7'], caf: ['B2'] };

export const RESOURCE_DOCS = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference';

export interface Template {
  root: DataMap;
  parameters: Map<string, DataMap>;
  resources: Resource[];
  text: string;
}

export interface Resource {
  name: string;
  type: string;
  node: DataMap;
  typeEntry: DataEntry;
  /** `Properties` (an empty map stand-in when absent). */
  props: DataMap;
}

export function templates(ctx: RuleContext): Template[] {
  if (ctx.document.format !== 'data') return [];
  const out: Template[] = [];
  for (const root of ctx.document.roots) {
    if (!isMap(root)) continue;
    const res = get(root, 'Resources');
    if (!isMap(res)) continue;
    const parameters = new Map<string, DataMap>();
    const params = get(root, 'Parameters');
    if (isMap(params)) for (const e of params.entries) if (isMap(e.value)) parameters.set(String(e.key.value), e.value);
    const resources: Resource[] = [];
    for (const e of resourceEntries(res)) {
      if (!isMap(e.value)) continue;
      const typeEntry = entry(e.value, 'Type');
      if (!typeEntry || !isScalar(typeEntry.value) || typeof typeEntry.value.value !== 'string') continue;
      const p = get(e.value, 'Properties');
      resources.push({
        name: String(e.key.value),
        type: typeEntry.value.value,
        node: e.value,
        typeEntry,
        props: isMap(p) ? p : { type: 'map', entries: [], start: typeEntry.key.start, end: typeEntry.key.start },
      });
    }
    out.push({ root, parameters, resources, text: ctx.file.text });
  }
  return out;
}

/**
 * The entries of a `Resources` section, with the resources of `Fn::ForEach::<name>` loops
 * (`AWS::LanguageExtensions`: `[identifier, collection, { "Name${identifier}": resource }]`, possibly nested)
 * under their templated logical names.
 */
function resourceEntries(res: DataMap, depth = 0): DataEntry[] {
  const out: DataEntry[] = [];
  for (const e of res.entries) {
    if (!String(e.key.value).startsWith('Fn::ForEach::')) {
      out.push(e);
      continue;
    }
    const body = isSeq(e.value) && e.value.items.length === 3 ? e.value.items[2] : undefined;
    if (isMap(body) && depth < 5) out.push(...resourceEntries(body, depth + 1));
  }
  return out;
}

/** Resources of the given types across the file's templates. */
export function each(ctx: RuleContext, types: string[], fn: (r: Resource, t: Template) => void): void {
  for (const t of templates(ctx)) for (const r of t.resources) if (types.includes(r.type)) fn(r, t);
}

const SHORT: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
};

/** The intrinsic function a node is (`Ref`, `Fn::If`, …), in either syntax, or undefined. */
export function intrinsic(node: DataNode | undefined): { fn: string; arg: DataNode } | undefined {
  if (!node) return undefined;
  if (node.tag && node.tag.startsWith('!')) {
    const fn = SHORT[node.tag] ?? `Fn::${node.tag.slice(1)}`;
    return { fn, arg: node };
  }
  if (isMap(node) && node.entries.length === 1) {
    const k = String(node.entries[0].key.value);
    if (k === 'Ref' || k === 'Condition' || k.startsWith('Fn::')) return { fn: k, arg: node.entries[0].value };
  }
  return undefined;
}

/**
 * The node a value stands for: itself when literal, a Parameter's `Default` for `Ref` to a parameter
 * with one, undefined when it cannot be known (other intrinsics, pseudo parameters, resources).
 */
export function resolve(t: Template, node: DataNode | undefined, depth = 0): DataNode | undefined {
  if (!node || depth > 5) return undefined;
  const fn = intrinsic(node);
  if (!fn) return node;
  if (fn.fn === 'Ref' && isScalar(fn.arg) && typeof fn.arg.value === 'string') {
    const p = t.parameters.get(fn.arg.value);
    const def = p ? get(p, 'Default') : undefined;
    if (!def) return undefined;
    // a Default whose AllowedValues or overrides may change is still what the template ships with
    return resolve(t, def, depth + 1);
  }
  const literal = (value: string): DataNode => ({ type: 'scalar', value, start: node.start, end: node.end });
  if (fn.fn === 'Fn::Sub') {
    // a template with no ${…} placeholder is a plain string (`${!x}` escapes are left unknown)
    const a = fn.arg;
    const tmpl = isScalar(a) ? a : isSeq(a) && isScalar(a.items[0]) && (a.items.length === 1 || (isMap(a.items[1]) && !a.items[1].entries.length)) ? a.items[0] : undefined;
    return tmpl && typeof tmpl.value === 'string' && !tmpl.value.includes('${') ? literal(tmpl.value) : undefined;
  }
  if (fn.fn === 'Fn::Join') {
    // every part known: the joined string
    const a = fn.arg;
    if (!isSeq(a) || a.items.length !== 2 || !isScalar(a.items[0])) return undefined;
    const parts = resolve(t, a.items[1], depth + 1);
    if (!isSeq(parts)) return undefined;
    const strs: string[] = [];
    for (const p of parts.items) {
      const v = resolve(t, p, depth + 1);
      if (!isScalar(v) || v.value === null) return undefined;
      strs.push(String(v.value));
    }
    return literal(strs.join(String(a.items[0].value ?? '')));
  }
  if (fn.fn === 'Fn::If') {
    // both branches the same scalar: the value whatever the condition
    const a = fn.arg;
    if (!isSeq(a) || a.items.length !== 3) return undefined;
    const yes = resolve(t, a.items[1], depth + 1);
    const no = resolve(t, a.items[2], depth + 1);
    return isScalar(yes) && isScalar(no) && yes.value === no.value ? yes : undefined;
  }
  return undefined;
}

/** A property's value resolved to a scalar, or undefined when unknown / not a scalar. */
/** A string's shape: literal text, with `${…}` where a part is unknown (`!Sub` templates, `!Join` of pseudo parameters). */
export function shape(t: Template, n: DataNode): string | undefined {
  const v = string(t, n);
  if (v !== undefined) return v;
  const fn = intrinsic(n);
  if (fn?.fn === 'Fn::Sub') {
    const a = isSeq(fn.arg) ? fn.arg.items[0] : fn.arg;
    return isScalar(a) && typeof a.value === 'string' ? a.value : undefined;
  }
  if (fn?.fn === 'Fn::Join' && isSeq(fn.arg) && fn.arg.items.length === 2 && isSeq(fn.arg.items[1])) {
    return fn.arg.items[1].items.map((p) => string(t, p) ?? '${}').join(String(isScalar(fn.arg.items[0]) ? (fn.arg.items[0].value ?? '') : ''));
  }
  return undefined;
}

export function scalar(t: Template, node: DataNode | undefined): ScalarValue | undefined {
  const n = resolve(t, node);
  return isScalar(n) ? n.value : undefined;
}

export function string(t: Template, node: DataNode | undefined): string | undefined {
  const v = scalar(t, node);
  return v === undefined || v === null ? undefined : String(v);
}

/** true/false as CloudFormation reads booleans (`true`, `"true"`, `"True"`), undefined when unknown. */
export function bool(t: Template, node: DataNode | undefined): boolean | undefined {
  const v = scalar(t, node);
  if (v === true || v === false) return v;
  if (typeof v === 'string') {
    if (/^true$/i.test(v.trim())) return true;
    if (/^false$/i.test(v.trim())) return false;
  }
  return undefined;
}

export function num(t: Template, node: DataNode | undefined): number | undefined {
  const v = scalar(t, node);
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** True when the value is an intrinsic that cannot be resolved here (so no finding). */
export function unknown(t: Template, node: DataNode | undefined): boolean {
  return !!node && resolve(t, node) === undefined;
}

/** A list value's items (a single value counts as a list of one); undefined when unknown. */
export function list(t: Template, node: DataNode | undefined): DataNode[] | undefined {
  const n = resolve(t, node);
  if (!n) return undefined;
  if (isSeq(n)) return n.items;
  return [n];
}

/** Offsets of a whole map entry (key to end of value): "the offending property". */
export function at(e: DataEntry): [number, number] {
  return [e.key.start, isMap(e.value) || isSeq(e.value) ? e.key.end : e.value.end];
}

/** Offsets of the resource's `Type` line: where a missing property is reported. */
export function typeAt(r: Resource): [number, number] {
  return [r.typeEntry.key.start, r.typeEntry.value.end];
}

/** The entry of a property at a path of keys; undefined when any step is missing. */
export function propEntry(map: DataNode | undefined, ...path: string[]): DataEntry | undefined {
  let cur: DataNode | undefined = map;
  let e: DataEntry | undefined;
  for (const k of path) {
    if (!isMap(cur)) return undefined;
    e = entry(cur, k);
    cur = e?.value;
  }
  return e;
}

/** Defaults shared by every CloudFormation rule's metadata. */
export function cfnMeta(m: Omit<RuleMeta, 'kinds' | 'security' | 'since' | 'equivalents'> & { equivalents?: RuleMeta['equivalents'] }): RuleMeta {
  return { kinds: ['cloudformation'], security: true, since: '0.1.0', equivalents: {}, ...m };
}

export type CfnRule = Rule;

export function docs(type: string): string {
  return `${RESOURCE_DOCS}/aws-resource-${type.replace(/^AWS::/, '').replace(/::/g, '-').toLowerCase()}.html`;
}

// ------------------------------------------------------------------------------------------
// IAM policy documents

export interface Statement {
  node: DataMap;
  effect?: string;
  actions: { value: string; node: DataNode }[] | undefined;
  notAction: boolean;
  resources: string[] | undefined;
  condition: boolean;
  principal?: DataEntry;
}

export function statements(t: Template, doc: DataNode | undefined): Statement[] {
  const d = resolve(t, doc);
  if (!isMap(d)) return [];
  const st = resolve(t, get(d, 'Statement'));
  const list = isSeq(st) ? st.items : st ? [st] : [];
  const out: Statement[] = [];
  for (const s of list) {
    if (!isMap(s)) continue;
    const strs = (n: DataNode | undefined): { value: string; node: DataNode }[] | undefined => {
      const items = n ? (isSeq(n) ? n.items : [n]) : [];
      const vals: { value: string; node: DataNode }[] = [];
      for (const i of items) {
        const v = string(t, i);
        if (v === undefined) {
          if (intrinsic(i)) continue; // unknown entries are skipped, not guessed
          return undefined;
        }
        vals.push({ value: v, node: i });
      }
      return vals;
    };
    const a = get(s, 'Action') ?? get(s, 'NotAction');
    out.push({
      node: s,
      effect: string(t, get(s, 'Effect')),
      actions: strs(resolve(t, a)),
      notAction: !!get(s, 'NotAction'),
      resources: get(s, 'Resource') ? strs(resolve(t, get(s, 'Resource')))?.map((x) => x.value) : get(s, 'NotResource') ? ['*'] : [],
      condition: !!get(s, 'Condition'),
      principal: entry(s, 'Principal'),
    });
  }
  return out;
}

/** Identity-based policy documents of IAM resources, with where to report. */
export function identityPolicies(t: Template, r: Resource): DataNode[] {
  if (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') {
    const d = get(r.props, 'PolicyDocument');
    return d ? [d] : [];
  }
  if (['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(r.type)) {
    const ps = resolve(t, get(r.props, 'Policies'));
    return (isSeq(ps) ? ps.items : []).map((p) => get(p, 'PolicyDocument')).filter((d): d is DataNode => !!d);
  }
  if (SAM_POLICY_TYPES.includes(r.type)) {
    // SAM `Policies`: a policy document, or a list of managed policy names, policy templates
    // (`S3ReadPolicy: {…}`) and policy documents (maps with a `Statement`)
    const ps = resolve(t, get(r.props, 'Policies'));
    const items = isSeq(ps) ? ps.items : ps ? [ps] : [];
    return items.filter((p) => isMap(p) && !!get(p, 'Statement'));
  }
  return [];
}

/** SAM resources whose `Policies` property may hold inline policy documents for the role SAM creates. */
const SAM_POLICY_TYPES = ['AWS::Serverless::Function', 'AWS::Serverless::StateMachine'];

export const IAM_POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', ...SAM_POLICY_TYPES];
