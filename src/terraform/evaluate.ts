/** Evaluation of HCL expressions to resolver values. */
import type { HclExpr, HclTemplatePart, HclTraversalStep } from '../parsers/hcl/model.js';
import { newRecord } from '../parsers/hcl/model.js';
import { callFunction } from './functions.js';
import {
  NULL,
  asString,
  bool,
  errorValue,
  firstUnknown,
  list,
  map,
  num,
  refText,
  str,
  unknown,
  unknownFrom,
  valuesEqual,
  type ReferenceValue,
  type Value,
} from './values.js';

/** What an expression can see besides its own text. Implemented by a module. */
export interface ScopeHost {
  variable(name: string): Value;
  local(name: string): Value;
  /** Value of `module.<name>` followed by `steps` (handled by the host). */
  moduleRef(name: string, steps: HclTraversalStep[], ctx: EvalContext): Value;
  /** A reference to a resource or data source (`steps` follow the resource name). */
  resourceRef(mode: 'managed' | 'data', type: string, name: string, steps: HclTraversalStep[], ctx: EvalContext): Value;
  pathValue(which: string): Value;
}

export interface Iteration {
  key: Value;
  value: Value;
}

export interface EvalContext {
  host: ScopeHost;
  /** `each.key` / `each.value` of a for_each instance. */
  each?: Iteration;
  /** Why `each` is unknown (for_each not known), when the block has for_each. */
  eachUnknown?: Value;
  /** `count.index`. */
  countIndex?: Value;
  /** Dynamic block iterators by name. */
  iterators?: Record<string, Iteration>;
  /** Variables bound by for-expressions and template for-directives. */
  bound?: Record<string, Value>;
}

const MAX_DEPTH = 200;

export function evaluate(e: HclExpr, ctx: EvalContext, depth = 0): Value {
  if (depth > MAX_DEPTH) return errorValue('expression too deeply nested');
  const d = depth + 1;
  switch (e.kind) {
    case 'literal':
      if (e.value === null) return NULL;
      if (typeof e.value === 'string') return str(e.value);
      if (typeof e.value === 'number') return num(e.value);
      return bool(e.value);
    case 'template':
      return template(e.parts, ctx, d, true);
    case 'tuple':
      return list(e.items.map((i) => evaluate(i, ctx, d)));
    case 'object': {
      const r = newRecord<Value>();
      for (const item of e.items) {
        let key = item.keyName;
        if (item.key.kind !== 'traversal' || item.key.steps.length > 0 || key === undefined) {
          if (item.key.kind !== 'literal') {
            const k = evaluate(item.key, ctx, d);
            key = asString(k);
            if (key === undefined) return unknownFrom(`object key ${item.key.text} is not known`, k);
          }
        }
        if (key === undefined) continue;
        r[key] = evaluate(item.value, ctx, d);
      }
      return map(r);
    }
    case 'traversal':
      return traversal(e.root, e.steps, ctx, d, e.text);
    case 'relative':
      return applySteps(evaluate(e.source, ctx, d), e.steps, ctx, d);
    case 'call':
      return call(e.name, e.args, e.expandFinal, ctx, d);
    case 'conditional': {
      const c = evaluate(e.cond, ctx, d);
      if (c.kind === 'bool') return evaluate(c.value ? e.then : e.else, ctx, d);
      if (c.kind === 'string' && (c.value === 'true' || c.value === 'false')) return evaluate(c.value === 'true' ? e.then : e.else, ctx, d);
      if (c.kind !== 'unknown' && c.kind !== 'reference') return errorValue(`condition ${e.cond.text} is not a bool`);
      const a = evaluate(e.then, ctx, d);
      const b = evaluate(e.else, ctx, d);
      if (valuesEqual(a, b) === true) return a;
      return unknownFrom(`the condition ${e.cond.text} is not known`, c);
    }
    case 'unary': {
      const v = evaluate(e.operand, ctx, d);
      if (v.kind === 'unknown' || v.kind === 'reference') return unknownFrom(undefined, v);
      if (e.op === '!') {
        const b = toBool(v);
        return b === undefined ? errorValue(`! needs a bool`) : bool(!b);
      }
      if (e.op === '-') {
        const n = toNum(v);
        return n === undefined ? errorValue(`- needs a number`) : num(-n);
      }
      return errorValue(`unknown operator ${e.op}`);
    }
    case 'binary':
      return binary(e.op, e.left, e.right, ctx, d);
    case 'for':
      return forExpr(e, ctx, d);
    case 'other':
      return unknown(`expression ${JSON.stringify(e.text.slice(0, 80))} is not evaluated`);
  }
}

