/** Values produced by the Terraform resolver. */
import type { Range } from '../model/location.js';
import { newRecord } from '../parsers/hcl/model.js';

/** Where a value was written: the literal in a resource, a variable default, a tfvars entry, a local... */
export interface Origin {
  file: string;
  range: Range;
}

interface Base {
  origin?: Origin;
}

export interface StringValue extends Base {
  kind: 'string';
  value: string;
}
export interface NumberValue extends Base {
  kind: 'number';
  value: number;
}
export interface BoolValue extends Base {
  kind: 'bool';
  value: boolean;
}
export interface NullValue extends Base {
  kind: 'null';
}
/** Lists, tuples and sets. */
export interface ListValue extends Base {
  kind: 'list';
  items: Value[];
}
/** Maps and objects (a null-prototype record). */
export interface MapValue extends Base {
  kind: 'map';
  entries: Record<string, Value>;
}
/**
 * A reference to another resource's attribute (`aws_s3_bucket.b.id`): not known before apply, but
 * it tells rules which resource is meant.
 */
export interface ReferenceValue extends Base {
  kind: 'reference';
  /** Full address of the instance, e.g. `aws_s3_bucket.b`, `aws_s3_bucket.b[0]`, `module.m.data.x.y["k"]`. */
  address: string;
  /** Address without the instance key, e.g. `module.m.aws_s3_bucket.b`. */
  resource: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Instance key when given (`[0]`, `["k"]`). */
  key?: string | number;
  /** Attribute path after the resource, e.g. `id`, `arn`, `versioning[0].enabled`; '' for the whole object. */
  attribute: string;
}
/** A value the resolver cannot know. `reason` says why; `inputs` names what decides it. */
export interface UnknownValue extends Base {
  kind: 'unknown';
  reason: string;
  /** Inputs that decide the value, e.g. `var.acl`, `local.x`, `count.index`. */
  inputs: string[];
  /** Resource references the value depends on. */
  references: ReferenceValue[];
  /** True when Terraform itself would reject the expression (missing key, bad argument...). */
  error?: boolean;
}

export type Value =
  | StringValue
  | NumberValue
  | BoolValue
  | NullValue
  | ListValue
  | MapValue
  | ReferenceValue
  | UnknownValue;

export const NULL: NullValue = Object.freeze({ kind: 'null' }) as NullValue;

export function str(value: string): StringValue {
  return { kind: 'string', value };
}
export function num(value: number): NumberValue {
  return { kind: 'number', value };
}
export function bool(value: boolean): BoolValue {
  return { kind: 'bool', value };
}
export function list(items: Value[]): ListValue {
  return { kind: 'list', items };
}
export function map(entries: Record<string, Value> | [string, Value][]): MapValue {
  if (Array.isArray(entries)) {
    const r = newRecord<Value>();
    for (const [k, v] of entries) r[k] = v;
    return { kind: 'map', entries: r };
  }
  return { kind: 'map', entries };
}

export function unknown(reason: string, inputs: string[] = [], references: ReferenceValue[] = [], error = false): UnknownValue {
  const u: UnknownValue = { kind: 'unknown', reason, inputs, references };
  if (error) u.error = true;
  return u;
}

export function errorValue(reason: string): UnknownValue {
  return unknown(reason, [], [], true);
}

/** An unknown whose inputs and references are gathered from the given values. */
export function unknownFrom(reason: string | undefined, ...values: Value[]): UnknownValue {
  const inputs = new Set<string>();
  const refs: ReferenceValue[] = [];
  const reasons: string[] = [];
  let error = false;
  const visit = (v: Value) => {
    if (v.kind === 'unknown') {
      v.inputs.forEach((i) => inputs.add(i));
      refs.push(...v.references);
      reasons.push(v.reason);
      if (v.error) error = true;
    } else if (v.kind === 'reference') {
      refs.push(v);
      reasons.push(`${refText(v)} is known only after apply`);
    } else if (v.kind === 'list') v.items.forEach(visit);
    else if (v.kind === 'map') Object.values(v.entries).forEach(visit);
  };
  values.forEach(visit);
  const u = unknown(reason ?? reasons[0] ?? 'unknown value', [...inputs], dedupeRefs(refs));
  if (error && !reason) u.error = true;
  return u;
}

