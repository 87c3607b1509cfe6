/** Terraform built-in functions the resolver evaluates (pure ones only). */
import { newRecord } from '../parsers/hcl/model.js';
import { findCatastrophicBacktracking } from '../packs/regex-safety.js';
import {
  NULL,
  asString,
  bool,
  errorValue,
  firstUnknown,
  formatNumber,
  fromJs,
  list,
  map,
  num,
  str,
  toJs,
  unknownFrom,
  valuesEqual,
  type Value,
} from './values.js';

type Fn = (args: Value[]) => Value;

/** If any argument is unknown at the top level, the merged unknown. */
function topUnknown(name: string, args: Value[]): Value | undefined {
  const bad = args.filter((a) => a.kind === 'unknown');
  return bad.length ? unknownFrom(undefined, ...bad) : undefined;
}

/** If any argument contains an unknown or a reference anywhere, an unknown. */
function deepUnknown(args: Value[]): Value | undefined {
  const bad: Value[] = [];
  for (const a of args) {
    const u = firstUnknown(a);
    if (u) bad.push(u);
  }
  return bad.length ? unknownFrom(undefined, ...bad) : undefined;
}

function toStr(v: Value): string | undefined {
  return asString(v);
}

function strFn(f: (...s: string[]) => Value): Fn {
  return (args) => {
    const u = deepUnknown(args);
    if (u) return u;
    const s: string[] = [];
    for (const a of args) {
      const x = toStr(a);
      if (x === undefined) return errorValue(`expected a string, got ${a.kind}`);
      s.push(x);
    }
    return f(...s);
  };
}

function seq(v: Value): Value[] | undefined {
  if (v.kind === 'list') return v.items;
  return undefined;
}

function formatValue(verb: string, v: Value): string | undefined {
  switch (verb) {
    case 'd':
      return v.kind === 'number' ? String(Math.trunc(v.value)) : toStr(v);
    case 'q':
      return toStr(v) === undefined ? undefined : JSON.stringify(toStr(v));
    case 'v': {
      if (v.kind === 'list' || v.kind === 'map') return JSON.stringify(toJs(v));
      return toStr(v);
    }
    case 't':
      return v.kind === 'bool' ? String(v.value) : toStr(v);
    default:
      return toStr(v);
  }
}