function toBool(v: Value): boolean | undefined {
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

function toNum(v: Value): number | undefined {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && v.value.trim() !== '' && Number.isFinite(Number(v.value))) return Number(v.value);
  return undefined;
}

function binary(op: string, le: HclExpr, re: HclExpr, ctx: EvalContext, d: number): Value {
  const l = evaluate(le, ctx, d);
  if (op === '&&' || op === '||') {
    const lb = toBool(l);
    if (lb === false && op === '&&') return bool(false);
    if (lb === true && op === '||') return bool(true);
    const r = evaluate(re, ctx, d);
    const rb = toBool(r);
    if (rb === false && op === '&&') return bool(false);
    if (rb === true && op === '||') return bool(true);
    if (lb !== undefined && rb !== undefined) return bool(op === '&&' ? lb && rb : lb || rb);
    if (isUnknownish(l) || isUnknownish(r)) return unknownFrom(undefined, l, r);
    return errorValue(`${op} needs bools`);
  }
  const r = evaluate(re, ctx, d);
  if (op === '==' || op === '!=') {
    const eq = valuesEqual(l, r);
    if (eq === undefined) return unknownFrom(undefined, l, r);
    return bool(op === '==' ? eq : !eq);
  }
  if (isUnknownish(l) || isUnknownish(r)) return unknownFrom(undefined, l, r);
  const a = toNum(l);
  const b = toNum(r);
  if (a === undefined || b === undefined) return errorValue(`${op} needs numbers`);
  switch (op) {
    case '+':
      return num(a + b);
    case '-':
      return num(a - b);
    case '*':
      return num(a * b);
    case '/':
      return b === 0 ? errorValue('division by zero') : num(a / b);
    case '%':
      return b === 0 ? errorValue('division by zero') : num(a % b);
    case '<':
      return bool(a < b);
    case '>':
      return bool(a > b);
    case '<=':
      return bool(a <= b);
    case '>=':
      return bool(a >= b);
    default:
      return errorValue(`unknown operator ${op}`);
  }
}

function isUnknownish(v: Value): boolean {
  return v.kind === 'unknown' || v.kind === 'reference';
}

/** Elements of a collection for iteration: [key, value] pairs; undefined when not iterable. */
export function iterate(v: Value): [Value, Value][] | undefined {
  if (v.kind === 'list') return v.items.map((x, i) => [num(i), x]);
  if (v.kind === 'map')
    return Object.keys(v.entries)
      .sort()
      .map((k) => [str(k), v.entries[k]]);
  return undefined;
}

function forExpr(e: Extract<HclExpr, { kind: 'for' }>, ctx: EvalContext, d: number): Value {
  const coll = evaluate(e.collection, ctx, d);
  if (coll.kind === 'unknown' || coll.kind === 'reference') return unknownFrom(undefined, coll);
  const pairs = iterate(coll);
  if (!pairs) return errorValue(`cannot iterate over ${coll.kind}`);
  const items: Value[] = [];
  const obj = newRecord<Value>();
  const groups = newRecord<Value[]>();
  for (const [k, v] of pairs) {
    const bound = { ...(ctx.bound ?? {}) };
    if (e.keyVar) bound[e.keyVar] = k;
    bound[e.valueVar] = v;
    const c2: EvalContext = { ...ctx, bound };
    if (e.cond) {
      const cv = evaluate(e.cond, c2, d);
      const b = toBool(cv);
      if (b === undefined) return unknownFrom(`the for condition ${e.cond.text} is not known`, cv);
      if (!b) continue;
    }
    if (!e.object) {
      items.push(evaluate(e.valueExpr, c2, d));
    } else {
      const kv = evaluate(e.keyExpr!, c2, d);
      const ks = asString(kv);
      if (ks === undefined) return unknownFrom(`the for key ${e.keyExpr!.text} is not known`, kv);
      const vv = evaluate(e.valueExpr, c2, d);
      if (e.grouping) (groups[ks] ??= []).push(vv);
      else obj[ks] = vv;
    }
  }
  if (!e.object) return list(items);
  if (e.grouping) {
    for (const [k, vs] of Object.entries(groups)) obj[k] = list(vs);
  }
  return map(obj);
}