function dedupeRefs(refs: ReferenceValue[]): ReferenceValue[] {
  if (refs.length < 2) return refs;
  const seen = new Set<string>();
  return refs.filter((r) => {
    const k = refText(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function refText(r: ReferenceValue): string {
  return r.attribute ? `${r.address}.${r.attribute}` : r.address;
}

/** Copy of `v` carrying `origin`, unless it already has one. */
export function withOrigin<T extends Value>(v: T, origin: Origin): T {
  return v.origin ? v : { ...v, origin };
}

// ---------------------------------------------------------------------------------------------
// Helpers for rules (undefined when the value is not known)

export function isKnown(v: Value | undefined): boolean {
  return !!v && v.kind !== 'unknown';
}

/** True only when the value is known to be true (bool true, or the string "true"). */
export function isTrue(v: Value | undefined): boolean | undefined {
  const b = asBool(v);
  return b === undefined ? undefined : b;
}

/** True only when the value is known to be false. Undefined when unknown. */
export function isFalse(v: Value | undefined): boolean | undefined {
  const b = asBool(v);
  return b === undefined ? undefined : !b;
}

export function asBool(v: Value | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string') {
    if (v.value === 'true') return true;
    if (v.value === 'false') return false;
  }
  return undefined;
}

/** The string form of a known string, number or bool. */
export function asString(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return formatNumber(v.value);
  if (v.kind === 'bool') return String(v.value);
  return undefined;
}

export function asNumber(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value))) return Number(v.value);
  return undefined;
}

/** Items of a known list (a single non-list value is not a list). */
export function asList(v: Value | undefined): Value[] | undefined {
  return v && v.kind === 'list' ? v.items : undefined;
}

export function asMap(v: Value | undefined): Record<string, Value> | undefined {
  return v && v.kind === 'map' ? v.entries : undefined;
}

export function formatNumber(n: number): string {
  return String(n);
}

/** True when the value (deeply) contains no unknowns and no references. */
export function isWhollyKnown(v: Value): boolean {
  switch (v.kind) {
    case 'unknown':
    case 'reference':
      return false;
    case 'list':
      return v.items.every(isWhollyKnown);
    case 'map':
      return Object.values(v.entries).every(isWhollyKnown);
    default:
      return true;
  }
}

/** The first unknown or reference found inside `v`, if any. */
export function firstUnknown(v: Value): Value | undefined {
  switch (v.kind) {
    case 'unknown':
    case 'reference':
      return v;
    case 'list':
      for (const i of v.items) {
        const u = firstUnknown(i);
        if (u) return u;
      }
      return undefined;
    case 'map':
      for (const i of Object.values(v.entries)) {
        const u = firstUnknown(i);
        if (u) return u;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Deep equality of wholly known values; undefined when either side is not known. */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind === 'reference' || b.kind === 'reference') {
    if (a.kind === 'reference' && b.kind === 'reference' && refText(a) === refText(b)) return true;
    return undefined;
  }
  if (a.kind !== b.kind) {
    // Terraform compares after conversion only for identical types
    return false;
  }
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'list': {
      const bl = (b as ListValue).items;
      if (a.items.length !== bl.length) return false;
      let unsure = false;
      for (let i = 0; i < bl.length; i++) {
        const e = valuesEqual(a.items[i], bl[i]);
        if (e === false) return false;
        if (e === undefined) unsure = true;
      }
      return unsure ? undefined : true;
    }
    case 'map': {
      const be = (b as MapValue).entries;
      const ak = Object.keys(a.entries);
      if (ak.length !== Object.keys(be).length) return false;
      let unsure = false;
      for (const k of ak) {
        if (!(k in be)) return false;
        const e = valuesEqual(a.entries[k], be[k]);
        if (e === false) return false;
        if (e === undefined) unsure = true;
      }
      return unsure ? undefined : true;
    }
  }
}

/** A wholly known value as plain JS (maps → objects); undefined when not wholly known. */
export function toJs(v: Value): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const j = toJs(i);
        if (j === undefined) return undefined;
        out.push(j);
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v.entries).sort()) {
        const j = toJs(v.entries[k]);
        if (j === undefined) return undefined;
        out[k] = j;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Plain JS (e.g. from JSON.parse) as a value. */
export function fromJs(x: unknown): Value {
  if (x === null || x === undefined) return NULL;
  if (typeof x === 'string') return str(x);
  if (typeof x === 'number') return num(x);
  if (typeof x === 'boolean') return bool(x);
  if (Array.isArray(x)) return list(x.map(fromJs));
  if (typeof x === 'object') {
    const r = newRecord<Value>();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) r[k] = fromJs(v);
    return map(r);
  }
  return errorValue(`unsupported JSON value`);
}

/** A short human description of a value (for messages). */
export function describe(v: Value): string {
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
    case 'bool':
      return String(v.value);
    case 'null':
      return 'null';
    case 'list':
      return `[${v.items.map(describe).join(', ')}]`;
    case 'map':
      return `{${Object.entries(v.entries)
        .map(([k, x]) => `${k} = ${describe(x)}`)
        .join(', ')}}`;
    case 'reference':
      return refText(v);
    case 'unknown':
      return `(unknown: ${v.reason})`;
  }
}