function format(args: Value[]): Value {
  const u = deepUnknown(args);
  if (u) return u;
  const f = toStr(args[0] ?? NULL);
  if (f === undefined) return errorValue('format: first argument must be a string');
  let i = 1;
  let out = '';
  const re = /%(%|[-+# 0]*\d*(?:\.\d+)?([a-zA-Z]))/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(f))) {
    out += f.slice(last, m.index);
    last = re.lastIndex;
    if (m[1] === '%') {
      out += '%';
      continue;
    }
    const arg = args[i++];
    if (!arg) return errorValue('format: not enough arguments');
    const prec = /\.(\d+)/.exec(m[1]);
    let s: string | undefined;
    if ((m[2] === 'f' || m[2] === 'e' || m[2] === 'g') && arg.kind === 'number') {
      s = m[2] === 'f' ? arg.value.toFixed(prec ? Number(prec[1]) : 6) : String(arg.value);
    } else s = formatValue(m[2], arg);
    if (s === undefined) return errorValue(`format: cannot format ${arg.kind} with %${m[2]}`);
    const spec = /^([-+# 0]*)(\d*)/.exec(m[1])!;
    const width = spec[2] ? Number(spec[2]) : 0;
    if (width > s.length) {
      if (spec[1].includes('-')) s = s.padEnd(width);
      else if (spec[1].includes('0') && arg.kind === 'number') s = s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
      else s = s.padStart(width);
    }
    out += s;
  }
  out += f.slice(last);
  return str(out);
}

function flatten(items: Value[], out: Value[]): Value | undefined {
  for (const i of items) {
    if (i.kind === 'list') {
      const r = flatten(i.items, out);
      if (r) return r;
    } else if (i.kind === 'unknown') return i;
    else out.push(i);
  }
  return undefined;
}

function distinct(items: Value[]): Value[] | undefined {
  const out: Value[] = [];
  for (const i of items) {
    let dup = false;
    for (const o of out) {
      const e = valuesEqual(i, o);
      if (e === undefined) return undefined;
      if (e) {
        dup = true;
        break;
      }
    }
    if (!dup) out.push(i);
  }
  return out;
}

function jsonEncode(v: Value): Value {
  const u = deepUnknown([v]);
  if (u) return u;
  return str(JSON.stringify(toJs(v)));
}

const FUNCTIONS: Record<string, Fn> = {
  merge(args) {
    const u = topUnknown('merge', args);
    if (u) return u;
    const r = newRecord<Value>();
    for (const a of args) {
      if (a.kind === 'null') continue;
      if (a.kind !== 'map') return errorValue(`merge: arguments must be maps or objects, got ${a.kind}`);
      for (const [k, v] of Object.entries(a.entries)) r[k] = v;
    }
    return map(r);
  },
  concat(args) {
    const u = topUnknown('concat', args);
    if (u) return u;
    const out: Value[] = [];
    for (const a of args) {
      const s = seq(a);
      if (!s) return errorValue(`concat: arguments must be lists, got ${a.kind}`);
      out.push(...s);
    }
    return list(out);
  },
  lookup(args) {
    const [m, k, d] = args;
    if (!m || !k) return errorValue('lookup: needs a map and a key');
    if (m.kind === 'unknown' || k.kind === 'unknown') return unknownFrom(undefined, m, k);
    const key = toStr(k);
    if (key === undefined) return unknownFrom(undefined, k);
    if (m.kind !== 'map') return errorValue('lookup: first argument must be a map');
    if (key in m.entries) return m.entries[key];
    return d ?? errorValue(`lookup: key ${JSON.stringify(key)} not found and no default`);
  },
  coalesce(args) {
    for (const a of args) {
      if (a.kind === 'unknown' || a.kind === 'reference') return unknownFrom(undefined, a);
      if (a.kind === 'null') continue;
      if (a.kind === 'string' && a.value === '') continue;
      return a;
    }
    return errorValue('coalesce: no non-null, non-empty argument');
  },
  coalescelist(args) {
    for (const a of args) {
      if (a.kind === 'unknown') return a;
      if (a.kind === 'list' && a.items.length > 0) return a;
    }
    return errorValue('coalescelist: no non-empty list');
  },
  tostring(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'null') return a;
    if (a.kind === 'unknown' || a.kind === 'reference') return unknownFrom(undefined, a);
    const s = toStr(a);
    return s === undefined ? errorValue(`tostring: cannot convert ${a.kind}`) : str(s);
  },
  tonumber(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'null' || a.kind === 'number') return a;
    if (a.kind === 'unknown' || a.kind === 'reference') return unknownFrom(undefined, a);
    if (a.kind === 'string' && a.value.trim() !== '' && Number.isFinite(Number(a.value))) return num(Number(a.value));
    return errorValue(`tonumber: cannot convert ${a.kind}`);
  },
  tobool(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'null' || a.kind === 'bool') return a;
    if (a.kind === 'unknown' || a.kind === 'reference') return unknownFrom(undefined, a);
    if (a.kind === 'string' && (a.value === 'true' || a.value === 'false')) return bool(a.value === 'true');
    return errorValue(`tobool: cannot convert ${a.kind}`);
  },
  tolist(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'list' || a.kind === 'null' || a.kind === 'unknown') return a;
    return errorValue(`tolist: cannot convert ${a.kind}`);
  },
  toset(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'null' || a.kind === 'unknown') return a;
    if (a.kind !== 'list') return errorValue(`toset: cannot convert ${a.kind}`);
    const d = distinct(a.items);
    return d ? list(d) : unknownFrom(undefined, a);
  },
  tomap(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'map' || a.kind === 'null' || a.kind === 'unknown') return a;
    return errorValue(`tomap: cannot convert ${a.kind}`);
  },
  jsonencode(args) {
    return jsonEncode(args[0] ?? NULL);
  },
  jsondecode(args) {
    const a = args[0] ?? NULL;
    if (a.kind !== 'string') return a.kind === 'unknown' || a.kind === 'reference' ? unknownFrom(undefined, a) : errorValue('jsondecode: needs a string');
    try {
      return fromJs(JSON.parse(a.value));
    } catch {
      return errorValue('jsondecode: invalid JSON');
    }
  },
  format,
  formatlist(args) {
    const u = topUnknown('formatlist', args);
    if (u) return u;
    const lens = args.slice(1).filter((a) => a.kind === 'list').map((a) => (a as { items: Value[] }).items.length);
    const n = lens.length ? Math.min(...lens) : 1;
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push(format(args.map((a, j) => (j > 0 && a.kind === 'list' ? a.items[i] : a))));
    return list(out);
  },
  join(args) {
    const [sep, ...lists] = args;
    const u = deepUnknown(args);
    if (u) return u;
    const s = sep ? toStr(sep) : undefined;
    if (s === undefined) return errorValue('join: separator must be a string');
    const parts: string[] = [];
    for (const l of lists) {
      const items = seq(l);
      if (!items) return errorValue('join: arguments must be lists');
      for (const i of items) {
        const x = toStr(i);
        if (x === undefined) return errorValue('join: list elements must be strings');
        parts.push(x);
      }
    }
    return str(parts.join(s));
  },
  split: strFn((sep, s) => list((s === '' ? [] : s.split(sep)).map(str))),
  lower: strFn((s) => str(s.toLowerCase())),
  upper: strFn((s) => str(s.toUpperCase())),
  title: strFn((s) => str(s.replace(/\b\w/g, (c) => c.toUpperCase()))),
  trimspace: strFn((s) => str(s.trim())),
  trim: strFn((s, cut) => {
    const set = new Set(cut);
    let a = 0;
    let b = s.length;
    while (a < b && set.has(s[a])) a++;
    while (b > a && set.has(s[b - 1])) b--;
    return str(s.slice(a, b));
  }),
  trimprefix: strFn((s, p) => str(s.startsWith(p) ? s.slice(p.length) : s)),
  trimsuffix: strFn((s, p) => str(p && s.endsWith(p) ? s.slice(0, -p.length) : s)),
  startswith: strFn((s, p) => bool(s.startsWith(p))),
  endswith: strFn((s, p) => bool(s.endsWith(p))),
  strcontains: strFn((s, p) => bool(s.includes(p))),
  substr: (args) => {
    const u = deepUnknown(args);
    if (u) return u;
    const [s, o, l] = args;
    if (s?.kind !== 'string' || o?.kind !== 'number' || l?.kind !== 'number') return errorValue('substr: bad arguments');
    const chars = [...s.value];
    const off = o.value < 0 ? chars.length + o.value : o.value;
    return str(chars.slice(off, l.value < 0 ? undefined : off + l.value).join(''));
  },
  replace: strFn((s, search, rep) => {
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
      try {
        // Terraform runs RE2 (linear time); V8 backtracks, so a pattern from the scanned code is checked first
        if (findCatastrophicBacktracking(search.slice(1, -1))) return errorValue('replace: regular expression may backtrack catastrophically; not evaluated');
        return str(s.replace(new RegExp(search.slice(1, -1), 'g'), rep.replace(/\$\{(\w+)\}/g, '$<$1>')));
      } catch {
        return errorValue('replace: invalid regular expression');
      }
    }
    return str(s.split(search).join(rep));
  }),
  contains(args) {
    const [l, v] = args;
    if (!l || !v) return errorValue('contains: needs a list and a value');
    if (l.kind === 'unknown') return l;
    const items = seq(l);
    if (!items) return errorValue('contains: first argument must be a list');
    let unsure: Value | undefined;
    for (const i of items) {
      const e = valuesEqual(i, v);
      if (e) return bool(true);
      if (e === undefined) unsure = firstUnknown(i) ?? firstUnknown(v) ?? i;
    }
    return unsure ? unknownFrom(undefined, unsure) : bool(false);
  },
  length(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind === 'list') return num(a.items.length);
    if (a.kind === 'map') return num(Object.keys(a.entries).length);
    if (a.kind === 'string') return num([...a.value].length);
    if (a.kind === 'reference') return unknownFrom(undefined, a);
    return errorValue(`length: cannot take the length of ${a.kind}`);
  },
  element(args) {
    const [l, i] = args;
    if (!l || !i) return errorValue('element: needs a list and an index');
    if (l.kind === 'unknown' || i.kind === 'unknown') return unknownFrom(undefined, l, i);
    if (l.kind !== 'list' || i.kind !== 'number') return errorValue('element: bad arguments');
    if (l.items.length === 0) return errorValue('element: empty list');
    const n = l.items.length;
    return l.items[((Math.trunc(i.value) % n) + n) % n];
  },
  flatten(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind !== 'list') return errorValue('flatten: needs a list');
    const out: Value[] = [];
    const u = flatten(a.items, out);
    return u ? unknownFrom(undefined, u) : list(out);
  },
  keys(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind !== 'map') return errorValue('keys: needs a map');
    return list(Object.keys(a.entries).sort().map(str));
  },
  values(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind !== 'map') return errorValue('values: needs a map');
    return list(
      Object.keys(a.entries)
        .sort()
        .map((k) => a.entries[k]),
    );
  },
  distinct(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind !== 'list') return errorValue('distinct: needs a list');
    const d = distinct(a.items);
    return d ? list(d) : unknownFrom(undefined, a);
  },
  compact(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind !== 'list') return errorValue('compact: needs a list');
    const u = deepUnknown(a.items);
    if (u) return u;
    return list(a.items.filter((i) => i.kind !== 'null' && !(i.kind === 'string' && i.value === '')));
  },
  zipmap(args) {
    const [k, v] = args;
    const u = topUnknown('zipmap', args);
    if (u) return u;
    if (k?.kind !== 'list' || v?.kind !== 'list') return errorValue('zipmap: needs two lists');
    const r = newRecord<Value>();
    for (let i = 0; i < k.items.length; i++) {
      const key = toStr(k.items[i]);
      if (key === undefined) return unknownFrom(undefined, k.items[i]);
      r[key] = v.items[i] ?? NULL;
    }
    return map(r);
  },
  one(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    if (a.kind !== 'list') return errorValue('one: needs a list');
    if (a.items.length > 1) return errorValue('one: more than one element');
    return a.items[0] ?? NULL;
  },
  reverse(args) {
    const a = args[0] ?? NULL;
    if (a.kind === 'unknown') return a;
    return a.kind === 'list' ? list([...a.items].reverse()) : errorValue('reverse: needs a list');
  },
  sort(args) {
    const a = args[0] ?? NULL;
    const u = deepUnknown([a]);
    if (u) return u;
    if (a.kind !== 'list') return errorValue('sort: needs a list');
    const s = a.items.map((i) => toStr(i) ?? '');
    return list(s.sort().map(str));
  },
  slice(args) {
    const [l, a, b] = args;
    const u = topUnknown('slice', args);
    if (u) return u;
    if (l?.kind !== 'list' || a?.kind !== 'number' || b?.kind !== 'number') return errorValue('slice: bad arguments');
    return list(l.items.slice(a.value, b.value));
  },
  min: numFn((xs) => Math.min(...xs)),
  max: numFn((xs) => Math.max(...xs)),
  abs: numFn((xs) => Math.abs(xs[0] ?? 0)),
  ceil: numFn((xs) => Math.ceil(xs[0] ?? 0)),
  floor: numFn((xs) => Math.floor(xs[0] ?? 0)),
  alltrue(args) {
    const a = args[0] ?? NULL;
    const u = deepUnknown([a]);
    if (u) return u;
    if (a.kind !== 'list') return errorValue('alltrue: needs a list');
    return bool(a.items.every((i) => (i.kind === 'bool' && i.value) || (i.kind === 'string' && i.value === 'true')));
  },
  anytrue(args) {
    const a = args[0] ?? NULL;
    const u = deepUnknown([a]);
    if (u) return u;
    if (a.kind !== 'list') return errorValue('anytrue: needs a list');
    return bool(a.items.some((i) => (i.kind === 'bool' && i.value) || (i.kind === 'string' && i.value === 'true')));
  },
  range(args) {
    const u = deepUnknown(args);
    if (u) return u;
    const n = args.map((a) => (a.kind === 'number' ? a.value : NaN));
    if (n.some((x) => !Number.isFinite(x))) return errorValue('range: needs numbers');
    const [start, end, step] = n.length === 1 ? [0, n[0], 1] : [n[0], n[1], n[2] ?? (n[1] >= n[0] ? 1 : -1)];
    if (step === 0) return errorValue('range: step must not be 0');
    const out: Value[] = [];
    for (let x = start; step > 0 ? x < end : x > end; x += step) {
      out.push(num(x));
      if (out.length > 1024) return errorValue('range: too many elements');
    }
    return list(out);
  },
};

function numFn(f: (xs: number[]) => number): Fn {
  return (args) => {
    const u = deepUnknown(args);
    if (u) return u;
    const xs: number[] = [];
    for (const a of args) {
      if (a.kind !== 'number') return errorValue('expected numbers');
      xs.push(a.value);
    }
    return num(f(xs));
  };
}

/** Call a built-in by name; undefined when the function is not evaluated by Saltire. */
export function callFunction(name: string, args: Value[]): Value | undefined {
  const f = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  return f ? f(args) : undefined;
}

export function isEvaluatedFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export { formatNumber };