function template(parts: HclTemplatePart[], ctx: EvalContext, d: number, top: boolean): Value {
  if (top && parts.length === 1 && parts[0].kind === 'interpolation') return evaluate(parts[0].expr, ctx, d);
  let out = '';
  const unknowns: Value[] = [];
  for (const p of parts) {
    switch (p.kind) {
      case 'literal':
        out += p.value;
        break;
      case 'interpolation': {
        const v = evaluate(p.expr, ctx, d);
        if (v.kind === 'unknown' || v.kind === 'reference') {
          unknowns.push(v);
          break;
        }
        const s = asString(v);
        if (s === undefined) {
          if (v.kind === 'null') return errorValue(`${p.expr.text} is null in a template`);
          const u = firstUnknown(v);
          if (u) unknowns.push(u);
          else return errorValue(`${p.expr.text} (${v.kind}) cannot be used in a template`);
        } else out += s;
        break;
      }
      case 'if': {
        const c = evaluate(p.cond, ctx, d);
        const b = toBool(c);
        if (b === undefined) {
          unknowns.push(c.kind === 'unknown' || c.kind === 'reference' ? c : unknown(`template condition ${p.cond.text} is not known`));
          break;
        }
        const r = template(b ? p.then : p.else, ctx, d, false);
        if (r.kind === 'string') out += r.value;
        else unknowns.push(r);
        break;
      }
      case 'for': {
        const coll = evaluate(p.collection, ctx, d);
        const pairs = iterate(coll);
        if (!pairs) {
          unknowns.push(coll.kind === 'unknown' ? coll : unknownFrom(`template for over ${p.collection.text}`, coll));
          break;
        }
        for (const [k, v] of pairs) {
          const bound = { ...(ctx.bound ?? {}) };
          if (p.keyVar) bound[p.keyVar] = k;
          bound[p.valueVar] = v;
          const r = template(p.body, { ...ctx, bound }, d, false);
          if (r.kind === 'string') out += r.value;
          else unknowns.push(r);
        }
        break;
      }
    }
  }
  if (unknowns.length) return unknownFrom(undefined, ...unknowns);
  return str(out);
}

function call(name: string, argExprs: HclExpr[], expandFinal: boolean, ctx: EvalContext, d: number): Value {
  if (name === 'try' || name === 'can') {
    for (const a of argExprs) {
      const v = evaluate(a, ctx, d);
      if (v.kind === 'unknown' && v.error) {
        if (name === 'can') return bool(false);
        continue;
      }
      if (name === 'can') return v.kind === 'unknown' ? v : bool(true);
      return v;
    }
    return name === 'can' ? bool(false) : errorValue('try: no argument could be evaluated');
  }
  let args = argExprs.map((a) => evaluate(a, ctx, d));
  if (expandFinal && args.length) {
    const last = args[args.length - 1];
    if (last.kind !== 'list') return unknownFrom(`the expanded argument of ${name}(...) is not a known list`, last);
    args = [...args.slice(0, -1), ...last.items];
  }
  const r = callFunction(name, args);
  if (r) return r;
  return unknown(`function ${name}() is not evaluated by Saltire`, [], collectRefs(args));
}

function collectRefs(args: Value[]): ReferenceValue[] {
  const u = unknownFrom(undefined, ...args);
  return u.references;
}

function traversal(root: string, steps: HclTraversalStep[], ctx: EvalContext, d: number, text: string): Value {
  const bound = ctx.bound;
  if (bound && Object.prototype.hasOwnProperty.call(bound, root)) return applySteps(bound[root], steps, ctx, d);
  const it = ctx.iterators && Object.prototype.hasOwnProperty.call(ctx.iterators, root) ? ctx.iterators[root] : undefined;
  if (it) return iterationRef(it, root, steps, ctx, d);
  const first = steps[0];
  const firstName = first?.kind === 'attr' ? first.name : undefined;
  switch (root) {
    case 'var':
      if (!firstName) return errorValue(`invalid reference ${text}`);
      return applySteps(ctx.host.variable(firstName), steps.slice(1), ctx, d);
    case 'local':
      if (!firstName) return errorValue(`invalid reference ${text}`);
      return applySteps(ctx.host.local(firstName), steps.slice(1), ctx, d);
    case 'each': {
      if (ctx.each) return iterationRef(ctx.each, 'each', steps, ctx, d);
      if (ctx.eachUnknown) return ctx.eachUnknown;
      return errorValue('each is only available in a block with for_each');
    }
    case 'count':
      if (firstName !== 'index') return errorValue(`invalid reference ${text}`);
      if (ctx.countIndex) return applySteps(ctx.countIndex, steps.slice(1), ctx, d);
      return errorValue('count.index is only available in a block with count');
    case 'path':
      return firstName ? ctx.host.pathValue(firstName) : errorValue(`invalid reference ${text}`);
    case 'terraform':
      return unknown('terraform.workspace is chosen when Terraform runs', ['terraform.workspace']);
    case 'self':
      return unknown('self is known only after apply');
    case 'module':
      if (!firstName) return errorValue(`invalid reference ${text}`);
      return ctx.host.moduleRef(firstName, steps.slice(1), ctx);
    case 'data': {
      const second = steps[1];
      if (!firstName || second?.kind !== 'attr') return errorValue(`invalid reference ${text}`);
      return ctx.host.resourceRef('data', firstName, second.name, steps.slice(2), ctx);
    }
    default:
      if (firstName) return ctx.host.resourceRef('managed', root, firstName, steps.slice(1), ctx);
      // `True` / `False` are not HCL (Terraform rejects them), but their meaning is plain; read them as
      // the booleans they were meant to be rather than as an unknown value
      if (steps.length === 0 && (root === 'True' || root === 'False')) return bool(root === 'True');
      return errorValue(`unknown name ${root}`);
  }
}

function iterationRef(it: Iteration, name: string, steps: HclTraversalStep[], ctx: EvalContext, d: number): Value {
  const first = steps[0];
  if (first?.kind !== 'attr') return errorValue(`${name} must be followed by .key or .value`);
  if (first.name === 'key') return applySteps(it.key, steps.slice(1), ctx, d);
  if (first.name === 'value') return applySteps(it.value, steps.slice(1), ctx, d);
  return errorValue(`${name}.${first.name} is not valid`);
}

/** Apply attribute / index / splat steps to a value. */
export function applySteps(v: Value, steps: HclTraversalStep[], ctx: EvalContext, d: number): Value {
  let cur = v;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (cur.kind === 'unknown') return cur;
    if (s.kind === 'splat') {
      const rest = steps.slice(i + 1);
      if (cur.kind === 'reference') return extendRef(cur, '[*]' + stepsText(rest, ctx, d));
      const items = cur.kind === 'list' ? cur.items : cur.kind === 'null' ? [] : [cur];
      return list(items.map((x) => applySteps(x, rest, ctx, d)));
    }
    if (s.kind === 'attr') {
      if (cur.kind === 'reference') {
        cur = extendRef(cur, s.name);
        continue;
      }
      if (cur.kind === 'map') {
        if (!Object.prototype.hasOwnProperty.call(cur.entries, s.name)) return errorValue(`no attribute ${JSON.stringify(s.name)}`);
        cur = cur.entries[s.name];
        continue;
      }
      if (cur.kind === 'null') return errorValue(`attribute ${s.name} of null`);
      return errorValue(`cannot read attribute ${s.name} of ${cur.kind}`);
    }
    // index
    const k = evaluate(s.key, ctx, d);
    if (cur.kind === 'reference') {
      const ks = k.kind === 'number' ? String(k.value) : k.kind === 'string' ? JSON.stringify(k.value) : '?';
      cur = extendRef(cur, `[${ks}]`);
      continue;
    }
    if (k.kind === 'unknown' || k.kind === 'reference') return unknownFrom(undefined, k);
    if (cur.kind === 'list') {
      const n = k.kind === 'number' ? k.value : k.kind === 'string' ? Number(k.value) : NaN;
      if (!Number.isInteger(n) || n < 0 || n >= cur.items.length) return errorValue(`index ${s.key.text} out of range`);
      cur = cur.items[n];
      continue;
    }
    if (cur.kind === 'map') {
      const ks = asString(k);
      if (ks === undefined || !Object.prototype.hasOwnProperty.call(cur.entries, ks)) return errorValue(`no key ${s.key.text}`);
      cur = cur.entries[ks];
      continue;
    }
    return errorValue(`cannot index ${cur.kind}`);
  }
  return cur;
}

function extendRef(r: ReferenceValue, part: string): ReferenceValue {
  const attribute = !r.attribute ? part.replace(/^\./, '') : part.startsWith('[') ? r.attribute + part : `${r.attribute}.${part}`;
  return { ...r, attribute, origin: undefined };
}

/** Text of steps for a reference's attribute path (index keys evaluated when possible). */
export function stepsText(steps: HclTraversalStep[], ctx: EvalContext, d: number): string {
  let out = '';
  for (const s of steps) {
    if (s.kind === 'attr') out += '.' + s.name;
    else if (s.kind === 'splat') out += '[*]';
    else {
      const k = evaluate(s.key, ctx, d);
      out += `[${k.kind === 'number' ? k.value : k.kind === 'string' ? JSON.stringify(k.value) : '?'}]`;
    }
  }
  return out;
}

export { refText };
